import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  customType,
  index,
  integer,
  json,
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

export const userRole = pgEnum('user_role', [
  'admin',
  'region_admin',
  'municipal_methodist',
  'municipal_head',
  'org_head',
  'teacher',
  'curator',
  'expert',
]);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /**
     * The login. Null only for an account invited in bulk from the registry (a person with no
     * e-mail on record) that has not been taken up yet: the invitee gives the address when they
     * set their password.
     */
    email: text('email'),
    fullName: text('full_name').notNull(),
    passwordHash: text('password_hash'),
    role: userRole('role').notNull(),
    regionId: uuid('region_id').references(() => regions.id),
    municipalityId: uuid('municipality_id').references(() => municipalities.id),
    organizationId: uuid('organization_id').references(() => organizations.id),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('users_email_uq').on(sql`lower(${t.email})`),
    // One can sign in only with a login: a password is set together with the address.
    check('users_password_needs_email', sql`${t.email} IS NOT NULL OR ${t.passwordHash} IS NULL`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    success: boolean('success').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_attempts_email_idx').on(t.email, t.at), index('login_attempts_ip_idx').on(t.ip, t.at)],
);

export const invitations = pgTable('invitations', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/** People a curator supports; the routes context fills it, the scope reads it. */
export const curatorAssignments = pgTable(
  'curator_assignments',
  {
    curatorUserId: uuid('curator_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.curatorUserId, t.personId] })],
);

/** Append-only: a trigger in the migrations refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorEmail: text('actor_email'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    personId: uuid('person_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    details: jsonb('details'),
    requestId: text('request_id'),
    ip: text('ip'),
    /**
     * A compact entry of a bulk write (a staff import): one row per kind of change and batch lists
     * every person it touched, and `changes` holds each one's records, before and after:
     * `{ "<personId>": [{ "id": "<record id>", "before": {…}, "after": {…} }] }` (before absent for a
     * creation). Plain json, stored uncompressed (0017): written once, read one person at a time,
     * and json's input is a third of jsonb's cost for the megabytes a region import writes.
     */
    personIds: uuid('person_ids').array(),
    changes: json('changes'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    index('audit_log_person_idx').on(t.personId),
    index('audit_log_person_ids_idx').using('gin', t.personIds).where(sql`${t.personIds} IS NOT NULL`),
  ],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

export const jobStatus = pgEnum('job_status', ['queued', 'running', 'succeeded', 'failed']);

/**
 * Background work with visible progress (route generation, later recomputes): the runner in
 * platform/jobs updates done/total as it goes; a job found running at start-up was cut off.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    status: jobStatus('status').notNull().default('queued'),
    /** What the job was asked to do (e.g. { frameworkId, campaignId }). */
    params: jsonb('params').notNull().default(sql`'{}'::jsonb`),
    total: integer('total').notNull().default(0),
    done: integer('done').notNull().default(0),
    /** The current step in Russian, shown under the progress bar. */
    message: text('message').notNull().default(''),
    result: jsonb('result'),
    error: text('error'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('jobs_kind_idx').on(t.kind, t.createdAt)],
);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/** Uploaded files kept in the database (evidence of route items): one backup holds everything. */
export const storedFiles = pgTable('stored_files', {
  id: uuid('id').primaryKey().defaultRandom(),
  fileName: text('file_name').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  /** sha-256, hex: the same file uploaded twice is recognisable. */
  sha256: text('sha256').notNull(),
  data: bytea('data').notNull(),
  uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
