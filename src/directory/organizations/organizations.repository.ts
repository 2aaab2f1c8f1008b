import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { orgScope } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db/database.ts';
import { naturalOrder } from '../../platform/db/natural-order.ts';

export interface OrgRowDb {
  id: string;
  region_id: string;
  municipality_id: string;
  municipality_name: string;
  code: string;
  full_name: string;
  short_name: string;
  kind: string;
  rural: boolean;
  low_results: boolean;
  innovation_platform: 'federal' | 'regional' | 'municipal' | null;
  internship_platform: boolean;
  mentoring_regulation: boolean;
  inn: string | null;
  staff_count: number;
  vacancies_open: number;
}

export interface OrgFilters {
  municipalityId?: string | undefined;
  kind?: string | undefined;
  q?: string | undefined;
  rural?: boolean | undefined;
  lowResults?: boolean | undefined;
}

const SELECT = sql`
  SELECT o.id, o.region_id, o.municipality_id, m.name AS municipality_name, o.code, o.full_name, o.short_name, o.kind,
         o.rural, o.low_results, o.innovation_platform, o.internship_platform, o.mentoring_regulation, o.inn,
         (SELECT count(DISTINCT e.person_id)::int FROM employments e WHERE e.organization_id = o.id AND e.end_date IS NULL) AS staff_count,
         (SELECT count(*)::int FROM vacancies v WHERE v.organization_id = o.id AND v.closed_on IS NULL) AS vacancies_open
  FROM organizations o JOIN municipalities m ON m.id = o.municipality_id`;

/** Name or code contains the text, case-insensitively (LIKE's own characters taken literally). */
function textMatch(q: string): SQL {
  const like = `%${q.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`;
  return sql`(lower(o.full_name) LIKE ${like} OR lower(o.short_name) LIKE ${like} OR lower(o.code) LIKE ${like})`;
}

export async function listOrganizations(db: Db, actor: Actor, f: OrgFilters): Promise<OrgRowDb[]> {
  const parts: SQL[] = [orgScope(actor, 'o')];
  if (f.municipalityId) parts.push(sql`o.municipality_id = ${f.municipalityId}`);
  if (f.kind) parts.push(sql`o.kind = ${f.kind}`);
  if (f.rural !== undefined) parts.push(sql`o.rural = ${f.rural}`);
  if (f.lowResults !== undefined) parts.push(sql`o.low_results = ${f.lowResults}`);
  if (f.q) parts.push(textMatch(f.q));
  return db.query<OrgRowDb>(
    sql`${SELECT} WHERE ${sql.join(parts, sql` AND `)} ORDER BY ${naturalOrder('m.name')}, o.kind, ${naturalOrder('o.short_name')}`,
  );
}

export interface OrgOptionDb {
  id: string;
  short_name: string;
  municipality_id: string;
}

export interface OrgOptionFilters {
  municipalityId?: string | undefined;
  q?: string | undefined;
  ids?: string[] | undefined;
  limit: number;
}

/**
 * Organizations for a select: names only, at most `limit` of them (searched by name or code),
 * and the total that matched — a region of 2 000 organizations is picked by search, not sent whole.
 * `ids` adds the named ones (a select's current value) whatever the search.
 */
