import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import { authorize, can } from '../monitoring.policy.ts';
import { presentIndicator, presentSet, setOwner } from './indicators.presenter.ts';
import {
  copySet as copySetRows,
  deleteSet as deleteSetRow,
  findVisibleSet,
  insertSet,
  listIndicators,
  listSchedule,
  listSets as listSetRows,
  regionOfMunicipality,
  type SetRow,
  setCodeTaken,
  setHasMonitorings,
  updateSet as updateSetRow,
} from './indicators.repository.ts';
import type { TSetCreate, TSetPatch } from './indicators.schemas.ts';

/**
 * Indicator sets as data (issue 4): list, card, create, copy, change, delete. Every call first
 * checks the actor reads sets (403); a set outside their territory is 404, a visible set of
 * another territory 403 on change. The indicators inside a set: indicators.service.ts.
 */

type Deps = { db: Db };

const requireReader = (actor: Actor) => authorize(can(actor, 'read', 'sets'));

/** A visible set or 404. */
export async function findSet(db: Db, actor: Actor, id: string): Promise<SetRow> {
  const set = await findVisibleSet(db, actor, id);
  if (!set) throw notFound('Набор показателей не найден.');
  return set;
}

/** A visible set the actor may edit: 404 when invisible, 403 when visible but not theirs. */
export async function findEditableSet(db: Db, actor: Actor, id: string): Promise<SetRow> {
  const set = await findSet(db, actor, id);
  authorize(
    can(actor, 'update', { set: setOwner(set) }),
    'Изменять этот набор показателей может только его владелец.',
  );
  return set;
}

/** The territory a new set of this actor belongs to. */
export async function ownerOf(
  db: Db,
  actor: Actor,
): Promise<{
  ownerLevel: 'region' | 'municipality' | 'system';
  regionId: string | null;
  municipalityId: string | null;
}> {
  if (actor.role === 'municipal_methodist' && actor.municipalityId) {
    return {
      ownerLevel: 'municipality',
      regionId: await regionOfMunicipality(db, actor.municipalityId),
      municipalityId: actor.municipalityId,
    };
  }
  if (actor.role === 'region_admin' && actor.regionId) {
    return { ownerLevel: 'region', regionId: actor.regionId, municipalityId: null };
  }
  if (actor.role === 'admin') return { ownerLevel: 'system', regionId: null, municipalityId: null };
  throw forbidden('Создавать наборы показателей могут методисты, региональный оператор и администратор.');
}

export async function listSets({ db }: Deps, actor: Actor) {
  requireReader(actor);
  const rows = await listSetRows(db, actor);
  return {
    items: rows.map((s) => ({
      ...presentSet(s),
      indicators: s.indicators,
      manualIndicators: s.manual,
      permissions: { edit: can(actor, 'update', { set: setOwner(s) }) },
    })),
  };
}

export async function getSet({ db }: Deps, actor: Actor, id: string) {
  requireReader(actor);
  const set = await findSet(db, actor, id);
  const indicators = await listIndicators(db, set.id);
  const schedule = await listSchedule(db, set.id);
  return {
    ...presentSet(set),
    indicators: indicators.map(presentIndicator),
    schedule,
    permissions: { edit: can(actor, 'update', { set: setOwner(set) }) },
  };
}

export async function createSet({ db }: Deps, actor: Actor, input: TSetCreate): Promise<string> {
  requireReader(actor);
  const owner = await ownerOf(db, actor);
  return db.transaction(async (tx) => {
    const id = await insertSet(tx, input, owner, actor.userId);
    if (!id) throw conflict(`Набор с кодом «${input.code}» уже есть на этой территории.`);
    await writeAudit(tx, { actor, action: 'create', entity: 'indicator_set', entityId: id, after: input });
    return id;
  });
}

/** Copies a visible set (indicators, targets, schedule) into the actor's territory. */
export async function copySet(
  { db }: Deps,
  actor: Actor,
  sourceId: string,
  input: { code: string; name: string },
): Promise<string> {
  requireReader(actor);
  const source = await findSet(db, actor, sourceId);
  const owner = await ownerOf(db, actor);
  return db.transaction(async (tx) => {
    const id = await copySetRows(tx, source, owner, input, actor.userId);
    if (!id) throw conflict(`Набор с кодом «${input.code}» уже есть на этой территории.`);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'indicator_set',
      entityId: id,
      details: { copiedFrom: source.id },
    });
    return id;
  });
}

export async function updateSet({ db }: Deps, actor: Actor, id: string, patch: TSetPatch) {
  requireReader(actor);
  const set = await findEditableSet(db, actor, id);
  await db.transaction(async (tx) => {
    if (patch.code && (await setCodeTaken(tx, set, patch.code))) {
      throw conflict(`Набор с кодом «${patch.code}» уже есть на этой территории.`);
    }
    await updateSetRow(tx, set.id, {
      code: patch.code ?? set.code,
      name: patch.name ?? set.name,
      description: patch.description ?? set.description,
    });
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'indicator_set',
      entityId: set.id,
      before: presentSet(set),
      after: patch,
    });
  });
  return presentSet(await findSet(db, actor, set.id));
}

/** Deletes a set no monitoring runs over (409 otherwise: it is to be copied). */
export async function deleteSet({ db }: Deps, actor: Actor, id: string): Promise<void> {
  requireReader(actor);
  const set = await findEditableSet(db, actor, id);
  await db.transaction(async (tx) => {
    if (await setHasMonitorings(tx, set.id))
      throw conflict('По этому набору проводится мониторинг: удалить его нельзя, его можно скопировать.');
    await deleteSetRow(tx, set.id);
    await writeAudit(tx, {
      actor,
      action: 'delete',
      entity: 'indicator_set',
      entityId: set.id,
      before: presentSet(set),
    });
  });
}
