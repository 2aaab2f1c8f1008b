import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { competencies } from '../assessment/assessment.schema.ts';
import { communities } from '../communities/communities.schema.ts';
import { municipalities, organizations, people, regions } from '../directory/directory.schema.ts';
import { eventRegistrations } from '../events/events.schema.ts';
import { storedFiles, users } from '../platform/platform.schema.ts';

/**
 * The bank of practices and materials (issue 14, 6): methodical materials and effective practices
 * with authors from the registry, competencies of a framework, a level of approbation, moderated by
 * the methodical council before the territory sees them. A self-education item of a route points at
 * a material by its `activity_id`; presenters' registrations and communities link here.
 */
export const practiceKind = pgEnum('practice_kind', ['material', 'practice']);
export const practiceStatus = pgEnum('practice_status', ['draft', 'on_moderation', 'published', 'returned']);
export const approbationLevel = pgEnum('approbation_level', ['school', 'municipal', 'regional', 'federal']);
export const practiceUseKind = pgEnum('practice_use_kind', ['view', 'download', 'link']);

export const practiceMaterials = pgTable(
  'practice_materials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: practiceKind('kind').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    topic: text('topic').notNull().default(''),
    subjects: text('subjects').array().notNull().default(sql`'{}'::text[]`),
    /** An uploaded file (stored_files) or a link, or both. */
    fileId: uuid('file_id').references(() => storedFiles.id, { onDelete: 'set null' }),
    url: text('url'),
    approbationLevel: approbationLevel('approbation_level').notNull().default('school'),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    municipalityId: uuid('municipality_id').references(() => municipalities.id),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    status: practiceStatus('status').notNull().default('draft'),
    returnReason: text('return_reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    moderatedBy: uuid('moderated_by').references(() => users.id, { onDelete: 'set null' }),
    moderatedAt: timestamp('moderated_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('practice_materials_territory_idx').on(t.regionId, t.municipalityId, t.status),
    index('practice_materials_organization_idx').on(t.organizationId),
    check('practice_materials_published', sql`(${t.status} = 'published') = (${t.publishedAt} IS NOT NULL)`),
  ],
);

/** Authors: people of the registry, at least one (checked on submit), in order. */
export const practiceMaterialAuthors = pgTable(
  'practice_material_authors',
  {
    materialId: uuid('material_id')
      .notNull()
      .references(() => practiceMaterials.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.materialId, t.personId] }),
    index('practice_material_authors_person_idx').on(t.personId),
  ],
);

/** Competencies (of a framework of src/assessment) the material develops. */
export const practiceMaterialCompetencies = pgTable(
  'practice_material_competencies',
  {
    materialId: uuid('material_id')
      .notNull()
      .references(() => practiceMaterials.id, { onDelete: 'cascade' }),
    competencyId: uuid('competency_id')
      .notNull()
      .references(() => competencies.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.materialId, t.competencyId] }),
    index('practice_material_competencies_idx').on(t.competencyId),
  ],
);

/** A use: a card opened, the file downloaded, the link followed. */
export const practiceMaterialUses = pgTable(
  'practice_material_uses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    materialId: uuid('material_id')
      .notNull()
      .references(() => practiceMaterials.id, { onDelete: 'cascade' }),
    kind: practiceUseKind('kind').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('practice_material_uses_idx').on(t.materialId, t.kind)],
);

/** Where a material is attached: a presenter's registration at an event, a community. */
export const practiceMaterialLinks = pgTable(
  'practice_material_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    materialId: uuid('material_id')
      .notNull()
      .references(() => practiceMaterials.id, { onDelete: 'cascade' }),
    registrationId: uuid('registration_id').references(() => eventRegistrations.id, { onDelete: 'cascade' }),
    communityId: uuid('community_id').references(() => communities.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('practice_material_links_material_idx').on(t.materialId),
    index('practice_material_links_registration_idx').on(t.registrationId),
    index('practice_material_links_community_idx').on(t.communityId),
    check('practice_material_links_one_target', sql`num_nonnulls(${t.registrationId}, ${t.communityId}) = 1`),
  ],
);
