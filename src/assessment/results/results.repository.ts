import type { Actor } from '../../platform/auth/actor.ts';
import { orgScope } from '../../platform/auth/scope.ts';
import { type Db, sql } from '../../platform/db/database.ts';

/** What the results import reads and writes: SQL only. */

export interface OrgRef {
  id: string;
  code: string | null;
  full_name: string;
}

/**
 * Organizations of the actor's scope whose code or full name is one of `keys` (keys are lower
 * case with spaces collapsed and quotes and «ё» normalized, as `normName` writes them).
 */
export async function findOrgsByRef(db: Db, actor: Actor, keys: string[]): Promise<OrgRef[]> {
  return db.query<OrgRef>(sql`
    SELECT o.id, o.code, o.full_name FROM organizations o
    WHERE (lower(o.code) = ANY(${sql.param(keys)}::text[])
           OR translate(lower(regexp_replace(btrim(o.full_name), '\\s+', ' ', 'g')), 'ё«»“”„‟″', 'е"""""""')
              = ANY(${sql.param(keys)}::text[]))
      AND ${orgScope(actor, 'o')}`);
}

export interface LoadedResult {
  person_id: string;
  competency_id: string;
  assessed_on: string;
  procedure: string | null;
  percent: number;
}

/** Results already loaded for these people and competencies. */
export async function loadedResults(
  db: Db,
  personIds: string[],
  competencyIds: string[],
): Promise<LoadedResult[]> {
  return db.query<LoadedResult>(sql`
    SELECT person_id, competency_id, assessed_on, procedure, percent FROM competency_results
    WHERE person_id = ANY(${sql.param(personIds)}::uuid[])
      AND competency_id = ANY(${sql.param(competencyIds)}::uuid[])`);
}

export interface ResultInsert {
  person_id: string;
  competency_id: string;
  organization_id: string | null;
  procedure: string;
  assessed_on: string;
  percent: number;
}

/** Writes imported results in one statement. */
export async function insertImportedResults(
  db: Db,
  campaignId: string | null,
  rows: ResultInsert[],
): Promise<void> {
  await db.query(sql`
    INSERT INTO competency_results (person_id, competency_id, campaign_id, source, procedure, organization_id, assessed_on, percent)
    SELECT x.person_id, x.competency_id, ${campaignId}::uuid, 'import', x.procedure, x.organization_id,
           x.assessed_on, x.percent
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
      person_id uuid, competency_id uuid, organization_id uuid, procedure text, assessed_on date, percent numeric)`);
}
