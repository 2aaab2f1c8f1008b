import { randomUUID } from 'node:crypto';
import { ORG_KINDS } from '../../directory/vocabulary.ts';
import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { exportTitle } from '../../platform/files/export-title.ts';
import { writeTable } from '../../platform/files/write-table.ts';
import { editsTemplates, readsTemplates } from '../expert-cards.policy.ts';
import { presets004 } from '../presets/preset-004.ts';
import { maxPoints } from '../scoring.ts';
import { prefillLabel } from './prefill-labels.ts';
import { checkTemplate } from './template-check.ts';
import {
  type DirectionDb,
  familyVersions,
  findTemplate,
  type ItemDb,
  insertTemplates,
  insertTrees,
  isUsed,
  listTemplates,
  loadedPresetCodes,
  loadTrees,
  lockPresets,
  municipalityRegion,
  publishVersion,
  regionExists,
  replaceTree,
  type TemplateDb,
  type TemplateRow,
  type TreeDirection,
  updateTemplateFields,
} from './templates.repository.ts';
import type { TemplateCopy, TemplateEdit } from './templates.schemas.ts';

/**
 * Templates of expert cards (issue 15, 1–2): the three presets of 004 loaded once, copies owned by
 * a territory, edits and publication.
 *
 * Versioning: a version a campaign uses (`expert_campaign_templates`, or a card) is never changed —
 * an edit of it always makes the family's next version (a draft) and changes that, so a campaign
 * keeps the version it started with. An unused version is edited in place. Publishing a version
 * archives the family's earlier published one. A preset is never edited: copy it.
 */

const NOT_FOUND = 'Шаблон экспертной карты не найден.';
export const STATUS_NAMES = { draft: 'Черновик', published: 'Опубликован', archived: 'В архиве' } as const;

/**
 * Loads the three presets of 004 as published templates (no territory, version 1), once: an
 * advisory lock serializes concurrent calls and the second finds them loaded. Set-based.
 */
export async function ensurePresetTemplates(db: Db): Promise<void> {
  const wanted = presets004.map((p) => p.code);
  const loaded = await loadedPresetCodes(db);
  if (wanted.every((c) => loaded.includes(c))) return;
  await db.transaction(async (tx) => {
    await lockPresets(tx);
    const present = await loadedPresetCodes(tx);
    const missing = presets004.filter((p) => !present.includes(p.code));
    if (missing.length === 0) return;
    const rows: TemplateRow[] = missing.map((p) => ({
      id: randomUUID(),
      family: randomUUID(),
      version: 1,
      orgKind: p.orgKind,
      title: p.title,
      presetCode: p.code,
      regionId: null,
      municipalityId: null,
      statedMax: p.statedMax,
      levels: p.levels,
      notes: p.notes,
      status: 'published',
      createdBy: null,
    }));
    await insertTemplates(tx, rows);
    await insertTrees(
      tx,
      missing.map((p, i) => ({
        templateId: rows[i]!.id,
        directions: p.directions.map((d) => ({
          title: d.title,
          statedMax: d.statedMax,
          items: d.items.map((it) => ({
            text: it.text,
            method: it.method,
            rule: it.rule,
            periodicity: it.periodicity,
            source: it.source,
            evidenceRequired: it.evidenceRequired,
            prefillSource: it.prefillSource ?? null,
            note: it.note ?? '',
          })),
        })),
      })),
    );
  });
}

type Tree = { directions: DirectionDb[]; items: ItemDb[] };

function directionsOf(t: TemplateDb, tree: Tree) {
  return tree.directions
    .filter((d) => d.template_id === t.id)
    .map((d) => ({ ...d, items: tree.items.filter((i) => i.direction_id === d.id) }));
}

