import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requireRole } from '../../platform/auth/scope.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { ASSESSMENT_EDITORS, canEditOwned } from '../owner-scope.ts';
import {
  type CompetencyDb,
  competencyCodeTaken,
  deleteCompetency,
  deleteGroup,
  type FrameworkDb,
  findCompetency,
  findFramework,
  findGroup,
  findSystemFrameworkByCode,
  type GroupDb,
  groupCodeTaken,
  groupCompetencyCodes,
  insertCompetency,
  insertFrameworkTree,
  insertGroup,
  instrumentsUsingCodes,
  listFrameworks,
  loadTrees,
  resultsCount,
  touchFramework,
  updateCompetency,
  updateFramework,
  updateGroup,
} from './frameworks.repository.ts';
import { FRAMEWORK_PRESETS } from './presets.ts';

export interface FrameworkView {
  id: string;
  code: string;
  name: string;
  description: string;
  audience: string;
  ownerLevel: FrameworkDb['owner_level'];
  regionId: string | null;
  municipalityId: string | null;
  deficitBelow: number;
  partialBelow: number;
  updatedAt: string;
  canEdit: boolean;
  groups: {
    id: string;
    code: string;
    name: string;
    position: number;
    competencies: { id: string; code: string; name: string; description: string; position: number }[];
  }[];
}

function present(actor: Actor, f: FrameworkDb, groups: GroupDb[], comps: CompetencyDb[]): FrameworkView {
  return {
    id: f.id,
    code: f.code,
    name: f.name,
    description: f.description,
    audience: f.audience,
    ownerLevel: f.owner_level,
    regionId: f.region_id,
    municipalityId: f.municipality_id,
    deficitBelow: f.deficit_below,
    partialBelow: f.partial_below,
    updatedAt: f.updated_at,
    canEdit: canEditOwned(actor, f),
    groups: groups
      .filter((g) => g.framework_id === f.id)
      .map((g) => ({
        id: g.id,
        code: g.code,
        name: g.name,
        position: g.position,
        competencies: comps
          .filter((c) => c.group_id === g.id)
          .map((c) => ({
            id: c.id,
            code: c.code,
            name: c.name,
            description: c.description,
            position: c.position,
          })),
      })),
  };
}

