import { isoToRu } from '../../platform/import/cells.ts';
import type { ImportIssue, RowOutcome } from '../../platform/import/import.types.ts';
import { changedFields, sameValue } from '../../platform/import/importer.ts';
import { experienceAt } from '../derived/derived-rules.ts';
import {
  CATEGORIES,
  type Category,
  EDUCATION_LEVELS,
  EMPLOYMENT_KINDS,
  type EmploymentKind,
  SEXES,
  type Sex,
  type StaffCategory,
} from '../vocabulary.ts';
import { STAFF_COLUMN_SPECS } from './import.columns.ts';
import type { StaffEmployment, StaffPerson, StaffRow } from './staff.rows.ts';

/**
 * The staff import's decisions, pure: which rows are one person, which registry person each is,
 * which employment each row is, the exactly-one-main rule, and what changes. The registry side
 * comes in as plain records loaded beforehand; nothing here touches the database.
 */

export interface PersonRecord {
  id: string;
  regionId: string;
  lastName: string;
  firstName: string;
  patronymic: string;
  birthDate: string;
  sex: Sex;
  snils: string | null;
  email: string | null;
  education: string | null;
  pedExperienceYears: number | null;
  pedExperienceAsOf: string | null;
  category: Category;
  categoryDate: string | null;
  /** The registry row's version when read (xmin); absent for a new record. */
  version?: string;
}

export interface EmploymentRecord {
  id: string;
  personId: string;
  organizationId: string;
  position: string;
  staffCategory: StaffCategory;
  kind: EmploymentKind;
  subjects: string[];
  loadHours: number;
  rate: number;
  startDate: string | null;
  outsideProfile: boolean;
  version?: string;
}

/** A registry person as found for an import, with what the importing actor may do with them. */
export interface RegistryPerson extends PersonRecord {
  /** The actor may match this person, add employments in their own organizations, update details. */
  writable: boolean;
  /** The actor may also change СНИЛС, full name and birth date (they keep every current employment). */
  identityWritable: boolean;
}

export interface ExistingEmployment extends EmploymentRecord {
  organizationName: string;
  /** In an organization the importing actor keeps. */
  writable: boolean;
}

export interface ResolvedStaffRow extends StaffRow {
  org: { id: string; regionId: string };
}

export interface Change<T> {
  record: T;
  before: Partial<T>;
  after: Partial<T>;
}

export interface StaffPlan {
  errors: ImportIssue[];
  outcomes: Map<number, RowOutcome>;
  people: { create: PersonRecord[]; update: Change<PersonRecord>[] };
  employments: { create: EmploymentRecord[]; update: Change<EmploymentRecord>[] };
}

export interface StaffPlanInput {
  rows: ResolvedStaffRow[];
  /** Registry people that may match: by СНИЛС or by full name and birth date, in the rows' regions. */
  people: RegistryPerson[];
  /** Active employments of those people. */
  employments: ExistingEmployment[];
  today: string;
  newId: () => string;
  /** Who may change a person the importer may not, for messages («методист муниципалитета»). */
  nextLevelUp: string;
}

const PERSON_FIELDS = [
  'lastName',
  'firstName',
  'patronymic',
  'birthDate',
  'sex',
  'snils',
  'email',
  'education',
  'pedExperienceYears',
  'pedExperienceAsOf',
  'category',
  'categoryDate',
] as const satisfies readonly (keyof PersonRecord)[];

/** The fields that say who a person is: changed only by someone who keeps all their current jobs. */
const IDENTITY_FIELDS = [
  'snils',
  'lastName',
  'firstName',
  'patronymic',
  'birthDate',
] as const satisfies readonly (keyof PersonRecord & keyof StaffPerson)[];

const EMPLOYMENT_FIELDS = [
  'organizationId',
  'position',
  'staffCategory',
  'kind',
  'subjects',
  'loadHours',
  'rate',
  'startDate',
  'outsideProfile',
] as const satisfies readonly (keyof EmploymentRecord)[];

