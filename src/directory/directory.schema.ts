import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const orgKind = pgEnum('org_kind', [
  'preschool',
  'school',
  'additional',
  'vocational',
  'dpo',
  'methodical_service',
]);
export const innovationPlatform = pgEnum('innovation_platform', ['federal', 'regional', 'municipal']);
export const sex = pgEnum('sex', ['m', 'f']);
export const educationLevel = pgEnum('education_level', [
  'higher_pedagogical',
  'higher',
  'secondary_vocational_pedagogical',
  'secondary_vocational',
  'secondary',
]);
export const qualificationCategory = pgEnum('qualification_category', ['highest', 'first', 'szd', 'none']);
export const staffCategory = pgEnum('staff_category', ['pedagogical', 'managerial']);
export const employmentKind = pgEnum('employment_kind', ['main', 'internal', 'external']);

export const regions = pgTable('regions', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
});

export const municipalities = pgTable(
  'municipalities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('municipalities_region_name_uq').on(t.regionId, t.name)],
);

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    code: text('code').notNull(),
    fullName: text('full_name').notNull(),
    shortName: text('short_name').notNull(),
    kind: orgKind('kind').notNull(),
    rural: boolean('rural').notNull().default(false),
    lowResults: boolean('low_results').notNull().default(false),
    innovationPlatform: innovationPlatform('innovation_platform'),
    internshipPlatform: boolean('internship_platform').notNull().default(false),
    mentoringRegulation: boolean('mentoring_regulation').notNull().default(false),
    inn: text('inn'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organizations_region_code_uq').on(t.regionId, t.code),
    index('organizations_municipality_idx').on(t.municipalityId),
    index('organizations_full_name_idx').on(sql`lower(${t.fullName})`),
  ],
);

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    patronymic: text('patronymic').notNull().default(''),
    birthDate: date('birth_date').notNull(),
    sex: sex('sex').notNull(),
    snils: text('snils'),
    email: text('email'),
    education: educationLevel('education'),
    pedExperienceYears: numeric('ped_experience_years', { precision: 4, scale: 1 }),
    pedExperienceAsOf: date('ped_experience_as_of'),
    category: qualificationCategory('category').notNull().default('none'),
    categoryDate: date('category_date'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('people_region_snils_uq').on(t.regionId, t.snils),
    // the registry's default order: lets the first page be read in index order instead of sorting everyone
    index('people_name_order_idx').on(t.lastName, t.firstName, t.patronymic, t.id),
    index('people_identity_idx').on(
      t.regionId,
      sql`lower(${t.lastName})`,
      sql`lower(${t.firstName})`,
      sql`lower(${t.patronymic})`,
      t.birthDate,
    ),
    check('people_snils_format', sql`${t.snils} IS NULL OR ${t.snils} ~ '^[0-9]{11}$'`),
  ],
);

export const employments = pgTable(
  'employments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    position: text('position').notNull(),
    staffCategory: staffCategory('staff_category').notNull(),
    kind: employmentKind('kind').notNull(),
    subjects: text('subjects').array().notNull().default(sql`'{}'::text[]`),
    loadHours: numeric('load_hours', { precision: 5, scale: 2 }).notNull().default('0'),
    rate: numeric('rate', { precision: 4, scale: 2 }).notNull().default('1'),
    startDate: date('start_date'),
    endDate: date('end_date'),
    outsideProfile: boolean('outside_profile').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('employments_person_idx').on(t.personId),
    index('employments_organization_idx').on(t.organizationId),
    uniqueIndex('employments_one_main_uq')
      .on(t.personId)
      .where(sql`${t.kind} = 'main' AND ${t.endDate} IS NULL`),
    uniqueIndex('employments_active_position_uq')
      .on(t.personId, t.organizationId, sql`lower(${t.position})`)
      .where(sql`${t.endDate} IS NULL`),
    check('employments_rate_positive', sql`${t.rate} > 0`),
    check('employments_load_nonnegative', sql`${t.loadHours} >= 0`),
  ],
);

export const vacancies = pgTable(
  'vacancies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    position: text('position').notNull(),
    subject: text('subject'),
    rate: numeric('rate', { precision: 4, scale: 2 }).notNull().default('1'),
    zemsky: boolean('zemsky').notNull().default(false),
    openedOn: date('opened_on').notNull(),
    closedOn: date('closed_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('vacancies_organization_idx').on(t.organizationId)],
);

export const staffing = pgTable(
  'staffing',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    year: integer('year').notNull(),
    pedTotal: numeric('ped_total', { precision: 7, scale: 2 }).notNull(),
    pedOccupied: numeric('ped_occupied', { precision: 7, scale: 2 }).notNull(),
    admTotal: numeric('adm_total', { precision: 7, scale: 2 }).notNull(),
    admOccupied: numeric('adm_occupied', { precision: 7, scale: 2 }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.year] })],
);
