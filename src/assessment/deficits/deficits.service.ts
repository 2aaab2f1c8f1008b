import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { exportTitle } from '../../platform/files/export-title.ts';
import { type TableColumn, writeTable } from '../../platform/files/write-table.ts';
import { today } from '../../platform/time/today.ts';
import { can } from '../assessment.policy.ts';
import { frameworkForResults } from '../results/results.import.ts';
import { LEVEL_LABELS } from './classify.ts';
import {
  presentDeficitPerson,
  presentFrameworkThresholds,
  presentHeatmapRows,
  presentPersonCompetency,
  presentPersonName,
} from './deficits.presenter.ts';
import { deficitPeople, findVisiblePerson, heatmap, personCompetencies } from './deficits.repository.ts';

function requireDeficitViewer(actor: Actor): void {
  if (!can(actor, 'view', 'deficits')) throw forbidden();
}

const EXPORT_ROW_CAP = 50_000;
const LIST_ROW_CAP = 5_000;

async function thresholdsOf(db: Db, actor: Actor, frameworkId: string) {
  const { framework, competencies } = await frameworkForResults(db, actor, frameworkId);
  const thresholds = {
    deficitBelow: Number(framework.deficit_below),
    partialBelow: Number(framework.partial_below),
  };
  return { framework, competencies, thresholds };
}

export async function personDeficits(db: Db, actor: Actor, personId: string, frameworkId: string) {
  const person = await findVisiblePerson(db, actor, personId);
  if (!person) throw notFound('Педагог не найден.');
  const { framework, thresholds } = await thresholdsOf(db, actor, frameworkId);
  const rows = await personCompetencies(db, framework.id, person.id);
  await writeAudit(db, {
    actor,
    action: 'read',
    entity: 'deficits',
    entityId: person.id,
    personId: person.id,
    details: { frameworkId: framework.id },
  });
  return {
    personId: person.id,
    fullName: presentPersonName(person),
    framework: presentFrameworkThresholds(framework, thresholds),
    competencies: rows.map((r) => presentPersonCompetency(r, thresholds)),
  };
}

export async function deficitHeatmap(
  db: Db,
  actor: Actor,
  q: { frameworkId: string; by: 'organization' | 'subject'; municipalityId?: string | undefined },
) {
  requireDeficitViewer(actor);
  const { framework, competencies, thresholds } = await thresholdsOf(db, actor, q.frameworkId);
  const cells = await heatmap(db, actor, { ...q, frameworkId: framework.id }, thresholds);
  return {
    framework: presentFrameworkThresholds(framework, thresholds),
    by: q.by,
    competencies: competencies.map((c) => ({ id: c.id, code: c.code, name: c.name })),
    rows: presentHeatmapRows(cells),
  };
}

type HeatmapQuery = Parameters<typeof deficitHeatmap>[2];

/**
 * The heatmap as the page shows it — one row per organization (or subject), the share of
 * deficit per competency — and a long sheet with the counts behind every cell.
 */