/** The person field → the column it comes from. */
const PERSON_COLUMN: Record<keyof StaffPerson, string> = {
  lastName: 'lastName',
  firstName: 'firstName',
  patronymic: 'patronymic',
  birthDate: 'birthDate',
  sex: 'sex',
  snils: 'snils',
  email: 'email',
  education: 'education',
  pedExperienceYears: 'experience',
  category: 'category',
  categoryDate: 'categoryDate',
};

const HEADERS = new Map(STAFF_COLUMN_SPECS.map((c) => [c.key, c.header]));
const header = (columnKey: string) => HEADERS.get(columnKey) ?? columnKey;

/** A typed value as the user wrote it, for messages. */
function display(field: keyof StaffPerson, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'пусто';
  if (field === 'birthDate' || field === 'categoryDate') return isoToRu(String(value));
  if (field === 'sex') return SEXES[value as Sex];
  if (field === 'category') return CATEGORIES[value as Category];
  if (field === 'education') return EDUCATION_LEVELS[value as keyof typeof EDUCATION_LEVELS];
  return String(value);
}

const lower = (s: string) => s.toLowerCase();

export function identityKey(
  regionId: string,
  p: Pick<StaffPerson, 'lastName' | 'firstName' | 'patronymic' | 'birthDate'>,
): string {
  return [regionId, lower(p.lastName), lower(p.firstName), lower(p.patronymic), p.birthDate].join('|');
}

function diff<T extends object>(before: T, after: T, fields: readonly (keyof T)[]): Change<T> | null {
  const change = changedFields(before, after, fields);
  return change ? { record: after, ...change } : null;
}

function pickFields<T extends object>(record: T, fields: readonly (keyof T)[]): Partial<T> {
  return Object.fromEntries(fields.map((f) => [f, record[f]])) as Partial<T>;
}

function mergePerson(base: PersonRecord, p: StaffPerson, today: string): PersonRecord {
  let years = base.pedExperienceYears;
  let asOf = base.pedExperienceAsOf;
  if (p.pedExperienceYears === null) {
    years = null;
    asOf = null;
  } else if (p.pedExperienceYears !== undefined) {
    // The file states the experience as of today; the registry's figure grows from its own date,
    // so either the figure as stored or as grown until today means «the same».
    const grown = experienceAt(base.pedExperienceYears, base.pedExperienceAsOf, today);
    const unchanged =
      base.pedExperienceYears !== null &&
      (p.pedExperienceYears === base.pedExperienceYears || p.pedExperienceYears === grown);
    if (!unchanged) {
      years = p.pedExperienceYears;
      asOf = today;
    }
  }
  return {
    ...base,
    lastName: p.lastName,
    firstName: p.firstName,
    patronymic: p.patronymic,
    birthDate: p.birthDate,
    sex: p.sex,
    snils: p.snils ?? base.snils,
    email: p.email === undefined ? base.email : p.email,
    education: p.education === undefined ? base.education : p.education,
    pedExperienceYears: years,
    pedExperienceAsOf: asOf,
    category: p.category ?? base.category,
    categoryDate: p.categoryDate === undefined ? base.categoryDate : p.categoryDate,
  };
}

function mergeEmployment(base: EmploymentRecord, e: StaffEmployment): EmploymentRecord {
  return {
    ...base,
    position: e.position,
    kind: e.kind,
    staffCategory: e.staffCategory ?? base.staffCategory,
    subjects: e.subjects ?? base.subjects,
    loadHours: e.loadHours ?? base.loadHours,
    rate: e.rate ?? base.rate,
    startDate: e.startDate === undefined ? base.startDate : e.startDate,
    outsideProfile: e.outsideProfile ?? base.outsideProfile,
  };
}

interface Group {
  regionId: string;
  identity: string;
  snils?: string;
  lead: ResolvedStaffRow;
  rows: ResolvedStaffRow[];
  match?: RegistryPerson;
  matchedBy?: 'snils' | 'identity';
}

