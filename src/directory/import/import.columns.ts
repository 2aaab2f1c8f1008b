import type { ColumnSpec } from '../../platform/import/import.types.ts';
import {
  CATEGORIES,
  EDUCATION_LEVELS,
  EMPLOYMENT_KINDS,
  ORG_KINDS,
  SEXES,
  STAFF_CATEGORIES,
} from '../vocabulary.ts';

/** The four registry spreadsheets. */
export const IMPORT_KINDS = ['orgs', 'staff', 'vacancies', 'staffing'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The four spreadsheets' columns, in template order. Exports use the same headers and words. */

const words = (w: Record<string, string>) => Object.values(w).join(' / ');
const YES_NO = 'да / нет';

export const ORG_COLUMN_SPECS: readonly ColumnSpec[] = [
  {
    key: 'code',
    header: 'Код',
    required: true,
    example: 'ОО-001',
    help: 'Код организации в регионе; по нему повторная загрузка находит организацию и обновляет её',
    type: 'text',
  },
  {
    key: 'fullName',
    header: 'Полное наименование',
    required: true,
    example: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1»',
    help: 'Как в уставе',
    type: 'text',
  },
  {
    key: 'shortName',
    header: 'Краткое наименование',
    required: false,
    example: 'МБОУ «СОШ № 1»',
    help: 'Если не заполнено — берётся полное наименование',
    type: 'text',
  },
  {
    key: 'kind',
    header: 'Тип',
    required: true,
    example: 'ОО',
    help: `Одно из: ${Object.values(ORG_KINDS)
      .map((k) => `${k.short} (${k.label.toLowerCase()})`)
      .join(', ')}`,
    type: 'text',
  },
  {
    key: 'municipality',
    header: 'Муниципалитет',
    required: true,
    example: 'Зиминский район',
    help: 'Название муниципалитета, как в системе',
    type: 'text',
  },
  {
    key: 'rural',
    header: 'Сельская',
    required: false,
    example: 'нет',
    help: `Сельская организация: ${YES_NO}`,
    type: 'text',
  },
  {
    key: 'lowResults',
    header: 'ШНОР',
    required: false,
    example: 'нет',
    help: `Школа с низкими образовательными результатами: ${YES_NO}`,
    type: 'text',
  },
  {
    key: 'inn',
    header: 'ИНН',
    required: false,
    example: '3806001238',
    help: '10 цифр (12 — для индивидуального предпринимателя); контрольные цифры проверяются',
    type: 'text',
  },
];

export const STAFF_COLUMN_SPECS: readonly ColumnSpec[] = [
  {
    key: 'lastName',
    header: 'Фамилия',
    required: true,
    example: 'Иванова',
    help: 'Обязательно',
    type: 'text',
  },
  { key: 'firstName', header: 'Имя', required: true, example: 'Мария', help: 'Обязательно', type: 'text' },
  {
    key: 'patronymic',
    header: 'Отчество',
    required: true,
    example: 'Петровна',
    help: 'Пусто, если отчества нет',
    type: 'text',
  },
  {
    key: 'birthDate',
    header: 'Дата рождения',
    required: true,
    example: '1985-03-15',
    help: 'ДД.ММ.ГГГГ',
    type: 'date',
  },
  { key: 'sex', header: 'Пол', required: true, example: 'ж', help: words(SEXES), type: 'text' },
  {
    key: 'snils',
    header: 'СНИЛС',
    required: false,
    example: '112-233-445 95',
    help: '11 цифр, можно с дефисами и пробелом; контрольное число проверяется. По СНИЛС загрузка находит сотрудника в реестре, без него — по ФИО и дате рождения',
    type: 'text',
  },
  {
    key: 'organization',
    header: 'Организация',
    required: true,
    example: 'ОО-001',
    aliases: ['Код организации'],
    help: 'Код организации или её полное наименование',
    type: 'text',
  },
  {
    key: 'position',
    header: 'Должность',
    required: true,
    example: 'Учитель',
    help: 'Одна строка — одно место работы сотрудника',
    type: 'text',
  },
  {
    key: 'staffCategory',
    header: 'Категория должности',
    required: false,
    example: 'педагогическая',
    help: `${words(STAFF_CATEGORIES)}; если пусто — педагогическая`,
    type: 'text',
  },
  {
    key: 'employmentKind',
    header: 'Вид занятости',
    required: true,
    example: 'основное',
    help: `${words(EMPLOYMENT_KINDS)}. Основное место работы у сотрудника одно`,
    type: 'text',
  },
  {
    key: 'subjects',
    header: 'Предметы',
    required: false,
    example: 'Математика; Информатика',
    help: 'Через точку с запятой',
    type: 'text',
  },
  {
    key: 'load',
    header: 'Нагрузка',
    required: false,
    example: 18,
    aliases: ['Нагрузка, ч', 'Нагрузка (часов в неделю)'],
    help: 'Часов в неделю, от 0 до 60',
    type: 'number',
  },
  {
    key: 'rate',
    header: 'Ставка',
    required: false,
    example: 1,
    help: 'Доля ставки: 0,25 … 3; если пусто — 1',
    type: 'number',
  },
  {
    key: 'startDate',
    header: 'Дата начала работы',
    required: false,
    example: '2010-09-01',
    help: 'ДД.ММ.ГГГГ, не позже сегодняшнего дня',
    type: 'date',
  },
  {
    key: 'experience',
    header: 'Педагогический стаж',
    required: false,
    example: 15,
    aliases: ['Педагогический стаж, лет', 'Педстаж'],
    help: 'Полных лет на дату загрузки (можно с десятыми)',
    type: 'number',
  },
  {
    key: 'education',
    header: 'Образование',
    required: false,
    example: 'высшее педагогическое',
    help: words(EDUCATION_LEVELS),
    type: 'text',
  },
  {
    key: 'outsideProfile',
    header: 'Не по профилю',
    required: false,
    example: 'нет',
    help: `Работает не по профилю образования («условный специалист»): ${YES_NO}`,
    type: 'text',
  },
  {
    key: 'category',
    header: 'Квалификационная категория',
    required: false,
    example: 'первая',
    aliases: ['Категория'],
    help: `${words(CATEGORIES)}; если пусто — без категории`,
    type: 'text',
  },
  {
    key: 'categoryDate',
    header: 'Дата присвоения категории',
    required: false,
    example: '2022-12-20',
    help: 'ДД.ММ.ГГГГ; обязательно для высшей и первой категории, не в будущем',
    type: 'date',
  },
  {
    key: 'email',
    header: 'Email',
    required: false,
    example: 'ivanova@school1.ru',
    aliases: ['E-mail', 'Электронная почта', 'Эл. почта'],
    help: 'Адрес электронной почты',
    type: 'text',
  },
];

/** The staff spreadsheet's headers in template order; the staff export starts with the same. */
export const STAFF_COLUMNS: readonly string[] = STAFF_COLUMN_SPECS.map((c) => c.header);

export const VACANCY_COLUMN_SPECS: readonly ColumnSpec[] = [
  {
    key: 'organization',
    header: 'Организация',
    required: true,
    example: 'ОО-001',
    aliases: ['Код организации'],
    help: 'Код организации или её полное наименование',
    type: 'text',
  },
  {
    key: 'position',
    header: 'Должность',
    required: true,
    example: 'Учитель',
    help: 'Обязательно',
    type: 'text',
  },
  {
    key: 'subject',
    header: 'Предмет',
    required: false,
    example: 'Физика',
    help: 'Для учителя — предмет',
    type: 'text',
  },
  {
    key: 'rate',
    header: 'Ставка',
    required: false,
    example: 1,
    help: 'Доля ставки: больше 0, не больше 5; если пусто — 1',
    type: 'number',
  },
  {
    key: 'zemsky',
    header: 'Земский учитель',
    required: false,
    example: 'да',
    help: `Вакансия программы «Земский учитель»: ${YES_NO}`,
    type: 'text',
  },
  {
    key: 'openedOn',
    header: 'Дата открытия',
    required: true,
    example: '2026-06-01',
    help: 'ДД.ММ.ГГГГ. Вакансия с той же организацией, должностью, предметом и датой открытия обновляется',
    type: 'date',
  },
  {
    key: 'closedOn',
    header: 'Дата закрытия',
    required: false,
    example: '',
    help: 'Пусто, пока вакансия открыта',
    type: 'date',
  },
];

export const STAFFING_COLUMN_SPECS: readonly ColumnSpec[] = [
  {
    key: 'organization',
    header: 'Организация',
    required: true,
    example: 'ОО-001',
    aliases: ['Код организации'],
    help: 'Код организации или её полное наименование',
    type: 'text',
  },
  {
    key: 'year',
    header: 'Год',
    required: true,
    example: 2026,
    help: 'Учебный год (год его начала)',
    type: 'number',
  },
  {
    key: 'pedTotal',
    header: 'Педагогических ставок всего',
    required: true,
    example: 42.5,
    help: 'По штатному расписанию',
    type: 'number',
  },
  {
    key: 'pedOccupied',
    header: 'Педагогических ставок занято',
    required: true,
    example: 40,
    help: 'Не больше, чем всего',
    type: 'number',
  },
  {
    key: 'admTotal',
    header: 'Административных ставок всего',
    required: true,
    example: 5,
    help: 'По штатному расписанию',
    type: 'number',
  },
  {
    key: 'admOccupied',
    header: 'Административных ставок занято',
    required: true,
    example: 5,
    help: 'Не больше, чем всего',
    type: 'number',
  },
];

export const COLUMN_SPECS: Record<ImportKind, readonly ColumnSpec[]> = {
  orgs: ORG_COLUMN_SPECS,
  staff: STAFF_COLUMN_SPECS,
  vacancies: VACANCY_COLUMN_SPECS,
  staffing: STAFFING_COLUMN_SPECS,
};

export const KIND_TITLES: Record<ImportKind, { sheet: string; file: string }> = {
  orgs: { sheet: 'Организации', file: 'organizations' },
  staff: { sheet: 'Педагогические кадры', file: 'staff' },
  vacancies: { sheet: 'Вакансии', file: 'vacancies' },
  staffing: { sheet: 'Штатное расписание', file: 'staffing' },
};

/** The general notes of every registry template's «Справка». */
const TEMPLATE_NOTES = [
  'Первая строка — заголовки столбцов; порядок столбцов любой, лишние столбцы пропускаются.',
  'Одна строка файла — одна запись; пустые строки пропускаются. Строку-пример замените своими данными.',
  'Даты — в виде ДД.ММ.ГГГГ; дробные числа — с запятой или точкой; да/нет — словами.',
  'Повторная загрузка того же файла ничего не меняет; исправленный файл обновляет записи, а не дублирует их.',
];

/** What the four registry importers share: kind, columns, template, the 403 and 409 messages. */
export function registryImport<K extends ImportKind>(kind: K) {
  return {
    kind,
    columns: COLUMN_SPECS[kind],
    template: { ...KIND_TITLES[kind], notes: TEMPLATE_NOTES },
    forbidden: 'Загружать этот реестр может только тот, кто его ведёт.',
    conflict: 'Реестр изменился во время загрузки (совпали ключевые данные). Повторите загрузку.',
  };
}
