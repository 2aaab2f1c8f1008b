import { type Db, sql } from '../../platform/db/database.ts';
import { inChunks } from '../../platform/import/import-run.ts';
import type { MunicipalityRecord, OrgRecord } from './orgs.rows.ts';

/** The organizations import's SQL. */

export async function listRegionMunicipalities(db: Db, regionId: string): Promise<MunicipalityRecord[]> {
  return db.query<MunicipalityRecord>(sql`
    SELECT id, region_id AS "regionId", code, name FROM municipalities WHERE region_id = ${regionId}`);
}

export async function findOrgsByCode(
  db: Db,
  regionId: string,
  codes: string[],
  lock: boolean,
): Promise<OrgRecord[]> {
  if (codes.length === 0) return [];
  return db.query<OrgRecord>(sql`
    SELECT id, region_id AS "regionId", municipality_id AS "municipalityId", code, full_name AS "fullName",
           short_name AS "shortName", kind, rural, low_results AS "lowResults", inn
    FROM organizations
    WHERE region_id = ${regionId} AND lower(code) = ANY(${sql.param(codes.map((c) => c.toLowerCase()))}::text[])
    ${lock ? sql`FOR UPDATE` : sql``}`);
}

export async function insertMunicipalities(db: Db, items: MunicipalityRecord[]): Promise<void> {
  if (items.length === 0) return;
  await db.query(sql`
    INSERT INTO municipalities (id, region_id, code, name)
    SELECT x.id, x."regionId", x.code, x.name
    FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS x(id uuid, "regionId" uuid, code text, name text)`);
}

/** Insert new organizations and update changed ones by (region, code) in one statement per chunk. */
export async function upsertOrganizations(db: Db, orgs: OrgRecord[]): Promise<void> {
  await inChunks(orgs, (chunk) =>
    db.query(sql`
      INSERT INTO organizations AS o (id, region_id, municipality_id, code, full_name, short_name, kind, rural,
                                      low_results, inn)
      SELECT x.id, x."regionId", x."municipalityId", x.code, x."fullName", x."shortName", x.kind, x.rural,
             x."lowResults", x.inn
      FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS x(id uuid, "regionId" uuid, "municipalityId" uuid,
        code text, "fullName" text, "shortName" text, kind org_kind, rural boolean, "lowResults" boolean, inn text)
      ON CONFLICT (region_id, code) DO UPDATE SET municipality_id = EXCLUDED.municipality_id,
        full_name = EXCLUDED.full_name, short_name = EXCLUDED.short_name, kind = EXCLUDED.kind,
        rural = EXCLUDED.rural, low_results = EXCLUDED.low_results, inn = EXCLUDED.inn, updated_at = now()
      WHERE (o.municipality_id, o.full_name, o.short_name, o.kind, o.rural, o.low_results, o.inn)
        IS DISTINCT FROM (EXCLUDED.municipality_id, EXCLUDED.full_name, EXCLUDED.short_name, EXCLUDED.kind,
                          EXCLUDED.rural, EXCLUDED.low_results, EXCLUDED.inn)`),
  );
}
