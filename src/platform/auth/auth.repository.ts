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
 * Sessions looked up in the last SESSION_CACHE_MS, per database: every page makes a dozen API
 * requests, each of which would otherwise start with this query. Anything here that ends or
 * changes a session or its user (logout, a password set, a user edited or switched off) forgets
 * every entry at once (`forgetSessions`), so within this process a change takes effect at the next
 * request. A change made by another process (the CLI) is seen within SESSION_CACHE_MS. An entry also
 * ends at the session's own expiry.
 */
export const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_MAX = 5_000;
interface CachedSession {
  user: UserRow;
  at: number;
  expiresAt: number;
  generation: number;
}
const sessionCaches = new WeakMap<object, Map<string, CachedSession>>();
let sessionGeneration = 0;

/** Forgets every cached session lookup (of every database: the changes are rare). */
export function forgetSessions(): void {
  sessionGeneration += 1;
}

/**
 * The session's user if the session is within its absolute and idle limits; touches last_seen_at
 * (at most once a minute, so reads stay cheap).
 */
export async function findSessionUser(db: Db, idHash: string, idleMinutes: number): Promise<UserRow | null> {
  if (db.inTransaction) return (await findSessionUserNow(db, idHash, idleMinutes))?.user ?? null;
  let cache = sessionCaches.get(db);
  if (!cache) {
    cache = new Map();
    sessionCaches.set(db, cache);
  }
  const now = Date.now();
  const hit = cache.get(idHash);
  if (hit && hit.generation === sessionGeneration && now - hit.at < SESSION_CACHE_MS && now < hit.expiresAt) {
    return hit.user;
  }
  cache.delete(idHash);
  const generation = sessionGeneration;
  const found = await findSessionUserNow(db, idHash, idleMinutes);
  // Not kept if something was forgotten while the lookup ran: it may have read the old row.
  if (found && generation === sessionGeneration) {
    if (cache.size >= SESSION_CACHE_MAX) cache.delete(cache.keys().next().value as string);
    cache.set(idHash, { user: found.user, at: now, expiresAt: found.expiresAt, generation });
  }
  return found?.user ?? null;
}

async function findSessionUserNow(
  db: Db,
  idHash: string,
  idleMinutes: number,
): Promise<{ user: UserRow; expiresAt: number } | null> {
  const rows = await db.query<UserRow & { last_seen_at: string; expires_at: string }>(sql`
    SELECT ${USER_COLUMNS}, s.last_seen_at, s.expires_at
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
  const { last_seen_at: _seen, expires_at, ...user } = row;
  return { user, expiresAt: Date.parse(expires_at) };
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  forgetSessions();
  await db.query(sql`DELETE FROM sessions WHERE id_hash = ${idHash}`);
}

export async function deleteUserSessions(db: Db, userId: string, exceptIdHash?: string): Promise<void> {
  forgetSessions();
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
  forgetSessions();
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
