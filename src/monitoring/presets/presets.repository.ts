import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import type { IndicatorPreset } from './index.ts';

/** Presets loaded as indicator sets: SQL only. */

export interface Territory {
  ownerLevel: string;
  regionId: string | null;
  municipalityId: string | null;
}

/** Sets loaded from presets into this territory: preset code → the first set's id. */
export async function loadedPresetSets(db: Db, owner: Territory): Promise<Map<string, string>> {
  const rows = await db.query<{ preset_code: string; id: string }>(sql`
    SELECT DISTINCT ON (preset_code) preset_code, id::text AS id FROM indicator_sets
    WHERE preset_code IS NOT NULL
      AND region_id IS NOT DISTINCT FROM ${owner.regionId}::uuid
      AND municipality_id IS NOT DISTINCT FROM ${owner.municipalityId}::uuid
    ORDER BY preset_code, created_at`);
  return new Map(rows.map((r) => [r.preset_code, r.id]));
}

/** A set of the territory loaded from the preset, or carrying its code. */
export async function findPresetSet(
  db: Db,
  code: string,
  owner: Territory,
): Promise<{ id: string; name: string } | undefined> {
  const [existing] = await db.query<{ id: string; name: string }>(sql`
    SELECT id::text AS id, name FROM indicator_sets
    WHERE (preset_code = ${code} OR code = ${code})
      AND region_id IS NOT DISTINCT FROM ${owner.regionId}::uuid
      AND municipality_id IS NOT DISTINCT FROM ${owner.municipalityId}::uuid
    LIMIT 1`);
  return existing;
}

/** The set a preset loads into; null when a concurrent load won the unique index. */
export async function insertPresetSet(
  db: Db,
  preset: IndicatorPreset,
  owner: Territory,
  userId: string | null,
): Promise<string | null> {
  const [set] = await db.query<{ id: string }>(sql`
    INSERT INTO indicator_sets (code, name, description, source_document, preset_code, owner_level, region_id,
                                municipality_id, created_by)
    VALUES (${preset.code}, ${preset.name}, ${preset.description}, ${preset.sourceDocument}, ${preset.code},
            ${owner.ownerLevel}, ${owner.regionId}, ${owner.municipalityId}, ${userId})
    ON CONFLICT DO NOTHING
    RETURNING id::text AS id`);
  return set?.id ?? null;
}

/** Indicators, targets and schedule of a preset into a set: three statements whatever the size. */
export async function insertPresetContent(db: Db, setId: string, preset: IndicatorPreset): Promise<void> {
  const indicators = preset.indicators.map((i, position) => ({
    code: i.code,
    name: i.name,
    track: i.track,
    criterion: i.criterion,
    position,
    formula: i.formula,
    population: i.population ?? {},
    unit: i.unit,
    direction: i.direction,
    data_source: i.dataSource,
    method: i.method,
    representativeness: i.representativeness,
    periodicity: i.periodicity,
    responsible: i.responsible,
    baseline_value: i.baselineValue ?? null,
    baseline_year: i.baselineYear ?? null,
    notes: i.notes ?? '',
  }));
  await db.query(sql`
    INSERT INTO indicators (set_id, code, name, track, criterion, position, formula, population, unit, direction,
                            data_source, method, representativeness, periodicity, responsible, baseline_value,
                            baseline_year, notes)
    SELECT ${setId}::uuid, x.code, x.name, x.track, x.criterion, x.position, x.formula, x.population, x.unit,
           x.direction::indicator_direction, x.data_source, x.method, x.representativeness, x.periodicity,
           x.responsible, x.baseline_value, x.baseline_year, x.notes
    FROM jsonb_to_recordset(${JSON.stringify(indicators)}::jsonb) AS x(
      code text, name text, track text, criterion text, position int, formula jsonb, population jsonb, unit text,
      direction text, data_source text, method text, representativeness text, periodicity text, responsible text,
      baseline_value numeric, baseline_year int, notes text)`);
  const targets = preset.indicators.flatMap((i) =>
    i.targets.map((t) => ({ code: i.code, year: t.year, value: t.value })),
  );
  if (targets.length) {
    await db.query(sql`
      INSERT INTO indicator_targets (indicator_id, year, value)
      SELECT i.id, x.year, x.value
      FROM jsonb_to_recordset(${JSON.stringify(targets)}::jsonb) AS x(code text, year int, value numeric)
      JOIN indicators i ON i.set_id = ${setId}::uuid AND i.code = x.code`);
  }
  const schedule = (preset.schedule ?? []).map((s, position) => ({ ...s, position }));
  if (schedule.length) {
    await db.query(sql`
      INSERT INTO monitoring_schedule_items (set_id, track, what, timing, responsible, use_of_results, position)
      SELECT ${setId}::uuid, x.track, x.what, x.timing, x.responsible, x."useOfResults", x.position
      FROM jsonb_to_recordset(${JSON.stringify(schedule)}::jsonb) AS x(
        track text, what text, timing text, responsible text, "useOfResults" text, position int)`);
  }
}