export async function exportDeficitHeatmap(db: Db, actor: Actor, q: HeatmapQuery, format: 'xlsx' | 'csv') {
  const map = await deficitHeatmap(db, actor, q);
  const rowHeader = q.by === 'subject' ? 'Предмет' : 'Организация';
  const titleBlock = await exportTitle(db, actor, {
    title: `Дефициты компетенций: ${map.framework.name}`,
    filter: { municipalityId: q.municipalityId ?? null },
    asOf: today(),
    state: { frozen: false },
  });
  // Both tones of the screen's cell: the share with a deficit and the share at the partial level.
  const shareColumns: TableColumn[] = map.competencies.flatMap((c): TableColumn[] => [
    { key: `${c.id}:deficit`, header: `${c.name} (${c.code}), доля дефицита`, format: 'percent', width: 14 },
    { key: `${c.id}:partial`, header: `${c.name} (${c.code}), доля частично`, format: 'percent', width: 14 },
  ]);
  const wide = map.rows.map((r) => ({
    name: r.name,
    ...Object.fromEntries(
      r.cells
        .filter((c) => c.assessed > 0)
        .flatMap((c) => [
          [`${c.competencyId}:deficit`, c.deficitShare],
          [`${c.competencyId}:partial`, c.partialShare],
        ]),
    ),
  }));
  const code = new Map(map.competencies.map((c) => [c.id, c]));
  const long = map.rows.flatMap((r) =>
    r.cells.map((c) => ({
      name: r.name,
      code: code.get(c.competencyId)?.code ?? '',
      competency: code.get(c.competencyId)?.name ?? '',
      assessed: c.assessed,
      deficit: c.deficit,
      partial: c.partial,
      share: c.assessed > 0 ? c.deficitShare : null,
      partialShare: c.assessed > 0 ? c.partialShare : null,
    })),
  );
  const table = await writeTable({
    format,
    sheetName: 'Тепловая карта',
    titleBlock,
    columns: [{ key: 'name', header: rowHeader, width: 40 }, ...shareColumns],
    rows: wide,
    extraSheets: [
      {
        sheetName: 'По ячейкам',
        titleBlock,
        columns: [
          { key: 'name', header: rowHeader, width: 40 },
          { key: 'code', header: 'Код', type: 'text', width: 10 },
          { key: 'competency', header: 'Компетенция', width: 40 },
          { key: 'assessed', header: 'Оценено', format: 'integer' },
          { key: 'deficit', header: 'Дефицит', format: 'integer' },
          { key: 'partial', header: 'Частично', format: 'integer' },
          { key: 'share', header: 'Доля дефицита', format: 'percent' },
          { key: 'partialShare', header: 'Доля частично', format: 'percent' },
        ],
        rows: long,
      },
    ],
  });
  await writeAudit(db, {
    actor,
    action: 'export',
    entity: 'deficit_heatmap',
    details: { ...q, format, rows: wide.length },
  });
  return {
    fileName: `deficits-heatmap-${map.framework.code}-${today()}.${table.extension}`,
    contentType: table.contentType,
    data: table.data,
  };
}

export interface DeficitListQuery {
  frameworkId: string;
  competencyId: string;
  level: 'deficit' | 'partial';
  organizationId?: string | undefined;
}

async function listQuery(db: Db, actor: Actor, q: DeficitListQuery, cap: number) {
  requireDeficitViewer(actor);
  const { framework, competencies, thresholds } = await thresholdsOf(db, actor, q.frameworkId);
  const competency = competencies.find((c) => c.id === q.competencyId);
  if (!competency) throw notFound('Компетенция не найдена в этой карте.');
  const rows = await deficitPeople(db, actor, { ...q, frameworkId: framework.id }, thresholds, cap);
  const people = rows.map((r) => presentDeficitPerson(r, thresholds));
  return { framework, competency, people };
}

export async function listDeficitPeople(db: Db, actor: Actor, q: DeficitListQuery) {
  const { competency, people } = await listQuery(db, actor, q, LIST_ROW_CAP);
  await writeAudit(db, {
    actor,
    action: 'read',
    entity: 'deficit_list',
    details: { ...q, rows: people.length },
  });
  return {
    competency: { id: competency.id, code: competency.code, name: competency.name },
    level: q.level,
    people,
  };
}

export async function exportDeficitPeople(db: Db, actor: Actor, q: DeficitListQuery, format: 'xlsx' | 'csv') {
  const { competency, people } = await listQuery(db, actor, q, EXPORT_ROW_CAP);
  const table = await writeTable({
    format,
    sheetName: q.level === 'deficit' ? 'Дефицит' : 'Частично',
    titleBlock: await exportTitle(db, actor, {
      title: `${q.level === 'deficit' ? 'Дефицит' : 'Частично сформирована'}: ${competency.code} ${competency.name}`,
      filter: { organizationId: q.organizationId ?? null },
      asOf: today(),
    }),
    columns: [
      { key: 'fullName', header: 'ФИО', width: 36 },
      { key: 'organization', header: 'Организация', width: 40 },
      { key: 'competency', header: 'Компетенция', width: 14 },
      { key: 'percent', header: 'Процент', format: 'decimal2', width: 10 },
      { key: 'level', header: 'Уровень', width: 22 },
      { key: 'assessedOn', header: 'Дата оценки', type: 'date', width: 13 },
      { key: 'source', header: 'Источник', width: 12 },
    ],
    rows: people.map((p) => ({
      fullName: p.fullName,
      organization: p.organization,
      competency: competency.code,
      percent: p.percent,
      level: LEVEL_LABELS[p.level],
      assessedOn: p.assessedOn,
      source: p.source === 'import' ? 'загрузка' : 'платформа',
    })),
  });
  await writeAudit(db, {
    actor,
    action: 'export',
    entity: 'deficit_list',
    details: { ...q, format, rows: people.length },
  });
  return {
    fileName: `deficits-${competency.code}-${q.level}.${table.extension}`,
    contentType: table.contentType,
    data: table.data,
  };
}
