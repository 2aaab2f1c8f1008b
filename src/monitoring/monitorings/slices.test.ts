import { describe, expect, it } from 'vitest';
import { pageSlices, sliceCounts, withoutSlices } from './slices.ts';

const line = (key: string, label: string, value: number | null) => ({
  key,
  label,
  value,
  numerator: value,
  denominator: value === null ? 0 : 100,
  status: value === null ? 'empty_denominator' : 'ok',
});

const ind = {
  target: 50,
  direction: 'up' as const,
  slices: {
    organization: [
      line('a', 'Школа № 10', 40),
      line('b', 'Школа № 2', null),
      line('c', 'школа № 1', 70),
      line('d', 'Детский сад', 49),
    ],
  },
};

describe('pageSlices', () => {
  it('sorts by name by default, numbers in names in their order, case aside', () => {
    const got = pageSlices(ind, 'organization', {});
    expect(got.items.map((s) => s.label)).toEqual(['Детский сад', 'школа № 1', 'Школа № 2', 'Школа № 10']);
    expect(got).toMatchObject({ total: 4, found: 4, page: 1, pageSize: 50 });
  });

  it('an empty value is last whichever the order', () => {
    const asc = pageSlices(ind, 'organization', { sort: 'value', order: 'asc' });
    expect(asc.items.map((s) => s.key)).toEqual(['a', 'd', 'c', 'b']);
    const desc = pageSlices(ind, 'organization', { sort: 'value', order: 'desc' });
    expect(desc.items.map((s) => s.key)).toEqual(['c', 'd', 'a', 'b']);
  });

  it('judges each line against the target and sorts the worst first by status', () => {
    const got = pageSlices(ind, 'organization', { sort: 'status' });
    expect(got.items.map((s) => [s.key, s.targetStatus])).toEqual([
      ['a', 'not_achieved'],
      ['d', 'at_risk'],
      ['c', 'achieved'],
      ['b', 'no_data'],
    ]);
    expect(pageSlices(ind, 'organization', { targetStatus: 'at_risk' }).items.map((s) => s.key)).toEqual([
      'd',
    ]);
  });

  it('filters by part of the name in any case and pages what is found', () => {
    const got = pageSlices(ind, 'organization', { q: ' ШКОЛА ', pageSize: 2, page: 2 });
    expect(got).toMatchObject({ total: 4, found: 3, page: 2, pageSize: 2 });
    expect(got.items.map((s) => s.label)).toEqual(['Школа № 10']);
    // a page past the last is the last; a kind not computed has no lines
    expect(pageSlices(ind, 'organization', { pageSize: 3, page: 99 }).page).toBe(2);
    expect(pageSlices(ind, 'subject', {})).toMatchObject({ total: 0, found: 0, page: 1, items: [] });
  });

  it('counts the lines of every kind and drops them from the indicator', () => {
    expect(sliceCounts(ind)).toEqual({ organization: 4, org_kind: 0, territory: 0, subject: 0 });
    const small = withoutSlices({ code: '1.1', ...ind });
    expect(small).toEqual({
      code: '1.1',
      target: 50,
      direction: 'up',
      sliceCounts: { organization: 4, org_kind: 0, territory: 0, subject: 0 },
    });
  });
});
