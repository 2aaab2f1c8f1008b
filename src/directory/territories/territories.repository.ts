import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { orgScope } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db/database.ts';

export interface Territories {
  regions: { id: string; code: string; name: string }[];
  municipalities: { id: string; regionId: string; code: string; name: string }[];
}

/** Regions and municipalities the actor can see: where it has a visible organization, or its own. */
export async function listTerritories(db: Db, actor: Actor): Promise<Territories> {
  const wide = actor.role === 'admin';
  const regionScoped = actor.role === 'region_admin' && actor.regionId;
  const municipalities = await db.query<{ id: string; region_id: string; code: string; name: string }>(sql`
    SELECT m.id, m.region_id, m.code, m.name FROM municipalities m
    WHERE ${
      wide
        ? sql`true`
        : regionScoped
          ? sql`m.region_id = ${actor.regionId}`
          : sql`m.id = ${actor.municipalityId ?? null}
       OR m.id IN (SELECT o.municipality_id FROM organizations o WHERE ${orgScope(actor, 'o')})`
    }
    ORDER BY m.name`);
  const regionIds = new Set(municipalities.map((m) => m.region_id));
  if (actor.regionId) regionIds.add(actor.regionId);
  const regions = await db.query<{ id: string; code: string; name: string }>(
    wide
      ? sql`SELECT id, code, name FROM regions ORDER BY name`
      : sql`SELECT id, code, name FROM regions WHERE id = ANY(${sql.param([...regionIds])}::uuid[]) ORDER BY name`,
  );
  return {
    regions,
    municipalities: municipalities.map((m) => ({
      id: m.id,
      regionId: m.region_id,
      code: m.code,
      name: m.name,
    })),
  };
}

export async function findMunicipality(
  db: Db,
  id: string,
): Promise<{ id: string; region_id: string } | null> {
  const rows = await db.query<{ id: string; region_id: string }>(
    sql`SELECT id, region_id FROM municipalities WHERE id = ${id}`,
  );
  return rows[0] ?? null;
}

export interface RegionRecord {
  id: string;
  code: string;
  name: string;
}

export interface MunicipalityRecord {
  id: string;
  regionId: string;
  code: string;
  name: string;
}

const REGION_COLUMNS = sql`r.id, r.code, r.name`;
const MUNICIPALITY_COLUMNS = sql`m.id, m.region_id AS "regionId", m.code, m.name`;

export async function listAllRegions(db: Db): Promise<RegionRecord[]> {
  return db.query<RegionRecord>(sql`SELECT ${REGION_COLUMNS} FROM regions r ORDER BY r.name`);
}

export async function findRegionById(db: Db, id: string): Promise<RegionRecord | null> {
  const rows = await db.query<RegionRecord>(sql`SELECT ${REGION_COLUMNS} FROM regions r WHERE r.id = ${id}`);
  return rows[0] ?? null;
}

export async function insertRegion(db: Db, r: { code: string; name: string }): Promise<RegionRecord | null> {
  const rows = await db.query<RegionRecord>(sql`
    INSERT INTO regions AS r (code, name) VALUES (${r.code}, ${r.name})
    ON CONFLICT (code) DO NOTHING RETURNING ${REGION_COLUMNS}`);
  return rows[0] ?? null;
}

export async function updateRegion(db: Db, id: string, r: { code: string; name: string }): Promise<void> {
  await db.query(sql`UPDATE regions SET code = ${r.code}, name = ${r.name} WHERE id = ${id}`);
}

export async function listRegionMunicipalityRecords(db: Db, regionId: string): Promise<MunicipalityRecord[]> {
  return db.query<MunicipalityRecord>(sql`
    SELECT ${MUNICIPALITY_COLUMNS} FROM municipalities m WHERE m.region_id = ${regionId} ORDER BY m.name`);
}

export async function findMunicipalityById(db: Db, id: string): Promise<MunicipalityRecord | null> {
  const rows = await db.query<MunicipalityRecord>(
    sql`SELECT ${MUNICIPALITY_COLUMNS} FROM municipalities m WHERE m.id = ${id}`,
  );
  return rows[0] ?? null;
}

/** New municipalities of one region in one statement; a name the region already has is left out. */
export async function insertMunicipalityRecords(
  db: Db,
  items: { regionId: string; code: string; name: string }[],
): Promise<MunicipalityRecord[]> {
  if (items.length === 0) return [];
  return db.query<MunicipalityRecord>(sql`
    INSERT INTO municipalities AS m (region_id, code, name)
    SELECT x."regionId", x.code, x.name
    FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS x("regionId" uuid, code text, name text)
    ON CONFLICT (region_id, name) DO NOTHING
    RETURNING ${MUNICIPALITY_COLUMNS}`);
}

