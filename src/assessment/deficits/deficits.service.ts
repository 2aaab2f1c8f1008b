import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { writeTable } from '../../platform/files/write-table.ts';
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
