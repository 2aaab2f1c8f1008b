/**
 * A hand-written iCalendar (RFC 5545) writer: just what a subscribed feed needs — VCALENDAR with
 * VEVENTs, CRLF line endings, lines folded at 75 octets without splitting a UTF-8 character, TEXT
 * values escaped, times in UTC and all-day events as DATE values with an exclusive end.
 */

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line (RFC 5545 §3.1): no line longer than 75 octets, each continuation starts
 * with one space (which counts in its 75). Splits only between characters, never inside a UTF-8
 * sequence (nor between the halves of a surrogate pair).
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > MAX_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

/** A UTC date-time: 20261110T063000Z. */
export function utcStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** A DATE value from YYYY-MM-DD: 20261110. */
export const dateValue = (iso: string) => iso.replace(/-/g, '');

/** The day after an ISO date (an all-day event's exclusive DTEND). */
export function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export type IcalTime = { date: string } | { at: Date };

export interface IcalEvent {
  uid: string;
  summary: string;
  /** An all-day event gives dates (end inclusive, as stored); a timed one gives instants. */
  start: IcalTime;
  end?: IcalTime | undefined;
  description?: string | null | undefined;
  location?: string | null | undefined;
  url?: string | null | undefined;
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED' | undefined;
  categories?: string[] | undefined;
}

function timeLines(e: IcalEvent): string[] {
  if ('date' in e.start) {
    const last = e.end && 'date' in e.end ? e.end.date : e.start.date;
    return [`DTSTART;VALUE=DATE:${dateValue(e.start.date)}`, `DTEND;VALUE=DATE:${dateValue(nextDay(last))}`];
  }
  const lines = [`DTSTART:${utcStamp(e.start.at)}`];
  if (e.end && 'at' in e.end) lines.push(`DTEND:${utcStamp(e.end.at)}`);
  return lines;
}

/** The whole calendar as text/calendar content; `now` is the DTSTAMP of every event. */
export function buildCalendar(cal: { name: string; events: IcalEvent[]; now: Date }): string {
  const stamp = utcStamp(cal.now);
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Marshrut//Calendar//RU',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    'X-WR-TIMEZONE:UTC',
  ];
  for (const e of cal.events) {
    lines.push('BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${stamp}`, ...timeLines(e));
    lines.push(`SUMMARY:${escapeText(e.summary)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(',')}`);
    if (e.status) lines.push(`STATUS:${e.status}`);
    lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
