import type { Db } from '../platform/db/database.ts';
import {
  type Dataset,
  type DatasetStream,
  type EmploymentRow,
  isStream,
  type OrganizationRow,
  type OrgBatch,
  type PersonRow,
  type StaffingRow,
  type VacancyRow,
} from './dataset.ts';

/**
 * Bulk-loads a generated dataset: one INSERT … SELECT FROM json_to_recordset per table and
 * chunk of a few thousand rows, all in one transaction, on PGlite and PostgreSQL alike. The
 * record definitions quote the rows' camelCase keys, so rows go in as JSON without reshaping.
 *
 * The region and municipalities are matched by code / name if they already exist, so a
 * dataset can be loaded next to what an administrator has created; organisations, people and
 * the rest are always new.
 */
export interface LoadResult {
  regionId: string;
  municipalities: number;
  organizations: number;
  people: number;
  employments: number;
  vacancies: number;
  staffing: number;
  ms: number;
}

export const DEFAULT_CHUNK = 5000;

const ORG_RECORD = `x(id uuid, "municipalityId" uuid, code text, "fullName" text, "shortName" text, kind org_kind,
  rural boolean, "lowResults" boolean, "innovationPlatform" innovation_platform, "internshipPlatform" boolean,
  "mentoringRegulation" boolean, inn text)`;

const PERSON_RECORD = `x(id uuid, "lastName" text, "firstName" text, patronymic text, "birthDate" date, sex sex,
  snils text, email text, education education_level, "pedExperienceYears" numeric, "pedExperienceAsOf" date,
  category qualification_category, "categoryDate" date)`;

const EMPLOYMENT_RECORD = `x(id uuid, "personId" uuid, "organizationId" uuid, position text,
  "staffCategory" staff_category, kind employment_kind, subjects text[], "loadHours" numeric, rate numeric,
  "startDate" date, "outsideProfile" boolean)`;

const VACANCY_RECORD = `x(id uuid, "organizationId" uuid, position text, subject text, rate numeric,
  zemsky boolean, "openedOn" date, "closedOn" date)`;

const STAFFING_RECORD = `x("organizationId" uuid, year integer, "pedTotal" numeric, "pedOccupied" numeric,
  "admTotal" numeric, "admOccupied" numeric)`;

async function insertOrganizations(db: Db, regionId: string, rows: OrganizationRow[]): Promise<void> {
  await db.queryText(
    `INSERT INTO organizations (id, region_id, municipality_id, code, full_name, short_name, kind, rural, low_results,
                                innovation_platform, internship_platform, mentoring_regulation, inn)
     SELECT x.id, $2::uuid, x."municipalityId", x.code, x."fullName", x."shortName", x.kind, x.rural, x."lowResults",
            x."innovationPlatform", x."internshipPlatform", x."mentoringRegulation", x.inn
     FROM json_to_recordset($1::json) AS ${ORG_RECORD}`,
    [JSON.stringify(rows), regionId],
  );
}

async function insertPeople(db: Db, regionId: string, rows: PersonRow[]): Promise<void> {
  await db.queryText(
    `INSERT INTO people (id, region_id, last_name, first_name, patronymic, birth_date, sex, snils, email, education,
                         ped_experience_years, ped_experience_as_of, category, category_date)
     SELECT x.id, $2::uuid, x."lastName", x."firstName", x.patronymic, x."birthDate", x.sex, x.snils, x.email,
            x.education, x."pedExperienceYears", x."pedExperienceAsOf", x.category, x."categoryDate"
     FROM json_to_recordset($1::json) AS ${PERSON_RECORD}`,
    [JSON.stringify(rows), regionId],
  );
}

async function insertEmployments(db: Db, rows: EmploymentRow[]): Promise<void> {
  await db.queryText(
    `INSERT INTO employments (id, person_id, organization_id, position, staff_category, kind, subjects, load_hours,
                              rate, start_date, outside_profile)
     SELECT x.id, x."personId", x."organizationId", x.position, x."staffCategory", x.kind, x.subjects, x."loadHours",
            x.rate, x."startDate", x."outsideProfile"
     FROM json_to_recordset($1::json) AS ${EMPLOYMENT_RECORD}`,
    [JSON.stringify(rows)],
  );
}

