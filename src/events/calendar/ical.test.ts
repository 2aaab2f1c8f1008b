import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine, nextDay, utcStamp } from './ical.ts';

const octets = (s: string) => Buffer.byteLength(s, 'utf8');

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and every kind of newline', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });
  it('leaves Cyrillic and colons alone', () => {
    expect(escapeText('Семинар: «ФГ»')).toBe('Семинар: «ФГ»');
  });
});

describe('foldLine', () => {
  it('keeps a line of 75 octets whole and folds the 76th onto a line starting with a space', () => {
    const line = 'X'.repeat(75);
    expect(foldLine(line)).toBe(line);
    expect(foldLine(`${line}Y`)).toBe(`${line}\r\n Y`);
  });

  it('never splits a Cyrillic letter (2 octets) and keeps every line within 75 octets', () => {
    const line = `SUMMARY:${'Семинар учителей математики '.repeat(8)}`;
    const folded = foldLine(line);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(octets(l)).toBeLessThanOrEqual(75);
    for (const l of lines.slice(1)) expect(l.startsWith(' ')).toBe(true);
    // Unfolding (remove CRLF + one space) gives back the line: no byte was lost or broken.
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(Buffer.from(folded, 'utf8').toString('utf8')).not.toContain('\uFFFD');
  });

  it('keeps 4-octet characters (emoji) whole at the boundary', () => {
    const line = `${'a'.repeat(73)}😀b`;
    const lines = foldLine(line).split('\r\n');
    expect(lines).toEqual(['a'.repeat(73), ' 😀b']);
  });
});

describe('buildCalendar', () => {
  const now = new Date('2026-10-01T05:06:07.890Z');
  const text = buildCalendar({
    name: 'Мой календарь',
    now,
    events: [
      {
        uid: 'event-1@marshrut',
        summary: 'Семинар, день 1; итоги',
        start: { date: '2026-10-30' },
        end: { date: '2026-11-02' },
        description: 'Строка 1\nСтрока 2',
        status: 'CONFIRMED',
      },
      {
        uid: 'event-2@marshrut',
        summary: 'Вебинар',
        start: { at: new Date('2026-11-10T06:00:00Z') },
        end: { at: new Date('2026-11-10T07:30:00Z') },
      },
    ],
  });

  it('writes CRLF lines only, begins and ends the calendar', () => {
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('gives an all-day period an exclusive DTEND the day after its last day', () => {
    expect(text).toContain('DTSTART;VALUE=DATE:20261030\r\nDTEND;VALUE=DATE:20261103\r\n');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });

  it('writes instants and DTSTAMP in UTC, UIDs as given, text escaped', () => {
    expect(utcStamp(now)).toBe('20261001T050607Z');
    expect(text.match(/DTSTAMP:20261001T050607Z/g)).toHaveLength(2);
    expect(text).toContain('DTSTART:20261110T060000Z\r\nDTEND:20261110T073000Z\r\n');
    expect(text).toContain('UID:event-1@marshrut\r\n');
    expect(text).toContain('SUMMARY:Семинар\\, день 1\\; итоги\r\n');
    expect(text).toContain('DESCRIPTION:Строка 1\\nСтрока 2\r\n');
    expect(text).toContain('STATUS:CONFIRMED');
  });
});
