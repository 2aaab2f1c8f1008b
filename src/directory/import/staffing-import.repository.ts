import { type Db, sql } from '../../platform/db/database.ts';
import { inChunks } from '../../platform/import/import-run.ts';
import type { StaffingRecord } from './staffing.rows.ts';

/** The staffing import's SQL. */

export async function listStaffingOf(
  db: Db,
  organizationIds: string[],
  lock: boolean,
): Promise<StaffingRecord[]> {
  if (organizationIds.length === 0) return [];
  return db.query<StaffingRecord>(sql`
    SELECT organization_id AS "organizationId", year, ped_total AS "pedTotal", ped_occupied AS "pedOccupied",
           adm_total AS "admTotal", adm_occupied AS "admOccupied"
    FROM staffing WHERE organization_id = ANY(${sql.param(organizationIds)}::uuid[])
    ${lock ? sql`FOR UPDATE` : sql``}`);
}

/** Upsert by (organization, year); a row that says the same keeps its updated_at. */
export async function upsertStaffing(db: Db, items: StaffingRecord[]): Promise<void> {
  await inChunks(items, (chunk) =>
    db.query(sql`
      INSERT INTO staffing AS s (organization_id, year, ped_total, ped_occupied, adm_total, adm_occupied)
      SELECT x."organizationId", x.year, x."pedTotal", x."pedOccupied", x."admTotal", x."admOccupied"
      FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS x("organizationId" uuid, year int,
        "pedTotal" numeric, "pedOccupied" numeric, "admTotal" numeric, "admOccupied" numeric)
      ON CONFLICT (organization_id, year) DO UPDATE SET ped_total = EXCLUDED.ped_total,
        ped_occupied = EXCLUDED.ped_occupied, adm_total = EXCLUDED.adm_total, adm_occupied = EXCLUDED.adm_occupied,
        updated_at = now()
      WHERE (s.ped_total, s.ped_occupied, s.adm_total, s.adm_occupied)
        IS DISTINCT FROM (EXCLUDED.ped_total, EXCLUDED.ped_occupied, EXCLUDED.adm_total, EXCLUDED.adm_occupied)`),
  );
}
