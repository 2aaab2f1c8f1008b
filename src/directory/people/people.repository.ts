import { sql } from 'drizzle-orm';
import { personAuditEntries } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { employmentScope, personIdentityScope, personScope } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db/database.ts';
import { can } from '../directory.policy.ts';

export interface PersonDb {
  id: string;
  region_id: string;
  last_name: string;
  first_name: string;
  patronymic: string;
  birth_date: string;
  sex: 'm' | 'f';
  snils: string | null;
  email: string | null;
  education: string | null;
  ped_experience_years: number | null;
  ped_experience_as_of: string | null;
  category: 'highest' | 'first' | 'szd' | 'none';
  category_date: string | null;
  writable: boolean;
  /** The actor may also change СНИЛС, full name and birth date: they keep every current employment. */
  identity_writable: boolean;
}

export interface EmploymentDb {
  id: string;
  person_id: string;
  organization_id: string;
  organization_name: string;
  position: string;
  staff_category: 'pedagogical' | 'managerial';
  kind: 'main' | 'internal' | 'external';
  subjects: string[];
  load_hours: number;
  rate: number;
  start_date: string | null;
  end_date: string | null;
  outside_profile: boolean;
}

/** The person if visible to the actor, with whether the actor may edit them. */
export async function findPerson(db: Db, actor: Actor, id: string): Promise<PersonDb | null> {
  const writable = can(actor, 'manage', 'registry') ? personScope(actor, 'p') : sql`false`;
  const rows = await db.query<PersonDb>(sql`
    SELECT p.id, p.region_id, p.last_name, p.first_name, p.patronymic, p.birth_date, p.sex, p.snils, p.email, p.education,
           p.ped_experience_years, p.ped_experience_as_of, p.category, p.category_date, ${writable} AS writable,
           (${writable}) AND ${personIdentityScope(actor, 'p')} AS identity_writable
    FROM people p WHERE p.id = ${id} AND ${personScope(actor, 'p')}`);
  return rows[0] ?? null;
}

export async function listEmployments(db: Db, actor: Actor, personId: string): Promise<EmploymentDb[]> {
  return db.query<EmploymentDb>(sql`
    SELECT e.id, e.person_id, e.organization_id, o.short_name AS organization_name, e.position, e.staff_category, e.kind,
           e.subjects, e.load_hours, e.rate, e.start_date, e.end_date, e.outside_profile
    FROM employments e JOIN organizations o ON o.id = e.organization_id
    WHERE e.person_id = ${personId} AND ${employmentScope(actor, 'e', 'o')}
    ORDER BY e.end_date IS NOT NULL, e.kind, e.start_date`);
}

export async function findEmployment(db: Db, actor: Actor, id: string): Promise<EmploymentDb | null> {
  const rows = await db.query<EmploymentDb>(sql`
    SELECT e.id, e.person_id, e.organization_id, o.short_name AS organization_name, e.position, e.staff_category, e.kind,
           e.subjects, e.load_hours, e.rate, e.start_date, e.end_date, e.outside_profile
    FROM employments e JOIN organizations o ON o.id = e.organization_id
    WHERE e.id = ${id} AND ${employmentScope(actor, 'e', 'o')}`);
  return rows[0] ?? null;
}

export async function personLoad(db: Db, personId: string): Promise<number> {
  const [row] = await db.query<{ load: number }>(sql`
    SELECT coalesce(sum(load_hours), 0)::numeric AS load FROM employments WHERE person_id = ${personId} AND end_date IS NULL`);
  return row?.load ?? 0;
}

export interface PersonWrite {
  lastName: string;
  firstName: string;
  patronymic: string;
  birthDate: string;
  sex: 'm' | 'f';
  snils: string | null;
  email: string | null;
  education: string | null;
  pedExperienceYears: number | null;
  pedExperienceAsOf: string | null;
  category: 'highest' | 'first' | 'szd' | 'none';
  categoryDate: string | null;
}

