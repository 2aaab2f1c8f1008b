import { describe, expect, it } from 'vitest';
import { addDays } from '../platform/time/today.ts';
import { maskedCount, riskOf } from './wellbeing.vocabulary.ts';

describe('burnout support vocabulary', () => {
  it('reads the risk from the stored burnout scales', () => {
    expect(riskOf({ highRisk: true, highCount: 2 })).toBe('high');
    expect(riskOf({ highRisk: false, highCount: 3 })).toBe('high');
    expect(riskOf({ highRisk: false, highCount: 1 })).toBe('moderate');
    expect(riskOf({ highRisk: false, highCount: 0 })).toBe('low');
    expect(riskOf(null)).toBeNull();
    expect(riskOf({})).toBeNull();
  });

  it('masks counts of 1 and 2 in municipal lists', () => {
    expect(maskedCount(0)).toEqual({ value: 0, label: '0' });
    expect(maskedCount(1)).toEqual({ value: null, label: 'менее 3' });
    expect(maskedCount(2)).toEqual({ value: null, label: 'менее 3' });
    expect(maskedCount(3)).toEqual({ value: 3, label: '3' });
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-10-15', 84)).toBe('2027-01-07');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
