/**
 * A contest's pure rules: the outcomes' names, the diploma each earns, a score sheet's check and
 * the outcomes suggested from the jury's average scores (the organizer confirms or changes them).
 */

export const CONTEST_OUTCOMES = {
  participant: 'участник',
  laureate: 'лауреат',
  prize_winner: 'призёр',
  winner: 'победитель',
} as const;
export type ContestOutcome = keyof typeof CONTEST_OUTCOMES;
export const CONTEST_OUTCOME_KEYS = Object.keys(CONTEST_OUTCOMES) as [ContestOutcome, ...ContestOutcome[]];

/** The diploma's title by outcome; a participant keeps the participant certificate of attendance. */
export const DIPLOMA_TITLES: Record<ContestOutcome, string | null> = {
  participant: null,
  laureate: 'Диплом лауреата',
  prize_winner: 'Диплом призёра',
  winner: 'Диплом победителя',
};

/** The share of the maximum total from which an entry below the prize places is a laureate. */
export const LAUREATE_SHARE = 0.6;

export interface ScoredEntry {
  id: string;
  nominationId: string;
  /** The jurors' average total; null when nobody has scored the entry. */
  average: number | null;
}

/**
 * Suggested outcomes: in each nomination the best average wins (ties share the place), the next
 * two places are prize-winners, the rest with at least 60 % of the maximum total are laureates,
 * everyone else (and an unscored entry) a participant.
 */
export function suggestOutcomes(entries: ScoredEntry[], maxTotal: number): Map<string, ContestOutcome> {
  const out = new Map<string, ContestOutcome>();
  const byNomination = new Map<string, ScoredEntry[]>();
  for (const e of entries) {
    out.set(e.id, 'participant');
    if (e.average === null) continue;
    const list = byNomination.get(e.nominationId) ?? [];
    list.push(e);
    byNomination.set(e.nominationId, list);
  }
  for (const list of byNomination.values()) {
    const places = [...new Set(list.map((e) => round2(e.average!)))].sort((a, b) => b - a);
    for (const e of list) {
      const place = places.indexOf(round2(e.average!)) + 1;
      if (place === 1 && e.average! > 0) out.set(e.id, 'winner');
      else if (place <= 3 && e.average! > 0) out.set(e.id, 'prize_winner');
      else if (maxTotal > 0 && e.average! >= LAUREATE_SHARE * maxTotal) out.set(e.id, 'laureate');
    }
  }
  return out;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

export interface CriterionMax {
  id: string;
  title: string;
  maxScore: number;
}

/**
 * What is wrong with a score sheet: every criterion scored once, an integer from 0 to its maximum.
 * Returns the field issues (empty when the sheet is right).
 */
export function sheetIssues(
  criteria: CriterionMax[],
  scores: { criterionId: string; score: number }[],
): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const known = new Map(criteria.map((c) => [c.id, c]));
  const seen = new Set<string>();
  scores.forEach((s, i) => {
    const c = known.get(s.criterionId);
    if (!c) issues.push({ path: `scores.${i}.criterionId`, message: 'Нет такого критерия у конкурса' });
    else if (seen.has(s.criterionId))
      issues.push({ path: `scores.${i}.criterionId`, message: `Критерий «${c.title}» оценён дважды` });
    else if (!Number.isInteger(s.score) || s.score < 0 || s.score > c.maxScore)
      issues.push({
        path: `scores.${i}.score`,
        message: `Оценка по критерию «${c.title}» — целое число от 0 до ${c.maxScore}`,
      });
    seen.add(s.criterionId);
  });
  for (const c of criteria)
    if (!seen.has(c.id)) issues.push({ path: 'scores', message: `Не оценён критерий «${c.title}»` });
  return issues;
}
