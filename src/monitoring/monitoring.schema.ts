import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
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
import { ownerLevel } from '../assessment/assessment.schema.ts';
import { municipalities, organizations, regions } from '../directory/directory.schema.ts';
import { users } from '../platform/platform.schema.ts';

/**
 * Monitoring: indicators are data (sets loaded from presets and edited), measures are code
 * (src/monitoring/measures), values are computed live or frozen into a monitoring's snapshot.
 */

export const indicatorDirection = pgEnum('indicator_direction', ['up', 'down', 'none']);

/** A framework of indicators owned by a territory: a loaded preset (003, 000, 001, 002) or a copy. */
export const indicatorSets = pgTable(
  'indicator_sets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** The seed document it reproduces ('000', '001', '002', '003') or null for a home-made set. */
    sourceDocument: text('source_document'),
    /** The preset it was loaded from, if any. */
    presetCode: text('preset_code'),
    ownerLevel: ownerLevel('owner_level').notNull(),
    regionId: uuid('region_id').references(() => regions.id),
    municipalityId: uuid('municipality_id').references(() => municipalities.id),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('indicator_sets_owner_code_uq').on(
      t.code,
      sql`coalesce(${t.regionId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      sql`coalesce(${t.municipalityId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
  ],
);

export const indicators = pgTable(
  'indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    setId: uuid('set_id')
      .notNull()
      .references(() => indicatorSets.id, { onDelete: 'cascade' }),
    /** As the document numbers it: '2.1', 'Т1.3', … */
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Трек / направление / критерий the indicator belongs to, as the document words it. */
    track: text('track').notNull().default(''),
    criterion: text('criterion').notNull().default(''),
    position: integer('position').notNull().default(0),
    /** The formula over measures: { kind: 'share' | 'count' | 'ratio' | 'sum' | 'manual', … } (engine/formula.ts). */
    formula: jsonb('formula').notNull(),
    /** Whom person measures count: { employment: 'main' | 'all', staff: 'pedagogical' | …, orgKinds: [] }. */
    population: jsonb('population').notNull().default(sql`'{}'::jsonb`),
    unit: text('unit').notNull().default('%'),
    direction: indicatorDirection('direction').notNull().default('up'),
    dataSource: text('data_source').notNull().default(''),
    method: text('method').notNull().default(''),
    representativeness: text('representativeness').notNull().default(''),
    periodicity: text('periodicity').notNull().default(''),
    responsible: text('responsible').notNull().default(''),
    baselineValue: numeric('baseline_value', { precision: 14, scale: 4 }),
    baselineYear: integer('baseline_year'),
    notes: text('notes').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('indicators_set_code_uq').on(t.setId, t.code)],
);

/** Planned value of an indicator for a year. */
export const indicatorTargets = pgTable(
  'indicator_targets',
  {
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    value: numeric('value', { precision: 14, scale: 4 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.year] })],
);

/** A set's monitoring schedule (000, table 3): what, when, who, how the results are used. */
export const monitoringScheduleItems = pgTable(
  'monitoring_schedule_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    setId: uuid('set_id')
      .notNull()
      .references(() => indicatorSets.id, { onDelete: 'cascade' }),
    track: text('track').notNull().default(''),
    what: text('what').notNull(),
    timing: text('timing').notNull(),
    responsible: text('responsible').notNull().default(''),
    useOfResults: text('use_of_results').notNull().default(''),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('monitoring_schedule_set_idx').on(t.setId, t.position)],
);

/**
 * Values of manual measures entered by hand ('manual:<code>' in a formula), for a territory or one
 * organization and a period. Accepted form submissions feed the same measures without a row here.
 */
export const manualMeasureValues = pgTable(
  'manual_measure_values',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    measureCode: text('measure_code').notNull(),
    regionId: uuid('region_id').references(() => regions.id),
    municipalityId: uuid('municipality_id').references(() => municipalities.id),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    value: numeric('value', { precision: 14, scale: 4 }).notNull(),
    note: text('note').notNull().default(''),
    enteredBy: uuid('entered_by').references(() => users.id, { onDelete: 'set null' }),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('manual_measure_values_code_idx').on(t.measureCode, t.periodStart)],
);

