import type { Actor } from '../../platform/auth/actor.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import { formReadScope } from '../monitoring.policy.ts';
import type { FormField } from './form-fields.ts';

/** Collection forms (the builder's side): SQL only. Reads are cut to the forms the actor sees. */

export type OwnerLevel = 'system' | 'region' | 'municipality' | 'organization';

export interface FormDb {
  id: string;
  name: string;
  description: string;
  owner_level: OwnerLevel;
  region_id: string | null;
  municipality_id: string | null;
  fields: FormField[];
  archived: boolean;
  created_at: string;
  updated_at: string;
  assignment_count: number;
}

const FORM_SELECT = sql`
  SELECT f.id, f.name, f.description, f.owner_level, f.region_id, f.municipality_id, f.fields, f.archived,
         f.created_at, f.updated_at,
         (SELECT count(*)::int FROM form_assignments a WHERE a.form_id = f.id) AS assignment_count
  FROM collection_forms f`;

export async function findVisibleForm(db: Db, actor: Actor, id: string): Promise<FormDb | undefined> {
  const [r] = await db.query<FormDb>(sql`${FORM_SELECT} WHERE f.id = ${id} AND ${formReadScope(actor)}`);
  return r;
}

export async function listVisibleForms(db: Db, actor: Actor): Promise<FormDb[]> {
  return db.query<FormDb>(
    sql`${FORM_SELECT} WHERE ${formReadScope(actor)} ORDER BY f.archived, f.updated_at DESC, f.id`,
  );
}

export async function regionOfMunicipality(db: Db, municipalityId: string): Promise<string | null> {
  const [m] = await db.query<{ region_id: string }>(
    sql`SELECT region_id FROM municipalities WHERE id = ${municipalityId}`,
  );
  return m?.region_id ?? null;
}

export async function insertForm(
  db: Db,
  input: { name: string; description: string; fields: FormField[] },
  owner: { ownerLevel: OwnerLevel; regionId: string | null; municipalityId: string | null },
  userId: string | null,
): Promise<string> {
  const [r] = await db.query<{ id: string }>(sql`
    INSERT INTO collection_forms (name, description, owner_level, region_id, municipality_id, fields, created_by)
    VALUES (${input.name}, ${input.description}, ${owner.ownerLevel}, ${owner.regionId}, ${owner.municipalityId},
            ${JSON.stringify(input.fields)}::jsonb, ${userId})
    RETURNING id`);
  return r!.id;
}

export async function updateFormRow(
  db: Db,
  id: string,
  w: { name: string; description: string; fields: FormField[]; archived: boolean },
): Promise<void> {
  await db.query(sql`
    UPDATE collection_forms
    SET name = ${w.name}, description = ${w.description},
        fields = ${JSON.stringify(w.fields)}::jsonb, archived = ${w.archived}, updated_at = now()
    WHERE id = ${id}`);
}

/** The `manual:<code>` measures the visible indicator sets use, with the indicators using them. */
export async function manualCodesInUse(
  db: Db,
  actor: Actor,
): Promise<{ code: string; indicators: string[] }[]> {
  return db.query<{ code: string; indicators: string[] }>(sql`
    SELECT m.code, array_agg(DISTINCT i.code || ' ' || i.name ORDER BY i.code || ' ' || i.name) AS indicators
    FROM indicators i
    JOIN indicator_sets f ON f.id = i.set_id
    CROSS JOIN LATERAL (SELECT (regexp_matches(i.formula::text, '"manual:([A-Za-z0-9_.-]+)"', 'g'))[1] AS code) m
    WHERE ${formReadScope(actor)}
    GROUP BY m.code`);
}
