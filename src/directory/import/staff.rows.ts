import { isoToRu, parseEmail, parseSnils, splitList } from '../../platform/import/cells.ts';
import type { RowReader } from '../../platform/import/row-reader.ts';
import { ageAt } from '../derived/derived-rules.ts';
import {
  CATEGORIES,
  type Category,
  EDUCATION_LEVELS,
  type EducationLevel,
  EMPLOYMENT_KINDS,
  type EmploymentKind,
  SEXES,
  type Sex,
  STAFF_CATEGORIES,
  type StaffCategory,
} from '../vocabulary.ts';

/**
 * One row of the staff spreadsheet = one employment of one person. A field left `undefined`
 * was not in the file (its column is absent, or for СНИЛС the cell is empty): an existing value
 * is kept and a new record gets the default.
 */
export interface StaffPerson {
  lastName: string;
  firstName: string;
  patronymic: string;
  birthDate: string;
  sex: Sex;
  snils?: string;
  email?: string | null;
  education?: EducationLevel | null;
  pedExperienceYears?: number | null;
  category?: Category;
  categoryDate?: string | null;
}

export interface StaffEmployment {
  position: string;
  kind: EmploymentKind;
  staffCategory?: StaffCategory;
  subjects?: string[];
  loadHours?: number;
  rate?: number;
  startDate?: string | null;
  outsideProfile?: boolean;
}

export interface StaffRow {
  rowNumber: number;
  organization: string;
  person: StaffPerson;
  employment: StaffEmployment;
}

export const STAFF_LIMITS = {
  minAge: 16,
  maxAge: 100,
  maxLoadHours: 60,
  maxRate: 3,
  maxExperienceYears: 70,
  /** Nobody teaches before this age: experience ≤ age − 14 (the rule of the person card). */
  workingAge: 14,
  categoryAge: 18,
  maxSubjects: 20,
} as const;

const NAME = /^[\p{L}][\p{L}\s'’.-]*$/u;

const SEX_EXTRA: Record<string, Sex> = {
  муж: 'm',
  мужской: 'm',
  м: 'm',
  m: 'm',
  жен: 'f',
  женский: 'f',
  ж: 'f',
  f: 'f',
};
const KIND_EXTRA: Record<string, EmploymentKind> = {
  основная: 'main',
  'основное место работы': 'main',
  внутреннее: 'internal',
  'внутреннее совместительство': 'internal',
  внешнее: 'external',
  'внешнее совместительство': 'external',
  совместительство: 'external',
};
const CATEGORY_EXTRA: Record<string, Category> = {
  'высшая категория': 'highest',
  высшая: 'highest',
  'первая категория': 'first',
  сзд: 'szd',
  'соответствие занимаемой должности': 'szd',
  нет: 'none',
  'без кк': 'none',
};

function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-');
  return `${Number(y) + years}-${m}-${d}`;
}

function name(r: RowReader, key: string, required: boolean): string | null | undefined {
  const v = r.text(key, { required, max: 100 });
  if (v && !NAME.test(v)) {
    return r.fail(key, `«${v}» — в ФИО допустимы только буквы, пробел, дефис и апостроф`);
  }
  return v;
}

