import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { type Formula, isDerived, type Population } from '../engine/formula.ts';
import { setVisibility } from '../monitoring.policy.ts';

/** Indicator sets and their indicators: SQL only. Reads are cut to the actor's visibility. */

export interface SetRow {
  id: string;
  code: string;
  name: string;
  description: string;
  source_document: string | null;
  preset_code: string | null;
  owner_level: 'system' | 'region' | 'municipality' | 'organization';
  region_id: string | null;
  municipality_id: string | null;
  territory_name: string;
}

export interface IndicatorRow {
  id: string;
  set_id: string;
  code: string;
  name: string;
  track: string;
  criterion: string;
  position: number;
  formula: Formula;
  population: Population;
  unit: string;
  direction: 'up' | 'down' | 'none';
  data_source: string;
  method: string;
  representativeness: string;
  periodicity: string;
  responsible: string;
  baseline_value: number | null;
  baseline_year: number | null;
  notes: string;
  targets: { year: number; value: number }[] | null;
}

const SET_SELECT = sql`
  SELECT s.id::text AS id, s.code, s.name, s.description, s.source_document, s.preset_code, s.owner_level,
         s.region_id::text AS region_id, s.municipality_id::text AS municipality_id,
         COALESCE(mu.name, r.name, 'Все территории') AS territory_name
  FROM indicator_sets s
  LEFT JOIN municipalities mu ON mu.id = s.municipality_id
  LEFT JOIN regions r ON r.id = s.region_id`;

export async function listSets(
  db: Db,
  actor: Actor,
): Promise<(SetRow & { indicators: number; manual: number })[]> {
  const rows = await db.query<SetRow>(sql`${SET_SELECT} WHERE ${setVisibility(actor, 's')}
    ORDER BY (s.municipality_id IS NULL), s.name, s.id`);
  if (!rows.length) return [];
  const formulas = await db.query<{ set_id: string; formula: Formula }>(
    sql`SELECT set_id::text AS set_id, formula FROM indicators WHERE set_id = ANY(${sql.param(rows.map((r) => r.id))}::uuid[])`,
  );
  return rows.map((s) => {
    const own = formulas.filter((f) => f.set_id === s.id);
    return { ...s, indicators: own.length, manual: own.filter((f) => !isDerived(f.formula)).length };
  });
}

/** A set if visible to the actor. */
export async function findVisibleSet(db: Db, actor: Actor, id: string): Promise<SetRow | undefined> {
  const [row] = await db.query<SetRow>(
    sql`${SET_SELECT} WHERE s.id = ${id} AND ${setVisibility(actor, 's')}`,
  );
  return row;
}

export interface ScheduleItemRow {
  id: string;
  track: string;
  what: string;
  timing: string;
  responsible: string;
  useOfResults: string;
  position: number;
}

/** The monitoring schedule of a set (000 table 3), in its order. */
export async function listSchedule(db: Db, setId: string): Promise<ScheduleItemRow[]> {
  return db.query<ScheduleItemRow>(sql`
    SELECT id::text AS id, track, what, timing, responsible, use_of_results AS "useOfResults", position
    FROM monitoring_schedule_items WHERE set_id = ${setId} ORDER BY position, id`);
}

export interface SetOwnerWrite {
  ownerLevel: string;
  regionId: string | null;
  municipalityId: string | null;
}

