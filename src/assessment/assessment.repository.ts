import { type Db, sql } from '../platform/db/database.ts';

/** Territory look-ups the assessment context needs when it stores a record's owner. */

/** The region of a municipality; null when there is no such municipality. */
export async function municipalityRegion(db: Db, municipalityId: string): Promise<string | null> {
  const [m] = await db.query<{ region_id: string }>(
    sql`SELECT region_id FROM municipalities WHERE id = ${municipalityId}`,
  );
  return m?.region_id ?? null;
}

/** The region and municipality of an organization; null when there is no such organization. */
export async function organizationTerritory(
  db: Db,
  organizationId: string,
): Promise<{ regionId: string; municipalityId: string } | null> {
  const [o] = await db.query<{ region_id: string; municipality_id: string }>(
    sql`SELECT region_id, municipality_id FROM organizations WHERE id = ${organizationId}`,
  );
  return o ? { regionId: o.region_id, municipalityId: o.municipality_id } : null;
}

export async function regionExists(db: Db, regionId: string): Promise<boolean> {
  const rows = await db.query(sql`SELECT 1 FROM regions WHERE id = ${regionId}`);
  return rows.length > 0;
}

/** Serializes the loading of one preset (a framework's or an instrument's) until the transaction ends. */
export async function lockPreset(tx: Db, key: string): Promise<void> {
  await tx.query(sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`);
}
