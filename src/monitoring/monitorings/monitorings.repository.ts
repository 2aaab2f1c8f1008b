import type { SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { orgScope } from '../../platform/auth/scope.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import type { Formula } from '../engine/formula.ts';
import { setVisibility } from '../monitoring.policy.ts';

/** What monitoring campaigns read and write: SQL only. The frozen figures are `snapshot.ts`. */

export type OwnerLevel = 'system' | 'region' | 'municipality' | 'organization';

export interface MonitoringRow {
  id: string;
  set_id: string;
  set_name: string;
  name: string;
  owner_level: OwnerLevel;
  region_id: string | null;
  municipality_id: string | null;
  territory_name: string;
  period_start: string;
  period_end: string;
  as_of: string;
  target_year: number;
  schedule: string;
  responsible: string;
  status: 'open' | 'closed';
  created_at: string;
  closed_at: string | null;
}

/** Monitorings the actor may see (`m` = monitorings alias): they carry a set's territory columns. */
export function monitoringReadScope(actor: Actor, m = 'm'): SQL {
  return setVisibility(actor, m);
}

const SELECT = sql`
  SELECT m.id, m.set_id, s.name AS set_name, m.name, m.owner_level, m.region_id, m.municipality_id,
         COALESCE(mu.name, r.name, 'Все территории') AS territory_name,
         m.period_start, m.period_end, m.as_of, m.target_year, m.schedule, m.responsible, m.status,
         m.created_at, m.closed_at
  FROM monitorings m
  JOIN indicator_sets s ON s.id = m.set_id
  LEFT JOIN municipalities mu ON mu.id = m.municipality_id
  LEFT JOIN regions r ON r.id = m.region_id`;

export async function findMonitoringRow(
  db: Db,
  actor: Actor,
  id: string,
): Promise<MonitoringRow | undefined> {
  const [r] = await db.query<MonitoringRow>(
    sql`${SELECT} WHERE m.id = ${id} AND ${monitoringReadScope(actor)}`,
  );
  return r;
}

/** Visible monitorings (of one set when given), latest first. */
export async function listMonitoringRows(
  db: Db,
  actor: Actor,
  setId: string | undefined,
): Promise<MonitoringRow[]> {
  return db.query<MonitoringRow>(sql`${SELECT}
    WHERE ${monitoringReadScope(actor)} ${setId ? sql`AND m.set_id = ${setId}` : sql``}
    ORDER BY m.as_of DESC, m.created_at DESC, m.id`);
}

export interface SetOwnerRow {
  id: string;
  owner_level: OwnerLevel;
  region_id: string | null;
  municipality_id: string | null;
}

/** An indicator set the actor sees, with its owner's columns. */
export async function findVisibleSetOwner(
  db: Db,
  actor: Actor,
  setId: string,
): Promise<SetOwnerRow | undefined> {
  const [set] = await db.query<SetOwnerRow>(
    sql`SELECT s.id, s.owner_level, s.region_id, s.municipality_id FROM indicator_sets s
        WHERE s.id = ${setId} AND ${setVisibility(actor)}`,
  );
  return set;
}

/** The region of a municipality; null when there is no such municipality. */
export async function municipalityRegion(db: Db, municipalityId: string | null): Promise<string | null> {
  const [mu] = await db.query<{ region_id: string }>(
    sql`SELECT region_id FROM municipalities WHERE id = ${municipalityId}`,
  );
  return mu?.region_id ?? null;
}

export interface MonitoringWrite {
  setId: string;
  name: string;
  ownerLevel: OwnerLevel;
  regionId: string | null;
  municipalityId: string | null;
  periodStart: string;
  periodEnd: string;
  asOf: string;
  targetYear: number;
  schedule: string;
  responsible: string;
  createdBy: string | null;
}

export async function insertMonitoring(db: Db, w: MonitoringWrite): Promise<string> {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO monitorings (set_id, name, owner_level, region_id, municipality_id, period_start, period_end, as_of,
                             target_year, schedule, responsible, created_by)
    VALUES (${w.setId}, ${w.name}, ${w.ownerLevel}, ${w.regionId}, ${w.municipalityId}, ${w.periodStart},
            ${w.periodEnd}, ${w.asOf}, ${w.targetYear}, ${w.schedule}, ${w.responsible}, ${w.createdBy})
    RETURNING id`);
  return row!.id;
}

export interface IndicatorToCompute {
  id: string;
  code: string;
  name: string;
  formula: unknown;
  population: unknown;
}

/** A set's indicators in order (just one when `indicatorId` is given), as the engine computes them. */
export async function indicatorsToCompute(
  db: Db,
  setId: string,
  indicatorId?: string | undefined,
): Promise<IndicatorToCompute[]> {
  return db.query<IndicatorToCompute>(
    sql`SELECT id, code, name, formula, population FROM indicators
        WHERE set_id = ${setId} ${indicatorId ? sql`AND id = ${indicatorId}` : sql``}
        ORDER BY position, code`,
  );
}

export interface IndicatorMeta {
  id: string;
  name: string;
  unit: string;
  direction: 'up' | 'down' | 'none';
  formula: Formula;
  position: number;
  target: number | null;
}

/** Indicators with the year's target; for a closed monitoring, the target and direction frozen at closing. */
export async function indicatorMeta(
  db: Db,
  setId: string,
  year: number,
  frozenMonitoringId?: string,
): Promise<Map<string, IndicatorMeta>> {
  const rows = frozenMonitoringId
    ? await db.query<IndicatorMeta>(sql`
        SELECT i.id, i.name, i.unit, COALESCE(mv.direction, i.direction::text) AS direction, i.formula, i.position,
               mv.target::float8 AS target
        FROM indicators i
        LEFT JOIN monitoring_values mv ON mv.monitoring_id = ${frozenMonitoringId} AND mv.indicator_id = i.id
                                      AND mv.slice_kind = 'total'
        WHERE i.set_id = ${setId} ORDER BY i.position, i.code`)
    : await db.query<IndicatorMeta>(sql`
        SELECT i.id, i.name, i.unit, i.direction, i.formula, i.position,
               (SELECT t.value::float8 FROM indicator_targets t WHERE t.indicator_id = i.id AND t.year = ${year}) AS target
        FROM indicators i WHERE i.set_id = ${setId} ORDER BY i.position, i.code`);
  return new Map(rows.map((r) => [r.id, r]));
}

/** Which of these organizations the viewer sees. */
export async function visibleOrganizationIds(db: Db, viewer: Actor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ id: string }>(
    sql`SELECT o.id FROM organizations o WHERE o.id = ANY(${sql.param(ids)}::uuid[]) AND ${orgScope(viewer)}`,
  );
  return new Set(rows.map((r) => r.id));
}

/** How many organizations a territory has; `scope` is a condition on the alias `o`. */
export async function countOrganizations(db: Db, scope: SQL): Promise<number> {
  const [size] = await db.query<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM organizations o WHERE ${scope}`);
  return size?.n ?? 0;
}

/** A job of this kind for the monitoring still queued or running. */
export async function activeJobFor(
  db: Db,
  kind: string,
  monitoringId: string,
): Promise<{ id: string } | undefined> {
  const [running] = await db.query<{ id: string }>(sql`
    SELECT id FROM jobs WHERE kind = ${kind} AND status IN ('queued', 'running')
      AND params->>'monitoringId' = ${monitoringId}`);
  return running;
}

/** The formulas of a set's indicators, by id. */
export async function indicatorFormulas(db: Db, setId: string): Promise<Map<string, Formula>> {
  const rows = await db.query<{ id: string; formula: Formula }>(
    sql`SELECT id, formula FROM indicators WHERE set_id = ${setId}`,
  );
  return new Map(rows.map((r) => [r.id, r.formula]));
}

/** Marks an open monitoring closed; false when it was not open (closed by someone else meanwhile). */
export async function markClosed(db: Db, id: string, closedBy: string | null): Promise<boolean> {
  const closed = await db.query<{ id: string }>(sql`
    UPDATE monitorings SET status = 'closed', closed_at = now(), closed_by = ${closedBy}
    WHERE id = ${id} AND status = 'open' RETURNING id`);
  return closed.length > 0;
}
