import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { ROLE_SCOPE } from '../../platform/auth/actor.ts';
import { employmentScope, orgScope } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db/database.ts';
import type { HeatCellDb } from './deficits.repository.ts';

/**
 * The heatmap's kept aggregates (`deficit_heat_cells`): per framework, organization, subject ('' —
 * the whole organization) and competency, the people currently employed there by the level of
 * their latest result. Triggers list the organizations whose cells went out of date in
 * `deficit_heat_dirty` in the transaction that changed results, employments or thresholds; the
 * writers of results (import, submitted attempts) refresh them in that same transaction, and a read
 * refreshes whatever of its own scope is still listed (rows written by other means, a changed
 * registry), so a read costs what its scope holds.
 */

/** Whether any organization matched by `orgs` (ids, as SQL) has out-of-date cells of the framework. */
export async function hasDirtyHeat(db: Db, frameworkId: string, orgs: SQL): Promise<boolean> {
  const rows = await db.query<{ x: number }>(sql`
    SELECT 1 AS x FROM deficit_heat_dirty d
    WHERE d.framework_id = ${frameworkId} AND d.organization_id IN (${orgs}) LIMIT 1`);
  return rows.length > 0;
}

/**
 * Recomputes the out-of-date cells of a framework (all of them, or of the organizations `orgs`
 * selects): takes the listed organizations out of `deficit_heat_dirty` (locking them in order, so
 * two refreshes never deadlock and the second finds nothing left), then rewrites their cells from
 * the latest results of the people working there now. Rows a concurrent writer lists after the
 * take stay listed for the next refresh. Returns how many organizations were refreshed.
 */
export async function refreshHeatCells(db: Db, frameworkId: string, orgs?: SQL): Promise<number> {
  return db.transaction(async (tx) => {
    const taken = await tx.query<{ organization_id: string }>(sql`
      DELETE FROM deficit_heat_dirty d
      WHERE d.framework_id = ${frameworkId} AND d.organization_id IN (
        SELECT x.organization_id FROM deficit_heat_dirty x
        WHERE x.framework_id = ${frameworkId} ${orgs ? sql`AND x.organization_id IN (${orgs})` : sql``}
        ORDER BY x.organization_id FOR UPDATE)
      RETURNING d.organization_id`);
    if (taken.length === 0) return 0;
    const ids = sql.param(taken.map((r) => r.organization_id));
    await tx.query(sql`
      DELETE FROM deficit_heat_cells
      WHERE organization_id = ANY(${ids}::uuid[]) AND framework_id = ${frameworkId}`);
    await tx.query(sql`
      WITH emp AS (
        SELECT e.person_id, e.organization_id, e.subjects FROM employments e
        WHERE e.end_date IS NULL AND e.organization_id = ANY(${ids}::uuid[])
      ), latest AS (
        SELECT DISTINCT ON (r.person_id, r.competency_id) r.person_id, r.competency_id, r.percent
        FROM competency_results r JOIN competencies c ON c.id = r.competency_id
        WHERE c.framework_id = ${frameworkId} AND r.person_id IN (SELECT person_id FROM emp)
        ORDER BY r.person_id, r.competency_id, r.assessed_on DESC, r.id DESC
      ), placed AS (
        SELECT DISTINCT e.organization_id, s.subject, l.person_id, l.competency_id, l.percent
        FROM latest l JOIN emp e ON e.person_id = l.person_id
        CROSS JOIN LATERAL (SELECT ''::text AS subject
                            UNION SELECT u FROM unnest(e.subjects) u WHERE u <> '') s
      )
      INSERT INTO deficit_heat_cells (framework_id, organization_id, subject, competency_id, assessed, deficit, partial)
      SELECT ${frameworkId}, p.organization_id, p.subject, p.competency_id, count(*)::int,
             count(*) FILTER (WHERE p.percent < f.deficit_below)::int,
             count(*) FILTER (WHERE p.percent >= f.deficit_below AND p.percent < f.partial_below)::int
      FROM placed p CROSS JOIN competency_frameworks f
      WHERE f.id = ${frameworkId}
      GROUP BY p.organization_id, p.subject, p.competency_id, f.deficit_below, f.partial_below`);
    return taken.length;
  });
}

/** The organizations a heatmap read covers: the actor's scope, narrowed to a municipality or one organization. */
export function heatOrgs(
  actor: Actor,
  f: { territoryId?: string | undefined; organizationId?: string | undefined },
): SQL {
  return sql`SELECT o.id FROM organizations o WHERE ${orgScope(actor, 'o')}
    ${f.territoryId ? sql`AND o.municipality_id = ${f.territoryId}` : sql``}
    ${f.organizationId ? sql`AND o.id = ${f.organizationId}` : sql``}`;
}

/** Whether the kept aggregates answer this actor: scopes made of whole organizations (not a curator's people). */
export const servedByAggregates = (actor: Actor) =>
  ['all', 'region', 'municipality', 'organization'].includes(ROLE_SCOPE[actor.role]);

