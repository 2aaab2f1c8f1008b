import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { orgScope } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db/database.ts';
import { setVisibility } from '../monitoring.policy.ts';

/** Values of manual measures: SQL only. */

export interface ManualRow {
  id: string;
  measureCode: string;
  organizationId: string | null;
  organizationName: string | null;
  municipalityId: string | null;
  regionId: string | null;
  periodStart: string;
  periodEnd: string;
  value: number;
  note: string;
  enteredAt: string;
}

export interface ManualTerritory {
  regionId: string | null;
  municipalityId: string | null;
  organizationId: string | null;
}

/** Rows the actor sees: organizations in scope, and territory rows of sets they could see. */
function manualVisibility(actor: Actor) {
  return sql`((v.organization_id IS NOT NULL AND ${orgScope(actor, 'o')})
            OR (v.organization_id IS NULL AND ${setVisibility(actor, 'v')}))`;
}

export async function listManualValues(
  db: Db,
  actor: Actor,
  q: { code?: string | undefined; periodStart?: string | undefined; periodEnd?: string | undefined },
): Promise<ManualRow[]> {
  return db.query<ManualRow>(sql`
    SELECT v.id::text AS id, v.measure_code AS "measureCode", v.organization_id::text AS "organizationId",
           o.short_name AS "organizationName", v.municipality_id::text AS "municipalityId",
           v.region_id::text AS "regionId", v.period_start AS "periodStart", v.period_end AS "periodEnd",
           v.value, v.note, v.entered_at AS "enteredAt"
    FROM manual_measure_values v LEFT JOIN organizations o ON o.id = v.organization_id
    WHERE ${manualVisibility(actor)}
      ${q.code ? sql`AND v.measure_code = ${q.code}` : sql``}
      ${q.periodStart ? sql`AND v.period_end >= ${q.periodStart}::date` : sql``}
      ${q.periodEnd ? sql`AND v.period_start <= ${q.periodEnd}::date` : sql``}
    ORDER BY v.measure_code, v.period_start, o.short_name NULLS FIRST, v.id`);
}

/** The territory of an organization in the actor's scope. */
export async function orgTerritory(
  db: Db,
  actor: Actor,
  organizationId: string,
): Promise<{ region_id: string; municipality_id: string } | undefined> {
  const [o] = await db.query<{ region_id: string; municipality_id: string }>(sql`
    SELECT o.region_id::text AS region_id, o.municipality_id::text AS municipality_id FROM organizations o
    WHERE o.id = ${organizationId} AND ${orgScope(actor, 'o')}`);
  return o;
}

/** The region of a municipality; with `inRegion`, only if the municipality lies in that region. */
export async function municipalityRegion(
  db: Db,
  municipalityId: string | null,
  inRegion?: string | null,
): Promise<string | undefined> {
  const [m] = await db.query<{ region_id: string }>(sql`
    SELECT region_id::text AS region_id FROM municipalities
    WHERE id = ${municipalityId} ${inRegion !== undefined ? sql`AND region_id = ${inRegion}` : sql``}`);
  return m?.region_id;
}

/** Replaces the value of a measure for a period and territory; returns the new id and what it replaced. */
export async function replaceManualValue(
  db: Db,
  input: { measureCode: string; periodStart: string; periodEnd: string; value: number; note: string },
  t: ManualTerritory,
  userId: string | null,
): Promise<{ id: string; before: { value: number; note: string } | null }> {
  const before = await db.query<{ value: number; note: string }>(sql`
    DELETE FROM manual_measure_values
    WHERE measure_code = ${input.measureCode} AND period_start = ${input.periodStart} AND period_end = ${input.periodEnd}
      AND organization_id IS NOT DISTINCT FROM ${t.organizationId}::uuid
      AND municipality_id IS NOT DISTINCT FROM ${t.municipalityId}::uuid
      AND region_id IS NOT DISTINCT FROM ${t.regionId}::uuid
    RETURNING value, note`);
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO manual_measure_values (measure_code, region_id, municipality_id, organization_id, period_start,
                                       period_end, value, note, entered_by)
    VALUES (${input.measureCode}, ${t.regionId}, ${t.municipalityId}, ${t.organizationId},
            ${input.periodStart}, ${input.periodEnd}, ${input.value}, ${input.note}, ${userId})
    RETURNING id::text AS id`);
  return { id: row!.id, before: before[0] ?? null };
}
