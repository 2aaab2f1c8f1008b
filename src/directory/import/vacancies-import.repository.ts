import { type Db, sql } from '../../platform/db/database.ts';
import { inChunks } from '../../platform/import/import-run.ts';
import type { VacancyRecord } from './vacancies.rows.ts';

/** The vacancies import's SQL. */

export async function listVacanciesOf(
  db: Db,
  organizationIds: string[],
  lock: boolean,
): Promise<VacancyRecord[]> {
  if (organizationIds.length === 0) return [];
  return db.query<VacancyRecord>(sql`
    SELECT id, organization_id AS "organizationId", position, subject, rate, zemsky, opened_on AS "openedOn",
           closed_on AS "closedOn"
    FROM vacancies WHERE organization_id = ANY(${sql.param(organizationIds)}::uuid[])
    ORDER BY created_at, id
    ${lock ? sql`FOR UPDATE` : sql``}`);
}

const RECORDSET =
  sql.raw(`(id uuid, "organizationId" uuid, position text, subject text, rate numeric, zemsky boolean,
  "openedOn" date, "closedOn" date)`);

export async function insertVacancies(db: Db, items: VacancyRecord[]): Promise<void> {
  await inChunks(items, (chunk) =>
    db.query(sql`
      INSERT INTO vacancies (id, organization_id, position, subject, rate, zemsky, opened_on, closed_on)
      SELECT x.id, x."organizationId", x.position, x.subject, x.rate, x.zemsky, x."openedOn", x."closedOn"
      FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS x${RECORDSET}`),
  );
}

export async function updateVacancies(db: Db, items: VacancyRecord[]): Promise<void> {
  await inChunks(items, (chunk) =>
    db.query(sql`
      UPDATE vacancies v SET position = x.position, subject = x.subject, rate = x.rate, zemsky = x.zemsky,
        closed_on = x."closedOn", updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS x${RECORDSET}
      WHERE v.id = x.id
        AND (v.position, v.subject, v.rate, v.zemsky, v.closed_on)
          IS DISTINCT FROM (x.position, x.subject, x.rate, x.zemsky, x."closedOn")`),
  );
}
