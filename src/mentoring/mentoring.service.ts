import { loadDerivedRules } from '../directory/derived/derived-rules.repository.ts';
import { writeAudit } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { conflict, type FieldIssue, forbidden, invalid, notFound } from '../platform/errors.ts';
import { can as canInPlatform } from '../platform/platform.policy.ts';
import { readSetting, writeSetting } from '../platform/settings/settings.repository.ts';
import { today as todayInZone } from '../platform/time/today.ts';
import {
  canManageProgram,
  canSeeSummary,
  canSeeWarnings,
  newProgramOrganization,
  pairAbilities,
  sideOf,
} from './mentoring.policy.ts';
import {
  pairPeople,
  presentGoal,
  presentMentor,
  presentPair,
  presentPlanItem,
  presentProgram,
  presentReport,
  presentSummary,
  presentWarning,
} from './mentoring.presenter.ts';
import {
  currentDeficits,
  findMentor,
  findPair,
  findPlanItem,
  findProgram,
  finishPair,
  insertGoal,
  insertMentees,
  insertMentor,
  insertPair,
  insertPlanItem,
  insertProgram,
  insertReport,
  listGoals,
  listMentors,
  listPairs,
  listPlanItems,
  listPrograms,
  listReports,
  lockMentor,
  markPlanItem,
  openMentorshipOf,
  organizationExists,
  type PairDb,
  type PairFilters,
  type ProgramDb,
  type ProgramWrite,
  personPairs,
  setGoalOutcome,
  summaryByOrganization,
  updateMentorCapacity,
  updateProgram,
  visiblePerson,
  youngWithoutMentor,
} from './mentoring.repository.ts';
import type { ProgramInput } from './mentoring.schemas.ts';
import {
  DEFAULT_WARNING_WEEKS,
  type FinishReason,
  type GoalOutcome,
  MENTORING_FORMS,
  MENTORING_SETTINGS_KEY,
  type MentoringForm,
} from './mentoring.vocabulary.ts';

/** `today` is the municipality's date; tests pass a fixed one. */
export type Deps = { db: Db; today?: () => string };
const dayOf = (deps: Deps) => (deps.today ?? todayInZone)();

// ---- programs ----

async function visibleProgram(db: Db, actor: Actor, id: string): Promise<ProgramDb> {
  const p = await findProgram(db, actor, id);
  if (!p) throw notFound('Программа наставничества не найдена.');
  return p;
}

function requireManager(actor: Actor, p: ProgramDb): void {
  if (!canManageProgram(actor, p)) throw forbidden('Наставничество в организации ведёт её руководитель.');
}

function programWrite(input: ProgramInput): ProgramWrite {
  const w = {
    name: input.name,
    forms: [...new Set(input.forms)],
    startsOn: input.startsOn,
    endsOn: input.endsOn ?? null,
    orderNumber: input.orderNumber || null,
    orderDate: input.orderDate ?? null,
    orderUrl: input.orderUrl ?? null,
  };
  if (w.endsOn && w.endsOn < w.startsOn)
    throw invalid('Окончание программы раньше её начала.', [
      { path: 'endsOn', message: 'Дата окончания не раньше даты начала' },
    ]);
  return w;
}

export async function listProgramsFor(
  { db }: Deps,
  actor: Actor,
  q: { organizationId?: string | undefined },
) {
  const rows = await listPrograms(db, actor, q);
  return {
    items: rows.map((p) => presentProgram(actor, p)),
    canCreate: typeof newProgramOrganization(actor) !== 'string',
  };
}

export async function getProgramCard({ db }: Deps, actor: Actor, id: string) {
  const p = await visibleProgram(db, actor, id);
  const mentors = await listMentors(db, p.id);
  return { ...presentProgram(actor, p), mentors: mentors.map(presentMentor) };
}

export async function createProgram(
  { db }: Deps,
  actor: Actor,
  input: ProgramInput & { organizationId?: string | undefined },
): Promise<string> {
  const where = newProgramOrganization(actor);
  if (typeof where === 'string') throw forbidden(where);
  const organizationId = where.organizationId ?? input.organizationId ?? null;
  if (!organizationId)
    throw invalid('Укажите организацию программы.', [
      { path: 'organizationId', message: 'Укажите организацию' },
    ]);
  const w = programWrite(input);
  return db.transaction(async (tx) => {
    if (!(await organizationExists(tx, organizationId)))
      throw invalid('Организация не найдена.', [
        { path: 'organizationId', message: 'Нет такой организации' },
      ]);
    const id = await insertProgram(tx, organizationId, w);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'mentoring_program',
      entityId: id,
      after: { organizationId, ...w },
    });
    return id;
  });
}

