import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { orgScope } from '../auth/scope.ts';
import type { Db } from '../db/database.ts';
import { naturalOrder } from '../db/natural-order.ts';

/** The SQL of inviting many registry people at once (bulk-invitations.service.ts). */

export interface BulkFilter {
  municipalityId?: string | undefined;
  organizationId?: string | undefined;
  staffCategory?: 'pedagogical' | 'managerial' | undefined;
}

/** A person of the selection with where they mainly work and the account they may already have. */
export interface BulkCandidateDb {
  person_id: string;
  full_name: string;
  email: string | null;
  organization_id: string;
  organization_name: string;
  municipality_id: string;
  region_id: string;
  position: string;
  user_id: string | null;
  user_active: boolean | null;
  user_has_password: boolean | null;
  /** The registry's address already names another account. */
  email_taken: boolean;
}

/**
 * Everyone whose main place of work (or, lacking a main one, their first current one) is an
 * organization within the actor's scope and the filter. A person is counted once, at that one
 * organization: a part-timer whose main job is elsewhere is invited from there, so a methodist's
 * selection never reaches people of another municipality.
 */
export async function findBulkCandidates(db: Db, actor: Actor, f: BulkFilter): Promise<BulkCandidateDb[]> {
  const parts: SQL[] = [orgScope(actor, 'o')];
  if (f.municipalityId) parts.push(sql`o.municipality_id = ${f.municipalityId}`);
  if (f.organizationId) parts.push(sql`o.id = ${f.organizationId}`);
  if (f.staffCategory) parts.push(sql`pl.staff_category = ${f.staffCategory}`);
  return db.query<BulkCandidateDb>(sql`
    WITH placement AS (
      SELECT DISTINCT ON (e.person_id) e.person_id, e.organization_id, e.position, e.staff_category
      FROM employments e
      WHERE e.end_date IS NULL
      ORDER BY e.person_id, (e.kind = 'main') DESC, e.start_date NULLS LAST, e.id
    )
    SELECT p.id AS person_id,
           concat_ws(' ', p.last_name, p.first_name, nullif(p.patronymic, '')) AS full_name,
           nullif(btrim(p.email), '') AS email,
           o.id AS organization_id, o.short_name AS organization_name, o.municipality_id, o.region_id,
           pl.position,
           u.id AS user_id, u.active AS user_active, (u.password_hash IS NOT NULL) AS user_has_password,
           (p.email IS NOT NULL AND EXISTS (
              SELECT 1 FROM users t WHERE lower(t.email) = lower(btrim(p.email))
                AND t.person_id IS DISTINCT FROM p.id)) AS email_taken
    FROM placement pl
    JOIN people p ON p.id = pl.person_id
    JOIN organizations o ON o.id = pl.organization_id
    LEFT JOIN LATERAL (
      SELECT x.id, x.active, x.password_hash FROM users x WHERE x.person_id = p.id
      ORDER BY x.created_at, x.id LIMIT 1
    ) u ON true
    WHERE ${sql.join(parts, sql` AND `)}
    ORDER BY ${naturalOrder('o.short_name')}, o.id, p.last_name, p.first_name, p.patronymic, p.id`);
}

/** Two bulk invitations at once would both see a person without an account: one at a time. */
export async function lockBulkInvitations(db: Db): Promise<void> {
  await db.query(sql`SELECT pg_advisory_xact_lock(hashtext('marshrut.bulk-invitations'))`);
}

export interface NewTeacherAccount {
  personId: string;
  email: string | null;
  fullName: string;
  regionId: string;
  municipalityId: string;
  organizationId: string;
}

/** Teacher accounts for the people, in one statement; answers the new ids by person. */
export async function insertTeacherAccounts(
  db: Db,
  accounts: NewTeacherAccount[],
): Promise<{ id: string; person_id: string }[]> {
  if (accounts.length === 0) return [];
  return db.query<{ id: string; person_id: string }>(sql`
    INSERT INTO users (email, full_name, role, region_id, municipality_id, organization_id, person_id)
    SELECT x.email, x."fullName", 'teacher', x."regionId", x."municipalityId", x."organizationId", x."personId"
    FROM jsonb_to_recordset(${JSON.stringify(accounts)}::jsonb)
      AS x("personId" uuid, email text, "fullName" text, "regionId" uuid, "municipalityId" uuid, "organizationId" uuid)
    ON CONFLICT (lower(email)) DO NOTHING
    RETURNING id, person_id`);
}

/** New one-time links (hashes only); each replaces the account's unused one. */
export async function replaceInvitations(
  db: Db,
  items: { userId: string; tokenHash: string }[],
  createdBy: string | null,
  expiresAt: Date,
): Promise<void> {
  if (items.length === 0) return;
  const ids = items.map((i) => i.userId);
  await db.query(
    sql`DELETE FROM invitations WHERE user_id = ANY(${sql.param(ids)}::uuid[]) AND used_at IS NULL`,
  );
  await db.query(sql`
    INSERT INTO invitations (token_hash, user_id, created_by, expires_at)
    SELECT x."tokenHash", x."userId", ${createdBy}, ${expiresAt.toISOString()}
    FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS x("userId" uuid, "tokenHash" text)`);
}

/** A municipality or an organization named in the filter, if the actor can see it. */
export async function visibleMunicipality(db: Db, actor: Actor, id: string): Promise<boolean> {
  const scope =
    actor.role === 'admin'
      ? sql`true`
      : actor.role === 'region_admin'
        ? sql`m.region_id = ${actor.regionId}`
        : sql`(m.id = ${actor.municipalityId ?? null}
               OR EXISTS (SELECT 1 FROM organizations o WHERE o.municipality_id = m.id AND ${orgScope(actor, 'o')}))`;
  const rows = await db.query(sql`SELECT 1 FROM municipalities m WHERE m.id = ${id} AND ${scope}`);
  return rows.length > 0;
}

export async function visibleOrganization(db: Db, actor: Actor, id: string): Promise<boolean> {
  const rows = await db.query(
    sql`SELECT 1 FROM organizations o WHERE o.id = ${id} AND ${orgScope(actor, 'o')}`,
  );
  return rows.length > 0;
}
