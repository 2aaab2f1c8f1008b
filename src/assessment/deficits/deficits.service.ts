import { writeAudit } from '../../platform/audit/audit.repository.ts';
import { type Actor, ROLE_SCOPE } from '../../platform/auth/actor.ts';
import { cachedCompute, viewerKey } from '../../platform/cache/compute-cache.ts';
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
import {
  deficitPeople,
  findVisiblePerson,
  type HeatCellDb,
  heatmap,
  personCompetencies,
} from './deficits.repository.ts';
import {
  aggregatedHeat,
  hasDirtyHeat,
  heatOrgs,
  peopleHeat,
  refreshHeatCells,
  servedByAggregates,
  visibleOrganization,
  visibleTerritory,
} from './heat-cells.repository.ts';

function requireDeficitViewer(actor: Actor): void {
  if (!can(actor, 'view', 'deficits')) throw forbidden();
}

const EXPORT_ROW_CAP = 50_000;

const ROW_HEADERS: Record<HeatLevel, string> = {
  territory: 'Муниципалитет',
  organization: 'Организация',
  person: 'Педагог',
  subject: 'Предмет',
};
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

export interface HeatmapQuery {
  frameworkId: string;
  by: 'organization' | 'subject';
  /** A municipality: its organizations (or subjects) instead of the municipalities. */
  territoryId?: string | undefined;
  /** The same as territoryId (the parameter's earlier name). */
  municipalityId?: string | undefined;
  /** An organization: its people (or subjects) instead of the organizations. */
  organizationId?: string | undefined;
  sort?: 'name' | 'deficit' | 'assessed' | undefined;
  dir?: 'asc' | 'desc' | undefined;
  /** Sort by this competency's column (deficit share or assessed) instead of the row's total. */
  competencyId?: string | undefined;
}

export type HeatLevel = 'territory' | 'organization' | 'person' | 'subject';

/** Cells per page at most, whatever the page size asked: keeps an answer well under 200 KB. */
const PAGE_CELLS = 1_200;
const MAX_PAGE_SIZE = 100;

const byName = new Intl.Collator('ru', { numeric: true, sensitivity: 'base' });

/**
 * The whole heatmap at the level the scope and the drill-down ask for, sorted, not paginated:
 * a region (or the whole country) by municipality; a municipality (a methodist's scope, or one the
 * region picked) by organization; one organization by person; or by subject within any of them.
 * Organizations and municipalities are sums of the kept aggregates (refreshed for the scope's
 * out-of-date organizations first); a person's row and a curator's map are computed live.
 */
/**
 * The heatmap's rows at the viewer's level, kept while nothing it reads has changed (results,
 * employments, people, organizations and frameworks all move the engine's data version): a page,
 * a sort or a hundred viewers of one scope read one computation.
 */
async function heatmapRows(db: Db, actor: Actor, q: HeatmapQuery) {
  requireDeficitViewer(actor);
  const { frameworkId, territoryId, municipalityId, organizationId, by, sort, dir, competencyId } = q;
  const key = JSON.stringify([
    today(),
    ...viewerKey(actor),
    frameworkId,
    territoryId,
    municipalityId,
    organizationId,
    by,
    sort,
    dir,
    competencyId,
  ]);
  return cachedCompute(db, key, () => heatmapRowsNow(db, actor, q), 'heatmap');
}

