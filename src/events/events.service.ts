import { competenciesByCode } from '../catalog/programs.repository.ts';
import { loadDerivedRules } from '../directory/derived/derived-rules.repository.ts';
import { writeAudit } from '../platform/audit/audit.repository.ts';
import { type Actor, ROLE_LABELS } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { sql } from '../platform/db/database.ts';
import { conflict, type FieldIssue, forbidden, invalid, notFound } from '../platform/errors.ts';
import { exportTitle } from '../platform/files/export-title.ts';
import { writeTable } from '../platform/files/write-table.ts';
import { dayInZone, today as todayInZone } from '../platform/time/today.ts';
import {
  canApprovePlan,
  canManagePlan,
  newPlanLevel,
  registrationPersonScope,
  seesAllRegistrations,
} from './events.policy.ts';
import { eventFields, presentEvent, presentPlan, presentRegistration } from './events.presenter.ts';
import {
  approvePlan,
  deleteEvent,
  type EventDb,
  type EventFilters,
  type EventWrite,
  eventCompetencies,
  findEvent,
  findPlan,
  findRegistration,
  insertEvent,
  insertPlan,
  listEvents,
  listPlans,
  listRegistrations,
  liveRegistration,
  lockEvent,
  organizationMunicipality,
  organizationsIn,
  type PlanDb,
  personInTarget,
  personRegistrations,
  personWorksIn,
  promoteWaitlist,
  type RegistrationDb,
  registerForEvent,
  setEventCompetencies,
  setRegistrationStatus,
  updateEvent,
  updatePlanTitle,
  worksAt,
} from './events.repository.ts';
import type { EventInput, EventOut, Plan, RegistrationOut } from './events.schemas.ts';
import {
  EVENT_KINDS,
  EVENT_LEVELS,
  parsePeriod,
  parsePlannedResult,
  plannedResultText,
  promotesOn,
  REFUSALS,
  type RegistrationRefusal,
  type RegistrationStatus,
  registrationRefusal,
  schoolYearName,
  WAITLIST_NOTE,
} from './events.vocabulary.ts';
import { planDocx } from './plan-docx.ts';

/** `today` is the municipality's date; tests pass a fixed one. */
export type Deps = { db: Db; today?: () => string };
const dayOf = (deps: Deps) => (deps.today ?? todayInZone)();

// ---- plans ----

export async function listPlansFor(
  { db }: Deps,
  actor: Actor,
  q: { schoolYear?: number | undefined; status?: 'draft' | 'approved' | undefined },
) {
  const rows = await listPlans(db, actor, q);
  const level = newPlanLevel(actor);
  return {
    items: rows.map((p) => presentPlan(actor, p)),
    canCreate:
      level === 'municipal' || level === 'institutional' || level === 'admin'
        ? (level as 'municipal' | 'institutional' | 'admin')
        : null,
  };
}

async function visiblePlan(db: Db, actor: Actor, id: string): Promise<PlanDb> {
  const p = await findPlan(db, actor, id);
  if (!p) throw notFound('План мероприятий не найден.');
  return p;
}

function requireManager(actor: Actor, p: PlanDb): void {
  if (!canManagePlan(actor, p))
    throw forbidden(
      p.level === 'municipal'
        ? 'Муниципальный план ведут методисты муниципальной методической службы.'
        : 'План организации ведёт её руководитель.',
    );
}

export async function getPlan({ db }: Deps, actor: Actor, id: string): Promise<Plan> {
  return presentPlan(actor, await visiblePlan(db, actor, id));
}

