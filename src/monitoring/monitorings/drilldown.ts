import type { SQL } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { orgScope } from '../../platform/auth/scope.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { writeTable } from '../../platform/files/write-table.ts';
import type { Formula } from '../engine/formula.ts';
import { computeMonitoring, findMonitoring } from './monitorings.service.ts';
import { type Part, partKind } from './snapshot.ts';

/**
 * Drill-down: a figure to the people (or organizations, vacancies, routes, trainings) it counted.
 * A closed monitoring reads its frozen member ids, so the list is the one the published figure was
 * computed from; an open one computes them now. Either way only organizations in the viewer's
 * scope are listed (a school head sees their own school's names under a municipal figure), and
 * every read is audited — these are personal data.
 */

export interface DrilldownQuery {
  indicatorId: string;
  part: Part;
  organizationId?: string | undefined;
}

export type DrilldownRow = {
  id: string;
  /** ФИО, or the organization's / vacancy's / program's name. */
  name: string;
  organizationId: string;
  organization: string;
  /** Должность, вид организации, предмет вакансии, статус маршрута, документ об обучении. */
  detail: string;
};

const PERSON_NAME = sql`trim(p.last_name || ' ' || p.first_name || ' ' || p.patronymic)`;

/** Resolves member ids of one kind to rows; `src` yields (organization_id, member_id). */
function resolve(kind: string, src: SQL, scope: SQL): SQL {
  const base = sql`FROM (${src}) mm JOIN organizations o ON o.id = mm.organization_id`;
  switch (kind) {
    case 'person':
      // The position the person held at that organization: the current one, else the latest.
      return sql`SELECT p.id, ${PERSON_NAME} AS name, o.id AS organization_id, o.short_name AS organization,
                   COALESCE((SELECT e.position FROM employments e WHERE e.person_id = p.id AND e.organization_id = o.id
                             ORDER BY (e.end_date IS NULL) DESC, e.start_date DESC NULLS LAST LIMIT 1), '') AS detail
                 ${base} JOIN people p ON p.id = mm.member_id WHERE ${scope} ORDER BY o.short_name, name, p.id`;
    case 'organization':
      return sql`SELECT o.id, o.full_name AS name, o.id AS organization_id, o.short_name AS organization,
                   COALESCE((SELECT mu.name FROM municipalities mu WHERE mu.id = o.municipality_id), '') AS detail
                 ${base} WHERE o.id = mm.member_id AND ${scope} ORDER BY o.full_name, o.id`;
    case 'vacancy':
      return sql`SELECT v.id, v.position AS name, o.id AS organization_id, o.short_name AS organization,
                   COALESCE(v.subject, '') AS detail
                 ${base} JOIN vacancies v ON v.id = mm.member_id WHERE ${scope} ORDER BY o.short_name, v.position, v.id`;
    case 'route':
      return sql`SELECT r.id, ${PERSON_NAME} AS name, o.id AS organization_id, o.short_name AS organization,
                   r.title AS detail
                 ${base} JOIN learning_routes r ON r.id = mm.member_id JOIN people p ON p.id = r.person_id
                 WHERE ${scope} ORDER BY o.short_name, name, r.id`;
    case 'training':
      return sql`SELECT tr.id, ${PERSON_NAME} AS name, o.id AS organization_id, o.short_name AS organization,
                   tr.program_name AS detail
                 ${base} JOIN trainings tr ON tr.id = mm.member_id JOIN people p ON p.id = tr.person_id
                 WHERE ${scope} ORDER BY o.short_name, name, tr.id`;
    default:
      throw invalid('По этой части показателя нет списка: это сумма, а не подсчёт людей или организаций.');
  }
}

const KIND_LABELS: Record<string, { name: string; detail: string }> = {
  person: { name: 'ФИО', detail: 'Должность' },
  organization: { name: 'Организация', detail: 'Территория' },
  vacancy: { name: 'Вакансия', detail: 'Предмет' },
  route: { name: 'ФИО', detail: 'Маршрут' },
  training: { name: 'ФИО', detail: 'Программа' },
};