/** A new empty set; null when the territory already has a set with this code. */
export async function insertSet(
  db: Db,
  input: { code: string; name: string; description: string },
  owner: SetOwnerWrite,
  userId: string | null,
): Promise<string | null> {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO indicator_sets (code, name, description, owner_level, region_id, municipality_id, created_by)
    VALUES (${input.code}, ${input.name}, ${input.description}, ${owner.ownerLevel}, ${owner.regionId},
            ${owner.municipalityId}, ${userId})
    ON CONFLICT DO NOTHING RETURNING id::text AS id`);
  return row?.id ?? null;
}

/** Whether another set of the same territory already has this code. */
export async function setCodeTaken(db: Db, set: SetRow, code: string): Promise<boolean> {
  const rows = await db.query(sql`SELECT 1 FROM indicator_sets WHERE code = ${code} AND id <> ${set.id}
    AND region_id IS NOT DISTINCT FROM ${set.region_id}::uuid AND municipality_id IS NOT DISTINCT FROM ${set.municipality_id}::uuid`);
  return rows.length > 0;
}

export async function updateSet(
  db: Db,
  id: string,
  w: { code: string; name: string; description: string },
): Promise<void> {
  await db.query(sql`UPDATE indicator_sets SET code = ${w.code}, name = ${w.name},
    description = ${w.description}, updated_at = now() WHERE id = ${id}`);
}

/** Whether a monitoring runs over the set. */
export async function setHasMonitorings(db: Db, setId: string): Promise<boolean> {
  const rows = await db.query(sql`SELECT 1 FROM monitorings WHERE set_id = ${setId} LIMIT 1`);
  return rows.length > 0;
}

export async function deleteSet(db: Db, setId: string): Promise<void> {
  await db.query(sql`DELETE FROM indicator_sets WHERE id = ${setId}`);
}

/** Whether a closed monitoring froze values of the indicator. */
export async function indicatorHasFrozenValues(db: Db, indicatorId: string): Promise<boolean> {
  const rows = await db.query(
    sql`SELECT 1 FROM monitoring_values WHERE indicator_id = ${indicatorId} LIMIT 1`,
  );
  return rows.length > 0;
}

export async function deleteIndicator(db: Db, indicatorId: string): Promise<void> {
  await db.query(sql`DELETE FROM indicators WHERE id = ${indicatorId}`);
}

const IND_SELECT = sql`
  SELECT i.id::text AS id, i.set_id::text AS set_id, i.code, i.name, i.track, i.criterion, i.position, i.formula,
         i.population, i.unit, i.direction, i.data_source, i.method, i.representativeness, i.periodicity,
         i.responsible, i.baseline_value, i.baseline_year, i.notes,
         (SELECT json_agg(json_build_object('year', t.year, 'value', t.value) ORDER BY t.year)
          FROM indicator_targets t WHERE t.indicator_id = i.id) AS targets
  FROM indicators i`;

export async function listIndicators(db: Db, setId: string): Promise<IndicatorRow[]> {
  return db.query<IndicatorRow>(
    sql`${IND_SELECT} WHERE i.set_id = ${setId} ORDER BY i.position, i.code, i.id`,
  );
}

export async function findIndicator(db: Db, id: string): Promise<IndicatorRow | undefined> {
  const [row] = await db.query<IndicatorRow>(sql`${IND_SELECT} WHERE i.id = ${id}`);
  return row;
}

export interface IndicatorWrite {
  code: string;
  name: string;
  track: string;
  criterion: string;
  position: number;
  formula: unknown;
  population: unknown;
  unit: string;
  direction: 'up' | 'down' | 'none';
  dataSource: string;
  method: string;
  representativeness: string;
  periodicity: string;
  responsible: string;
  baselineValue: number | null;
  baselineYear: number | null;
  notes: string;
}

export async function insertIndicator(db: Db, setId: string, w: IndicatorWrite): Promise<string | null> {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO indicators (set_id, code, name, track, criterion, position, formula, population, unit, direction,
                            data_source, method, representativeness, periodicity, responsible, baseline_value,
                            baseline_year, notes)
    VALUES (${setId}, ${w.code}, ${w.name}, ${w.track}, ${w.criterion}, ${w.position}, ${JSON.stringify(w.formula)}::jsonb,
            ${JSON.stringify(w.population ?? {})}::jsonb, ${w.unit}, ${w.direction}, ${w.dataSource}, ${w.method},
            ${w.representativeness}, ${w.periodicity}, ${w.responsible}, ${w.baselineValue}, ${w.baselineYear}, ${w.notes})
    ON CONFLICT (set_id, code) DO NOTHING
    RETURNING id::text AS id`);
  return row?.id ?? null;
}

export async function updateIndicator(db: Db, id: string, w: IndicatorWrite): Promise<boolean> {
  const rows = await db.query(sql`
    UPDATE indicators SET code = ${w.code}, name = ${w.name}, track = ${w.track}, criterion = ${w.criterion},
      position = ${w.position}, formula = ${JSON.stringify(w.formula)}::jsonb, population = ${JSON.stringify(w.population ?? {})}::jsonb,
      unit = ${w.unit}, direction = ${w.direction}, data_source = ${w.dataSource}, method = ${w.method},
      representativeness = ${w.representativeness}, periodicity = ${w.periodicity}, responsible = ${w.responsible},
      baseline_value = ${w.baselineValue}, baseline_year = ${w.baselineYear}, notes = ${w.notes}, updated_at = now()
    WHERE id = ${id}
      AND NOT EXISTS (SELECT 1 FROM indicators o WHERE o.set_id = indicators.set_id AND o.code = ${w.code} AND o.id <> ${id})
    RETURNING id`);
  return rows.length > 0;
}

