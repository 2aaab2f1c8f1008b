import { notify } from '../notifications/delivery.service.ts';
import { writeAudit } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../platform/errors.ts';
import { can as canInPlatform } from '../platform/platform.policy.ts';
import { readSetting, writeSetting } from '../platform/settings/settings.repository.ts';
import { addDays, today as todayInZone } from '../platform/time/today.ts';
import { canKeepPlan, canSeeSummary, mayKeepPlans } from './wellbeing.policy.ts';
import { presentPlan, presentSummary } from './wellbeing.presenter.ts';
import {
  closePlanRow,
  findAttemptForSupport,
  findItem,
  findPlan,
  followUpRecipients,
  insertItems,
  insertPlan,
  isPsychologist,
  listKeptPlans,
  listOwnPlans,
  lockOpenPlanOf,
  markReminded,
  type PlanDb,
  recordFollowUp,
  summaryByOrganization,
  updateItem,
} from './wellbeing.repository.ts';
import {
  DEFAULT_FOLLOW_UP_WEEKS,
  DEFAULT_ITEMS,
  type PlanOutcome,
  riskOf,
  type SupportItemKind,
  WELLBEING_SETTINGS_KEY,
} from './wellbeing.vocabulary.ts';

/** Burnout support. `today` is the municipality's date; tests pass a fixed one. */
export type Deps = { db: Db; today?: () => string };
const dayOf = (deps: Deps) => (deps.today ?? todayInZone)();

// ---- settings ----

export async function readWellbeingSettings(db: Db) {
  const stored = (await readSetting(db, WELLBEING_SETTINGS_KEY)) as { followUpWeeks?: unknown } | undefined;
  const weeks = Number(stored?.followUpWeeks);
  return {
    followUpWeeks: Number.isInteger(weeks) && weeks >= 1 && weeks <= 52 ? weeks : DEFAULT_FOLLOW_UP_WEEKS,
  };
}

export async function changeWellbeingSettings({ db }: Deps, actor: Actor, value: { followUpWeeks: number }) {
  if (!canInPlatform(actor, 'change', 'settings')) throw forbidden('Настройки меняет администратор системы.');
  const before = await readWellbeingSettings(db);
  await db.transaction(async (tx) => {
    await writeSetting(tx, WELLBEING_SETTINGS_KEY, value, actor.userId);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'settings',
      entityId: WELLBEING_SETTINGS_KEY,
      before,
      after: value,
    });
  });
  return readWellbeingSettings(db);
}

// ---- the reaction: a burnout attempt submitted ----

export type AttemptOutcome =
  | { action: 'opened'; planId: string }
  | { action: 'follow_up'; planId: string }
  | { action: 'none' };

/**
 * A submitted burnout attempt: a high risk opens a plan with the default items (one open plan per
 * teacher); a later attempt of a teacher with an open plan is its follow-up screening. Safe to run
 * again: the attempt that opened a plan, or was already its follow-up, changes nothing.
 */
export async function reactToBurnoutAttempt(
  deps: Deps,
  actor: Actor,
  attemptId: string,
): Promise<AttemptOutcome> {
  const { db } = deps;
  const a = await findAttemptForSupport(db, attemptId);
  if (a?.kind !== 'burnout' || a.status !== 'submitted') return { action: 'none' };
  const risk = riskOf(a.scales);
  if (!risk) return { action: 'none' };
  const on = dayOf(deps);
  const { followUpWeeks } = await readWellbeingSettings(db);
  const due = addDays(on, followUpWeeks * 7);
  return db.transaction(async (tx): Promise<AttemptOutcome> => {
    const open = await lockOpenPlanOf(tx, a.person_id);
    if (open) {
      if (open.source_attempt_id === a.id || open.follow_up_attempt_id === a.id) return { action: 'none' };
      await recordFollowUp(tx, {
        planId: open.id,
        attemptId: a.id,
        risk,
        on,
        nextDue: risk === 'high' ? due : null,
      });
      await writeAudit(tx, {
        actor,
        action: 'update',
        entity: 'support_plan',
        entityId: open.id,
        personId: a.person_id,
        after: { followUpAttemptId: a.id, followUpRisk: risk },
      });
      return { action: 'follow_up', planId: open.id };
    }
    if (risk !== 'high' || !a.organization_id) return { action: 'none' };
    const planId = await insertPlan(tx, {
      personId: a.person_id,
      organizationId: a.organization_id,
      attemptId: a.id,
      risk,
      on,
      followUpDue: due,
    });
    if (!planId) return { action: 'none' };
    await insertItems(
      tx,
      planId,
      DEFAULT_ITEMS.map((i) => ({ kind: i.kind, note: i.note, dueOn: addDays(on, i.weeks * 7) })),
    );
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'support_plan',
      entityId: planId,
      personId: a.person_id,
      after: { organizationId: a.organization_id, sourceAttemptId: a.id, riskLevel: risk, followUpDue: due },
    });
    return { action: 'opened', planId };
  });
}

