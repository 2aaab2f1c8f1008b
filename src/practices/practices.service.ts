import { canManageCommunity } from '../communities/communities.policy.ts';
import { findCommunity } from '../communities/communities.repository.ts';
import { writeAudit } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../platform/errors.ts';
import { emit } from '../platform/events/events.ts';
import { exportTitle } from '../platform/files/export-title.ts';
import { findStoredFileMeta } from '../platform/files/stored-files.repository.ts';
import { writeTable } from '../platform/files/write-table.ts';
import { today as todayInZone } from '../platform/time/today.ts';
import { moderatesByRole, writesMaterials } from './practices.policy.ts';
import { presentMaterial } from './practices.presenter.ts';
import {
  deleteMaterial,
  existingCompetencies,
  existingPeople,
  findMaterial,
  findRegistration,
  insertLink,
  insertMaterial,
  listMaterials,
  type MaterialDb,
  type MaterialWrite,
  materialLinks,
  recordUse,
  setAuthors,
  setCompetencies,
  setStatus,
  sitsOnCouncil,
  territoryOf,
  updateMaterial,
} from './practices.repository.ts';
import type { MaterialInput, PracticeQuery } from './practices.schemas.ts';
import { APPROBATION_LEVELS, PRACTICE_KINDS, PRACTICE_STATUSES } from './practices.vocabulary.ts';

/** The bank of practices and materials: create, edit, submit, moderate, find, use, link. */

export type Deps = { db: Db; today?: () => string };

const NOT_FOUND = 'Материал не найден.';

async function visible(db: Db, actor: Actor, id: string): Promise<MaterialDb> {
  const m = await findMaterial(db, actor, id);
  if (!m) throw notFound(NOT_FOUND);
  return m;
}

function requireEditable(m: MaterialDb): void {
  if (!m.can_edit) throw forbidden('Материал меняют его авторы и руководитель их организации.');
  if (m.status === 'on_moderation')
    throw conflict('Материал на модерации: дождитесь решения методического совета.');
  if (m.status === 'published') throw conflict('Опубликованный материал не меняется.');
}

const snapshot = (m: MaterialDb) => ({
  title: m.title,
  kind: m.kind,
  topic: m.topic,
  subjects: m.subjects,
  approbationLevel: m.approbation_level,
  url: m.url,
  fileId: m.file_id,
  status: m.status,
  authors: m.authors.map((a) => a.id),
  competencies: m.competencies.map((c) => c.id),
});

export async function listFor(deps: Deps, actor: Actor, q: PracticeQuery) {
  const rows = await listMaterials(deps.db, actor, q);
  return {
    items: rows.map(presentMaterial),
    total: rows.length,
    canCreate: writesMaterials(actor),
    canModerate: moderatesByRole(actor) || (await sitsOnCouncil(deps.db, actor)),
  };
}

/** The card; a view by someone other than its authors counts as a use. */
export async function getMaterial(deps: Deps, actor: Actor, id: string, opts: { countView?: boolean } = {}) {
  const m = await visible(deps.db, actor, id);
  if (opts.countView && m.status === 'published' && !m.can_edit) {
    await recordUse(deps.db, id, 'view', actor.userId);
    m.views++;
  }
  return { ...presentMaterial(m), links: await cardLinks(deps.db, actor, id) };
}

async function cardLinks(db: Db, actor: Actor, id: string) {
  const l = await materialLinks(db, actor, id);
  return {
    routeItems: l.routeItems,
    events: l.events.map((e) => ({ id: e.id, eventId: e.event_id, title: e.title, presenter: e.presenter })),
    communities: l.communities.map((c) => ({ id: c.id, communityId: c.community_id, name: c.name })),
  };
}

async function checkedWrite(
  db: Db,
  actor: Actor,
  input: MaterialInput,
): Promise<MaterialWrite & { authors: string[] }> {
  const authors = [
    ...new Set(input.authorIds.length ? input.authorIds : actor.personId ? [actor.personId] : []),
  ];
  const found = await existingPeople(db, authors);
  const missing = authors.filter((a) => !found.includes(a));
  if (missing.length)
    throw invalid('Проверьте авторов.', [{ path: 'authorIds', message: 'Автор не найден в реестре' }]);
  const comps = [...new Set(input.competencyIds)];
  const foundComps = await existingCompetencies(db, comps);
  if (foundComps.length !== comps.length)
    throw invalid('Проверьте компетенции.', [{ path: 'competencyIds', message: 'Компетенция не найдена' }]);
  if (input.fileId) {
    const meta = await findStoredFileMeta(db, input.fileId);
    if (!meta || meta.uploaded_by !== actor.userId)
      throw invalid('Проверьте файл.', [{ path: 'fileId', message: 'Файл не найден: загрузите его снова' }]);
  }
  return {
    kind: input.kind,
    title: input.title,
    description: input.description,
    topic: input.topic,
    subjects: [...new Set(input.subjects)],
    url: input.url ?? null,
    fileId: input.fileId ?? null,
    approbationLevel: input.approbationLevel,
    authors,
  };
}