export async function editProgram({ db }: Deps, actor: Actor, id: string, input: ProgramInput) {
  const p = await visibleProgram(db, actor, id);
  requireManager(actor, p);
  const w = programWrite(input);
  await db.transaction(async (tx) => {
    await updateProgram(tx, id, w);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'mentoring_program',
      entityId: id,
      before: {
        name: p.name,
        forms: p.forms,
        startsOn: p.starts_on,
        endsOn: p.ends_on,
        orderNumber: p.order_number,
        orderDate: p.order_date,
        orderUrl: p.order_url,
      },
      after: w,
    });
  });
}

// ---- mentors ----

export async function appointMentor(
  { db }: Deps,
  actor: Actor,
  programId: string,
  input: { personId: string; capacity: number },
): Promise<string> {
  const p = await visibleProgram(db, actor, programId);
  requireManager(actor, p);
  const person = await visiblePerson(db, actor, input.personId);
  if (!person)
    throw invalid('Педагог не найден среди сотрудников, которых вы видите.', [
      { path: 'personId', message: 'Выберите сотрудника организации' },
    ]);
  return db.transaction(async (tx) => {
    const id = await insertMentor(tx, programId, person.id, input.capacity);
    if (!id) throw conflict(`${person.name} уже наставник этой программы.`);
    await writeAudit(tx, {
      actor,
      action: 'assign',
      entity: 'mentoring_mentor',
      entityId: id,
      personId: person.id,
      after: { programId, personId: person.id, capacity: input.capacity },
    });
    return id;
  });
}

export async function changeMentorCapacity({ db }: Deps, actor: Actor, mentorId: string, capacity: number) {
  const m = await findMentor(db, mentorId);
  const p = m ? await findProgram(db, actor, m.program_id) : null;
  if (!m || !p) throw notFound('Наставник не найден.');
  requireManager(actor, p);
  await db.transaction(async (tx) => {
    await lockMentor(tx, mentorId);
    const now = (await findMentor(tx, mentorId))!;
    if (capacity < now.load)
      throw invalid(`У наставника ${now.load} наставляемых: число мест не может быть меньше.`, [
        { path: 'capacity', message: `Не меньше ${now.load}` },
      ]);
    await updateMentorCapacity(tx, mentorId, capacity);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'mentoring_mentor',
      entityId: mentorId,
      personId: m.person_id,
      before: { capacity: m.capacity },
      after: { capacity },
    });
  });
  return presentMentor((await findMentor(db, mentorId))!);
}

// ---- pairs ----

async function visiblePair(db: Db, actor: Actor, id: string): Promise<PairDb> {
  const p = await findPair(db, actor, id);
  if (!p) throw notFound('Наставничество не найдено.');
  return p;
}

async function pairContext(db: Db, actor: Actor, id: string) {
  const pair = await visiblePair(db, actor, id);
  const program = (await findProgram(db, actor, pair.program_id))!;
  const abilities = pairAbilities(actor, program, { ...pairPeople(pair), open: pair.finished_on === null });
  return { pair, program, abilities };
}

export async function listPairsFor({ db }: Deps, actor: Actor, f: PairFilters) {
  const rows = await listPairs(db, actor, f);
  return { items: rows.map((p) => presentPair(actor, p)), total: rows.length };
}

export async function getPairCard({ db }: Deps, actor: Actor, id: string) {
  const { pair, abilities } = await pairContext(db, actor, id);
  const [goals, plan, reports] = await Promise.all([
    listGoals(db, id),
    listPlanItems(db, id),
    listReports(db, id),
  ]);
  const { side: _side, ...flags } = abilities;
  return {
    ...presentPair(actor, pair),
    goals: goals.map(presentGoal),
    plan: plan.map(presentPlanItem),
    reportList: reports.map(presentReport),
    abilities: flags,
  };
}

