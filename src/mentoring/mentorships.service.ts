import { writeAudit } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { conflict, type FieldIssue, forbidden, invalid, notFound } from '../platform/errors.ts';
import { pairAbilities, sideOf } from './mentoring.policy.ts';
import {
  pairPeople,
  presentGoal,
  presentPair,
  presentPlanItem,
  presentReport,
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
  insertPair,
  insertPlanItem,
  insertReport,
  listGoals,
  listPairs,
  listPlanItems,
  listReports,
  lockMentor,
  markPlanItem,
  openMentorshipOf,
  type PairDb,
  type PairFilters,
  personPairs,
  setGoalOutcome,
  visiblePerson,
} from './mentoring.repository.ts';
import { type Deps, requireManager, visibleProgram } from './mentoring.service.ts';
import {
  FINISH_REASONS,
  type FinishReason,
  type GoalOutcome,
  MENTORING_FORMS,
  type MentoringForm,
  PLAN_KINDS,
  REPORT_SIDES,
} from './mentoring.vocabulary.ts';

/** Mentorships (pairs and groups): opening, goals, the plan, reports, finishing, the history. */

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
          form: MENTORING_FORMS[input.form],
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
      details: { mentorshipId: id, ...input, kind: PLAN_KINDS[input.kind] },
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
      details: { mentorshipId: id, side: REPORT_SIDES[side] },
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
        after: {
          finishedOn: input.finishedOn,
          reason: FINISH_REASONS[input.reason],
          outcomes: input.outcomes.length,
        },
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
