import type { Actor } from '../../platform/auth/actor.ts';
import { orgScope } from '../../platform/auth/scope.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import type { Formula } from '../engine/formula.ts';
import { setVisibility } from '../monitoring.policy.ts';
import { type MonitoringRow, monitoringReadScope } from '../monitorings/monitorings.repository.ts';

/** What the dashboards read besides the figures: SQL only. */

export interface SetRow {
  id: string;
  code: string;
  name: string;
  owner_level: 'system' | 'region' | 'municipality' | 'organization';
  region_id: string | null;
  municipality_id: string | null;
}

/** A set visible to the actor, with its region (a municipality's set: the municipality's region). */
export async function findVisibleSet(db: Db, actor: Actor, id: string): Promise<SetRow | undefined> {
  const [s] = await db.query<SetRow>(sql`
    SELECT s.id, s.code, s.name, s.owner_level,
           COALESCE(s.region_id, (SELECT region_id FROM municipalities WHERE id = s.municipality_id)) AS region_id,
           s.municipality_id
    FROM indicator_sets s WHERE s.id = ${id} AND ${setVisibility(actor)}`);
  return s;
}

export async function organizationTerritory(
  db: Db,
  organizationId: string | null,
): Promise<{ municipality_id: string; region_id: string } | undefined> {
  const [o] = await db.query<{ municipality_id: string; region_id: string }>(
    sql`SELECT municipality_id, region_id FROM organizations WHERE id = ${organizationId}`,
  );
  return o;
}

/**
 * Closed monitorings of the set the viewer sees, latest first; those at `ownLevel` ('region',
 * 'municipality', or every level when null) before the others.
 */
export async function closedMonitorings(
  db: Db,
  actor: Actor,
  setId: string,
  ownLevel: 'region' | 'municipality' | null,
): Promise<MonitoringRow[]> {
  const own = ownLevel ? sql`m.owner_level = ${ownLevel}` : sql`true`;
  return db.query<MonitoringRow>(sql`
    SELECT m.id, m.set_id, '' AS set_name, m.name, m.owner_level, m.region_id, m.municipality_id, '' AS territory_name,
           m.period_start, m.period_end, m.as_of, m.target_year, m.schedule, m.responsible, m.status, m.created_at,
           m.closed_at
    FROM monitorings m
    WHERE m.set_id = ${setId} AND m.status = 'closed' AND ${monitoringReadScope(actor)}
    ORDER BY CASE WHEN ${own} THEN 0 ELSE 1 END, m.as_of DESC, m.closed_at DESC, m.id`);
}

/** The frozen totals of these monitorings, per indicator. */
export async function frozenTotals(
  db: Db,
  monitoringIds: string[],
): Promise<{ monitoring_id: string; indicator_id: string; value: number | null }[]> {
  if (!monitoringIds.length) return [];
  return db.query<{ monitoring_id: string; indicator_id: string; value: number | null }>(sql`
    SELECT monitoring_id, indicator_id, value::float8 AS value FROM monitoring_values
    WHERE monitoring_id = ANY(${sql.param(monitoringIds)}::uuid[]) AND slice_kind = 'total'`);
}

/** Baseline and targets of every indicator of a set. */
export async function indicatorBaselines(db: Db, setId: string) {
  return db.query<{
    id: string;
    baseline_value: number | null;
    baseline_year: number | null;
    targets: { year: number; value: number }[];
  }>(sql`
    SELECT i.id, i.baseline_value::float8 AS baseline_value, i.baseline_year,
           COALESCE((SELECT jsonb_agg(jsonb_build_object('year', t.year, 'value', t.value::float8) ORDER BY t.year)
                     FROM indicator_targets t WHERE t.indicator_id = i.id), '[]'::jsonb) AS targets
    FROM indicators i WHERE i.set_id = ${setId}`);
}

export async function setFormulas(db: Db, setId: string) {
  return db.query<{ id: string; code: string; name: string; formula: Formula }>(
    sql`SELECT id, code, name, formula FROM indicators WHERE set_id = ${setId} ORDER BY position, code`,
  );
}

/** Those of these organizations the actor sees, with their short names. */
export async function visibleOrganizations(
  db: Db,
  actor: Actor,
  ids: string[],
): Promise<{ id: string; short_name: string }[]> {
  if (!ids.length) return [];
  return db.query<{ id: string; short_name: string }>(
    sql`SELECT o.id, o.short_name FROM organizations o
        WHERE o.id = ANY(${sql.param(ids)}::uuid[]) AND ${orgScope(actor)}`,
  );
}

/** The municipalities of a region (every one when no region). */
export async function regionMunicipalities(
  db: Db,
  regionId: string | null,
): Promise<{ id: string; name: string }[]> {
  return db.query<{ id: string; name: string }>(sql`
    SELECT mu.id, mu.name FROM municipalities mu
    WHERE ${regionId ? sql`mu.region_id = ${regionId}` : sql`true`} ORDER BY mu.name, mu.id`);
}
