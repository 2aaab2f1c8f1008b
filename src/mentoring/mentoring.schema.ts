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
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { competencies } from '../assessment/assessment.schema.ts';
import { municipalities, organizations, people, regions } from '../directory/directory.schema.ts';
import { users } from '../platform/platform.schema.ts';

/**
 * Целевая модель наставничества: an organization's programs, the mentors its order appoints, and
 * mentorships (a pair or a group) kept as periods — started_on / finished_on — with one open
 * mentorship per mentee in a program (a partial unique index, as England's register of early
 * career teachers keeps its periods).
 */

/** педагог–педагог, руководитель–педагог, опытный–молодой, групповое наставничество. */
export const mentoringForm = pgEnum('mentoring_form', [
  'teacher_teacher',
  'head_teacher',
  'experienced_young',
  'group',
]);
/** Why a mentorship ended: its program of work done, the mentee's transfer, something else. */
export const mentorshipFinishReason = pgEnum('mentorship_finish_reason', ['completed', 'transfer', 'other']);
export const mentorshipGoalOutcome = pgEnum('mentorship_goal_outcome', ['reached', 'partly', 'not_reached']);
export const mentorshipPlanKind = pgEnum('mentorship_plan_kind', ['meeting', 'task']);
export const mentorshipReportSide = pgEnum('mentorship_report_side', ['mentor', 'mentee']);

/** Программа наставничества of one organization, with the order (приказ) that appoints its mentors. */
export const mentoringPrograms = pgTable(
  'mentoring_programs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    forms: mentoringForm('forms').array().notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    orderNumber: text('order_number'),
    orderDate: date('order_date'),
    /** A link to the order (the organization's site or a stored file's address). */
    orderUrl: text('order_url'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('mentoring_programs_org_idx').on(t.organizationId),
    index('mentoring_programs_municipality_idx').on(t.municipalityId),
    check('mentoring_programs_period', sql`${t.endsOn} IS NULL OR ${t.endsOn} >= ${t.startsOn}`),
    check('mentoring_programs_forms', sql`cardinality(${t.forms}) > 0`),
  ],
);

/** A mentor of a program: a person appointed by its order, with a capacity of mentees. */
export const mentoringMentors = pgTable(
  'mentoring_mentors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id')
      .notNull()
      .references(() => mentoringPrograms.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    capacity: integer('capacity').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('mentoring_mentors_program_person_uq').on(t.programId, t.personId),
    index('mentoring_mentors_person_idx').on(t.personId),
    check('mentoring_mentors_capacity', sql`${t.capacity} BETWEEN 1 AND 50`),
  ],
);

/** A mentorship: one mentor with one mentee (a pair) or several (a group), over a period. */
export const mentorships = pgTable(
  'mentorships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id')
      .notNull()
      .references(() => mentoringPrograms.id, { onDelete: 'cascade' }),
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => mentoringMentors.id),
    form: mentoringForm('form').notNull(),
    startedOn: date('started_on').notNull(),
    finishedOn: date('finished_on'),
    finishReason: mentorshipFinishReason('finish_reason'),
    finishNote: text('finish_note'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('mentorships_program_idx').on(t.programId),
    index('mentorships_mentor_idx').on(t.mentorId),
    check('mentorships_period', sql`${t.finishedOn} IS NULL OR ${t.finishedOn} >= ${t.startedOn}`),
    check('mentorships_finish', sql`(${t.finishedOn} IS NULL) = (${t.finishReason} IS NULL)`),
  ],
);

/**
 * A mentee of a mentorship. program_id and finished_on repeat the mentorship's so that the index
 * below holds the rule «one open mentorship per mentee in a program», whoever inserts concurrently.
 */
export const mentorshipMentees = pgTable(
  'mentorship_mentees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mentorshipId: uuid('mentorship_id')
      .notNull()
      .references(() => mentorships.id, { onDelete: 'cascade' }),
    programId: uuid('program_id')
      .notNull()
      .references(() => mentoringPrograms.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    finishedOn: date('finished_on'),
  },
  (t) => [
    uniqueIndex('mentorship_mentees_one_open_uq')
      .on(t.programId, t.personId)
      .where(sql`${t.finishedOn} IS NULL`),
    uniqueIndex('mentorship_mentees_pair_person_uq').on(t.mentorshipId, t.personId),
    index('mentorship_mentees_person_idx').on(t.personId),
  ],
);

/**
 * A goal of a mentorship: a mentee's deficit competency, with the result it started from (the
 * latest at the time the goal was set) and, at finishing, whether it was reached.
 */
export const mentorshipGoals = pgTable(
  'mentorship_goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mentorshipId: uuid('mentorship_id')
      .notNull()
      .references(() => mentorships.id, { onDelete: 'cascade' }),
    menteePersonId: uuid('mentee_person_id')
      .notNull()
      .references(() => people.id),
    competencyId: uuid('competency_id')
      .notNull()
      .references(() => competencies.id),
    title: text('title'),
    baselinePercent: numeric('baseline_percent', { precision: 5, scale: 2 }).notNull(),
    baselineOn: date('baseline_on').notNull(),
    outcome: mentorshipGoalOutcome('outcome'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('mentorship_goals_uq').on(t.mentorshipId, t.menteePersonId, t.competencyId)],
);

/** The plan of a mentorship: meetings and tasks with a date, a topic and a mark of done. */
export const mentorshipPlanItems = pgTable(
  'mentorship_plan_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mentorshipId: uuid('mentorship_id')
      .notNull()
      .references(() => mentorships.id, { onDelete: 'cascade' }),
    kind: mentorshipPlanKind('kind').notNull(),
    plannedOn: date('planned_on').notNull(),
    topic: text('topic').notNull(),
    done: boolean('done').notNull().default(false),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mentorship_plan_items_mentorship_idx').on(t.mentorshipId, t.plannedOn)],
);

/** A report of the mentor or of a mentee (отчёт наставника / наставляемого). */
export const mentorshipReports = pgTable(
  'mentorship_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mentorshipId: uuid('mentorship_id')
      .notNull()
      .references(() => mentorships.id, { onDelete: 'cascade' }),
    side: mentorshipReportSide('side').notNull(),
    authorPersonId: uuid('author_person_id')
      .notNull()
      .references(() => people.id),
    reportedOn: date('reported_on').notNull(),
    text: text('text').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mentorship_reports_mentorship_idx').on(t.mentorshipId, t.reportedOn)],
);
