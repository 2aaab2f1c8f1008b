import type { Me } from '../api/types.ts';
import { seesRegistry } from '../auth/session.tsx';

/** Who sees the diagnosis menu items (the API enforces the same roles). */
const ASSESSMENT_MENU: Record<'campaigns' | 'deficits', readonly string[]> = {
  campaigns: ['admin', 'region_admin', 'municipal_methodist', 'municipal_head', 'org_head'],
  deficits: ['admin', 'region_admin', 'municipal_methodist', 'municipal_head', 'org_head', 'curator'],
};

export interface NavItem {
  label: string;
  to: string;
  /** Sub-items shown under a group heading. */
  children?: NavItem[];
}

/** The left menu for a role: a teacher sees their own card, managers the registry, the admin everything. */
export function navigationFor(me: Me): NavItem[] {
  const items: NavItem[] = [{ label: 'Главная', to: '/' }];
  if (me.role === 'teacher') {
    if (me.personId) items.push({ label: 'Моя карточка', to: `/people/${me.personId}` });
  } else if (seesRegistry(me)) {
    if (me.role !== 'curator') items.push({ label: 'Организации', to: '/organizations' });
    items.push({ label: 'Педагогические кадры', to: '/staff' });
    if (me.role !== 'curator') {
      items.push({ label: 'Вакансии', to: '/vacancies' });
      items.push({ label: 'Штатное расписание', to: '/staffing' });
    }
    if (me.canManageRegistry) items.push({ label: 'Импорт', to: '/import' });
  }
  // Individual educational routes (ИОМ): the teacher's own, the curator's workspace, the lists.
  if (me.role === 'teacher') items.push({ label: 'Мой маршрут', to: '/my/route' });
  if (me.role === 'curator' || me.role === 'municipal_methodist') {
    items.push({ label: 'Кабинет куратора', to: '/curator' });
  }
  if (['admin', 'region_admin', 'municipal_methodist', 'municipal_head', 'org_head'].includes(me.role)) {
    items.push({ label: 'Маршруты (ИОМ)', to: '/routes' });
  }
  // Diagnosis of professional deficits and the catalog of programs.
  if (me.role === 'teacher') items.splice(1, 0, { label: 'Мой кабинет', to: '/cabinet' });
  if (ASSESSMENT_MENU.campaigns.includes(me.role))
    items.push({ label: 'Диагностика', to: '/assessment/campaigns' });
  if (ASSESSMENT_MENU.deficits.includes(me.role)) items.push({ label: 'Дефициты', to: '/deficits' });
  if (me.role !== 'expert') items.push({ label: 'Каталог программ', to: '/catalog/programs' });
  // Data-collection forms (monitoring): methodists define and review, school heads fill.
  if (['admin', 'region_admin', 'municipal_methodist', 'municipal_head'].includes(me.role))
    items.push({ label: 'Формы сбора данных', to: '/monitoring/forms' });
  if (me.role === 'org_head') items.push({ label: 'Формы для заполнения', to: '/monitoring/my-forms' });
  // Monitoring: indicator sets, monitorings and dashboards (the API enforces the same roles).
  if (['admin', 'region_admin', 'municipal_methodist', 'municipal_head', 'org_head'].includes(me.role)) {
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
  if (me.role === 'admin') {
    items.push({
      label: 'Администрирование',
      to: '/admin',
      children: [
        { label: 'Пользователи', to: '/admin/users' },
        { label: 'Журнал аудита', to: '/admin/audit' },
        { label: 'Настройки', to: '/admin/settings' },
      ],
    });
  }
  items.push({ label: 'Профиль', to: '/profile' });
  return items;
}
