import { describe, expect, it } from 'vitest';
import { covers, dayTitle, step, viewRange, viewTitle, weekStart } from './calendar-dates.ts';

describe('calendar dates', () => {
  it('lays a month out in whole weeks from Monday', () => {
    // October 2026 begins on a Thursday and ends on a Saturday.
    const r = viewRange('month', '2026-10-15');
    expect(r.from).toBe('2026-09-28');
    expect(r.to).toBe('2026-11-01');
    expect(r.days).toHaveLength(35);
    expect(viewTitle('month', '2026-10-15')).toBe('Октябрь 2026');
  });

  it('steps weeks across months and years', () => {
    expect(weekStart('2027-01-03')).toBe('2026-12-28');
    expect(viewRange('week', '2027-01-03')).toMatchObject({ from: '2026-12-28', to: '2027-01-03' });
    expect(viewTitle('week', '2027-01-03')).toBe('28 декабря 2026 – 3 января 2027');
    expect(viewTitle('week', '2026-10-14')).toBe('12–18 октября 2026');
    expect(step('week', '2026-10-14', 1)).toBe('2026-10-21');
    expect(step('month', '2026-01-31', 1)).toBe('2026-02-01');
  });

  it('lists three months and knows which days an entry covers', () => {
    expect(viewRange('list', '2026-11-20')).toMatchObject({ from: '2026-11-01', to: '2027-01-31' });
    expect(viewTitle('list', '2026-11-20')).toBe('Ноябрь 2026 — январь 2027');
    const e = { startsOn: '2026-11-02', endsOn: '2026-11-06' };
    expect(covers(e, '2026-11-01')).toBe(false);
    expect(covers(e, '2026-11-06')).toBe(true);
    expect(dayTitle('2026-10-15')).toBe('15 октября, чт');
  });
});
