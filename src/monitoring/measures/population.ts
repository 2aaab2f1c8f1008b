import { type SQL, sql } from 'drizzle-orm';
import type { Population } from '../engine/formula.ts';
import { currentAt, type MeasureContext } from './context.ts';

/** Which employment makes a person part of the population (the counted employment `e`). */
function staffFilter(staff: Required<Population>['staff'], e: string): SQL {
  const t = sql.raw(e);
  switch (staff) {
    case 'pedagogical':
      return sql`${t}.staff_category = 'pedagogical'`;
    case 'managerial':
      return sql`${t}.staff_category = 'managerial'`;
    case 'all':
      return sql`true`;
    case 'pedagogical_and_teaching_managers':
      // 000: «педагогические работники, включая руководителей, ведущих учебные часы»
      return sql`(${t}.staff_category = 'pedagogical' OR (${t}.staff_category = 'managerial' AND ${t}.load_hours > 0))`;
  }
}

function kindsFilter(kinds: string[], o: string): SQL {
  return kinds.length ? sql`${sql.raw(o)}.kind::text = ANY(${sql.param(kinds)}::text[])` : sql`true`;
}

/**
 * The population as a CTE body `pop(person_id, organization_id, subjects)`: each person ONCE, at
 * the organization of their main employment at asOf, else (employment 'all') of their earliest
 * current employment; subjects are those of that counted employment. The person is attributed
 * before the scope cuts, so a territory's count is the sum of its organizations' counts.
 */
export function populationSql(pop: Required<Population>, ctx: MeasureContext): SQL {
  const staff = staffFilter(pop.staff, 'e');
  const kinds = kindsFilter(pop.orgKinds, 'o');
  if (pop.employment === 'main') {
    // a person has one current main employment, so the scope may cut before attribution (cheap)
    return sql`SELECT DISTINCT ON (e.person_id) e.person_id, e.organization_id, e.subjects
      FROM employments e JOIN organizations o ON o.id = e.organization_id
      WHERE ${currentAt('e', ctx.asOf)} AND e.kind = 'main' AND ${staff} AND ${kinds} AND ${ctx.scope('o')}
      ORDER BY e.person_id, e.start_date NULLS FIRST, e.id`;
  }
  return sql`SELECT a.person_id, a.organization_id, a.subjects FROM (
      SELECT DISTINCT ON (e.person_id) e.person_id, e.organization_id, e.subjects
      FROM employments e JOIN organizations o ON o.id = e.organization_id
      WHERE ${currentAt('e', ctx.asOf)} AND ${staff} AND ${kinds}
        AND e.person_id IN (SELECT se.person_id FROM employments se JOIN organizations so ON so.id = se.organization_id
                            WHERE ${currentAt('se', ctx.asOf)} AND ${ctx.scope('so')})
      ORDER BY e.person_id, (e.kind = 'main') DESC, e.start_date NULLS FIRST, e.id) a
    WHERE a.organization_id IN (SELECT o.id FROM organizations o WHERE ${ctx.scope('o')})`;
}
