import { describe, expect, it } from 'vitest';
import { knownRegionCode, regionCodeFor, regionKey } from './region-codes.ts';

describe('region codes', () => {
  it('knows a subject by its name however it is typed', () => {
    expect(knownRegionCode('Иркутская область')).toBe('38');
    expect(knownRegionCode('  иркутская   обл. ')).toBe('38');
    expect(knownRegionCode('Республика Саха (Якутия)')).toBe('14');
    expect(knownRegionCode('респ. Татарстан')).toBe('16');
    expect(knownRegionCode('Кемеровская область - Кузбасс')).toBe('42');
    expect(regionKey('Кемеровская область — Кузбасс')).toBe(regionKey('кемеровская область-кузбасс'));
  });

  it('gives a name outside the list a stable code of its own', () => {
    expect(knownRegionCode('Тестовый край')).toBeNull();
    expect(regionCodeFor('Тестовый край')).toMatch(/^R-[0-9A-F]{6}$/);
    expect(regionCodeFor('тестовый  край')).toBe(regionCodeFor('Тестовый край'));
  });
});
