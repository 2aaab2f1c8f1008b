import { sql } from 'drizzle-orm';
import {
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
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { municipalities, organizations, people, regions } from '../directory/directory.schema.ts';
import { events } from '../events/events.schema.ts';
import { users } from '../platform/platform.schema.ts';

/**
 * Methodical associations and councils: ГМО / РМО (municipal), ШМО (a school's), regional
 * associations, councils, professional communities, the mentors' club and the school of the young
 * teacher — one model with a kind and a level.
 */
export const communityKind = pgEnum('community_kind', [
  'gmo',
  'rmo',
  'shmo',
  'regional_association',
  'methodical_council',
  'young_teachers_council',
  'coordination_council',
  'council',
  'professional_community',
  'mentors_club',
  'young_teacher_school',
]);
export const communityLevel = pgEnum('community_level', ['institutional', 'municipal', 'regional']);
export const communityMeetingStatus = pgEnum('community_meeting_status', ['planned', 'held', 'cancelled']);

export const communities = pgTable(
  'communities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: communityKind('kind').notNull(),
    level: communityLevel('level').notNull(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    /** Null for a regional community. */
    municipalityId: uuid('municipality_id').references(() => municipalities.id),
    /** Set for an institutional community (ШМО): the organization it belongs to. */
    organizationId: uuid('organization_id').references(() => organizations.id),
    name: text('name').notNull(),
    /** The subject (ГМО учителей математики) or a direction (функциональная грамотность). */
    subject: text('subject'),
    direction: text('direction'),
    description: text('description'),
    leaderPersonId: uuid('leader_person_id').references(() => people.id, { onDelete: 'set null' }),
    /** Who is suggested as a member: the assessment campaigns' target rule within the territory. */
    rule: jsonb('rule').notNull().default(sql`'{}'::jsonb`),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('communities_municipality_idx').on(t.municipalityId, t.kind),
    index('communities_organization_idx').on(t.organizationId),
    index('communities_region_idx').on(t.regionId),
    check(
      'communities_level_territory',
      sql`(${t.level} = 'institutional') = (${t.organizationId} IS NOT NULL)
        AND (${t.level} = 'regional') = (${t.municipalityId} IS NULL)`,
    ),
  ],
);

/** Deputies of the leader (заместители руководителя). */
export const communityDeputies = pgTable(
  'community_deputies',
  {
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.personId] })],
);

/**
 * A person's membership period: joined, and left (null while a member). A person is a member once
 * at a time — the partial unique index over open periods; leaving and joining again is a new row.
 */
export const communityMembers = pgTable(
  'community_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    joinedOn: date('joined_on').notNull(),
    leftOn: date('left_on'),
    leftReason: text('left_reason'),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('community_members_open_uq').on(t.communityId, t.personId).where(sql`${t.leftOn} IS NULL`),
    index('community_members_person_idx').on(t.personId),
    check('community_members_period', sql`${t.leftOn} IS NULL OR ${t.leftOn} >= ${t.joinedOn}`),
  ],
);

/** An item of the community's yearly work plan, optionally an event of the events plan. */
export const communityPlanItems = pgTable(
  'community_plan_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    /** The school year's first calendar year: 2026 is «2026/2027». */
    schoolYear: integer('school_year').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    title: text('title').notNull(),
    responsiblePersonId: uuid('responsible_person_id').references(() => people.id, { onDelete: 'set null' }),
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
    doneOn: date('done_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('community_plan_items_idx').on(t.communityId, t.schoolYear, t.startsOn),
    check('community_plan_items_dates', sql`${t.endsOn} IS NULL OR ${t.endsOn} >= ${t.startsOn}`),
  ],
);

/** A meeting (заседание): planned, held with attendance and minutes, or cancelled. */
export const communityMeetings = pgTable(
  'community_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    schoolYear: integer('school_year').notNull(),
    heldOn: date('held_on').notNull(),
    title: text('title').notNull(),
    agenda: text('agenda'),
    status: communityMeetingStatus('status').notNull().default('planned'),
    /** The minutes' text (протокол) besides its decisions. */
    minutes: text('minutes'),
    planItemId: uuid('plan_item_id').references(() => communityPlanItems.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('community_meetings_idx').on(t.communityId, t.schoolYear, t.heldOn)],
);

/** Members present at a held meeting; absence is no row. */
export const communityAttendance = pgTable(
  'community_attendance',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => communityMeetings.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.personId] }),
    index('community_attendance_person_idx').on(t.personId),
  ],
);

/** A decision of the minutes: what, who is responsible, by when. */
export const communityDecisions = pgTable(
  'community_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => communityMeetings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    responsiblePersonId: uuid('responsible_person_id').references(() => people.id, { onDelete: 'set null' }),
    dueOn: date('due_on'),
    doneOn: date('done_on'),
  },
  (t) => [index('community_decisions_meeting_idx').on(t.meetingId, t.position)],
);

/**
 * Memberships with status and period: методический актив, экспертное сообщество, кадровый резерв
 * руководителей, банк кадрового резерва региона, тьюторы / кураторы ИОМ.
 */
export const membershipKind = pgEnum('membership_kind', [
  'methodical_asset',
  'expert_community',
  'manager_reserve',
  'regional_reserve_bank',
  'tutor',
]);
export const membershipStatus = pgEnum('membership_status', [
  'nominated',
  'approved',
  'active',
  'ended',
  'rejected',
]);

export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: membershipKind('kind').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    /** The municipality the person worked in when nominated: whose methodist approves. */
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    /** The person's organization when nominated (filters and the nominating school head). */
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    status: membershipStatus('status').notNull().default('nominated'),
    /** The subject or direction (an expert's field, a tutor's subject). */
    direction: text('direction'),
    note: text('note'),
    fromOn: date('from_on'),
    toOn: date('to_on'),
    /** Why it was rejected or ended. */
    reason: text('reason'),
    nominatedBy: uuid('nominated_by').references(() => users.id, { onDelete: 'set null' }),
    nominatedAt: timestamp('nominated_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('memberships_open_uq')
      .on(t.kind, t.personId)
      .where(sql`${t.status} IN ('nominated', 'approved', 'active')`),
    index('memberships_municipality_idx').on(t.municipalityId, t.kind, t.status),
    index('memberships_person_idx').on(t.personId),
    check('memberships_period', sql`${t.toOn} IS NULL OR ${t.fromOn} IS NULL OR ${t.toOn} >= ${t.fromOn}`),
  ],
);

/** Every status change of a membership: who, when, why. */
export const membershipTransitions = pgTable(
  'membership_transitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    membershipId: uuid('membership_id')
      .notNull()
      .references(() => memberships.id, { onDelete: 'cascade' }),
    fromStatus: membershipStatus('from_status'),
    toStatus: membershipStatus('to_status').notNull(),
    byUser: uuid('by_user').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    reason: text('reason'),
  },
  (t) => [index('membership_transitions_idx').on(t.membershipId, t.at)],
);

/** A reservist's training plan (школа кадрового резерва): items and their completion. */
export const membershipTrainingItems = pgTable(
  'membership_training_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    membershipId: uuid('membership_id')
      .notNull()
      .references(() => memberships.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    dueOn: date('due_on'),
    doneOn: date('done_on'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('membership_training_items_idx').on(t.membershipId)],
);