function summary(t: TemplateDb, tree: Tree) {
  const dirs = directionsOf(t, tree);
  const check = checkTemplate({
    statedMax: t.stated_max,
    levels: t.levels,
    directions: dirs.map((d) => ({ title: d.title, statedMax: d.stated_max, items: d.items })),
  });
  const kind = ORG_KINDS[t.org_kind];
  return {
    check,
    dirs,
    view: {
      id: t.id,
      family: t.family,
      version: t.version,
      latestVersion: t.latest_version,
      orgKind: t.org_kind,
      orgKindShort: kind.short,
      orgKindLabel: kind.label,
      title: t.title,
      presetCode: t.preset_code,
      isPreset: t.region_id === null,
      ownerName: t.region_id === null ? 'Типовая карта (004)' : (t.owner_name ?? ''),
      status: t.status,
      statusName: STATUS_NAMES[t.status],
      itemsCount: dirs.reduce((n, d) => n + d.items.length, 0),
      itemsMax: check.itemsMax,
      statedMax: t.stated_max,
      differs: check.differs,
      campaigns: t.campaigns,
      canEdit: t.can_edit,
      updatedAt: t.updated_at,
    },
  };
}

function requireReader(actor: Actor): void {
  if (!readsTemplates(actor)) throw forbidden('Экспертные карты недоступны для вашей роли.');
}

export async function listTemplateViews(db: Db, actor: Actor, opts: { allVersions?: boolean } = {}) {
  requireReader(actor);
  await ensurePresetTemplates(db);
  const rows = await listTemplates(db, actor, opts.allVersions ?? false);
  const tree = await loadTrees(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => summary(r, tree).view), canCopy: editsTemplates(actor) };
}

export async function getTemplateView(db: Db, actor: Actor, id: string) {
  await ensurePresetTemplates(db);
  const t = await findTemplate(db, actor, id);
  if (!t) throw notFound(NOT_FOUND);
  const tree = await loadTrees(db, [t.id]);
  const { view, check, dirs } = summary(t, tree);
  const versions = await familyVersions(db, actor, t.family);
  return {
    ...view,
    levels: t.levels,
    notes: t.notes,
    directions: dirs.map((d, i) => ({
      id: d.id,
      position: d.position,
      title: d.title,
      statedMax: d.stated_max,
      itemsMax: check.directions[i]!.itemsMax,
      differs: check.directions[i]!.differs,
      items: d.items.map((it) => ({
        id: it.id,
        position: it.position,
        text: it.text,
        method: it.method,
        rule: it.rule,
        maxPoints: maxPoints(it.rule),
        periodicity: it.periodicity,
        source: it.source,
        evidenceRequired: it.evidence_required,
        prefillSource: it.prefill_source,
        prefillLabel: prefillLabel(it.prefill_source),
        note: it.note,
      })),
    })),
    check,
    versions: versions
      .sort((a, b) => a.version - b.version)
      .map((v) => ({
        id: v.id,
        version: v.version,
        status: v.status,
        statusName: STATUS_NAMES[v.status],
        campaigns: v.campaigns,
      })),
  };
}

/** The owner of a copy: the methodist's municipality, the region operator's region, the admin's choice. */
async function ownerForCopy(db: Db, actor: Actor, body: TemplateCopy) {
  const ofMunicipality = async (municipalityId: string) => {
    const regionId = await municipalityRegion(db, municipalityId);
    if (!regionId)
      throw invalid('Муниципалитет не найден.', [
        { path: 'municipalityId', message: 'Нет такого муниципалитета' },
      ]);
    return { regionId, municipalityId };
  };
  switch (actor.role) {
    case 'municipal_methodist':
      if (!actor.municipalityId) throw forbidden('У вашей учётной записи не указан муниципалитет.');
      return ofMunicipality(actor.municipalityId);
    case 'region_admin':
      if (!actor.regionId) throw forbidden('У вашей учётной записи не указан регион.');
      return { regionId: actor.regionId, municipalityId: null };
    case 'admin':
      if (body.municipalityId) return ofMunicipality(body.municipalityId);
      if (body.regionId) {
        if (!(await regionExists(db, body.regionId)))
          throw invalid('Регион не найден.', [{ path: 'regionId', message: 'Нет такого региона' }]);
        return { regionId: body.regionId, municipalityId: null };
      }
      throw invalid('Укажите регион или муниципалитет, которому будет принадлежать копия.', [
        { path: 'regionId', message: 'Укажите регион или муниципалитет' },
      ]);
    default:
      throw forbidden('Копии экспертных карт делают методисты, региональный оператор и администратор.');
  }
}

