import { type SQL, sql } from 'drizzle-orm';
import {
  type EventFilter,
  eventDateSql,
  eventFiguresSql,
  eventFilterSql,
  tookPartSql,
} from '../../events/events.figures.ts';
import {
  inPeriod,
  type MeasureContext,
  type Params,
  type PersonMeasureBuilder,
  type RowsBuilder,
  str,
} from './context.ts';

/**
 * Event measures (the plan of methodical events, src/events): participants and presenters as
 * person measures (so the population, its groups and shares apply: «доля молодых специалистов,
 * принявших участие» = events.participants over staff.young, the numerator cut to the group), and
 * events planned / held / with the planned result achieved as counts of events. What «held»,
 * «participant» and «achieved» mean is decided once in src/events/events.figures.ts, which the
 * plan's «план / факт» reads too.
 *
 * Events count in the period by their date (start, else end). Events of a municipal plan have no
 * organization: they count in the territory's total (never in one organization's), as values
 * entered for a territory do.
 */

function filterOf(p: Params): EventFilter {
  return {
    level: str(p.level),
    kinds: Array.isArray(p.kinds) ? p.kinds : str(p.kind) ? [p.kind as string] : undefined,
    planLevel: str(p.planLevel),
    number: str(p.number),
  };
}

/**
 * Conditions over a registration `r`: its role, and its contest outcome (участник / лауреат /
 * призёр / победитель) — an entry of the registration with any of the outcomes, in a contest whose
 * results are published (before that an outcome is the organizer's draft).
 */
function registrationFilterSql(p: Params): SQL {
  const role = str(p.role);
  const outcomes = Array.isArray(p.outcomes) ? p.outcomes : [];
  const where: SQL[] = [];
  if (role) where.push(sql`r.role::text = ${role}`);
  if (outcomes.length)
    where.push(sql`EXISTS (SELECT 1 FROM contest_entries ce JOIN contests c ON c.event_id = ce.event_id
      WHERE ce.registration_id = r.id AND c.published_at IS NOT NULL
        AND ce.outcome::text = ANY(${sql.param(outcomes)}::text[]))`);
  return where.length ? sql.join(where, sql` AND `) : sql`true`;
}

function participantsSet(p: Params, ctx: MeasureContext): SQL {
  return sql`SELECT r.person_id FROM event_registrations r
    JOIN events ev ON ev.id = r.event_id JOIN event_plans pl ON pl.id = ev.plan_id
    WHERE ${tookPartSql()} AND ${inPeriod(eventDateSql(), ctx)}
      AND ${eventFilterSql(filterOf(p))} AND ${registrationFilterSql(p)}`;
}

export const EVENT_PERSON_MEASURES: Record<string, PersonMeasureBuilder> = {
  'events.participants': (p, ctx) => ({ set: participantsSet(p, ctx) }),
  'events.presenters': (p, ctx) => ({ set: participantsSet({ ...p, role: 'presenter' }, ctx) }),
  'events.contest_winners': (p, ctx) => ({
    set: participantsSet({ ...p, outcomes: ['winner', 'prize_winner'] }, ctx),
  }),
};

/** The plan's territory within the measure's scope (a municipal plan never counts for one organization). */
function planInScope(ctx: MeasureContext): SQL {
  return sql`CASE
    WHEN pl.organization_id IS NOT NULL
      THEN EXISTS (SELECT 1 FROM organizations o WHERE o.id = pl.organization_id AND ${ctx.scope('o')})
    WHEN ${ctx.level === 'organization'} THEN false
    ELSE EXISTS (SELECT 1 FROM organizations mo WHERE mo.municipality_id = pl.municipality_id AND ${ctx.scope('mo')})
  END`;
}

function eventRows(which: 'planned' | 'held' | 'achieved'): RowsBuilder {
  return (p, ctx) => {
    const where = sql`pl.status = 'approved' AND ${inPeriod(eventDateSql(), ctx)}
      AND ${eventFilterSql(filterOf(p))} AND ${planInScope(ctx)}`;
    const keep = which === 'planned' ? sql`true` : which === 'held' ? sql`f.held` : sql`f.outcome = 'yes'`;
    return sql`SELECT f.plan_organization_id::uuid AS organization_id, 1 AS value
      FROM (${eventFiguresSql(where, ctx.asOf, ctx.rules)}) f WHERE ${keep}`;
  };
}

export const EVENT_ROW_MEASURES: Record<string, RowsBuilder> = {
  'events.planned': eventRows('planned'),
  'events.held': eventRows('held'),
  'events.achieved': eventRows('achieved'),
};