async function insertVacancies(db: Db, rows: VacancyRow[]): Promise<void> {
  await db.queryText(
    `INSERT INTO vacancies (id, organization_id, position, subject, rate, zemsky, opened_on, closed_on)
     SELECT x.id, x."organizationId", x.position, x.subject, x.rate, x.zemsky, x."openedOn", x."closedOn"
     FROM json_to_recordset($1::json) AS ${VACANCY_RECORD}`,
    [JSON.stringify(rows)],
  );
}

async function insertStaffing(db: Db, rows: StaffingRow[]): Promise<void> {
  await db.queryText(
    `INSERT INTO staffing (organization_id, year, ped_total, ped_occupied, adm_total, adm_occupied)
     SELECT x."organizationId", x.year, x."pedTotal", x."pedOccupied", x."admTotal", x."admOccupied"
     FROM json_to_recordset($1::json) AS ${STAFFING_RECORD}`,
    [JSON.stringify(rows)],
  );
}

async function inChunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function loadDataset(
  db: Db,
  dataset: Dataset | DatasetStream,
  opts: { chunkSize?: number; analyze?: boolean } = {},
): Promise<LoadResult> {
  const started = performance.now();
  const chunk = opts.chunkSize ?? DEFAULT_CHUNK;
  const result = await db.transaction(async (tx) => {
    await tx.queryText(
      'INSERT INTO regions (id, code, name) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING',
      [dataset.region.id, dataset.region.code, dataset.region.name],
    );
    const [region] = await tx.queryText<{ id: string }>('SELECT id FROM regions WHERE code = $1', [
      dataset.region.code,
    ]);
    const regionId = region!.id;

    await tx.queryText(
      `INSERT INTO municipalities (id, region_id, code, name)
       SELECT x.id, $2::uuid, x.code, x.name FROM json_to_recordset($1::json) AS x(id uuid, code text, name text)
       ON CONFLICT (region_id, name) DO NOTHING`,
      [JSON.stringify(dataset.municipalities), regionId],
    );
    const existing = await tx.queryText<{ id: string; name: string }>(
      'SELECT id, name FROM municipalities WHERE region_id = $1 AND name = ANY($2::text[])',
      [regionId, dataset.municipalities.map((m) => m.name)],
    );
    const idByName = new Map(existing.map((m) => [m.name, m.id]));
    const muniId = new Map(dataset.municipalities.map((m) => [m.id, idByName.get(m.name) ?? m.id]));
    const orgs = dataset.organizations.map((o) => {
      const actual = muniId.get(o.municipalityId) ?? o.municipalityId;
      return actual === o.municipalityId ? o : { ...o, municipalityId: actual };
    });
    await inChunks(orgs, chunk, (rows) => insertOrganizations(tx, regionId, rows));

    const counts = { people: 0, employments: 0, vacancies: 0, staffing: 0 };
    let buffer: OrgBatch = { people: [], employments: [], vacancies: [], staffing: [] };
    // People first: an employment may belong to someone met in an earlier batch, never a later one.
    const flush = async () => {
      await inChunks(buffer.people, chunk, (rows) => insertPeople(tx, regionId, rows));
      await inChunks(buffer.employments, chunk, (rows) => insertEmployments(tx, rows));
      await inChunks(buffer.vacancies, chunk, (rows) => insertVacancies(tx, rows));
      await inChunks(buffer.staffing, chunk, (rows) => insertStaffing(tx, rows));
      counts.people += buffer.people.length;
      counts.employments += buffer.employments.length;
      counts.vacancies += buffer.vacancies.length;
      counts.staffing += buffer.staffing.length;
      buffer = { people: [], employments: [], vacancies: [], staffing: [] };
    };
    const batches: Iterable<OrgBatch> = isStream(dataset) ? dataset.batches : [dataset];
    for (const b of batches) {
      for (const p of b.people) buffer.people.push(p);
      for (const e of b.employments) buffer.employments.push(e);
      for (const v of b.vacancies) buffer.vacancies.push(v);
      for (const s of b.staffing) buffer.staffing.push(s);
      if (buffer.people.length >= chunk || buffer.employments.length >= chunk) await flush();
    }
    await flush();
    return {
      regionId,
      municipalities: dataset.municipalities.length,
      organizations: orgs.length,
      ...counts,
    };
  });
  if (opts.analyze ?? true) {
    await db.queryText(
      'ANALYZE regions, municipalities, organizations, people, employments, vacancies, staffing',
    );
  }
  return { ...result, ms: Math.round(performance.now() - started) };
}
