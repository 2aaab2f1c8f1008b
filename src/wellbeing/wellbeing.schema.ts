import { sql } from 'drizzle-orm';
import { check, date, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { assessmentAttempts } from '../assessment/assessment.schema.ts';
import { organizations, people } from '../directory/directory.schema.ts';
import { users } from '../platform/platform.schema.ts';

/**
 * Burnout support (issue 14, 5): a teacher at high risk by the burnout questionnaire gets a
 * support plan of their organization, opened from the attempt that showed the risk, with items
 * (a consultation, a group, a recommendation about load) and a follow-up screening. One open
 * plan per teacher (a partial unique index), one plan per source attempt.
 */

export const supportPlanStatus = pgEnum('support_plan_status', ['open', 'closed']);
export const supportRiskLevel = pgEnum('support_risk_level', ['high', 'moderate', 'low']);
export const supportItemKind = pgEnum('support_item_kind', [
  'psychologist',
  'group',
  'load_recommendation',
  'other',
]);
export const supportPlanOutcome = pgEnum('support_plan_outcome', ['improved', 'other']);

export const supportPlans = pgTable(
  'support_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    sourceAttemptId: uuid('source_attempt_id').references(() => assessmentAttempts.id, {
      onDelete: 'set null',
    }),
    riskLevel: supportRiskLevel('risk_level').notNull(),
    status: supportPlanStatus('status').notNull().default('open'),
    openedOn: date('opened_on').notNull(),
    closedOn: date('closed_on'),
    /** When the teacher is asked to take the questionnaire again. */
    followUpDue: date('follow_up_due').notNull(),
    /** The day the teacher was reminded of the follow-up (once per due date). */
    followUpNotifiedOn: date('follow_up_notified_on'),
    /** The later attempt that was the follow-up screening, and its risk. */
    followUpAttemptId: uuid('follow_up_attempt_id').references(() => assessmentAttempts.id, {
      onDelete: 'set null',
    }),
    followUpRisk: supportRiskLevel('follow_up_risk'),
    followUpOn: date('follow_up_on'),
    outcome: supportPlanOutcome('outcome'),
    outcomeNote: text('outcome_note'),
    closedBy: uuid('closed_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('support_plans_org_idx').on(t.organizationId),
    uniqueIndex('support_plans_one_open_uq').on(t.personId).where(sql`${t.status} = 'open'`),
    uniqueIndex('support_plans_source_uq').on(t.sourceAttemptId),
    check(
      'support_plans_closed',
      sql`(${t.status} = 'open') = (${t.closedOn} IS NULL) AND (${t.status} = 'open' OR ${t.outcome} IS NOT NULL)`,
    ),
  ],
);

export const supportPlanItems = pgTable(
  'support_plan_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => supportPlans.id, { onDelete: 'cascade' }),
    kind: supportItemKind('kind').notNull(),
    note: text('note').notNull().default(''),
    dueOn: date('due_on'),
    doneOn: date('done_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('support_plan_items_plan_idx').on(t.planId)],
);
