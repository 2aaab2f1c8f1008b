import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { planScope } from '../events.policy.ts';
import type { EventKind, EventLevel } from '../events.vocabulary.ts';

/**
 * The calendar reads events of approved plans the actor sees (the events policy's `planScope`) and
 * a teacher's own route items. Read-only; the feed tokens are its only table.
 */

export interface CalendarEventDb {
  id: string;
  title: string;
  description: string | null;
  kind: EventKind;
  level: EventLevel;
  period_text: string | null;
  starts_on: string;
  ends_on: string;
  start_time: string | null;
  end_time: string | null;
  place: string | null;
  online_url: string | null;
  organizer_name: string | null;
  plan_id: string;
  plan_title: string;
  /** The actor's own live registration, if any. */
  my_status: 'pending' | 'confirmed' | 'waitlisted' | null;
}

export interface CalendarFilters {
  kind?: EventKind | undefined;
  level?: EventLevel | undefined;
  subject?: string | undefined;
  targetYoung?: boolean | undefined;
}

const LIVE = sql`('pending', 'confirmed', 'waitlisted')`;

const EVENT_SELECT = (personId: string | null) => sql`
  SELECT ev.id, ev.title, ev.description, ev.kind, ev.level, ev.period_text,
         ev.starts_on::text AS starts_on, COALESCE(ev.ends_on, ev.starts_on)::text AS ends_on,
         to_char(ev.start_time, 'HH24:MI') AS start_time, to_char(ev.end_time, 'HH24:MI') AS end_time,
         ev.place, ev.online_url, oo.short_name AS organizer_name, pl.id AS plan_id, pl.title AS plan_title,
         ${
           personId
             ? sql`(SELECT r.status FROM event_registrations r WHERE r.event_id = ev.id AND r.person_id = ${personId}
                  AND r.status IN ${LIVE} LIMIT 1)`
             : sql`NULL`
         } AS my_status
  FROM events ev
  JOIN event_plans pl ON pl.id = ev.plan_id
  LEFT JOIN organizations oo ON oo.id = ev.organizer_organization_id`;

/** Dated events of approved plans the actor sees that run on any day of [from, to]. */
export async function calendarEvents(
  db: Db,
  actor: Actor,
  range: { from: string; to: string },
  f: CalendarFilters,
): Promise<CalendarEventDb[]> {
  const where: SQL[] = [
    planScope(actor),
    sql`pl.status = 'approved'`,
    sql`ev.starts_on IS NOT NULL`,
    sql`ev.starts_on <= ${range.to}::date`,
    sql`COALESCE(ev.ends_on, ev.starts_on) >= ${range.from}::date`,
  ];
  if (f.kind) where.push(sql`ev.kind = ${f.kind}`);
  if (f.level) where.push(sql`ev.level = ${f.level}`);
  if (f.subject)
    where.push(sql`COALESCE(ev.target->'subjects', '[]'::jsonb) @> ${JSON.stringify([f.subject])}::jsonb`);
  if (f.targetYoung) where.push(sql`(ev.target->>'youngOnly')::boolean IS TRUE`);
  return db.query<CalendarEventDb>(sql`${EVENT_SELECT(actor.personId)} WHERE ${sql.join(where, sql` AND `)}
    ORDER BY ev.starts_on, ev.ends_on NULLS FIRST, ev.title, ev.id`);
}

/**
 * The person's live registrations' dated events in plans the actor sees; with a range, only those
 * running on a day of it.
 */
export async function registeredEvents(
  db: Db,
  actor: Actor,
  personId: string,
  range: { from: string; to: string } | null,
): Promise<CalendarEventDb[]> {
  const where: SQL[] = [
    planScope(actor),
    sql`ev.starts_on IS NOT NULL`,
    sql`EXISTS (SELECT 1 FROM event_registrations r WHERE r.event_id = ev.id AND r.person_id = ${personId}
                AND r.status IN ${LIVE})`,
  ];
  if (range)
    where.push(
      sql`ev.starts_on <= ${range.to}::date`,
      sql`COALESCE(ev.ends_on, ev.starts_on) >= ${range.from}::date`,
    );
  return db.query<CalendarEventDb>(sql`${EVENT_SELECT(personId)} WHERE ${sql.join(where, sql` AND `)}
    ORDER BY ev.starts_on, ev.title, ev.id`);
}

