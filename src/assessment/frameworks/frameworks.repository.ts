import type { Actor } from '../../platform/auth/actor.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import { type OwnedRow, ownerReadScope } from '../assessment.policy.ts';

export interface FrameworkDb extends OwnedRow {
  id: string;
  code: string;
  name: string;
  description: string;
  audience: string;
  deficit_below: number;
  partial_below: number;
  updated_at: string;
}
export interface GroupDb {
  id: string;
  framework_id: string;
  code: string;
  name: string;
  position: number;
}
export interface CompetencyDb {
  id: string;
  framework_id: string;
  group_id: string;
  code: string;
  name: string;
  description: string;
  position: number;
}

const SELECT = sql`
  SELECT f.id, f.code, f.name, f.description, f.audience, f.owner_level, f.region_id, f.municipality_id,
         f.deficit_below, f.partial_below, f.updated_at
  FROM competency_frameworks f`;

export async function listFrameworks(db: Db, actor: Actor): Promise<FrameworkDb[]> {
  return db.query<FrameworkDb>(
    sql`${SELECT} WHERE ${ownerReadScope(actor, 'f')} ORDER BY (f.owner_level = 'system') DESC, f.name, f.id`,
  );
}

export async function findFramework(db: Db, actor: Actor, id: string): Promise<FrameworkDb | null> {
  const rows = await db.query<FrameworkDb>(
    sql`${SELECT} WHERE f.id = ${id} AND ${ownerReadScope(actor, 'f')}`,
  );
  return rows[0] ?? null;
}

/** A framework's competencies in the order of the tree: by group, then by competency. */
export async function listFrameworkCompetencies(
  db: Db,
  frameworkId: string,
): Promise<{ id: string; code: string; name: string }[]> {
  return db.query<{ id: string; code: string; name: string }>(sql`
    SELECT c.id, c.code, c.name FROM competencies c JOIN competency_groups g ON g.id = c.group_id
    WHERE c.framework_id = ${frameworkId} ORDER BY g.position, c.position, c.code`);
}

export async function findSystemFrameworkByCode(db: Db, code: string): Promise<{ id: string } | null> {
  const rows = await db.query<{ id: string }>(
    sql`SELECT id FROM competency_frameworks WHERE owner_level = 'system' AND code = ${code} ORDER BY created_at LIMIT 1`,
  );
  return rows[0] ?? null;
}

export async function loadTrees(
  db: Db,
  ids: string[],
): Promise<{ groups: GroupDb[]; competencies: CompetencyDb[] }> {
  if (ids.length === 0) return { groups: [], competencies: [] };
  const groups = await db.query<GroupDb>(sql`
    SELECT id, framework_id, code, name, position FROM competency_groups
    WHERE framework_id::text = ANY(${sql.param(ids)}::text[]) ORDER BY position, code`);
  const competencies = await db.query<CompetencyDb>(sql`
    SELECT id, framework_id, group_id, code, name, description, position FROM competencies
    WHERE framework_id::text = ANY(${sql.param(ids)}::text[]) ORDER BY position, code`);
  return { groups, competencies };
}

export interface TreeWrite {
  code: string;
  name: string;
  description: string;
  audience: string;
  ownerLevel: OwnedRow['owner_level'];
  regionId: string | null;
  municipalityId: string | null;
  deficitBelow: number;
  partialBelow: number;
  groups: {
    code: string;
    name: string;
    competencies: { code: string; name: string; description: string }[];
  }[];
}

/** A framework with its groups and competencies, in three set-based statements. */
export async function insertFrameworkTree(db: Db, t: TreeWrite): Promise<string> {
  const [f] = await db.query<{ id: string }>(sql`
    INSERT INTO competency_frameworks (code, name, description, audience, owner_level, region_id, municipality_id,
                                       deficit_below, partial_below)
    VALUES (${t.code}, ${t.name}, ${t.description}, ${t.audience}, ${t.ownerLevel}, ${t.regionId}, ${t.municipalityId},
            ${t.deficitBelow}, ${t.partialBelow})
    RETURNING id`);
  const id = f!.id;
  const groups = t.groups.map((g, i) => ({ code: g.code, name: g.name, position: i + 1 }));
  const comps = t.groups.flatMap((g) =>
    g.competencies.map((c, i) => ({ group_code: g.code, ...c, position: i + 1 })),
  );
  await db.query(sql`
    INSERT INTO competency_groups (framework_id, code, name, position)
    SELECT ${id}, x.code, x.name, x.position
    FROM jsonb_to_recordset(${JSON.stringify(groups)}::jsonb) AS x(code text, name text, position int)`);
  await db.query(sql`
    INSERT INTO competencies (framework_id, group_id, code, name, description, position)
    SELECT ${id}, g.id, x.code, x.name, x.description, x.position
    FROM jsonb_to_recordset(${JSON.stringify(comps)}::jsonb)
         AS x(group_code text, code text, name text, description text, position int)
    JOIN competency_groups g ON g.framework_id = ${id} AND g.code = x.group_code`);
  return id;
}

export async function updateFramework(
  db: Db,
  id: string,
  f: { name: string; description: string; deficitBelow: number; partialBelow: number },
): Promise<void> {
  await db.query(sql`
    UPDATE competency_frameworks SET name = ${f.name}, description = ${f.description},
      deficit_below = ${f.deficitBelow}, partial_below = ${f.partialBelow}, updated_at = now()
    WHERE id = ${id}`);
}