export async function createPlan(
  { db }: Deps,
  actor: Actor,
  input: {
    schoolYear: number;
    title?: string | undefined;
    municipalityId?: string | undefined;
    organizationId?: string | undefined;
  },
): Promise<string> {
  const level = newPlanLevel(actor);
  let municipalityId: string | null;
  let organizationId: string | null = null;
  if (level === 'municipal') municipalityId = actor.municipalityId;
  else if (level === 'institutional') {
    organizationId = actor.organizationId;
    municipalityId = await organizationMunicipality(db, organizationId!);
  } else if (level === 'admin') {
    organizationId = input.organizationId ?? null;
    municipalityId = organizationId
      ? await organizationMunicipality(db, organizationId)
      : (input.municipalityId ?? null);
    if (!municipalityId)
      throw invalid('Укажите муниципалитет или организацию плана.', [
        { path: 'municipalityId', message: 'Укажите муниципалитет или организацию' },
      ]);
  } else throw forbidden(`${level}.`);
  const title =
    input.title ??
    `План ${organizationId ? 'методических мероприятий организации' : 'муниципальных методических мероприятий'} на ${schoolYearName(input.schoolYear)} учебный год`;
  return db.transaction(async (tx) => {
    const id = await insertPlan(tx, {
      municipalityId: municipalityId!,
      organizationId,
      schoolYear: input.schoolYear,
      title,
    });
    if (!id) throw conflict(`План на ${schoolYearName(input.schoolYear)} учебный год уже есть.`);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'event_plan',
      entityId: id,
      after: { municipalityId, organizationId, schoolYear: input.schoolYear, title },
    });
    return id;
  });
}

export async function renamePlan({ db }: Deps, actor: Actor, id: string, title: string): Promise<void> {
  const p = await visiblePlan(db, actor, id);
  requireManager(actor, p);
  await db.transaction(async (tx) => {
    await updatePlanTitle(tx, id, title);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'event_plan',
      entityId: id,
      before: { title: p.title },
      after: { title },
    });
  });
}

/** Draft → approved, by the head of the education department (or the school head for a school's plan). */
export async function approve({ db }: Deps, actor: Actor, id: string): Promise<void> {
  const p = await visiblePlan(db, actor, id);
  if (!canApprovePlan(actor, p))
    throw forbidden(
      p.level === 'municipal'
        ? 'Муниципальный план утверждает руководитель органа управления образованием.'
        : 'План организации утверждает её руководитель.',
    );
  if (p.status === 'approved') throw conflict('План уже утверждён.');
  if (p.event_count === 0)
    throw invalid('В плане нет мероприятий: добавьте их или загрузите план из таблицы.');
  await db.transaction(async (tx) => {
    if (!(await approvePlan(tx, id, actor.userId))) throw conflict('План уже утверждён.');
    await writeAudit(tx, {
      actor,
      action: 'agree',
      entity: 'event_plan',
      entityId: id,
      details: { status: 'approved' },
    });
  });
}

// ---- events ----

export async function listPlanEvents(
  { db }: Deps,
  actor: Actor,
  planId: string,
  filters: EventFilters,
): Promise<{ items: EventOut[]; total: number }> {
  const plan = await visiblePlan(db, actor, planId);
  const rows = await listEvents(db, planId, filters);
  return { items: rows.map((e) => presentEvent(actor, plan, e)), total: rows.length };
}

/** The plan as Table 2 of the municipal plan lays it out (№, сроки, мероприятие, ответственный, результат). */
export async function exportPlan(deps: Deps, actor: Actor, planId: string, filters: EventFilters) {
  const { db } = deps;
  const plan = await visiblePlan(db, actor, planId);
  const rows = await listEvents(db, planId, filters);
  const table = await writeTable({
    format: 'xlsx',
    sheetName: 'План мероприятий',
    titleBlock: await exportTitle(db, actor, {
      title: `${plan.title} (${plan.status === 'approved' ? 'утверждён' : 'черновик'})`,
      territory: plan.organization_name ?? plan.municipality_name,
      asOf: dayOf(deps),
    }),
    columns: [
      { key: 'number', header: '№ п/п', type: 'text', width: 8 },
      { key: 'period', header: 'Период реализации', width: 18 },
      { key: 'title', header: 'Наименование мероприятия', width: 60 },
      { key: 'responsible', header: 'ФИО, должность ответственного', width: 30 },
      { key: 'result', header: 'Прогнозируемый результат', width: 40 },
      { key: 'kind', header: 'Вид', width: 20 },
      { key: 'level', header: 'Уровень', width: 14 },
      { key: 'startsOn', header: 'Дата начала', type: 'text', width: 12 },
      { key: 'endsOn', header: 'Дата окончания', type: 'text', width: 12 },
      { key: 'place', header: 'Место', width: 24 },
      { key: 'capacity', header: 'Мест', format: 'integer', width: 8 },
      { key: 'registered', header: 'Зарегистрировано', format: 'integer', width: 10 },
    ],
    rows: rows.map((e) => ({
      number: e.number ?? '',
      period: e.period_text ?? (e.starts_on ? ruPeriod(e) : ''),
      title: e.title,
      responsible: e.responsible_text ?? e.responsible_name ?? '',
      result: e.planned_result_text ?? (e.planned_result ? plannedResultText(e.planned_result) : ''),
      kind: EVENT_KINDS[e.kind],
      level: EVENT_LEVELS[e.level],
      startsOn: e.starts_on ? ru(e.starts_on) : '',
      endsOn: e.ends_on ? ru(e.ends_on) : '',
      place: e.place ?? e.online_url ?? '',
      capacity: e.capacity ?? '',
      registered: e.seats_taken,
    })),
  });
  await writeAudit(db, {
    actor,
    action: 'export',
    entity: 'event_plan',
    entityId: planId,
    details: { ...filters, rows: rows.length },
  });
  return {
    fileName: `plan-meropriyatiy-${plan.school_year}-${dayOf(deps)}.${table.extension}`,
    contentType: table.contentType,
    data: table.data,
  };
}