type CardView = Awaited<ReturnType<typeof getTemplateView>>;

function treeOf(card: Pick<CardView, 'directions'>): TreeDirection[] {
  return card.directions.map((d) => ({
    title: d.title,
    statedMax: d.statedMax,
    items: d.items.map((it) => ({
      text: it.text,
      method: it.method,
      rule: it.rule,
      periodicity: it.periodicity,
      source: it.source,
      evidenceRequired: it.evidenceRequired,
      prefillSource: it.prefillSource,
      note: it.note,
    })),
  }));
}

/** Copies a preset or a template into a new family (version 1, a draft) owned by the caller's territory. */
export async function copyTemplate(db: Db, actor: Actor, id: string, body: TemplateCopy): Promise<string> {
  const source = await getTemplateView(db, actor, id);
  if (!editsTemplates(actor))
    throw forbidden('Копии экспертных карт делают методисты, региональный оператор и администратор.');
  const owner = await ownerForCopy(db, actor, body);
  const newId = randomUUID();
  const title = body.title ?? `${source.title} — копия`;
  await db.transaction(async (tx) => {
    await insertTemplates(tx, [
      {
        id: newId,
        family: randomUUID(),
        version: 1,
        orgKind: source.orgKind,
        title,
        presetCode: source.presetCode,
        ...owner,
        statedMax: source.statedMax,
        levels: source.levels,
        notes: source.notes,
        status: 'draft',
        createdBy: actor.userId,
      },
    ]);
    await insertTrees(tx, [{ templateId: newId, directions: treeOf(source) }]);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'expert_card_template',
      entityId: newId,
      after: { copiedFrom: source.id, title, ...owner },
    });
  });
  return newId;
}

/** 404 when not visible, 403 for a preset or a copy the caller may not change. */
async function editable(db: Db, actor: Actor, id: string): Promise<TemplateDb> {
  const t = await findTemplate(db, actor, id);
  if (!t) throw notFound(NOT_FOUND);
  if (t.region_id === null)
    throw forbidden('Типовую экспертную карту 004 изменить нельзя: сделайте её копию и измените копию.');
  if (!t.can_edit)
    throw forbidden('Эту экспертную карту меняет её владелец (методист или региональный оператор).');
  return t;
}

function checkLevels(levels: TemplateEdit['levels']): void {
  const issues = [];
  const codes = levels.map((l) => l.code);
  if (new Set(codes).size !== codes.length)
    issues.push({ path: 'levels', message: 'Коды уровней повторяются' });
  const pct = levels.map((l) => l.minPercent);
  if (new Set(pct).size !== pct.length)
    issues.push({ path: 'levels', message: 'Пороги уровней повторяются' });
  if (!pct.includes(0)) issues.push({ path: 'levels', message: 'Нижний уровень должен начинаться с 0 %' });
  if (issues.length) throw invalid('Проверьте уровни эффективности.', issues);
}

/**
 * Edits a copy: title, stated maximum, levels, directions and items as a whole (add, rename,
 * reorder, remove). A used version makes the next version and edits that; returns its id.
 */
