import { z } from 'zod';
import { EVENT_KIND_KEYS, EVENT_LEVEL_KEYS } from '../events.vocabulary.ts';

/** A day as YYYY-MM-DD; whether it exists and the range are checked by the service (422 in Russian). */
const ZDay = z.string().trim().max(10);

export const ZRangeQuery = z.object({ from: ZDay, to: ZDay });

export const ZCalendarQuery = ZRangeQuery.extend({
  kind: z.enum(EVENT_KIND_KEYS).optional(),
  level: z.enum(EVENT_LEVEL_KEYS).optional(),
  subject: z.string().trim().min(1).max(200).optional(),
  /** true: only events for young specialists. */
  targetYoung: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

/** One day-spanning entry of a calendar: an event of a plan, or (personal calendar) a route item. */
export const ZCalendarEntry = z.object({
  type: z.enum(['event', 'route_item']),
  id: z.string(),
  title: z.string(),
  /** First and last day (inclusive); an event with one date has them equal. */
  startsOn: z.string(),
  endsOn: z.string(),
  /** 'HH:MM' in the platform's time zone; null — all day (route items always). */
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  /** The event's kind or «route_item». */
  kind: z.string(),
  kindName: z.string(),
  level: z.enum(EVENT_LEVEL_KEYS).nullable(),
  levelName: z.string().nullable(),
  /** «октябрь–ноябрь» as written in the plan. */
  periodText: z.string().nullable(),
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  organizerName: z.string().nullable(),
  planId: z.string().nullable(),
  planTitle: z.string().nullable(),
  /** The web page that opens the entry: /events/:id or /routes/:id. */
  href: z.string(),
  /** The caller's own live registration for the event. */
  registration: z
    .object({ status: z.enum(['pending', 'confirmed', 'waitlisted']), statusName: z.string() })
    .nullable(),
  routeId: z.string().nullable(),
  routeTitle: z.string().nullable(),
  itemStatus: z.enum(['planned', 'in_progress', 'done', 'dropped']).nullable(),
  itemStatusName: z.string().nullable(),
});
export type CalendarEntry = z.infer<typeof ZCalendarEntry>;

export const ZCalendar = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(ZCalendarEntry),
  total: z.number(),
});

export const ZFeedState = z.object({
  /** Whether the caller has a live feed link (its address is shown only when it is created). */
  active: z.boolean(),
  createdAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  /** What the feed holds for this user, in Russian. */
  contents: z.string(),
});

export const ZFeedCreated = z.object({
  /** The secret address; shown once, a new one replaces it. */
  url: z.string(),
  path: z.string(),
  replaced: z.boolean(),
  contents: z.string(),
});
