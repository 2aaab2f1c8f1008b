import { type SQL, sql } from 'drizzle-orm';
import { DIRECTIONS, type Direction } from '../catalog/catalog.vocabulary.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { personScope } from '../platform/auth/scope.ts';
import type { Db } from '../platform/db/database.ts';
import { today } from '../platform/time/today.ts';

/**
 * Counts behind the route indicators of order 003 (Еманжелинский район, приложение «Показатели»).
 * Each indicator is a share k = A_n / A · 100 %:
 *  - 2.1 «доля педагогов, для которых сформированы ИОМ, от прошедших оценку компетенций»
 *        = peopleWithRoutes / assessed. assessed: people in scope with any competency result on or
 *        before asOf; peopleWithRoutes: of them, those with a route (not cancelled) created by asOf.
 *  - 3.1 «доля ИОМ с закреплёнными кураторами / тьюторами / методистами»
 *        = routesWithCurator / routesTotal over routes not cancelled, created by asOf.
 *  - 6.1–6.6 «доля педагогов, реализовавших ИОМ, включающие ПК по вопросам …, от тех, для кого такие
 *        ИОМ сформированы» = byTopic[d].peopleCompletedTopic / byTopic[d].peopleWithTopic, where
 *        6.1 quality_assessment, 6.2 low_results, 6.3 talents, 6.4 career_guidance, 6.5 upbringing,
 *        6.6 preschool_quality (the program's priority direction).
 *        «ИОМ включает ПК по теме»: the route (not cancelled) has a program item whose program
 *        (activity_id is a cohort of it, or the program itself) lists the direction;
 *        «реализовали»: that route is completed by asOf and that item is done and confirmed.
 * The indicator engine calls this with a scope predicate over people aliased `p` (or an actor).
 */

export const TOPIC_DIRECTIONS = [
  ['6.1', 'quality_assessment'],
  ['6.2', 'low_results'],
  ['6.3', 'talents'],
  ['6.4', 'career_guidance'],
  ['6.5', 'upbringing'],
  ['6.6', 'preschool_quality'],
] as const satisfies readonly (readonly [string, Direction])[];

export interface RouteMeasures {
  assessed: number;
  peopleWithRoutes: number;
  routesTotal: number;
  routesWithCurator: number;
  byTopic: { direction: Direction; label: string; peopleWithTopic: number; peopleCompletedTopic: number }[];
}

export async function routeMeasures(
  db: Db,
  opts: { scope: SQL | Actor; organizationId?: string | undefined; asOf?: string | undefined },
): Promise<RouteMeasures> {
  const scope = 'role' in opts.scope ? personScope(opts.scope, 'p') : opts.scope;
  const asOf = sql`${opts.asOf ?? today()}::date`;
  const org = opts.organizationId
    ? sql`AND EXISTS (SELECT 1 FROM employments me WHERE me.person_id = p.id AND me.end_date IS NULL
                        AND me.organization_id = ${opts.organizationId})`
    : sql``;
  const directions = TOPIC_DIRECTIONS.map(([, d]) => d);
  const ctes = sql`
    ppl AS (SELECT p.id FROM people p WHERE ${scope} ${org}),
    assessed AS (SELECT DISTINCT cr.person_id FROM competency_results cr JOIN ppl ON ppl.id = cr.person_id
                 WHERE cr.assessed_on <= ${asOf}),
    routes AS (SELECT r.id, r.person_id, r.status, r.completed_at, r.curator_user_id
               FROM learning_routes r JOIN ppl ON ppl.id = r.person_id
               WHERE r.status <> 'cancelled' AND r.created_at::date <= ${asOf})`;
  const [totals] = await db.query<{
    assessed: number;
    people_with_routes: number;
    routes_total: number;
    routes_with_curator: number;
  }>(sql`
    WITH ${ctes}
    SELECT (SELECT count(*) FROM assessed)::int AS assessed,
           (SELECT count(DISTINCT r.person_id) FROM routes r JOIN assessed a ON a.person_id = r.person_id)::int
             AS people_with_routes,
           (SELECT count(*) FROM routes)::int AS routes_total,
           (SELECT count(*) FROM routes WHERE curator_user_id IS NOT NULL)::int AS routes_with_curator`);
  const topics = await db.query<{ direction: Direction; with_topic: number; completed: number }>(sql`
    WITH ${ctes},
    topic AS (
      SELECT r.person_id, r.status, r.completed_at, i.status AS item_status, i.confirmed_at, pr.priority_directions
      FROM routes r
      JOIN learning_route_items i ON i.route_id = r.id AND i.activity_kind = 'program'
      JOIN programs pr ON pr.id = COALESCE((SELECT pc.program_id FROM program_cohorts pc WHERE pc.id = i.activity_id),
                                           i.activity_id))
    SELECT d.direction,
           count(DISTINCT t.person_id)::int AS with_topic,
           count(DISTINCT t.person_id) FILTER (
             WHERE t.status = 'completed' AND t.completed_at::date <= ${asOf}
               AND t.item_status = 'done' AND t.confirmed_at IS NOT NULL)::int AS completed
    FROM unnest(${sql.param(directions)}::text[]) AS d(direction)
    LEFT JOIN topic t ON d.direction = ANY(t.priority_directions)
    GROUP BY d.direction`);
  const byDirection = new Map(topics.map((t) => [t.direction, t]));
  return {
    assessed: totals?.assessed ?? 0,
    peopleWithRoutes: totals?.people_with_routes ?? 0,
    routesTotal: totals?.routes_total ?? 0,
    routesWithCurator: totals?.routes_with_curator ?? 0,
    byTopic: directions.map((direction) => ({
      direction,
      label: DIRECTIONS[direction],
      peopleWithTopic: byDirection.get(direction)?.with_topic ?? 0,
      peopleCompletedTopic: byDirection.get(direction)?.completed ?? 0,
    })),
  };
}
