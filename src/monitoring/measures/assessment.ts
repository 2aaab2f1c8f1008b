import { sql } from 'drizzle-orm';
import { inPeriod, type PersonMeasureBuilder, str } from './context.ts';

/** Assessment measures: results and attempts dated within the period. */

function frameworkFilter(code: string | undefined) {
  return code
    ? sql`AND cr.competency_id IN (SELECT c.id FROM competencies c JOIN competency_frameworks f ON f.id = c.framework_id
                                   WHERE f.code = ${code})`
    : sql``;
}

export const ASSESSMENT_MEASURES: Record<string, PersonMeasureBuilder> = {
  'assessment.assessed': (p, ctx) => ({
    set: sql`SELECT cr.person_id FROM competency_results cr
      WHERE ${inPeriod(sql`cr.assessed_on`, ctx)} ${frameworkFilter(str(p.framework))}`,
  }),
  // the latest result per competency in the period, below its framework's deficit threshold;
  // a subset of assessment.assessed by construction
  'assessment.with_deficit': (p, ctx) => ({
    set: sql`SELECT x.person_id FROM (
        SELECT DISTINCT ON (cr.person_id, cr.competency_id) cr.person_id, cr.percent, f.deficit_below
        FROM competency_results cr
        JOIN competencies c ON c.id = cr.competency_id
        JOIN competency_frameworks f ON f.id = c.framework_id
        WHERE ${inPeriod(sql`cr.assessed_on`, ctx)} ${frameworkFilter(str(p.framework))}
        ORDER BY cr.person_id, cr.competency_id, cr.assessed_on DESC, cr.id DESC) x
      WHERE x.percent < x.deficit_below`,
  }),
  // scoring.ts stores { highRisk, scales: [{ level }] }; older rows without highRisk: ≥ 2 high scales
  'assessment.burnout_high': (_p, ctx) => ({
    set: sql`SELECT a.person_id FROM assessment_attempts a JOIN instruments i ON i.id = a.instrument_id
      WHERE i.kind = 'burnout' AND a.status = 'submitted' AND a.scales IS NOT NULL
        AND ${inPeriod(sql`a.submitted_at::date`, ctx)}
        AND coalesce((a.scales->>'highRisk')::boolean,
              (SELECT count(*) FROM jsonb_array_elements(CASE WHEN jsonb_typeof(a.scales->'scales') = 'array'
                                                          THEN a.scales->'scales' ELSE '[]'::jsonb END) s
               WHERE s->>'level' = 'high') >= 2)`,
  }),
};
