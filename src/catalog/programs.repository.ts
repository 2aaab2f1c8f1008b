import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/database.ts';
import type { Direction, ProgramFormat, ProgramKind } from './catalog.vocabulary.ts';

/** The columns that say who keeps a program (see catalog.policy.ts). */
export interface ProgramOwnerDb {
  region_id: string | null;
  municipality_id: string | null;
  region_name: string | null;
  municipality_name: string | null;
}

export interface ProgramDb extends ProgramOwnerDb {
  id: string;
  code: string;
  name: string;
  kind: ProgramKind;
  hours: number;
  provider: string;
  format: ProgramFormat;
  federal_registry: boolean;
  federal_registry_number: string | null;
  priority_directions: Direction[];
  active: boolean;
  competency_codes: string[];
}

export interface CohortDb {
  id: string;
  program_id: string;
  starts_on: string;
  ends_on: string;
  seats: number | null;
}

export interface CompetencyRef {
  id: string;
  code: string;
  name: string;
}

export interface ProgramWrite {
  code: string;
  name: string;
  kind: ProgramKind;
  hours: number;
  provider: string;
  format: ProgramFormat;
  federalRegistry: boolean;
  federalRegistryNumber: string | null;
  priorityDirections: Direction[];
  active: boolean;
}

export interface ProgramFilters {
  q?: string | undefined;
  kind?: ProgramKind | undefined;
  format?: ProgramFormat | undefined;
  federalRegistry?: boolean | undefined;
  direction?: Direction | undefined;
  competencyCode?: string | undefined;
}

/** The keeper's territory names; `p` is the programs alias. */
const OWNER_COLUMNS = sql`p.region_id, p.municipality_id,
  (SELECT r.name FROM regions r WHERE r.id = p.region_id) AS region_name,
  (SELECT m.name FROM municipalities m WHERE m.id = p.municipality_id) AS municipality_name`;

/** The catalog is open to every signed-in user: no scope here; who may change is catalog.policy.ts. */
const SELECT = sql`
  SELECT p.id, ${OWNER_COLUMNS}, p.code, p.name, p.kind, p.hours, p.provider, p.format, p.federal_registry,
         p.federal_registry_number, p.priority_directions, p.active,
         COALESCE((SELECT array_agg(c.code ORDER BY c.code) FROM program_competencies pc
                   JOIN competencies c ON c.id = pc.competency_id WHERE pc.program_id = p.id), '{}'::text[]) AS competency_codes
  FROM programs p`;

export async function listPrograms(db: Db, f: ProgramFilters): Promise<ProgramDb[]> {
  const parts: SQL[] = [sql`true`];
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    parts.push(sql`(p.name ILIKE ${like} OR p.code ILIKE ${like} OR p.provider ILIKE ${like})`);
  }
  if (f.kind) parts.push(sql`p.kind = ${f.kind}`);
  if (f.format) parts.push(sql`p.format = ${f.format}`);
  if (f.federalRegistry !== undefined) parts.push(sql`p.federal_registry = ${f.federalRegistry}`);
  if (f.direction) parts.push(sql`${f.direction} = ANY(p.priority_directions)`);
  if (f.competencyCode) {
    parts.push(sql`EXISTS (SELECT 1 FROM program_competencies pc JOIN competencies c ON c.id = pc.competency_id
                           WHERE pc.program_id = p.id AND c.code = ${f.competencyCode})`);
  }
  return db.query<ProgramDb>(sql`${SELECT} WHERE ${sql.join(parts, sql` AND `)} ORDER BY p.name, p.code`);
}

export async function findProgram(db: Db, id: string): Promise<ProgramDb | null> {
  const rows = await db.query<ProgramDb>(sql`${SELECT} WHERE p.id = ${id}`);
  return rows[0] ?? null;
}

export async function programCompetencies(db: Db, programId: string): Promise<CompetencyRef[]> {
  return db.query<CompetencyRef>(sql`
    SELECT c.id, c.code, c.name FROM program_competencies pc JOIN competencies c ON c.id = pc.competency_id
    WHERE pc.program_id = ${programId} ORDER BY c.code`);
}

export async function programCohorts(db: Db, programId: string): Promise<CohortDb[]> {
  return db.query<CohortDb>(sql`
    SELECT id, program_id, starts_on, ends_on, seats FROM program_cohorts
    WHERE program_id = ${programId} ORDER BY starts_on, ends_on`);
}

