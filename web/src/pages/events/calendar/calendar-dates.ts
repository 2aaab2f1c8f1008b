/**
 * Calendar arithmetic over ISO days (YYYY-MM-DD) in UTC, so no time zone or daylight saving ever
 * moves a day. Weeks start on Monday, as in Russia.
 */
import { MONTHS } from '../events-words.ts';

const DAY_MS = 86_400_000;

export type View = 'month' | 'week' | 'list';

const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const toIso = (d: Date) => d.toISOString().slice(0, 10);

export const addDays = (iso: string, n: number) => toIso(new Date(toDate(iso).getTime() + n * DAY_MS));

export function addMonths(iso: string, n: number): string {
  const d = toDate(iso);
  return toIso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)));
}

export const monthStart = (iso: string) => `${iso.slice(0, 7)}-01`;
export const monthEnd = (iso: string) => addDays(addMonths(iso, 1), -1);

/** Monday of the ISO day's week. */
export function weekStart(iso: string): string {
  const dow = (toDate(iso).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(iso, -dow);
}

/** The local calendar day of the browser. */
export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** The days a view shows (a month grid is whole weeks), and the range to ask the server for. */
export function viewRange(view: View, anchor: string): { from: string; to: string; days: string[] } {
  let from: string;
  let to: string;
  if (view === 'month') {
    from = weekStart(monthStart(anchor));
    to = addDays(weekStart(monthEnd(anchor)), 6);
  } else if (view === 'week') {
    from = weekStart(anchor);
    to = addDays(from, 6);
  } else {
    // The list shows three months from the anchor's.
    from = monthStart(anchor);
    to = monthEnd(addMonths(anchor, 2));
  }
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return { from, to, days };
}

/** The anchor one step back or forward. */
export function step(view: View, anchor: string, dir: 1 | -1): string {
  if (view === 'week') return addDays(anchor, 7 * dir);
  return addMonths(anchor, (view === 'list' ? 3 : 1) * dir);
}

const MONTHS_GENITIVE = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const month = (iso: string) => Number(iso.slice(5, 7)) - 1;
const day = (iso: string) => Number(iso.slice(8, 10));
const year = (iso: string) => iso.slice(0, 4);

/** «Октябрь 2026», «12–18 октября 2026», «Октябрь — декабрь 2026». */
export function viewTitle(view: View, anchor: string): string {
  if (view === 'month') return `${cap(MONTHS[month(anchor)]!)} ${year(anchor)}`;
  if (view === 'week') {
    const from = weekStart(anchor);
    const to = addDays(from, 6);
    if (month(from) === month(to)) return `${day(from)}–${day(to)} ${MONTHS_GENITIVE[month(to)]} ${year(to)}`;
    const y = year(from) === year(to) ? '' : ` ${year(from)}`;
    return `${day(from)} ${MONTHS_GENITIVE[month(from)]}${y} – ${day(to)} ${MONTHS_GENITIVE[month(to)]} ${year(to)}`;
  }
  const last = addMonths(anchor, 2);
  const y = year(anchor) === year(last) ? '' : ` ${year(anchor)}`;
  return `${cap(MONTHS[month(anchor)]!)}${y} — ${MONTHS[month(last)]} ${year(last)}`;
}

/** «15 октября, чт». */
export function dayTitle(iso: string): string {
  const dow = ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'][toDate(iso).getUTCDay()];
  return `${day(iso)} ${MONTHS_GENITIVE[month(iso)]}, ${dow}`;
}

export const dayOfMonth = day;

/** Whether an entry (first and last day inclusive) covers the day. */
export const covers = (e: { startsOn: string; endsOn: string }, iso: string) =>
  e.startsOn <= iso && e.endsOn >= iso;

export const WEEKDAYS = ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'];
