import type { SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { orgWriteScope, personIdentityScope, personWriteScope } from '../../platform/auth/scope.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import { copyRows } from '../../platform/import/copy-text.ts';
import { inChunks } from '../../platform/import/import-run.ts';
import type { EmploymentRecord, ExistingEmployment, PersonRecord, RegistryPerson } from './staff.plan.ts';

/** The staff import's SQL: the lookups, inserts through COPY, updates over jsonb_to_recordset. */

const PERSON_COLUMNS = sql`p.id, p.region_id AS "regionId", p.last_name AS "lastName", p.first_name AS "firstName",
  p.patronymic, p.birth_date AS "birthDate", p.sex, p.snils, p.email, p.education,
  p.ped_experience_years AS "pedExperienceYears", p.ped_experience_as_of AS "pedExperienceAsOf",
  p.category, p.category_date AS "categoryDate", p.xmin::text AS version`;

/** What the importing actor may do with each person found: write them, and change their identity. */
const access = (actor: Actor) =>
  sql`${personWriteScope(actor, 'p')} AS writable, ${personIdentityScope(actor, 'p')} AS "identityWritable"`;

/**
 * A lookup's rows as one json value: tens of thousands of rows of many columns decode far faster
 * as one JSON.parse than field by field (on PGlite above all). json keeps the JS types the drivers
 * give (numeric → number, date → 'YYYY-MM-DD', arrays, booleans).
 */
async function jsonRows<T>(db: Db, query: SQL): Promise<T[]> {
  const [row] = await db.query<{ rows: T[] | string }>(
    sql`SELECT coalesce(json_agg(r), '[]'::json) AS rows FROM (${query}) r`,
  );
  const rows = row?.rows ?? [];
  return typeof rows === 'string' ? (JSON.parse(rows) as T[]) : rows;
}

export interface PersonKey {
  regionId: string;
  lastName: string;
  firstName: string;
  patronymic: string;
  birthDate: string;
}

/**
 * Registry people with these СНИЛС in these regions — region-wide, so that a person kept by someone
 * else is recognised (and refused) rather than created twice; each says whether the actor may write
 * them. Rows are not locked (50 000 row locks cost seconds); each carries its row version (xmin),
 * and the update refuses a row that changed since.
 */
export async function findPeopleBySnils(
  db: Db,
  actor: Actor,
  keys: { regionId: string; snils: string }[],
): Promise<RegistryPerson[]> {
  if (keys.length === 0) return [];
  // Distinct keys as two parallel arrays: no JSON to build and parse, no sort to deduplicate.
  const distinct = new Map(keys.map((k) => [`${k.regionId}|${k.snils}`, k]));
  const regions: string[] = [];
  const snils: string[] = [];
  for (const k of distinct.values()) {
    regions.push(k.regionId);
    snils.push(k.snils);
  }
  return jsonRows<RegistryPerson>(
    db,
    sql`
    SELECT ${PERSON_COLUMNS}, ${access(actor)}
    FROM unnest(${sql.param(regions)}::uuid[], ${sql.param(snils)}::text[]) AS k(region_id, snils)
    JOIN people p ON p.region_id = k.region_id AND p.snils = k.snils`,
  );
}

/** Registry people with the same full name (case-insensitive) and birth date in the region. */
export async function findPeopleByIdentity(
  db: Db,
  actor: Actor,
  keys: PersonKey[],
): Promise<RegistryPerson[]> {
  if (keys.length === 0) return [];
  const payload = keys.map((k) => ({
    region_id: k.regionId,
    last_name: k.lastName,
    first_name: k.firstName,
    patronymic: k.patronymic,
    birth_date: k.birthDate,
  }));
  return jsonRows<RegistryPerson>(
    db,
    sql`
    SELECT ${PERSON_COLUMNS}, ${access(actor)} FROM people p
    WHERE p.id IN (
      SELECT n.id FROM jsonb_to_recordset(${JSON.stringify(payload)}::jsonb)
          AS k(region_id uuid, last_name text, first_name text, patronymic text, birth_date date)
        JOIN people n ON n.region_id = k.region_id AND lower(n.last_name) = lower(k.last_name)
          AND lower(n.first_name) = lower(k.first_name) AND lower(n.patronymic) = lower(k.patronymic)
          AND n.birth_date = k.birth_date)`,
  );
}

/** Current employments of these people; each says whether it is in an organization the actor keeps. */
export async function findActiveEmployments(
  db: Db,
  actor: Actor,
  personIds: string[],
): Promise<ExistingEmployment[]> {
  if (personIds.length === 0) return [];
  return jsonRows<ExistingEmployment>(
    db,
    sql`
    SELECT e.id, e.person_id AS "personId", e.organization_id AS "organizationId", o.short_name AS "organizationName",
           e.position, e.staff_category AS "staffCategory", e.kind, e.subjects, e.load_hours AS "loadHours", e.rate,
           e.start_date AS "startDate", e.outside_profile AS "outsideProfile", e.xmin::text AS version,
           ${orgWriteScope(actor, 'o')} AS writable
    FROM employments e JOIN organizations o ON o.id = e.organization_id
    WHERE e.person_id = ANY(${sql.param(personIds)}::uuid[]) AND e.end_date IS NULL`,
  );
}

const PERSON_RECORDSET =
  sql.raw(`(id uuid, "regionId" uuid, "lastName" text, "firstName" text, patronymic text,
  "birthDate" date, sex sex, snils text, email text, education education_level, "pedExperienceYears" numeric,
  "pedExperienceAsOf" date, category qualification_category, "categoryDate" date, version text)`);

/** New people, through COPY (the import's largest write). */
export async function insertPeople(db: Db, people: PersonRecord[]): Promise<void> {
  await copyRows(
    db,
    'people',
    [
      'id',
      'region_id',
      'last_name',
      'first_name',
      'patronymic',
      'birth_date',
      'sex',
      'snils',
      'email',
      'education',
      'ped_experience_years',
      'ped_experience_as_of',
      'category',
      'category_date',
    ],
    people.map((p) => [
      p.id,
      p.regionId,
      p.lastName,
      p.firstName,
      p.patronymic,
      p.birthDate,
      p.sex,
      p.snils,
      p.email,
      p.education,
      p.pedExperienceYears,
      p.pedExperienceAsOf,
      p.category,
      p.categoryDate,
    ]),
  );
}

/**
 * Updates the given people, each only if its row is still the version that was read and really
 * differs. Returns how many rows were updated; fewer than given means someone changed them meanwhile.
 */
export async function updatePeople(db: Db, people: PersonRecord[]): Promise<number> {
  let updated = 0;
  await inChunks(people, async (chunk) => {
    const rows = await db.query(sql`
      UPDATE people p SET last_name = x."lastName", first_name = x."firstName", patronymic = x.patronymic,
        birth_date = x."birthDate", sex = x.sex, snils = x.snils, email = x.email, education = x.education,
        ped_experience_years = x."pedExperienceYears", ped_experience_as_of = x."pedExperienceAsOf",
        category = x.category, category_date = x."categoryDate", updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS x${PERSON_RECORDSET}
      WHERE p.id = x.id AND p.xmin::text = x.version
        AND (p.last_name, p.first_name, p.patronymic, p.birth_date, p.sex, p.snils, p.email, p.education,
             p.ped_experience_years, p.ped_experience_as_of, p.category, p.category_date)
        IS DISTINCT FROM
            (x."lastName", x."firstName", x.patronymic, x."birthDate", x.sex, x.snils, x.email, x.education,
             x."pedExperienceYears", x."pedExperienceAsOf", x.category, x."categoryDate")
      RETURNING p.id`);
    updated += rows.length;
  });
  return updated;
}

const EMPLOYMENT_RECORDSET = sql.raw(`(id uuid, "personId" uuid, "organizationId" uuid, position text,
  "staffCategory" staff_category, kind employment_kind, subjects text[], "loadHours" numeric, rate numeric,
  "startDate" date, "outsideProfile" boolean, version text)`);

/** New employments, through COPY. */
export async function insertEmployments(db: Db, employments: EmploymentRecord[]): Promise<void> {
  await copyRows(
    db,
    'employments',
    [
      'id',
      'person_id',
      'organization_id',
      'position',
      'staff_category',
      'kind',
      'subjects',
      'load_hours',
      'rate',
      'start_date',
      'outside_profile',
    ],
    employments.map((e) => [
      e.id,
      e.personId,
      e.organizationId,
      e.position,
      e.staffCategory,
      e.kind,
      e.subjects,
      e.loadHours,
      e.rate,
      e.startDate,
      e.outsideProfile,
    ]),
  );
}

/** As updatePeople: only rows still at the version read; returns how many were updated. */
export async function updateEmployments(db: Db, employments: EmploymentRecord[]): Promise<number> {
  let updated = 0;
  await inChunks(employments, async (chunk) => {
    const rows = await db.query(sql`
      UPDATE employments e SET organization_id = x."organizationId", position = x.position,
        staff_category = x."staffCategory", kind = x.kind, subjects = x.subjects, load_hours = x."loadHours",
        rate = x.rate, start_date = x."startDate", outside_profile = x."outsideProfile", updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS x${EMPLOYMENT_RECORDSET}
      WHERE e.id = x.id AND e.xmin::text = x.version
        AND (e.organization_id, e.position, e.staff_category, e.kind, e.subjects, e.load_hours, e.rate, e.start_date,
             e.outside_profile)
        IS DISTINCT FROM
            (x."organizationId", x.position, x."staffCategory", x.kind, x.subjects, x."loadHours", x.rate,
             x."startDate", x."outsideProfile")
      RETURNING e.id`);
    updated += rows.length;
  });
  return updated;
}
