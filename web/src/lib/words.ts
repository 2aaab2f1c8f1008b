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
import { ROLE_LABELS } from '../../../src/platform/auth/actor.ts';
import type { Category, ImportKind, OrgKind, Role } from '../api/types.ts';

export {
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

export const AUDIT_ACTIONS: Record<string, string> = {
  create: 'Создание',
  update: 'Изменение',
  delete: 'Удаление',
  end: 'Завершение',
  import: 'Импорт',
  export: 'Выгрузка',
  read: 'Просмотр',
  login: 'Вход',
  logout: 'Выход',
  login_failed: 'Неудачный вход',
  invite: 'Приглашение в систему',
  invitation: 'Ссылка для входа',
  password_change: 'Смена пароля',
  password_set: 'Установка пароля',
};

export const AUDIT_ENTITIES: Record<string, string> = {
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
  person_search: 'Поиск людей',
  import: 'Импорт',
  invitation: 'Приглашение',
};

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
};

const WORD_LISTS: Record<string, Record<string, string>> = {
  category: CATEGORIES,
  education: EDUCATION_LEVELS,
  staffCategory: STAFF_CATEGORIES,
  kind: {
    ...EMPLOYMENT_KINDS,
    ...Object.fromEntries(Object.entries(ORG_KINDS).map(([k, v]) => [k, v.short])),
  },
  innovationPlatform: INNOVATION_PLATFORMS,
  role: ROLE_LABELS,
  sex: { m: 'мужской', f: 'женский' },
  youngRule: { and: 'возраст и стаж', or: 'возраст или стаж' },
};

/** A stored value as a reader would say it: dates as dd.mm.yyyy, keys as words, booleans as да/нет. */
export function fieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (Array.isArray(value)) return value.length ? value.map((v) => fieldValue(field, v)).join(', ') : '—';
  if (typeof value === 'string') {
    const words = WORD_LISTS[field];
    if (words?.[value]) return words[value]!;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    return value;
  }
  if (typeof value === 'number') return value.toLocaleString('ru-RU');
  return JSON.stringify(value);
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
