import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { municipalities, organizations, people, regions } from '../directory/directory.schema.ts';
import { users } from '../platform/platform.schema.ts';

/** Who owns a framework, an instrument or a campaign: the region, a municipality or a school. */
export const ownerLevel = pgEnum('owner_level', ['system', 'region', 'municipality', 'organization']);

/** Карта компетенций: framework → groups → competencies. */
export const competencyFrameworks = pgTable('competency_frameworks', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  /** 'teacher' | 'manager': whose competencies it describes. */
  audience: text('audience').notNull().default('teacher'),
  ownerLevel: ownerLevel('owner_level').notNull().default('system'),
  regionId: uuid('region_id').references(() => regions.id),
  municipalityId: uuid('municipality_id').references(() => municipalities.id),
  /** Deficit thresholds in percent: below deficitBelow — deficit; below partialBelow — partial. */
  deficitBelow: numeric('deficit_below', { precision: 5, scale: 2 }).notNull().default('50'),
  partialBelow: numeric('partial_below', { precision: 5, scale: 2 }).notNull().default('75'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const competencyGroups = pgTable('competency_groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  frameworkId: uuid('framework_id')
    .notNull()
    .references(() => competencyFrameworks.id, { onDelete: 'cascade' }),
  /** предметные, методические, психолого-педагогические, коммуникативные, управленческие */
  code: text('code').notNull(),
  name: text('name').notNull(),
  position: integer('position').notNull().default(0),
});

export const competencies = pgTable(
  'competencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    frameworkId: uuid('framework_id')
      .notNull()
      .references(() => competencyFrameworks.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id')
      .notNull()
      .references(() => competencyGroups.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    position: integer('position').notNull().default(0),
  },
  (t) => [uniqueIndex('competencies_framework_code_uq').on(t.frameworkId, t.code)],
);

export const instrumentKind = pgEnum('instrument_kind', ['test', 'self_assessment', 'burnout']);

/**
 * An instrument's whole content (items, options, scoring keys, scales, risk levels) is one
 * versioned JSON document validated by the assessment context; attempts pin the version they used.
 */
export const instruments = pgTable('instruments', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  kind: instrumentKind('kind').notNull(),
  frameworkId: uuid('framework_id').references(() => competencyFrameworks.id),
  ownerLevel: ownerLevel('owner_level').notNull().default('system'),
  regionId: uuid('region_id').references(() => regions.id),
  municipalityId: uuid('municipality_id').references(() => municipalities.id),
  version: integer('version').notNull().default(1),
  content: jsonb('content').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const campaignStatus = pgEnum('campaign_status', ['draft', 'open', 'closed']);

/** Волна диагностики: instruments, target group, window. */
export const assessmentCampaigns = pgTable('assessment_campaigns', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  ownerLevel: ownerLevel('owner_level').notNull(),
  regionId: uuid('region_id').references(() => regions.id),
  municipalityId: uuid('municipality_id').references(() => municipalities.id),
  organizationId: uuid('organization_id').references(() => organizations.id),
  frameworkId: uuid('framework_id').references(() => competencyFrameworks.id),
  status: campaignStatus('status').notNull().default('draft'),
  opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
  closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
  /** organizations, kinds, subjects, positions, youngOnly: the rule that chose the participants. */
  target: jsonb('target').notNull().default(sql`'{}'::jsonb`),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  closedAt: timestamp('closed_at', { withTimezone: true }),
});

export const campaignInstruments = pgTable(
  'campaign_instruments',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => assessmentCampaigns.id, { onDelete: 'cascade' }),
    instrumentId: uuid('instrument_id')
      .notNull()
      .references(() => instruments.id),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.instrumentId] })],
);

/** The people invited when the campaign opened (the target rule frozen into names). */
export const campaignParticipants = pgTable(
  'campaign_participants',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => assessmentCampaigns.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').references(() => organizations.id),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.personId] }),
    index('campaign_participants_person_idx').on(t.personId),
  ],
);

export const attemptStatus = pgEnum('attempt_status', ['started', 'submitted']);

/** One person's sitting of one instrument in one campaign; answers are saved as they are given. */
export const assessmentAttempts = pgTable(
  'assessment_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => assessmentCampaigns.id, { onDelete: 'cascade' }),
    instrumentId: uuid('instrument_id')
      .notNull()
      .references(() => instruments.id),
    instrumentVersion: integer('instrument_version').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    status: attemptStatus('status').notNull().default('started'),
    /** itemId → answer (option ids, or a scale value) */
    answers: jsonb('answers').notNull().default(sql`'{}'::jsonb`),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** Scale scores and levels of a burnout or self-assessment instrument. */
    scales: jsonb('scales'),
  },
  (t) => [uniqueIndex('assessment_attempts_uq').on(t.campaignId, t.instrumentId, t.personId)],
);

export const resultSource = pgEnum('result_source', ['platform', 'import']);

/** A person's score on one competency, from a submitted attempt or an imported spreadsheet. */
export const competencyResults = pgTable(
  'competency_results',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    competencyId: uuid('competency_id')
      .notNull()
      .references(() => competencies.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').references(() => assessmentCampaigns.id, { onDelete: 'set null' }),
    attemptId: uuid('attempt_id').references(() => assessmentAttempts.id, { onDelete: 'set null' }),
    source: resultSource('source').notNull(),
    /** Name of an external procedure (import column «Процедура»). */
    procedure: text('procedure'),
    organizationId: uuid('organization_id').references(() => organizations.id),
    assessedOn: date('assessed_on').notNull(),
    percent: numeric('percent', { precision: 5, scale: 2 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('competency_results_person_idx').on(t.personId, t.competencyId, t.assessedOn),
    index('competency_results_campaign_idx').on(t.campaignId),
    check('competency_results_percent_range', sql`${t.percent} >= 0 AND ${t.percent} <= 100`),
  ],
);

/**
 * The deficits heatmap kept ready: per framework, organization and competency, the people currently
 * employed there counted by the level of their latest result (`subject` '' is the whole
 * organization, otherwise the people teaching that subject there). A municipality's or a region's row
 * is a sum over its organizations, so a heatmap read costs what its scope holds, not the database.
 * Refreshed by `refreshHeatCells` for the organizations listed in `deficit_heat_dirty`.
 */
export const deficitHeatCells = pgTable(
  'deficit_heat_cells',
  {
    frameworkId: uuid('framework_id')
      .notNull()
      .references(() => competencyFrameworks.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull().default(''),
    competencyId: uuid('competency_id')
      .notNull()
      .references(() => competencies.id, { onDelete: 'cascade' }),
    assessed: integer('assessed').notNull(),
    deficit: integer('deficit').notNull(),
    partial: integer('partial').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.frameworkId, t.subject, t.competencyId] }),
    // A region's read: the whole-organization cells of one framework, without the subject rows.
    index('deficit_heat_cells_framework_idx').on(t.frameworkId, t.subject, t.organizationId),
  ],
);

/**
 * Organizations whose heatmap cells of a framework are out of date. Triggers add rows when results,
 * employments or a framework's thresholds change (in the writing transaction, whoever writes);
 * `refreshHeatCells` takes them out and recomputes those organizations.
 */
export const deficitHeatDirty = pgTable(
  'deficit_heat_dirty',
  {
    frameworkId: uuid('framework_id')
      .notNull()
      .references(() => competencyFrameworks.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.frameworkId, t.organizationId] })],
);
