import { auditSummary } from '../../platform/audit/audit.labels.ts';
import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { formatSnils, maskSnils, nextLevelUp } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { can as canInPlatform } from '../../platform/platform.policy.ts';
import * as clock from '../../platform/time/today.ts';
import { loadDerivedRules } from '../derived/derived-rules.repository.ts';
import { ageAt, categoryExpiry, experienceAt, isPensionAge, isYoung } from '../derived/derived-rules.ts';
import { can } from '../directory.policy.ts';
import { assertOrgWritable } from '../organizations/org-access.ts';
import { fullName } from '../staff/staff.presenter.ts';
import { normalizeSnils } from '../vocabulary.ts';
import {
  type EmploymentDb,
  type EmploymentWrite,
  endEmployment,
  findDuplicate,
  findEmployment,
  findPerson,
  insertEmployment,
  insertPerson,
  linkedUser,
  listEmployments,
  otherActiveMain,
  type PersonDb,
  type PersonWrite,
  personHistory,
  personLoad,
  updateEmployment,
  updatePerson,
} from './people.repository.ts';
import type { PersonCard } from './people.schemas.ts';

type Deps = { db: Db };

/** Who the person is: changed only by someone who keeps every current employment of theirs. */
const IDENTITY_FIELDS: readonly (keyof PersonWrite)[] = [
  'snils',
  'lastName',
  'firstName',
  'patronymic',
  'birthDate',
];

function presentEmployment(e: EmploymentDb) {
  return {
    id: e.id,
    organizationId: e.organization_id,
    organizationName: e.organization_name,
    position: e.position,
    staffCategory: e.staff_category,
    kind: e.kind,
    subjects: e.subjects,
    loadHours: e.load_hours,
    rate: e.rate,
    startDate: e.start_date,
    endDate: e.end_date,
    outsideProfile: e.outside_profile,
  };
}

function toWrite(p: PersonDb): PersonWrite {
  return {
    lastName: p.last_name,
    firstName: p.first_name,
    patronymic: p.patronymic,
    birthDate: p.birth_date,
    sex: p.sex,
    snils: p.snils,
    email: p.email,
    education: p.education,
    pedExperienceYears: p.ped_experience_years,
    pedExperienceAsOf: p.ped_experience_as_of,
    category: p.category,
    categoryDate: p.category_date,
  };
}

/** Rules a person record must satisfy, whichever way it was entered. */
export function checkPerson(p: PersonWrite, today = clock.today()): PersonWrite {
  const issues: { path: string; message: string }[] = [];
  let snils = p.snils;
  if (snils) {
    const r = normalizeSnils(snils);
    if (r.ok) snils = r.value;
    else issues.push({ path: 'snils', message: r.reason });
  }
  const age = ageAt(p.birthDate, today);
  if (age < 16 || age > 100) issues.push({ path: 'birthDate', message: 'Недопустимая дата рождения' });
  if ((p.category === 'highest' || p.category === 'first') && !p.categoryDate) {
    issues.push({ path: 'categoryDate', message: 'Укажите дату присвоения категории' });
  }
  if (p.categoryDate && p.categoryDate > today) {
    issues.push({ path: 'categoryDate', message: 'Дата присвоения категории в будущем' });
  }
  if (p.pedExperienceYears !== null && p.pedExperienceYears > age - 14) {
    issues.push({ path: 'pedExperienceYears', message: 'Стаж больше, чем возможно в этом возрасте' });
  }
  if (issues.length) throw invalid('Проверьте сведения о сотруднике.', issues);
  return { ...p, snils };
}

/**
 * An audit entry's before/after as someone who may not see full СНИЛС is shown it: every `snils`
 * field, at any depth (a person's edit, an import row), masked as on the card. A value that is not
 * 11 digits once the separators are dropped is hidden whole rather than guessed at.
 */
export function maskSnilsIn(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSnilsIn);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      if (k !== 'snils' || v === null) return [k, maskSnilsIn(v)];
      const digits = String(v).replace(/\D/g, '');
      return [k, digits.length === 11 ? maskSnils(digits) : '***'];
    }),
  );
}