export async function createPair(
  deps: Deps,
  actor: Actor,
  programId: string,
  input: { mentorId: string; menteePersonIds: string[]; form: MentoringForm; startedOn: string },
): Promise<string> {
  const { db } = deps;
  const program = await visibleProgram(db, actor, programId);
  requireManager(actor, program);
  const menteeIds = [...new Set(input.menteePersonIds)];
  const issues: FieldIssue[] = [];
  if (!program.forms.includes(input.form))
    issues.push({
      path: 'form',
      message: `Форма «${MENTORING_FORMS[input.form]}» не предусмотрена программой`,
    });
  if (input.form !== 'group' && menteeIds.length !== 1)
    issues.push({
      path: 'menteePersonIds',
      message: 'В паре один наставляемый; для нескольких выберите групповое наставничество',
    });
  if (input.startedOn < program.starts_on || (program.ends_on && input.startedOn > program.ends_on))
    issues.push({ path: 'startedOn', message: 'Дата начала вне срока программы' });
  const mentor = await findMentor(db, input.mentorId);
  if (!mentor || mentor.program_id !== program.id)
    issues.push({ path: 'mentorId', message: 'Наставник не назначен в этой программе' });
  if (mentor && menteeIds.includes(mentor.person_id))
    issues.push({ path: 'menteePersonIds', message: 'Наставник не может быть своим наставляемым' });
  const people = new Map<string, string>();
  for (const id of menteeIds) {
    const person = await visiblePerson(db, actor, id);
    if (!person || (actor.role !== 'admin' && !person.works_in.includes(program.organization_id)))
      issues.push({
        path: 'menteePersonIds',
        message: 'Наставляемый должен работать в организации программы',
      });
    else people.set(id, person.name);
  }
  if (issues.length > 0) throw invalid(issues[0]!.message, issues);

  const busy = (ids: string[]) => ids.map((i) => people.get(i) ?? i).join(', ');
  return db.transaction(async (tx) => {
    // Creates for one mentor take turns on the mentor's row, so two never both take the last place.
    await lockMentor(tx, mentor!.id);
    const now = (await findMentor(tx, mentor!.id))!;
    if (now.load + menteeIds.length > now.capacity)
      throw conflict(
        `У наставника ${now.person_name} нет свободных мест: занято ${now.load} из ${now.capacity}. Увеличьте число мест или выберите другого наставника.`,
      );
    const already = await openMentorshipOf(tx, program.id, menteeIds);
    if (already.length > 0) throw conflict(openMessage(busy(already.map((r) => r.person_id))));
    const id = await insertPair(tx, {
      programId: program.id,
      mentorId: mentor!.id,
      form: input.form,
      startedOn: input.startedOn,
      createdBy: actor.userId,
    });
    // The partial unique index settles a race the check above could not see.
    const added = await insertMentees(tx, id, program.id, menteeIds);
    if (added.length < menteeIds.length)
      throw conflict(openMessage(busy(menteeIds.filter((m) => !added.includes(m)))));
    for (const personId of menteeIds)
      await writeAudit(tx, {
        actor,
        action: 'create',
        entity: 'mentorship',
        entityId: id,
        personId,
        after: {
          programId: program.id,
          mentorPersonId: mentor!.person_id,
          form: input.form,
          startedOn: input.startedOn,
        },
      });
    return id;
  });
}

const openMessage = (names: string) =>
  `${names}: уже есть открытое наставничество в этой программе. Завершите его, прежде чем назначать новое.`;

/** The mentees' current deficits, to choose a goal from. */
export async function pairDeficits({ db }: Deps, actor: Actor, id: string) {
  const pair = await visiblePair(db, actor, id);
  const names = new Map(pair.mentees.map((m) => [m.person_id, m.name]));
  const rows = await currentDeficits(db, [...names.keys()]);
  return {
    items: rows.map((d) => ({
      personId: d.person_id,
      personName: names.get(d.person_id) ?? '',
      competencyId: d.competency_id,
      competencyCode: d.competency_code,
      competencyName: d.competency_name,
      frameworkName: d.framework_name,
      percent: d.percent,
      assessedOn: d.assessed_on,
      deficitBelow: d.deficit_below,
    })),
  };
}

function requireOpen(pair: PairDb): void {
  if (pair.finished_on) throw conflict('Наставничество завершено: изменить его нельзя.');
}