/** The plan as the document that is signed (DOCX): «УТВЕРЖДАЮ» or «ПРОЕКТ», then Table 2's columns. */
export async function exportPlanDocx(deps: Deps, actor: Actor, planId: string) {
  const { db } = deps;
  const plan = await visiblePlan(db, actor, planId);
  const rows = await listEvents(db, planId, {});
  const data = await planDocx({
    title: plan.title,
    schoolYearName: schoolYearName(plan.school_year),
    territory: plan.organization_name ?? plan.municipality_name,
    status: plan.status,
    approval:
      plan.status === 'approved'
        ? {
            name: plan.approved_by_name,
            position: approverPosition(plan),
            // The day in the town's zone: approved at 01:00 in Irkutsk is still yesterday in UTC.
            on: plan.approved_at ? dayInZone(plan.approved_at) : null,
          }
        : null,
    rows: rows.map((e) => ({
      number: e.number,
      title: e.title,
      period: e.period_text ?? (e.starts_on ? ruPeriod(e) : ''),
      responsible: e.responsible_text ?? e.responsible_name ?? '',
      result: e.planned_result_text ?? (e.planned_result ? plannedResultText(e.planned_result) : ''),
    })),
  });
  await writeAudit(db, {
    actor,
    action: 'export',
    entity: 'event_plan',
    entityId: planId,
    details: { format: 'docx', rows: rows.length },
  });
  return {
    fileName: `plan-meropriyatiy-${plan.school_year}-${dayOf(deps)}.docx`,
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}

/** Who approved, as the signature line names them: the head of the department of the municipality, or of the school. */
function approverPosition(plan: PlanDb): string {
  if (plan.approved_by_role === 'municipal_head')
    return `Руководитель органа управления образованием (${plan.municipality_name})`;
  if (plan.approved_by_role === 'org_head' && plan.organization_name)
    return `Руководитель ${plan.organization_name}`;
  return plan.approved_by_role ? ROLE_LABELS[plan.approved_by_role] : '';
}

const ru = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const ruPeriod = (e: EventDb) =>
  e.ends_on && e.ends_on !== e.starts_on ? `${ru(e.starts_on!)}–${ru(e.ends_on)}` : ru(e.starts_on!);

export async function getEventCard(deps: Deps, actor: Actor, id: string) {
  const { db } = deps;
  const e = await findEvent(db, actor, id);
  if (!e) throw notFound('Мероприятие не найдено.');
  const plan = (await findPlan(db, actor, e.plan_id))!;
  return {
    ...presentEvent(actor, plan, e),
    plan: presentPlan(actor, plan),
    competencies: await eventCompetencies(db, id),
    registration: await registrationState(deps, actor, plan, e),
  };
}

async function registrationState(deps: Deps, actor: Actor, plan: PlanDb, e: EventDb) {
  const { db } = deps;
  const canNominate =
    actor.role === 'org_head' && plan.status === 'approved' && windowOpenFor(e, dayOf(deps));
  const canCancel = !isOver(e, dayOf(deps));
  if (!actor.personId) {
    return {
      mine: null,
      canRegister: false,
      reason: actor.role === 'teacher' ? REFUSALS.no_person : null,
      note: null,
      canNominate,
      canCancel,
    };
  }
  const mine = await liveRegistration(db, e.id, actor.personId);
  const refusal = await refusalFor(deps, plan, e, actor.personId, !!mine);
  const full = e.capacity !== null && e.seats_taken >= e.capacity;
  return {
    mine: mine
      ? {
          id: mine.id,
          status: mine.status,
          statusName: presentRegistration(mine).statusName,
          waitlistPosition: mine.waitlist_position,
        }
      : null,
    canRegister: refusal === null,
    reason: refusal && refusal !== 'already' ? REFUSALS[refusal] : null,
    note: refusal === null && full ? WAITLIST_NOTE : null,
    canNominate,
    canCancel,
  };
}

/** The event is over when its last day (or its only one) is before today; undated events never are. */
const isOver = (e: Pick<EventDb, 'starts_on' | 'ends_on'>, today: string) => {
  const last = e.ends_on ?? e.starts_on;
  return last !== null && last < today;
};

const windowOpenFor = (e: EventDb, today: string) =>
  registrationRefusal(facts(e, true), { hasPerson: true, inTarget: true, registered: false }, today) === null;

const facts = (e: EventDb, planApproved: boolean) => ({
  planApproved,
  registrationOpensOn: e.registration_opens_on,
  registrationClosesOn: e.registration_closes_on,
  startsOn: e.starts_on,
});

async function refusalFor(
  deps: Deps,
  plan: PlanDb,
  e: EventDb,
  personId: string,
  registered: boolean,
): Promise<RegistrationRefusal | null> {
  const today = dayOf(deps);
  const rules = await loadDerivedRules(deps.db);
  const inTarget = await personInTarget(deps.db, personId, plan, e.target ?? {}, rules, today);
  return registrationRefusal(
    facts(e, plan.status === 'approved'),
    { hasPerson: true, inTarget, registered },
    today,
  );
}

/** Checks an event's fields against its plan; a 422 lists every problem. */
async function checkEvent(db: Db, plan: PlanDb, e: EventWrite, codes: string[]): Promise<string[]> {
  const issues: FieldIssue[] = [];
  if (e.startsOn && e.endsOn && e.endsOn < e.startsOn)
    issues.push({ path: 'endsOn', message: 'Дата окончания раньше даты начала' });
  if (e.endsOn && !e.startsOn) issues.push({ path: 'startsOn', message: 'Укажите дату начала' });
  if (e.startTime && !e.startsOn)
    issues.push({ path: 'startTime', message: 'Время начала — у мероприятия с датой' });
  if (e.endTime && !e.startTime) issues.push({ path: 'endTime', message: 'Укажите время начала' });
  if (e.startTime && e.endTime && (e.endsOn ?? e.startsOn) === e.startsOn && e.endTime <= e.startTime)
    issues.push({ path: 'endTime', message: 'Время окончания не позже времени начала' });
  if (e.registrationOpensOn && e.registrationClosesOn && e.registrationClosesOn < e.registrationOpensOn)
    issues.push({ path: 'registrationClosesOn', message: 'Регистрация закрывается раньше, чем открывается' });
  if (e.registrationClosesOn && e.endsOn && e.registrationClosesOn > e.endsOn)
    issues.push({
      path: 'registrationClosesOn',
      message: 'Регистрация закрывается после окончания мероприятия',
    });
  const orgIds = [
    ...new Set([
      ...(e.target.organizationIds ?? []),
      ...(e.organizerOrganizationId ? [e.organizerOrganizationId] : []),
    ]),
  ];
  const known = await organizationsIn(db, orgIds, plan.municipality_id);
  if (e.organizerOrganizationId && !known.has(e.organizerOrganizationId))
    issues.push({
      path: 'organizerOrganizationId',
      message: 'Организатор должен быть организацией муниципалитета плана',
    });
  if ((e.target.organizationIds ?? []).some((id) => !known.has(id)))
    issues.push({
      path: 'target.organizationIds',
      message: 'В целевой группе — организации не из муниципалитета плана',
    });
  if (e.responsiblePersonId && !(await personWorksIn(db, e.responsiblePersonId, plan.municipality_id)))
    issues.push({
      path: 'responsiblePersonId',
      message: 'Ответственный должен работать в организации муниципалитета плана',
    });
  const found = await competenciesByCode(db, codes);
  const ids: string[] = [];
  for (const code of codes) {
    const list = found.get(code) ?? [];
    if (list.length === 0)
      issues.push({ path: 'competencyCodes', message: `Нет компетенции с кодом «${code}»` });
    else if (list.length > 1)
      issues.push({
        path: 'competencyCodes',
        message: `Код компетенции «${code}» есть в нескольких картах компетенций`,
      });
    else ids.push(list[0]!);
  }
  if (issues.length) throw invalid('Проверьте сведения о мероприятии.', issues);
  return ids;
}

const EMPTY_EVENT = (plan: PlanDb): Omit<EventWrite, 'title' | 'kind'> => ({
  number: null,
  description: null,
  level: plan.level === 'municipal' ? 'municipal' : 'institutional',
  organizerOrganizationId: plan.organization_id,
  responsiblePersonId: null,
  responsibleText: null,
  periodText: null,
  startsOn: null,
  endsOn: null,
  startTime: null,
  endTime: null,
  place: null,
  onlineUrl: null,
  target: {},
  capacity: null,
  registrationOpensOn: null,
  registrationClosesOn: null,
  waitlistCutoffOn: null,
  requiresApproval: false,
  plannedResult: null,
  plannedResultText: null,
});

/** The fields of a body laid over the current ones; dates and the result fill in from their texts. */
function merge(plan: PlanDb, current: EventWrite, patch: Partial<EventInput>): EventWrite {
  const given = Object.fromEntries(
    Object.entries(patch).filter(([k, v]) => v !== undefined && k !== 'competencyCodes'),
  ) as Partial<EventWrite>;
  const next: EventWrite = { ...current, ...given };
  if (next.periodText && !next.startsOn && !next.endsOn) {
    const d = parsePeriod(next.periodText, plan.school_year);
    if (d) Object.assign(next, d);
  }
  if (next.plannedResultText && !next.plannedResult) {
    next.plannedResult = parsePlannedResult(next.plannedResultText);
  }
  return next;
}

export async function createEvent(
  { db }: Deps,
  actor: Actor,
  planId: string,
  input: EventInput,
): Promise<string> {
  const plan = await visiblePlan(db, actor, planId);
  requireManager(actor, plan);
  const write = merge(plan, { ...EMPTY_EVENT(plan), title: input.title, kind: input.kind }, input);
  const codes = input.competencyCodes ?? [];
  const competencyIds = await checkEvent(db, plan, write, codes);
  return db.transaction(async (tx) => {
    const id = await insertEvent(tx, planId, write);
    await setEventCompetencies(tx, id, competencyIds);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'event',
      entityId: id,
      after: { ...write, competencyCodes: codes },
    });
    return id;
  });
}