export async function listFrameworkViews(db: Db, actor: Actor): Promise<FrameworkView[]> {
  const rows = await listFrameworks(db, actor);
  const { groups, competencies } = await loadTrees(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((f) => present(actor, f, groups, competencies));
}

export async function getFrameworkView(db: Db, actor: Actor, id: string): Promise<FrameworkView> {
  const f = await findFramework(db, actor, id);
  if (!f) throw notFound('Карта компетенций не найдена или недоступна.');
  const { groups, competencies } = await loadTrees(db, [f.id]);
  return present(actor, f, groups, competencies);
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
    await tx.query(sql`SELECT pg_advisory_xact_lock(hashtext(${`framework-preset:${code}`}))`);
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
  requireRole(actor, ASSESSMENT_EDITORS);
  return ensureFrameworkPreset(db, actor, code);
}

/** The owner a copy made by the actor gets: the region operator's region, the methodist's municipality. */
async function ownerForCopy(
  db: Db,
  actor: Actor,
  body: { regionId?: string | undefined; municipalityId?: string | undefined },
): Promise<{ ownerLevel: 'region' | 'municipality'; regionId: string; municipalityId: string | null }> {
  const municipalityOf = async (id: string) => {
    const [m] = await db.query<{ region_id: string }>(
      sql`SELECT region_id FROM municipalities WHERE id = ${id}`,
    );
    if (!m)
      throw invalid('Муниципалитет не найден.', [
        { path: 'municipalityId', message: 'Нет такого муниципалитета' },
      ]);
    return m.region_id;
  };
  if (actor.role === 'region_admin') {
    if (!actor.regionId) throw forbidden();
    return { ownerLevel: 'region', regionId: actor.regionId, municipalityId: null };
  }
  if (actor.role === 'municipal_methodist') {
    if (!actor.municipalityId) throw forbidden();
    return {
      ownerLevel: 'municipality',
      regionId: await municipalityOf(actor.municipalityId),
      municipalityId: actor.municipalityId,
    };
  }
  if (body.municipalityId)
    return {
      ownerLevel: 'municipality',
      regionId: await municipalityOf(body.municipalityId),
      municipalityId: body.municipalityId,
    };
  if (body.regionId) {
    const [r] = await db.query(sql`SELECT 1 FROM regions WHERE id = ${body.regionId}`);
    if (!r) throw invalid('Регион не найден.', [{ path: 'regionId', message: 'Нет такого региона' }]);
    return { ownerLevel: 'region', regionId: body.regionId, municipalityId: null };
  }
  throw invalid('Укажите регион или муниципалитет, которому будет принадлежать копия.', [
    { path: 'regionId', message: 'Укажите регион или муниципалитет' },
  ]);
}

export async function copyFramework(
  db: Db,
  actor: Actor,
  id: string,
  body: { name?: string | undefined; regionId?: string | undefined; municipalityId?: string | undefined },
): Promise<string> {
  requireRole(actor, ASSESSMENT_EDITORS);
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
async function editable(db: Db, actor: Actor, id: string): Promise<FrameworkDb> {
  const f = await findFramework(db, actor, id);
  if (!f) throw notFound('Карта компетенций не найдена или недоступна.');
  if (!canEditOwned(actor, f))
    throw forbidden(
      f.owner_level === 'system'
        ? 'Типовую карту компетенций нельзя изменить: сделайте её копию.'
        : 'Недостаточно прав для изменения этой карты компетенций.',
    );
  return f;
}

/** Instruments refer to competencies by code: a code they use may be neither renamed nor deleted. */
async function assertCodesUnused(db: Db, frameworkId: string, codes: string[]): Promise<void> {
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

export async function editFramework(
  db: Db,
  actor: Actor,
  id: string,
  body: {
    name?: string | undefined;
    description?: string | undefined;
    deficitBelow?: number | undefined;
    partialBelow?: number | undefined;
  },
): Promise<void> {
  const f = await editable(db, actor, id);
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

export async function addGroup(
  db: Db,
  actor: Actor,
  id: string,
  body: { code: string; name: string; position?: number | undefined },
): Promise<void> {
  await editable(db, actor, id);
  await db.transaction(async (tx) => {
    if (await groupCodeTaken(tx, id, body.code, null))
      throw conflict(`Группа с кодом «${body.code}» уже есть в этой карте компетенций.`);
    const groupId = await insertGroup(tx, id, { ...body, position: body.position });
    await touchFramework(tx, id);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'competency_group',
      entityId: groupId,
      after: { frameworkId: id, ...body },
    });
  });
}

export async function editGroup(
  db: Db,
  actor: Actor,
  id: string,
  groupId: string,
  body: { code?: string | undefined; name?: string | undefined; position?: number | undefined },
): Promise<void> {
  await editable(db, actor, id);
  await db.transaction(async (tx) => {
    const g = await findGroup(tx, id, groupId);
    if (!g) throw notFound('Группа компетенций не найдена.');
    const before = { code: g.code, name: g.name, position: g.position };
    const after = {
      code: body.code ?? g.code,
      name: body.name ?? g.name,
      position: body.position ?? g.position,
    };
    if (after.code !== g.code && (await groupCodeTaken(tx, id, after.code, g.id)))
      throw conflict(`Группа с кодом «${after.code}» уже есть в этой карте компетенций.`);
    await updateGroup(tx, g.id, after);
    await touchFramework(tx, id);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'competency_group',
      entityId: g.id,
      before,
      after,
    });
  });
}

