import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { employmentScope, personScope } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db/database.ts';
import { naturalOrder } from '../../platform/db/natural-order.ts';

/**
 * The latest result of each person on each competency of a framework (by assessed_on, then id):
 * a person's current level. `extra` narrows the results (e.g. one competency).
 */
function latestResults(frameworkId: string, extra: SQL = sql`true`): SQL {
  return sql`
    SELECT DISTINCT ON (r.person_id, r.competency_id)
           r.person_id, r.competency_id, r.percent, r.assessed_on, r.source, r.procedure
    FROM competency_results r JOIN competencies c ON c.id = r.competency_id
    WHERE c.framework_id = ${frameworkId} AND ${extra}
    ORDER BY r.person_id, r.competency_id, r.assessed_on DESC, r.id DESC`;
}

export async function findVisiblePerson(db: Db, actor: Actor, personId: string) {
  const rows = await db.query<{
    id: string;
    last_name: string;
    first_name: string;
    patronymic: string | null;
  }>(
    sql`SELECT p.id, p.last_name, p.first_name, p.patronymic FROM people p
        WHERE p.id = ${personId} AND ${personScope(actor, 'p')}`,
  );
  return rows[0] ?? null;
}

export interface PersonCompetencyDb {
  competency_id: string;
  code: string;
  name: string;
  group_code: string;
  group_name: string;
  percent: number | null;
  assessed_on: string | null;
  source: 'platform' | 'import' | null;
  procedure: string | null;
}

/** Every competency of the framework with the person's latest result on it (or none). */
export async function personCompetencies(db: Db, frameworkId: string, personId: string) {
  return db.query<PersonCompetencyDb>(sql`
    WITH latest AS (${latestResults(frameworkId, sql`r.person_id = ${personId}`)})
    SELECT c.id AS competency_id, c.code, c.name, g.code AS group_code, g.name AS group_name,
           l.percent, l.assessed_on, l.source, l.procedure
    FROM competencies c JOIN competency_groups g ON g.id = c.group_id
    LEFT JOIN latest l ON l.competency_id = c.id
    WHERE c.framework_id = ${frameworkId}
    ORDER BY g.position, c.position, c.code`);
}

export interface HeatCellDb {
  row_id: string;
  row_name: string;
  competency_id: string;
  assessed: number;
  deficit: number;
  partial: number;
}

/**
 * Organizations or subjects × competencies: people assessed, with a deficit, with a partial level.
 * One query: the latest result per person and competency, joined to the current employments the
 * caller may see, grouped with FILTER. A person counts once per row even with two employments.
 * Its cost grows with the whole framework's results: the page uses it only for a curator's few
 * people (others read the kept aggregates, heat-cells.repository.ts); the benchmark's baseline.
 */
export async function heatmap(
  db: Db,
  actor: Actor,
  f: {
    frameworkId: string;
    by: 'organization' | 'subject';
    municipalityId?: string | undefined;
    organizationId?: string | undefined;
  },
  t: { deficitBelow: number; partialBelow: number },
): Promise<HeatCellDb[]> {
  const row =
    f.by === 'organization'
      ? { from: sql``, id: sql`o.id::text`, name: sql`COALESCE(NULLIF(o.short_name, ''), o.full_name)` }
      : {
          from: sql`CROSS JOIN LATERAL unnest(e.subjects) AS s(subject)`,
          id: sql`s.subject`,
          name: sql`s.subject`,
        };
  return db.query<HeatCellDb>(sql`
    WITH latest AS (${latestResults(f.frameworkId)})
    SELECT ${row.id} AS row_id, min(${row.name}) AS row_name, l.competency_id,
           count(DISTINCT l.person_id)::int AS assessed,
           count(DISTINCT l.person_id) FILTER (WHERE l.percent < ${t.deficitBelow})::int AS deficit,
           count(DISTINCT l.person_id) FILTER (
             WHERE l.percent >= ${t.deficitBelow} AND l.percent < ${t.partialBelow})::int AS partial
    FROM latest l
    JOIN employments e ON e.person_id = l.person_id AND e.end_date IS NULL
    JOIN organizations o ON o.id = e.organization_id
    ${row.from}
    WHERE ${employmentScope(actor, 'e', 'o')}
      ${f.municipalityId ? sql`AND o.municipality_id = ${f.municipalityId}` : sql``}
      ${f.organizationId ? sql`AND o.id = ${f.organizationId}` : sql``}
    GROUP BY ${row.id}, l.competency_id
    ORDER BY ${naturalOrder(sql`min(${row.name})`)}, row_id`);
}

export interface DeficitPersonDb {
  person_id: string;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  organization_id: string;
  organization: string;
  percent: number;
  assessed_on: string;
  source: 'platform' | 'import';
}

/** People whose latest result on one competency is at the level asked, with their organization. */
export async function deficitPeople(
  db: Db,
  actor: Actor,
  f: {
    frameworkId: string;
    competencyId: string;
    level: 'deficit' | 'partial';
    organizationId?: string | undefined;
  },
  t: { deficitBelow: number; partialBelow: number },
  limit: number,
): Promise<DeficitPersonDb[]> {
  const level =
    f.level === 'deficit'
      ? sql`l.percent < ${t.deficitBelow}`
      : sql`l.percent >= ${t.deficitBelow} AND l.percent < ${t.partialBelow}`;
  return db.query<DeficitPersonDb>(sql`
    WITH latest AS (${latestResults(f.frameworkId, sql`r.competency_id = ${f.competencyId}`)})
    SELECT * FROM (
      SELECT DISTINCT ON (p.id) p.id AS person_id, p.last_name, p.first_name, p.patronymic,
             o.id AS organization_id, COALESCE(NULLIF(o.short_name, ''), o.full_name) AS organization,
             l.percent, l.assessed_on, l.source
      FROM latest l
      JOIN people p ON p.id = l.person_id
      JOIN employments e ON e.person_id = p.id AND e.end_date IS NULL
      JOIN organizations o ON o.id = e.organization_id
      WHERE ${level} AND ${employmentScope(actor, 'e', 'o')}
        ${f.organizationId ? sql`AND o.id = ${f.organizationId}` : sql``}
      ORDER BY p.id, (e.kind = 'main') DESC, e.start_date, e.id
    ) x
    ORDER BY x.last_name, x.first_name, x.patronymic, x.person_id
    LIMIT ${limit}`);
}