export async function touchFramework(db: Db, id: string): Promise<void> {
  await db.query(sql`UPDATE competency_frameworks SET updated_at = now() WHERE id = ${id}`);
}

export async function findGroup(db: Db, frameworkId: string, groupId: string): Promise<GroupDb | null> {
  const rows = await db.query<GroupDb>(
    sql`SELECT id, framework_id, code, name, position FROM competency_groups WHERE id = ${groupId} AND framework_id = ${frameworkId}`,
  );
  return rows[0] ?? null;
}

export async function groupCodeTaken(db: Db, frameworkId: string, code: string, exceptId: string | null) {
  const rows = await db.query(sql`
    SELECT 1 FROM competency_groups WHERE framework_id = ${frameworkId} AND code = ${code}
      AND (${exceptId}::uuid IS NULL OR id <> ${exceptId}::uuid)`);
  return rows.length > 0;
}

export async function insertGroup(
  db: Db,
  frameworkId: string,
  g: { code: string; name: string; position: number | undefined },
): Promise<string> {
  const [r] = await db.query<{ id: string }>(sql`
    INSERT INTO competency_groups (framework_id, code, name, position)
    VALUES (${frameworkId}, ${g.code}, ${g.name},
            COALESCE(${g.position ?? null}::int,
                     (SELECT COALESCE(max(position), 0) + 1 FROM competency_groups WHERE framework_id = ${frameworkId})))
    RETURNING id`);
  return r!.id;
}

export async function updateGroup(db: Db, id: string, g: { code: string; name: string; position: number }) {
  await db.query(
    sql`UPDATE competency_groups SET code = ${g.code}, name = ${g.name}, position = ${g.position} WHERE id = ${id}`,
  );
}

export async function deleteGroup(db: Db, id: string): Promise<void> {
  await db.query(sql`DELETE FROM competency_groups WHERE id = ${id}`);
}

export async function findCompetency(db: Db, frameworkId: string, id: string): Promise<CompetencyDb | null> {
  const rows = await db.query<CompetencyDb>(sql`
    SELECT id, framework_id, group_id, code, name, description, position FROM competencies
    WHERE id = ${id} AND framework_id = ${frameworkId}`);
  return rows[0] ?? null;
}

export async function competencyCodeTaken(
  db: Db,
  frameworkId: string,
  code: string,
  exceptId: string | null,
) {
  const rows = await db.query(sql`
    SELECT 1 FROM competencies WHERE framework_id = ${frameworkId} AND code = ${code}
      AND (${exceptId}::uuid IS NULL OR id <> ${exceptId}::uuid)`);
  return rows.length > 0;
}

export async function insertCompetency(
  db: Db,
  frameworkId: string,
  c: { groupId: string; code: string; name: string; description: string; position: number | undefined },
): Promise<string> {
  const [r] = await db.query<{ id: string }>(sql`
    INSERT INTO competencies (framework_id, group_id, code, name, description, position)
    VALUES (${frameworkId}, ${c.groupId}, ${c.code}, ${c.name}, ${c.description},
            COALESCE(${c.position ?? null}::int,
                     (SELECT COALESCE(max(position), 0) + 1 FROM competencies WHERE group_id = ${c.groupId})))
    RETURNING id`);
  return r!.id;
}

export async function updateCompetency(
  db: Db,
  id: string,
  c: { groupId: string; code: string; name: string; description: string; position: number },
) {
  await db.query(sql`
    UPDATE competencies SET group_id = ${c.groupId}, code = ${c.code}, name = ${c.name},
      description = ${c.description}, position = ${c.position}
    WHERE id = ${id}`);
}

export async function deleteCompetency(db: Db, id: string): Promise<void> {
  await db.query(sql`DELETE FROM competencies WHERE id = ${id}`);
}

/** Results recorded against competencies (of a group, or one competency): deleting them would erase history. */
export async function resultsCount(db: Db, f: { groupId?: string; competencyId?: string }): Promise<number> {
  const [r] = await db.query<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM competency_results cr JOIN competencies c ON c.id = cr.competency_id
    WHERE ${f.groupId ? sql`c.group_id = ${f.groupId}` : sql`c.id = ${f.competencyId ?? null}`}`);
  return r?.n ?? 0;
}

export async function frameworkCodes(db: Db, frameworkId: string): Promise<string[]> {
  const rows = await db.query<{ code: string }>(
    sql`SELECT code FROM competencies WHERE framework_id = ${frameworkId}`,
  );
  return rows.map((r) => r.code);
}

/** Instruments of the framework whose items refer to any of the codes (names, for a 409 message). */
export async function instrumentsUsingCodes(db: Db, frameworkId: string, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db.query<{ name: string }>(sql`
    SELECT i.name FROM instruments i
    WHERE i.framework_id = ${frameworkId}
      AND EXISTS (SELECT 1 FROM jsonb_array_elements(i.content->'items') it
                  WHERE it->>'competencyCode' = ANY(${sql.param(codes)}::text[]))
    ORDER BY i.name`);
  return rows.map((r) => r.name);
}

export async function groupCompetencyCodes(db: Db, groupId: string): Promise<string[]> {
  const rows = await db.query<{ code: string }>(
    sql`SELECT code FROM competencies WHERE group_id = ${groupId}`,
  );
  return rows.map((r) => r.code);
}