export async function getPersonCard(deps: Deps, actor: Actor, id: string): Promise<PersonCard> {
  const p = await findPerson(deps.db, actor, id);
  if (!p) throw notFound('Сотрудник не найден или недоступен.');
  const rules = await loadDerivedRules(deps.db);
  const today = clock.today();
  const age = ageAt(p.birth_date, today);
  const exp = experienceAt(p.ped_experience_years, p.ped_experience_as_of, today);
  const load = await personLoad(deps.db, p.id);
  const employments = await listEmployments(deps.db, actor, p.id);
  const seesHistory = p.writable || actor.personId === p.id;
  const history = seesHistory ? await personHistory(deps.db, p.id) : [];
  const user = p.writable ? await linkedUser(deps.db, p.id) : null;
  const fullSnils = can(actor, 'view', 'full-snils');
  await writeAudit(deps.db, { actor, action: 'read', entity: 'person', entityId: p.id, personId: p.id });
  return {
    id: p.id,
    lastName: p.last_name,
    firstName: p.first_name,
    patronymic: p.patronymic,
    fullName: fullName(p),
    birthDate: p.birth_date,
    age,
    sex: p.sex,
    snils: fullSnils ? formatSnils(p.snils) : maskSnils(p.snils),
    email: p.email,
    education: p.education,
    pedExperienceYears: p.ped_experience_years,
    pedExperienceNow: exp,
    category: p.category,
    categoryDate: p.category_date,
    categoryExpires: categoryExpiry(p.category_date),
    young: isYoung(rules, age, exp),
    pensionAge: isPensionAge(rules, p.sex, age),
    personLoadHours: load,
    loadOver30: load > rules.loadThresholdHours,
    employments: employments.map(presentEmployment),
    history: history.map((h) => ({
      id: h.id,
      at: h.at,
      actorEmail: h.actor_email,
      action: h.action,
      entity: h.entity,
      entityId: h.entity_id,
      summary: auditSummary(h.action, h.entity, h.details),
      before: fullSnils ? h.before : maskSnilsIn(h.before),
      after: fullSnils ? h.after : maskSnilsIn(h.after),
    })),
    user,
    canEdit: p.writable,
    canEditIdentity: p.writable && p.identity_writable,
    canInvite: p.writable && canInPlatform(actor, 'invite', 'people') && !user,
  };
}

function checkEmployment(e: EmploymentWrite): void {
  if (e.startDate && e.startDate > clock.today()) {
    throw invalid('Дата начала работы в будущем.', [{ path: 'startDate', message: 'Дата в будущем' }]);
  }
}

export async function createPerson(
  deps: Deps,
  actor: Actor,
  input: Omit<PersonWrite, 'pedExperienceAsOf'> & { employment: EmploymentWrite },
): Promise<string> {
  const { employment, ...personInput } = input;
  await assertOrgWritable(deps.db, actor, employment.organizationId);
  const today = clock.today();
  const person = checkPerson({
    ...personInput,
    pedExperienceAsOf: personInput.pedExperienceYears === null ? null : today,
  });
  checkEmployment(employment);
  if (employment.kind === 'internal') {
    throw invalid('У нового сотрудника первое место работы — основное или внешнее совместительство.', [
      { path: 'employment.kind', message: 'Внутреннее совместительство без основного места работы' },
    ]);
  }
  return deps.db.transaction(async (tx) => {
    const [org] = await tx.queryText<{ region_id: string }>(
      'SELECT region_id FROM organizations WHERE id = $1',
      [employment.organizationId],
    );
    const dup = await findDuplicate(tx, org!.region_id, person, null);
    if (dup)
      throw conflict('Такой сотрудник уже есть в реестре (совпадает СНИЛС или ФИО и дата рождения).', {
        personId: dup.id,
      });
    const id = await insertPerson(tx, org!.region_id, person);
    const employmentId = await insertEmployment(tx, id, employment);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'person',
      entityId: id,
      personId: id,
      after: person,
    });
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'employment',
      entityId: employmentId,
      personId: id,
      after: employment,
    });
    return id;
  });
}

/** Only the fields that differ, for a readable audit entry. */
function changed<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } | null {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}

