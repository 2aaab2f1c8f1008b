import { loadDerivedRules } from '../../directory/derived/derived-rules.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { today as todayInZone } from '../../platform/time/today.ts';
import { achievedOf, type EventFigureRow, eventFiguresSql } from '../events.figures.ts';
import { findPlan } from '../events.repository.ts';
import type { PlannedResult } from '../events.vocabulary.ts';
import type { PlanResults } from './results.schemas.ts';
import { groupShare, outcomeText, totalsOf } from './results.ts';

export type ResultsDeps = { db: Db; today?: () => string };

interface ResultRow extends EventFigureRow {
  number: string | null;
  title: string;
  starts_on: string | null;
  ends_on: string | null;
  period_text: string | null;
  planned_result: PlannedResult | null;
  planned_result_text: string | null;
}

/**
 * «План / факт» of a plan the actor sees (404 otherwise): every event's planned result against its
 * attendance, in ONE statement over the plan (the same figures the indicator engine counts).
 */
export async function planResults(deps: ResultsDeps, actor: Actor, planId: string): Promise<PlanResults> {
  const plan = await findPlan(deps.db, actor, planId);
  if (!plan) throw notFound('План мероприятий не найден.');
  const asOf = (deps.today ?? todayInZone)();
  const rules = await loadDerivedRules(deps.db);
  const rows = await deps.db.query<ResultRow>(sql`
    SELECT f.*, ev.number, ev.title, ev.starts_on::text AS starts_on, ev.ends_on::text AS ends_on,
           ev.period_text, ev.planned_result, ev.planned_result_text
    FROM (${eventFiguresSql(sql`ev.plan_id = ${plan.id}`, asOf, rules)}) f
    JOIN events ev ON ev.id = f.event_id::uuid
    ORDER BY ev.starts_on NULLS LAST, ev.number, ev.title`);
  const items = rows.map((r) => {
    const share = groupShare(r.group_size, r.group_reached);
    return {
      eventId: r.event_id,
      number: r.number,
      title: r.title,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      periodText: r.period_text,
      plannedResult: r.planned_result,
      plannedResultText: r.planned_result_text,
      attended: r.attended,
      people: r.people,
      presenters: r.presenters,
      groupSize: r.group_size,
      groupReached: r.group_reached,
      groupShare: share,
      held: r.held,
      achieved: achievedOf(r.outcome),
      outcome: r.outcome,
      outcomeText: outcomeText(r.outcome, r.planned_result, share),
    };
  });
  return { planId: plan.id, asOf, items, totals: totalsOf(items) };
}
