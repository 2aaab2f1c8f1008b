import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import {
  competencyCodeTaken,
  deleteCompetency,
  deleteGroup,
  findCompetency,
  findGroup,
  groupCodeTaken,
  groupCompetencyCodes,
  insertCompetency,
  insertGroup,
  resultsCount,
  touchFramework,
  updateCompetency,
  updateGroup,
} from './frameworks.repository.ts';
import type { CompetencyBody, GroupBody } from './frameworks.schemas.ts';
import { assertCodesUnused, editableFramework } from './frameworks.service.ts';

/**
 * The tree of a framework: its groups and their competencies. Each change is checked against the
 * framework's keeper, keeps codes unique within the framework and touches its `updated_at`.
 */

export async function addGroup(db: Db, actor: Actor, id: string, body: GroupBody): Promise<void> {
  await editableFramework(db, actor, id);
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
  body: Partial<GroupBody>,
): Promise<void> {
  await editableFramework(db, actor, id);
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
  await editableFramework(db, actor, id);
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

export async function addCompetency(db: Db, actor: Actor, id: string, body: CompetencyBody): Promise<string> {
  await editableFramework(db, actor, id);
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
  body: Partial<CompetencyBody>,
): Promise<void> {
  await editableFramework(db, actor, id);
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
  await editableFramework(db, actor, id);
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