export async function createMaterial(deps: Deps, actor: Actor, input: MaterialInput): Promise<string> {
  const { db } = deps;
  if (!writesMaterials(actor))
    throw forbidden('Материалы в банк практик добавляют педагоги, руководители организаций и методисты.');
  const place = await territoryOf(db, {
    organizationId:
      actor.role === 'org_head' ? actor.organizationId : (input.organizationId ?? actor.organizationId),
    municipalityId: actor.municipalityId,
    regionId: actor.regionId,
    personId: actor.personId,
  });
  if (!place)
    throw invalid('Не удалось определить организацию материала: укажите её.', [
      { path: 'organizationId', message: 'Укажите организацию' },
    ]);
  if (actor.role === 'municipal_methodist' && place.municipality_id !== actor.municipalityId)
    throw forbidden('Методист добавляет материалы организаций своего муниципалитета.');
  const w = await checkedWrite(db, actor, input);
  return db.transaction(async (tx) => {
    const id = await insertMaterial(tx, {
      ...w,
      regionId: place.region_id,
      municipalityId: place.municipality_id,
      organizationId: place.organization_id,
      createdBy: actor.userId,
    });
    await setAuthors(tx, id, w.authors);
    await setCompetencies(tx, id, input.competencyIds);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'practice_material',
      entityId: id,
      after: { ...w, competencies: input.competencyIds },
    });
    return id;
  });
}

export async function editMaterial(
  deps: Deps,
  actor: Actor,
  id: string,
  input: MaterialInput,
): Promise<void> {
  const { db } = deps;
  const before = await visible(db, actor, id);
  requireEditable(before);
  const w = await checkedWrite(db, actor, {
    ...input,
    fileId: input.fileId === before.file_id ? null : input.fileId,
  });
  if (input.fileId && input.fileId === before.file_id) w.fileId = before.file_id;
  await db.transaction(async (tx) => {
    await updateMaterial(tx, id, w);
    await setAuthors(tx, id, w.authors);
    await setCompetencies(tx, id, input.competencyIds);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'practice_material',
      entityId: id,
      before: snapshot(before),
      after: { ...w, competencies: input.competencyIds },
    });
  });
}

export async function removeMaterial(deps: Deps, actor: Actor, id: string): Promise<void> {
  const { db } = deps;
  const m = await visible(db, actor, id);
  requireEditable(m);
  await db.transaction(async (tx) => {
    await deleteMaterial(tx, id);
    await writeAudit(tx, {
      actor,
      action: 'delete',
      entity: 'practice_material',
      entityId: id,
      before: snapshot(m),
    });
  });
}

/** Author or school head → on moderation; needs an author, a file or link, a competency or topic. */
export async function submitMaterial(deps: Deps, actor: Actor, id: string): Promise<void> {
  const { db } = deps;
  const m = await visible(db, actor, id);
  requireEditable(m);
  const issues = [];
  if (m.authors.length === 0) issues.push({ path: 'authorIds', message: 'Укажите хотя бы одного автора' });
  if (!m.url && !m.file_id) issues.push({ path: 'url', message: 'Приложите файл или дайте ссылку' });
  if (m.competencies.length === 0 && !m.topic)
    issues.push({ path: 'competencyIds', message: 'Укажите компетенции или тему' });
  if (issues.length) throw invalid('Материал не готов к модерации.', issues);
  await db.transaction(async (tx) => {
    await setStatus(tx, id, 'on_moderation', { userId: actor.userId });
    await writeAudit(tx, {
      actor,
      action: 'submit',
      entity: 'practice_material',
      entityId: id,
      details: { from: PRACTICE_STATUSES[m.status], to: PRACTICE_STATUSES.on_moderation },
    });
  });
}

async function moderate(deps: Deps, actor: Actor, id: string, to: 'published' | 'returned', reason?: string) {
  const { db } = deps;
  const m = await visible(db, actor, id);
  if (!m.can_moderate)
    throw forbidden('Материалы публикуют члены методического совета и методисты муниципальной службы.');
  if (m.status !== 'on_moderation') throw conflict('Материал не на модерации: решение по нему уже принято.');
  await db.transaction(async (tx) => {
    await setStatus(tx, id, to, { userId: actor.userId, reason: reason ?? null });
    await writeAudit(tx, {
      actor,
      action: to === 'published' ? 'publish_material' : 'return',
      entity: 'practice_material',
      entityId: id,
      details: {
        from: PRACTICE_STATUSES[m.status],
        to: PRACTICE_STATUSES[to],
        ...(reason ? { reason } : {}),
      },
    });
  });
  await emit('practices.material-moderated', { materialId: id }, { db, actor });
}