/** A data-collection form: typed fields, each optionally feeding a manual measure. */
export const collectionForms = pgTable('collection_forms', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  ownerLevel: ownerLevel('owner_level').notNull(),
  regionId: uuid('region_id').references(() => regions.id),
  municipalityId: uuid('municipality_id').references(() => municipalities.id),
  /** [{ code, label, type: 'integer'|'number'|'percent'|'boolean'|'text'|'date'|'select', required, min, max, options, hint, measureCode }] */
  fields: jsonb('fields').notNull().default(sql`'[]'::jsonb`),
  archived: boolean('archived').notNull().default(false),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A form sent to organizations for a period with a deadline. */
export const formAssignments = pgTable(
  'form_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    formId: uuid('form_id')
      .notNull()
      .references(() => collectionForms.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    dueOn: date('due_on').notNull(),
    /** The fields as they were when assigned: editing the form later does not change what was asked. */
    fields: jsonb('fields').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('form_assignments_form_idx').on(t.formId)],
);

export const submissionStatus = pgEnum('submission_status', [
  'pending',
  'draft',
  'submitted',
  'accepted',
  'returned',
]);

/** One organization's answer to an assignment; created 'pending' when the form is assigned. */
export const formSubmissions = pgTable(
  'form_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => formAssignments.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    status: submissionStatus('status').notNull().default('pending'),
    values: jsonb('values').notNull().default(sql`'{}'::jsonb`),
    savedBy: uuid('saved_by').references(() => users.id, { onDelete: 'set null' }),
    savedAt: timestamp('saved_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewComment: text('review_comment'),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    /** Optimistic concurrency: a save carries the version it was based on. */
    version: integer('version').notNull().default(0),
  },
  (t) => [
    uniqueIndex('form_submissions_assignment_org_uq').on(t.assignmentId, t.organizationId),
    index('form_submissions_org_idx').on(t.organizationId),
  ],
);

export const monitoringStatus = pgEnum('monitoring_status', ['open', 'closed']);

/** A monitoring campaign: an indicator set over a period, as of a date; closing it freezes the values. */
export const monitorings = pgTable(
  'monitorings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    setId: uuid('set_id')
      .notNull()
      .references(() => indicatorSets.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    ownerLevel: ownerLevel('owner_level').notNull(),
    regionId: uuid('region_id').references(() => regions.id),
    municipalityId: uuid('municipality_id').references(() => municipalities.id),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    asOf: date('as_of').notNull(),
    /** The year whose targets the values are compared with. */
    targetYear: integer('target_year').notNull(),
    schedule: text('schedule').notNull().default(''),
    responsible: text('responsible').notNull().default(''),
    status: monitoringStatus('status').notNull().default('open'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedBy: uuid('closed_by').references(() => users.id, { onDelete: 'set null' }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('monitorings_set_idx').on(t.setId, t.asOf)],
);

/**
 * Frozen values of a closed monitoring: the indicator as a whole ('total', key '') and by slice
 * ('organization', 'org_kind', 'territory', 'subject'), with the counts behind each figure.
 */
export const monitoringValues = pgTable(
  'monitoring_values',
  {
    monitoringId: uuid('monitoring_id')
      .notNull()
      .references(() => monitorings.id, { onDelete: 'cascade' }),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    sliceKind: text('slice_kind').notNull(),
    sliceKey: text('slice_key').notNull(),
    sliceLabel: text('slice_label').notNull().default(''),
    value: numeric('value', { precision: 14, scale: 4 }),
    numerator: numeric('numerator', { precision: 14, scale: 4 }),
    denominator: numeric('denominator', { precision: 14, scale: 4 }),
    /** 'ok' | 'empty_denominator' | 'manual_missing' | 'invalid_formula' | 'no_data' */
    status: text('status').notNull().default('ok'),
    message: text('message').notNull().default(''),
    /** On the 'total' row: the target and direction as they were at closing, so a later edit never re-judges a published figure. */
    target: numeric('target', { precision: 14, scale: 4 }),
    direction: text('direction'),
  },
  (t) => [primaryKey({ columns: [t.monitoringId, t.indicatorId, t.sliceKind, t.sliceKey] })],
);

/** Who was counted, per organization: the drill-down of a frozen figure to names. */
export const monitoringMembers = pgTable(
  'monitoring_members',
  {
    monitoringId: uuid('monitoring_id')
      .notNull()
      .references(() => monitorings.id, { onDelete: 'cascade' }),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    /** 'numerator' | 'denominator' | 'value' */
    part: text('part').notNull(),
    organizationId: uuid('organization_id').notNull(),
    /** 'person' | 'organization' | 'vacancy' | 'route' | 'training' */
    memberKind: text('member_kind').notNull(),
    memberIds: uuid('member_ids').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.monitoringId, t.indicatorId, t.part, t.organizationId] })],
);

/**
 * Precomputed parts of a closed monitoring's dashboard (issue 12): written by the close with the
 * snapshot (or on the first read of a monitoring closed before), read instead of recomputing.
 * 'figures' — the frozen figures in the compute's shape; 'clusters:<k>' — the clusters of the
 * territory's organizations.
 */
export const monitoringDashboardParts = pgTable(
  'monitoring_dashboard_parts',
  {
    monitoringId: uuid('monitoring_id')
      .notNull()
      .references(() => monitorings.id, { onDelete: 'cascade' }),
    part: text('part').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.monitoringId, t.part] })],
);

/**
 * One row per transaction that wrote a table the indicator engine reads (statement triggers of
 * the migration insert it): the row count is the data version a live compute is cached under.
 */
export const engineDataWrites = pgTable('engine_data_writes', {
  txid: bigint('txid', { mode: 'number' }).primaryKey(),
});

/**
 * The writes folded out of engine_data_writes by the nightly compaction (one row, id 1): the data
 * version is folded + the rows left, so compaction never moves it.
 */
export const engineDataVersion = pgTable('engine_data_version', {
  id: integer('id').primaryKey(),
  folded: bigint('folded', { mode: 'number' }).notNull(),
});
