import { type SQL, sql } from 'drizzle-orm';
import type { RecipientRow } from '../notifications/notifications.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { keptPlanScope, planScope, psychologistOf, summaryScope } from './wellbeing.policy.ts';
import type { PlanOutcome, RiskLevel, SupportItemKind } from './wellbeing.vocabulary.ts';

/** Data access of burnout support: plans, their items, the summary by organization, follow-ups due. */

const fullName = (p: string) =>
  sql.raw(`trim(${p}.last_name || ' ' || ${p}.first_name || ' ' || ${p}.patronymic)`);
const orgName = (o: string) => sql.raw(`COALESCE(NULLIF(${o}.short_name, ''), ${o}.full_name)`);

// ---- the attempt that may open a plan ----

export interface AttemptForSupport {
  id: string;
  person_id: string;
  /** The organization the person was invited from, else their main current employment's. */
  organization_id: string | null;
  kind: string;
  status: 'started' | 'submitted';
  scales: { highRisk?: unknown; highCount?: unknown } | null;
}

export async function findAttemptForSupport(db: Db, attemptId: string): Promise<AttemptForSupport | null> {
  const [row] = await db.query<AttemptForSupport>(sql`
    SELECT a.id, a.person_id, a.status, a.scales, i.kind::text AS kind,
           COALESCE(cp.organization_id, (
             SELECT e.organization_id FROM employments e
             WHERE e.person_id = a.person_id AND e.end_date IS NULL
             ORDER BY (e.kind = 'main') DESC, e.start_date NULLS LAST LIMIT 1)) AS organization_id
    FROM assessment_attempts a
    JOIN instruments i ON i.id = a.instrument_id
    LEFT JOIN campaign_participants cp ON cp.campaign_id = a.campaign_id AND cp.person_id = a.person_id
    WHERE a.id = ${attemptId}`);
  return row ?? null;
}

// ---- plans ----

export interface PlanDb {
  id: string;
  person_id: string;
  person_name: string;
  organization_id: string;
  organization_name: string;
  source_attempt_id: string | null;
  risk_level: RiskLevel;
  status: 'open' | 'closed';
  opened_on: string;
  closed_on: string | null;
  follow_up_due: string;
  follow_up_notified_on: string | null;
  follow_up_attempt_id: string | null;
  follow_up_risk: RiskLevel | null;
  follow_up_on: string | null;
  outcome: PlanOutcome | null;
  outcome_note: string | null;
  items: ItemDb[];
}

export interface ItemDb {
  id: string;
  kind: SupportItemKind;
  note: string;
  due_on: string | null;
  done_on: string | null;
}

const planSelect = sql`
  SELECT sp.id, sp.person_id, ${fullName('p')} AS person_name, sp.organization_id,
         ${orgName('o')} AS organization_name, sp.source_attempt_id, sp.risk_level, sp.status,
         sp.opened_on, sp.closed_on, sp.follow_up_due, sp.follow_up_notified_on, sp.follow_up_attempt_id,
         sp.follow_up_risk, sp.follow_up_on, sp.outcome, sp.outcome_note,
         COALESCE((SELECT jsonb_agg(jsonb_build_object('id', i.id, 'kind', i.kind, 'note', i.note,
                     'due_on', i.due_on, 'done_on', i.done_on) ORDER BY i.due_on NULLS LAST, i.created_at, i.id)
                   FROM support_plan_items i WHERE i.plan_id = sp.id), '[]'::jsonb) AS items
  FROM support_plans sp
  JOIN people p ON p.id = sp.person_id
  JOIN organizations o ON o.id = sp.organization_id`;

/** The open plan of a person, locked (no scope: the reaction acts for the system). */
export async function lockOpenPlanOf(db: Db, personId: string) {
  const [row] = await db.query<{
    id: string;
    source_attempt_id: string | null;
    follow_up_attempt_id: string | null;
  }>(sql`
    SELECT id, source_attempt_id, follow_up_attempt_id FROM support_plans
    WHERE person_id = ${personId} AND status = 'open' FOR UPDATE`);
  return row ?? null;
}