export const publishMaterial = (deps: Deps, actor: Actor, id: string) =>
  moderate(deps, actor, id, 'published');
export const returnMaterial = (deps: Deps, actor: Actor, id: string, reason: string) =>
  moderate(deps, actor, id, 'returned', reason);

/** A download or a link followed (the web tells; views count on the card). */
export async function useMaterial(deps: Deps, actor: Actor, id: string, kind: 'download' | 'link') {
  const m = await visible(deps.db, actor, id);
  if (m.status !== 'published') return;
  await recordUse(deps.db, id, kind, actor.userId);
}

/**
 * Attaches a published material (or the caller's own) to a presenter's registration — the
 * presenter themself — or to a community it is an association material of (who manages it decides
 * in the communities policy; here: a member of the community's territory who sees the material).
 */
export async function linkMaterial(
  deps: Deps,
  actor: Actor,
  id: string,
  target: { registrationId?: string | undefined; communityId?: string | undefined },
) {
  const { db } = deps;
  const m = await visible(db, actor, id);
  if (target.registrationId) {
    const r = await findRegistration(db, target.registrationId);
    if (!r || r.person_id !== actor.personId) throw notFound('Выступление не найдено.');
    if (r.role !== 'presenter') throw conflict('Материалы прикладывают к выступлению с ролью «выступающий».');
    if (!m.authors.some((a) => a.id === actor.personId))
      throw forbidden('К своему выступлению прикладывают материалы, где вы автор.');
  }
  if (target.communityId) {
    const c = await findCommunity(db, actor, target.communityId, new Date().getFullYear());
    if (!c) throw notFound('Сообщество не найдено.');
    if (!canManageCommunity(actor, c))
      throw forbidden('Материалы сообщества прикрепляет его руководитель или методист.');
    if (m.status !== 'published') throw conflict('К сообществу прикрепляют опубликованные материалы.');
  }
  return db.transaction(async (tx) => {
    const linkId = await insertLink(tx, { materialId: id, ...target, createdBy: actor.userId });
    await writeAudit(tx, {
      actor,
      action: 'link',
      entity: 'practice_material',
      entityId: id,
      details: { ...target },
    });
    return linkId;
  });
}

export async function exportMaterials(deps: Deps, actor: Actor, q: PracticeQuery) {
  const { db } = deps;
  const rows = await listMaterials(db, actor, q);
  const ru = (ts: string | null) => (ts ? ts.slice(0, 10).split('-').reverse().join('.') : '');
  const table = await writeTable({
    format: 'xlsx',
    sheetName: 'Банк практик',
    titleBlock: await exportTitle(db, actor, {
      title: 'Банк практик и методических материалов',
      asOf: (deps.today ?? todayInZone)(),
    }),
    columns: [
      { key: 'title', header: 'Название', width: 44 },
      { key: 'kind', header: 'Вид', width: 22 },
      { key: 'topic', header: 'Тема', width: 30 },
      { key: 'subjects', header: 'Предметы', width: 24 },
      { key: 'competencies', header: 'Компетенции', width: 40 },
      { key: 'level', header: 'Уровень апробации', width: 16 },
      { key: 'authors', header: 'Авторы', width: 34 },
      { key: 'organization', header: 'Организация', width: 30 },
      { key: 'status', header: 'Статус', width: 18 },
      { key: 'publishedAt', header: 'Опубликован', type: 'text', width: 12 },
      { key: 'views', header: 'Просмотров', format: 'integer', width: 12 },
      { key: 'downloads', header: 'Скачиваний и переходов', format: 'integer', width: 12 },
      {
        key: 'links',
        header: 'Использован (маршруты, мероприятия, сообщества)',
        format: 'integer',
        width: 14,
      },
      { key: 'url', header: 'Ссылка', width: 30 },
    ],
    rows: rows.map((m) => ({
      title: m.title,
      kind: PRACTICE_KINDS[m.kind],
      topic: m.topic,
      subjects: m.subjects.join(', '),
      competencies: m.competencies.map((c) => `${c.code} ${c.name}`).join('; '),
      level: APPROBATION_LEVELS[m.approbation_level],
      authors: m.authors.map((a) => a.name).join(', '),
      organization: m.organization_name ?? '',
      status: PRACTICE_STATUSES[m.status],
      publishedAt: ru(m.published_at),
      views: m.views,
      downloads: m.downloads,
      links: m.links,
      url: m.url ?? '',
    })),
  });
  await writeAudit(db, {
    actor,
    action: 'export',
    entity: 'practice_material',
    details: { total: rows.length, filters: q },
  });
  return {
    fileName: `bank-praktik-${(deps.today ?? todayInZone)()}.${table.extension}`,
    contentType: table.contentType,
    data: table.data,
  };
}
