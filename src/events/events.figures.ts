import { type SQL, sql } from 'drizzle-orm';
import { type DerivedRules, youngSql } from '../directory/derived/derived-rules.ts';

/**
 * The figures of events, as SQL builders shared by the indicator engine
 * (src/monitoring/measures/events.ts) and the plan's «план / факт» (events.results.ts): one truth
 * for who took part, whether an event was held and whether its planned result was achieved.
 *
 * Decisions:
 * - An event belongs to a period by its date: its start, or its end when it has no start. An event
 *   without dates («согласно плану работы») belongs to no period.
 * - A participant is a person whose attendance is confirmed (`attended` true), or an entrant of a
 *   contest whose results are published (an entry took part, ticked at a check-in or not), in any
 *   role unless a role is asked for; a person counts once per event however many registrations.
 * - Held = at least one confirmed attendance. An end date that has passed is not evidence: an event
 *   nobody marked stays «not held», which is what tells the methodist to mark the attendance.
 * - Planned = an event of an approved plan.
 * - Planned result: «не менее N участников» is achieved when N distinct people attended; «не менее
 *   N % группы» when the attended people of the event's target group (its target rule over the
 *   registry at the event's date, within the plan's territory) are at least N % of that group;
 *   «N протоколов» is not measured by attendance (entered by hand). Before the event ends a result
 *   not yet reached is unknown, not failed.
 */

/** Whether registration `r` took part (see the decisions above). */
export const tookPartSql = (r = 'r'): SQL => sql`(${sql.raw(r)}.attended IS TRUE OR EXISTS (
  SELECT 1 FROM contest_entries ce JOIN contests c ON c.event_id = ce.event_id
  WHERE ce.registration_id = ${sql.raw(r)}.id AND c.published_at IS NOT NULL))`;

export interface EventFilter {
  level?: string | undefined;
  kinds?: string[] | undefined;
  planLevel?: string | undefined;
  /** «№ п/п» of the plan («7.7» matches «7.7.»). */
  number?: string | undefined;
}

/** The date an event is counted at: its start, else its end. */
export const eventDateSql = (ev = 'ev') => sql.raw(`coalesce(${ev}.starts_on, ${ev}.ends_on)`);

/** Conditions over an event `ev` and its plan `pl`. */
export function eventFilterSql(f: EventFilter, ev = 'ev', pl = 'pl'): SQL {
  const e = sql.raw(ev);
  const parts: SQL[] = [sql`true`];
  if (f.level) parts.push(sql`${e}.level::text = ${f.level}`);
  if (f.kinds?.length) parts.push(sql`${e}.kind::text = ANY(${sql.param(f.kinds)}::text[])`);
  if (f.planLevel) parts.push(sql`${sql.raw(pl)}.level::text = ${f.planLevel}`);
  if (f.number) parts.push(sql`rtrim(btrim(${e}.number), '.') = rtrim(btrim(${f.number}::text), '.')`);
  return sql.join(parts, sql` AND `);
}

const listIsEmpty = (list: SQL) =>
  sql`(jsonb_typeof(${list}) IS DISTINCT FROM 'array' OR ${list} = '[]'::jsonb)`;

/**
 * An event's target rule (the jsonb `target`: organizationIds, orgKinds, subjects, positions,
 * youngOnly) as SQL over an employment `e`, its organization `o` and the person `p`; `at` is the
 * date youth is reckoned at. The same rule events.repository.ts's targetSql applies to one person.
 */
export function targetRuleSql(target: SQL, at: SQL, rules: DerivedRules): SQL {
  const key = (k: string) => sql`(${target} -> ${sql.raw(`'${k}'`)})`;
  const ids = key('organizationIds');
  const kinds = key('orgKinds');
  const subjects = key('subjects');
  const positions = key('positions');
  return sql`(${listIsEmpty(ids)} OR ${ids} @> jsonb_build_array(o.id::text))
    AND (${listIsEmpty(kinds)} OR ${kinds} @> jsonb_build_array(o.kind::text))
    AND (${listIsEmpty(subjects)} OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(${subjects}) ts(s) WHERE ts.s = ANY(e.subjects)))
    AND (${listIsEmpty(positions)} OR ${positions} @> jsonb_build_array(e.position))
    AND (coalesce((${target} ->> 'youngOnly')::boolean, false) = false OR ${youngSql(rules, 'p', at)})`;
}

/** What an event's planned result came to. */
export type EventOutcome =
  | 'yes'
  | 'no'
  | 'no_planned_result'
  | 'manual'
  | 'empty_group'
  | 'not_finished'
  | 'no_dates';

export interface EventFigureRow {
  event_id: string;
  plan_id: string;
  plan_organization_id: string | null;
  plan_approved: boolean;
  attended: number;
  people: number;
  presenters: number;
  group_size: number | null;
  group_reached: number | null;
  held: boolean;
  outcome: EventOutcome;
}

