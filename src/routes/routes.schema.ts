import { sql } from 'drizzle-orm';
import {
  bigserial,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { assessmentCampaigns, competencies, competencyFrameworks } from '../assessment/assessment.schema.ts';
import { people } from '../directory/directory.schema.ts';
import { mentorships } from '../mentoring/mentoring.schema.ts';
import { jobs, users } from '../platform/platform.schema.ts';

export const routeStatus = pgEnum('route_status', [
  'draft',
  'agreed',
  'in_progress',
  'completed',
  'cancelled',
]);
export const routeItemStatus = pgEnum('route_item_status', ['planned', 'in_progress', 'done', 'dropped']);
/** What fills an item: a catalog program cohort, an event (later), mentoring, self-education, an internship. */
export const activityKind = pgEnum('activity_kind', [
  'program',
  'event',
  'mentoring',
  'self_education',
  'internship',
]);
export const learningForm = pgEnum('learning_form', ['formal', 'informal', 'self_education']);

/** Индивидуальный образовательный маршрут. */
export const learningRoutes = pgTable(
  'learning_routes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').references(() => assessmentCampaigns.id, { onDelete: 'set null' }),
    /** The framework whose deficits the route closes; the effect compares results in it. */
    frameworkId: uuid('framework_id').references(() => competencyFrameworks.id, { onDelete: 'set null' }),
    /** Date of the assessment the route was built from: «before» of the effect. */
    baselineOn: date('baseline_on'),
    generatedByJobId: uuid('generated_by_job_id').references(() => jobs.id, { onDelete: 'set null' }),
    curatorUserId: uuid('curator_user_id').references(() => users.id, { onDelete: 'set null' }),
    status: routeStatus('status').notNull().default('draft'),
    title: text('title').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    agreedByTeacherAt: timestamp('agreed_by_teacher_at', { withTimezone: true }),
    agreedByCuratorAt: timestamp('agreed_by_curator_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    cancelledReason: text('cancelled_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('learning_routes_person_idx').on(t.personId),
    index('learning_routes_curator_idx').on(t.curatorUserId),
    index('learning_routes_status_idx').on(t.status),
  ],
);

export const learningRouteItems = pgTable(
  'learning_route_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    routeId: uuid('route_id')
      .notNull()
      .references(() => learningRoutes.id, { onDelete: 'cascade' }),
    competencyId: uuid('competency_id').references(() => competencies.id, { onDelete: 'set null' }),
    /** Every deficit competency the item addresses (a program often covers several); includes competencyId. */
    competencyIds: uuid('competency_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** The percent of the main competency when the route was built. */
    baselinePercent: numeric('baseline_percent', { precision: 5, scale: 2 }),
    activityKind: activityKind('activity_kind').notNull(),
    /** The activity it points at: a program cohort id, an event id, … (null for self-education). */
    activityId: uuid('activity_id'),
    title: text('title').notNull(),
    form: learningForm('form').notNull(),
    plannedStart: date('planned_start'),
    plannedEnd: date('planned_end'),
    hours: integer('hours').notNull().default(0),
    expectedResult: text('expected_result').notNull().default(''),
    /** Why the generator chose it, in Russian. */
    reason: text('reason').notNull().default(''),
    status: routeItemStatus('status').notNull().default('planned'),
    evidence: jsonb('evidence'),
    confirmedBy: uuid('confirmed_by').references(() => users.id, { onDelete: 'set null' }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    droppedReason: text('dropped_reason'),
    position: integer('position').notNull().default(0),
    /**
     * A mentoring item's mentor: suggested by generation (same subject, высшая or первая category,
     * free places, own school first), or chosen by the school head at confirmation.
     */
    mentorPersonId: uuid('mentor_person_id').references(() => people.id, { onDelete: 'set null' }),
    /** The mentorship the school head opened from the item; its finishing closes the item. */
    mentorshipId: uuid('mentorship_id').references(() => mentorships.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('learning_route_items_route_idx').on(t.routeId),
    index('learning_route_items_mentorship_idx').on(t.mentorshipId),
  ],
);

/** Comments and status changes of a route, in order. */
export const learningRouteEvents = pgTable(
  'learning_route_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    routeId: uuid('route_id')
      .notNull()
      .references(() => learningRoutes.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id').references(() => learningRouteItems.id, { onDelete: 'cascade' }),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    text: text('text').notNull().default(''),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('learning_route_events_route_idx').on(t.routeId, t.at),
    // The item FK cascades: without it deleting an item scans every event.
    index('learning_route_events_item_idx').on(t.itemId),
  ],
);
