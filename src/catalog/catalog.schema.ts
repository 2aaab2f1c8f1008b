import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { competencies } from '../assessment/assessment.schema.ts';
import { municipalities, people, regions } from '../directory/directory.schema.ts';

export const programKind = pgEnum('program_kind', ['upgrade', 'retraining']);
export const programFormat = pgEnum('program_format', ['in_person', 'distance', 'blended']);

/**
 * Дополнительная профессиональная программа (ПК / ПП). Its keeper: region null — a system
 * (federal) program, kept by the admin; region set and municipality null — the region's program,
 * kept by the region operator; municipality set — that municipality's program, kept by its
 * methodists (region_id is then the municipality's region).
 */
export const programs = pgTable(
  'programs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionId: uuid('region_id').references(() => regions.id),
    municipalityId: uuid('municipality_id').references(() => municipalities.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: programKind('kind').notNull(),
    hours: integer('hours').notNull(),
    provider: text('provider').notNull(),
    format: programFormat('format').notNull(),
    federalRegistry: boolean('federal_registry').notNull().default(false),
    federalRegistryNumber: text('federal_registry_number'),
    /** functional_literacy, updated_fgos, digital_environment, quality_assessment, low_results, talents, career_guidance, upbringing, preschool_quality */
    priorityDirections: text('priority_directions').array().notNull().default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('programs_code_uq').on(t.code),
    index('programs_municipality_idx').on(t.municipalityId),
    check('programs_municipality_in_region', sql`${t.municipalityId} IS NULL OR ${t.regionId} IS NOT NULL`),
  ],
);

export const programCompetencies = pgTable(
  'program_competencies',
  {
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    competencyId: uuid('competency_id')
      .notNull()
      .references(() => competencies.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.programId, t.competencyId] }),
    index('program_competencies_comp_idx').on(t.competencyId),
  ],
);

/** A cohort (поток) of a program with its dates and seats. */
export const programCohorts = pgTable(
  'program_cohorts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    seats: integer('seats'),
  },
  (t) => [index('program_cohorts_program_idx').on(t.programId, t.startsOn)],
);

export const trainingDocument = pgEnum('training_document', ['certificate', 'diploma']);

/** A completed training: удостоверение (ПК) or диплом (ПП). */
export const trainings = pgTable(
  'trainings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    programId: uuid('program_id').references(() => programs.id, { onDelete: 'set null' }),
    /** The program's name as written on the document, when it is not in the catalog. */
    programName: text('program_name').notNull(),
    provider: text('provider'),
    document: trainingDocument('document').notNull(),
    documentNumber: text('document_number').notNull(),
    issuedOn: date('issued_on').notNull(),
    hours: integer('hours').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('trainings_person_idx').on(t.personId, t.issuedOn),
    uniqueIndex('trainings_document_uq').on(t.personId, t.documentNumber),
  ],
);
