import { type SQL, sql } from 'drizzle-orm';
import type { MeasureContext } from './context.ts';

/**
 * A manual measure `manual:<code>`: accepted form submissions' fields whose measureCode is the code
 * (assignments overlapping the period) plus values entered by hand for the period, per organization;
 * values entered for a whole territory have no organization (organization_id null) and count only
 * in the total. No row at all means «not entered», never 0. Percents (a form field of type percent,
 * a code ending in _share) do not add up: run.ts averages them instead of summing.
 */
export function manualRowsSql(code: string, ctx: MeasureContext): SQL {
  const bare = code.replace(/^manual:/, '');
  const overlaps = (start: SQL, end: SQL) =>
    sql`${start} <= ${ctx.periodEnd}::date AND ${end} >= ${ctx.periodStart}::date`;
  return sql`
    SELECT s.organization_id,
           CASE jsonb_typeof(s.values -> (f->>'code'))
             WHEN 'number' THEN (s.values ->> (f->>'code'))::numeric
             WHEN 'boolean' THEN CASE WHEN (s.values ->> (f->>'code'))::boolean THEN 1 ELSE 0 END
             ELSE (s.values ->> (f->>'code'))::numeric END AS value,
           (f->>'type') = 'percent' AS is_percent
    FROM form_submissions s
    JOIN form_assignments a ON a.id = s.assignment_id
    JOIN organizations o ON o.id = s.organization_id
    CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(a.fields) = 'array' THEN a.fields ELSE '[]'::jsonb END) f
    WHERE s.status = 'accepted' AND ${ctx.scope('o')} AND ${overlaps(sql`a.period_start`, sql`a.period_end`)}
      AND f->>'measureCode' IN (${bare}, ${`manual:${bare}`})
      AND (jsonb_typeof(s.values -> (f->>'code')) IN ('number', 'boolean')
           OR (jsonb_typeof(s.values -> (f->>'code')) = 'string' AND (s.values ->> (f->>'code')) ~ '^-?[0-9]+([.][0-9]+)?$'))
    UNION ALL
    SELECT v.organization_id, v.value, ${bare.endsWith('_share')} AS is_percent FROM manual_measure_values v
    LEFT JOIN organizations o ON o.id = v.organization_id
    WHERE v.measure_code IN (${bare}, ${`manual:${bare}`}) AND ${overlaps(sql`v.period_start`, sql`v.period_end`)}
      AND CASE
            WHEN v.organization_id IS NOT NULL THEN ${ctx.scope('o')}
            WHEN ${ctx.level === 'organization'} THEN false
            WHEN v.municipality_id IS NOT NULL THEN EXISTS (SELECT 1 FROM organizations mo
              WHERE mo.municipality_id = v.municipality_id AND ${ctx.scope('mo')})
            WHEN ${ctx.level === 'municipality'} THEN false
            ELSE EXISTS (SELECT 1 FROM organizations ro WHERE ro.region_id = v.region_id AND ${ctx.scope('ro')})
          END`;
}
