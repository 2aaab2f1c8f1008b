import { describe, expect, it } from 'vitest';
import {
  bandsInPoints,
  levelOf,
  levels004,
  maxPoints,
  pointsFor,
  pointsThreshold,
  rankByTotal,
  type ScoringRule,
} from './scoring.ts';

describe('scoring rules of 004', () => {
  it('a fact gives its points when present, nothing otherwise («факт победы - 3 балл»)', () => {
    const rule: ScoringRule = { kind: 'fact', points: 3 };
    expect(pointsFor(rule, { kind: 'fact', present: true })).toBe(3);
    expect(pointsFor(rule, { kind: 'fact', present: false })).toBe(0);
    expect(pointsFor(rule, null)).toBe(0);
    expect(maxPoints(rule)).toBe(3);
  });

  it('«не менее 80% - 1 балл»: 80 of 100 earns, 79 does not, an empty whole earns nothing', () => {
    const rule: ScoringRule = { kind: 'share', minPercent: 80, points: 1 };
    expect(pointsFor(rule, { kind: 'share', part: 80, whole: 100 })).toBe(1);
    expect(pointsFor(rule, { kind: 'share', part: 79, whole: 100 })).toBe(0);
    expect(pointsFor(rule, { kind: 'share', part: 4, whole: 5 })).toBe(1);
    expect(pointsFor(rule, { kind: 'share', part: 0, whole: 0 })).toBe(0);
  });

  it('«не менее 50% от количественного показателя предыдущего учебного года»: 2 of last year’s 4 stayed', () => {
    const rule: ScoringRule = { kind: 'share', minPercent: 50, points: 1 };
    expect(pointsFor(rule, { kind: 'share', part: 2, whole: 4 })).toBe(1);
    expect(pointsFor(rule, { kind: 'share', part: 1, whole: 3 })).toBe(0);
  });

  it('a count reaches its minimum or not', () => {
    const rule: ScoringRule = { kind: 'count', min: 3, points: 2 };
    expect(pointsFor(rule, { kind: 'count', count: 3 })).toBe(2);
    expect(pointsFor(rule, { kind: 'count', count: 2 })).toBe(0);
  });

  it('a graded list gives the chosen option’s points; its maximum is the best option', () => {
    const rule: ScoringRule = {
      kind: 'choice',
      options: [
        { label: 'нет', points: 0 },
        { label: 'частично', points: 1 },
        { label: 'полностью', points: 2 },
      ],
    };
    expect(pointsFor(rule, { kind: 'choice', option: 1 })).toBe(1);
    expect(pointsFor(rule, { kind: 'choice', option: 7 })).toBe(0);
    expect(maxPoints(rule)).toBe(2);
  });

  it('levels accumulate where the card says so, otherwise the best level counts', () => {
    const accumulate: ScoringRule = {
      kind: 'levels',
      points: { municipal: 1, regional: 2, federal: 3 },
      accumulate: true,
    };
    const best: ScoringRule = { ...accumulate, accumulate: false };
    const value = { kind: 'levels' as const, levels: ['municipal' as const, 'regional' as const] };
    expect(pointsFor(accumulate, value)).toBe(3);
    expect(pointsFor(best, value)).toBe(2);
    expect(maxPoints(accumulate)).toBe(6);
    expect(maxPoints(best)).toBe(3);
  });

  it('a value of another kind than the rule earns nothing', () => {
    expect(pointsFor({ kind: 'fact', points: 1 }, { kind: 'count', count: 5 })).toBe(0);
  });
});

describe('levels of 004 §2.4 and Appendix 1', () => {
  it('reproduces Appendix 1’s bands in points for 31, 39 and 18', () => {
    const printed = (max: number) => bandsInPoints(max, levels004).map((b) => [b.band.code, b.from, b.to]);
    expect(printed(31)).toEqual([
      ['high', 25, 31],
      ['medium', 19, 24],
      ['low', 0, 18],
    ]);
    expect(printed(39)).toEqual([
      ['high', 32, 39],
      ['medium', 24, 31],
      ['low', 0, 23],
    ]);
    expect(printed(18)).toEqual([
      ['high', 15, 18],
      ['medium', 11, 14],
      ['low', 0, 10],
    ]);
  });

  it('a total gets the level of its band: 25 of 31 is high, 24 medium, 18 low', () => {
    expect(levelOf(25, 31, levels004)?.code).toBe('high');
    expect(levelOf(24, 31, levels004)?.code).toBe('medium');
    expect(levelOf(19, 31, levels004)?.code).toBe('medium');
    expect(levelOf(18, 31, levels004)?.code).toBe('low');
    expect(levelOf(0, 0, levels004)).toBeNull();
  });

  it('an exact percentage is the band’s first point: 80 % of 30 is 24', () => {
    expect(pointsThreshold(80, 30)).toBe(24);
    expect(pointsThreshold(60, 30)).toBe(18);
    expect(pointsThreshold(80, 17)).toBe(14);
  });

  it('ranks equal totals together and skips the next rank', () => {
    const ranks = rankByTotal([
      { key: 'a', total: 20 },
      { key: 'b', total: 30 },
      { key: 'c', total: 20 },
      { key: 'd', total: 5 },
    ]);
    expect([...ranks.entries()].sort()).toEqual([
      ['a', 2],
      ['b', 1],
      ['c', 2],
      ['d', 4],
    ]);
  });
});