const orgName = sql`COALESCE(NULLIF(o.short_name, ''), o.full_name)`;

/**
 * Heat cells summed from the kept aggregates, rows by `level`: municipalities (a sum over their
 * organizations: a person working in two schools counts in each), organizations, or subjects.
 */
export async function aggregatedHeat(
  db: Db,
  frameworkId: string,
  orgs: SQL,
  rows: 'territory' | 'organization' | 'subject',
): Promise<HeatCellDb[]> {
  // Summed by a plain key first, named after: grouping on a name (a collated text) is what cost.
  const key =
    rows === 'territory' ? sql`o.municipality_id` : rows === 'organization' ? sql`o.id` : sql`h.subject`;
  const named =
    rows === 'territory'
      ? { name: sql`m.name`, join: sql`JOIN municipalities m ON m.id = x.k` }
      : rows === 'organization'
        ? { name: orgName, join: sql`JOIN organizations o ON o.id = x.k` }
        : { name: sql`x.k`, join: sql`` };
  return db.query<HeatCellDb>(sql`
    SELECT x.k::text AS row_id, ${named.name} AS row_name, x.competency_id, x.assessed, x.deficit, x.partial
    FROM (
      SELECT ${key} AS k, h.competency_id,
             sum(h.assessed)::int AS assessed, sum(h.deficit)::int AS deficit, sum(h.partial)::int AS partial
      FROM deficit_heat_cells h
      JOIN organizations o ON o.id = h.organization_id
      WHERE h.framework_id = ${frameworkId} AND h.organization_id IN (${orgs})
        AND ${rows === 'subject' ? sql`h.subject <> ''` : sql`h.subject = ''`}
      GROUP BY 1, 2
    ) x
    ${named.join}`);
}

/**
 * One organization's people × competencies, from their latest results (computed live: it costs one
 * school). Each cell counts the person once: assessed 1, and 1 in deficit or partial by the level.
 * Only employments the actor may see (a curator: the people assigned to them).
 */
export async function peopleHeat(
  db: Db,
  actor: Actor,
  frameworkId: string,
  organizationId: string,
  subject: string | undefined,
  t: { deficitBelow: number; partialBelow: number },
): Promise<HeatCellDb[]> {
  return db.query<HeatCellDb>(sql`
    WITH ppl AS (
      SELECT DISTINCT e.person_id FROM employments e JOIN organizations o ON o.id = e.organization_id
      WHERE e.end_date IS NULL AND e.organization_id = ${organizationId} AND ${employmentScope(actor, 'e', 'o')}
        ${subject ? sql`AND ${subject} = ANY(e.subjects)` : sql``}
    ), latest AS (
      SELECT DISTINCT ON (r.person_id, r.competency_id) r.person_id, r.competency_id, r.percent
      FROM competency_results r JOIN competencies c ON c.id = r.competency_id
      WHERE c.framework_id = ${frameworkId} AND r.person_id IN (SELECT person_id FROM ppl)
      ORDER BY r.person_id, r.competency_id, r.assessed_on DESC, r.id DESC
    )
    SELECT p.id::text AS row_id,
           concat_ws(' ', p.last_name, p.first_name, NULLIF(p.patronymic, '')) AS row_name,
           l.competency_id, 1 AS assessed,
           (l.percent < ${t.deficitBelow})::int AS deficit,
           (l.percent >= ${t.deficitBelow} AND l.percent < ${t.partialBelow})::int AS partial
    FROM latest l JOIN people p ON p.id = l.person_id`);
}

/** A municipality the actor's scope reaches (its name), or null. */
export async function visibleTerritory(db: Db, actor: Actor, id: string) {
  const scope = ROLE_SCOPE[actor.role];
  const where =
    scope === 'all'
      ? sql`true`
      : scope === 'region'
        ? actor.regionId
          ? sql`m.region_id = ${actor.regionId}`
          : sql`false`
        : scope === 'municipality'
          ? actor.municipalityId
            ? sql`m.id = ${actor.municipalityId}`
            : sql`false`
          : sql`EXISTS (SELECT 1 FROM organizations o WHERE o.municipality_id = m.id AND ${orgScope(actor, 'o')})`;
  const rows = await db.query<{ id: string; name: string }>(
    sql`SELECT m.id, m.name FROM municipalities m WHERE m.id = ${id} AND ${where}`,
  );
  return rows[0] ?? null;
}

/** An organization the actor's scope reaches (its short name and municipality), or null. */
export async function visibleOrganization(db: Db, actor: Actor, id: string) {
  const rows = await db.query<{
    id: string;
    name: string;
    municipality_id: string;
    municipality: string;
  }>(sql`
    SELECT o.id, ${orgName} AS name, o.municipality_id, m.name AS municipality
    FROM organizations o JOIN municipalities m ON m.id = o.municipality_id
    WHERE o.id = ${id} AND ${orgScope(actor, 'o')}`);
  return rows[0] ?? null;
}