/** Rows a drill-down shows on screen; the XLSX export has them all. */
export const DRILL_LIMIT = 5000;

export async function drilldown(
  db: Db,
  actor: Actor,
  monitoringId: string,
  q: DrilldownQuery,
  limit: number | null = DRILL_LIMIT,
) {
  const m = await findMonitoring(db, actor, monitoringId);
  const [ind] = await db.query<{ id: string; code: string; name: string; formula: Formula }>(
    sql`SELECT id, code, name, formula FROM indicators WHERE id = ${q.indicatorId} AND set_id = ${m.set_id}`,
  );
  if (!ind) throw notFound('Показатель не найден в наборе этого мониторинга.');
  if (q.organizationId) {
    const [org] = await db.query(
      sql`SELECT 1 FROM organizations o WHERE o.id = ${q.organizationId} AND ${orgScope(actor)}`,
    );
    if (!org) throw notFound('Организация не найдена или недоступна.');
  }
  const kind = partKind(ind.formula, q.part);
  if (!kind) throw invalid('По этой части показателя нет списка: это сумма или значение, введённое вручную.');
  let src: SQL;
  if (m.status === 'closed') {
    src = sql`SELECT x.organization_id, unnest(x.member_ids) AS member_id FROM monitoring_members x
              WHERE x.monitoring_id = ${m.id} AND x.indicator_id = ${ind.id} AND x.part = ${q.part}
              ${q.organizationId ? sql`AND x.organization_id = ${q.organizationId}` : sql``}`;
  } else {
    const live = await computeMonitoring(db, m, true, { indicatorId: ind.id, slices: [] });
    const map = live.indicators.find((i) => i.indicatorId === ind.id)?.members?.[q.part];
    const pairs = [...(map ?? new Map<string, string[]>())]
      .filter(([org]) => !q.organizationId || org === q.organizationId)
      .flatMap(([org, ids]) => ids.map((id) => ({ o: org, m: id })));
    src = sql`SELECT x.o AS organization_id, x.m AS member_id
              FROM jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) AS x(o uuid, m uuid)`;
  }
  const query = resolve(kind, src, orgScope(actor));
  const found = await db.query<{
    id: string;
    name: string;
    organization_id: string;
    organization: string;
    detail: string;
  }>(limit === null ? query : sql`${query} LIMIT ${limit + 1}`);
  const truncated = limit !== null && found.length > limit;
  const rows = truncated ? found.slice(0, limit) : found;
  await writeAudit(db, {
    actor,
    action: 'read',
    entity: 'monitoring_members',
    entityId: m.id,
    details: {
      indicatorId: ind.id,
      part: q.part,
      organizationId: q.organizationId ?? null,
      rows: rows.length,
    },
  });
  return {
    monitoringId: m.id,
    indicator: { id: ind.id, code: ind.code, name: ind.name },
    part: q.part,
    memberKind: kind,
    frozen: m.status === 'closed',
    columns: KIND_LABELS[kind]!,
    truncated,
    items: rows.map(
      (r): DrilldownRow => ({
        id: r.id,
        name: r.name,
        organizationId: r.organization_id,
        organization: r.organization,
        detail: r.detail,
      }),
    ),
  };
}

export async function exportDrilldown(db: Db, actor: Actor, monitoringId: string, q: DrilldownQuery) {
  const d = await drilldown(db, actor, monitoringId, q, null);
  const table = await writeTable({
    format: 'xlsx',
    sheetName: `Показатель ${d.indicator.code}`,
    columns: [
      { key: 'name', header: d.columns.name, type: 'text' },
      { key: 'organization', header: 'Организация', type: 'text' },
      { key: 'detail', header: d.columns.detail, type: 'text' },
    ],
    rows: d.items,
  });
  await writeAudit(db, {
    actor,
    action: 'export',
    entity: 'monitoring_members',
    entityId: monitoringId,
    details: { indicatorId: q.indicatorId, part: q.part, rows: d.items.length },
  });
  return {
    fileName: `monitoring-${d.indicator.code}-${q.part}.${table.extension}`,
    contentType: table.contentType,
    data: table.data,
  };
}
