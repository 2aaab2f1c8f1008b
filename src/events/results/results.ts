import type { EventOutcome } from '../events.figures.ts';
import type { PlannedResult } from '../events.vocabulary.ts';
import type { EventResult, PlanResults } from './results.schemas.ts';

/** The pure part of «план / факт»: what an outcome says, and the plan's totals line. */

export const OUTCOME_TEXT: Record<EventOutcome, string> = {
  yes: 'Прогнозируемый результат достигнут',
  no: 'Прогнозируемый результат не достигнут',
  no_planned_result: 'Прогнозируемый результат не задан числом — не измеряется',
  manual: 'Протоколы не измеряются по присутствию — отмечаются вручную',
  empty_group: 'В целевой группе мероприятия нет ни одного педагога — долю не посчитать',
  not_finished: 'Мероприятие ещё не завершилось',
  no_dates: 'У мероприятия нет дат — результат не измеряется',
};

/** The share of the group, one decimal; null when there is no group. */
export function groupShare(size: number | null, reached: number | null): number | null {
  if (size === null || reached === null || size === 0) return null;
  return Math.round((1000 * reached) / size) / 10;
}

export function outcomeText(outcome: EventOutcome, r: PlannedResult | null, share: number | null): string {
  if ((outcome === 'yes' || outcome === 'no') && r?.kind === 'percent_of_group' && share !== null)
    return `${OUTCOME_TEXT[outcome]}: ${String(share).replace('.', ',')} % целевой группы при плане ${r.n} %`;
  return OUTCOME_TEXT[outcome];
}

export function totalsOf(items: EventResult[]): PlanResults['totals'] {
  return {
    planned: items.length,
    held: items.filter((i) => i.held).length,
    achieved: items.filter((i) => i.achieved === 'yes').length,
    notAchieved: items.filter((i) => i.achieved === 'no').length,
    unknown: items.filter((i) => i.achieved === 'unknown').length,
    participations: items.reduce((a, i) => a + i.people, 0),
  };
}