/** Opens a plan; null when the person already has an open one or the attempt already opened one. */
export async function insertPlan(
  db: Db,
  p: {
    personId: string;
    organizationId: string;
    attemptId: string;
    risk: RiskLevel;
    on: string;
    followUpDue: string;
  },
): Promise<string | null> {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO support_plans (person_id, organization_id, source_attempt_id, risk_level, opened_on, follow_up_due)
    VALUES (${p.personId}, ${p.organizationId}, ${p.attemptId}, ${p.risk}, ${p.on}, ${p.followUpDue})
    ON CONFLICT DO NOTHING RETURNING id`);
  return row?.id ?? null;
}

export async function insertItems(
  db: Db,
  planId: string,
  items: { kind: SupportItemKind; note: string; dueOn: string | null }[],
): Promise<string[]> {
  if (items.length === 0) return [];
  const rows = await db.query<{ id: string }>(sql`
    INSERT INTO support_plan_items (plan_id, kind, note, due_on)
    SELECT ${planId}::uuid, x.kind::support_item_kind, x.note, x."dueOn"::date
    FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS x(kind text, note text, "dueOn" text)
    RETURNING id`);
  return rows.map((r) => r.id);
}

/** The follow-up screening of an open plan; a high risk again moves the next follow-up on. */
export async function recordFollowUp(
  db: Db,
  p: { planId: string; attemptId: string; risk: RiskLevel; on: string; nextDue: string | null },
): Promise<void> {
  await db.query(sql`
    UPDATE support_plans SET follow_up_attempt_id = ${p.attemptId}, follow_up_risk = ${p.risk},
           follow_up_on = ${p.on}, follow_up_due = COALESCE(${p.nextDue}::date, follow_up_due),
           follow_up_notified_on = CASE WHEN ${p.nextDue}::date IS NULL THEN follow_up_notified_on END,
           updated_at = now()
    WHERE id = ${p.planId}`);
}

export async function findPlan(db: Db, actor: Actor, id: string): Promise<PlanDb | null> {
  const [row] = await db.query<PlanDb>(sql`${planSelect} WHERE sp.id = ${id} AND ${planScope(actor)}`);
  return row ?? null;
}

export async function listKeptPlans(
  db: Db,
  actor: Actor,
  q: { status?: 'open' | 'closed' | undefined },
): Promise<PlanDb[]> {
  const status = q.status ? sql`AND sp.status = ${q.status}` : sql``;
  return db.query<PlanDb>(sql`${planSelect} WHERE ${keptPlanScope(actor)} ${status}
    ORDER BY sp.status, sp.follow_up_due, person_name, sp.id`);
}

export async function listOwnPlans(db: Db, personId: string): Promise<PlanDb[]> {
  return db.query<PlanDb>(sql`${planSelect} WHERE sp.person_id = ${personId}
    ORDER BY sp.status, sp.opened_on DESC, sp.id`);
}

/** Whether the person is a psychologist of the organization (or of any organization when null). */
export async function isPsychologist(
  db: Db,
  personId: string,
  organizationId: string | null,
): Promise<boolean> {
  const org: SQL = organizationId ? sql`${organizationId}::uuid` : sql`pe.organization_id`;
  const [row] = await db.query<{ yes: boolean }>(sql`SELECT ${psychologistOf(personId, org)} AS yes`);
  return row?.yes === true;
}

export async function findItem(db: Db, planId: string, itemId: string) {
  const [row] = await db.query<ItemDb>(sql`
    SELECT id, kind, note, due_on, done_on FROM support_plan_items WHERE id = ${itemId} AND plan_id = ${planId}`);
  return row ?? null;
}

export async function updateItem(
  db: Db,
  itemId: string,
  p: { doneOn?: string | null; note?: string; dueOn?: string | null },
): Promise<void> {
  const sets: SQL[] = [];
  if (p.doneOn !== undefined) sets.push(sql`done_on = ${p.doneOn}`);
  if (p.note !== undefined) sets.push(sql`note = ${p.note}`);
  if (p.dueOn !== undefined) sets.push(sql`due_on = ${p.dueOn}`);
  if (sets.length === 0) return;
  await db.query(sql`UPDATE support_plan_items SET ${sql.join(sets, sql`, `)} WHERE id = ${itemId}`);
}

export async function closePlanRow(
  db: Db,
  p: { planId: string; on: string; outcome: PlanOutcome; note: string | null; by: string },
): Promise<boolean> {
  const rows = await db.query<{ id: string }>(sql`
    UPDATE support_plans SET status = 'closed', closed_on = ${p.on}, outcome = ${p.outcome},
           outcome_note = ${p.note}, closed_by = ${p.by}, updated_at = now()
    WHERE id = ${p.planId} AND status = 'open' RETURNING id`);
  return rows.length === 1;
}

// ---- the summary: counts by organization, never names ----

export interface SummaryDb {
  organization_id: string;
  organization_name: string;
  high_risk: number;
  open_plans: number;
  follow_ups_done: number;
  closed_plans: number;
}

/**
 * Per organization in the caller's summary scope: people whose latest submitted burnout attempt
 * there shows a high risk, open plans, plans with the follow-up screening taken, plans closed.
 */
export function summaryByOrganization(db: Db, actor: Actor): Promise<SummaryDb[]> {
  return db.query<SummaryDb>(sql`
    WITH latest AS (
      SELECT DISTINCT ON (a.person_id) a.person_id, cp.organization_id,
             (a.scales->>'highRisk')::boolean AS high
      FROM assessment_attempts a
      JOIN instruments i ON i.id = a.instrument_id AND i.kind = 'burnout'
      JOIN campaign_participants cp ON cp.campaign_id = a.campaign_id AND cp.person_id = a.person_id
      WHERE a.status = 'submitted' AND cp.organization_id IS NOT NULL
      ORDER BY a.person_id, a.submitted_at DESC, a.id DESC
    ), risk AS (
      SELECT organization_id, count(*) FILTER (WHERE high)::int AS high_risk FROM latest GROUP BY organization_id
    ), plans AS (
      SELECT organization_id,
             count(*) FILTER (WHERE status = 'open')::int AS open_plans,
             count(*) FILTER (WHERE follow_up_attempt_id IS NOT NULL)::int AS follow_ups_done,
             count(*) FILTER (WHERE status = 'closed')::int AS closed_plans
      FROM support_plans GROUP BY organization_id
    )
    SELECT o.id AS organization_id, ${orgName('o')} AS organization_name,
           COALESCE(r.high_risk, 0) AS high_risk, COALESCE(pl.open_plans, 0) AS open_plans,
           COALESCE(pl.follow_ups_done, 0) AS follow_ups_done, COALESCE(pl.closed_plans, 0) AS closed_plans
    FROM organizations o
    LEFT JOIN risk r ON r.organization_id = o.id
    LEFT JOIN plans pl ON pl.organization_id = o.id
    WHERE ${summaryScope(actor)} AND (r.organization_id IS NOT NULL OR pl.organization_id IS NOT NULL)
    ORDER BY organization_name, o.id`);
}

// ---- follow-ups ----

/** Open plans whose follow-up is due by `date`, not yet taken and not yet reminded of for this due date. */
export function followUpRecipients(db: Db, date: string) {
  return db.query<RecipientRow<'support_followup'> & { plan_id: string }>(sql`
    SELECT u.id AS user_id, sp.id AS plan_id,
           'support-followup:' || sp.id || ':' || sp.follow_up_due || ':' || u.id AS dedupe_key,
           jsonb_build_object('dueOn', sp.follow_up_due) AS facts
    FROM support_plans sp
    JOIN users u ON u.person_id = sp.person_id AND u.active
    WHERE sp.status = 'open' AND sp.follow_up_due <= ${date}::date
      AND (sp.follow_up_attempt_id IS NULL OR sp.follow_up_risk = 'high' AND sp.follow_up_on < sp.follow_up_due)
      AND (sp.follow_up_notified_on IS NULL OR sp.follow_up_notified_on < sp.follow_up_due)
    ORDER BY sp.id, u.id`);
}

export async function markReminded(db: Db, planIds: string[], date: string): Promise<void> {
  if (planIds.length === 0) return;
  await db.query(sql`
    UPDATE support_plans SET follow_up_notified_on = ${date}::date
    WHERE id = ANY(${sql.param(planIds)}::uuid[])`);
}