export interface RouteItemDb {
  id: string;
  route_id: string;
  route_title: string;
  title: string;
  activity_kind: string;
  activity_id: string | null;
  status: 'planned' | 'in_progress' | 'done' | 'dropped';
  starts_on: string;
  ends_on: string;
  expected_result: string;
}

/**
 * Items with planned dates of the person's own routes (not cancelled, items not dropped). An item
 * pointing at an event the person is registered for is left out: the event stands for it.
 */
export async function routeItems(
  db: Db,
  personId: string,
  range: { from: string; to: string } | null,
): Promise<RouteItemDb[]> {
  const where: SQL[] = [
    sql`lr.person_id = ${personId}`,
    sql`lr.status <> 'cancelled'`,
    sql`li.status <> 'dropped'`,
    sql`COALESCE(li.planned_start, li.planned_end) IS NOT NULL`,
    sql`NOT (li.activity_kind = 'event' AND li.activity_id IS NOT NULL AND EXISTS (
          SELECT 1 FROM event_registrations r WHERE r.event_id = li.activity_id AND r.person_id = ${personId}
            AND r.status IN ${LIVE}))`,
  ];
  if (range)
    where.push(
      sql`COALESCE(li.planned_start, li.planned_end) <= ${range.to}::date`,
      sql`COALESCE(li.planned_end, li.planned_start) >= ${range.from}::date`,
    );
  return db.query<RouteItemDb>(sql`
    SELECT li.id, lr.id AS route_id, lr.title AS route_title, li.title, li.activity_kind::text AS activity_kind,
           li.activity_id, li.status,
           COALESCE(li.planned_start, li.planned_end)::text AS starts_on,
           GREATEST(COALESCE(li.planned_end, li.planned_start), COALESCE(li.planned_start, li.planned_end))::text AS ends_on,
           li.expected_result
    FROM learning_route_items li JOIN learning_routes lr ON lr.id = li.route_id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY COALESCE(li.planned_start, li.planned_end), li.position, li.id`);
}

// ---- feed tokens ----

/** Creates or replaces the user's feed token (the old one stops working). */
export async function putFeedToken(db: Db, userId: string, hash: string): Promise<{ replaced: boolean }> {
  const [row] = await db.query<{ replaced: boolean }>(sql`
    INSERT INTO calendar_feed_tokens (user_id, token_hash) VALUES (${userId}, ${hash})
    ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now(), last_used_at = NULL
    RETURNING (xmax <> 0) AS replaced`);
  return { replaced: row!.replaced };
}

export async function feedTokenInfo(db: Db, userId: string) {
  const rows = await db.query<{ created_at: string; last_used_at: string | null }>(sql`
    SELECT created_at::text AS created_at, last_used_at::text AS last_used_at
    FROM calendar_feed_tokens WHERE user_id = ${userId}`);
  return rows[0] ?? null;
}

export async function deleteFeedToken(db: Db, userId: string): Promise<boolean> {
  const rows = await db.query(sql`DELETE FROM calendar_feed_tokens WHERE user_id = ${userId} RETURNING id`);
  return rows.length > 0;
}

/** The active user the token belongs to, marking the token used. */
export async function userOfFeedToken(db: Db, hash: string): Promise<string | null> {
  const rows = await db.query<{ user_id: string }>(sql`
    UPDATE calendar_feed_tokens t SET last_used_at = now()
    FROM users u WHERE t.token_hash = ${hash} AND u.id = t.user_id AND u.active
    RETURNING t.user_id`);
  return rows[0]?.user_id ?? null;
}
