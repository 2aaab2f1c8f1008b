import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { membershipScope } from './communities.policy.ts';
import type { MembershipKind, MembershipStatus } from './communities.vocabulary.ts';

export interface MembershipDb {
  id: string;
  kind: MembershipKind;
  person_id: string;
  person_name: string;
  region_id: string;
  municipality_id: string;
  municipality_name: string;
  organization_id: string | null;
  organization_name: string | null;
  status: MembershipStatus;
  direction: string | null;
  note: string | null;
  from_on: string | null;
  to_on: string | null;
  reason: string | null;
  nominated_by_name: string | null;
  nominated_at: string;
  decided_by_name: string | null;
  decided_at: string | null;
  training_items: number;
  training_done: number;
}

const SELECT = sql`
  SELECT m.id, m.kind, m.person_id, trim(p.last_name || ' ' || p.first_name || ' ' || p.patronymic) AS person_name,
         m.region_id, m.municipality_id, mu.name AS municipality_name, m.organization_id, o.short_name AS organization_name,
         m.status, m.direction, m.note, m.from_on::text AS from_on, m.to_on::text AS to_on, m.reason,
         nu.full_name AS nominated_by_name, m.nominated_at::text AS nominated_at,
         du.full_name AS decided_by_name, m.decided_at::text AS decided_at,
         (SELECT count(*)::int FROM membership_training_items ti WHERE ti.membership_id = m.id) AS training_items,
         (SELECT count(*)::int FROM membership_training_items ti WHERE ti.membership_id = m.id AND ti.done_on IS NOT NULL) AS training_done
  FROM memberships m
  JOIN people p ON p.id = m.person_id
  JOIN municipalities mu ON mu.id = m.municipality_id
  LEFT JOIN organizations o ON o.id = m.organization_id
  LEFT JOIN users nu ON nu.id = m.nominated_by
  LEFT JOIN users du ON du.id = m.decided_by`;

export interface MembershipFilters {
  kind?: MembershipKind | undefined;
  status?: MembershipStatus | undefined;
  organizationId?: string | undefined;
  q?: string | undefined;
}

export async function listMemberships(db: Db, actor: Actor, f: MembershipFilters): Promise<MembershipDb[]> {
  const where: SQL[] = [membershipScope(actor)];
  if (f.kind) where.push(sql`m.kind = ${f.kind}`);
  if (f.status) where.push(sql`m.status = ${f.status}`);
  if (f.organizationId) where.push(sql`m.organization_id = ${f.organizationId}`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
    where.push(sql`trim(p.last_name || ' ' || p.first_name || ' ' || p.patronymic) ILIKE ${like}`);
  }
  return db.query<MembershipDb>(sql`${SELECT} WHERE ${sql.join(where, sql` AND `)}
    ORDER BY m.kind, array_position(ARRAY['nominated', 'approved', 'active', 'ended', 'rejected']::text[], m.status::text),
             p.last_name, p.first_name`);
}

export async function findMembership(db: Db, actor: Actor, id: string): Promise<MembershipDb | null> {
  const rows = await db.query<MembershipDb>(sql`${SELECT} WHERE m.id = ${id} AND ${membershipScope(actor)}`);
  return rows[0] ?? null;
}

/** Where the person works now: their main (else first) current employment's organization and territory. */
export async function personPlace(db: Db, personId: string) {
  const rows = await db.query<{ organization_id: string; municipality_id: string; region_id: string }>(sql`
    SELECT o.id AS organization_id, o.municipality_id, o.region_id
    FROM employments e JOIN organizations o ON o.id = e.organization_id
    WHERE e.person_id = ${personId} AND e.end_date IS NULL
    ORDER BY (e.kind = 'main') DESC, e.start_date LIMIT 1`);
  return rows[0] ?? null;
}

export async function worksIn(
  db: Db,
  personId: string,
  where: { organizationId?: string; municipalityId?: string; regionId?: string },
) {
  const cond = where.organizationId
    ? sql`o.id = ${where.organizationId}`
    : where.municipalityId
      ? sql`o.municipality_id = ${where.municipalityId}`
      : where.regionId
        ? sql`o.region_id = ${where.regionId}`
        : sql`true`;
  const rows = await db.query<{ organization_id: string; municipality_id: string; region_id: string }>(sql`
    SELECT o.id AS organization_id, o.municipality_id, o.region_id
    FROM employments e JOIN organizations o ON o.id = e.organization_id
    WHERE e.person_id = ${personId} AND e.end_date IS NULL AND ${cond}
    ORDER BY (e.kind = 'main') DESC, e.start_date LIMIT 1`);
  return rows[0] ?? null;
}