/** The indicator's targets become exactly these (one statement whatever their number). */
export async function replaceTargets(
  db: Db,
  id: string,
  targets: { year: number; value: number }[],
): Promise<void> {
  await db.query(sql`DELETE FROM indicator_targets WHERE indicator_id = ${id}`);
  if (!targets.length) return;
  await db.query(sql`
    INSERT INTO indicator_targets (indicator_id, year, value)
    SELECT ${id}::uuid, x.year, x.value
    FROM jsonb_to_recordset(${JSON.stringify(targets)}::jsonb) AS x(year int, value numeric)`);
}

/** Copies a set with its indicators, targets and schedule into the actor's territory. */
export async function copySet(
  db: Db,
  source: SetRow,
  owner: { ownerLevel: string; regionId: string | null; municipalityId: string | null },
  input: { code: string; name: string },
  userId: string | null,
): Promise<string | null> {
  const [set] = await db.query<{ id: string }>(sql`
    INSERT INTO indicator_sets (code, name, description, source_document, preset_code, owner_level, region_id,
                                municipality_id, created_by)
    SELECT ${input.code}, ${input.name}, s.description, s.source_document, s.preset_code, ${owner.ownerLevel}::owner_level,
           ${owner.regionId}::uuid, ${owner.municipalityId}::uuid, ${userId}::uuid
    FROM indicator_sets s WHERE s.id = ${source.id}
    ON CONFLICT DO NOTHING
    RETURNING id::text AS id`);
  if (!set) return null;
  await db.query(sql`
    WITH src AS (SELECT * FROM indicators WHERE set_id = ${source.id}),
    ins AS (
      INSERT INTO indicators (set_id, code, name, track, criterion, position, formula, population, unit, direction,
                              data_source, method, representativeness, periodicity, responsible, baseline_value,
                              baseline_year, notes)
      SELECT ${set.id}::uuid, code, name, track, criterion, position, formula, population, unit, direction, data_source,
             method, representativeness, periodicity, responsible, baseline_value, baseline_year, notes
      FROM src RETURNING id, code)
    INSERT INTO indicator_targets (indicator_id, year, value)
    SELECT ins.id, t.year, t.value FROM ins JOIN src ON src.code = ins.code JOIN indicator_targets t ON t.indicator_id = src.id`);
  await db.query(sql`
    INSERT INTO monitoring_schedule_items (set_id, track, what, timing, responsible, use_of_results, position)
    SELECT ${set.id}::uuid, track, what, timing, responsible, use_of_results, position
    FROM monitoring_schedule_items WHERE set_id = ${source.id}`);
  return set.id;
}

/** The region a municipality belongs to. */
export async function regionOfMunicipality(db: Db, municipalityId: string): Promise<string | null> {
  const [m] = await db.query<{ region_id: string }>(
    sql`SELECT region_id::text AS region_id FROM municipalities WHERE id = ${municipalityId}`,
  );
  return m?.region_id ?? null;
}

/**
 * How many organizations, kinds and municipalities a compute's scope holds: the engine gives every
 * organization of the scope a line in the organization slice (and groups them by kind and by
 * municipality), so these are its slices' lengths — counted without computing them.
 */
export async function scopeSliceCounts(
  db: Db,
  scope: (o: string) => SQL,
): Promise<{ organizations: number; kinds: number; territories: number }> {
  const [r] = await db.query<{ organizations: number; kinds: number; territories: number }>(sql`
    SELECT count(*)::int AS organizations, count(DISTINCT o.kind)::int AS kinds,
           count(DISTINCT o.municipality_id)::int AS territories
    FROM organizations o JOIN municipalities m ON m.id = o.municipality_id
    WHERE ${scope('o')}`);
  return r ?? { organizations: 0, kinds: 0, territories: 0 };
}
