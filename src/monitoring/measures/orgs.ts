import { type SQL, sql } from 'drizzle-orm';
import type { Population } from '../engine/formula.ts';
import { currentAt, type MeasureContext, type Params, type RowsBuilder, str } from './context.ts';

/** Organization, vacancy and staffing measures: rows per organization in scope. */

/** The measure's own kinds param and the indicator population's org kinds (both apply). */
function kinds(p: Params, pop?: Required<Population>): SQL {
  const own =
    Array.isArray(p.kinds) && p.kinds.length
      ? sql`AND o.kind::text = ANY(${sql.param(p.kinds)}::text[])`
      : sql``;
  const popKinds = pop?.orgKinds.length
    ? sql`AND o.kind::text = ANY(${sql.param(pop.orgKinds)}::text[])`
    : sql``;
  return sql`${own} ${popKinds}`;
}

/** A flag as a condition over an organizations alias `o`. */
export const FLAG_SQL: Record<string, SQL> = {
  rural: sql`o.rural`,
  low_results: sql`o.low_results`,
  innovation_platform: sql`o.innovation_platform IS NOT NULL`,
  internship_platform: sql`o.internship_platform`,
  mentoring_regulation: sql`o.mentoring_regulation`,
};

/** The academic year containing asOf, by its starting calendar year (1 September). */
export function academicYear(asOf: string): number {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  return m >= 9 ? y : y - 1;
}

export const ORG_ROW_MEASURES: Record<string, RowsBuilder> = {
  'orgs.total': (p, ctx, pop) => sql`SELECT o.id AS organization_id, o.id AS member_id FROM organizations o
    WHERE ${ctx.scope('o')} ${kinds(p, pop)}`,
  'orgs.flag': (p, ctx, pop) => sql`SELECT o.id AS organization_id, o.id AS member_id FROM organizations o
    WHERE ${ctx.scope('o')} ${kinds(p, pop)} AND ${FLAG_SQL[str(p.flag) ?? ''] ?? sql`false`}`,
  'vacancies.open': (p, ctx, pop) => {
    const subject = str(p.subject);
    return sql`SELECT v.organization_id, v.id AS member_id FROM vacancies v JOIN organizations o ON o.id = v.organization_id
      WHERE ${ctx.scope('o')} ${kinds({}, pop)} AND v.opened_on <= ${ctx.asOf}::date AND (v.closed_on IS NULL OR v.closed_on > ${ctx.asOf}::date)
        ${subject ? sql`AND lower(v.subject) = lower(${subject})` : sql``}
        ${p.zemsky === true ? sql`AND v.zemsky` : p.zemsky === false ? sql`AND NOT v.zemsky` : sql``}`;
  },
  'staffing.rates': (p, ctx: MeasureContext, pop) => {
    const category = str(p.category) === 'managerial' ? 'adm' : 'ped';
    const column = sql.raw(`s.${category}_${str(p.what) === 'occupied' ? 'occupied' : 'total'}`);
    return sql`SELECT s.organization_id, ${column} AS value FROM staffing s JOIN organizations o ON o.id = s.organization_id
      WHERE ${ctx.scope('o')} ${kinds({}, pop)} AND s.year = ${academicYear(ctx.asOf)}`;
  },
};

export { currentAt };
