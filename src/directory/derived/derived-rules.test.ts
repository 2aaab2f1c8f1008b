import { describe, expect, it } from 'vitest';
import {
  ageAt,
  categoryExpiry,
  experienceAt,
  isPensionAge,
  isYoung,
  DEFAULT_DERIVED_RULES as R,
} from './derived-rules.ts';

describe('derived attributes', () => {
  it('counts full years, turning a year older on the birthday', () => {
    expect(ageAt('1990-06-15', '2026-06-14')).toBe(35);
    expect(ageAt('1990-06-15', '2026-06-15')).toBe(36);
    expect(ageAt('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageAt('2000-02-29', '2026-03-01')).toBe(26);
  });

  it('grows experience from the date it was recorded', () => {
    expect(experienceAt(2, '2025-09-01', '2026-09-01')).toBe(3);
    expect(experienceAt(null, '2025-09-01', '2026-09-01')).toBeNull();
    expect(experienceAt(5, null, '2026-09-01')).toBe(5);
  });

  it('applies the young-specialist rule with "and" and with "or"', () => {
    expect(isYoung(R, 34, 3)).toBe(true);
    expect(isYoung(R, 35, 1)).toBe(false); // 35 is not under 35
    expect(isYoung(R, 28, 3.1)).toBe(false);
    expect(isYoung({ ...R, youngRule: 'or' }, 28, 10)).toBe(true);
    expect(isYoung({ ...R, youngRule: 'or' }, 50, 2)).toBe(true);
    expect(isYoung(R, 25, null)).toBe(false);
  });

  it('uses separate pension ages for men and women', () => {
    expect(isPensionAge(R, 'f', 60)).toBe(true);
    expect(isPensionAge(R, 'f', 59)).toBe(false);
    expect(isPensionAge(R, 'm', 64)).toBe(false);
    expect(isPensionAge(R, 'm', 65)).toBe(true);
  });

  it('expires a category five years after it was assigned', () => {
    expect(categoryExpiry('2021-12-24')).toBe('2026-12-24');
    expect(categoryExpiry(null)).toBeNull();
  });
});