export async function editEvent(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: Partial<EventInput>,
): Promise<{ promotedIds: string[] }> {
  const { db } = deps;
  const before = await findEvent(db, actor, id);
  if (!before) throw notFound('Мероприятие не найдено.');
  const plan = (await findPlan(db, actor, before.plan_id))!;
  requireManager(actor, plan);
  const current = eventFields(before);
  const next = merge(plan, current, patch);
  const codes = patch.competencyCodes ?? before.competency_codes;
  const competencyIds = await checkEvent(db, plan, next, codes);
  if (next.capacity !== null && next.capacity < before.seats_taken)
    throw invalid('Проверьте сведения о мероприятии.', [
      {
        path: 'capacity',
        message: `Уже зарегистрировано ${before.seats_taken}: мест не может быть меньше`,
      },
    ]);
  return db.transaction(async (tx) => {
    const locked = await lockEvent(tx, id);
    await updateEvent(tx, id, next);
    if (patch.competencyCodes !== undefined) await setEventCompetencies(tx, id, competencyIds);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'event',
      entityId: id,
      before: current,
      after: next,
    });
    // More seats, or a later cut-off, give places to the waiting list.
    const after = {
      ...locked!,
      capacity: next.capacity,
      requires_approval: next.requiresApproval,
      starts_on: next.startsOn,
      waitlist_cutoff_on: next.waitlistCutoffOn,
    };
    const promotes = promotesOn(
      { waitlistCutoffOn: after.waitlist_cutoff_on, startsOn: after.starts_on },
      dayOf(deps),
    );
    return { promotedIds: promotes ? await auditPromoted(tx, actor, await promoteWaitlist(tx, after)) : [] };
  });
}

