import type { Actor } from '../../platform/auth/actor.ts';
import { orgWriteScope } from '../../platform/auth/scope.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import type { OrgCandidate } from './org-refs.ts';

/** Lookups the registry importers share, each one set-based query. */

/** The same normalization as `normName` in cells.ts, in SQL. */
const normNameSql = (column: string) =>
  sql.raw(`btrim(regexp_replace(translate(lower(${column}), 'ё«»“”„‟″', 'е"""""""'), '\\s+', ' ', 'g'))`);

/** Organizations whose code or full name is among the references, with whether the actor may write them. */
export async function findOrgCandidates(
  db: Db,
  actor: Actor,
  keys: { codes: string[]; names: string[] },
  regionId: string | undefined,
): Promise<OrgCandidate[]> {
  if (keys.codes.length === 0 && keys.names.length === 0) return [];
  return db.query<OrgCandidate>(sql`
    SELECT o.id, o.code, o.full_name, o.short_name, o.region_id, ${orgWriteScope(actor, 'o')} AS writable
    FROM organizations o
    WHERE (lower(o.code) = ANY(${sql.param(keys.codes)}::text[])
           OR ${normNameSql('o.full_name')} = ANY(${sql.param(keys.names)}::text[]))
      ${regionId ? sql`AND o.region_id = ${regionId}` : sql``}`);
}

export async function listRegions(db: Db): Promise<{ id: string; name: string }[]> {
  return db.query(sql`SELECT id, name FROM regions ORDER BY name`);
}

export async function findRegion(db: Db, id: string): Promise<{ id: string; name: string } | null> {
  const rows = await db.query<{ id: string; name: string }>(
    sql`SELECT id, name FROM regions WHERE id = ${id}`,
  );
  return rows[0] ?? null;
}

export async function findMunicipalityRegion(db: Db, municipalityId: string): Promise<string | null> {
  const rows = await db.query<{ region_id: string }>(
    sql`SELECT region_id FROM municipalities WHERE id = ${municipalityId}`,
  );
  return rows[0]?.region_id ?? null;
}
