/**
 * Russian words the UI prints. The directory's closed lists come from the server's own
 * vocabulary module (one source for imports, exports and screens); the rest is UI-only.
 */
import {
  CATEGORIES,
  EDUCATION_LEVELS,
  EMPLOYMENT_KINDS,
  INNOVATION_PLATFORMS,
  ORG_KINDS,
  STAFF_CATEGORIES,
} from '../../../src/directory/vocabulary.ts';
import {
  CERTIFICATE_KINDS,
  REGISTRATION_ROLES,
  REGISTRATION_STATUSES,
} from '../../../src/events/events.vocabulary.ts';
import {
  AUDIT_ACTIONS,
  AUDIT_DETAIL_LABELS,
  AUDIT_ENTITIES,
  auditSummary,
} from '../../../src/platform/audit/audit.labels.ts';
import { ROLE_LABELS } from '../../../src/platform/auth/actor.ts';
import { ITEM_STATUS_LABELS, ROUTE_STATUS_LABELS } from '../../../src/routes/routes.policy.ts';
import type { Category, ImportKind, OrgKind, Role } from '../api/types.ts';

export {
  AUDIT_ACTIONS,
  AUDIT_DETAIL_LABELS,
  AUDIT_ENTITIES,
  auditSummary,
  CATEGORIES,
  EDUCATION_LEVELS,
  EMPLOYMENT_KINDS,
  INNOVATION_PLATFORMS,
  ORG_KINDS,
  ROLE_LABELS,
  STAFF_CATEGORIES,
};

export const ORG_KIND_OPTIONS = (Object.keys(ORG_KINDS) as OrgKind[]).map((k) => ({
  value: k,
  label: `${ORG_KINDS[k].short} — ${ORG_KINDS[k].label}`,
}));

export const CATEGORY_OPTIONS = (Object.keys(CATEGORIES) as Category[]).map((k) => ({
  value: k,
  label: CATEGORIES[k],
}));

export const CATEGORY_COLORS: Record<Category, string> = {
  highest: 'teal',
  first: 'blue',
  szd: 'grape',
  none: 'gray',
};

export const AGE_BANDS = [
  { value: 'under25', label: 'до 25 лет' },
  { value: '25-34', label: '25–34 года' },
  { value: '35-44', label: '35–44 года' },
  { value: '45-54', label: '45–54 года' },
  { value: '55-64', label: '55–64 года' },
  { value: '65plus', label: '65 лет и старше' },
] as const;

export const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as Role[]).map((k) => ({
  value: k,
  label: ROLE_LABELS[k],
}));

export const IMPORT_KINDS: { value: ImportKind; label: string; hint: string }[] = [
  {
    value: 'orgs',
    label: 'Организации',
    hint: 'Перечень образовательных организаций: код, наименования, тип, признаки (сельская, ШНОР, площадки).',
  },
  {
    value: 'staff',
    label: 'Педагогические кадры',
    hint: 'Сотрудники и их места работы: ФИО, СНИЛС, должность, предметы, нагрузка, категория.',
  },
  { value: 'vacancies', label: 'Вакансии', hint: 'Открытые и закрытые вакансии организаций.' },
  {
    value: 'staffing',
    label: 'Штатное расписание',
    hint: 'Педагогические и административные ставки по организациям за год: всего и занято.',
  },
];