export async function removeEvent({ db }: Deps, actor: Actor, id: string): Promise<void> {
  const before = await findEvent(db, actor, id);
  if (!before) throw notFound('Мероприятие не найдено.');
  const plan = (await findPlan(db, actor, before.plan_id))!;
  requireManager(actor, plan);
  if (before.seats_taken + before.waitlisted > 0)
    throw conflict('На мероприятие уже зарегистрированы педагоги: сначала отмените их регистрации.');
  await db.transaction(async (tx) => {
    await deleteEvent(tx, id);
    await writeAudit(tx, {
      actor,
      action: 'delete',
      entity: 'event',
      entityId: id,
      before: eventFields(before),
    });
  });
}

// ---- registrations ----

const MESSAGES: Record<'confirmed' | 'pending' | 'waitlisted', string> = {
  confirmed: 'Вы зарегистрированы на мероприятие',
  pending: 'Заявка принята: её подтвердит организатор',
  waitlisted: 'Мест нет — вы в листе ожидания',
};

const NOMINATION_REFUSALS: Record<RegistrationRefusal, string> = {
  ...REFUSALS,
  not_in_target: 'Сотрудник не входит в целевую группу мероприятия',
  already: 'Сотрудник уже зарегистрирован на это мероприятие',
};

/**
 * Registers the person for the event. The seat is taken under the event's row lock in one statement
 * (registerForEvent), so no two registrations take the same seat: beyond the capacity the
 * registration goes to the waiting list.
 */
