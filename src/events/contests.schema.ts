import { sql } from 'drizzle-orm';
import {
  check,
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
import { users } from '../platform/platform.schema.ts';
import { eventCertificates, eventRegistrations, events } from './events.schema.ts';

/**
 * Contests (an event of kind 'contest'; the code lives in ./contests/): nominations, criteria,
 * the participants' entries, the jury's score sheets, outcomes and published results.
 */

/** участник / лауреат / призёр / победитель */
export const contestOutcome = pgEnum('contest_outcome', [
  'participant',
  'laureate',
  'prize_winner',
  'winner',
]);

/** A contest's own state: when its results were published (scores and outcomes are frozen then). */
export const contests = pgTable('contests', {
  eventId: uuid('event_id')
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
});

export const contestNominations = pgTable(
  'contest_nominations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [uniqueIndex('contest_nominations_title_uq').on(t.eventId, t.title)],
);

export const contestCriteria = pgTable(
  'contest_criteria',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    maxScore: integer('max_score').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    uniqueIndex('contest_criteria_title_uq').on(t.eventId, t.title),
    check('contest_criteria_max', sql`${t.maxScore} BETWEEN 1 AND 100`),
  ],
);

/** A registered participant's entry in a nomination: one per registration per nomination. */
export const contestEntries = pgTable(
  'contest_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    nominationId: uuid('nomination_id')
      .notNull()
      .references(() => contestNominations.id, { onDelete: 'cascade' }),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => eventRegistrations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    materialsUrl: text('materials_url'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    outcome: contestOutcome('outcome'),
    outcomeSetBy: uuid('outcome_set_by').references(() => users.id, { onDelete: 'set null' }),
    outcomeSetAt: timestamp('outcome_set_at', { withTimezone: true }),
    /** The diploma issued on publication (laureates, prize-winners, winners). */
    diplomaCertificateId: uuid('diploma_certificate_id').references(() => eventCertificates.id, {
      onDelete: 'set null',
    }),
  },
  (t) => [
    uniqueIndex('contest_entries_reg_nom_uq').on(t.registrationId, t.nominationId),
    index('contest_entries_event_idx').on(t.eventId, t.nominationId),
  ],
);

/** A juror's score of an entry by a criterion; a juror's rows for one entry are their score sheet. */
export const contestScores = pgTable(
  'contest_scores',
  {
    entryId: uuid('entry_id')
      .notNull()
      .references(() => contestEntries.id, { onDelete: 'cascade' }),
    jurorRegistrationId: uuid('juror_registration_id')
      .notNull()
      .references(() => eventRegistrations.id, { onDelete: 'cascade' }),
    criterionId: uuid('criterion_id')
      .notNull()
      .references(() => contestCriteria.id, { onDelete: 'cascade' }),
    score: integer('score').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.entryId, t.jurorRegistrationId, t.criterionId] }),
    index('contest_scores_juror_idx').on(t.jurorRegistrationId),
    check('contest_scores_nonneg', sql`${t.score} >= 0`),
  ],
);