// ---- reading ----

/** What the caller has of burnout support (the menu and the pages ask). */
export async function wellbeingAccess({ db }: Deps, actor: Actor) {
  const psychologist = actor.personId ? await isPsychologist(db, actor.personId, null) : false;
  return {
    keepPlans: actor.role === 'org_head' || psychologist,
    seeSummary: canSeeSummary(actor),
    ownSupport: actor.personId !== null,
  };
}

async function requireKeeper(db: Db, actor: Actor): Promise<void> {
  const ok =
    mayKeepPlans(actor) &&
    (actor.role === 'org_head' ||
      (actor.personId !== null && (await isPsychologist(db, actor.personId, null))));
  if (!ok) throw forbidden('Планы поддержки педагогов ведут руководитель школы и педагог-психолог школы.');
}

async function abilitiesOf(db: Db, actor: Actor, p: PlanDb) {
  const psychologist =
    actor.personId !== null && actor.personId !== p.person_id
      ? await isPsychologist(db, actor.personId, p.organization_id)
      : false;
  return { canKeep: canKeepPlan(actor, p, psychologist) };
}

export async function listSchoolPlans(
  { db }: Deps,
  actor: Actor,
  q: { status?: 'open' | 'closed' | undefined },
) {
  await requireKeeper(db, actor);
  const rows = await listKeptPlans(db, actor, q);
  await writeAudit(db, {
    actor,
    action: 'read',
    entity: 'support_plan',
    details: { ...q, count: rows.length },
  });
  return { items: rows.map((r) => presentPlan(r, { canKeep: r.status === 'open' })) };
}

export async function getPlan({ db }: Deps, actor: Actor, id: string) {
  const p = await findPlan(db, actor, id);
  if (!p) throw notFound('План поддержки не найден.');
  const { canKeep } = await abilitiesOf(db, actor, p);
  await writeAudit(db, {
    actor,
    action: 'read',
    entity: 'support_plan',
    entityId: id,
    personId: p.person_id,
  });
  return presentPlan(p, { canKeep: canKeep && p.status === 'open' });
}

export async function mySupport({ db }: Deps, actor: Actor) {
  if (!actor.personId) throw forbidden('Раздел доступен педагогам, связанным с записью в реестре.');
  const rows = await listOwnPlans(db, actor.personId);
  return { items: rows.map((r) => presentPlan(r, { canKeep: false })) };
}

export async function summary({ db }: Deps, actor: Actor) {
  if (!canSeeSummary(actor))
    throw forbidden(
      'Сводку по поддержке педагогов видят методист и руководитель органа управления образованием.',
    );
  const rows = await summaryByOrganization(db, actor);
  await writeAudit(db, { actor, action: 'read', entity: 'support_summary', details: { count: rows.length } });
  return presentSummary(rows);
}

// ---- keeping a plan ----

/** The plan the caller keeps and that is still open: 404 when unseen, 403 when not theirs to keep, 409 when closed. */
async function keptOpenPlan(db: Db, actor: Actor, id: string): Promise<PlanDb> {
  const p = await findPlan(db, actor, id);
  if (!p) throw notFound('План поддержки не найден.');
  const { canKeep } = await abilitiesOf(db, actor, p);
  if (!canKeep) throw forbidden('План поддержки ведут руководитель школы и педагог-психолог школы.');
  if (p.status !== 'open') throw conflict('План поддержки закрыт: изменить его нельзя.');
  return p;
}

