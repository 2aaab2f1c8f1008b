import { notify } from '../../notifications/delivery.service.ts';
import type { RecipientRow } from '../../notifications/notifications.repository.ts';
import type { Db } from '../../platform/db/database.ts';
import { sql } from '../../platform/db/database.ts';
import { defineJob } from '../../platform/jobs/jobs.queue.ts';
import { platformTimeZone, today } from '../../platform/time/today.ts';
import { EVENT_KINDS } from '../events.vocabulary.ts';

/**
 * Reminders of events, in the app and by e-mail (the user's preference for the kind
 * «event_reminder», at once by default), through the notifications' `notify` — each reminder
 * written once (its dedupe key holds the event's date and time: a moved event reminds again):
 *  - the day before: a daily job (scheduled in src/server/wiring.ts) for the municipality's today;
 *  - within the hour before a timed event (one with a start time): a job every 10 minutes takes
 *    the events starting in the next hour, so each is reminded 50–60 minutes ahead, or later if
 *    a run was missed — never twice.
 */

export const EVENT_REMINDERS_JOB = 'events-reminders';
export const EVENT_HOUR_REMINDERS_JOB = 'events-reminders-hour';

type ReminderRow = {
  user_id: string;
  dedupe_key: string;
  event_id: string;
  title: string;
  kind: keyof typeof EVENT_KINDS;
  starts_on: string;
  ends_on: string | null;
  start_time: string | null;
  place: string | null;
  online_url: string | null;
};

const REMINDER_SELECT = sql`
  ev.id AS event_id, ev.title, ev.kind, ev.starts_on::text AS starts_on, ev.ends_on::text AS ends_on,
  to_char(ev.start_time, 'HH24:MI') AS start_time, ev.place, ev.online_url
  FROM events ev
  JOIN event_plans pl ON pl.id = ev.plan_id AND pl.status = 'approved'
  JOIN event_registrations r ON r.event_id = ev.id AND r.status IN ('confirmed', 'pending')
  JOIN users u ON u.person_id = r.person_id AND u.active`;

function recipients(rows: ReminderRow[], soon: boolean): RecipientRow<'event_reminder'>[] {
  return rows.map((r) => ({
    user_id: r.user_id,
    dedupe_key: r.dedupe_key,
    facts: {
      eventId: r.event_id,
      title: r.title,
      kindName: EVENT_KINDS[r.kind],
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      startTime: r.start_time,
      soon,
      place: r.place,
      onlineUrl: r.online_url,
    },
  }));
}

/** Users registered (confirmed, or awaiting the organizer) for an approved event starting the day after `date`. */
export async function dayBeforeRecipients(db: Db, date: string): Promise<RecipientRow<'event_reminder'>[]> {
  const rows = await db.query<ReminderRow>(sql`
    SELECT u.id AS user_id,
           'event-reminder:day:' || ev.id || ':' || ev.starts_on || ':' || u.id AS dedupe_key,
           ${REMINDER_SELECT}
    WHERE ev.starts_on = ${date}::date + 1
    ORDER BY ev.id, u.id`);
  return recipients(rows, false);
}

/** Users registered for an approved timed event that starts after `now` and within the hour. */
export async function hourBeforeRecipients(
  db: Db,
  now: Date,
  timeZone: string = platformTimeZone(),
): Promise<RecipientRow<'event_reminder'>[]> {
  const rows = await db.query<ReminderRow>(sql`
    SELECT u.id AS user_id,
           'event-reminder:hour:' || ev.id || ':' || ev.starts_on || 'T' || ev.start_time || ':' || u.id AS dedupe_key,
           ${REMINDER_SELECT}
    WHERE ev.start_time IS NOT NULL
      -- the day window first, so the index on starts_on narrows the events before the time test
      AND ev.starts_on BETWEEN (${now.toISOString()}::timestamptz AT TIME ZONE ${timeZone})::date - 1
                           AND (${now.toISOString()}::timestamptz AT TIME ZONE ${timeZone})::date + 1
      AND ((ev.starts_on + ev.start_time) AT TIME ZONE ${timeZone}) > ${now.toISOString()}::timestamptz
      AND ((ev.starts_on + ev.start_time) AT TIME ZONE ${timeZone}) <= ${now.toISOString()}::timestamptz + interval '1 hour'
    ORDER BY ev.id, u.id`);
  return recipients(rows, true);
}

/** The reminders of `date` (the municipality's today): events of tomorrow. Safe to run again. */
export async function remindOfEvents(db: Db, date: string): Promise<{ dayBefore: number }> {
  return { dayBefore: await notify(db, 'event_reminder', await dayBeforeRecipients(db, date)) };
}

/** A schedule runs it without a date (the municipality's today); a test or a rerun names the day. */
/** The reminders of events starting within the hour after `now`. Safe to run again. */
export async function remindOfEventsSoon(db: Db, now: Date): Promise<{ hourBefore: number }> {
  return { hourBefore: await notify(db, 'event_reminder', await hourBeforeRecipients(db, now)) };
}

defineJob<{ at?: string }>({
  kind: EVENT_HOUR_REMINDERS_JOB,
  oneAtATime: true,
  async run({ db, params }) {
    return remindOfEventsSoon(db, params.at ? new Date(params.at) : new Date());
  },
});

defineJob<{ date?: string }>({
  kind: EVENT_REMINDERS_JOB,
  oneAtATime: true,
  async run({ db, params }) {
    return remindOfEvents(db, params.date ?? today());
  },
});