/** Reads and checks one row on its own; cross-row and registry rules come later. */
export function parseStaffRow(r: RowReader, today: string): StaffRow | null {
  const L = STAFF_LIMITS;
  const lastName = name(r, 'lastName', true);
  const firstName = name(r, 'firstName', true);
  const patronymic = name(r, 'patronymic', false) ?? '';
  const birthDate = r.date('birthDate', { required: true });
  let age: number | null = null;
  if (birthDate) {
    age = ageAt(birthDate, today);
    if (age < L.minAge || age > L.maxAge) {
      r.fail(
        'birthDate',
        `Дата рождения «${isoToRu(birthDate)}» неправдоподобна: возраст ${age} лет (допускается от ${L.minAge} до ${L.maxAge})`,
      );
      age = null; // the checks that depend on it would only add noise
    }
  }
  const sex = r.word('sex', SEXES, { required: true, extra: SEX_EXTRA });
  const snils = r.value('snils', parseSnils);
  const organization = r.text('organization', { required: true, max: 500 });
  const position = r.text('position', { required: true, max: 200 });
  const staffCategory = r.word('staffCategory', STAFF_CATEGORIES);
  const kind = r.word('employmentKind', EMPLOYMENT_KINDS, { required: true, extra: KIND_EXTRA });

  let subjects: string[] | undefined;
  if (r.has('subjects')) {
    subjects = splitList(r.raw('subjects'));
    if (subjects.length > L.maxSubjects) r.fail('subjects', `Слишком много предметов (${subjects.length})`);
    const long = subjects.find((s) => s.length > 100);
    if (long) r.fail('subjects', `Слишком длинное название предмета «${long.slice(0, 40)}…»`);
  }

  const loadHours = r.number('load', { min: 0, max: L.maxLoadHours });
  const rate = r.number('rate', { positive: true, max: L.maxRate });
  const startDate = r.date('startDate');
  if (startDate && startDate > today) {
    r.fail('startDate', `Дата начала работы «${isoToRu(startDate)}» в будущем`);
  } else if (startDate && age !== null && birthDate && startDate < addYears(birthDate, L.workingAge)) {
    r.fail('startDate', `Дата начала работы «${isoToRu(startDate)}» раньше ${L.workingAge}-летия сотрудника`);
  }

  const rawExperience = r.number('experience', { min: 0, max: L.maxExperienceYears });
  const experience = rawExperience == null ? rawExperience : Math.round(rawExperience * 10) / 10;
  if (experience != null && age !== null && experience > age - L.workingAge) {
    r.fail('experience', `Педагогический стаж ${experience} лет неправдоподобен в возрасте ${age} лет`);
  }

  const education = r.word('education', EDUCATION_LEVELS);
  const outsideProfile = r.yesNo('outsideProfile');
  const category = r.word('category', CATEGORIES, { extra: CATEGORY_EXTRA });
  const categoryDate = r.date('categoryDate');
  const finalCategory: Category | undefined = category === undefined ? undefined : (category ?? 'none');
  if (
    (finalCategory === 'highest' || finalCategory === 'first') &&
    categoryDate == null &&
    !r.raw('categoryDate')
  ) {
    r.fail(
      r.has('categoryDate') ? 'categoryDate' : 'category',
      `Для категории «${CATEGORIES[finalCategory]}» укажите дату присвоения категории`,
    );
  }
  if (categoryDate && categoryDate > today) {
    r.fail('categoryDate', `Дата присвоения категории «${isoToRu(categoryDate)}» в будущем`);
  } else if (categoryDate && age !== null && birthDate && categoryDate < addYears(birthDate, L.categoryAge)) {
    r.fail(
      'categoryDate',
      `Дата присвоения категории «${isoToRu(categoryDate)}» раньше ${L.categoryAge}-летия сотрудника`,
    );
  }
  const email = r.value('email', parseEmail);

  if (!r.ok || !lastName || !firstName || !birthDate || !sex || !organization || !position || !kind)
    return null;

  const person: StaffPerson = { lastName, firstName, patronymic, birthDate, sex };
  if (snils) person.snils = snils;
  if (email !== undefined) person.email = email;
  if (education !== undefined) person.education = education;
  if (experience !== undefined) person.pedExperienceYears = experience;
  if (finalCategory !== undefined) {
    person.category = finalCategory;
    person.categoryDate = finalCategory === 'none' ? null : (categoryDate ?? null);
  } else if (categoryDate !== undefined) {
    person.categoryDate = categoryDate;
  }

  const employment: StaffEmployment = { position, kind };
  if (staffCategory !== undefined) employment.staffCategory = staffCategory ?? 'pedagogical';
  if (subjects !== undefined) employment.subjects = subjects;
  if (loadHours !== undefined) employment.loadHours = loadHours ?? 0;
  if (rate !== undefined) employment.rate = rate ?? 1;
  if (startDate !== undefined) employment.startDate = startDate;
  if (outsideProfile !== undefined) employment.outsideProfile = outsideProfile ?? false;

  return { rowNumber: r.rowNumber, organization, person, employment };
}