export async function removeGroup(db: Db, actor: Actor, id: string, groupId: string): Promise<void> {
  await editable(db, actor, id);
  await db.transaction(async (tx) => {
    const g = await findGroup(tx, id, groupId);
    if (!g) throw notFound('Группа компетенций не найдена.');
    if ((await resultsCount(tx, { groupId: g.id })) > 0)
      throw conflict('По компетенциям этой группы уже есть результаты диагностики: группу нельзя удалить.');
    await assertCodesUnused(tx, id, await groupCompetencyCodes(tx, g.id));
    await deleteGroup(tx, g.id);
    await touchFramework(tx, id);
    await writeAudit(tx, { actor, action: 'delete', entity: 'competency_group', entityId: g.id, before: g });
  });
}

export async function addCompetency(
  db: Db,
  actor: Actor,
  id: string,
  body: {
    groupId: string;
    code: string;
    name: string;
    description?: string | undefined;
    position?: number | undefined;
  },
): Promise<string> {
  await editable(db, actor, id);
  return db.transaction(async (tx) => {
    if (!(await findGroup(tx, id, body.groupId)))
      throw invalid('Группа не найдена в этой карте компетенций.', [
        { path: 'groupId', message: 'Нет такой группы' },
      ]);
    if (await competencyCodeTaken(tx, id, body.code, null))
      throw conflict(`Компетенция с кодом «${body.code}» уже есть в этой карте компетенций.`);
    const cid = await insertCompetency(tx, id, {
      ...body,
      description: body.description ?? '',
      position: body.position,
    });
    await touchFramework(tx, id);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'competency',
      entityId: cid,
      after: { frameworkId: id, ...body },
    });
    return cid;
  });
}

export async function editCompetency(
  db: Db,
  actor: Actor,
  id: string,
  competencyId: string,
  body: {
    groupId?: string | undefined;
    code?: string | undefined;
    name?: string | undefined;
    description?: string | undefined;
    position?: number | undefined;
  },
): Promise<void> {
  await editable(db, actor, id);
  await db.transaction(async (tx) => {
    const c = await findCompetency(tx, id, competencyId);
    if (!c) throw notFound('Компетенция не найдена.');
    const before = {
      groupId: c.group_id,
      code: c.code,
      name: c.name,
      description: c.description,
      position: c.position,
    };
    const after = {
      groupId: body.groupId ?? before.groupId,
      code: body.code ?? before.code,
      name: body.name ?? before.name,
      description: body.description ?? before.description,
      position: body.position ?? before.position,
    };
    if (after.groupId !== before.groupId && !(await findGroup(tx, id, after.groupId)))
      throw invalid('Группа не найдена в этой карте компетенций.', [
        { path: 'groupId', message: 'Нет такой группы' },
      ]);
    if (after.code !== before.code && (await competencyCodeTaken(tx, id, after.code, c.id)))
      throw conflict(`Компетенция с кодом «${after.code}» уже есть в этой карте компетенций.`);
    if (after.code !== before.code) await assertCodesUnused(tx, id, [before.code]);
    await updateCompetency(tx, c.id, after);
    await touchFramework(tx, id);
    await writeAudit(tx, { actor, action: 'update', entity: 'competency', entityId: c.id, before, after });
  });
}

export async function removeCompetency(
  db: Db,
  actor: Actor,
  id: string,
  competencyId: string,
): Promise<void> {
  await editable(db, actor, id);
  await db.transaction(async (tx) => {
    const c = await findCompetency(tx, id, competencyId);
    if (!c) throw notFound('Компетенция не найдена.');
    if ((await resultsCount(tx, { competencyId: c.id })) > 0)
      throw conflict('По этой компетенции уже есть результаты диагностики: её нельзя удалить.');
    await assertCodesUnused(tx, id, [c.code]);
    await deleteCompetency(tx, c.id);
    await touchFramework(tx, id);
    await writeAudit(tx, { actor, action: 'delete', entity: 'competency', entityId: c.id, before: c });
  });
}
