import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import { ownerOf } from '../indicators/indicator-sets.service.ts';
import { authorize, can } from '../monitoring.policy.ts';
import { PRESETS, presetByCode, presetCounts } from './index.ts';
import {
  findPresetSet,
  insertPresetContent,
  insertPresetSet,
  loadedPresetSets,
} from './presets.repository.ts';

/** The presets as the «Загрузить пресет» list shows them, with where the actor's territory already has one. */
export async function listPresets(db: Db, actor: Actor) {
  authorize(can(actor, 'read', 'sets'));
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
  if (!can(actor, 'create', 'sets')) return new Map();
  return loadedPresetSets(db, await ownerOf(db, actor));
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
  authorize(can(actor, 'read', 'sets'));
  const preset = presetByCode(code);
  if (!preset) throw notFound(`Пресет «${code}» не найден.`);
  authorize(
    can(actor, 'create', 'sets'),
    'Загружать пресеты могут методисты муниципалитета, региональный оператор и администратор.',
  );
  const owner = await ownerOf(db, actor);
  if (ownerLevel && ownerLevel !== owner.ownerLevel) {
    throw forbidden(
      `Вы можете загрузить пресет только в свой ${LEVEL_WORD[owner.ownerLevel]}: уровень «${ownerLevel}» вам недоступен.`,
    );
  }
  return db.transaction(async (tx) => {
    const existing = await findPresetSet(tx, preset.code, owner);
    if (existing) {
      throw conflict(
        `Пресет «${preset.name}» уже загружен в эту территорию (набор «${existing.name}»): скопируйте его, чтобы завести ещё один набор.`,
        { setId: existing.id },
      );
    }
    const setId = await insertPresetSet(tx, preset, owner, actor.userId);
    // a concurrent load of the same preset won the unique index
    if (!setId) throw conflict(`Пресет «${preset.name}» уже загружен в эту территорию: скопируйте его.`);
    await insertPresetContent(tx, setId, preset);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'indicator_set',
      entityId: setId,
      after: { presetCode: preset.code, indicators: preset.indicators.length },
    });
    return setId;
  });
}