export async function editTemplate(
  db: Db,
  actor: Actor,
  id: string,
  body: TemplateEdit,
): Promise<{ id: string; newVersion: boolean }> {
  const t = await editable(db, actor, id);
  checkLevels(body.levels);
  const before = await getTemplateView(db, actor, id);
  const used = await isUsed(db, id);
  if (used && t.version !== t.latest_version)
    throw conflict(
      `Версия ${t.version} используется в кампании, а новее есть версия ${t.latest_version}: измените её.`,
    );
  const fields = { title: body.title, statedMax: body.statedMax, levels: body.levels, notes: body.notes };
  const directions: TreeDirection[] = body.directions.map((d) => ({
    title: d.title,
    statedMax: d.statedMax,
    items: d.items.map((it) => ({ ...it, prefillSource: it.prefillSource ?? null })),
  }));
  const targetId = used ? randomUUID() : id;
  await db.transaction(async (tx) => {
    if (used) {
      await insertTemplates(tx, [
        {
          id: targetId,
          family: t.family,
          version: t.version + 1,
          orgKind: t.org_kind,
          title: body.title,
          presetCode: t.preset_code,
          regionId: t.region_id,
          municipalityId: t.municipality_id,
          statedMax: body.statedMax,
          levels: body.levels,
          notes: body.notes,
          status: 'draft',
          createdBy: actor.userId,
        },
      ]);
      await insertTrees(tx, [{ templateId: targetId, directions }]);
    } else {
      await updateTemplateFields(tx, id, fields);
      await replaceTree(tx, id, directions);
    }
    await writeAudit(tx, {
      actor,
      action: used ? 'create' : 'update',
      entity: 'expert_card_template',
      entityId: targetId,
      before: {
        version: t.version,
        title: t.title,
        statedMax: t.stated_max,
        levels: t.levels,
        directions: treeOf(before),
      },
      after: { version: used ? t.version + 1 : t.version, ...fields, directions },
    });
  });
  return { id: targetId, newVersion: used };
}

/** Publishes a version (campaigns choose published ones); the family's earlier published version is archived. */
export async function publishTemplate(db: Db, actor: Actor, id: string): Promise<void> {
  const t = await editable(db, actor, id);
  if (t.status === 'published') throw conflict('Эта версия уже опубликована.');
  await db.transaction(async (tx) => {
    await publishVersion(tx, t);
    await writeAudit(tx, {
      actor,
      action: 'status',
      entity: 'expert_card_template',
      entityId: id,
      details: { from: STATUS_NAMES[t.status], to: STATUS_NAMES.published },
    });
  });
}

/** The template as XLSX: one row per item, as the document prints it, with the maxima both ways. */
export async function exportTemplate(db: Db, actor: Actor, id: string, asOf: string) {
  const t = await getTemplateView(db, actor, id);
  const rows = t.directions.flatMap((d) =>
    d.items.map((it) => ({
      direction: `${d.title} (сумма показателей ${d.itemsMax}, в документе ${d.statedMax ?? '—'})`,
      position: it.position,
      text: it.text,
      method: it.method,
      points: it.maxPoints,
      periodicity: it.periodicity,
      source: it.source,
      prefill: it.prefillLabel ?? '',
      note: it.note,
    })),
  );
  const table = await writeTable({
    format: 'xlsx',
    sheetName: 'Экспертная карта',
    titleBlock: await exportTitle(db, actor, {
      title: `${t.title}, версия ${t.version}: максимум по показателям ${t.itemsMax}, в документе ${t.statedMax ?? '—'}`,
      asOf,
    }),
    columns: [
      { key: 'direction', header: 'Направление оценки', width: 40 },
      { key: 'position', header: '№', format: 'integer', width: 5 },
      { key: 'text', header: 'Показатель', width: 60 },
      { key: 'method', header: 'Методика оценки', width: 30 },
      { key: 'points', header: 'Баллы (максимум)', format: 'integer', width: 10 },
      { key: 'periodicity', header: 'Периодичность', width: 14 },
      { key: 'source', header: 'Источник информации', width: 40 },
      { key: 'prefill', header: 'Заполняется из платформы', width: 30 },
      { key: 'note', header: 'Примечание', width: 30 },
    ],
    rows,
  });
  await writeAudit(db, {
    actor,
    action: 'export',
    entity: 'expert_card_template',
    entityId: id,
    details: { rows: rows.length, format: 'xlsx' },
  });
  return {
    fileName: `ekspertnaya-karta-${t.orgKindShort}-v${t.version}.${table.extension}`,
    contentType: table.contentType,
    data: table.data,
  };
}