/** Readable names of the fields that appear in change history and the audit log. */
export const FIELD_LABELS: Record<string, string> = {
  lastName: 'Фамилия',
  firstName: 'Имя',
  patronymic: 'Отчество',
  birthDate: 'Дата рождения',
  sex: 'Пол',
  snils: 'СНИЛС',
  email: 'Эл. почта',
  education: 'Образование',
  pedExperienceYears: 'Педагогический стаж, лет',
  pedExperienceAsOf: 'Стаж указан на дату',
  category: 'Квалификационная категория',
  categoryDate: 'Дата присвоения категории',
  organizationId: 'Организация',
  organizationName: 'Организация',
  position: 'Должность',
  staffCategory: 'Категория работников',
  kind: 'Вид',
  subjects: 'Предметы',
  loadHours: 'Нагрузка, ч/нед.',
  rate: 'Ставка',
  startDate: 'Дата начала работы',
  endDate: 'Дата окончания работы',
  outsideProfile: 'Не по профилю',
  municipalityId: 'Муниципалитет',
  code: 'Код',
  name: 'Название',
  names: 'Названия',
  fullName: 'Полное наименование',
  shortName: 'Краткое наименование',
  rural: 'Сельская',
  lowResults: 'ШНОР',
  innovationPlatform: 'Инновационная площадка',
  internshipPlatform: 'Стажировочная площадка',
  mentoringRegulation: 'Положение о наставничестве',
  inn: 'ИНН',
  subject: 'Предмет',
  zemsky: '«Земский учитель»',
  openedOn: 'Открыта',
  closedOn: 'Закрыта',
  pedTotal: 'Пед. ставок всего',
  pedOccupied: 'Пед. ставок занято',
  admTotal: 'Адм. ставок всего',
  admOccupied: 'Адм. ставок занято',
  role: 'Роль',
  active: 'Активен',
  regionId: 'Регион',
  personId: 'Сотрудник',
  youngMaxAge: 'Молодой специалист: возраст до',
  youngMaxExperienceYears: 'Молодой специалист: стаж до',
  youngRule: 'Правило молодого специалиста',
  pensionAgeMale: 'Пенсионный возраст (м)',
  pensionAgeFemale: 'Пенсионный возраст (ж)',
  loadThresholdHours: 'Порог нагрузки, ч',
  maxRatesPerPerson: 'Предел ставок на человека',
  orgKind: 'Тип организации',
  ageBand: 'Возраст',
  young: 'Молодые специалисты',
  pensionAge: 'Пенсионный возраст',
  loadOver30: 'Нагрузка выше порога',
  partTime: 'Совместители',
  q: 'Поиск',
  asOf: 'На дату',
  currentPassword: 'Текущий пароль',
  demo: 'Демонстрационные данные',
  newPassword: 'Новый пароль',
  password: 'Пароль',
  year: 'Год',
  title: 'Название',
  hours: 'Часы',
  items: 'Мероприятий',
  status: 'Статус',
  curatorUserId: 'Куратор',
  jobId: 'Задание',
  side: 'Сторона',
  comment: 'Комментарий',
  text: 'Текст',
  evidence: 'Подтверждение',
  itemId: 'Мероприятие',
  presetCode: 'Пресет',
  preset: 'Пресет',
  indicators: 'Показателей',
  dueOn: 'Срок',
  formId: 'Форма',
  periodStart: 'Начало периода',
  periodEnd: 'Конец периода',
  organizationIds: 'Организации',
  fields: 'Поля формы',
  target: 'Кому назначена',
  opensAt: 'Открывается',
  closesAt: 'Закрывается',
  ownerLevel: 'Уровень',
  frameworkId: 'Карта компетенций',
  instrumentIds: 'Методики',
  participants: 'Участников',
  positions: 'Должности',
  orgKinds: 'Типы организаций',
  hoursPerHalfYear: 'Часов в полугодие, не более',
  horizonMonths: 'Горизонт планирования, мес.',
  mentoringHours: 'Часов наставничества',
  selfEducationHours: 'Часов самообразования',
  eventHours: 'Часов на одно мероприятие плана',
  includePartial: 'Включать частично сформированные компетенции',
};

