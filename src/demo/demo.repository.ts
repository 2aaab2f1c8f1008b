import type { Role } from '../platform/auth/actor.ts';
import { type Db, sql } from '../platform/db/database.ts';

/** SQL for the demo: is the database empty, create the demo users, assign the curator's people. */

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await db.query<{ empty: boolean }>(sql`
    SELECT NOT EXISTS (SELECT 1 FROM organizations) AND NOT EXISTS (SELECT 1 FROM users) AS empty`);
  return row?.empty ?? false;
}

/** Keeps two app processes on one PostgreSQL server from loading the demo at once. */
export async function lockDemoLoad(tx: Db): Promise<void> {
  if (tx.kind === 'postgres') await tx.query(sql`SELECT pg_advisory_xact_lock(727275)`);
}

export interface NewDemoUser {
  email: string;
  fullName: string;
  passwordHash: string;
  role: Role;
  regionId: string | null;
  municipalityId: string | null;
  organizationId: string | null;
  personId: string | null;
}

export async function insertDemoUsers(
  db: Db,
  users: NewDemoUser[],
): Promise<{ id: string; email: string }[]> {
  return db.query<{ id: string; email: string }>(sql`
    INSERT INTO users (email, full_name, password_hash, role, region_id, municipality_id, organization_id, person_id)
    SELECT x.email, x."fullName", x."passwordHash", x.role, x."regionId", x."municipalityId", x."organizationId",
           x."personId"
    FROM jsonb_to_recordset(${JSON.stringify(users)}::jsonb) AS x(email text, "fullName" text, "passwordHash" text,
      role user_role, "regionId" uuid, "municipalityId" uuid, "organizationId" uuid, "personId" uuid)
    RETURNING id, email`);
}

export async function assignToCurator(db: Db, curatorUserId: string, personIds: string[]): Promise<void> {
  await db.query(sql`
    INSERT INTO curator_assignments (curator_user_id, person_id)
    SELECT ${curatorUserId}::uuid, p FROM unnest(${sql.param(personIds)}::uuid[]) AS p
    ON CONFLICT DO NOTHING`);
}

/** The ids the dataset's region and municipality got in this database (they may have existed). */
export async function findTerritory(
  db: Db,
  regionCode: string,
  municipalityName: string,
): Promise<{ regionId: string; municipalityId: string }> {
  const [row] = await db.query<{ region_id: string; municipality_id: string }>(sql`
    SELECT r.id AS region_id, m.id AS municipality_id
    FROM regions r JOIN municipalities m ON m.region_id = r.id
    WHERE r.code = ${regionCode} AND m.name = ${municipalityName}`);
  if (!row) throw new Error('demo territory not found after load');
  return { regionId: row.region_id, municipalityId: row.municipality_id };
}
