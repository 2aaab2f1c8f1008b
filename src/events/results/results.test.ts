import { describe, expect, it } from 'vitest';
import { achievedOf } from '../events.figures.ts';
import type { EventResult } from './results.schemas.ts';
import { groupShare, OUTCOME_TEXT, outcomeText, totalsOf } from './results.ts';

describe('plan results, pure parts', () => {
  it('the share of the group has one decimal and is null without a group', () => {
    expect(groupShare(3, 1)).toBe(33.3);
    expect(groupShare(0, 0)).toBeNull();
    expect(groupShare(null, null)).toBeNull();
  });

  it('an outcome reads yes / no / unknown, with the share when a group was measured', () => {
    expect(achievedOf('yes')).toBe('yes');
    expect(achievedOf('no')).toBe('no');
    for (const o of ['manual', 'no_planned_result', 'empty_group', 'not_finished', 'no_dates'] as const)
      expect(achievedOf(o)).toBe('unknown');
    expect(outcomeText('no', { kind: 'percent_of_group', n: 70, group: null }, 12.5)).toBe(
      'Прогнозируемый результат не достигнут: 12,5 % целевой группы при плане 70 %',
    );
    expect(outcomeText('manual', { kind: 'protocols', n: 3, group: null }, null)).toBe(OUTCOME_TEXT.manual);
  });

  it('totals count held, achieved, not achieved and unknown events', () => {
    const item = (held: boolean, achieved: EventResult['achieved'], people: number) =>
      ({ held, achieved, people }) as EventResult;
    expect(totalsOf([item(true, 'yes', 5), item(true, 'no', 2), item(false, 'unknown', 0)])).toEqual({
      planned: 3,
      held: 2,
      achieved: 1,
      notAchieved: 1,
      unknown: 1,
      participations: 7,
    });
  });
});
