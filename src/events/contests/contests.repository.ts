import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import type { ContestOutcome } from './contests.rules.ts';

/** Data access of contests: nominations, criteria, entries, score sheets, publication. */

export interface NominationDb {
  id: string;
  title: string;
  position: number;
  entries: number;
}
export interface CriterionDb {
  id: string;
  title: string;
  max_score: number;
  position: number;
  scored: number;
}
export interface EntryDb {
  id: string;
  event_id: string;
  nomination_id: string;
  nomination_title: string;
  registration_id: string;
  person_id: string;
  person_name: string;
  organization_name: string | null;
  title: string;
  materials_url: string | null;
  submitted_at: string;
  updated_at: string;
  outcome: ContestOutcome | null;
  /** The average of the jurors' totals (complete sheets of confirmed jurors); null when unscored. */
  average: number | null;
  sheets: number;
  diploma_certificate_id: string | null;
  diploma_serial: string | null;
}

export async function publishedAt(db: Db, eventId: string): Promise<string | null> {
  const rows = await db.query<{ published_at: string | null }>(
    sql`SELECT published_at::text AS published_at FROM contests WHERE event_id = ${eventId}`,
  );
  return rows[0]?.published_at ?? null;
}

/** Marks the results published unless they already are; false when they were (the row is locked). */
export async function markPublished(tx: Db, eventId: string, userId: string): Promise<boolean> {
  const rows = await tx.query(sql`
    INSERT INTO contests (event_id, published_at, published_by) VALUES (${eventId}, now(), ${userId})
    ON CONFLICT (event_id) DO UPDATE SET published_at = now(), published_by = ${userId}
      WHERE contests.published_at IS NULL
    RETURNING event_id`);
  return rows.length > 0;
}

/** Locks the contest's row (made if missing), so score and outcome writes queue behind a publication. */
export async function lockContest(tx: Db, eventId: string): Promise<string | null> {
  await tx.query(sql`INSERT INTO contests (event_id) VALUES (${eventId}) ON CONFLICT (event_id) DO NOTHING`);
  const [row] = await tx.query<{ published_at: string | null }>(
    sql`SELECT published_at::text AS published_at FROM contests WHERE event_id = ${eventId} FOR UPDATE`,
  );
  return row?.published_at ?? null;
}

export async function listNominations(db: Db, eventId: string): Promise<NominationDb[]> {
  return db.query<NominationDb>(sql`
    SELECT n.id, n.title, n.position,
           (SELECT count(*)::int FROM contest_entries e WHERE e.nomination_id = n.id) AS entries
    FROM contest_nominations n WHERE n.event_id = ${eventId} ORDER BY n.position, n.title`);
}

export async function listCriteria(db: Db, eventId: string): Promise<CriterionDb[]> {
  return db.query<CriterionDb>(sql`
    SELECT k.id, k.title, k.max_score, k.position,
           (SELECT count(*)::int FROM contest_scores s WHERE s.criterion_id = k.id) AS scored
    FROM contest_criteria k WHERE k.event_id = ${eventId} ORDER BY k.position, k.title`);
}

export async function findNomination(db: Db, id: string) {
  const rows = await db.query<{ id: string; event_id: string; title: string; position: number }>(
    sql`SELECT id, event_id, title, position FROM contest_nominations WHERE id = ${id}`,
  );
  return rows[0] ?? null;
}

export async function findCriterion(db: Db, id: string) {
  const rows = await db.query<{ id: string; event_id: string; title: string; max_score: number }>(
    sql`SELECT id, event_id, title, max_score FROM contest_criteria WHERE id = ${id}`,
  );
  return rows[0] ?? null;
}

export async function nominationTitleTaken(db: Db, eventId: string, title: string, exceptId: string | null) {
  const rows = await db.query(sql`SELECT 1 FROM contest_nominations WHERE event_id = ${eventId}
    AND lower(title) = lower(${title}) AND id IS DISTINCT FROM ${exceptId}::uuid`);
  return rows.length > 0;
}

export async function criterionTitleTaken(db: Db, eventId: string, title: string, exceptId: string | null) {
  const rows = await db.query(sql`SELECT 1 FROM contest_criteria WHERE event_id = ${eventId}
    AND lower(title) = lower(${title}) AND id IS DISTINCT FROM ${exceptId}::uuid`);
  return rows.length > 0;
}

