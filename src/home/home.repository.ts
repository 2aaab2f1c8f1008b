import { type SQL, sql } from 'drizzle-orm';
import { campaignReadScope } from '../assessment/assessment.policy.ts';
import { formReadScope } from '../monitoring/monitoring.policy.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { orgScope, personScope } from '../platform/auth/scope.ts';
import type { Db } from '../platform/db/database.ts';

/**
 * SQL of the home page's day's work: one count per kind, each cut to the caller's scope by the
 * platform's and the contexts' scope fragments. The day is a parameter (`date`, YYYY-MM-DD, in the
 * platform's time zone `tz`); «this week» is that day and the six after it.
 */

export interface Day {
  date: string;
  tz: string;
}

/** Midnight `days` after the day, in the platform's time zone, as a timestamp. */
const midnight = (d: Day, days = 0): SQL =>
  sql`((${d.date}::date + ${days}::int)::timestamp AT TIME ZONE ${d.tz})`;
const weekEnd = (d: Day): SQL => sql`(${d.date}::date + 6)`;
const localDate = (column: SQL, d: Day): SQL => sql`to_char(${column} AT TIME ZONE ${d.tz}, 'YYYY-MM-DD')`;

/** A count, the earliest due date and, when all counted rows share one target, its id. */
export interface CountRow {
  n: number;
  due: string | null;
  one: string | null;
}

async function first(rows: Promise<CountRow[]>): Promise<CountRow> {
  const [row] = await rows;
  return row ?? { n: 0, due: null, one: null };
}

/** `one` is the id when exactly one distinct target is counted. */
const onlyOne = (id: SQL): SQL => sql`CASE WHEN count(DISTINCT ${id}) = 1 THEN min(${id}::text) END`;

// ——— the learner ———

/** Open campaigns (window covering the day) the person takes part in with an instrument not yet sent. */
export function openDiagnoses(db: Db, personId: string, d: Day) {
  return first(
    db.query<CountRow>(sql`
      SELECT count(*)::int AS n, ${localDate(sql`min(c.closes_at)`, d)} AS due, ${onlyOne(sql`c.id`)} AS one
      FROM campaign_participants cp JOIN assessment_campaigns c ON c.id = cp.campaign_id
      WHERE cp.person_id = ${personId} AND c.status = 'open'
        AND c.opens_at < ${midnight(d, 1)} AND c.closes_at > ${midnight(d)}
        AND EXISTS (SELECT 1 FROM campaign_instruments ci
                    LEFT JOIN assessment_attempts a ON a.campaign_id = c.id AND a.instrument_id = ci.instrument_id
                                                   AND a.person_id = cp.person_id
                    WHERE ci.campaign_id = c.id AND a.status IS DISTINCT FROM 'submitted')`),
  );
}

/** Items of the person's agreed or running routes, not done, planned to end by the week's end (or overdue). */
export function itemsDue(db: Db, personId: string, d: Day) {
  return first(
    db.query<CountRow>(sql`
      SELECT count(*)::int AS n, to_char(min(i.planned_end), 'YYYY-MM-DD') AS due, ${onlyOne(sql`r.id`)} AS one
      FROM learning_route_items i JOIN learning_routes r ON r.id = i.route_id
      WHERE r.person_id = ${personId} AND r.status IN ('agreed', 'in_progress')
        AND i.status IN ('planned', 'in_progress') AND i.planned_end <= ${weekEnd(d)}`),
  );
}

/** The item's latest change of state (comments on an item do not hide a return). */
const lastItemEvent = sql`(SELECT e.kind FROM learning_route_events e
  WHERE e.item_id = i.id AND e.kind IN ('item_status', 'evidence', 'confirmed', 'returned')
  ORDER BY e.id DESC LIMIT 1)`;

/** Items of the person's running routes the curator returned for more work. */
export function itemsReturned(db: Db, personId: string) {
  return first(
    db.query<CountRow>(sql`
      SELECT count(*)::int AS n, NULL AS due, ${onlyOne(sql`r.id`)} AS one
      FROM learning_route_items i JOIN learning_routes r ON r.id = i.route_id
      WHERE r.person_id = ${personId} AND r.status = 'in_progress' AND i.status = 'in_progress'
        AND ${lastItemEvent} = 'returned'`),
  );
}

// ——— the curator ———

/** Done, unconfirmed items of running routes the user curates. */
export function itemsAwaitingConfirmation(db: Db, userId: string) {
  return first(
    db.query<CountRow>(sql`
      SELECT count(*)::int AS n, NULL AS due, ${onlyOne(sql`r.id`)} AS one
      FROM learning_route_items i JOIN learning_routes r ON r.id = i.route_id
      WHERE r.curator_user_id = ${userId} AND r.status = 'in_progress'
        AND i.status = 'done' AND i.confirmed_at IS NULL`),
  );
}

// ——— the school head ———

