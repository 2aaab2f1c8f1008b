import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { municipalities, organizations, orgKind, regions } from '../directory/directory.schema.ts';
import { users } from '../platform/platform.schema.ts';
import type { AnswerValue, Evidence, LevelBand, ScoringRule } from './scoring.ts';

/**
 * Expert cards (issue 15, seed 004): once a year every organization of a municipality fills its
 * group's card (ДОО, ОО, ДО — 004 Appendix 2) with evidence by 30 September, experts verify it item
 * by item by 15 October, and the department scores it — points, level, rank — by 1 November.
 *
 * A template is data: directions, items, a typed scoring rule per item, levels in % of the maximum.
 * Templates are versioned within a `family`: a campaign keeps the version it started with, an edit
 * of a version a campaign uses makes the next version.
 */
export const expertTemplateStatus = pgEnum('expert_template_status', ['draft', 'published', 'archived']);
export const expertCampaignMaxBasis = pgEnum('expert_campaign_max_basis', ['document', 'items']);
export const expertCardStatus = pgEnum('expert_card_status', ['draft', 'submitted', 'returned', 'verified']);
export const expertItemReview = pgEnum('expert_item_review', [
  'pending',
  'accepted',
  'changed',
  'returned',
  'corrected',
]);

export const expertCardTemplates = pgTable(
  'expert_card_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** All versions of one template share a family; `version` counts from 1. */
    family: uuid('family').notNull(),
    version: integer('version').notNull().default(1),
    orgKind: orgKind('org_kind').notNull(),
    title: text('title').notNull(),
    /** `004.preschool` / `004.school` / `004.additional` for a preset and its copies. */
    presetCode: text('preset_code'),
    /** A preset belongs to nobody (territory columns null); a copy belongs to its territory. */
    regionId: uuid('region_id').references(() => regions.id),
    municipalityId: uuid('municipality_id').references(() => municipalities.id),
    /** The card's maximum as the document states it (004 Appendix 1); null when none is stated. */
    statedMax: integer('stated_max'),
    levels: jsonb('levels').$type<LevelBand[]>().notNull(),
    /** What the document says of itself that the preset keeps (contradictions, misprints). */
    notes: text('notes').notNull().default(''),
    status: expertTemplateStatus('status').notNull().default('draft'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('expert_card_templates_version').on(t.family, t.version),
    index('expert_card_templates_territory_idx').on(t.regionId, t.municipalityId),
  ],
);

export const expertCardDirections = pgTable(
  'expert_card_directions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => expertCardTemplates.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    /** «макс. — N баллов» as printed; null when the document states none. */
    statedMax: integer('stated_max'),
  },
  (t) => [unique('expert_card_directions_position').on(t.templateId, t.position)],
);

export const expertCardItems = pgTable(
  'expert_card_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => expertCardTemplates.id, { onDelete: 'cascade' }),
    directionId: uuid('direction_id')
      .notNull()
      .references(() => expertCardDirections.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** «Показатели, обеспечивающие оценку» as printed. */
    text: text('text').notNull(),
    /** «Методики оценки» as printed («факт участия - 1 балл»). */
    method: text('method').notNull(),
    rule: jsonb('rule').$type<ScoringRule>().notNull(),
    /** «Периодичность, сроки представления информации». */
    periodicity: text('periodicity').notNull().default(''),
    /** «Источники получения информации» — where the figure comes from / what evidence is asked. */
    source: text('source').notNull().default(''),
    /** The head must attach a document or a link (false where the source is a statistic). */
    evidenceRequired: boolean('evidence_required').notNull().default(true),
    /** A platform source that prefills the item (`prefill/prefill.sources.ts`); null when none. */
    prefillSource: text('prefill_source'),
    /** A remark of the platform on the printed row (a misprint, a row placed oddly). */
    note: text('note').notNull().default(''),
  },
  (t) => [
    unique('expert_card_items_position').on(t.directionId, t.position),
    index('expert_card_items_template_idx').on(t.templateId),
  ],
);