export function planStaff(input: StaffPlanInput): StaffPlan {
  const errors: ImportIssue[] = [];
  const fail = (row: ResolvedStaffRow, columnKey: string | null, value: string | null, message: string) =>
    errors.push({
      row: row.rowNumber,
      column: columnKey === null ? null : header(columnKey),
      value,
      message,
    });

  // ---- 1. rows → people of the file ----
  const groups: Group[] = [];
  const bySnils = new Map<string, Group>();
  const byIdentity = new Map<string, Group[]>();
  for (const row of input.rows) {
    const regionId = row.org.regionId;
    const identity = identityKey(regionId, row.person);
    const snilsKey = row.person.snils ? `${regionId}|${row.person.snils}` : null;
    const namesakes = byIdentity.get(identity) ?? [];
    let g: Group | undefined;
    if (snilsKey) {
      g = bySnils.get(snilsKey);
      if (!g) {
        const withoutSnils = namesakes.filter((x) => !x.snils);
        if (withoutSnils.length === 1) {
          g = withoutSnils[0]!;
          g.snils = row.person.snils;
          bySnils.set(snilsKey, g);
        }
      }
    } else if (namesakes.length > 1) {
      fail(
        row,
        'snils',
        null,
        `В файле разные сотрудники с такими ФИО и датой рождения (строки ${namesakes
          .map((x) => x.lead.rowNumber)
          .join(', ')}); укажите СНИЛС`,
      );
      continue;
    } else {
      g = namesakes[0];
    }
    if (!g) {
      const created: Group = {
        regionId,
        identity,
        lead: row,
        rows: [row],
        ...(row.person.snils ? { snils: row.person.snils } : {}),
      };
      groups.push(created);
      byIdentity.set(identity, [...namesakes, created]);
      if (snilsKey) bySnils.set(snilsKey, created);
      continue;
    }
    const conflict = (Object.keys(PERSON_COLUMN) as (keyof StaffPerson)[]).find(
      (f) => f !== 'snils' && !sameValue(row.person[f], g.lead.person[f]),
    );
    if (conflict) {
      fail(
        row,
        PERSON_COLUMN[conflict],
        display(conflict, row.person[conflict]),
        `Сведения о сотруднике расходятся со строкой ${g.lead.rowNumber}: «${display(conflict, row.person[conflict])}», а там «${display(conflict, g.lead.person[conflict])}»`,
      );
      continue;
    }
    const repeated = g.rows.find(
      (x) => x.org.id === row.org.id && lower(x.employment.position) === lower(row.employment.position),
    );
    if (repeated) {
      fail(
        row,
        'position',
        row.employment.position,
        `Повторяет строку ${repeated.rowNumber}: тот же сотрудник, организация и должность`,
      );
      continue;
    }
    g.rows.push(row);
  }

  // ---- 2. people of the file → people of the registry ----
  const registryBySnils = new Map<string, RegistryPerson>();
  const registryByIdentity = new Map<string, RegistryPerson[]>();
  for (const p of input.people) {
    if (p.snils) registryBySnils.set(`${p.regionId}|${p.snils}`, p);
    const key = identityKey(p.regionId, p);
    registryByIdentity.set(key, [...(registryByIdentity.get(key) ?? []), p]);
  }
  const claimedBy = new Map<string, Group>();
  const dropped = new Set<Group>();
  const failGroup = (g: Group, columnKey: string | null, message: string) => {
    for (const row of g.rows)
      fail(row, columnKey, columnKey === 'snils' ? (row.person.snils ?? null) : null, message);
    dropped.add(g);
  };
  // Matches by СНИЛС first, so a namesake is not taken for someone whose СНИЛС is in the file.
  for (const g of groups) {
    const m = g.snils ? registryBySnils.get(`${g.regionId}|${g.snils}`) : undefined;
    if (m) {
      g.match = m;
      g.matchedBy = 'snils';
      claimedBy.set(m.id, g);
    }
  }
  for (const g of groups) {
    if (g.match) continue;
    let candidates = (registryByIdentity.get(g.identity) ?? []).filter((p) => !claimedBy.has(p.id));
    if (candidates.length > 1) {
      const withoutSnils = candidates.filter((p) => !p.snils);
      if (withoutSnils.length === 1) candidates = withoutSnils;
    }
    if (candidates.length > 1) {
      failGroup(g, 'snils', 'В реестре несколько сотрудников с такими ФИО и датой рождения; укажите СНИЛС');
      continue;
    }
    const m = candidates[0];
    if (!m) continue;
    const other = claimedBy.get(m.id);
    if (other) {
      failGroup(
        g,
        null,
        `Строки ${g.rows.map((r) => r.rowNumber).join(', ')} и ${other.lead.rowNumber} относятся к одному сотруднику реестра, но сведения в них различаются`,
      );
      continue;
    }
    g.match = m;
    g.matchedBy = 'identity';
    claimedBy.set(m.id, g);
  }
  // A person kept by someone else is never updated from this file: the whole person's rows fail.
  const employmentsOf = new Map<string, ExistingEmployment[]>();
  for (const e of input.employments)
    employmentsOf.set(e.personId, [...(employmentsOf.get(e.personId) ?? []), e]);
  for (const g of groups) {
    if (!g.match || g.match.writable || dropped.has(g)) continue;
    const where = employmentsOf.has(g.match.id) ? 'уже работает в другой организации' : 'уже есть в реестре';
    failGroup(
      g,
      g.matchedBy === 'snils' ? 'snils' : 'lastName',
      g.matchedBy === 'snils'
        ? `Педагог с таким СНИЛС ${where}: изменить его данные может ${input.nextLevelUp}`
        : `Педагог с такими ФИО и датой рождения ${where}: изменить его данные может ${input.nextLevelUp}`,
    );
  }

  // ---- 3. rows → employments; the exactly-one-main rule ----
  const plan: StaffPlan = {
    errors,
    outcomes: new Map(),
    people: { create: [], update: [] },
    employments: { create: [], update: [] },
  };

  for (const g of groups) {
    if (dropped.has(g)) continue;
    const existing = g.match ? (employmentsOf.get(g.match.id) ?? []) : [];
    const claimed = new Map<ResolvedStaffRow, ExistingEmployment>();
    const taken = new Set<string>();
    for (const row of g.rows) {
      const e = existing.find(
        (x) =>
          !taken.has(x.id) &&
          x.organizationId === row.org.id &&
          lower(x.position) === lower(row.employment.position),
      );
      if (e) {
        claimed.set(row, e);
        taken.add(e.id);
      }
    }
    // A main job whose position was corrected: the same organization's main employment.
    for (const row of g.rows) {
      if (claimed.has(row) || row.employment.kind !== 'main') continue;
      const e = existing.find(
        (x) => !taken.has(x.id) && x.kind === 'main' && x.organizationId === row.org.id,
      );
      if (e) {
        claimed.set(row, e);
        taken.add(e.id);
      }
    }

    let rows = [...g.rows];
    const drop = (row: ResolvedStaffRow) => {
      rows = rows.filter((r) => r !== row);
    };
    const mains = rows.filter((r) => r.employment.kind === 'main');
    for (const extra of mains.slice(1)) {
      fail(
        extra,
        'employmentKind',
        EMPLOYMENT_KINDS.main,
        `У сотрудника может быть только одно основное место работы: оно уже указано в строке ${mains[0]!.rowNumber}`,
      );
      drop(extra);
    }
    // The registry's main employment stays main unless a row that is still in the plan changes it.
    const kept = () => new Set(rows.flatMap((r) => (claimed.has(r) ? [claimed.get(r)!.id] : [])));
    let untouchedMain = existing.find((x) => x.kind === 'main' && !kept().has(x.id));
    const fileMain = rows.find((r) => r.employment.kind === 'main');
    if (fileMain && untouchedMain) {
      // Where someone else keeps the registry, the importer learns only that it is elsewhere.
      const where = untouchedMain.writable
        ? `«${untouchedMain.organizationName}», ${untouchedMain.position}`
        : 'в другой организации';
      fail(
        fileMain,
        'employmentKind',
        EMPLOYMENT_KINDS.main,
        `У сотрудника уже есть основное место работы: ${where}. Укажите другой вид занятости или сначала завершите прежнее место работы`,
      );
      drop(fileMain);
      untouchedMain = existing.find((x) => x.kind === 'main' && !kept().has(x.id));
    }
    const hasMain = rows.some((r) => r.employment.kind === 'main') || Boolean(untouchedMain);
    if (!hasMain) {
      for (const row of rows.filter((r) => r.employment.kind === 'internal')) {
        fail(
          row,
          'employmentKind',
          EMPLOYMENT_KINDS.internal,
          'Внутреннее совместительство без основного места работы: у сотрудника нет основного места работы ни в файле, ни в реестре',
        );
        drop(row);
      }
    }
    if (rows.length === 0) continue;

    // ---- 4. what changes ----
    const lead = rows[0]!;
    const person = rows.find((r) => r.person.snils)?.person ?? lead.person;
    const matched = g.match ? withoutAccess(g.match) : null;
    const base: PersonRecord = matched ?? {
      id: input.newId(),
      regionId: g.regionId,
      lastName: '',
      firstName: '',
      patronymic: '',
      birthDate: '',
      sex: person.sex,
      snils: null,
      email: null,
      education: null,
      pedExperienceYears: null,
      pedExperienceAsOf: null,
      category: 'none',
      categoryDate: null,
    };
    const next = mergePerson(
      base,
      { ...lead.person, ...(person.snils ? { snils: person.snils } : {}) },
      input.today,
    );
    let personChanged = false;
    if (!g.match || !matched) plan.people.create.push(next);
    else {
      const change = diff(matched, next, PERSON_FIELDS);
      const renamed = change && IDENTITY_FIELDS.find((f) => f in change.after);
      if (renamed && !g.match.identityWritable) {
        for (const row of rows)
          fail(
            row,
            PERSON_COLUMN[renamed],
            display(renamed, next[renamed]),
            `Сотрудник работает и в другой организации: изменить его СНИЛС, ФИО или дату рождения может ${input.nextLevelUp}`,
          );
        continue;
      }
      if (change) {
        plan.people.update.push(change);
        personChanged = true;
      }
    }

    for (const row of rows) {
      const old = claimed.get(row);
      const baseEmployment: EmploymentRecord = old
        ? pickEmployment(old)
        : {
            id: input.newId(),
            personId: next.id,
            organizationId: row.org.id,
            position: row.employment.position,
            staffCategory: 'pedagogical',
            kind: row.employment.kind,
            subjects: [],
            loadHours: 0,
            rate: 1,
            startDate: null,
            outsideProfile: false,
          };
      const merged = mergeEmployment(baseEmployment, row.employment);
      if (!old) {
        plan.employments.create.push(merged);
        plan.outcomes.set(row.rowNumber, 'created');
        continue;
      }
      const change = diff(baseEmployment, merged, EMPLOYMENT_FIELDS);
      if (change) plan.employments.update.push(change);
      const outcome: RowOutcome = change || (personChanged && row === lead) ? 'updated' : 'unchanged';
      plan.outcomes.set(row.rowNumber, outcome);
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return plan;
}

function withoutAccess(p: RegistryPerson): PersonRecord {
  const { writable: _w, identityWritable: _i, ...record } = p;
  return record;
}

function pickEmployment(e: ExistingEmployment): EmploymentRecord {
  const { organizationName: _, writable: _w, ...record } = e;
  return record;
}

/** Audit payloads: the fields of a new record, or only the fields that changed. */
export function createdFields<T extends object>(record: T, kind: 'person' | 'employment'): Partial<T> {
  return pickFields(
    record,
    (kind === 'person' ? PERSON_FIELDS : EMPLOYMENT_FIELDS) as unknown as (keyof T)[],
  );
}