export async function updateMunicipality(
  db: Db,
  id: string,
  m: { code: string; name: string },
): Promise<void> {
  await db.query(sql`UPDATE municipalities SET code = ${m.code}, name = ${m.name} WHERE id = ${id}`);
}

export interface MunicipalitySummaryDb extends MunicipalityRecord {
  regionName: string;
  organizations: number;
  people: number;
  methodists: number;
}

export interface RegionSummaryDb extends RegionRecord {
  municipalities: number;
  organizations: number;
  people: number;
}

/** Regions and municipalities within `where` (fragments over `r` and `m`), with what each holds. */
export async function territorySummaries(
  db: Db,
  where: { regions: SQL; municipalities: SQL },
): Promise<{ regions: RegionSummaryDb[]; municipalities: MunicipalitySummaryDb[] }> {
  // One pass over organizations and current employments, grouped by municipality.
  const municipalities = await db.query<MunicipalitySummaryDb>(sql`
    WITH orgs AS (
      SELECT o.municipality_id, count(*)::int AS n FROM organizations o GROUP BY o.municipality_id
    ), staff AS (
      SELECT o.municipality_id, count(DISTINCT e.person_id)::int AS n
      FROM employments e JOIN organizations o ON o.id = e.organization_id
      WHERE e.end_date IS NULL GROUP BY o.municipality_id
    ), methodists AS (
      SELECT u.municipality_id, count(*)::int AS n FROM users u
      WHERE u.role = 'municipal_methodist' AND u.active GROUP BY u.municipality_id
    )
    SELECT ${MUNICIPALITY_COLUMNS}, r.name AS "regionName",
           COALESCE(orgs.n, 0) AS organizations, COALESCE(staff.n, 0) AS people,
           COALESCE(methodists.n, 0) AS methodists
    FROM municipalities m JOIN regions r ON r.id = m.region_id
    LEFT JOIN orgs ON orgs.municipality_id = m.id
    LEFT JOIN staff ON staff.municipality_id = m.id
    LEFT JOIN methodists ON methodists.municipality_id = m.id
    WHERE ${where.municipalities}
    ORDER BY r.name, m.name`);
  const regions = await db.query<RegionSummaryDb>(sql`
    WITH staff AS (
      SELECT p.region_id, count(DISTINCT p.id)::int AS n
      FROM people p JOIN employments e ON e.person_id = p.id AND e.end_date IS NULL GROUP BY p.region_id
    )
    SELECT ${REGION_COLUMNS},
           (SELECT count(*)::int FROM municipalities m WHERE m.region_id = r.id) AS municipalities,
           (SELECT count(*)::int FROM organizations o WHERE o.region_id = r.id) AS organizations,
           COALESCE(staff.n, 0) AS people
    FROM regions r LEFT JOIN staff ON staff.region_id = r.id
    WHERE ${where.regions}
    ORDER BY r.name`);
  return { regions, municipalities };
}

export interface SetupCountsDb {
  regions: number;
  municipalities: number;
  methodists: number;
  organizations: number;
  staff: number;
  vacancies: number;
  staffing: number;
  teacherAccounts: number;
}

/**
 * What the set-up steps count, within the caller's territory: `territory` filters municipalities
 * (`m`), `users` the accounts (`u`), and organizations are cut by the caller's orgScope.
 */
export async function setupCounts(
  db: Db,
  actor: Actor,
  where: { regions: SQL; municipalities: SQL; users: SQL },
): Promise<SetupCountsDb> {
  const [row] = await db.query<SetupCountsDb>(sql`
    SELECT
      (SELECT count(*)::int FROM regions r WHERE ${where.regions}) AS regions,
      (SELECT count(*)::int FROM municipalities m WHERE ${where.municipalities}) AS municipalities,
      (SELECT count(*)::int FROM users u
        WHERE u.role = 'municipal_methodist' AND u.active AND ${where.users}) AS methodists,
      (SELECT count(*)::int FROM organizations o WHERE ${orgScope(actor, 'o')}) AS organizations,
      (SELECT count(DISTINCT e.person_id)::int FROM employments e JOIN organizations o ON o.id = e.organization_id
        WHERE e.end_date IS NULL AND ${orgScope(actor, 'o')}) AS staff,
      (SELECT count(*)::int FROM vacancies v JOIN organizations o ON o.id = v.organization_id
        WHERE ${orgScope(actor, 'o')}) AS vacancies,
      (SELECT count(*)::int FROM staffing s JOIN organizations o ON o.id = s.organization_id
        WHERE ${orgScope(actor, 'o')}) AS staffing,
      (SELECT count(*)::int FROM users u JOIN organizations o ON o.id = u.organization_id
        WHERE u.role = 'teacher' AND u.person_id IS NOT NULL AND ${orgScope(actor, 'o')}) AS "teacherAccounts"`);
  return row!;
}
