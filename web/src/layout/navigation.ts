import type { Me } from '../api/types.ts';
import { seesRegistry } from '../auth/session.tsx';

export interface NavItem {
  label: string;
  to: string;
  /** Sub-items shown under a group heading. */
  children?: NavItem[];
}

/**
 * The left menu: a teacher sees their own card, managers the registry, the admin everything. What a
 * section needs is the caller's capability from `/api/auth/me` (the API enforces the same rules).
 */
export function navigationFor(me: Me, opts: { setupDone?: boolean } = {}): NavItem[] {
  const can = me.capabilities;
  const items: NavItem[] = [{ label: 'Главная', to: '/' }];
  // First run with one's own data: the set-up steps lead the menu until every step is done, then
  // the page stays reachable under «Администрирование» (its import templates are still useful).
  const setup: NavItem = { label: 'Начало работы', to: '/setup' };
  if (can.directory.setUp && !opts.setupDone) items.push(setup);
  if (can.directory.manageTerritories) items.push({ label: 'Регионы и муниципалитеты', to: '/territories' });
  // A teacher's own diagnoses come right after the home page.
  if (can.assessment.takeAssessments) items.push({ label: 'Мой кабинет', to: '/cabinet' });
  if (can.directory.seeOwnCard && me.personId) {
    items.push({ label: 'Моя карточка', to: `/people/${me.personId}` });
  } else if (seesRegistry(me)) {
    if (can.directory.seeOrganizations) items.push({ label: 'Организации', to: '/organizations' });
    items.push({ label: 'Педагогические кадры', to: '/staff' });
    if (can.directory.seeOrganizations) {
      items.push({ label: 'Вакансии', to: '/vacancies' });
      items.push({ label: 'Штатное расписание', to: '/staffing' });
    }
    if (can.directory.manageRegistry) items.push({ label: 'Импорт', to: '/import' });
    if (can.directory.bulkInvite) items.push({ label: 'Приглашение педагогов', to: '/invitations' });
  }
  // Individual educational routes (ИОМ): the teacher's own, the curator's workspace, the lists.
  if (can.routes.followOwnRoute) items.push({ label: 'Мой маршрут', to: '/my/route' });
  if (can.routes.curateRoutes) items.push({ label: 'Кабинет куратора', to: '/curator' });
  if (can.routes.listRoutes) {
    items.push({ label: 'Маршруты (ИОМ)', to: '/routes' });
  }
  // Diagnosis of professional deficits and the catalog of programs.
  if (can.assessment.viewCampaigns) items.push({ label: 'Диагностика', to: '/assessment/campaigns' });
  if (can.assessment.viewDeficits) items.push({ label: 'Дефициты', to: '/deficits' });
  // The catalog is read by everyone signed in (the API asks no rule for reading it).
  items.push({ label: 'Каталог программ', to: '/catalog/programs' });
  // Plans of methodical events: each sees the plans of their territory (the API cuts them to scope).
  items.push({ label: 'Мероприятия', to: '/events' });
  items.push({ label: 'Календарь мероприятий', to: '/calendar' });
  // Associations, councils and clubs of the territory (the API cuts them to scope); the asset,
  // experts and reserve for everyone (a teacher sees their own nominations).
  items.push({ label: 'Сообщества', to: '/communities' });
  items.push({ label: 'Актив, эксперты, резерв', to: '/memberships' });
  // The bank of practices: published materials for everyone of the region, one's own, moderation.
  items.push({ label: 'Банк практик', to: '/practices' });
  if (can.practices.writeMaterials) items.push({ label: 'Мои материалы', to: '/my/practices' });
  if (can.practices.moderate) items.push({ label: 'Модерация', to: '/moderation/practices' });
  // Expert cards (004): the campaigns and one's own cards (the head's, the expert's), the templates.
  const cards = can.expertCards;
  if (cards.readCampaigns || cards.fillCards || cards.reviewCards || cards.readTemplates) {
    items.push({
      label: 'Экспертные карты',
      to: '/expert-cards',
      children: [
        ...(cards.readCampaigns || cards.fillCards || cards.reviewCards
          ? [{ label: cards.readCampaigns ? 'Кампании' : 'Мои карты', to: '/expert-cards' }]
          : []),
        ...(cards.readTemplates ? [{ label: 'Шаблоны карт', to: '/expert-cards/templates' }] : []),
      ],
    });
  }
  // Mentoring: the programs and pairs of the school (the head) or the municipality (the methodist),
  // and everyone's own pairs as mentor or mentee.
  if (can.mentoring.seePrograms) items.push({ label: 'Наставничество', to: '/mentoring' });
  if (can.mentoring.ownMentoring) items.push({ label: 'Моё наставничество', to: '/my/mentoring' });
  // Burnout support: the school's plans (the head; the school psychologist reaches them from «Моя
  // поддержка»), the municipal counts without names, everyone's own plan.
  if (can.wellbeing.keepPlans) items.push({ label: 'Поддержка педагогов', to: '/wellbeing' });
  if (can.wellbeing.seeSummary) items.push({ label: 'Поддержка педагогов', to: '/wellbeing/summary' });
  if (can.wellbeing.ownSupport) items.push({ label: 'Моя поддержка', to: '/my/support' });
  // Data-collection forms (monitoring): methodists define and review, school heads fill.
  if (can.monitoring.readForms) items.push({ label: 'Формы сбора данных', to: '/monitoring/forms' });
  if (can.monitoring.fillForms) items.push({ label: 'Формы для заполнения', to: '/monitoring/my-forms' });
  // Monitoring: indicator sets, monitorings and dashboards.
  if (can.monitoring.readMonitorings) {
    items.push({
      label: 'Мониторинг',
      to: '/monitoring',
      children: [
        { label: 'Показатели', to: '/monitoring/indicators' },
        { label: 'Мониторинги', to: '/monitoring/campaigns' },
        { label: 'Дашборд', to: '/monitoring/dashboard' },
      ],
    });
  }
  const admin: NavItem[] = [
    ...(can.directory.setUp && opts.setupDone ? [setup] : []),
    ...(can.admin.users ? [{ label: 'Пользователи', to: '/admin/users' }] : []),
    ...(can.admin.audit ? [{ label: 'Журнал аудита', to: '/admin/audit' }] : []),
    ...(can.admin.settings ? [{ label: 'Настройки', to: '/admin/settings' }] : []),
    ...(can.notifications.readOutbox ? [{ label: 'Почтовый журнал', to: '/notifications?tab=outbox' }] : []),
  ];
  if (admin.length > 0) items.push({ label: 'Администрирование', to: '/admin', children: admin });
  items.push({ label: 'Уведомления', to: '/notifications' });
  items.push({ label: 'Профиль', to: '/profile' });
  return items;
}
