import { type SQL, sql } from 'drizzle-orm';
import { COMMUNITY_PERSON_MEASURES, COMMUNITY_ROW_MEASURES } from '../../communities/communities.figures.ts';
import { MENTORING_PERSON_MEASURES, MENTORING_ROW_MEASURES } from '../../mentoring/mentoring.figures.ts';
import type { Db } from '../../platform/db/database.ts';
import { effectivePopulation, type MeasureRef, type Population } from '../engine/formula.ts';
import { ASSESSMENT_MEASURES } from './assessment.ts';
import type { MeasureContext, PersonMeasureBuilder, RowsBuilder } from './context.ts';
import { EVENT_PERSON_MEASURES, EVENT_ROW_MEASURES } from './events.ts';
import { manualRowsSql } from './manual.ts';
import { ORG_ROW_MEASURES } from './orgs.ts';
import { populationSql } from './population.ts';
import { PRACTICE_ROW_MEASURES } from './practices.ts';
import { type MeasureDef, type MemberKind, measureByCode } from './registry.ts';
import { ROUTE_PERSON_MEASURES, ROUTE_ROW_MEASURES } from './routes.ts';
import { STAFF_MEASURES } from './staff.ts';
import { TRAINING_MEASURES } from './trainings.ts';

/**
 * Runs measures set-based: every person measure of one population is a FILTER column of ONE
 * statement grouped by organization (the population is built once, extra tables are hash-joined);
 * every other measure is one statement grouped by organization. Nothing loops over people in JS
 * except collecting member ids when they are asked for.
 */

export const PERSON_MEASURES: Record<string, PersonMeasureBuilder> = {
  ...STAFF_MEASURES,
  ...ASSESSMENT_MEASURES,
  ...ROUTE_PERSON_MEASURES,
  ...TRAINING_MEASURES,
  ...EVENT_PERSON_MEASURES,
  ...MENTORING_PERSON_MEASURES,
  ...COMMUNITY_PERSON_MEASURES,
};

export const ROW_MEASURES: Record<string, RowsBuilder> = {
  ...ROUTE_ROW_MEASURES,
  ...ORG_ROW_MEASURES,
  ...EVENT_ROW_MEASURES,
  ...MENTORING_ROW_MEASURES,
  ...COMMUNITY_ROW_MEASURES,
  ...PRACTICE_ROW_MEASURES,
};

export interface ResolvedRef {
  key: string;
  ref: MeasureRef;
  def: MeasureDef;
  population: Required<Population>;
}

export interface OrgFigure {
  value: number;
  ids?: string[];
}

