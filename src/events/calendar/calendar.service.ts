import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { findUserById, toActor } from '../../platform/auth/auth.repository.ts';
import { hashToken, newToken } from '../../platform/auth/tokens.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { addDays, instantIn, today as todayInZone } from '../../platform/time/today.ts';
import { ITEM_STATUS_LABELS } from '../../routes/routes.policy.ts';
import { EVENT_KINDS, EVENT_LEVELS, REGISTRATION_STATUSES } from '../events.vocabulary.ts';
import {
  type CalendarEventDb,
  type CalendarFilters,
  calendarEvents,
  deleteFeedToken,
  feedTokenInfo,
  putFeedToken,
  type RouteItemDb,
  registeredEvents,
  routeItems,
  userOfFeedToken,
} from './calendar.repository.ts';
import type { CalendarEntry } from './calendar.schemas.ts';
import { buildCalendar, type IcalEvent } from './ical.ts';

/** `today` is the municipality's date and `now` the feed's DTSTAMP; tests pass fixed ones. */
export type CalendarDeps = { db: Db; today?: () => string; now?: () => Date };
const dayOf = (deps: CalendarDeps) => (deps.today ?? todayInZone)();

/** The longest range one calendar request reads: a school year and a little more. */
export const MAX_RANGE_DAYS = 400;

const DAY_MS = 86_400_000;

/** The ISO date's day number, or null when it is not a real day (2026-02-30). */
function dayNumber(iso: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) return null;
  return d.getTime() / DAY_MS;
}

/** Checks a requested range: real days, from ≤ to, at most MAX_RANGE_DAYS days. A 422 in Russian. */
export function checkRange(q: { from: string; to: string }): { from: string; to: string } {
  const from = dayNumber(q.from);
  const to = dayNumber(q.to);
  const issues = [];
  if (from === null) issues.push({ path: 'from', message: 'Укажите дату начала периода в виде ГГГГ-ММ-ДД' });
  if (to === null) issues.push({ path: 'to', message: 'Укажите дату окончания периода в виде ГГГГ-ММ-ДД' });
  if (from !== null && to !== null) {
    if (to < from) issues.push({ path: 'to', message: 'Дата окончания периода раньше даты начала' });
    else if (to - from + 1 > MAX_RANGE_DAYS)
      issues.push({ path: 'to', message: `Период календаря — не больше ${MAX_RANGE_DAYS} дней` });
  }
  if (issues.length) throw invalid('Проверьте период календаря.', issues);
  return { from: q.from, to: q.to };
}

function presentEvent(e: CalendarEventDb): CalendarEntry {
  return {
    type: 'event',
    id: e.id,
    title: e.title,
    startsOn: e.starts_on,
    endsOn: e.ends_on,
    startTime: e.start_time,
    endTime: e.end_time,
    kind: e.kind,
    kindName: EVENT_KINDS[e.kind],
    level: e.level,
    levelName: EVENT_LEVELS[e.level],
    periodText: e.period_text,
    place: e.place,
    onlineUrl: e.online_url,
    organizerName: e.organizer_name,
    planId: e.plan_id,
    planTitle: e.plan_title,
    href: `/events/${e.id}`,
    registration: e.my_status
      ? { status: e.my_status, statusName: REGISTRATION_STATUSES[e.my_status] }
      : null,
    routeId: null,
    routeTitle: null,
    itemStatus: null,
    itemStatusName: null,
  };
}

function presentItem(i: RouteItemDb): CalendarEntry {
  return {
    type: 'route_item',
    id: i.id,
    title: i.title,
    startsOn: i.starts_on,
    endsOn: i.ends_on,
    startTime: null,
    endTime: null,
    kind: 'route_item',
    kindName: 'Мероприятие маршрута',
    level: null,
    levelName: null,
    periodText: null,
    place: null,
    onlineUrl: null,
    organizerName: null,
    planId: null,
    planTitle: null,
    href: `/routes/${i.route_id}`,
    registration: null,
    routeId: i.route_id,
    routeTitle: i.route_title,
    itemStatus: i.status,
    itemStatusName: ITEM_STATUS_LABELS[i.status],
  };
}

const byStart = (a: CalendarEntry, b: CalendarEntry) =>
  a.startsOn.localeCompare(b.startsOn) ||
  a.endsOn.localeCompare(b.endsOn) ||
  a.title.localeCompare(b.title, 'ru');

/** The territory's calendar: events of approved plans the caller sees, with their own registration. */
export async function territoryCalendar(
  { db }: CalendarDeps,
  actor: Actor,
  q: { from: string; to: string } & CalendarFilters,
) {
  const range = checkRange(q);
  const rows = await calendarEvents(db, actor, range, q);
  return { ...range, items: rows.map(presentEvent), total: rows.length };
}

/** The caller's own calendar: the events they are registered for and their routes' dated items. */
export async function personalCalendar({ db }: CalendarDeps, actor: Actor, q: { from: string; to: string }) {
  const range = checkRange(q);
  const items = await personalEntries(db, actor, range);
  return { ...range, items, total: items.length };
}

