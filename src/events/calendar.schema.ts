import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../platform/platform.schema.ts';

/**
 * The secret link of a user's iCal feed (the calendar code lives in ./calendar/). Only the
 * token's hash is kept, as for sessions: a leaked table opens no feed. One link per user; creating
 * a new one replaces the old, which stops working at once.
 */
export const calendarFeedTokens = pgTable(
  'calendar_feed_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('calendar_feed_tokens_user_uq').on(t.userId),
    uniqueIndex('calendar_feed_tokens_hash_uq').on(t.tokenHash),
    index('calendar_feed_tokens_created_idx').on(t.createdAt),
  ],
);
