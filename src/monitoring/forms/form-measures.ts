import type { SQL } from 'drizzle-orm';
import { type Db, sql } from '../../platform/db/database.ts';

export interface FormMeasureRow {
  organization_id: string;
  /** Without the `manual:` prefix, as the form field's measureCode holds it. */
  measure_code: string;
  value: number;
}

/**
 * What accepted form submissions say about manual measures: per organization and measure code,
 * the sum of the numeric fields that feed it, over assignments whose period overlaps the given
 * one. Only accepted answers count (a draft or a returned answer is not a figure yet); an
 * organization with no accepted answer has no row, so the caller can tell «no data» from 0.
 *
 * `scope` is SQL over organizations alias `o` (orgScope or a territory filter); `codes` are
 * measure codes without the `manual:` prefix (all codes when omitted). One statement.
 */
export async function formMeasureValues(
  db: Db,
  p: { scope: SQL; periodStart: string; periodEnd: string; codes?: string[] },
): Promise<FormMeasureRow[]> {
  const codes = p.codes
    ? sql`AND f.field->>'measureCode' = ANY(${sql.param(p.codes)}::text[])`
    : sql`AND coalesce(f.field->>'measureCode', '') <> ''`;
  return db.query<FormMeasureRow>(sql`
    SELECT s.organization_id, f.field->>'measureCode' AS measure_code,
           sum((s.values->>(f.field->>'code'))::numeric)::float8 AS value
    FROM form_submissions s
    JOIN form_assignments a ON a.id = s.assignment_id
    JOIN organizations o ON o.id = s.organization_id
    CROSS JOIN LATERAL jsonb_array_elements(a.fields) AS f(field)
    WHERE s.status = 'accepted'
      AND a.period_start <= ${p.periodEnd}::date AND a.period_end >= ${p.periodStart}::date
      ${codes}
      AND jsonb_typeof(s.values->(f.field->>'code')) = 'number'
      AND ${p.scope}
    GROUP BY s.organization_id, f.field->>'measureCode'
    ORDER BY s.organization_id, measure_code`);
}