async function personalEntries(
  db: Db,
  actor: Actor,
  range: { from: string; to: string } | null,
): Promise<CalendarEntry[]> {
  if (!actor.personId) return [];
  const [events, items] = await Promise.all([
    registeredEvents(db, actor, actor.personId, range),
    routeItems(db, actor.personId, range),
  ]);
  return [...events.map(presentEvent), ...items.map(presentItem)].sort(byStart);
}

// ---- the iCal feed ----

export const FEED_PATH = '/api/events/calendar/feed';

const contentsFor = (actor: Actor) =>
  actor.personId
    ? 'Мероприятия, на которые вы зарегистрированы, и мероприятия ваших маршрутов с запланированными датами.'
    : 'Мероприятия утверждённых планов вашей территории.';

export async function feedState({ db }: CalendarDeps, actor: Actor) {
  const info = await feedTokenInfo(db, actor.userId);
  return {
    active: !!info,
    createdAt: info?.created_at ?? null,
    lastUsedAt: info?.last_used_at ?? null,
    contents: contentsFor(actor),
  };
}

/** Creates the caller's secret feed link, replacing the old one; the token is returned only here. */
export async function createFeed({ db }: CalendarDeps, actor: Actor, baseUrl: string) {
  const { token, hash } = newToken();
  const { replaced } = await db.transaction(async (tx) => {
    const r = await putFeedToken(tx, actor.userId, hash);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'calendar_feed',
      entityId: actor.userId,
      details: { replaced: r.replaced },
    });
    return r;
  });
  const path = `${FEED_PATH}/${token}.ics`;
  return { url: `${baseUrl.replace(/\/+$/, '')}${path}`, path, replaced, contents: contentsFor(actor) };
}

/** Turns the feed link off. */
export async function removeFeed({ db }: CalendarDeps, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await deleteFeedToken(tx, actor.userId))) throw notFound('Ссылка на календарь не создана.');
    await writeAudit(tx, { actor, action: 'delete', entity: 'calendar_feed', entityId: actor.userId });
  });
}

const ICAL_STATUS = { confirmed: 'CONFIRMED', pending: 'TENTATIVE', waitlisted: 'TENTATIVE' } as const;

function icalOf(e: CalendarEntry, baseUrl: string): IcalEvent {
  const details =
    e.type === 'event'
      ? [
          `${e.kindName}${e.levelName ? `, ${e.levelName} уровень` : ''}`,
          e.periodText && `Сроки: ${e.periodText}`,
          e.organizerName && `Организатор: ${e.organizerName}`,
          e.onlineUrl && `Ссылка: ${e.onlineUrl}`,
          e.registration && `Регистрация: ${e.registration.statusName}`,
          e.planTitle,
        ]
      : [`Мероприятие маршрута «${e.routeTitle}»`, e.itemStatusName && `Статус: ${e.itemStatusName}`];
  return {
    uid: e.type === 'event' ? `event-${e.id}@marshrut` : `route-item-${e.id}@marshrut`,
    summary: e.title,
    // A timed event is written as UTC instants (no VTIMEZONE to misread); an all-day one as dates.
    ...(e.startTime
      ? {
          start: { at: instantIn(e.startsOn, e.startTime) },
          end: e.endTime ? { at: instantIn(e.endsOn, e.endTime) } : undefined,
        }
      : { start: { date: e.startsOn }, end: { date: e.endsOn } }),
    description: details.filter(Boolean).join('\n'),
    location: e.place ?? e.onlineUrl,
    url: `${baseUrl.replace(/\/+$/, '')}${e.href}`,
    status: e.registration ? ICAL_STATUS[e.registration.status] : undefined,
    categories: [e.kindName],
  };
}

/**
 * The feed behind a secret link: a teacher's personal calendar (every registered event, every
 * dated route item), or for a user without a person the territory's events from 90 days back to
 * a year ahead. An unknown or replaced token is a 404.
 */
export async function feedCalendar(deps: CalendarDeps, token: string, baseUrl: string): Promise<string> {
  const { db } = deps;
  const userId = await userOfFeedToken(db, hashToken(token));
  const user = userId ? await findUserById(db, userId) : null;
  if (!user?.active) throw notFound('Календарь не найден.');
  const actor = toActor(user);
  let entries: CalendarEntry[];
  if (actor.personId) entries = await personalEntries(db, actor, null);
  else {
    const today = dayOf(deps);
    const rows = await calendarEvents(db, actor, { from: addDays(today, -90), to: addDays(today, 365) }, {});
    entries = rows.map(presentEvent);
  }
  return buildCalendar({
    name: actor.personId ? `Маршрут: мой календарь (${actor.fullName})` : 'Маршрут: мероприятия',
    events: entries.map((e) => icalOf(e, baseUrl)),
    now: (deps.now ?? (() => new Date()))(),
  });
}
