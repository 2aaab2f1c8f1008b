/**
 * Russian names of what the audit log records: the one map for every action and entity that
 * `writeAudit` may write (the types below make a new string without a name a compile error) and
 * for the keys of its details. The audit log page and a person's history read them from here.
 */

export const AUDIT_ACTIONS = {
  create: 'Создание',
  update: 'Изменение',
  delete: 'Удаление',
  end: 'Завершение',
  import: 'Импорт',
  export: 'Выгрузка',
  read: 'Просмотр',
  download: 'Скачивание',
  save: 'Сохранение',
  submit: 'Отправка',
  accept: 'Принятие',
  return: 'Возврат на доработку',
  assign: 'Назначение',
  remind: 'Напоминание',
  open: 'Открытие',
  close: 'Закрытие',
  login: 'Вход',
  logout: 'Выход',
  login_failed: 'Неудачный вход',
  invite: 'Приглашение в систему',
  invitation: 'Ссылка для входа',
  password_change: 'Смена пароля',
  password_set: 'Установка пароля',
  agree: 'Согласование',
  status: 'Смена статуса',
  add_item: 'Добавление мероприятия',
  item_start: 'Начало мероприятия',
  item_done: 'Выполнение мероприятия',
  item_confirm: 'Подтверждение мероприятия',
  item_return: 'Возврат мероприятия',
  item_drop: 'Исключение мероприятия',
  edit_item: 'Изменение мероприятия',
  delete_item: 'Удаление мероприятия',
  regenerate: 'Пересоставление',
  comment: 'Комментарий',
} as const satisfies Record<string, string>;

export const AUDIT_ENTITIES = {
  person: 'Сотрудник',
  employment: 'Место работы',
  organization: 'Организация',
  vacancy: 'Вакансия',
  staffing: 'Штатное расписание',
  user: 'Пользователь',
  settings: 'Настройки',
  region: 'Регион',
  municipality: 'Муниципалитет',
  staff_list: 'Реестр кадров',
  import: 'Импорт',
  invitation: 'Приглашение',
  demo: 'Демонстрационные данные',
  table: 'Таблица',
  stored_file: 'Файл',
  competency_framework: 'Карта компетенций',
  competency_group: 'Группа компетенций',
  competency: 'Компетенция',
  instrument: 'Методика диагностики',
  assessment_campaign: 'Кампания диагностики',
  assessment_attempt: 'Прохождение диагностики',
  deficits: 'Дефициты',
  deficit_list: 'Список педагогов с дефицитом',
  deficit_heatmap: 'Тепловая карта дефицитов',
  competency_result: 'Результаты диагностики',
  program: 'Программа',
  programs: 'Каталог программ',
  program_cohort: 'Поток программы',
  training: 'Обучение',
  trainings: 'Обучение педагогов',
  learning_route: 'Маршрут',
  learning_routes: 'Маршруты',
  route_confirmations: 'Подтверждения мероприятий',
  route_measures: 'Показатели маршрутов',
  route_effect: 'Эффект маршрутов',
  route_effect_summary: 'Сводка эффекта маршрутов',
  indicator_set: 'Набор показателей',
  indicator: 'Показатель',
  indicator_targets: 'Цели показателя',
  manual_measure_value: 'Значение, внесённое вручную',
  monitorings: 'Мониторинг',
  monitoring_members: 'Посчитанные в мониторинге',
  collection_forms: 'Форма сбора данных',
  form_assignments: 'Назначение формы',
  form_submissions: 'Ответ на форму',
  mail_outbox: 'Почтовый журнал',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export type AuditEntity = keyof typeof AUDIT_ENTITIES;

/** Keys of an entry's details (and of the query it records); field names fall back to FIELD_LABELS. */
export const AUDIT_DETAIL_LABELS: Record<string, string> = {
  total: 'найдено',
  returned: 'показано',
  offset: 'с записи',
  limit: 'записей на странице',
  page: 'страница',
  pageSize: 'записей на странице',
  sort: 'сортировка',
  order: 'порядок',
  format: 'формат',
  fileFormat: 'формат',
  filters: 'фильтры',
  fileName: 'файл',
  rows: 'строк',
  columns: 'столбцов',
  kind: 'вид',
  reason: 'причина',
  role: 'роль',
  email: 'эл. почта',
  side: 'сторона',
  status: 'статус',
  from: 'было',
  to: 'стало',
  itemId: 'мероприятие',
  evidence: 'подтверждение',
  text: 'текст',
  comment: 'комментарий',
  after: 'данные',
  copiedFrom: 'скопирован из',
  values: 'значений',
  memberRows: 'строк посчитанных людей',
  indicatorId: 'показатель',
  part: 'часть',
  organizationIds: 'организации',
  bulk: 'массово',
  hours: 'часы',
  items: 'мероприятий',
  title: 'название',
  count: 'количество',
  created: 'создано',
  updated: 'обновлено',
  skipped: 'пропущено',
  errors: 'ошибок',
  mode: 'режим',
  campaignId: 'кампания',
  frameworkId: 'карта компетенций',
  competencyId: 'компетенция',
  groupBy: 'разрез',
  level: 'уровень',
  reminded: 'напомнили',
};

/** Who agreed a route, for «Маршрут согласован педагогом». */
const AGREED_BY: Record<string, string> = { teacher: 'педагогом', curator: 'куратором' };

/**
 * One line saying what happened to what: «Маршрут согласован педагогом», «Изменение: сотрудник».
 * Route actions read as sentences; the rest as «действие: объект».
 */
export function auditSummary(action: string, entity: string, details?: unknown): string {
  const d = (details && typeof details === 'object' ? details : {}) as Record<string, unknown>;
  if (entity === 'learning_route') {
    const routeSentences: Record<string, string> = {
      create: 'Маршрут составлен',
      update: 'Маршрут изменён',
      agree: `Маршрут согласован ${AGREED_BY[String(d.side)] ?? ''}`.trim(),
      status: 'Изменён статус маршрута',
      regenerate: 'Маршрут составлен заново',
      add_item: 'В маршрут добавлено мероприятие',
      edit_item: 'Изменено мероприятие маршрута',
      delete_item: 'Мероприятие удалено из маршрута',
      item_start: 'Начато мероприятие маршрута',
      item_done: 'Мероприятие маршрута выполнено',
      item_confirm: 'Выполнение мероприятия подтверждено',
      item_return: 'Мероприятие возвращено на доработку',
      item_drop: 'Мероприятие исключено из маршрута',
      comment: 'Комментарий к маршруту',
    };
    if (routeSentences[action]) return routeSentences[action];
  }
  const a = (AUDIT_ACTIONS as Record<string, string>)[action] ?? 'Действие';
  const e = (AUDIT_ENTITIES as Record<string, string>)[entity];
  return e ? `${a}: ${e.toLowerCase()}` : a;
}
