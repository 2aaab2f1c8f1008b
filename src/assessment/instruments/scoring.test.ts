import { describe, expect, it } from 'vitest';
import type { InstrumentContent } from './content.ts';
import { BURNOUT_PRESET, MBI_KEY } from './presets.ts';
import { itemPoints, scoreBurnout, scoreScales, scoreSelfAssessment, scoreTest } from './scoring.ts';

const test: InstrumentContent = {
  items: [
    {
      id: 's1',
      kind: 'single',
      competencyCode: 'A',
      text: '?',
      options: [
        { id: 'a', text: 'a', correct: true },
        { id: 'b', text: 'b' },
      ],
    },
    {
      id: 's2',
      kind: 'single',
      competencyCode: 'A',
      text: '?',
      options: [
        { id: 'a', text: 'a' },
        { id: 'b', text: 'b', correct: true },
      ],
    },
    {
      id: 'm1',
      kind: 'multiple',
      competencyCode: 'B',
      text: '?',
      options: [
        { id: 'a', text: 'a', correct: true },
        { id: 'b', text: 'b', correct: true },
        { id: 'c', text: 'c' },
      ],
    },
    {
      id: 'm2',
      kind: 'multiple',
      competencyCode: 'B',
      text: '?',
      options: [
        { id: 'a', text: 'a', points: 2 },
        { id: 'b', text: 'b', points: 1 },
        { id: 'c', text: 'c', points: -2 },
      ],
    },
    {
      id: 'x',
      kind: 'single',
      text: 'untagged',
      options: [
        { id: 'a', text: 'a', correct: true },
        { id: 'b', text: 'b' },
      ],
    },
  ],
};

describe('test scoring', () => {
  it('single choice: 1 point only for the correct option alone', () => {
    const item = test.items[0]!;
    expect(itemPoints(item, 'a')).toEqual([1, 1]);
    expect(itemPoints(item, 'b')).toEqual([0, 1]);
    expect(itemPoints(item, ['a', 'b'])).toEqual([0, 1]);
    expect(itemPoints(item, undefined)).toEqual([0, 1]);
  });
  it('multiple choice without points is all-or-nothing', () => {
    const item = test.items[2]!;
    expect(itemPoints(item, ['b', 'a'])).toEqual([1, 1]);
    expect(itemPoints(item, ['a'])).toEqual([0, 1]);
    expect(itemPoints(item, ['a', 'b', 'c'])).toEqual([0, 1]);
  });
  it('multiple choice with points sums chosen points, floored at 0, out of the positive points', () => {
    const item = test.items[3]!;
    expect(itemPoints(item, ['a', 'b'])).toEqual([3, 3]);
    expect(itemPoints(item, ['a'])).toEqual([2, 3]);
    expect(itemPoints(item, ['b', 'c'])).toEqual([0, 3]);
    expect(itemPoints(item, ['a', 'c'])).toEqual([0, 3]);
  });
  it('percent per competency = earned / possible × 100', () => {
    // A: s1 right (1), s2 wrong (0) → 1/2 = 50 %. B: m1 right (1) + m2 a only (2) → 3/4 = 75 %.
    expect(scoreTest(test, { s1: 'a', s2: 'a', m1: ['a', 'b'], m2: ['a'], x: 'a' })).toEqual({
      A: { earned: 1, possible: 2, percent: 50 },
      B: { earned: 3, possible: 4, percent: 75 },
    });
    expect(scoreTest(test, {})).toEqual({
      A: { earned: 0, possible: 2, percent: 0 },
      B: { earned: 0, possible: 4, percent: 0 },
    });
  });
});

