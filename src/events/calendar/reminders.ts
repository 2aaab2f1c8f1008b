import { notify } from '../../notifications/delivery.service.ts';
import type { RecipientRow } from '../../notifications/notifications.repository.ts';
import type { Db } from '../../platform/db/database.ts';
import { sql } from '../../platform/db/database.ts';
import { defineJob } from '../../platform/jobs/jobs.queue.ts';
import { today } from '../../platform/time/today.ts';
import { EVENT_KINDS } from '../events.vocabulary.ts';

/**
 * Reminders of events: the day before, in the app and by e-mail (the user's preference for the
 * kind «event_reminder», at once by default), through the notifications' `notify` — each
 * reminder written once (its dedupe key holds the event's date: a moved event reminds again).
 * A daily job (scheduled in src/server/wiring.ts) runs for the municipality's today.
 *
 * Events carry dates only (no start time), so there is no «one hour before» yet: it needs a
 * start time on the event.
 */

export const EVENT_REMINDERS_JOB = 'events-reminders';

/** Users registered (confirmed, or awaiting the organizer) for an approved event starting the day after `date`. */
export async function dayBeforeRecipients(db: Db, date: string): Promise<RecipientRow<'event_reminder'>[]> {
  const rows = await db.query<{
    user_id: string;
    dedupe_key: string;
    event_id: string;
    title: string;
    kind: keyof typeof EVENT_KINDS;
    starts_on: string;
    ends_on: string | null;
    place: string | null;
    online_url: string | null;
  }>(sql`
    SELECT u.id AS user_id,
           'event-reminder:day:' || ev.id || ':' || ev.starts_on || ':' || u.id AS dedupe_key,
           ev.id AS event_id, ev.title, ev.kind, ev.starts_on::text AS starts_on, ev.ends_on::text AS ends_on,
           ev.place, ev.online_url
    FROM events ev
    JOIN event_plans pl ON pl.id = ev.plan_id AND pl.status = 'approved'
    JOIN event_registrations r ON r.event_id = ev.id AND r.status IN ('confirmed', 'pending')
    JOIN users u ON u.person_id = r.person_id AND u.active
    WHERE ev.starts_on = ${date}::date + 1
    ORDER BY ev.id, u.id`);
  return rows.map((r) => ({
    user_id: r.user_id,
    dedupe_key: r.dedupe_key,
    facts: {
      eventId: r.event_id,
      title: r.title,
      kindName: EVENT_KINDS[r.kind],
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      place: r.place,
      onlineUrl: r.online_url,
    },
  }));
}

/** The reminders of `date` (the municipality's today): events of tomorrow. Safe to run again. */
export async function remindOfEvents(db: Db, date: string): Promise<{ dayBefore: number }> {
  return { dayBefore: await notify(db, 'event_reminder', await dayBeforeRecipients(db, date)) };
}

/** A schedule runs it without a date (the municipality's today); a test or a rerun names the day. */
defineJob<{ date?: string }>({
  kind: EVENT_REMINDERS_JOB,
  oneAtATime: true,
  async run({ db, params }) {
    return remindOfEvents(db, params.date ?? today());
  },
});