/** The organization's answers not yet sent (`pending`, `draft`) or returned, with the nearest due date. */
export async function formsToFill(db: Db, actor: Actor): Promise<{ toFill: CountRow; returned: CountRow }> {
  const [row] = await db.query<{
    fill_n: number;
    fill_due: string | null;
    fill_one: string | null;
    ret_n: number;
    ret_due: string | null;
    ret_one: string | null;
  }>(sql`
    SELECT count(*) FILTER (WHERE s.status IN ('pending', 'draft'))::int AS fill_n,
           to_char(min(a.due_on) FILTER (WHERE s.status IN ('pending', 'draft')), 'YYYY-MM-DD') AS fill_due,
           CASE WHEN count(*) FILTER (WHERE s.status IN ('pending', 'draft')) = 1
                THEN min(s.id::text) FILTER (WHERE s.status IN ('pending', 'draft')) END AS fill_one,
           count(*) FILTER (WHERE s.status = 'returned')::int AS ret_n,
           to_char(min(a.due_on) FILTER (WHERE s.status = 'returned'), 'YYYY-MM-DD') AS ret_due,
           CASE WHEN count(*) FILTER (WHERE s.status = 'returned') = 1
                THEN min(s.id::text) FILTER (WHERE s.status = 'returned') END AS ret_one
    FROM form_submissions s
    JOIN form_assignments a ON a.id = s.assignment_id
    JOIN organizations o ON o.id = s.organization_id
    WHERE ${orgScope(actor, 'o')} AND s.status IN ('pending', 'draft', 'returned')`);
  return {
    toFill: { n: row?.fill_n ?? 0, due: row?.fill_due ?? null, one: row?.fill_one ?? null },
    returned: { n: row?.ret_n ?? 0, due: row?.ret_due ?? null, one: row?.ret_one ?? null },
  };
}

/** Draft routes of the people in scope: still to be agreed. */
export function draftRoutes(db: Db, actor: Actor) {
  return first(
    db.query<CountRow>(sql`
      SELECT count(*)::int AS n, NULL AS due, ${onlyOne(sql`r.id`)} AS one
      FROM learning_routes r JOIN people p ON p.id = r.person_id
      WHERE ${personScope(actor, 'p')} AND r.status = 'draft'`),
  );
}

// ——— the methodical service and the region ———

const FORM_ROWS = sql`FROM form_submissions s
  JOIN form_assignments a ON a.id = s.assignment_id
  JOIN collection_forms f ON f.id = a.form_id
  JOIN organizations o ON o.id = s.organization_id`;

/** Sent answers waiting for acceptance or return, of visible forms and organizations. */
export function answersToReview(db: Db, actor: Actor) {
  return first(
    db.query<CountRow>(sql`
      SELECT count(*)::int AS n, to_char(min(a.due_on), 'YYYY-MM-DD') AS due, ${onlyOne(sql`a.id`)} AS one
      ${FORM_ROWS}
      WHERE s.status = 'submitted' AND ${formReadScope(actor, 'f')} AND ${orgScope(actor, 'o')}`),
  );
}

/** Assignments due this week with answers not yet sent; `orgs` is how many organizations owe one. */
export async function formsDueThisWeek(db: Db, actor: Actor, d: Day): Promise<CountRow & { orgs: number }> {
  const [row] = await db.query<CountRow & { orgs: number }>(sql`
    SELECT count(DISTINCT a.id)::int AS n, count(DISTINCT s.organization_id)::int AS orgs,
           to_char(min(a.due_on), 'YYYY-MM-DD') AS due, ${onlyOne(sql`a.id`)} AS one
    ${FORM_ROWS}
    WHERE s.status IN ('pending', 'draft', 'returned') AND a.due_on BETWEEN ${d.date}::date AND ${weekEnd(d)}
      AND ${formReadScope(actor, 'f')} AND ${orgScope(actor, 'o')}`);
  return row ?? { n: 0, orgs: 0, due: null, one: null };
}

/** Open campaigns in the caller's view that close this week. */
export function campaignsClosing(db: Db, actor: Actor, d: Day) {
  return first(
    db.query<CountRow>(sql`
      SELECT count(*)::int AS n, ${localDate(sql`min(c.closes_at)`, d)} AS due, ${onlyOne(sql`c.id`)} AS one
      FROM assessment_campaigns c
      WHERE ${campaignReadScope(actor, 'c')} AND c.status = 'open'
        AND c.closes_at >= ${midnight(d)} AND c.closes_at < ${midnight(d, 7)}`),
  );
}

/** Open routes of the people in scope that have no curator. */
export function routesWithoutCurator(db: Db, actor: Actor) {
  return first(
    db.query<CountRow>(sql`
      SELECT count(*)::int AS n, NULL AS due, ${onlyOne(sql`r.id`)} AS one
      FROM learning_routes r JOIN people p ON p.id = r.person_id
      WHERE ${personScope(actor, 'p')} AND r.curator_user_id IS NULL
        AND r.status IN ('draft', 'agreed', 'in_progress')`),
  );
}

/**
 * Municipalities of the caller's view with an organization that has not sent a region's form due
 * by the week's end (or overdue).
 */
export function municipalitiesBehind(db: Db, actor: Actor, d: Day) {
  return first(
    db.query<CountRow>(sql`
      SELECT count(DISTINCT o.municipality_id)::int AS n, to_char(min(a.due_on), 'YYYY-MM-DD') AS due,
             ${onlyOne(sql`a.id`)} AS one
      ${FORM_ROWS}
      WHERE f.owner_level = 'region' AND s.status IN ('pending', 'draft', 'returned')
        AND a.due_on <= ${weekEnd(d)} AND ${formReadScope(actor, 'f')} AND ${orgScope(actor, 'o')}`),
  );
}