describe('self-assessment scoring', () => {
  const content: InstrumentContent = {
    items: [
      { id: '1', kind: 'scale', competencyCode: 'A', text: '?', scale: { min: 1, max: 5 } },
      { id: '2', kind: 'scale', competencyCode: 'A', text: '?', scale: { min: 1, max: 5 }, reverse: true },
      { id: '3', kind: 'scale', competencyCode: 'B', text: '?', scale: { min: 1, max: 5 } },
      { id: '4', kind: 'scale', competencyCode: 'C', text: '?', scale: { min: 0, max: 10 } },
    ],
  };
  it('maps to 0–100 %, applies reverse keying, averages per competency', () => {
    // A: 4 → 75 %; reverse 2 → 4 → 75 % → mean 75. B: 1 → 0 %. C: 3 of 0..10 → 30 %.
    expect(scoreSelfAssessment(content, { '1': 4, '2': 2, '3': 1, '4': 3 })).toEqual({ A: 75, B: 0, C: 30 });
    // A: 5 → 100, reverse 5 → 1 → 0 → mean 50; unanswered competencies left out.
    expect(scoreSelfAssessment(content, { '1': 5, '2': 5 })).toEqual({ A: 50 });
  });
  it('rejects a value outside the scale', () => {
    expect(() => scoreSelfAssessment(content, { '1': 6 })).toThrow(RangeError);
  });
});

describe('burnout (MBI, Водопьянова)', () => {
  const content = BURNOUT_PRESET.content;
  const sheet = (ee: number, dp: number, pa: number) => {
    const a: Record<string, number> = {};
    for (const n of MBI_KEY.EE) a[`q${n}`] = ee;
    for (const n of MBI_KEY.DP) a[`q${n}`] = dp;
    for (const n of MBI_KEY.PA) a[`q${n}`] = pa;
    return a;
  };

  it('has 22 items, each in exactly one subscale', () => {
    expect(content.items).toHaveLength(22);
    const all = [...MBI_KEY.EE, ...MBI_KEY.DP, ...MBI_KEY.PA].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
  });

  it('high-risk sheet: EE 9×4 = 36 high, DP 5×3 = 15 high, PA 8×3 = 24 → high reduction', () => {
    const r = scoreBurnout(content, sheet(4, 3, 3));
    expect(r.scales.map((s) => [s.code, s.score, s.level])).toEqual([
      ['EE', 36, 'high'],
      ['DP', 15, 'high'],
      ['PA', 24, 'high'],
    ]);
    expect(r.highRisk).toBe(true);
    expect(r.conclusion).toBe('Высокий риск выгорания');
  });

  it('low sheet: EE 9×1 = 9 low, DP 0 low, PA 8×5 = 40 → low reduction', () => {
    const r = scoreBurnout(content, sheet(1, 0, 5));
    expect(r.scales.map((s) => [s.code, s.score, s.level])).toEqual([
      ['EE', 9, 'low'],
      ['DP', 0, 'low'],
      ['PA', 40, 'low'],
    ]);
    expect(r.highRisk).toBe(false);
    expect(r.highCount).toBe(0);
  });

  it('a hand-filled mixed sheet: one high subscale is not high risk; boundaries 25 / 10 / 31', () => {
    // EE: items 1,2,3,6,8 = 3 each (15) + 13,14,16,20 = 2,3,3,2 (10) → 25 → high (≥25).
    // DP: 5,10,11,15,22 = 2,2,2,2,2 → 10 → medium (6–10).
    // PA: 4,7,9,12,17,18,19,21 = 4,4,4,4,4,4,4,3 → 31 → medium reduction (31–36).
    const a: Record<string, number> = {
      q1: 3,
      q2: 3,
      q3: 3,
      q6: 3,
      q8: 3,
      q13: 2,
      q14: 3,
      q16: 3,
      q20: 2,
      q5: 2,
      q10: 2,
      q11: 2,
      q15: 2,
      q22: 2,
      q4: 4,
      q7: 4,
      q9: 4,
      q12: 4,
      q17: 4,
      q18: 4,
      q19: 4,
      q21: 3,
    };
    const r = scoreBurnout(content, a);
    expect(r.scales.map((s) => [s.code, s.score, s.level])).toEqual([
      ['EE', 25, 'high'],
      ['DP', 10, 'medium'],
      ['PA', 31, 'medium'],
    ]);
    expect(r.highCount).toBe(1);
    expect(r.highRisk).toBe(false);
    // One point less accomplishment → 30 → high reduction → two high subscales → high risk.
    expect(scoreBurnout(content, { ...a, q21: 2 }).highRisk).toBe(true);
  });

  it('counts answered items per scale', () => {
    expect(scoreScales(content, { q1: 6 })[0]).toMatchObject({
      code: 'EE',
      score: 6,
      answered: 1,
      level: 'low',
    });
  });
});