async function registerPerson(
  deps: Deps,
  actor: Actor,
  eventId: string,
  personId: string,
  source: 'self' | 'nominated',
): Promise<RegistrationOut & { message: string }> {
  const { db } = deps;
  const e = await findEvent(db, actor, eventId);
  if (!e) throw notFound('Мероприятие не найдено.');
  const plan = (await findPlan(db, actor, e.plan_id))!;
  const reasons = source === 'self' ? REFUSALS : NOMINATION_REFUSALS;
  const refusal = await refusalFor(deps, plan, e, personId, false);
  if (refusal) throw invalid(reasons[refusal]);
  const made = await registerForEvent(db, { eventId, personId, source, actor });
  if (!made) throw notFound('Мероприятие не найдено.');
  if (!made.id) throw conflict(reasons.already);
  const id = made.id;
  const r = presentRegistration((await findRegistration(db, id))!);
  const message =
    r.status === 'waitlisted'
      ? `${MESSAGES.waitlisted} (место в очереди: ${r.waitlistPosition})`
      : MESSAGES[r.status as 'confirmed' | 'pending'];
  return { ...r, message };
}

export async function registerSelf(deps: Deps, actor: Actor, eventId: string) {
  if (!actor.personId) {
    if (!(await findEvent(deps.db, actor, eventId))) throw notFound('Мероприятие не найдено.');
    throw forbidden(REFUSALS.no_person);
  }
  return registerPerson(deps, actor, eventId, actor.personId, 'self');
}

/** A school head registers a member of their staff. */
export async function nominate(deps: Deps, actor: Actor, eventId: string, personId: string) {
  if (!(await findEvent(deps.db, actor, eventId))) throw notFound('Мероприятие не найдено.');
  if (actor.role !== 'org_head' || !actor.organizationId)
    throw forbidden('Направить сотрудника на мероприятие может руководитель его организации.');
  if (!(await worksAt(deps.db, personId, actor.organizationId))) throw notFound('Сотрудник не найден.');
  return registerPerson(deps, actor, eventId, personId, 'nominated');
}

/** An event's registrations as the caller may see them: all, their staff's, or their own. */
export async function eventRegistrations({ db }: Deps, actor: Actor, eventId: string) {
  const e = await findEvent(db, actor, eventId);
  if (!e) throw notFound('Мероприятие не найдено.');
  const plan = (await findPlan(db, actor, e.plan_id))!;
  const scope = seesAllRegistrations(actor, plan) ? sql`true` : registrationPersonScope(actor, 'p');
  const rows = await listRegistrations(db, eventId, scope);
  if (seesAllRegistrations(actor, plan) && rows.length > 0)
    await writeAudit(db, {
      actor,
      action: 'read',
      entity: 'event_registration',
      details: { eventId, rows: rows.length },
    });
  return { items: rows.map(presentRegistration), total: rows.length };
}

export async function myRegistrations({ db }: Deps, actor: Actor) {
  if (!actor.personId) return { items: [], total: 0 };
  const rows = await personRegistrations(db, actor, actor.personId);
  return { items: rows.map(presentRegistration), total: rows.length };
}

