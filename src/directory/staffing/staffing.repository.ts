import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { orgScope } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db/database.ts';
import { naturalOrder } from '../../platform/db/natural-order.ts';

export interface StaffingRow {
  organizationId: string;
  organizationName: string;
  year: number;
  pedTotal: number;
  pedOccupied: number;
  admTotal: number;
  admOccupied: number;
}

export async function listStaffing(
  db: Db,
  actor: Actor,
  f: { municipalityId?: string | undefined; organizationId?: string | undefined; year?: number | undefined },
): Promise<StaffingRow[]> {
  const parts: SQL[] = [orgScope(actor, 'o')];
  if (f.municipalityId) parts.push(sql`o.municipality_id = ${f.municipalityId}`);
  if (f.organizationId) parts.push(sql`s.organization_id = ${f.organizationId}`);
  if (f.year) parts.push(sql`s.year = ${f.year}`);
  return db.query<StaffingRow>(sql`
    SELECT s.organization_id AS "organizationId", o.short_name AS "organizationName", s.year,
           s.ped_total AS "pedTotal", s.ped_occupied AS "pedOccupied", s.adm_total AS "admTotal", s.adm_occupied AS "admOccupied"
    FROM staffing s JOIN organizations o ON o.id = s.organization_id
    WHERE ${sql.join(parts, sql` AND `)}
    ORDER BY s.year DESC, ${naturalOrder('o.short_name')}`);
}

export async function upsertStaffing(
  db: Db,
  r: Omit<StaffingRow, 'organizationName'>,
): Promise<StaffingRow | null> {
  const before = await db.query<StaffingRow>(sql`
    SELECT ped_total AS "pedTotal", ped_occupied AS "pedOccupied", adm_total AS "admTotal", adm_occupied AS "admOccupied"
    FROM staffing WHERE organization_id = ${r.organizationId} AND year = ${r.year}`);
  await db.query(sql`
    INSERT INTO staffing (organization_id, year, ped_total, ped_occupied, adm_total, adm_occupied)
    VALUES (${r.organizationId}, ${r.year}, ${r.pedTotal}, ${r.pedOccupied}, ${r.admTotal}, ${r.admOccupied})
    ON CONFLICT (organization_id, year) DO UPDATE SET ped_total = EXCLUDED.ped_total, ped_occupied = EXCLUDED.ped_occupied,
      adm_total = EXCLUDED.adm_total, adm_occupied = EXCLUDED.adm_occupied, updated_at = now()`);
  return before[0] ?? null;
}