export interface MeasureResult {
  memberKind: MemberKind;
  byOrg: Map<string, OrgFigure>;
  /** Manual values entered for a territory, not an organization: they count only in the total. */
  territoryValue: number;
  /** False only for a manual measure with nothing entered in scope. */
  present: boolean;
  /**
   * A manual percent: schools' percents do not add up, so a group's figure is the mean of its
   * organizations' values, and the total is the value entered for the territory if there is one.
   */
  percent?: { territoryEntered: boolean };
  /** Person measures: distinct people per subject of the counted employment. */
  bySubject?: Map<string, number>;
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${k}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Same measure, params and (where it applies) population → same key → computed once. */
export function resolveRef(ref: MeasureRef, population: Population | undefined): ResolvedRef | null {
  const def = measureByCode(ref.measure);
  if (!def) return null;
  const pop = effectivePopulation(ref, population);
  // organization, vacancy and staffing measures honour the population's org kinds only
  const scopeOf = def.population ? pop : def.module === 'manual' ? null : { orgKinds: pop.orgKinds };
  const within = ref.within ? resolveRef(ref.within, population) : null;
  const key = stable({
    m: ref.measure,
    p: ref.params ?? {},
    pop: scopeOf,
    ...(within ? { w: within.key } : {}),
  });
  return { key, ref, def, population: pop };
}

function popKey(p: Required<Population>): string {
  return stable(p);
}

/**
 * A share's numerator cut to its denominator's people when both are person measures of one
 * population («из них»): a person counted above the line is always counted below it.
 */
export function withinDenominator(
  numerator: MeasureRef,
  denominator: MeasureRef,
  population: Population | undefined,
) {
  const n = resolveRef(numerator, population);
  const d = resolveRef(denominator, population);
  if (!n || !d || !PERSON_MEASURES[n.def.code] || !PERSON_MEASURES[d.def.code]) return numerator;
  if (popKey(n.population) !== popKey(d.population) || n.key === d.key) return numerator;
  return { ...numerator, within: denominator };
}

export async function runMeasures(
  db: Db,
  ctx: MeasureContext,
  refs: ResolvedRef[],
  opts: { withMembers?: boolean; subjects?: boolean } = {},
): Promise<Map<string, MeasureResult>> {
  const out = new Map<string, MeasureResult>();
  const unique = [...new Map(refs.map((r) => [r.key, r])).values()];

  // person measures, grouped by population
  const groups = new Map<string, ResolvedRef[]>();
  for (const r of unique) {
    if (!PERSON_MEASURES[r.def.code]) continue;
    const k = popKey(r.population);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  for (const group of groups.values()) {
    await runPersonGroup(db, ctx, group, opts, out);
  }

  for (const r of unique) {
    if (PERSON_MEASURES[r.def.code]) continue;
    const rowsBuilder = ROW_MEASURES[r.def.code];
    if (r.def.module === 'manual') {
      out.set(r.key, await runSum(db, manualRowsSql(r.def.code, ctx), 'value', true));
    } else if (rowsBuilder && r.def.memberKind === 'value') {
      out.set(r.key, await runSum(db, rowsBuilder(r.ref.params ?? {}, ctx, r.population), 'value', false));
    } else if (rowsBuilder) {
      out.set(
        r.key,
        await runRows(db, rowsBuilder(r.ref.params ?? {}, ctx, r.population), r.def.memberKind, opts),
      );
    }
  }
  return out;
}

async function runPersonGroup(
  db: Db,
  ctx: MeasureContext,
  group: ResolvedRef[],
  opts: { withMembers?: boolean; subjects?: boolean },
  out: Map<string, MeasureResult>,
): Promise<void> {
  const population = (group[0] as ResolvedRef).population;
  // Every set (and anti-set) of the group becomes one bit of ONE per-person aggregate (bit_or, a
  // bigint per 62 sets), joined once: one hash join over the population instead of one per measure.
  const sets: SQL[] = [];
  const conds: SQL[] = [];
  const flag = (set: SQL) => {
    const k = sets.length;
    // each set cut to the population inside its own branch: the scope first (the planner probes
    // the set's person index per person of a municipality instead of reading the whole table)
    sets.push(
      sql`SELECT person_id, ${sql.raw(String(k))}::int AS k FROM (${set}) ${sql.raw(`s${k}`)}
          WHERE ${sql.raw(`s${k}`)}.person_id IN (SELECT person_id FROM pop)`,
    );
    const column = sql.raw(`fl.b${Math.floor(k / 62)}`);
    return sql`(coalesce(${column}, 0) & ${sql.raw(String(2 ** (k % 62)))}::bigint) <> 0`;
  };
  const partsOf = (ref: MeasureRef, parts: SQL[]) => {
    const builder = PERSON_MEASURES[ref.measure] as PersonMeasureBuilder;
    const m = builder(ref.params ?? {}, ctx);
    if (m.set) parts.push(flag(m.set));
    if (m.exclude) parts.push(sql`NOT ${flag(m.exclude)}`);
    if (m.cond) parts.push(sql`(${m.cond})`);
    // `within` is a person measure of the same population (withinDenominator checks it)
    if (ref.within && PERSON_MEASURES[ref.within.measure]) partsOf(ref.within, parts);
  };
  group.forEach((r) => {
    const parts: SQL[] = [];
    partsOf(r.ref, parts);
    conds.push(parts.length ? sql.join(parts, sql` AND `) : sql`true`);
  });
  const words = Math.ceil(sets.length / 62);
  const bits = Array.from({ length: words }, (_, w) =>
    words === 1
      ? sql`bit_or(1::bigint << u.k) AS b0`
      : sql`bit_or(CASE WHEN u.k / 62 = ${sql.raw(String(w))} THEN 1::bigint << (u.k % 62) ELSE 0 END) AS ${sql.raw(`b${w}`)}`,
  );
  const joins = sets.length
    ? [
        sql`LEFT JOIN (SELECT u.person_id, ${sql.join(bits, sql`, `)}
            FROM (${sql.join(sets, sql` UNION ALL `)}) u
            WHERE u.person_id IN (SELECT person_id FROM pop) GROUP BY u.person_id) fl ON fl.person_id = pop.person_id`,
      ]
    : [];
  // the population once (materialized): the flags are cut to it, so a municipality reads only its people
  const withPop = sql`WITH pop AS MATERIALIZED (${populationSql(population, ctx)})`;
  const from = sql`FROM pop JOIN people p ON p.id = pop.person_id ${sql.join(joins, sql` `)}`;
  const counts = conds.map((c, i) => sql`count(*) FILTER (WHERE ${c})::int AS ${sql.raw(`c${i}`)}`);
  const ids = opts.withMembers
    ? conds.map((c, i) => sql`, array_agg(pop.person_id::text) FILTER (WHERE ${c}) AS ${sql.raw(`m${i}`)}`)
    : [];
  const rows = await db.query<Record<string, unknown>>(
    sql`${withPop} SELECT pop.organization_id::text AS org, ${sql.join(counts, sql`, `)} ${sql.join(ids, sql` `)} ${from} GROUP BY pop.organization_id`,
  );
  group.forEach((r) => {
    out.set(r.key, { memberKind: 'person', byOrg: new Map(), territoryValue: 0, present: true });
  });
  for (const row of rows) {
    group.forEach((r, i) => {
      const n = Number(row[`c${i}`] ?? 0);
      const idList = opts.withMembers ? ((row[`m${i}`] as string[] | null) ?? []) : undefined;
      if (n > 0 || idList) {
        (out.get(r.key) as MeasureResult).byOrg.set(
          row.org as string,
          idList ? { value: n, ids: idList } : { value: n },
        );
      }
    });
  }
  if (opts.subjects) {
    const subjectCounts = conds.map(
      (c, i) => sql`count(DISTINCT pop.person_id) FILTER (WHERE ${c})::int AS ${sql.raw(`c${i}`)}`,
    );
    const srows = await db.query<Record<string, unknown>>(
      sql`${withPop} SELECT subj.subject, ${sql.join(subjectCounts, sql`, `)} ${from}
          CROSS JOIN LATERAL unnest(pop.subjects) AS subj(subject) GROUP BY subj.subject`,
    );
    group.forEach((r, i) => {
      const m = new Map<string, number>();
      for (const row of srows) m.set(row.subject as string, Number(row[`c${i}`] ?? 0));
      (out.get(r.key) as MeasureResult).bySubject = m;
    });
  }
}

async function runRows(
  db: Db,
  rows: SQL,
  memberKind: MemberKind,
  opts: { withMembers?: boolean },
): Promise<MeasureResult> {
  const ids = opts.withMembers ? sql`, array_agg(x.member_id::text) AS ids` : sql``;
  const res = await db.query<{ org: string; n: number; ids?: string[] }>(
    sql`SELECT x.organization_id::text AS org, count(*)::int AS n ${ids} FROM (${rows}) x GROUP BY x.organization_id`,
  );
  const byOrg = new Map<string, OrgFigure>();
  for (const r of res) byOrg.set(r.org, opts.withMembers ? { value: r.n, ids: r.ids ?? [] } : { value: r.n });
  return { memberKind, byOrg, territoryValue: 0, present: true };
}

async function runSum(db: Db, rows: SQL, memberKind: MemberKind, manual: boolean): Promise<MeasureResult> {
  // A percent is averaged even within an organization (two answers of one school are two readings).
  const res = await db.query<{ org: string | null; v: number; pct: boolean }>(
    manual
      ? sql`SELECT x.organization_id::text AS org,
                   CASE WHEN bool_or(x.is_percent) THEN avg(x.value) ELSE sum(x.value) END::float8 AS v,
                   bool_or(x.is_percent) AS pct
            FROM (${rows}) x GROUP BY x.organization_id`
      : sql`SELECT x.organization_id::text AS org, sum(x.value)::float8 AS v, false AS pct
            FROM (${rows}) x GROUP BY x.organization_id`,
  );
  const byOrg = new Map<string, OrgFigure>();
  let territoryValue = 0;
  let territoryEntered = false;
  for (const r of res) {
    if (r.org === null) {
      territoryValue += Number(r.v);
      territoryEntered = true;
    } else byOrg.set(r.org, { value: Number(r.v) });
  }
  const percent = res.some((r) => r.pct) ? { territoryEntered } : undefined;
  return {
    memberKind,
    byOrg,
    territoryValue,
    present: manual ? res.length > 0 : true,
    ...(percent ? { percent } : {}),
  };
}