export async function listOrganizationOptions(
  db: Db,
  actor: Actor,
  f: OrgOptionFilters,
): Promise<{ items: OrgOptionDb[]; total: number }> {
  const parts: SQL[] = [orgScope(actor, 'o')];
  if (f.municipalityId) parts.push(sql`o.municipality_id = ${f.municipalityId}`);
  if (f.q) parts.push(textMatch(f.q));
  const where = sql.join(parts, sql` AND `);
  const [page, counted, named] = await Promise.all([
    db.query<OrgOptionDb>(sql`
      SELECT o.id, o.short_name, o.municipality_id FROM organizations o WHERE ${where}
      ORDER BY ${naturalOrder('o.short_name')}, o.id LIMIT ${f.limit}`),
    db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM organizations o WHERE ${where}`),
    f.ids?.length
      ? db.query<OrgOptionDb>(sql`
          SELECT o.id, o.short_name, o.municipality_id FROM organizations o
          WHERE o.id IN (${sql.join(
            f.ids.map((id) => sql`${id}`),
            sql`, `,
          )}) AND ${orgScope(actor, 'o')}`)
      : Promise.resolve([]),
  ]);
  const seen = new Set(page.map((o) => o.id));
  return { items: [...page, ...named.filter((o) => !seen.has(o.id))], total: counted[0]?.n ?? 0 };
}

export async function findOrganization(db: Db, actor: Actor, id: string): Promise<OrgRowDb | null> {
  const rows = await db.query<OrgRowDb>(sql`${SELECT} WHERE o.id = ${id} AND ${orgScope(actor, 'o')}`);
  return rows[0] ?? null;
}

export interface OrgStaffSummary {
  total: number;
  pedagogical: number;
  managerial: number;
  young: number;
  pension_age: number;
  load_over: number;
  highest: number;
  first: number;
  szd: number;
  none: number;
}

/** One pass over the organization's current staff with FILTER counts. */
export async function orgStaffSummary(
  db: Db,
  id: string,
  derived: { young: SQL; pension: SQL; loadThreshold: number; asOf: string },
): Promise<OrgStaffSummary> {
  const [row] = await db.query<OrgStaffSummary>(sql`
    WITH staff AS (
      SELECT p.*, bool_or(e.staff_category = 'pedagogical') AS is_ped, bool_or(e.staff_category = 'managerial') AS is_mgr,
             (SELECT coalesce(sum(e2.load_hours), 0) FROM employments e2 WHERE e2.person_id = p.id AND e2.end_date IS NULL) AS load
      FROM employments e JOIN people p ON p.id = e.person_id
      WHERE e.organization_id = ${id} AND e.end_date IS NULL
      GROUP BY p.id
    )
    SELECT count(*)::int AS total,
           count(*) FILTER (WHERE is_ped)::int AS pedagogical,
           count(*) FILTER (WHERE is_mgr)::int AS managerial,
           count(*) FILTER (WHERE ${derived.young})::int AS young,
           count(*) FILTER (WHERE ${derived.pension})::int AS pension_age,
           count(*) FILTER (WHERE load > ${derived.loadThreshold})::int AS load_over,
           count(*) FILTER (WHERE category = 'highest')::int AS highest,
           count(*) FILTER (WHERE category = 'first')::int AS first,
           count(*) FILTER (WHERE category = 'szd')::int AS szd,
           count(*) FILTER (WHERE category = 'none')::int AS none
    FROM staff p`);
  return row!;
}

export interface OrgWrite {
  municipalityId: string;
  regionId: string;
  code: string;
  fullName: string;
  shortName: string;
  kind: string;
  rural: boolean;
  lowResults: boolean;
  innovationPlatform: string | null;
  internshipPlatform: boolean;
  mentoringRegulation: boolean;
  inn: string | null;
}

export async function insertOrganization(db: Db, o: OrgWrite): Promise<string> {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO organizations (region_id, municipality_id, code, full_name, short_name, kind, rural, low_results,
                               innovation_platform, internship_platform, mentoring_regulation, inn)
    VALUES (${o.regionId}, ${o.municipalityId}, ${o.code}, ${o.fullName}, ${o.shortName}, ${o.kind}, ${o.rural},
            ${o.lowResults}, ${o.innovationPlatform}, ${o.internshipPlatform}, ${o.mentoringRegulation}, ${o.inn})
    RETURNING id`);
  return row!.id;
}

export async function updateOrganization(db: Db, id: string, o: OrgWrite): Promise<void> {
  await db.query(sql`
    UPDATE organizations SET municipality_id = ${o.municipalityId}, code = ${o.code}, full_name = ${o.fullName},
      short_name = ${o.shortName}, kind = ${o.kind}, rural = ${o.rural}, low_results = ${o.lowResults},
      innovation_platform = ${o.innovationPlatform}, internship_platform = ${o.internshipPlatform},
      mentoring_regulation = ${o.mentoringRegulation}, inn = ${o.inn}, updated_at = now()
    WHERE id = ${id}`);
}

export async function codeTaken(
  db: Db,
  regionId: string,
  code: string,
  exceptId: string | null,
): Promise<boolean> {
  const rows = await db.query(
    sql`SELECT 1 FROM organizations WHERE region_id = ${regionId} AND lower(code) = lower(${code}) AND id <> ${exceptId ?? '00000000-0000-0000-0000-000000000000'}`,
  );
  return rows.length > 0;
}
