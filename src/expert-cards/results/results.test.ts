import { describe, expect, it } from 'vitest';
import { additional004, preschool004, school004 } from '../presets/preset-004.ts';
import { reportFromPreset } from './report.test-data.ts';
import { campaignResults, organizationResult } from './results.ts';

// ДОО card of 004: the document's maximum is 31, the items give 30 (3 + 5 + 5 + 6 + 11).
// Levels against 31: высокая from 25 (80 % of 31 = 24.8), средняя from 19 (18.6), низкая ≤ 18.
const a = reportFromPreset(preschool004, { orgId: 'a', name: 'МБДОУ № 1' }); // 30 points
// 30 − 3 (3.2) − 1 (3.3) − 1 (5.1) = 25 → высокая, 25 / 31 = 80.6 %
const b = reportFromPreset(preschool004, {
  orgId: 'b',
  name: 'МБДОУ № 2',
  lose: ['3.2', '3.3', '5.1'],
  previous: { schoolYear: 2024, totalPoints: 20, level: 'medium', byDirection: [3, 5, 1, 4, 7] },
});
// 30 − 3 − 1 − 1 (5.1) − 1 (5.2) − 1 (5.3) − 1 (4.1) = 22 → средняя, 22 / 31 = 71.0 %
const c = reportFromPreset(preschool004, {
  orgId: 'c',
  name: 'МБДОУ № 3',
  lose: ['3.2', '3.3', '5.1', '5.2', '5.3', '4.1'],
  previous: { schoolYear: 2024, totalPoints: 26, level: 'high', byDirection: [3, 5, 5, 6, 7] },
});

describe('results of one organization', () => {
  it('gives points by direction against the items’ maximum, the level against the card’s, the items lost', () => {
    const r = organizationResult(c);
    expect(r.total).toBe(22);
    expect(r.max).toBe(31);
    expect(r.itemsMax).toBe(30);
    expect(r.percent).toBe(71);
    expect(r.level).toEqual({ code: 'medium', label: 'средняя' });
    expect(r.directions.map((d) => [d.points, d.max])).toEqual([
      [3, 3],
      [5, 5], // stated «макс. - 6», the items give 5: the share is of 5
      [1, 5],
      [5, 6],
      [8, 11],
    ]);
    expect(r.directions[1]!.percent).toBe(100);
    expect(r.directions[4]!.percent).toBe(72.7); // 8 / 11
    expect(r.lostItems.map((i) => i.number)).toEqual(['3.2', '3.3', '4.1', '5.1', '5.2', '5.3']);
    expect(r.lostItems.reduce((s, i) => s + i.lost, 0)).toBe(8);
    // Last year 26, высокая, by direction 3, 5, 5, 6, 7.
    expect(r.previous).toMatchObject({ total: 26, delta: -4, levelChange: 'down' });
    expect(r.previous!.level).toEqual({ code: 'high', label: 'высокая' });
    expect(r.directions.map((d) => d.delta)).toEqual([0, 0, -4, -1, 1]);
  });

  it('computes the level on the campaign’s max basis: 24 points are средняя of 31, высокая of 30', () => {
    const lose = ['3.2', '3.3', '5.1', '5.2']; // 30 − 6 = 24
    const byDocument = organizationResult(reportFromPreset(preschool004, { lose }));
    const byItems = organizationResult(reportFromPreset(preschool004, { lose, basis: 'items' }));
    expect(byDocument.total).toBe(24);
    expect(byDocument.level?.label).toBe('средняя'); // high starts at 25 of 31
    expect(byDocument.percent).toBe(77.4);
    expect(byItems.max).toBe(30);
    expect(byItems.level?.label).toBe('высокая'); // 80 % of 30 = 24
    expect(byItems.percent).toBe(80);
  });

  it('counts the claim of an item not reviewed yet and the expert’s points of a changed one', () => {
    const r = organizationResult(
      reportFromPreset(preschool004, {
        pending: ['1.1'],
        points: { '3.2': 0 },
        totalPoints: null,
        level: null,
      }),
    );
    expect(r.final).toBe(false);
    expect(r.total).toBe(27); // 30 − 3 taken off by the expert; 1.1 pending counts its claim of 1
    expect(r.lostItems).toEqual([
      expect.objectContaining({ number: '3.2', points: 0, maxPoints: 3, review: 'changed' }),
    ]);
  });
});