/** A nomination; null when the person already has an open membership of the kind. */
export async function insertMembership(
  db: Db,
  m: {
    kind: MembershipKind;
    personId: string;
    regionId: string;
    municipalityId: string;
    organizationId: string | null;
    direction: string | null;
    note: string | null;
    fromOn: string | null;
    toOn: string | null;
    userId: string;
  },
): Promise<string | null> {
  const rows = await db.query<{ id: string }>(sql`
    INSERT INTO memberships (kind, person_id, region_id, municipality_id, organization_id, direction, note, from_on, to_on, nominated_by)
    VALUES (${m.kind}, ${m.personId}, ${m.regionId}, ${m.municipalityId}, ${m.organizationId}::uuid, ${m.direction}, ${m.note},
            ${m.fromOn}::date, ${m.toOn}::date, ${m.userId}::uuid)
    ON CONFLICT (kind, person_id) WHERE status IN ('nominated', 'approved', 'active') DO NOTHING
    RETURNING id`);
  return rows[0]?.id ?? null;
}

export async function moveMembership(
  db: Db,
  id: string,
  from: MembershipStatus,
  to: MembershipStatus,
  p: { userId: string; reason: string | null; fromOn?: string | null; toOn?: string | null },
): Promise<boolean> {
  const rows = await db.query(sql`
    UPDATE memberships SET status = ${to}, decided_by = ${p.userId}::uuid, decided_at = now(), updated_at = now(),
      reason = COALESCE(${p.reason}, reason),
      from_on = COALESCE(${p.fromOn ?? null}::date, from_on),
      to_on = COALESCE(${p.toOn ?? null}::date, to_on)
    WHERE id = ${id} AND status = ${from} RETURNING id`);
  if (rows.length === 0) return false;
  await db.query(sql`
    INSERT INTO membership_transitions (membership_id, from_status, to_status, by_user, reason)
    VALUES (${id}, ${from}, ${to}, ${p.userId}::uuid, ${p.reason})`);
  return true;
}

export async function insertNominationTransition(db: Db, id: string, userId: string): Promise<void> {
  await db.query(sql`
    INSERT INTO membership_transitions (membership_id, from_status, to_status, by_user) VALUES (${id}, NULL, 'nominated', ${userId}::uuid)`);
}

export async function transitions(db: Db, id: string) {
  return db.query<{
    from: MembershipStatus | null;
    to: MembershipStatus;
    by_name: string | null;
    at: string;
    reason: string | null;
  }>(sql`
    SELECT t.from_status AS "from", t.to_status AS "to", u.full_name AS by_name, t.at::text AS at, t.reason
    FROM membership_transitions t LEFT JOIN users u ON u.id = t.by_user
    WHERE t.membership_id = ${id} ORDER BY t.at, t.id`);
}

export async function trainingItems(db: Db, membershipId: string) {
  return db.query<{
    id: string;
    title: string;
    due_on: string | null;
    done_on: string | null;
    note: string | null;
  }>(sql`
    SELECT id, title, due_on::text AS due_on, done_on::text AS done_on, note FROM membership_training_items
    WHERE membership_id = ${membershipId} ORDER BY due_on NULLS LAST, created_at`);
}

export async function findTrainingItem(db: Db, id: string) {
  const rows = await db.query<{
    id: string;
    membership_id: string;
    title: string;
    due_on: string | null;
    done_on: string | null;
    note: string | null;
  }>(sql`
    SELECT id, membership_id, title, due_on::text AS due_on, done_on::text AS done_on, note FROM membership_training_items WHERE id = ${id}`);
  return rows[0] ?? null;
}

export interface TrainingWrite {
  title: string;
  dueOn: string | null;
  doneOn: string | null;
  note: string | null;
}

export async function insertTrainingItem(db: Db, membershipId: string, t: TrainingWrite): Promise<string> {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO membership_training_items (membership_id, title, due_on, done_on, note)
    VALUES (${membershipId}, ${t.title}, ${t.dueOn}::date, ${t.doneOn}::date, ${t.note}) RETURNING id`);
  return row!.id;
}

export async function updateTrainingItem(db: Db, id: string, t: TrainingWrite): Promise<void> {
  await db.query(sql`
    UPDATE membership_training_items SET title = ${t.title}, due_on = ${t.dueOn}::date, done_on = ${t.doneOn}::date, note = ${t.note}
    WHERE id = ${id}`);
}

export async function deleteTrainingItem(db: Db, id: string): Promise<void> {
  await db.query(sql`DELETE FROM membership_training_items WHERE id = ${id}`);
}
