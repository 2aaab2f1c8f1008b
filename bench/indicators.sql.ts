/**
 * The baseline of the indicator benchmark: every measure a preset refers to computed by ONE
 * hand-written statement — per-person attributes aggregated once per source table, one row per
 * counted person and population, then conditional aggregates (`count(*) FILTER (WHERE …)`)
 * grouped by organization. The same text runs on PostgreSQL / PGlite and, with a few dialect
 * hooks, on DuckDB.
 *
 * Semantics follow the issue-4 contract (person counted once, attributed to their main
 * employment's organization, age and experience at asOf, periods inclusive) so the engine's
 * figures can be asserted equal to these.
 */

import type { DerivedRules } from '../src/directory/derived/derived-rules.ts';
import type { MeasureRef, Population } from '../src/monitoring/engine/formula.ts';

export type Dialect = 'postgres' | 'duckdb';

export interface BaselineContext {
  asOf: string;
  periodStart: string;
  periodEnd: string;
  rules: DerivedRules;
  /** Population applied when a ref has none (the indicator's). */
}

const push = (to: string[], s: string): void => {
  to.push(s);
};
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const dateLit = (s: string) => {
  if (!ISO.test(s)) throw new Error(`not a date: ${s}`);
  return `DATE '${s}'`;
};
const num = (v: unknown) => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`not a number: ${String(v)}`);
  return String(n);
};

/** A canonical key: the same measure with the same params and population → the same column. */
export function refKey(ref: MeasureRef, population: Population | undefined): string {
  const params = Object.fromEntries(Object.entries(ref.params ?? {}).sort(([a], [b]) => a.localeCompare(b)));
  const p = { ...(population ?? {}), ...(ref.population ?? {}) };
  const pop = {
    employment: p.employment ?? 'main',
    staff: p.staff ?? 'pedagogical',
    orgKinds: [...(p.orgKinds ?? [])].sort(),
  };
  return JSON.stringify({ m: ref.measure, params, pop });
}

interface Parsed {
  measure: string;
  params: Record<string, unknown>;
  pop: { employment: 'main' | 'all'; staff: string; orgKinds: string[] };
}

const ORG_FLAG_SQL: Record<string, string> = {
  rural: 'o.rural',
  low_results: 'o.low_results',
  innovation_platform: 'o.innovation_platform IS NOT NULL',
  internship_platform: 'o.internship_platform',
  mentoring_regulation: 'o.mentoring_regulation',
};

/** Positions whose hours are an educator's 36-hour norm, not a teaching load (contract: staff.load_over). */
const NOT_TEACHING = "(e.position LIKE 'Воспитатель%' OR e.position LIKE 'Старший воспитатель%')";

export interface Baseline {
  text: string;
  /** Column c<i> of the result holds the measure with key keys[i]. */
  keys: string[];
}

