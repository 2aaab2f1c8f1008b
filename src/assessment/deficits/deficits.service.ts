import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor, Role } from '../../platform/auth/actor.ts';
import { requireRole } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { writeTable } from '../../platform/files/write-table.ts';
import { frameworkForResults } from '../results/results.import.ts';
import { classify, type DeficitLevel, LEVEL_LABELS } from './classify.ts';
import { deficitPeople, findVisiblePerson, heatmap, personCompetencies } from './deficits.repository.ts';

/** Roles that see deficits of groups (heatmap, lists); a teacher sees only their own card. */
export const DEFICIT_VIEWERS: readonly Role[] = [
  'admin',
  'region_admin',
  'municipal_methodist',
  'municipal_head',
  'org_head',
  'curator',
];

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
    fullName: [person.last_name, person.first_name, person.patronymic].filter(Boolean).join(' '),
    framework: { id: framework.id, code: framework.code, name: framework.name, ...thresholds },
    competencies: rows.map((r) => ({
      competencyId: r.competency_id,
      code: r.code,
      name: r.name,
      groupCode: r.group_code,
      groupName: r.group_name,
      percent: r.percent === null ? null : Number(r.percent),
      level: r.percent === null ? null : classify(Number(r.percent), thresholds),
      assessedOn: r.assessed_on,
      source: r.source,
      procedure: r.procedure,
    })),
  };
}

interface HeatCell {
  competencyId: string;
  assessed: number;
  deficit: number;
  partial: number;
  /** Share of the assessed with a deficit, percent to one decimal. */
  deficitShare: number;
}

export async function deficitHeatmap(
  db: Db,
  actor: Actor,
  q: { frameworkId: string; by: 'organization' | 'subject'; municipalityId?: string | undefined },
) {
  requireRole(actor, DEFICIT_VIEWERS);
  const { framework, competencies, thresholds } = await thresholdsOf(db, actor, q.frameworkId);
  const cells = await heatmap(db, actor, { ...q, frameworkId: framework.id }, thresholds);
  const rows = new Map<string, { id: string; name: string; cells: HeatCell[] }>();
  for (const c of cells) {
    const row = rows.get(c.row_id) ?? { id: c.row_id, name: c.row_name, cells: [] };
    rows.set(c.row_id, row);
    row.cells.push({
      competencyId: c.competency_id,
      assessed: c.assessed,
      deficit: c.deficit,
      partial: c.partial,
      deficitShare: c.assessed ? Math.round((c.deficit * 1000) / c.assessed) / 10 : 0,
    });
  }
  return {
    framework: { id: framework.id, code: framework.code, name: framework.name, ...thresholds },
    by: q.by,
    competencies: competencies.map((c) => ({ id: c.id, code: c.code, name: c.name })),
    rows: [...rows.values()],
  };
}

export interface DeficitListQuery {
  frameworkId: string;
  competencyId: string;
  level: 'deficit' | 'partial';
  organizationId?: string | undefined;
}

async function listQuery(db: Db, actor: Actor, q: DeficitListQuery, cap: number) {
  requireRole(actor, DEFICIT_VIEWERS);
  const { framework, competencies, thresholds } = await thresholdsOf(db, actor, q.frameworkId);
  const competency = competencies.find((c) => c.id === q.competencyId);
  if (!competency) throw notFound('Компетенция не найдена в этой карте.');
  const rows = await deficitPeople(db, actor, { ...q, frameworkId: framework.id }, thresholds, cap);
  const people = rows.map((r) => ({
    personId: r.person_id,
    fullName: [r.last_name, r.first_name, r.patronymic].filter(Boolean).join(' '),
    organizationId: r.organization_id,
    organization: r.organization,
    percent: Number(r.percent),
    level: classify(Number(r.percent), thresholds) as DeficitLevel,
    assessedOn: r.assessed_on,
    source: r.source,
  }));
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

const ruDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

export async function exportDeficitPeople(db: Db, actor: Actor, q: DeficitListQuery, format: 'xlsx' | 'csv') {
  const { competency, people } = await listQuery(db, actor, q, EXPORT_ROW_CAP);
  const table = await writeTable({
    format,
    sheetName: q.level === 'deficit' ? 'Дефицит' : 'Частично',
    columns: [
      { key: 'fullName', header: 'ФИО', width: 36 },
      { key: 'organization', header: 'Организация', width: 40 },
      { key: 'competency', header: 'Компетенция', width: 14 },
      { key: 'percent', header: 'Процент', type: 'number', width: 10 },
      { key: 'level', header: 'Уровень', width: 22 },
      { key: 'assessedOn', header: 'Дата оценки', width: 13 },
      { key: 'source', header: 'Источник', width: 12 },
    ],
    rows: people.map((p) => ({
      fullName: p.fullName,
      organization: p.organization,
      competency: competency.code,
      percent: p.percent,
      level: LEVEL_LABELS[p.level],
      assessedOn: ruDate(p.assessedOn),
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
