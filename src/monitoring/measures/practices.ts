import { type SQL, sql } from 'drizzle-orm';
import { platformTimeZone } from '../../platform/time/today.ts';
import { inPeriod, type RowsBuilder, str } from './context.ts';

/**
 * Measures of the bank of practices (src/practices): materials published in the period, by the
 * day of publication, counted at the material's organization (a material of a municipality without
 * an organization counts in the territory's total only, as values entered for a territory do).
 */
const published: RowsBuilder = (p, ctx) => {
  const where: SQL[] = [
    sql`m.status = 'published'`,
    inPeriod(sql`(m.published_at AT TIME ZONE ${platformTimeZone()})::date`, ctx),
  ];
  const kind = str(p.kind);
  const level = str(p.level);
  if (kind) where.push(sql`m.kind::text = ${kind}`);
  if (level) where.push(sql`m.approbation_level::text = ${level}`);
  return sql`SELECT m.organization_id, 1 AS value FROM practice_materials m
    WHERE ${sql.join(where, sql` AND `)} AND CASE
      WHEN m.organization_id IS NOT NULL
        THEN EXISTS (SELECT 1 FROM organizations o WHERE o.id = m.organization_id AND ${ctx.scope('o')})
      WHEN ${ctx.level === 'organization'} THEN false
      ELSE EXISTS (SELECT 1 FROM organizations mo WHERE mo.municipality_id = m.municipality_id AND ${ctx.scope('mo')})
    END`;
};

export const PRACTICE_ROW_MEASURES: Record<string, RowsBuilder> = { 'practices.published': published };