/** The registration if the actor may change it: their own, their staff's, or any of a plan they keep. */
async function changeableRegistration(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ r: RegistrationDb; event: EventDb; plan: PlanDb; manages: boolean }> {
  const r = await findRegistration(db, id);
  const e = r ? await findEvent(db, actor, r.event_id) : null;
  const plan = e ? await findPlan(db, actor, e.plan_id) : null;
  if (!r || !e || !plan) throw notFound('Регистрация не найдена.');
  const manages = canManagePlan(actor, plan);
  const own = actor.personId === r.person_id;
  const staff =
    actor.role === 'org_head' &&
    !!actor.organizationId &&
    (await worksAt(db, r.person_id, actor.organizationId));
  if (!manages && !own && !staff) {
    if (seesAllRegistrations(actor, plan))
      throw forbidden('Изменить регистрацию может организатор мероприятия.');
    throw notFound('Регистрация не найдена.');
  }
  return { r, event: e, plan, manages };
}

/** Audits the registrations promoted from the waiting list; returns their ids (to tell the people). */
async function auditPromoted(
  tx: Db,
  actor: Actor,
  promoted: { id: string; person_id: string; status: RegistrationStatus }[],
): Promise<string[]> {
  for (const p of promoted) {
    await writeAudit(tx, {
      actor,
      action: 'status',
      entity: 'event_registration',
      entityId: p.id,
      personId: p.person_id,
      details: { from: 'waitlisted', to: p.status, reason: 'место освободилось' },
    });
  }
  return promoted.map((p) => p.id);
}

/** Cancels a live registration; a freed seat goes to the waiting list until the cut-off. */
export async function cancelRegistration(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<RegistrationOut & { promotedIds: string[] }> {
  const { db } = deps;
  const { r, event } = await changeableRegistration(db, actor, id);
  if (r.attended) throw conflict('Присутствие уже отмечено: регистрацию не отменить.');
  if (isOver(event, dayOf(deps)))
    throw conflict('Мероприятие уже прошло: регистрацию не отменить — организатор отмечает присутствие.');
  const promotedIds = await db.transaction(async (tx) => {
    const locked = await lockEvent(tx, r.event_id);
    if (!(await setRegistrationStatus(tx, id, ['pending', 'confirmed', 'waitlisted'], 'cancelled')))
      throw conflict('Регистрация уже отменена или отклонена.');
    await writeAudit(tx, {
      actor,
      action: 'status',
      entity: 'event_registration',
      entityId: id,
      personId: r.person_id,
      details: { from: r.status, to: 'cancelled' },
    });
    if (
      locked &&
      promotesOn({ waitlistCutoffOn: locked.waitlist_cutoff_on, startsOn: locked.starts_on }, dayOf(deps))
    )
      return auditPromoted(tx, actor, await promoteWaitlist(tx, locked));
    return [];
  });
  return { ...presentRegistration((await findRegistration(db, id))!), promotedIds };
}

/** The organizer confirms or rejects a pending registration; a rejection frees its seat. */
export async function decideRegistration(
  deps: Deps,
  actor: Actor,
  id: string,
  decision: 'confirmed' | 'rejected',
): Promise<RegistrationOut & { promotedIds: string[] }> {
  const { db } = deps;
  const { r, manages } = await changeableRegistration(db, actor, id);
  if (!manages) throw forbidden('Подтверждает регистрации организатор мероприятия.');
  const promotedIds = await db.transaction(async (tx) => {
    const locked = await lockEvent(tx, r.event_id);
    if (!(await setRegistrationStatus(tx, id, ['pending'], decision)))
      throw conflict('Регистрация не ожидает подтверждения.');
    await writeAudit(tx, {
      actor,
      action: 'status',
      entity: 'event_registration',
      entityId: id,
      personId: r.person_id,
      details: { from: 'pending', to: decision },
    });
    if (
      decision === 'rejected' &&
      locked &&
      promotesOn({ waitlistCutoffOn: locked.waitlist_cutoff_on, startsOn: locked.starts_on }, dayOf(deps))
    )
      return auditPromoted(tx, actor, await promoteWaitlist(tx, locked));
    return [];
  });
  return { ...presentRegistration((await findRegistration(db, id))!), promotedIds };
}