/**
 * One row per event selected by `where` (over `ev` events and `pl` plans), in ONE statement:
 * attendance, distinct people and presenters, the target group's size and how many of it attended
 * (for «N % группы» only), held, and the outcome of the planned result as of `asOf`.
 */
export function eventFiguresSql(where: SQL, asOf: string, rules: DerivedRules): SQL {
  const at = sql`coalesce(fev.on_date, ${asOf}::date)`;
  return sql`WITH fev AS MATERIALIZED (
      SELECT ev.id, ev.plan_id, pl.organization_id AS plan_org, pl.municipality_id AS plan_muni,
             pl.status = 'approved' AS plan_approved, ev.target,
             ${eventDateSql()} AS on_date, coalesce(ev.ends_on, ev.starts_on) AS end_date,
             CASE WHEN jsonb_typeof(ev.planned_result) = 'object' THEN ev.planned_result ->> 'kind' END AS pr_kind,
             CASE WHEN jsonb_typeof(ev.planned_result -> 'n') = 'number' THEN (ev.planned_result ->> 'n')::numeric END AS pr_n
      FROM events ev JOIN event_plans pl ON pl.id = ev.plan_id WHERE ${where}),
    fatt AS (
      SELECT r.event_id, r.person_id, count(*)::int AS regs, bool_or(r.role = 'presenter') AS presenter
      FROM event_registrations r
      WHERE ${tookPartSql()} AND r.event_id IN (SELECT id FROM fev)
      GROUP BY r.event_id, r.person_id),
    fgrp AS (
      SELECT DISTINCT fev.id AS event_id, e.person_id
      FROM fev
      JOIN organizations o ON CASE WHEN fev.plan_org IS NULL THEN o.municipality_id = fev.plan_muni ELSE o.id = fev.plan_org END
      JOIN employments e ON e.organization_id = o.id
        AND (e.start_date IS NULL OR e.start_date <= ${at}) AND (e.end_date IS NULL OR e.end_date > ${at})
      JOIN people p ON p.id = e.person_id
      WHERE fev.pr_kind = 'percent_of_group' AND ${targetRuleSql(sql`fev.target`, at, rules)}),
    fx AS (
      SELECT fev.id AS event_id, fev.plan_id, fev.plan_org, fev.plan_approved, fev.end_date, fev.pr_kind, fev.pr_n,
             coalesce(a.regs, 0)::int AS attended, coalesce(a.people, 0)::int AS people,
             coalesce(a.presenters, 0)::int AS presenters,
             CASE WHEN fev.pr_kind = 'percent_of_group' THEN coalesce(g.size, 0) END::int AS group_size,
             CASE WHEN fev.pr_kind = 'percent_of_group' THEN coalesce(g.reached, 0) END::int AS group_reached
      FROM fev
      LEFT JOIN (SELECT event_id, sum(regs)::int AS regs, count(*)::int AS people,
                        count(*) FILTER (WHERE presenter)::int AS presenters
                 FROM fatt GROUP BY event_id) a ON a.event_id = fev.id
      LEFT JOIN (SELECT fg.event_id, count(*)::int AS size, count(fa.person_id)::int AS reached
                 FROM fgrp fg LEFT JOIN fatt fa ON fa.event_id = fg.event_id AND fa.person_id = fg.person_id
                 GROUP BY fg.event_id) g ON g.event_id = fev.id)
    SELECT fx.event_id::text AS event_id, fx.plan_id::text AS plan_id, fx.plan_org::text AS plan_organization_id,
           fx.plan_approved, fx.attended, fx.people, fx.presenters, fx.group_size, fx.group_reached,
           fx.people > 0 AS held,
           CASE
             WHEN fx.pr_kind IS NULL OR fx.pr_n IS NULL OR fx.pr_kind NOT IN ('participants', 'percent_of_group', 'protocols')
               THEN 'no_planned_result'
             WHEN fx.pr_kind = 'protocols' THEN 'manual'
             WHEN fx.pr_kind = 'participants' AND fx.people >= fx.pr_n THEN 'yes'
             WHEN fx.pr_kind = 'percent_of_group' AND fx.group_size = 0 THEN 'empty_group'
             WHEN fx.pr_kind = 'percent_of_group' AND 100 * fx.group_reached >= fx.pr_n * fx.group_size THEN 'yes'
             WHEN fx.end_date IS NULL THEN 'no_dates'
             WHEN fx.end_date >= ${asOf}::date THEN 'not_finished'
             ELSE 'no'
           END AS outcome
    FROM fx`;
}

/** yes / no / unknown of an outcome. */
export function achievedOf(outcome: EventOutcome): 'yes' | 'no' | 'unknown' {
  return outcome === 'yes' || outcome === 'no' ? outcome : 'unknown';
}