export async function editPerson(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: Partial<PersonWrite>,
): Promise<void> {
  const p = await findPerson(deps.db, actor, id);
  if (!p) throw notFound('Сотрудник не найден или недоступен.');
  if (!p.writable) throw forbidden();
  const current = toWrite(p);
  const defined = Object.fromEntries(
    Object.entries(patch).filter(([, v]) => v !== undefined),
  ) as Partial<PersonWrite>;
  const next = checkPerson({
    ...current,
    ...defined,
    ...(defined.pedExperienceYears !== undefined ? { pedExperienceAsOf: clock.today() } : {}),
  });
  const diff = changed(current, next);
  if (!diff) return;
  if (!p.identity_writable && IDENTITY_FIELDS.some((f) => f in diff.after))
    throw forbidden(
      `Сотрудник работает и в другой организации: изменить его СНИЛС, ФИО или дату рождения может ${nextLevelUp(actor)}.`,
    );
  await deps.db.transaction(async (tx) => {
    const dup = await findDuplicate(tx, p.region_id, next, p.id);
    if (dup)
      throw conflict('Другой сотрудник с таким СНИЛС или ФИО и датой рождения уже есть.', {
        personId: dup.id,
      });
    await updatePerson(tx, p.id, next);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'person',
      entityId: p.id,
      personId: p.id,
      ...diff,
    });
  });
}

export async function addEmployment(
  deps: Deps,
  actor: Actor,
  personId: string,
  e: EmploymentWrite,
): Promise<string> {
  const p = await findPerson(deps.db, actor, personId);
  if (!p) throw notFound('Сотрудник не найден или недоступен.');
  await assertOrgWritable(deps.db, actor, e.organizationId);
  checkEmployment(e);
  return deps.db.transaction(async (tx) => {
    if (e.kind === 'main' && (await otherActiveMain(tx, personId, null))) {
      throw conflict(
        'У сотрудника уже есть основное место работы. Сначала завершите его или укажите совместительство.',
      );
    }
    if (e.kind === 'internal' && !(await otherActiveMain(tx, personId, null))) {
      throw invalid('Внутреннее совместительство возможно только при основном месте работы.', [
        { path: 'kind', message: 'Нет основного места работы' },
      ]);
    }
    const id = await insertEmployment(tx, personId, e).catch((err: Error) => {
      if (/employments_active_position_uq/.test(err.message)) {
        throw conflict('Сотрудник уже работает в этой организации в этой должности.');
      }
      throw err;
    });
    await writeAudit(tx, { actor, action: 'create', entity: 'employment', entityId: id, personId, after: e });
    return id;
  });
}

export async function editEmployment(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: Partial<EmploymentWrite>,
): Promise<void> {
  const e = await findEmployment(deps.db, actor, id);
  if (!e) throw notFound('Место работы не найдено или недоступно.');
  await assertOrgWritable(deps.db, actor, e.organization_id);
  const current: EmploymentWrite = {
    organizationId: e.organization_id,
    position: e.position,
    staffCategory: e.staff_category,
    kind: e.kind,
    subjects: e.subjects,
    loadHours: e.load_hours,
    rate: e.rate,
    startDate: e.start_date,
    outsideProfile: e.outside_profile,
  };
  const next = {
    ...current,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  };
  if (next.organizationId !== current.organizationId)
    await assertOrgWritable(deps.db, actor, next.organizationId);
  checkEmployment(next);
  const diff = changed(current, next);
  if (!diff) return;
  await deps.db.transaction(async (tx) => {
    if (next.kind === 'main' && current.kind !== 'main' && (await otherActiveMain(tx, e.person_id, e.id))) {
      throw conflict('У сотрудника уже есть основное место работы.');
    }
    await updateEmployment(tx, e.id, next);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'employment',
      entityId: e.id,
      personId: e.person_id,
      ...diff,
    });
  });
}

export async function finishEmployment(deps: Deps, actor: Actor, id: string, endDate: string): Promise<void> {
  const e = await findEmployment(deps.db, actor, id);
  if (!e) throw notFound('Место работы не найдено или недоступно.');
  await assertOrgWritable(deps.db, actor, e.organization_id);
  if (e.end_date) throw conflict('Это место работы уже завершено.');
  if (e.start_date && endDate < e.start_date) {
    throw invalid('Дата окончания раньше даты начала работы.', [
      { path: 'endDate', message: 'Раньше начала' },
    ]);
  }
  await deps.db.transaction(async (tx) => {
    await endEmployment(tx, e.id, endDate);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'employment',
      entityId: e.id,
      personId: e.person_id,
      before: { endDate: null },
      after: { endDate },
    });
  });
}
