import { sql } from 'drizzle-orm';
import {
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

/** How a notification of a kind reaches its recipient by e-mail; in the app it always appears. */
export const emailDelivery = pgEnum('email_delivery', ['immediate', 'digest', 'off']);

/**
 * The e-mail outbox: the single place every letter goes through. A row is written before sending
 * and marked sent after; `dedupe_key` is unique, so the same letter is never written (and never
 * sent) twice however often the job that writes it runs. Without MARSHRUT_SMTP_URL a letter stays
 * here unsent, with the reason in `last_error`, for the admin to read.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dedupeKey: text('dedupe_key').notNull(),
    recipientUserId: uuid('recipient_user_id').references(() => users.id, { onDelete: 'set null' }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** Set while a process sends the letter: another one does not send it at the same time. */
    sendingSince: timestamp('sending_since', { withTimezone: true }),
    /** The SMTP server's id of the sent message. */
    messageId: text('message_id'),
  },
  (t) => [
    uniqueIndex('mail_outbox_dedupe_uq').on(t.dedupeKey),
    index('mail_outbox_created_idx').on(t.createdAt),
    index('mail_outbox_unsent_idx').on(t.createdAt).where(sql`${t.sentAt} IS NULL`),
  ],
);

/**
 * An in-app notification of one user: what happened (Russian title and text) and where to look
 * (a path of the web app). `dedupe_key` is unique: the same event never notifies anyone twice.
 * `email` is how it was to be mailed when created; `outbox_id` is the letter it went out in.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recipientUserId: uuid('recipient_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** campaign_opened, campaign_reminder, form_assigned, … (notifications.kinds.ts). */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    dedupeKey: text('dedupe_key').notNull(),
    email: emailDelivery('email').notNull(),
    outboxId: uuid('outbox_id').references(() => mailOutbox.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_uq').on(t.dedupeKey),
    index('notifications_recipient_idx').on(t.recipientUserId, t.createdAt),
    index('notifications_unread_idx').on(t.recipientUserId).where(sql`${t.readAt} IS NULL`),
    index('notifications_digest_idx')
      .on(t.recipientUserId)
      .where(sql`${t.email} = 'digest' AND ${t.outboxId} IS NULL`),
  ],
);

/** A user's choice of e-mail delivery per kind; a kind without a row takes its default. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    email: emailDelivery('email').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);
