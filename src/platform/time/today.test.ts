import { describe, expect, it } from 'vitest';
import { isTimeZone, today } from './today.ts';

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