const WORD_LISTS: Record<string, Record<string, string>> = {
  category: CATEGORIES,
  education: EDUCATION_LEVELS,
  staffCategory: STAFF_CATEGORIES,
  kind: {
    ...EMPLOYMENT_KINDS,
    ...Object.fromEntries(Object.entries(ORG_KINDS).map(([k, v]) => [k, v.short])),
    link: 'ссылка',
    file: 'файл',
    certificate: 'сертификат',
    ...Object.fromEntries(Object.entries(CERTIFICATE_KINDS).map(([k, v]) => [k, v.toLowerCase()])),
  },
  innovationPlatform: INNOVATION_PLATFORMS,
  // A user's role, or the part a person plays at an event (their keys do not meet).
  role: { ...REGISTRATION_ROLES, ...ROLE_LABELS },
  source: {
    self: 'сам педагог',
    nominated: 'руководитель организации',
    check_in: 'отметка организатора',
    import: 'загрузка из файла',
  },
  sex: { m: 'мужской', f: 'женский' },
  status: {
    ...REGISTRATION_STATUSES,
    ...ITEM_STATUS_LABELS,
    ...ROUTE_STATUS_LABELS,
    open: 'идёт',
    closed: 'завершена',
    valid: 'действителен',
    revoked: 'отозван',
  },
  from: { ...ITEM_STATUS_LABELS, ...ROUTE_STATUS_LABELS },
  to: { ...ITEM_STATUS_LABELS, ...ROUTE_STATUS_LABELS },
  side: { teacher: 'педагог', curator: 'куратор' },
  ownerLevel: {
    system: 'система',
    region: 'регион',
    municipality: 'муниципалитет',
    organization: 'организация',
  },
  orgKinds: Object.fromEntries(Object.entries(ORG_KINDS).map(([k, v]) => [k, v.short])),
  youngRule: { and: 'возраст и стаж', or: 'возраст или стаж' },
};

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * A stored value as a reader would say it: dates as dd.mm.yyyy, keys as words, booleans as да/нет,
 * lists of record ids as a count, nested objects as «поле: значение» of their named fields — never
 * raw JSON.
 */
export function fieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    if (value.every((v) => typeof v === 'string' && UUID_RE.test(v))) {
      return `${value.length} ${plural(value.length, 'запись', 'записи', 'записей')}`;
    }
    if (value.every((v) => v && typeof v === 'object')) {
      const names = value
        .map((v) => (v as Record<string, unknown>).label ?? (v as Record<string, unknown>).name)
        .filter((n): n is string => typeof n === 'string');
      if (names.length === value.length) return names.join(', ');
      return `${value.length} ${plural(value.length, 'элемент', 'элемента', 'элементов')}`;
    }
    return value.map((v) => fieldValue(field, v)).join(', ');
  }
  if (typeof value === 'string') {
    const words = WORD_LISTS[field];
    if (words?.[value]) return words[value]!;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    if (DATE_TIME_RE.test(value)) return formatDateTime(value);
    if (UUID_RE.test(value)) return 'запись';
    return value;
  }
  if (typeof value === 'number') return value.toLocaleString('ru-RU');
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([k]) => FIELD_LABELS[k] ?? AUDIT_DETAIL_LABELS[k])
      .map(([k, v]) => `${(FIELD_LABELS[k] ?? AUDIT_DETAIL_LABELS[k])!.toLowerCase()}: ${fieldValue(k, v)}`);
    return parts.length > 0 ? parts.join('; ') : 'набор значений';
  }
  return String(value);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${m[3]}.${m[2]}.${m[1]}`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('ru-RU', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function formatNumber(n: number | null | undefined, digits = 2): string {
  if (n === null || n === undefined) return '—';
  return n.toLocaleString('ru-RU', { maximumFractionDigits: digits });
}

/** Russian plural: plural(5, 'запись', 'записи', 'записей'). */
export function plural(n: number, one: string, few: string, many: string): string {
  const a = Math.abs(n) % 100;
  const b = a % 10;
  if (a > 10 && a < 20) return many;
  if (b > 1 && b < 5) return few;
  if (b === 1) return one;
  return many;
}

export function todayIso(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Whole months from today to the date (negative when past). */
export function monthsUntil(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const now = new Date();
  return (y - now.getFullYear()) * 12 + (m - 1 - now.getMonth()) + (d - now.getDate()) / 31;
}
