import { sql } from 'drizzle-orm';
import {
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
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { competencies } from '../assessment/assessment.schema.ts';
import { municipalities, organizations, people, regions } from '../directory/directory.schema.ts';
import { users } from '../platform/platform.schema.ts';

/** A plan of methodical events: the municipality's (ММС) or one organization's (ОО). */
export const eventPlanLevel = pgEnum('event_plan_level', ['municipal', 'institutional']);
export const eventPlanStatus = pgEnum('event_plan_status', ['draft', 'approved']);

export const eventKind = pgEnum('event_kind', [
  'seminar',
  'webinar',
  'conference',
  'master_class',
  'internship',
  'contest',
  'association_meeting',
  'young_teacher_school',
  'methodical_week',
  'readings',
  'august_conference',
  'consultation',
  'other',
]);
export const eventLevel = pgEnum('event_level', ['institutional', 'municipal', 'regional', 'federal']);

/**
 * A registration's life: pending (awaits the organizer's approval, holds a seat), confirmed (holds
 * a seat), waitlisted (no seat yet, promoted in order), cancelled, rejected. Attendance and roles
 * (participant, presenter, jury…) are later steps and will extend this table.
 */
export const registrationStatus = pgEnum('event_registration_status', [
  'pending',
  'confirmed',
  'waitlisted',
  'cancelled',
  'rejected',
]);
export const registrationSource = pgEnum('event_registration_source', ['self', 'nominated']);

/** The part a registered person plays: a presenter shares experience («представление опыта»). */
export const registrationRole = pgEnum('event_registration_role', [
  'participant',
  'presenter',
  'organizer',
  'moderator',
  'jury',
]);

/** Сертификат участника, благодарность (presenter, organizer, moderator, jury), диплом (contests, later). */
export const certificateKind = pgEnum('event_certificate_kind', ['participant', 'gratitude', 'diploma']);
export const certificateStatus = pgEnum('event_certificate_status', ['valid', 'revoked']);

/**
 * План мероприятий на учебный год: municipal (municipality set, organization null) or institutional
 * (organization set; municipality is the organization's). Drafted by a methodist (or the school
 * head for the school's plan), approved by the head of the education department (МОУО).
 */
export const eventPlans = pgTable(
  'event_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    level: eventPlanLevel('level').notNull(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    organizationId: uuid('organization_id').references(() => organizations.id),
    /** The school year's first calendar year: 2026 is «2026/2027». */
    schoolYear: integer('school_year').notNull(),
    title: text('title').notNull(),
    status: eventPlanStatus('status').notNull().default('draft'),
    approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('event_plans_municipal_uq')
      .on(t.municipalityId, t.schoolYear)
      .where(sql`${t.organizationId} IS NULL`),
    uniqueIndex('event_plans_institutional_uq')
      .on(t.organizationId, t.schoolYear)
      .where(sql`${t.organizationId} IS NOT NULL`),
    check('event_plans_level_org', sql`(${t.level} = 'municipal') = (${t.organizationId} IS NULL)`),
  ],
);

/** Мероприятие плана (a row of 001 Table 2, with what registration needs). */
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => eventPlans.id, { onDelete: 'cascade' }),
    /** «№ п/п» as in the plan: «2.1.» */
    number: text('number'),
    title: text('title').notNull(),
    description: text('description'),
    kind: eventKind('kind').notNull(),
    level: eventLevel('level').notNull(),
    organizerOrganizationId: uuid('organizer_organization_id').references(() => organizations.id, {
      onDelete: 'set null',
    }),
    responsiblePersonId: uuid('responsible_person_id').references(() => people.id, {
      onDelete: 'set null',
    }),
    /** «ФИО, должность ответственного» as written in the plan. */
    responsibleText: text('responsible_text'),
    /** «Период реализации» as written: «октябрь–ноябрь», «в течение года», «08.02.2022». */
    periodText: text('period_text'),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    /** The day's start and end, in the platform's time zone; null — an all-day event. */
    startTime: time('start_time'),
    endTime: time('end_time'),
    place: text('place'),
    onlineUrl: text('online_url'),
    /** organizationIds, orgKinds, subjects, positions, youngOnly — the assessment campaigns' rule. */
    target: jsonb('target').notNull().default(sql`'{}'::jsonb`),
    capacity: integer('capacity'),
    registrationOpensOn: date('registration_opens_on'),
    registrationClosesOn: date('registration_closes_on'),
    /** The waiting list is promoted on a cancellation until this day (the event's start by default). */
    waitlistCutoffOn: date('waitlist_cutoff_on'),
    requiresApproval: boolean('requires_approval').notNull().default(false),
    /**
     * Live registrations holding a seat (pending, confirmed) and on the waiting list — kept by a
     * trigger on event_registrations (migration 0028), so a registration reads them from the event's
     * locked row instead of counting (see registerForEvent).
     */
    seatsTaken: integer('seats_taken').notNull().default(0),
    waitlisted: integer('waitlisted').notNull().default(0),
    /** { kind: percent_of_group | participants | protocols, n, group } */
    plannedResult: jsonb('planned_result'),
    /** «Прогнозируемый результат» as written. */
    plannedResultText: text('planned_result_text'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('events_plan_idx').on(t.planId, t.startsOn),
    index('events_starts_idx').on(t.startsOn),
    check('events_dates', sql`${t.endsOn} IS NULL OR ${t.startsOn} IS NULL OR ${t.endsOn} >= ${t.startsOn}`),
    check('events_end_time', sql`${t.endTime} IS NULL OR ${t.startTime} IS NOT NULL`),
    check('events_capacity', sql`${t.capacity} IS NULL OR ${t.capacity} > 0`),
  ],
);

