import { sql } from 'drizzle-orm';
import { ageSql, experienceSql, pensionAgeSql, youngSql } from '../../directory/derived/derived-rules.ts';
import { currentAt, num, type PersonMeasureBuilder, str } from './context.ts';
import { FLAG_SQL } from './orgs.ts';

/**
 * Directory measures over the population row `pop` and people `p`. Age and experience are at asOf;
 * loads and rates add up every employment current at asOf.
 */

/**
 * Воспитатели work a 36-hour norm that is not a teaching load, so a «Воспитатель» or «Старший
 * воспитатель» position never counts towards an overload (000: «нагрузка более 30 часов» is about
 * teaching hours).
 */
export const EDUCATOR_POSITION_RULE = (e: string) =>
  sql`NOT (lower(${sql.raw(e)}.position) LIKE 'воспитатель%' OR lower(${sql.raw(e)}.position) LIKE 'старший воспитатель%')`;

function band(expr: ReturnType<typeof sql>, min: number | undefined, max: number | undefined) {
  const parts = [sql`${expr} IS NOT NULL`];
  if (min !== undefined) parts.push(sql`${expr} >= ${min}`);
  if (max !== undefined) parts.push(sql`${expr} < ${max}`);
  return sql.join(parts, sql` AND `);
}

export const STAFF_MEASURES: Record<string, PersonMeasureBuilder> = {
  'staff.total': () => ({}),
  'staff.age': (p, ctx) => ({ cond: band(ageSql('p', ctx.asOf), num(p.min), num(p.max)) }),
  'staff.young': (_p, ctx) => ({ cond: youngSql(ctx.rules, 'p', ctx.asOf) }),
  'staff.pension_age': (_p, ctx) => ({ cond: pensionAgeSql(ctx.rules, 'p', ctx.asOf) }),
  'staff.education': (p) => {
    const levels = [
      ...(Array.isArray(p.levels) ? p.levels : []),
      ...(str(p.level) ? [p.level as string] : []),
    ];
    return { cond: sql`p.education::text = ANY(${sql.param(levels)}::text[])` };
  },
  'staff.category': (p, ctx) => {
    // several categories at once: 000's «без категории (в т.ч. СЗД)» is none + szd
    const list = [
      ...(str(p.category) ? [p.category as string] : []),
      ...(Array.isArray(p.categories) ? p.categories : []),
    ];
    const one = (category: string) => {
      if (category === 'none') return sql`p.category = 'none'`;
      // a category assigned after asOf was not held at asOf; valid = within five years of assignment
      const held = sql`p.category = ${category}::qualification_category AND (p.category_date IS NULL OR p.category_date <= ${ctx.asOf}::date)`;
      return p.valid === true
        ? sql`(${held} AND p.category_date IS NOT NULL AND p.category_date + interval '5 years' > ${ctx.asOf}::date)`
        : sql`(${held})`;
    };
    return { cond: sql`(${sql.join((list.length ? list : ['none']).map(one), sql` OR `)})` };
  },
  'staff.experience': (p, ctx) => ({ cond: band(experienceSql('p', ctx.asOf), num(p.min), num(p.max)) }),
  'staff.load_over': (p, ctx) => ({
    set: sql`SELECT e.person_id FROM employments e
      WHERE ${currentAt('e', ctx.asOf)} AND ${EDUCATOR_POSITION_RULE('e')}
      GROUP BY e.person_id HAVING sum(e.load_hours) > ${num(p.hours) ?? ctx.rules.loadThresholdHours}`,
  }),
  'staff.rates_over': (p, ctx) => ({
    set: sql`SELECT e.person_id FROM employments e WHERE ${currentAt('e', ctx.asOf)}
      GROUP BY e.person_id HAVING sum(e.rate) > ${num(p.rates) ?? ctx.rules.maxRatesPerPerson}`,
  }),
  'staff.outside_profile': (_p, ctx) => ({
    set: sql`SELECT e.person_id FROM employments e WHERE ${currentAt('e', ctx.asOf)} AND e.outside_profile`,
  }),
  'staff.part_time': (p, ctx) => {
    const kind = str(p.kind) ?? 'any';
    const k = kind === 'any' ? sql`e.kind <> 'main'` : sql`e.kind = ${kind}::employment_kind`;
    return { set: sql`SELECT e.person_id FROM employments e WHERE ${currentAt('e', ctx.asOf)} AND ${k}` };
  },
  // groups a share is taken of («доля учителей истории, принявших участие …»): the counted employment's
  // subjects and the counted organization's flags
  'staff.subject': (p) => ({
    cond: sql`EXISTS (SELECT 1 FROM unnest(pop.subjects) su(s) WHERE lower(su.s) = lower(${str(p.subject) ?? ''}))`,
  }),
  'staff.org_flag': (p) => ({
    cond: sql`EXISTS (SELECT 1 FROM organizations o WHERE o.id = pop.organization_id
      AND ${FLAG_SQL[str(p.flag) ?? ''] ?? sql`false`})`,
  }),
};
