import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { can, newRecordOwner } from '../assessment.policy.ts';
import { lockPreset, municipalityRegion, regionExists } from '../assessment.repository.ts';
import { presentFramework } from './frameworks.presenter.ts';
import {
  type FrameworkDb,
  findFramework,
  findSystemFrameworkByCode,
  insertFrameworkTree,
  instrumentsUsingCodes,
  listFrameworks,
  loadTrees,
  updateFramework,
} from './frameworks.repository.ts';
import type { FrameworkCopy, FrameworkEdit, FrameworkView } from './frameworks.schemas.ts';
import { FRAMEWORK_PRESETS } from './presets.ts';

export async function listFrameworkViews(db: Db, actor: Actor): Promise<FrameworkView[]> {
  const rows = await listFrameworks(db, actor);
  const { groups, competencies } = await loadTrees(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((f) => presentFramework(actor, f, groups, competencies));
}

export async function getFrameworkView(db: Db, actor: Actor, id: string): Promise<FrameworkView> {
  const f = await findFramework(db, actor, id);
  if (!f) throw notFound('Карта компетенций не найдена или недоступна.');
  const { groups, competencies } = await loadTrees(db, [f.id]);
  return presentFramework(actor, f, groups, competencies);
}

/** Loads a system preset once; a second call returns the framework already loaded. */
export async function ensureFrameworkPreset(
  db: Db,
  actor: Actor,
  code: string,
): Promise<{ id: string; created: boolean }> {
  const preset = FRAMEWORK_PRESETS[code];
  if (!preset) throw notFound(`Нет готовой карты компетенций с кодом «${code}».`);
  return db.transaction(async (tx) => {
    await lockPreset(tx, `framework-preset:${code}`);
    const existing = await findSystemFrameworkByCode(tx, code);
    if (existing) return { id: existing.id, created: false };
    const id = await insertFrameworkTree(tx, {
      ...preset,
      ownerLevel: 'system',
      regionId: null,
      municipalityId: null,
    });
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'competency_framework',
      entityId: id,
      after: { preset: code },
    });
    return { id, created: true };
  });
}

export async function loadFrameworkPreset(db: Db, actor: Actor, code: string) {
  if (!can(actor, 'create', 'framework')) throw forbidden();
  return ensureFrameworkPreset(db, actor, code);
}

/** The owner a copy made by the actor gets: the region operator's region, the methodist's municipality. */
async function ownerForCopy(
  db: Db,
  actor: Actor,
  body: FrameworkCopy,
): Promise<{ ownerLevel: 'region' | 'municipality'; regionId: string; municipalityId: string | null }> {
  const municipalityOf = async (id: string) => {
    const regionId = await municipalityRegion(db, id);
    if (!regionId)
      throw invalid('Муниципалитет не найден.', [
        { path: 'municipalityId', message: 'Нет такого муниципалитета' },
      ]);
    return regionId;
  };
  const owner = newRecordOwner(actor);
  if (!owner || owner.level === 'organization') throw forbidden();
  if (owner.level === 'region')
    return { ownerLevel: 'region', regionId: owner.regionId, municipalityId: null };
  if (owner.level === 'municipality') {
    return {
      ownerLevel: 'municipality',
      regionId: await municipalityOf(owner.municipalityId),
      municipalityId: owner.municipalityId,
    };
  }
  // The admin's copy belongs to the region or municipality they name.
  if (body.municipalityId)
    return {
      ownerLevel: 'municipality',
      regionId: await municipalityOf(body.municipalityId),
      municipalityId: body.municipalityId,
    };
  if (body.regionId) {
    if (!(await regionExists(db, body.regionId)))
      throw invalid('Регион не найден.', [{ path: 'regionId', message: 'Нет такого региона' }]);
    return { ownerLevel: 'region', regionId: body.regionId, municipalityId: null };
  }
  throw invalid('Укажите регион или муниципалитет, которому будет принадлежать копия.', [
    { path: 'regionId', message: 'Укажите регион или муниципалитет' },
  ]);
}

export async function copyFramework(db: Db, actor: Actor, id: string, body: FrameworkCopy): Promise<string> {
  if (!can(actor, 'create', 'framework')) throw forbidden();
  const source = await getFrameworkView(db, actor, id);
  const owner = await ownerForCopy(db, actor, body);
  return db.transaction(async (tx) => {
    const newId = await insertFrameworkTree(tx, {
      code: source.code,
      name: body.name ?? source.name,
      description: source.description,
      audience: source.audience,
      ...owner,
      deficitBelow: source.deficitBelow,
      partialBelow: source.partialBelow,
      groups: source.groups,
    });
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'competency_framework',
      entityId: newId,
      after: { copiedFrom: source.id, ...owner },
    });
    return newId;
  });
}

/** The framework if the actor may change it: 404 when not visible, 403 when read-only for them. */
export async function editableFramework(db: Db, actor: Actor, id: string): Promise<FrameworkDb> {
  const f = await findFramework(db, actor, id);
  if (!f) throw notFound('Карта компетенций не найдена или недоступна.');
  if (!can(actor, 'update', { framework: f }))
    throw forbidden(
      f.owner_level === 'system'
        ? 'Типовую карту компетенций нельзя изменить: сделайте её копию.'
        : 'Недостаточно прав для изменения этой карты компетенций.',
    );
  return f;
}

/** Instruments refer to competencies by code: a code they use may be neither renamed nor deleted. */
export async function assertCodesUnused(db: Db, frameworkId: string, codes: string[]): Promise<void> {
  const names = await instrumentsUsingCodes(db, frameworkId, codes);
  if (names.length)
    throw conflict(`Код компетенции используется в методиках: ${names.map((n) => `«${n}»`).join(', ')}.`);
}

function checkThresholds(deficitBelow: number, partialBelow: number): void {
  if (!(deficitBelow < partialBelow))
    throw invalid('Порог дефицита должен быть меньше порога частичного освоения.', [
      { path: 'deficitBelow', message: 'Должен быть меньше порога частичного освоения' },
    ]);
}

export async function editFramework(db: Db, actor: Actor, id: string, body: FrameworkEdit): Promise<void> {
  const f = await editableFramework(db, actor, id);
  const before = {
    name: f.name,
    description: f.description,
    deficitBelow: f.deficit_below,
    partialBelow: f.partial_below,
  };
  const after = {
    name: body.name ?? before.name,
    description: body.description ?? before.description,
    deficitBelow: body.deficitBelow ?? before.deficitBelow,
    partialBelow: body.partialBelow ?? before.partialBelow,
  };
  checkThresholds(after.deficitBelow, after.partialBelow);
  await db.transaction(async (tx) => {
    await updateFramework(tx, id, after);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'competency_framework',
      entityId: id,
      before,
      after,
    });
  });
}

/** The preset frameworks, each marked loaded when the system copy exists: the empty pages offer them. */
export async function listFrameworkPresets(db: Db, actor: Actor) {
  const items = [];
  for (const p of Object.values(FRAMEWORK_PRESETS)) {
    items.push({
      code: p.code,
      name: p.name,
      description: p.description,
      audience: p.audience,
      competencies: p.groups.reduce((n, g) => n + g.competencies.length, 0),
      loaded: (await findSystemFrameworkByCode(db, p.code)) !== null,
    });
  }
  return { items, canLoad: can(actor, 'create', 'framework') };
}