/** Competencies by code: code → ids (a code may repeat across frameworks). */
export async function competenciesByCode(db: Db, codes: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (codes.length === 0) return map;
  const rows = await db.query<{ id: string; code: string }>(sql`
    SELECT id, code FROM competencies WHERE code = ANY(${sql.param([...codes])}::text[]) ORDER BY id`);
  for (const r of rows) map.set(r.code, [...(map.get(r.code) ?? []), r.id]);
  return map;
}

export async function programCodeTaken(db: Db, code: string, exceptId: string | null): Promise<boolean> {
  const rows = await db.query(
    sql`SELECT 1 FROM programs WHERE code = ${code} AND id IS DISTINCT FROM ${exceptId}::uuid`,
  );
  return rows.length > 0;
}

export interface ProgramOwnerWrite {
  regionId: string | null;
  municipalityId: string | null;
}

/** A municipality's program always lies in that municipality's region. */
export const ownerRegion = (regionId: SQL, municipalityId: SQL): SQL =>
  sql`CASE WHEN ${municipalityId} IS NULL THEN ${regionId}
           ELSE (SELECT m.region_id FROM municipalities m WHERE m.id = ${municipalityId}) END`;

export async function insertProgram(db: Db, owner: ProgramOwnerWrite, p: ProgramWrite): Promise<string> {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO programs (region_id, municipality_id, code, name, kind, hours, provider, format, federal_registry,
                          federal_registry_number, priority_directions, active)
    VALUES (${ownerRegion(sql`${owner.regionId}::uuid`, sql`${owner.municipalityId}::uuid`)},
            ${owner.municipalityId}::uuid, ${p.code}, ${p.name}, ${p.kind}, ${p.hours}, ${p.provider}, ${p.format},
            ${p.federalRegistry}, ${p.federalRegistryNumber}, ${sql.param(p.priorityDirections)}::text[], ${p.active})
    RETURNING id`);
  return row!.id;
}

export async function updateProgram(db: Db, id: string, p: ProgramWrite): Promise<void> {
  await db.query(sql`
    UPDATE programs SET code = ${p.code}, name = ${p.name}, kind = ${p.kind}, hours = ${p.hours},
      provider = ${p.provider}, format = ${p.format}, federal_registry = ${p.federalRegistry},
      federal_registry_number = ${p.federalRegistryNumber},
      priority_directions = ${sql.param(p.priorityDirections)}::text[], active = ${p.active}, updated_at = now()
    WHERE id = ${id}`);
}

export async function setProgramCompetencies(
  db: Db,
  programId: string,
  competencyIds: string[],
): Promise<void> {
  await db.query(sql`DELETE FROM program_competencies WHERE program_id = ${programId}`);
  if (competencyIds.length === 0) return;
  await db.query(sql`
    INSERT INTO program_competencies (program_id, competency_id)
    SELECT ${programId}, x FROM unnest(${sql.param(competencyIds)}::uuid[]) AS x ON CONFLICT DO NOTHING`);
}

/** A cohort with its program's keeper. */
export async function findCohort(db: Db, id: string): Promise<(CohortDb & ProgramOwnerDb) | null> {
  const rows = await db.query<CohortDb & ProgramOwnerDb>(sql`
    SELECT c.id, c.program_id, c.starts_on, c.ends_on, c.seats, ${OWNER_COLUMNS}
    FROM program_cohorts c JOIN programs p ON p.id = c.program_id
    WHERE c.id = ${id}`);
  return rows[0] ?? null;
}

export interface CohortWrite {
  startsOn: string;
  endsOn: string;
  seats: number | null;
}

export async function insertCohort(db: Db, programId: string, c: CohortWrite): Promise<string> {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO program_cohorts (program_id, starts_on, ends_on, seats)
    VALUES (${programId}, ${c.startsOn}, ${c.endsOn}, ${c.seats}) RETURNING id`);
  return row!.id;
}

export async function updateCohort(db: Db, id: string, c: CohortWrite): Promise<void> {
  await db.query(sql`
    UPDATE program_cohorts SET starts_on = ${c.startsOn}, ends_on = ${c.endsOn}, seats = ${c.seats} WHERE id = ${id}`);
}

export async function deleteCohort(db: Db, id: string): Promise<void> {
  await db.query(sql`DELETE FROM program_cohorts WHERE id = ${id}`);
}