describe('results of a group and of the municipality', () => {
  const school = reportFromPreset(school004, { orgId: 's', name: 'МБОУ СОШ № 1' });
  const results = campaignResults([c, school, a, b]);

  it('ranks the group, counts its levels and finds the weakest directions and items', () => {
    const [preschool, schools] = results.groups;
    expect(preschool!.label).toBe('Дошкольные образовательные организации');
    expect(schools!.label).toBe('Общеобразовательные организации');
    expect(preschool!.ranking.map((r) => [r.rank, r.name, r.total, r.level?.label])).toEqual([
      [1, 'МБДОУ № 1', 30, 'высокая'],
      [2, 'МБДОУ № 2', 25, 'высокая'],
      [3, 'МБДОУ № 3', 22, 'средняя'],
    ]);
    expect(preschool!.organizations.every((o) => o.groupSize === 3)).toBe(true);
    expect(preschool!.levels).toEqual([
      { code: 'high', label: 'высокая', from: 25, to: 31, count: 2, percent: 66.7 },
      { code: 'medium', label: 'средняя', from: 19, to: 24, count: 1, percent: 33.3 },
      { code: 'low', label: 'низкая', from: 0, to: 18, count: 0, percent: 0 },
    ]);
    // (30 / 31 + 25 / 31 + 22 / 31) / 3 = 82.8 %
    expect(preschool!.meanPercent).toBe(82.8);
    // Direction 3: 5/5, 1/5, 1/5 → 46.7 %; 5: 11/11, 10/11, 8/11 → 87.9 %; 4: 6/6, 6/6, 5/6 → 94.4 %
    expect(preschool!.weakestDirections.map((d) => [d.position, d.meanPercent])).toEqual([
      [3, 46.7],
      [5, 87.9],
      [4, 94.4],
      [1, 100],
      [2, 100],
    ]);
    expect(preschool!.weakestItems.map((i) => [i.number, i.lostBy])).toEqual([
      ['3.2', 2],
      ['3.3', 2],
      ['5.1', 2],
      ['4.1', 1],
      ['5.2', 1],
      ['5.3', 1],
    ]);
    expect(preschool!.weakestItems[0]!.lostPercent).toBe(66.7);
    // b went up (средняя → высокая, +5), c down (высокая → средняя, −4); a has no last year.
    expect(preschool!.comparison).toEqual({ compared: 2, up: 1, down: 1, same: 0, meanDelta: 0.5 });
  });

  it('sums the municipality per group and overall', () => {
    const { summary } = results;
    expect(summary.groups.map((g) => [g.label, g.count])).toEqual([
      ['Дошкольные образовательные организации', 3],
      ['Общеобразовательные организации', 1],
    ]);
    expect(summary.overall.count).toBe(4);
    expect(summary.overall.levels.map((l) => [l.label, l.count, l.percent])).toEqual([
      ['высокая', 3, 75],
      ['средняя', 1, 25],
      ['низкая', 0, 0],
    ]);
    const schoolPercent = (school.template.itemsMax / 39) * 100;
    expect(summary.overall.meanPercent).toBeCloseTo((248.387 + schoolPercent) / 4, 1);
    expect(summary.overall.comparison).toMatchObject({ up: 1, down: 1 });
    expect(summary.municipalities).toEqual(['Зиминский район']);
    expect(results.organizations.map((o) => o.organizationId)).toEqual(['a', 'b', 'c', 's']);
  });

  it('keeps stage 3’s stored rank and level and an empty campaign has empty results', () => {
    const stored = reportFromPreset(additional004, { rank: 4, groupSize: 9, level: 'low', totalPoints: 10 });
    const r = campaignResults([stored]).groups[0]!;
    expect(r.ranking[0]).toMatchObject({ rank: 4, total: 10, level: { code: 'low', label: 'низкая' } });
    expect(r.organizations[0]!.groupSize).toBe(9);
    expect(campaignResults([]).summary.overall).toMatchObject({ count: 0, meanPercent: 0 });
  });
});
