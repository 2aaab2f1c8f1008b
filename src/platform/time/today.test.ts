import { describe, expect, it } from 'vitest';
import { addDays, dayInZone, instantIn, isTimeZone, today } from './today.ts';

describe('today', () => {
  it('is the date in Irkutsk (UTC+8) by default, not the UTC date', () => {
    // 20:00 UTC on 1 December is 04:00 on 2 December in Irkutsk.
    expect(today(new Date('2026-12-01T20:00:00Z'), 'Asia/Irkutsk')).toBe('2026-12-02');
    expect(today(new Date('2026-12-01T20:00:00Z'), 'UTC')).toBe('2026-12-01');
    expect(today(new Date('2026-12-01T15:59:59Z'), 'Asia/Irkutsk')).toBe('2026-12-01');
    expect(today(new Date('2026-12-01T16:00:00Z'), 'Asia/Irkutsk')).toBe('2026-12-02');
  });

  it('follows MARSHRUT_TIME_ZONE when no zone is given', () => {
    const saved = process.env.MARSHRUT_TIME_ZONE;
    try {
      process.env.MARSHRUT_TIME_ZONE = 'Europe/Moscow';
      expect(today(new Date('2026-12-31T21:30:00Z'))).toBe('2027-01-01');
      delete process.env.MARSHRUT_TIME_ZONE;
      expect(today(new Date('2026-12-31T15:30:00Z'))).toBe('2026-12-31');
      expect(today(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    } finally {
      if (saved === undefined) delete process.env.MARSHRUT_TIME_ZONE;
      else process.env.MARSHRUT_TIME_ZONE = saved;
    }
  });

  it('knows real zone names only', () => {
    expect(isTimeZone('Asia/Irkutsk')).toBe(true);
    expect(isTimeZone('Asia/Атлантида')).toBe(false);
  });
});

describe('MARSHRUT_TIME_ZONE at start', () => {
  it('an unknown zone stops the start with a message naming it', async () => {
    const { loadConfig } = await import('../config.ts');
    expect(() => loadConfig({ MARSHRUT_TIME_ZONE: 'Asia/Атлантида' })).toThrow(
      'MARSHRUT_TIME_ZONE: часовой пояс «Asia/Атлантида» неизвестен',
    );
    expect(loadConfig({}).timeZone).toBe('Asia/Irkutsk');
  });
});

describe('addDays and instantIn', () => {
  it('steps over months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('reads a wall-clock time in the zone as the instant it is', () => {
    expect(instantIn('2027-01-20', '15:30', 'Asia/Irkutsk').toISOString()).toBe('2027-01-20T07:30:00.000Z');
    // Just after midnight in Irkutsk is the previous day in UTC.
    expect(instantIn('2027-01-20', '00:15', 'Asia/Irkutsk').toISOString()).toBe('2027-01-19T16:15:00.000Z');
    // A zone with summer time takes the offset of the day itself.
    expect(instantIn('2027-07-01', '12:00', 'Europe/Berlin').toISOString()).toBe('2027-07-01T10:00:00.000Z');
    expect(instantIn('2027-01-15', '12:00', 'Europe/Berlin').toISOString()).toBe('2027-01-15T11:00:00.000Z');
  });
});

describe('dayInZone', () => {
  it("reads PostgreSQL's timestamptz text as the day in the zone", () => {
    // 17:30 UTC on the 2nd is 01:30 on the 3rd in Irkutsk (UTC+8).
    expect(dayInZone('2026-12-02 17:30:00.123+00', 'Asia/Irkutsk')).toBe('2026-12-03');
    expect(dayInZone('2026-12-02 17:30:00+00', 'UTC')).toBe('2026-12-02');
    expect(dayInZone('2026-12-03 01:30:00+08', 'Europe/Moscow')).toBe('2026-12-02');
    expect(() => dayInZone('вчера')).toThrow();
  });
});
