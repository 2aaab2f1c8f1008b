import { pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { eventRegistrations } from './events.schema.ts';

/**
 * The random token of a registration's check-in QR code (the code lives in ./check-in/). It is
 * kept as it is, since the person's page draws the QR again on every visit; it is unrelated to the
 * registration's id, so nobody reaches someone's check-in page by guessing.
 */
export const eventCheckInTokens = pgTable(
  'event_check_in_tokens',
  {
    registrationId: uuid('registration_id')
      .primaryKey()
      .references(() => eventRegistrations.id, { onDelete: 'cascade' }),
    token: text('token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('event_check_in_tokens_token_uq').on(t.token)],
);
