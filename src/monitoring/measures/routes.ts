import { sql } from 'drizzle-orm';
import {
  inPeriod,
  type MeasureContext,
  type PersonMeasureBuilder,
  type RowsBuilder,
  str,
} from './context.ts';
import { populationSql } from './population.ts';

/**
 * Route measures of order 003 (indicators 2.1, 3.1, 6.1–6.6; «Эффект маршрутов» reads them through
 * the engine, src/routes/measures.ts): a route counts when it is not cancelled and was created in the period; «ИОМ включает ПК по теме»
 * = a program item whose program (the item's activity is a cohort of it, or the program itself)
 * lists the direction; «реализовал» = that route completed by the period's end and that item done
 * and confirmed.
 */

const periodRoutes = (ctx: MeasureContext) =>
  sql`r.status <> 'cancelled' AND ${inPeriod(sql`r.created_at::date`, ctx)}`;

function topicRoutes(direction: string, ctx: MeasureContext, completed: boolean) {
  const done = completed
    ? sql`AND r.status = 'completed' AND r.completed_at::date <= ${ctx.periodEnd}::date
          AND i.status = 'done' AND i.confirmed_at IS NOT NULL`
    : sql``;
  return sql`SELECT r.person_id FROM learning_routes r
    JOIN learning_route_items i ON i.route_id = r.id AND i.activity_kind = 'program'
    LEFT JOIN program_cohorts pc ON pc.id = i.activity_id
    JOIN programs pr ON pr.id = coalesce(pc.program_id, i.activity_id)
    WHERE ${periodRoutes(ctx)} AND ${direction} = ANY(pr.priority_directions) ${done}`;
}

export const ROUTE_PERSON_MEASURES: Record<string, PersonMeasureBuilder> = {
  'routes.formed': (_p, ctx) => ({
    set: sql`SELECT r.person_id FROM learning_routes r
      WHERE ${periodRoutes(ctx)} AND (r.campaign_id IS NOT NULL OR r.baseline_on IS NOT NULL)`,
  }),
  'routes.completed': (_p, ctx) => ({
    set: sql`SELECT r.person_id FROM learning_routes r
      WHERE r.status = 'completed' AND ${inPeriod(sql`r.completed_at::date`, ctx)}`,
  }),
  'routes.with_topic': (p, ctx) => ({ set: topicRoutes(str(p.direction) ?? '', ctx, false) }),
  'routes.completed_with_topic': (p, ctx) => ({ set: topicRoutes(str(p.direction) ?? '', ctx, true) }),
};

/** Routes of the population's people, attributed to the person's organization. */
export const ROUTE_ROW_MEASURES: Record<string, RowsBuilder> = {
  'routes.total': (_p, ctx, pop) => sql`SELECT pop.organization_id, r.id AS member_id
    FROM (${populationSql(pop, ctx)}) pop JOIN learning_routes r ON r.person_id = pop.person_id
    WHERE ${periodRoutes(ctx)}`,
  'routes.with_curator': (_p, ctx, pop) => sql`SELECT pop.organization_id, r.id AS member_id
    FROM (${populationSql(pop, ctx)}) pop JOIN learning_routes r ON r.person_id = pop.person_id
    WHERE ${periodRoutes(ctx)} AND r.curator_user_id IS NOT NULL`,
};