async function heatmapRowsNow(db: Db, actor: Actor, q: HeatmapQuery) {
  const { framework, competencies, thresholds } = await thresholdsOf(db, actor, q.frameworkId);
  const territoryId = q.territoryId ?? q.municipalityId;
  const organization = q.organizationId ? await visibleOrganization(db, actor, q.organizationId) : null;
  if (q.organizationId && !organization) throw notFound('Организация не найдена.');
  const territory = territoryId
    ? await visibleTerritory(db, actor, territoryId)
    : organization
      ? { id: organization.municipality_id, name: organization.municipality }
      : null;
  if (territoryId && !territory) throw notFound('Муниципалитет не найден.');
  if (organization && territory && organization.municipality_id !== territory.id) {
    throw notFound('Организация не найдена в этом муниципалитете.');
  }
  const wide = ['all', 'region'].includes(ROLE_SCOPE[actor.role]);
  const level: HeatLevel =
    q.by === 'subject'
      ? 'subject'
      : organization
        ? 'person'
        : territory || !wide
          ? 'organization'
          : 'territory';

  let cells: HeatCellDb[];
  if (level === 'person') {
    cells = await peopleHeat(db, actor, framework.id, organization!.id, undefined, thresholds);
  } else if (!servedByAggregates(actor)) {
    // A curator's scope is people, not organizations: small, counted live.
    cells = await heatmap(
      db,
      actor,
      {
        frameworkId: framework.id,
        by: q.by,
        municipalityId: territory?.id,
        organizationId: organization?.id,
      },
      thresholds,
    );
  } else {
    const orgs = heatOrgs(actor, { territoryId: territory?.id, organizationId: organization?.id });
    if (await hasDirtyHeat(db, framework.id, orgs)) await refreshHeatCells(db, framework.id, orgs);
    cells = await aggregatedHeat(db, framework.id, orgs, level);
  }

  const rows = presentHeatmapRows(cells);
  const dir = q.dir === 'desc' ? -1 : 1;
  const keyOf = (r: (typeof rows)[number]): number => {
    const cs = q.competencyId ? r.cells.filter((c) => c.competencyId === q.competencyId) : r.cells;
    const assessed = cs.reduce((n, c) => n + c.assessed, 0);
    if (q.sort === 'assessed') return q.competencyId ? assessed : Math.max(0, ...cs.map((c) => c.assessed));
    return assessed ? cs.reduce((n, c) => n + c.deficit, 0) / assessed : -1;
  };
  if (q.sort === 'deficit' || q.sort === 'assessed') {
    const keys = new Map(rows.map((r) => [r.id, keyOf(r)]));
    rows.sort((a, b) => dir * (keys.get(a.id)! - keys.get(b.id)!) || byName.compare(a.name, b.name));
  } else {
    rows.sort((a, b) => dir * byName.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  }
  return {
    framework: presentFrameworkThresholds(framework, thresholds),
    by: q.by,
    level,
    territory: territory ? { id: territory.id, name: territory.name } : null,
    organization: organization ? { id: organization.id, name: organization.name } : null,
    competencies: competencies.map((c) => ({ id: c.id, code: c.code, name: c.name })),
    rows,
  };
}

/** One page of the heatmap (rows sorted on the server), with the total number of rows. */
export async function deficitHeatmap(
  db: Db,
  actor: Actor,
  q: HeatmapQuery & { page?: number | undefined; pageSize?: number | undefined },
) {
  const map = await heatmapRows(db, actor, q);
  const fit = Math.max(5, Math.floor(PAGE_CELLS / Math.max(1, map.competencies.length)));
  const pageSize = Math.min(q.pageSize ?? 25, MAX_PAGE_SIZE, fit);
  const pages = Math.max(1, Math.ceil(map.rows.length / pageSize));
  const page = Math.min(Math.max(1, q.page ?? 1), pages);
  return {
    ...map,
    rows: map.rows.slice((page - 1) * pageSize, page * pageSize),
    page,
    pageSize,
    total: map.rows.length,
  };
}

/**
 * The heatmap as the page shows it — one row per organization (or subject), the share of
 * deficit per competency — and a long sheet with the counts behind every cell.
 */
export async function exportDeficitHeatmap(db: Db, actor: Actor, q: HeatmapQuery, format: 'xlsx' | 'csv') {
  const map = await heatmapRows(db, actor, q);
  const rowHeader = ROW_HEADERS[map.level];
  const titleBlock = await exportTitle(db, actor, {
    title: `Дефициты компетенций: ${map.framework.name}`,
    filter: {
      municipalityId: map.territory?.id ?? null,
      ...(map.organization ? { organizationId: map.organization.id } : {}),
    },
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
