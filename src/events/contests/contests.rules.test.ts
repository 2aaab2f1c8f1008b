import { describe, expect, it } from 'vitest';
import { sheetIssues, suggestOutcomes } from './contests.rules.ts';

describe('suggestOutcomes', () => {
  it('ranks within each nomination: winner, two prize places, laureates from 60 %, ties share', () => {
    const s = suggestOutcomes(
      [
        { id: 'a', nominationId: 'n1', average: 28 },
        { id: 'b', nominationId: 'n1', average: 25 },
        { id: 'c', nominationId: 'n1', average: 25 },
        { id: 'd', nominationId: 'n1', average: 22 },
        { id: 'e', nominationId: 'n1', average: 19 },
        { id: 'f', nominationId: 'n1', average: 17.9 },
        { id: 'g', nominationId: 'n1', average: null },
        { id: 'h', nominationId: 'n2', average: 10 },
      ],
      30,
    );
    expect(Object.fromEntries(s)).toEqual({
      a: 'winner',
      b: 'prize_winner',
      c: 'prize_winner',
      d: 'prize_winner',
      e: 'laureate',
      f: 'participant',
      g: 'participant',
      h: 'winner',
    });
  });

  it('gives no place for zero scores', () => {
    const s = suggestOutcomes([{ id: 'a', nominationId: 'n', average: 0 }], 10);
    expect(s.get('a')).toBe('participant');
  });
});

describe('sheetIssues', () => {
  const criteria = [
    { id: 'k1', title: 'Актуальность', maxScore: 5 },
    { id: 'k2', title: 'Новизна', maxScore: 10 },
  ];
  it('accepts every criterion scored once within 0..max', () => {
    expect(
      sheetIssues(criteria, [
        { criterionId: 'k1', score: 0 },
        { criterionId: 'k2', score: 10 },
      ]),
    ).toEqual([]);
  });
  it('names a score out of range, a fraction, a double, an unknown and a missing criterion', () => {
    const issues = sheetIssues(criteria, [
      { criterionId: 'k1', score: 6 },
      { criterionId: 'k1', score: 1 },
      { criterionId: 'zz', score: 1 },
    ]).map((i) => i.message);
    expect(issues).toEqual([
      'Оценка по критерию «Актуальность» — целое число от 0 до 5',
      'Критерий «Актуальность» оценён дважды',
      'Нет такого критерия у конкурса',
      'Не оценён критерий «Новизна»',
    ]);
    expect(
      sheetIssues(criteria, [
        { criterionId: 'k1', score: 2.5 },
        { criterionId: 'k2', score: 1 },
      ]),
    ).toHaveLength(1);
  });
});