export function baselineSql(keys: string[], ctx: BaselineContext, dialect: Dialect): Baseline {
  const refs: Parsed[] = keys.map((k) => {
    const j = JSON.parse(k) as { m: string; params: Record<string, unknown>; pop: Parsed['pop'] };
    return { measure: j.m, params: j.params, pop: j.pop };
  });
  const asOf = dateLit(ctx.asOf);
  const ps = dateLit(ctx.periodStart);
  const pe = dateLit(ctx.periodEnd);
  const inPeriod = (col: string) => `(${col} BETWEEN ${ps} AND ${pe})`;
  const arrHas = (arr: string, v: string) =>
    dialect === 'duckdb' ? `list_contains(${arr}, ${lit(v)})` : `${lit(v)} = ANY(${arr})`;
  const age =
    dialect === 'duckdb'
      ? `date_sub('year', p.birth_date, ${asOf})`
      : `date_part('year', age(${asOf}, p.birth_date))::int`;
  const exp =
    dialect === 'duckdb'
      ? `CASE WHEN p.ped_experience_years IS NULL THEN NULL ELSE greatest(0, round(CAST(p.ped_experience_years AS DECIMAL(18,6)) + CAST(coalesce(${asOf} - p.ped_experience_as_of, 0) AS DECIMAL(18,6)) / 365.25, 1)) END`
      : `CASE WHEN p.ped_experience_years IS NULL THEN NULL ELSE greatest(0, round((p.ped_experience_years + coalesce(${asOf} - p.ped_experience_as_of, 0) / 365.25)::numeric, 1)) END`;

  // Populations: one attribution CTE each.
  const pops = [...new Set(refs.filter((r) => isPersonMeasure(r.measure)).map((r) => JSON.stringify(r.pop)))];
  const popIndex = (r: Parsed) => pops.indexOf(JSON.stringify(r.pop));
  const staffPred = (staff: string) =>
    staff === 'pedagogical'
      ? "e.staff_category = 'pedagogical'"
      : staff === 'managerial'
        ? "e.staff_category = 'managerial'"
        : staff === 'pedagogical_and_teaching_managers'
          ? "(e.staff_category = 'pedagogical' OR (e.staff_category = 'managerial' AND e.load_hours > 0))"
          : 'true';
  const popCtes = pops.map((s, i) => {
    const pop = JSON.parse(s) as Parsed['pop'];
    const kinds = pop.orgKinds.length ? `AND o.kind IN (${pop.orgKinds.map(lit).join(', ')})` : '';
    return `pop${i} AS (
      SELECT DISTINCT ON (e.person_id) e.person_id, e.organization_id
      FROM cur e JOIN organizations o ON o.id = e.organization_id
      WHERE ${pop.employment === 'main' ? "e.kind = 'main' AND " : ''}${staffPred(pop.staff)} ${kinds}
      ORDER BY e.person_id, (e.kind = 'main') DESC, e.start_date NULLS FIRST, e.id)`;
  });

  // Training, route-topic and result flags needed by the refs, aggregated per person.
  const trFlags: string[] = [];
  const topicFlags: string[] = [];
  const crFlags: string[] = [];
  const cols: string[] = [];
  const vacCols: string[] = [];
  const stfCols: string[] = [];
  const orgCols: string[] = [];

  const addRef = (r: Parsed, i: number) => {
    const c = `c${i}`;
    const P = r.params;
    const inPop = `b.pop = ${popIndex(r)}`;
    const person = (pred: string) => push(cols, `count(*) FILTER (WHERE ${inPop} AND ${pred}) AS ${c}`);
    switch (r.measure) {
      case 'staff.total':
        return person('true');
      case 'staff.age': {
        const parts = ['true'];
        if (P.min !== undefined) parts.push(`b.age >= ${num(P.min)}`);
        if (P.max !== undefined) parts.push(`b.age < ${num(P.max)}`);
        return person(parts.join(' AND '));
      }
      case 'staff.young': {
        const byAge = `b.age < ${ctx.rules.youngMaxAge}`;
        const byExp = `coalesce(b.exp <= ${ctx.rules.youngMaxExperienceYears}, false)`;
        return person(ctx.rules.youngRule === 'and' ? `${byAge} AND ${byExp}` : `(${byAge} OR ${byExp})`);
      }
      case 'staff.pension_age':
        return person(
          `b.age >= CASE WHEN b.sex = 'm' THEN ${ctx.rules.pensionAgeMale} ELSE ${ctx.rules.pensionAgeFemale} END`,
        );
      case 'staff.education': {
        const levels = [...(P.level ? [String(P.level)] : []), ...((P.levels as string[] | undefined) ?? [])];
        return person(levels.length ? `b.education IN (${levels.map(lit).join(', ')})` : 'false');
      }
      case 'staff.category': {
        // several categories at once (000: «без категории (в т.ч. СЗД)»); a category dated after asOf is not held yet
        const list = [
          ...(P.category ? [String(P.category)] : []),
          ...((P.categories as string[] | undefined) ?? []),
        ];
        const five =
          dialect === 'duckdb' ? `b.category_date + INTERVAL 5 YEAR` : `b.category_date + interval '5 years'`;
        const one = (cat: string) =>
          cat === 'none'
            ? "b.category = 'none'"
            : `(b.category = ${lit(cat)} AND (b.category_date IS NULL OR b.category_date <= ${asOf})${
                P.valid === true ? ` AND b.category_date IS NOT NULL AND ${five} > ${asOf}` : ''
              })`;
        return person(list.length ? `(${list.map(one).join(' OR ')})` : 'false');
      }
      case 'staff.experience': {
        const parts = ['b.exp IS NOT NULL'];
        if (P.min !== undefined) parts.push(`b.exp >= ${num(P.min)}`);
        if (P.max !== undefined) parts.push(`b.exp < ${num(P.max)}`);
        return person(parts.join(' AND '));
      }
      case 'staff.load_over':
        return person(`coalesce(b.teaching_load, 0) > ${num(P.hours ?? ctx.rules.loadThresholdHours)}`);
      case 'staff.rates_over':
        return person(`coalesce(b.rates, 0) > ${num(P.rates ?? ctx.rules.maxRatesPerPerson)}`);
      case 'staff.outside_profile':
        return person('coalesce(b.outside, false)');
      case 'staff.part_time':
        return person(
          P.kind === 'internal'
            ? 'coalesce(b.pt_internal, false)'
            : P.kind === 'external'
              ? 'coalesce(b.pt_external, false)'
              : 'coalesce(b.pt_internal OR b.pt_external, false)',
        );
      case 'staff.retrained':
        return person('coalesce(b.retrained, false)');
      case 'assessment.assessed':
      case 'assessment.with_deficit': {
        const fw = P.framework ? ` AND f.code = ${lit(String(P.framework))}` : '';
        const k = crFlags.length;
        crFlags.push(
          r.measure === 'assessment.assessed'
            ? `bool_or(true${fw}) AS cr${k}`
            : `bool_or(x.percent < f.deficit_below${fw}) AS cr${k}`,
        );
        return person(`coalesce(b.cr${k}, false)`);
      }
      case 'assessment.burnout_high':
        // No burnout attempts are generated: the measure exists, the data is empty on both sides.
        return person('false');
      case 'routes.formed':
        return person('coalesce(b.r_formed, false)');
      case 'routes.total':
        return push(cols, `coalesce(sum(b.r_total) FILTER (WHERE ${inPop}), 0) AS ${c}`);
      case 'routes.with_curator':
        return push(cols, `coalesce(sum(b.r_curator) FILTER (WHERE ${inPop}), 0) AS ${c}`);
      case 'routes.completed':
        return person('coalesce(b.r_completed, false)');
      case 'routes.with_topic':
      case 'routes.completed_with_topic': {
        const k = topicFlags.length;
        const d = arrHas('pr.priority_directions', String(P.direction));
        topicFlags.push(
          r.measure === 'routes.with_topic'
            ? `bool_or(${d}) AS tp${k}`
            : `bool_or(${d} AND r.status = 'completed' AND i.status = 'done' AND i.confirmed_at IS NOT NULL) AS tp${k}`,
        );
        return person(`coalesce(b.tp${k}, false)`);
      }
      case 'trainings.people': {
        const parts = [inPeriod('t.issued_on')];
        if (P.direction)
          parts.push(`coalesce(${arrHas('pr.priority_directions', String(P.direction))}, false)`);
        if (P.federalRegistry !== undefined)
          parts.push(`coalesce(pr.federal_registry, false) = ${P.federalRegistry ? 'true' : 'false'}`);
        if (P.document) parts.push(`t.document = ${lit(String(P.document))}`);
        const k = trFlags.length;
        trFlags.push(`bool_or(${parts.join(' AND ')}) AS tr${k}`);
        return person(`coalesce(b.tr${k}, false)`);
      }
      case 'trainings.due': {
        const years = num(P.years ?? 3);
        const limit =
          dialect === 'duckdb' ? `${asOf} - INTERVAL (${years}) YEAR` : `${asOf} - interval '${years} years'`;
        // due: no training in the `years` up to asOf; one exactly `years` ago is due again (the engine's reading)
        return person(`(b.last_training IS NULL OR b.last_training <= ${limit})`);
      }
      case 'orgs.total': {
        const kinds = (P.kinds as string[] | undefined) ?? [];
        const popKinds = r.pop.orgKinds.length
          ? ` AND o.kind IN (${r.pop.orgKinds.map(lit).join(', ')})`
          : '';
        return push(
          orgCols,
          `CASE WHEN ${kinds.length ? `o.kind IN (${kinds.map(lit).join(', ')})` : 'true'}${popKinds} THEN 1 ELSE 0 END AS ${c}`,
        );
      }
      case 'orgs.flag': {
        const kinds = (P.kinds as string[] | undefined) ?? [];
        const flag = ORG_FLAG_SQL[String(P.flag)];
        if (!flag) throw new Error(`unknown flag ${String(P.flag)}`);
        const k = kinds.length ? ` AND o.kind IN (${kinds.map(lit).join(', ')})` : '';
        const popKinds = r.pop.orgKinds.length
          ? ` AND o.kind IN (${r.pop.orgKinds.map(lit).join(', ')})`
          : '';
        return push(orgCols, `CASE WHEN ${flag}${k}${popKinds} THEN 1 ELSE 0 END AS ${c}`);
      }
      case 'vacancies.open': {
        const parts = ['true'];
        if (P.subject) parts.push(`lower(v.subject) = lower(${lit(String(P.subject))})`);
        if (r.pop.orgKinds.length) parts.push(`vo.kind IN (${r.pop.orgKinds.map(lit).join(', ')})`);
        if (P.zemsky !== undefined) parts.push(`v.zemsky = ${P.zemsky ? 'true' : 'false'}`);
        vacCols.push(`count(*) FILTER (WHERE ${parts.join(' AND ')}) AS ${c}`);
        return;
      }
      case 'staffing.rates': {
        const col = `${P.category === 'managerial' ? 'adm' : 'ped'}_${P.what === 'occupied' ? 'occupied' : 'total'}`;
        const popKinds = r.pop.orgKinds.length
          ? ` WHERE so.kind IN (${r.pop.orgKinds.map(lit).join(', ')})`
          : '';
        stfCols.push(`sum(s.${col}) FILTER (${popKinds ? popKinds.slice(1) : 'WHERE true'}) AS ${c}`);
        return;
      }
      default:
        throw new Error(`baseline has no SQL for measure ${r.measure}`);
    }
  };
  refs.forEach((r, i) => {
    addRef(r, i);
  });

  const academicYear =
    Number(ctx.asOf.slice(5, 7)) >= 9 ? Number(ctx.asOf.slice(0, 4)) : Number(ctx.asOf.slice(0, 4)) - 1;
  const dateOf = (col: string) => `CAST(${col} AS DATE)`;
  const personCols = cols.length ? cols.join(',\n    ') : 'count(*) AS _n';
  const text = `
WITH cur AS (
  SELECT * FROM employments e
  WHERE (e.start_date IS NULL OR e.start_date <= ${asOf}) AND (e.end_date IS NULL OR e.end_date > ${asOf})
),
${popCtes.length ? `${popCtes.join(',\n')},` : ''}
attributed AS (
  ${pops.length ? pops.map((_, i) => `SELECT ${i} AS pop, person_id, organization_id FROM pop${i}`).join('\n  UNION ALL ') : 'SELECT 0 AS pop, NULL::uuid AS person_id, NULL::uuid AS organization_id WHERE false'}
),
ea AS (
  SELECT e.person_id,
    sum(e.load_hours) FILTER (WHERE e.staff_category = 'pedagogical' AND NOT ${NOT_TEACHING}) AS teaching_load,
    sum(e.rate) AS rates, bool_or(e.outside_profile) AS outside,
    bool_or(e.kind = 'internal') AS pt_internal, bool_or(e.kind = 'external') AS pt_external
  FROM cur e GROUP BY e.person_id
),
tr AS (
  SELECT t.person_id,
    bool_or(t.document = 'diploma') AS retrained,
    max(t.issued_on) AS last_training${trFlags.length ? `,\n    ${trFlags.join(',\n    ')}` : ''}
  FROM trainings t LEFT JOIN programs pr ON pr.id = t.program_id
  WHERE t.issued_on <= ${asOf}
  GROUP BY t.person_id
),
cr AS (
  SELECT x.person_id${crFlags.length ? `,\n    ${crFlags.join(',\n    ')}` : ''}
  FROM (
    SELECT DISTINCT ON (r.person_id, r.competency_id) r.person_id, r.competency_id, r.percent
    FROM competency_results r
    WHERE ${inPeriod('r.assessed_on')}
    ORDER BY r.person_id, r.competency_id, r.assessed_on DESC, r.id DESC
  ) x JOIN competencies c ON c.id = x.competency_id JOIN competency_frameworks f ON f.id = c.framework_id
  GROUP BY x.person_id
),
rt AS (
  SELECT r.person_id,
    bool_or(r.campaign_id IS NOT NULL OR r.baseline_on IS NOT NULL) AS r_formed,
    count(*) AS r_total, count(*) FILTER (WHERE r.curator_user_id IS NOT NULL) AS r_curator
  FROM learning_routes r
  WHERE r.status <> 'cancelled' AND ${inPeriod(dateOf('r.created_at'))}
  GROUP BY r.person_id
),
rc AS (
  SELECT r.person_id, true AS r_completed FROM learning_routes r
  WHERE r.status = 'completed' AND ${inPeriod(dateOf('r.completed_at'))}
  GROUP BY r.person_id
),
tp AS (
  SELECT r.person_id${topicFlags.length ? `,\n    ${topicFlags.join(',\n    ')}` : ''}
  FROM learning_routes r
  JOIN learning_route_items i ON i.route_id = r.id AND i.activity_kind = 'program'
  LEFT JOIN program_cohorts pc ON pc.id = i.activity_id
  JOIN programs pr ON pr.id = coalesce(pc.program_id, i.activity_id)
  WHERE r.status <> 'cancelled' AND ${inPeriod(dateOf('r.created_at'))}
  GROUP BY r.person_id
),
b AS (
  SELECT a.pop, a.organization_id, ${age} AS age, p.sex, p.education, p.category, p.category_date,
    ${exp} AS exp,
    ea.teaching_load, ea.rates, ea.outside, ea.pt_internal, ea.pt_external,
    ${['tr.retrained', 'tr.last_training', ...trFlags.map((_, k) => `tr.tr${k}`), ...crFlags.map((_, k) => `cr.cr${k}`), 'rt.r_formed', 'rt.r_total', 'rt.r_curator', 'rc.r_completed', ...topicFlags.map((_, k) => `tp.tp${k}`)].join(', ')}
  FROM attributed a
  JOIN people p ON p.id = a.person_id
  LEFT JOIN ea ON ea.person_id = a.person_id
  LEFT JOIN tr ON tr.person_id = a.person_id
  LEFT JOIN cr ON cr.person_id = a.person_id
  LEFT JOIN rt ON rt.person_id = a.person_id
  LEFT JOIN rc ON rc.person_id = a.person_id
  LEFT JOIN tp ON tp.person_id = a.person_id
),
per_org AS (
  SELECT b.organization_id,
    ${personCols}
  FROM b GROUP BY b.organization_id
)${
    vacCols.length
      ? `,
vac AS (
  SELECT v.organization_id, ${vacCols.join(', ')}
  FROM vacancies v JOIN organizations vo ON vo.id = v.organization_id WHERE v.opened_on <= ${asOf} AND (v.closed_on IS NULL OR v.closed_on > ${asOf})
  GROUP BY v.organization_id
)`
      : ''
  }${
    stfCols.length
      ? `,
stf AS (
  SELECT s.organization_id, ${stfCols.join(', ')} FROM staffing s JOIN organizations so ON so.id = s.organization_id WHERE s.year = ${academicYear}
  GROUP BY s.organization_id
)`
      : ''
  }
SELECT o.id AS organization_id,
  ${refs
    .map((_, i) => {
      const c = `c${i}`;
      if (orgCols.some((x) => x.endsWith(` AS ${c}`)))
        return `${orgCols.find((x) => x.endsWith(` AS ${c}`))!.replace(new RegExp(` AS ${c}$`), '')} AS ${c}`;
      if (vacCols.some((x) => x.endsWith(` AS ${c}`))) return `coalesce(vac.${c}, 0) AS ${c}`;
      if (stfCols.some((x) => x.endsWith(` AS ${c}`))) return `coalesce(stf.${c}, 0) AS ${c}`;
      return `coalesce(per_org.${c}, 0) AS ${c}`;
    })
    .join(',\n  ')}
FROM organizations o
LEFT JOIN per_org ON per_org.organization_id = o.id${vacCols.length ? '\nLEFT JOIN vac ON vac.organization_id = o.id' : ''}${
    stfCols.length ? '\nLEFT JOIN stf ON stf.organization_id = o.id' : ''
  }`;
  return { text, keys };
}

const PERSON_MEASURE = /^(staff|assessment|routes|trainings)\./;
export function isPersonMeasure(code: string): boolean {
  return PERSON_MEASURE.test(code);
}