export async function addItem(
  deps: Deps,
  actor: Actor,
  planId: string,
  input: { kind: SupportItemKind; note: string; dueOn?: string | null | undefined },
) {
  const { db } = deps;
  const p = await keptOpenPlan(db, actor, planId);
  const [itemId] = await db.transaction(async (tx) => {
    const ids = await insertItems(tx, planId, [
      { kind: input.kind, note: input.note, dueOn: input.dueOn ?? null },
    ]);
    await writeAudit(tx, {
      actor,
      action: 'add_item',
      entity: 'support_plan',
      entityId: planId,
      personId: p.person_id,
      after: { itemId: ids[0], kind: input.kind, dueOn: input.dueOn ?? null },
    });
    return ids;
  });
  return getPlanAfterChange(db, actor, planId, itemId);
}

export async function changeItem(
  deps: Deps,
  actor: Actor,
  planId: string,
  itemId: string,
  input: { done?: boolean | undefined; note?: string | undefined; dueOn?: string | null | undefined },
) {
  const { db } = deps;
  const p = await keptOpenPlan(db, actor, planId);
  const item = await findItem(db, planId, itemId);
  if (!item) throw notFound('Пункт плана не найден.');
  const doneOn = input.done === undefined ? undefined : input.done ? (item.done_on ?? dayOf(deps)) : null;
  await db.transaction(async (tx) => {
    await updateItem(tx, itemId, { doneOn, note: input.note, dueOn: input.dueOn });
    await writeAudit(tx, {
      actor,
      action: input.done ? 'item_done' : 'edit_item',
      entity: 'support_plan',
      entityId: planId,
      personId: p.person_id,
      before: { itemId, doneOn: item.done_on, note: item.note, dueOn: item.due_on },
      after: { itemId, doneOn, note: input.note, dueOn: input.dueOn },
    });
  });
  return getPlanAfterChange(db, actor, planId);
}

export async function closePlan(
  deps: Deps,
  actor: Actor,
  planId: string,
  input: { outcome: PlanOutcome; note?: string | null | undefined },
) {
  const { db } = deps;
  const p = await keptOpenPlan(db, actor, planId);
  const note = input.note?.trim() || null;
  if (input.outcome === 'improved' && (!p.follow_up_risk || p.follow_up_risk === 'high'))
    throw conflict(
      'Закрыть план с улучшением можно после повторного скрининга, который не показал высокого риска выгорания.',
    );
  if (input.outcome === 'other' && !note)
    throw invalid('Укажите причину закрытия плана.', [{ path: 'note', message: 'Укажите причину закрытия' }]);
  const on = dayOf(deps);
  await db.transaction(async (tx) => {
    if (!(await closePlanRow(tx, { planId, on, outcome: input.outcome, note, by: actor.userId })))
      throw conflict('План поддержки уже закрыт.');
    await writeAudit(tx, {
      actor,
      action: 'close',
      entity: 'support_plan',
      entityId: planId,
      personId: p.person_id,
      after: { outcome: input.outcome, note, closedOn: on },
    });
  });
  return getPlanAfterChange(db, actor, planId);
}

async function getPlanAfterChange(db: Db, actor: Actor, planId: string, _itemId?: string) {
  const p = await findPlan(db, actor, planId);
  if (!p) throw notFound('План поддержки не найден.');
  const { canKeep } = await abilitiesOf(db, actor, p);
  return presentPlan(p, { canKeep: canKeep && p.status === 'open' });
}

// ---- the daily follow-up reminders ----

/**
 * The follow-up screening due by `date`: each teacher whose open plan reached its follow-up date
 * (and has not taken the questionnaire again since) is told once per due date.
 */
export async function remindFollowUps(db: Db, date: string): Promise<{ reminded: number }> {
  const rows = await followUpRecipients(db, date);
  const reminded = await notify(
    db,
    'support_followup',
    rows.map(({ user_id, dedupe_key, facts }) => ({ user_id, dedupe_key, facts })),
  );
  await markReminded(db, [...new Set(rows.map((r) => r.plan_id))], date);
  return { reminded };
}
