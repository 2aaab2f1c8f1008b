import { sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import { ownerOf } from '../indicators/indicators.service.ts';
import { authorize, canCreateSets, canReadSets } from '../monitoring.policy.ts';
import { type IndicatorPreset, PRESETS, presetByCode, presetCounts } from './index.ts';

/** The presets as the «Загрузить пресет» list shows them, with where the actor's territory already has one. */
export async function listPresets(db: Db, actor: Actor) {
  authorize(canReadSets(actor));
  const loaded = await loadedInTerritory(db, actor);
  return PRESETS.map((p) => ({
    code: p.code,
    name: p.name,
    sourceDocument: p.sourceDocument,
    description: p.description,
    ...presetCounts(p),
    loadedSetId: loaded.get(p.code) ?? null,
  }));
}

/** Sets loaded from presets into the actor's own territory (the one a load would write to). */
async function loadedInTerritory(db: Db, actor: Actor): Promise<Map<string, string>> {
  if (!canCreateSets(actor)) return new Map();
  const owner = await ownerOf(db, actor);
  const rows = await db.query<{ preset_code: string; id: string }>(sql`
    SELECT DISTINCT ON (preset_code) preset_code, id::text AS id FROM indicator_sets
    WHERE preset_code IS NOT NULL
      AND region_id IS NOT DISTINCT FROM ${owner.regionId}::uuid
      AND municipality_id IS NOT DISTINCT FROM ${owner.municipalityId}::uuid
    ORDER BY preset_code, created_at`);
  return new Map(rows.map((r) => [r.preset_code, r.id]));
}

const LEVEL_WORD = { municipality: 'муниципалитет', region: 'регион', system: 'систему' } as const;

/**
 * Loads a preset into the actor's territory as a new indicator set (indicators, targets, schedule)
 * in one transaction. The territory is the actor's own: a methodist's municipality, a region
 * operator's region; asking for another level is refused. A second load of the same preset into
 * the same territory is a conflict: the set is to be copied, not loaded again.
 */
export async function loadPreset(
  db: Db,
  actor: Actor,
  code: string,
  ownerLevel?: 'municipality' | 'region',
): Promise<string> {
  authorize(canReadSets(actor));
  const preset = presetByCode(code);
  if (!preset) throw notFound(`Пресет «${code}» не найден.`);
  authorize(
    canCreateSets(actor),
    'Загружать пресеты могут методисты муниципалитета, региональный оператор и администратор.',
  );
  const owner = await ownerOf(db, actor);
  if (ownerLevel && ownerLevel !== owner.ownerLevel) {
    throw forbidden(
      `Вы можете загрузить пресет только в свой ${LEVEL_WORD[owner.ownerLevel]}: уровень «${ownerLevel}» вам недоступен.`,
    );
  }
  return db.transaction(async (tx) => {
    const [existing] = await tx.query<{ id: string; name: string }>(sql`
      SELECT id::text AS id, name FROM indicator_sets
      WHERE (preset_code = ${preset.code} OR code = ${preset.code})
        AND region_id IS NOT DISTINCT FROM ${owner.regionId}::uuid
        AND municipality_id IS NOT DISTINCT FROM ${owner.municipalityId}::uuid
      LIMIT 1`);
    if (existing) {
      throw conflict(
        `Пресет «${preset.name}» уже загружен в эту территорию (набор «${existing.name}»): скопируйте его, чтобы завести ещё один набор.`,
        { setId: existing.id },
      );
    }
    const [set] = await tx.query<{ id: string }>(sql`
      INSERT INTO indicator_sets (code, name, description, source_document, preset_code, owner_level, region_id,
                                  municipality_id, created_by)
      VALUES (${preset.code}, ${preset.name}, ${preset.description}, ${preset.sourceDocument}, ${preset.code},
              ${owner.ownerLevel}, ${owner.regionId}, ${owner.municipalityId}, ${actor.userId})
      ON CONFLICT DO NOTHING
      RETURNING id::text AS id`);
    // a concurrent load of the same preset won the unique index
    if (!set) throw conflict(`Пресет «${preset.name}» уже загружен в эту территорию: скопируйте его.`);
    await insertPresetContent(tx, set.id, preset);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'indicator_set',
      entityId: set.id,
      after: { presetCode: preset.code, indicators: preset.indicators.length },
    });
    return set.id;
  });
}

/** Indicators, targets and schedule of a preset into a set: three statements whatever the size. */
async function insertPresetContent(db: Db, setId: string, preset: IndicatorPreset): Promise<void> {
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
