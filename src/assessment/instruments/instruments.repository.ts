import type { Actor } from '../../platform/auth/actor.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import { type OwnedRow, ownerReadScope } from '../assessment.policy.ts';
import type { InstrumentContent, InstrumentKind } from './content.ts';

export interface InstrumentDb extends OwnedRow {
  id: string;
  code: string;
  name: string;
  kind: InstrumentKind;
  framework_id: string | null;
  framework_code: string | null;
  version: number;
  content: InstrumentContent;
  item_count: number;
  updated_at: string;
}

const SELECT = sql`
  SELECT i.id, i.code, i.name, i.kind, i.framework_id, f.code AS framework_code, i.owner_level, i.region_id,
         i.municipality_id, i.version, i.content, jsonb_array_length(i.content->'items')::int AS item_count, i.updated_at
  FROM instruments i LEFT JOIN competency_frameworks f ON f.id = i.framework_id`;

export async function listInstruments(
  db: Db,
  actor: Actor,
  f: { kind?: InstrumentKind | undefined },
): Promise<InstrumentDb[]> {
  const where = [ownerReadScope(actor, 'i'), f.kind ? sql`i.kind = ${f.kind}` : sql`true`];
  return db.query<InstrumentDb>(
    sql`${SELECT} WHERE ${sql.join(where, sql` AND `)} ORDER BY (i.owner_level = 'system') DESC, i.name, i.id`,
  );
}

export async function findInstrument(db: Db, actor: Actor, id: string): Promise<InstrumentDb | null> {
  const rows = await db.query<InstrumentDb>(
    sql`${SELECT} WHERE i.id = ${id} AND ${ownerReadScope(actor, 'i')}`,
  );
  return rows[0] ?? null;
}

export async function findSystemInstrumentByCode(db: Db, code: string): Promise<{ id: string } | null> {
  const rows = await db.query<{ id: string }>(
    sql`SELECT id FROM instruments WHERE owner_level = 'system' AND code = ${code} ORDER BY created_at LIMIT 1`,
  );
  return rows[0] ?? null;
}

export interface InstrumentWrite {
  code: string;
  name: string;
  kind: InstrumentKind;
  frameworkId: string | null;
  ownerLevel: OwnedRow['owner_level'];
  regionId: string | null;
  municipalityId: string | null;
  content: InstrumentContent;
}

export async function insertInstrument(db: Db, w: InstrumentWrite): Promise<string> {
  const [r] = await db.query<{ id: string }>(sql`
    INSERT INTO instruments (code, name, kind, framework_id, owner_level, region_id, municipality_id, content)
    VALUES (${w.code}, ${w.name}, ${w.kind}, ${w.frameworkId}, ${w.ownerLevel}, ${w.regionId}, ${w.municipalityId},
            ${JSON.stringify(w.content)}::jsonb)
    RETURNING id`);
  return r!.id;
}

/** Replaces the content and bumps the version; attempts keep the version they were given. */
export async function replaceInstrument(
  db: Db,
  id: string,
  w: {
    code: string;
    name: string;
    kind: InstrumentKind;
    frameworkId: string | null;
    content: InstrumentContent;
  },
): Promise<number> {
  const [r] = await db.query<{ version: number }>(sql`
    UPDATE instruments SET code = ${w.code}, name = ${w.name}, kind = ${w.kind}, framework_id = ${w.frameworkId},
      content = ${JSON.stringify(w.content)}::jsonb, version = version + 1, updated_at = now()
    WHERE id = ${id} RETURNING version`);
  return r!.version;
}