export async function insertPerson(db: Db, regionId: string, p: PersonWrite): Promise<string> {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO people (region_id, last_name, first_name, patronymic, birth_date, sex, snils, email, education,
                        ped_experience_years, ped_experience_as_of, category, category_date)
    VALUES (${regionId}, ${p.lastName}, ${p.firstName}, ${p.patronymic}, ${p.birthDate}, ${p.sex}, ${p.snils}, ${p.email},
            ${p.education}, ${p.pedExperienceYears}, ${p.pedExperienceAsOf}, ${p.category}, ${p.categoryDate})
    RETURNING id`);
  return row!.id;
}

export async function updatePerson(db: Db, id: string, p: PersonWrite): Promise<void> {
  await db.query(sql`
    UPDATE people SET last_name = ${p.lastName}, first_name = ${p.firstName}, patronymic = ${p.patronymic},
      birth_date = ${p.birthDate}, sex = ${p.sex}, snils = ${p.snils}, email = ${p.email}, education = ${p.education},
      ped_experience_years = ${p.pedExperienceYears}, ped_experience_as_of = ${p.pedExperienceAsOf},
      category = ${p.category}, category_date = ${p.categoryDate}, updated_at = now()
    WHERE id = ${id}`);
}

/** Another person with the same СНИЛС, or the same full name and birth date, in the region. */
export async function findDuplicate(
  db: Db,
  regionId: string,
  p: Pick<PersonWrite, 'snils' | 'lastName' | 'firstName' | 'patronymic' | 'birthDate'>,
  exceptId: string | null,
): Promise<{ id: string } | null> {
  const rows = await db.query<{ id: string }>(sql`
    SELECT id FROM people
    WHERE region_id = ${regionId} AND id <> ${exceptId ?? '00000000-0000-0000-0000-000000000000'}
      AND ((${p.snils}::text IS NOT NULL AND snils = ${p.snils})
        OR (lower(last_name) = lower(${p.lastName}) AND lower(first_name) = lower(${p.firstName})
            AND lower(patronymic) = lower(${p.patronymic}) AND birth_date = ${p.birthDate}))
    LIMIT 1`);
  return rows[0] ?? null;
}

export interface EmploymentWrite {
  organizationId: string;
  position: string;
  staffCategory: 'pedagogical' | 'managerial';
  kind: 'main' | 'internal' | 'external';
  subjects: string[];
  loadHours: number;
  rate: number;
  startDate: string | null;
  outsideProfile: boolean;
}

export async function insertEmployment(db: Db, personId: string, e: EmploymentWrite): Promise<string> {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO employments (person_id, organization_id, position, staff_category, kind, subjects, load_hours, rate,
                             start_date, outside_profile)
    VALUES (${personId}, ${e.organizationId}, ${e.position}, ${e.staffCategory}, ${e.kind}, ${sql.param(e.subjects)}::text[],
            ${e.loadHours}, ${e.rate}, ${e.startDate}, ${e.outsideProfile})
    RETURNING id`);
  return row!.id;
}

export async function updateEmployment(db: Db, id: string, e: EmploymentWrite): Promise<void> {
  await db.query(sql`
    UPDATE employments SET organization_id = ${e.organizationId}, position = ${e.position},
      staff_category = ${e.staffCategory}, kind = ${e.kind}, subjects = ${sql.param(e.subjects)}::text[], load_hours = ${e.loadHours},
      rate = ${e.rate}, start_date = ${e.startDate}, outside_profile = ${e.outsideProfile}, updated_at = now()
    WHERE id = ${id}`);
}

export async function endEmployment(db: Db, id: string, endDate: string): Promise<void> {
  await db.query(sql`UPDATE employments SET end_date = ${endDate}, updated_at = now() WHERE id = ${id}`);
}

export async function otherActiveMain(db: Db, personId: string, exceptId: string | null): Promise<boolean> {
  const rows = await db.query(sql`
    SELECT 1 FROM employments WHERE person_id = ${personId} AND kind = 'main' AND end_date IS NULL
      AND id <> ${exceptId ?? '00000000-0000-0000-0000-000000000000'}`);
  return rows.length > 0;
}

/**
 * Entries a person's card never shows, whoever reads it: a burnout-support plan is seen only by the
 * teacher, the school head and the school psychologist (src/wellbeing/wellbeing.policy.ts), and the
 * card is read by the methodist too.
 */
const PRIVATE_HISTORY_ENTITIES = ['support_plan'];

export async function personHistory(db: Db, personId: string) {
  return db.query<{
    id: number;
    at: string;
    actor_email: string | null;
    action: string;
    entity: string;
    entity_id: string | null;
    before: unknown;
    after: unknown;
    details: unknown;
  }>(sql`
    SELECT id, at, actor_email, action, entity, entity_id, before, after, details FROM ${personAuditEntries(personId)} AS e
    WHERE action NOT IN ('read', 'export') AND entity NOT IN (${sql.join(
      PRIVATE_HISTORY_ENTITIES.map((e) => sql`${e}`),
      sql`, `,
    )})
    ORDER BY id DESC, entity_id LIMIT 200`);
}

export async function linkedUser(db: Db, personId: string) {
  const rows = await db.query<{ id: string; email: string | null; role: string }>(
    sql`SELECT id, email, role FROM users WHERE person_id = ${personId} ORDER BY created_at LIMIT 1`,
  );
  return rows[0] ?? null;
}