export async function addGoal(
  { db }: Deps,
  actor: Actor,
  id: string,
  input: { menteePersonId: string; competencyId: string; title?: string | null | undefined },
): Promise<void> {
  const { pair, abilities } = await pairContext(db, actor, id);
  requireOpen(pair);
  if (!abilities.canPlan) throw forbidden('Цели наставничества ставят наставник и руководитель организации.');
  if (!pair.mentees.some((m) => m.person_id === input.menteePersonId))
    throw invalid('Педагог не из этого наставничества.', [
      { path: 'menteePersonId', message: 'Выберите наставляемого' },
    ]);
  const [deficit] = await currentDeficits(db, [input.menteePersonId], input.competencyId);
  if (!deficit)
    throw invalid(
      'Компетенция не входит в текущие дефициты наставляемого (по последним результатам диагностики).',
      [{ path: 'competencyId', message: 'Выберите компетенцию из дефицитов' }],
    );
  await db.transaction(async (tx) => {
    const goalId = await insertGoal(tx, {
      mentorshipId: id,
      menteePersonId: input.menteePersonId,
      competencyId: input.competencyId,
      title: input.title ?? null,
      baselinePercent: deficit.percent,
      baselineOn: deficit.assessed_on,
    });
    if (!goalId) throw conflict('Такая цель у наставляемого уже есть.');
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'mentorship_goal',
      entityId: goalId,
      personId: input.menteePersonId,
      after: { mentorshipId: id, competencyId: input.competencyId, baseline: deficit.percent },
    });
  });
}

export async function addPlanItem(
  { db }: Deps,
  actor: Actor,
  id: string,
  input: { kind: 'meeting' | 'task'; plannedOn: string; topic: string },
): Promise<void> {
  const { pair, abilities } = await pairContext(db, actor, id);
  requireOpen(pair);
  if (!abilities.canPlan) throw forbidden('План наставничества ведут наставник и руководитель организации.');
  await db.transaction(async (tx) => {
    const itemId = await insertPlanItem(tx, { mentorshipId: id, ...input });
    await writeAudit(tx, {
      actor,
      action: 'add_item',
      entity: 'mentorship_plan_item',
      entityId: itemId,
      details: { mentorshipId: id, ...input },
    });
  });
}

export async function markPlan({ db }: Deps, actor: Actor, itemId: string, done: boolean): Promise<string> {
  const item = await findPlanItem(db, itemId);
  const pair = item ? await findPair(db, actor, item.mentorship_id) : null;
  if (!item || !pair) throw notFound('Пункт плана не найден.');
  const { abilities } = await pairContext(db, actor, pair.id);
  requireOpen(pair);
  if (!abilities.canPlan) throw forbidden('Отметки плана ставит наставник.');
  await db.transaction(async (tx) => {
    await markPlanItem(tx, itemId, done);
    await writeAudit(tx, {
      actor,
      action: done ? 'item_done' : 'update',
      entity: 'mentorship_plan_item',
      entityId: itemId,
      before: { done: item.done },
      after: { done },
    });
  });
  return pair.id;
}

export async function addReport(
  { db }: Deps,
  actor: Actor,
  id: string,
  input: { text: string; reportedOn: string },
): Promise<void> {
  const pair = await visiblePair(db, actor, id);
  const side = sideOf(actor, pairPeople(pair));
  if (!side) throw forbidden('Отчёт пишут наставник и наставляемый.');
  requireOpen(pair);
  await db.transaction(async (tx) => {
    const reportId = await insertReport(tx, {
      mentorshipId: id,
      side,
      authorPersonId: actor.personId!,
      reportedOn: input.reportedOn,
      text: input.text,
      createdBy: actor.userId,
    });
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'mentorship_report',
      entityId: reportId,
      personId: actor.personId,
      details: { mentorshipId: id, side },
    });
  });
}

