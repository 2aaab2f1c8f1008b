import { type Db, sql } from '../db/database.ts';
import type { Actor, Role } from './actor.ts';

export interface UserRow {
  id: string;
  /** Null only for an invited account not taken up yet (it has no password and no session). */
  email: string | null;
  full_name: string;
  password_hash: string | null;
  role: Role;
  region_id: string | null;
  municipality_id: string | null;
  organization_id: string | null;
  person_id: string | null;
  active: boolean;
}

export function toActor(u: UserRow): Actor {
  return {
    userId: u.id,
    email: u.email ?? '',
    fullName: u.full_name,
    role: u.role,
    regionId: u.region_id,
    municipalityId: u.municipality_id,
    organizationId: u.organization_id,
    personId: u.person_id,
  };
}

const USER_COLUMNS = sql.raw(
  'u.id, u.email, u.full_name, u.password_hash, u.role, u.region_id, u.municipality_id, u.organization_id, u.person_id, u.active',
);

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  const rows = await db.query<UserRow>(
    sql`SELECT ${USER_COLUMNS} FROM users u WHERE lower(u.email) = lower(${email})`,
  );
  return rows[0] ?? null;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | null> {
  const rows = await db.query<UserRow>(sql`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ${id}`);
  return rows[0] ?? null;
}

export async function insertSession(
  db: Db,
  s: { idHash: string; userId: string; expiresAt: Date; ip: string; userAgent: string | undefined },
): Promise<void> {
  await db.query(sql`
    INSERT INTO sessions (id_hash, user_id, expires_at, ip, user_agent)
    VALUES (${s.idHash}, ${s.userId}, ${s.expiresAt.toISOString()}, ${s.ip}, ${s.userAgent ?? null})`);
}

/**
 * The session's user if the session is within its absolute and idle limits; touches last_seen_at
 * (at most once a minute, so reads stay cheap).
 */
export async function findSessionUser(db: Db, idHash: string, idleMinutes: number): Promise<UserRow | null> {
  const rows = await db.query<UserRow & { last_seen_at: string }>(sql`
    SELECT ${USER_COLUMNS}, s.last_seen_at
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id_hash = ${idHash}
      AND s.expires_at > now()
      AND s.last_seen_at > now() - make_interval(mins => ${idleMinutes})
      AND u.active`);
  const row = rows[0];
  if (!row) return null;
  if (Date.now() - Date.parse(row.last_seen_at) > 60_000) {
    await db.query(sql`UPDATE sessions SET last_seen_at = now() WHERE id_hash = ${idHash}`);
  }
  return row;
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.query(sql`DELETE FROM sessions WHERE id_hash = ${idHash}`);
}

export async function deleteUserSessions(db: Db, userId: string, exceptIdHash?: string): Promise<void> {
  await db.query(sql`DELETE FROM sessions WHERE user_id = ${userId} AND id_hash <> ${exceptIdHash ?? ''}`);
}

export async function recordLoginAttempt(db: Db, email: string, ip: string, success: boolean): Promise<void> {
  await db.query(
    sql`INSERT INTO login_attempts (email, ip, success) VALUES (${email.toLowerCase()}, ${ip}, ${success})`,
  );
}

export async function countRecentFailures(
  db: Db,
  email: string,
  ip: string,
  windowMinutes: number,
): Promise<{ byEmail: number; byIp: number }> {
  const rows = await db.query<{ by_email: number; by_ip: number }>(sql`
    SELECT
      count(*) FILTER (WHERE email = ${email.toLowerCase()})::int AS by_email,
      count(*) FILTER (WHERE ip = ${ip})::int AS by_ip
    FROM login_attempts
    WHERE NOT success AND at > now() - make_interval(mins => ${windowMinutes})
      AND (email = ${email.toLowerCase()} OR ip = ${ip})`);
  return { byEmail: rows[0]?.by_email ?? 0, byIp: rows[0]?.by_ip ?? 0 };
}

export async function setPassword(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.query(
    sql`UPDATE users SET password_hash = ${passwordHash}, updated_at = now() WHERE id = ${userId}`,
  );
}

export async function touchLastLogin(db: Db, userId: string): Promise<void> {
  await db.query(sql`UPDATE users SET last_login_at = now() WHERE id = ${userId}`);
}

export async function pruneAuthTables(db: Db): Promise<void> {
  await db.query(sql`DELETE FROM sessions WHERE expires_at < now()`);
  await db.query(sql`DELETE FROM login_attempts WHERE at < now() - interval '1 day'`);
}
