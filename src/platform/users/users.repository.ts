import { type SQL, sql } from 'drizzle-orm';
import type { Actor, Role } from '../auth/actor.ts';
import { forgetSessions } from '../auth/auth.repository.ts';
import type { Db } from '../db/database.ts';

export interface UserListRow {
  id: string;
  /** Null for an account invited in bulk that has not been taken up yet. */
  email: string | null;
  full_name: string;
  role: Role;
  region_id: string | null;
  municipality_id: string | null;
  organization_id: string | null;
  organization_name: string | null;
  person_id: string | null;
  active: boolean;
  last_login_at: string | null;
}

/** Users an actor may list: admin all; methodist/head their municipality; org head their school. */
export function userScope(actor: Actor): SQL {
  switch (actor.role) {
    case 'admin':
      return sql`true`;
    case 'region_admin':
      return sql`u.region_id = ${actor.regionId}`;
    case 'municipal_methodist':
    case 'municipal_head':
      return sql`(u.municipality_id = ${actor.municipalityId} OR o.municipality_id = ${actor.municipalityId})`;
    case 'org_head':
      return sql`u.organization_id = ${actor.organizationId}`;
    default:
      return sql`u.id = ${actor.userId}`;
  }
}

export async function listUsers(
  db: Db,
  actor: Actor,
  f: { q?: string | undefined; role?: Role | undefined },
): Promise<UserListRow[]> {
  const parts: SQL[] = [userScope(actor)];
  if (f.role) parts.push(sql`u.role = ${f.role}`);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`;
    parts.push(sql`(lower(u.email) LIKE ${like} OR lower(u.full_name) LIKE ${like})`);
  }
  return db.query<UserListRow>(sql`
    SELECT u.id, u.email, u.full_name, u.role, u.region_id, u.municipality_id, u.organization_id,
           o.short_name AS organization_name, u.person_id, u.active, u.last_login_at
    FROM users u LEFT JOIN organizations o ON o.id = u.organization_id
    WHERE ${sql.join(parts, sql` AND `)}
    ORDER BY u.role, u.full_name`);
}

export async function findUserForAdmin(db: Db, id: string): Promise<UserListRow | null> {
  const rows = await db.query<UserListRow>(sql`
    SELECT u.id, u.email, u.full_name, u.role, u.region_id, u.municipality_id, u.organization_id,
           o.short_name AS organization_name, u.person_id, u.active, u.last_login_at
    FROM users u LEFT JOIN organizations o ON o.id = u.organization_id WHERE u.id = ${id}`);
  return rows[0] ?? null;
}

export interface UserWrite {
  email: string | null;
  fullName: string;
  role: Role;
  regionId: string | null;
  municipalityId: string | null;
  organizationId: string | null;
  personId: string | null;
}

export async function insertUser(db: Db, u: UserWrite): Promise<string | null> {
  const rows = await db.query<{ id: string }>(sql`
    INSERT INTO users (email, full_name, role, region_id, municipality_id, organization_id, person_id)
    VALUES (${u.email}, ${u.fullName}, ${u.role}, ${u.regionId}, ${u.municipalityId}, ${u.organizationId}, ${u.personId})
    ON CONFLICT (lower(email)) DO NOTHING RETURNING id`);
  return rows[0]?.id ?? null;
}

export async function updateUser(db: Db, id: string, u: UserWrite & { active: boolean }): Promise<void> {
  forgetSessions();
  await db.query(sql`
    UPDATE users SET full_name = ${u.fullName}, role = ${u.role}, region_id = ${u.regionId},
      municipality_id = ${u.municipalityId}, organization_id = ${u.organizationId}, person_id = ${u.personId},
      active = ${u.active}, updated_at = now()
    WHERE id = ${id}`);
}

export async function insertInvitation(
  db: Db,
  i: { tokenHash: string; userId: string; createdBy: string | null; expiresAt: Date },
): Promise<void> {
  // A new link replaces any unused one.
  await db.query(sql`DELETE FROM invitations WHERE user_id = ${i.userId} AND used_at IS NULL`);
  await db.query(sql`
    INSERT INTO invitations (token_hash, user_id, created_by, expires_at)
    VALUES (${i.tokenHash}, ${i.userId}, ${i.createdBy}, ${i.expiresAt.toISOString()})`);
}

export async function findOpenInvitation(db: Db, tokenHash: string) {
  const rows = await db.query<{ user_id: string; email: string | null; full_name: string }>(sql`
    SELECT i.user_id, u.email, u.full_name FROM invitations i JOIN users u ON u.id = i.user_id
    WHERE i.token_hash = ${tokenHash} AND i.used_at IS NULL AND i.expires_at > now() AND u.active`);
  return rows[0] ?? null;
}

/** The login of an account invited without an address, given by the invitee; false if the address is taken. */
export async function setUserEmail(db: Db, userId: string, email: string): Promise<boolean> {
  const taken = await db.query(
    sql`SELECT 1 FROM users WHERE lower(email) = lower(${email}) AND id <> ${userId}`,
  );
  if (taken.length) return false;
  forgetSessions();
  await db.query(sql`UPDATE users SET email = ${email}, updated_at = now() WHERE id = ${userId}`);
  return true;
}

export async function markInvitationUsed(db: Db, tokenHash: string): Promise<void> {
  await db.query(sql`UPDATE invitations SET used_at = now() WHERE token_hash = ${tokenHash}`);
}

/** Where a person currently works (main employment first), for deriving an invited user's scope. */
export async function personPlacement(db: Db, personId: string) {
  const rows = await db.query<{
    organization_id: string;
    municipality_id: string;
    region_id: string;
    full_name: string;
    email: string | null;
  }>(sql`
    SELECT e.organization_id, o.municipality_id, o.region_id,
           concat_ws(' ', p.last_name, p.first_name, nullif(p.patronymic, '')) AS full_name, p.email
    FROM people p JOIN employments e ON e.person_id = p.id AND e.end_date IS NULL
    JOIN organizations o ON o.id = e.organization_id
    WHERE p.id = ${personId}
    ORDER BY e.kind = 'main' DESC LIMIT 1`);
  return rows[0] ?? null;
}