export async function finish(
  { db }: Deps,
  actor: Actor,
  id: string,
  input: {
    finishedOn: string;
    reason: FinishReason;
    note?: string | null | undefined;
    outcomes: { goalId: string; outcome: GoalOutcome }[];
  },
): Promise<void> {
  const { pair, abilities } = await pairContext(db, actor, id);
  requireOpen(pair);
  if (!abilities.canFinish) throw forbidden('Завершает наставничество руководитель организации.');
  const goals = await listGoals(db, id);
  const known = new Set(goals.map((g) => g.id));
  const issues: FieldIssue[] = [];
  if (input.finishedOn < pair.started_on)
    issues.push({ path: 'finishedOn', message: 'Дата завершения не раньше начала наставничества' });
  if (input.outcomes.some((o) => !known.has(o.goalId)))
    issues.push({ path: 'outcomes', message: 'Цель не из этого наставничества' });
  const given = new Set(input.outcomes.map((o) => o.goalId));
  if (input.reason === 'completed' && goals.some((g) => !given.has(g.id)))
    issues.push({ path: 'outcomes', message: 'Отметьте по каждой цели, достигнута ли она' });
  if (issues.length > 0) throw invalid(issues[0]!.message, issues);
  await db.transaction(async (tx) => {
    const note = input.note ?? null;
    if (!(await finishPair(tx, id, { finishedOn: input.finishedOn, reason: input.reason, note })))
      throw conflict('Наставничество уже завершено.');
    for (const o of input.outcomes) await setGoalOutcome(tx, o.goalId, o.outcome);
    for (const m of pair.mentees)
      await writeAudit(tx, {
        actor,
        action: 'end',
        entity: 'mentorship',
        entityId: id,
        personId: m.person_id,
        after: { finishedOn: input.finishedOn, reason: input.reason, outcomes: input.outcomes.length },
      });
  });
}

// ---- the caller's own and a person's history ----

export async function myMentoring({ db }: Deps, actor: Actor) {
  if (!actor.personId) return { asMentor: [], asMentee: [] };
  const rows = (await personPairs(db, actor.personId)).map((p) => presentPair(actor, p));
  return {
    asMentor: rows.filter((p) => p.side === 'mentor'),
    asMentee: rows.filter((p) => p.side === 'mentee'),
  };
}

/** Every pair of a person, in every school (a transferred mentee keeps their history). */
export async function personHistory({ db }: Deps, actor: Actor, personId: string) {
  const person = await visiblePerson(db, actor, personId);
  if (!person) throw notFound('Педагог не найден.');
  const self = actor.personId === personId;
  if (!self && !['admin', 'municipal_methodist', 'org_head'].includes(actor.role))
    throw forbidden('Историю наставничества видят сам педагог, руководитель его организации и методист.');
  const rows = await personPairs(db, personId);
  if (!self)
    await writeAudit(db, {
      actor,
      action: 'read',
      entity: 'mentoring_history',
      entityId: personId,
      personId,
      details: { count: rows.length },
    });
  return { personId, personName: person.name, items: rows.map((p) => presentPair(actor, p)) };
}

// ---- warnings, counts, settings ----

export async function readMentoringSettings(db: Db) {
  const stored = (await readSetting(db, MENTORING_SETTINGS_KEY)) as { warningWeeks?: unknown } | undefined;
  const weeks = Number(stored?.warningWeeks);
  return {
    warningWeeks: Number.isInteger(weeks) && weeks >= 1 && weeks <= 52 ? weeks : DEFAULT_WARNING_WEEKS,
  };
}

export async function changeMentoringSettings({ db }: Deps, actor: Actor, value: { warningWeeks: number }) {
  if (!canInPlatform(actor, 'change', 'settings')) throw forbidden('Настройки меняет администратор системы.');
  const before = await readMentoringSettings(db);
  await db.transaction(async (tx) => {
    await writeSetting(tx, MENTORING_SETTINGS_KEY, value, actor.userId);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'settings',
      entityId: MENTORING_SETTINGS_KEY,
      before,
      after: value,
    });
  });
  return readMentoringSettings(db);
}

export async function warnings(deps: Deps, actor: Actor, q: { organizationId?: string | undefined }) {
  const { db } = deps;
  if (!canSeeWarnings(actor))
    throw forbidden('Список молодых специалистов без наставника видят руководитель организации и методист.');
  const asOf = dayOf(deps);
  const [{ warningWeeks: weeks }, rules] = await Promise.all([
    readMentoringSettings(db),
    loadDerivedRules(db),
  ]);
  const rows = await youngWithoutMentor(db, actor, { asOf, weeks, rules, organizationId: q.organizationId });
  await writeAudit(db, {
    actor,
    action: 'read',
    entity: 'mentoring_warnings',
    details: { ...q, count: rows.length },
  });
  return { weeks, asOf, items: rows.map((w) => presentWarning(w, asOf)) };
}

export async function summary(deps: Deps, actor: Actor) {
  if (!canSeeSummary(actor)) throw forbidden();
  const rules = await loadDerivedRules(deps.db);
  return presentSummary(await summaryByOrganization(deps.db, actor, { asOf: dayOf(deps), rules }));
}