export const expertCampaigns = pgTable(
  'expert_campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    /** The school year's first calendar year: 2025 is 2025/26. */
    schoolYear: integer('school_year').notNull(),
    title: text('title').notNull(),
    /** Stage 1 (the head fills), stage 2 (experts verify), stage 3 (scoring): last days, inclusive. */
    fillBy: date('fill_by').notNull(),
    verifyBy: date('verify_by').notNull(),
    evaluateBy: date('evaluate_by').notNull(),
    /** Which maximum the levels are computed from: the document's stated one or the items' sum. */
    maxBasis: expertCampaignMaxBasis('max_basis').notNull().default('document'),
    maxBasisNote: text('max_basis_note').notNull().default(''),
    /** Results published (stage 3 done); the campaign is read-only afterwards. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('expert_campaigns_year').on(t.municipalityId, t.schoolYear),
    check('expert_campaigns_dates', sql`${t.fillBy} <= ${t.verifyBy} AND ${t.verifyBy} <= ${t.evaluateBy}`),
  ],
);

/** The template version each organization group of a campaign fills. */
export const expertCampaignTemplates = pgTable(
  'expert_campaign_templates',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => expertCampaigns.id, { onDelete: 'cascade' }),
    orgKind: orgKind('org_kind').notNull(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => expertCardTemplates.id),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.orgKind] })],
);

export const expertCards = pgTable(
  'expert_cards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => expertCampaigns.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    templateId: uuid('template_id')
      .notNull()
      .references(() => expertCardTemplates.id),
    status: expertCardStatus('status').notNull().default('draft'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** Submitted after `fill_by` (only possible once the methodist reopened the card). */
    late: boolean('late').notNull().default(false),
    /** The methodist reopened the card after its stage closed: editable until submitted again. */
    reopenedAt: timestamp('reopened_at', { withTimezone: true }),
    reopenedBy: uuid('reopened_by').references(() => users.id, { onDelete: 'set null' }),
    reopenReason: text('reopen_reason'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    /** Stage 3: points per direction (direction id → points), total, level code, rank in group. */
    directionPoints: jsonb('direction_points').$type<Record<string, number>>(),
    totalPoints: integer('total_points'),
    level: text('level'),
    rank: integer('rank'),
    scoredAt: timestamp('scored_at', { withTimezone: true }),
    /** Optimistic concurrency: a save names the version it read. */
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('expert_cards_organization').on(t.campaignId, t.organizationId),
    index('expert_cards_organization_idx').on(t.organizationId),
  ],
);

export const expertCardAnswers = pgTable(
  'expert_card_answers',
  {
    cardId: uuid('card_id')
      .notNull()
      .references(() => expertCards.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => expertCardItems.id),
    /** The head's answer, typed by the item's rule; null while not answered. */
    value: jsonb('value').$type<AnswerValue>(),
    comment: text('comment').notNull().default(''),
    evidence: jsonb('evidence').$type<Evidence[]>().notNull().default(sql`'[]'::jsonb`),
    /** What the platform found itself: `{ value, source, detail, computedAt }`. */
    prefill: jsonb('prefill').$type<{
      value: AnswerValue;
      source: string;
      detail: string;
      computedAt: string;
    }>(),
    /** Points the head's answer earns by the rule (recomputed on each save). */
    claimedPoints: integer('claimed_points'),
    review: expertItemReview('review').notNull().default('pending'),
    /** The expert's points (equal to the claimed ones when accepted). */
    verifiedPoints: integer('verified_points'),
    expertComment: text('expert_comment').notNull().default(''),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    /** A claim contradicting the platform's own data (a prize-winner with no such result). */
    flag: text('flag'),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.cardId, t.itemId] })],
);

/** Experts the methodist assigned to a card (never one employed at the card's organization). */
export const expertCardAssignments = pgTable(
  'expert_card_assignments',
  {
    cardId: uuid('card_id')
      .notNull()
      .references(() => expertCards.id, { onDelete: 'cascade' }),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    assignedBy: uuid('assigned_by').references(() => users.id, { onDelete: 'set null' }),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cardId, t.expertId] }),
    index('expert_card_assignments_expert_idx').on(t.expertId),
  ],
);

/** What happened to a card: saved, submitted, returned, corrected, reopened, scored. */
export const expertCardHistory = pgTable(
  'expert_card_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    cardId: uuid('card_id')
      .notNull()
      .references(() => expertCards.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id').references(() => expertCardItems.id),
    kind: text('kind').notNull(),
    comment: text('comment').notNull().default(''),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('expert_card_history_card_idx').on(t.cardId, t.at)],
);

/**
 * A deputy the organization's head entrusted with filling the card («или заместитель, которому
 * руководитель поручил»): fills and submits like the head, for that organization only.
 */
export const expertCardDelegates = pgTable(
  'expert_card_delegates',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    grantedBy: uuid('granted_by').references(() => users.id, { onDelete: 'set null' }),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.userId] }),
    index('expert_card_delegates_user_idx').on(t.userId),
  ],
);
