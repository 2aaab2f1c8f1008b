import { type SQL, sql } from 'drizzle-orm';
import {
  inPeriod,
  type MeasureContext,
  type Params,
  type PersonMeasureBuilder,
  type RowsBuilder,
  str,
} from '../monitoring/measures/context.ts';

/**
 * The figures of communities and memberships for the indicator engine (registered in
 * src/monitoring/measures/run.ts): members of associations, active associations, meetings held,
 * members of the methodical asset / expert community / reserve, reservists who completed their
 * training plan.
 *
 * Decisions:
 * - A member on a date: joined on or before it and not left by it (left_on later than the date);
 *   `inPeriod` asks for a membership during any day of the period. A person in two associations
 *   counts once (person measures are sets of people).
 * - Held meeting = status «held» with its date in the period; an active association = one with at
 *   least one meeting held in the period.
 * - An association counts where it belongs: a school's (ШМО) in its organization, a municipal one
 *   in its municipality's total only, a regional one in the region's total only — as values entered
 *   for a territory do (never in one organization's line).
 * - A membership (актив, эксперты, резерв, тьюторы) counts while active on the date: status
 *   «active» and the date within from_on … to_on (open ends allowed).
 * - A reservist trained = an active membership of the reserve whose training plan has items and
 *   every item is done on or before the date.
 */

function kindsLevelSql(p: Params, c = 'c'): SQL {
  const t = sql.raw(c);
  const kinds = Array.isArray(p.kinds) && p.kinds.length ? p.kinds : [];
  const level = str(p.level);
  return sql`${kinds.length ? sql`AND ${t}.kind::text = ANY(${sql.param(kinds)}::text[])` : sql``}
    ${level ? sql`AND ${t}.level::text = ${level}` : sql``}`;
}

function memberActive(p: Params, ctx: MeasureContext): SQL {
  return p.inPeriod === true
    ? sql`cm.joined_on <= ${ctx.periodEnd}::date AND (cm.left_on IS NULL OR cm.left_on >= ${ctx.periodStart}::date)`
    : sql`cm.joined_on <= ${ctx.asOf}::date AND (cm.left_on IS NULL OR cm.left_on > ${ctx.asOf}::date)`;
}

export function communityMembersSet(p: Params, ctx: MeasureContext): SQL {
  return sql`SELECT cm.person_id FROM community_members cm JOIN communities c ON c.id = cm.community_id
    WHERE ${memberActive(p, ctx)} ${kindsLevelSql(p)}`;
}

const membershipActive = (ctx: MeasureContext) => sql`mb.status = 'active'
  AND (mb.from_on IS NULL OR mb.from_on <= ${ctx.asOf}::date) AND (mb.to_on IS NULL OR mb.to_on >= ${ctx.asOf}::date)`;

export const COMMUNITY_PERSON_MEASURES: Record<string, PersonMeasureBuilder> = {
  'communities.members': (p, ctx) => ({ set: communityMembersSet(p, ctx) }),
  'communities.memberships': (p, ctx) => ({
    set: sql`SELECT mb.person_id FROM memberships mb
      WHERE mb.kind::text = ${str(p.kind) ?? ''} AND ${membershipActive(ctx)}`,
  }),
  'communities.reserve_trained': (p, ctx) => ({
    set: sql`SELECT mb.person_id FROM memberships mb
      WHERE mb.kind::text = ${str(p.kind) ?? 'manager_reserve'} AND ${membershipActive(ctx)}
        AND EXISTS (SELECT 1 FROM membership_training_items ti WHERE ti.membership_id = mb.id)
        AND NOT EXISTS (SELECT 1 FROM membership_training_items ti WHERE ti.membership_id = mb.id
                        AND (ti.done_on IS NULL OR ti.done_on > ${ctx.asOf}::date))`,
  }),
};

/** The association within the measure's scope (see the decisions above). */
function communityInScope(ctx: MeasureContext): SQL {
  return sql`CASE
    WHEN c.organization_id IS NOT NULL
      THEN EXISTS (SELECT 1 FROM organizations o WHERE o.id = c.organization_id AND ${ctx.scope('o')})
    WHEN ${ctx.level === 'organization'} THEN false
    WHEN c.municipality_id IS NOT NULL
      THEN EXISTS (SELECT 1 FROM organizations mo WHERE mo.municipality_id = c.municipality_id AND ${ctx.scope('mo')})
    WHEN ${ctx.level === 'municipality'} THEN false
    ELSE EXISTS (SELECT 1 FROM organizations ro WHERE ro.region_id = c.region_id AND ${ctx.scope('ro')})
  END`;
}

const heldInPeriod = (ctx: MeasureContext) => sql`mt.status = 'held' AND ${inPeriod(sql`mt.held_on`, ctx)}`;

export const COMMUNITY_ROW_MEASURES: Record<string, RowsBuilder> = {
  'communities.active': (p, ctx) => sql`SELECT c.organization_id, 1 AS value FROM communities c
    WHERE ${communityInScope(ctx)} ${kindsLevelSql(p)}
      AND EXISTS (SELECT 1 FROM community_meetings mt WHERE mt.community_id = c.id AND ${heldInPeriod(ctx)})`,
  'communities.meetings': (p, ctx) => sql`SELECT c.organization_id, 1 AS value
    FROM community_meetings mt JOIN communities c ON c.id = mt.community_id
    WHERE ${heldInPeriod(ctx)} AND ${communityInScope(ctx)} ${kindsLevelSql(p)}`,
};
