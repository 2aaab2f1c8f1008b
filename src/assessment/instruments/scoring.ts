import type { InstrumentContent, Item } from './content.ts';

/**
 * Pure scoring of one answer sheet. Answers map an item id to the chosen option id (single),
 * the chosen option ids (multiple) or a number (scale). Unanswered items score nothing.
 */
export type Answer = string | string[] | number;
export type Answers = Record<string, Answer | undefined>;

export interface CompetencyScore {
  earned: number;
  possible: number;
  percent: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function chosen(a: Answer | undefined): string[] {
  if (typeof a === 'string') return [a];
  if (Array.isArray(a)) return a;
  return [];
}

/**
 * Points of one choice item, as [earned, possible].
 * - single: 1 point when the chosen option is the correct one (choosing several is wrong).
 * - multiple, no option carries `points`: all-or-nothing — 1 point only when the chosen set
 *   equals the set of correct options exactly.
 * - multiple, options carry `points` (missing = 0): earned = sum of the chosen options' points,
 *   never below 0; possible = sum of the positive points.
 */
export function itemPoints(item: Item, answer: Answer | undefined): [number, number] {
  const options = item.options ?? [];
  const picked = new Set(chosen(answer));
  if (item.kind === 'single') {
    const right = options.find((o) => o.correct);
    return [picked.size === 1 && right && picked.has(right.id) ? 1 : 0, 1];
  }
  if (options.some((o) => o.points !== undefined)) {
    const possible = options.reduce((s, o) => s + Math.max(0, o.points ?? 0), 0);
    const earned = options.reduce((s, o) => s + (picked.has(o.id) ? (o.points ?? 0) : 0), 0);
    return [Math.min(possible, Math.max(0, earned)), possible];
  }
  const correct = new Set(options.filter((o) => o.correct).map((o) => o.id));
  const exact = picked.size === correct.size && [...picked].every((id) => correct.has(id));
  return [exact ? 1 : 0, 1];
}

/** (a) A test: per competency, percent = points earned / points possible × 100. */
export function scoreTest(content: InstrumentContent, answers: Answers): Record<string, CompetencyScore> {
  const acc: Record<string, { earned: number; possible: number }> = {};
  for (const item of content.items) {
    if (!item.competencyCode || item.kind === 'scale') continue;
    const [earned, possible] = itemPoints(item, answers[item.id]);
    const a = acc[item.competencyCode] ?? { earned: 0, possible: 0 };
    acc[item.competencyCode] = a;
    a.earned += earned;
    a.possible += possible;
  }
  return Object.fromEntries(
    Object.entries(acc).map(([code, a]) => [
      code,
      {
        earned: a.earned,
        possible: a.possible,
        percent: a.possible ? round2((a.earned / a.possible) * 100) : 0,
      },
    ]),
  );
}

/** A scale answer with reverse keying applied; throws on a value outside the item's scale. */
export function scaleValue(item: Item, answer: Answer | undefined): number | null {
  if (typeof answer !== 'number' || !item.scale) return null;
  const { min, max } = item.scale;
  if (!Number.isFinite(answer) || answer < min || answer > max)
    throw new RangeError(`answer ${answer} to item ${item.id} is outside ${min}..${max}`);
  return item.reverse ? min + max - answer : answer;
}

/**
 * (b) Self-assessment: per competency, the mean of its answered scale items, each mapped to
 * 0–100 % as (v − min) / (max − min) × 100 after reverse keying. Competencies with no answer are left out.
 */
export function scoreSelfAssessment(content: InstrumentContent, answers: Answers): Record<string, number> {
  const acc: Record<string, number[]> = {};
  for (const item of content.items) {
    if (!item.competencyCode || item.kind !== 'scale' || !item.scale) continue;
    const v = scaleValue(item, answers[item.id]);
    if (v === null) continue;
    const list = acc[item.competencyCode] ?? [];
    list.push(((v - item.scale.min) / (item.scale.max - item.scale.min)) * 100);
    acc[item.competencyCode] = list;
  }
  return Object.fromEntries(
    Object.entries(acc).map(([code, xs]) => [code, round2(xs.reduce((s, x) => s + x, 0) / xs.length)]),
  );
}

export interface ScaleScore {
  code: string;
  name: string;
  score: number;
  answered: number;
  level: 'low' | 'medium' | 'high' | null;
  label: string | null;
}

/** Raw scale sums (reverse keying applied) and the level whose [min, max] holds the sum. */
export function scoreScales(content: InstrumentContent, answers: Answers): ScaleScore[] {
  const byId = new Map(content.items.map((i) => [i.id, i]));
  return (content.scales ?? []).map((s) => {
    let score = 0;
    let answered = 0;
    for (const id of s.itemIds) {
      const item = byId.get(id);
      const v = item ? scaleValue(item, answers[id]) : null;
      if (v === null) continue;
      score += v;
      answered++;
    }
    const level = s.levels.find((l) => score >= l.min && score <= l.max) ?? null;
    return {
      code: s.code,
      name: s.name,
      score,
      answered,
      level: level?.level ?? null,
      label: level?.label ?? null,
    };
  });
}

export interface BurnoutResult {
  scales: ScaleScore[];
  highCount: number;
  highRisk: boolean;
  conclusion: string;
}

/**
 * (c) Burnout (MBI adapted by Н.Е. Водопьянова). The scales' levels are stated as burnout levels:
 * for «Редукция профессиональных достижений» the raw sum measures accomplishment, so its
 * preset maps a LOW sum to the `high` level (high reduction).
 *
 * Product assumption (not part of the published key): «высокий риск выгорания» when at least two
 * of the three subscales are at the high-burnout level.
 */
export function scoreBurnout(content: InstrumentContent, answers: Answers): BurnoutResult {
  const scales = scoreScales(content, answers);
  const highCount = scales.filter((s) => s.level === 'high').length;
  const highRisk = highCount >= 2;
  return {
    scales,
    highCount,
    highRisk,
    conclusion: highRisk
      ? 'Высокий риск выгорания'
      : highCount === 1
        ? 'Выражен один из симптомов выгорания'
        : 'Высокий риск выгорания не выявлен',
  };
}
