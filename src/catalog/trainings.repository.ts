import { sql } from 'drizzle-orm';
import type { Actor } from '../platform/auth/actor.ts';
import { personScope } from '../platform/auth/scope.ts';
import type { Db } from '../platform/db/database.ts';
import type { TrainingDocument } from './catalog.vocabulary.ts';

export interface TrainingDb {
  id: string;
  person_id: string;
  program_id: string | null;
  program_code: string | null;
  program_name: string;
  provider: string | null;
  document: TrainingDocument;
  document_number: string;
  issued_on: string;
  hours: number;
}

/**
 * The person as the actor sees them: null if not visible; writable when the actor may record
 * trainings (the catalog policy says who) and the person is in their scope.
 */
export async function personAccess(
  db: Db,
  actor: Actor,
  personId: string,
  mayRecord: boolean,
): Promise<{ writable: boolean } | null> {
  const writable = mayRecord ? personScope(actor, 'p') : sql`false`;
  const rows = await db.query<{ writable: boolean }>(sql`
    SELECT ${writable} AS writable FROM people p WHERE p.id = ${personId} AND ${personScope(actor, 'p')}`);
  return rows[0] ?? null;
}

const SELECT = sql`
  SELECT t.id, t.person_id, t.program_id, pr.code AS program_code, t.program_name, t.provider, t.document,
         t.document_number, t.issued_on, t.hours
  FROM trainings t LEFT JOIN programs pr ON pr.id = t.program_id`;

export async function listTrainings(db: Db, personId: string): Promise<TrainingDb[]> {
  return db.query<TrainingDb>(
    sql`${SELECT} WHERE t.person_id = ${personId} ORDER BY t.issued_on DESC, t.document_number`,
  );
}

export async function findTraining(db: Db, id: string): Promise<TrainingDb | null> {
  const rows = await db.query<TrainingDb>(sql`${SELECT} WHERE t.id = ${id}`);
  return rows[0] ?? null;
}

export interface TrainingWrite {
  programId: string | null;
  programName: string;
  provider: string | null;
  document: TrainingDocument;
  documentNumber: string;
  issuedOn: string;
  hours: number;
}

/** Inserts one training; null when the person already has a document with this number. */
export async function insertTraining(db: Db, personId: string, t: TrainingWrite): Promise<string | null> {
  const rows = await db.query<{ id: string }>(sql`
    INSERT INTO trainings (person_id, program_id, program_name, provider, document, document_number, issued_on, hours)
    VALUES (${personId}, ${t.programId}, ${t.programName}, ${t.provider}, ${t.document}, ${t.documentNumber},
            ${t.issuedOn}, ${t.hours})
    ON CONFLICT (person_id, document_number) DO NOTHING
    RETURNING id`);
  return rows[0]?.id ?? null;
}

export async function deleteTraining(db: Db, id: string): Promise<void> {
  await db.query(sql`DELETE FROM trainings WHERE id = ${id}`);
}

/** A catalog program by its code, or by its exact name (case-insensitive) when one program has it. */
export async function programsByCodeOrName(
  db: Db,
  keys: readonly string[],
): Promise<Map<string, { id: string; name: string; provider: string }>> {
  const map = new Map<string, { id: string; name: string; provider: string }>();
  if (keys.length === 0) return map;
  const rows = await db.query<{ id: string; code: string; name: string; provider: string }>(sql`
    SELECT id, code, name, provider FROM programs
    WHERE code = ANY(${sql.param([...keys])}::text[]) OR lower(name) = ANY(${sql.param(keys.map((k) => k.toLowerCase()))}::text[])`);
  const byName = new Map<string, { id: string; name: string; provider: string }[]>();
  for (const r of rows) {
    map.set(r.code, r);
    const k = r.name.toLowerCase();
    byName.set(k, [...(byName.get(k) ?? []), r]);
  }
  for (const key of keys) {
    if (map.has(key)) continue;
    const named = byName.get(key.toLowerCase());
    if (named?.length === 1) map.set(key, named[0]!);
  }
  return map;
}