const ENTRY_SELECT = sql`
  SELECT e.id, e.event_id, e.nomination_id, n.title AS nomination_title, e.registration_id, r.person_id,
         trim(p.last_name || ' ' || p.first_name || ' ' || p.patronymic) AS person_name,
         (SELECT o.short_name FROM employments em JOIN organizations o ON o.id = em.organization_id
          WHERE em.person_id = p.id AND em.end_date IS NULL ORDER BY (em.kind = 'main') DESC, o.short_name LIMIT 1) AS organization_name,
         e.title, e.materials_url, e.submitted_at::text AS submitted_at, e.updated_at::text AS updated_at, e.outcome,
         sc.average, COALESCE(sc.sheets, 0) AS sheets,
         e.diploma_certificate_id, dc.serial AS diploma_serial
  FROM contest_entries e
  JOIN contest_nominations n ON n.id = e.nomination_id
  JOIN event_registrations r ON r.id = e.registration_id
  JOIN people p ON p.id = r.person_id
  LEFT JOIN event_certificates dc ON dc.id = e.diploma_certificate_id
  LEFT JOIN LATERAL (
    SELECT round(avg(t.total), 2)::float8 AS average, count(*)::int AS sheets
    FROM (SELECT s.juror_registration_id, sum(s.score) AS total
          FROM contest_scores s JOIN event_registrations j ON j.id = s.juror_registration_id
          WHERE s.entry_id = e.id AND j.status = 'confirmed' AND j.role = 'jury'
          GROUP BY s.juror_registration_id) t) sc ON true`;

export async function listEntries(
  db: Db,
  eventId: string,
  opts: { registrationId?: string } = {},
): Promise<EntryDb[]> {
  const mine = opts.registrationId ? sql`AND e.registration_id = ${opts.registrationId}` : sql``;
  return db.query<EntryDb>(sql`${ENTRY_SELECT} WHERE e.event_id = ${eventId} ${mine}
    ORDER BY n.position, n.title, p.last_name, p.first_name, e.submitted_at`);
}

export async function findEntry(db: Db, id: string): Promise<EntryDb | null> {
  const rows = await db.query<EntryDb>(sql`${ENTRY_SELECT} WHERE e.id = ${id}`);
  return rows[0] ?? null;
}

export async function insertEntry(
  db: Db,
  e: {
    eventId: string;
    nominationId: string;
    registrationId: string;
    title: string;
    materialsUrl: string | null;
  },
): Promise<string | null> {
  const rows = await db.query<{ id: string }>(sql`
    INSERT INTO contest_entries (event_id, nomination_id, registration_id, title, materials_url)
    VALUES (${e.eventId}, ${e.nominationId}, ${e.registrationId}, ${e.title}, ${e.materialsUrl})
    ON CONFLICT (registration_id, nomination_id) DO NOTHING RETURNING id`);
  return rows[0]?.id ?? null;
}

/** A juror's sheet for an entry: criterion → score. */
export async function jurorSheets(db: Db, eventId: string, jurorRegistrationId: string) {
  return db.query<{ entry_id: string; criterion_id: string; score: number; updated_at: string }>(sql`
    SELECT s.entry_id, s.criterion_id, s.score, s.updated_at::text AS updated_at
    FROM contest_scores s JOIN contest_entries e ON e.id = s.entry_id
    WHERE e.event_id = ${eventId} AND s.juror_registration_id = ${jurorRegistrationId}`);
}

export async function replaceSheet(
  tx: Db,
  entryId: string,
  jurorRegistrationId: string,
  scores: { criterionId: string; score: number }[],
): Promise<void> {
  await tx.query(
    sql`DELETE FROM contest_scores WHERE entry_id = ${entryId} AND juror_registration_id = ${jurorRegistrationId}`,
  );
  await tx.query(sql`
    INSERT INTO contest_scores (entry_id, juror_registration_id, criterion_id, score)
    SELECT ${entryId}, ${jurorRegistrationId}, (x->>'criterionId')::uuid, (x->>'score')::int
    FROM jsonb_array_elements(${JSON.stringify(scores)}::jsonb) x`);
}