export const eventCompetencies = pgTable(
  'event_competencies',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    competencyId: uuid('competency_id')
      .notNull()
      .references(() => competencies.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.competencyId] }),
    index('event_competencies_comp_idx').on(t.competencyId),
  ],
);

/** A person's registration for an event. One live (not cancelled / rejected) registration per person. */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    status: registrationStatus('status').notNull(),
    source: registrationSource('source').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the registration joined the waiting list; its order. */
    waitlistedAt: timestamp('waitlisted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    role: registrationRole('role').notNull().default('participant'),
    /** A presenter's topic and the link to their materials. */
    topic: text('topic'),
    materialsUrl: text('materials_url'),
    /** null: not marked yet; true / false: the organizer's check-in or an imported webinar report. */
    attended: boolean('attended'),
    attendanceMarkedBy: uuid('attendance_marked_by').references(() => users.id, { onDelete: 'set null' }),
    attendanceMarkedAt: timestamp('attendance_marked_at', { withTimezone: true }),
    attendanceSource: text('attendance_source'),
  },
  (t) => [
    uniqueIndex('event_registrations_live_uq')
      .on(t.eventId, t.personId)
      .where(sql`${t.status} IN ('pending', 'confirmed', 'waitlisted')`),
    index('event_registrations_event_idx').on(t.eventId, t.status, t.createdAt),
    index('event_registrations_person_idx').on(t.personId),
  ],
);

/** The last serial number given per calendar year: «МР-2026-000123» is the 123rd of 2026. */
export const certificateCounters = pgTable('event_certificate_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

/**
 * A certificate issued for a registration. `content` keeps what the PDF and the public verification
 * page show (names and dates as they were at issue), so a later rename does not change a document
 * already handed out. The public code is `serial-token`: the token is random, so knowing one serial
 * does not lead to anyone else's certificate.
 */
export const eventCertificates = pgTable(
  'event_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => eventRegistrations.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    kind: certificateKind('kind').notNull(),
    role: registrationRole('role').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    serial: text('serial').notNull(),
    token: text('token').notNull(),
    content: jsonb('content').notNull(),
    status: certificateStatus('status').notNull().default('valid'),
    issuedBy: uuid('issued_by').references(() => users.id, { onDelete: 'set null' }),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
  },
  (t) => [
    uniqueIndex('event_certificates_serial_uq').on(t.serial),
    uniqueIndex('event_certificates_year_seq_uq').on(t.year, t.seq),
    // One valid certificate or gratitude per registration; a contest's diplomas (one per entry) aside.
    uniqueIndex('event_certificates_valid_uq')
      .on(t.registrationId)
      .where(sql`${t.status} = 'valid' AND ${t.kind} <> 'diploma'`),
    index('event_certificates_person_idx').on(t.personId),
    index('event_certificates_event_idx').on(t.eventId),
    check(
      'event_certificates_revoked',
      sql`(${t.status} = 'revoked') = (${t.revokedAt} IS NOT NULL AND ${t.revokedReason} IS NOT NULL)`,
    ),
  ],
);
