import { z } from 'zod';

/**
 * Scoring rules of an expert-card item (004 Appendix 2, «Методики оценки») as pure functions.
 *
 * - `fact`   — «факт участия / наличия / прохождения — N баллов»: present or not;
 * - `count`  — at least `min` of something: N points;
 * - `share`  — «не менее X %»: part / whole ≥ X % gives N points (the whole may be last year's
 *              figure: «не менее 50 % от количественного показателя предыдущего учебного года»);
 * - `choice` — one option of a graded list, each with its points;
 * - `levels` — municipal / regional / federal, with points per level that accumulate (or the best
 *              one counts) where the card says so.
 */
export const territorialLevels = ['municipal', 'regional', 'federal'] as const;
export type TerritorialLevel = (typeof territorialLevels)[number];

const points = z.number().int().min(0).max(100);

export const scoringRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fact'), points }),
  z.object({ kind: z.literal('count'), min: z.number().int().min(1), points }),
  z.object({
    kind: z.literal('share'),
    minPercent: z.number().min(0).max(100),
    points,
    /** What the whole is, in words, for the form («от численности молодых специалистов прошлого года»). */
    wholeLabel: z.string().max(300).optional(),
  }),
  z.object({
    kind: z.literal('choice'),
    options: z
      .array(z.object({ label: z.string().min(1).max(300), points }))
      .min(2)
      .max(20),
  }),
  z.object({
    kind: z.literal('levels'),
    points: z.object({ municipal: points, regional: points, federal: points }),
    accumulate: z.boolean(),
  }),
]);
export type ScoringRule = z.infer<typeof scoringRuleSchema>;

export const answerValueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fact'), present: z.boolean() }),
  z.object({ kind: z.literal('count'), count: z.number().int().min(0).max(1_000_000) }),
  z.object({
    kind: z.literal('share'),
    part: z.number().int().min(0).max(1_000_000),
    whole: z.number().int().min(0).max(1_000_000),
  }),
  z.object({ kind: z.literal('choice'), option: z.number().int().min(0).max(19) }),
  z.object({ kind: z.literal('levels'), levels: z.array(z.enum(territorialLevels)).max(3) }),
]);
export type AnswerValue = z.infer<typeof answerValueSchema>;

export const evidenceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('link'),
    url: z.string().url().max(2000),
    title: z.string().max(300).default(''),
  }),
  z.object({ kind: z.literal('file'), fileId: z.string().uuid(), name: z.string().max(300) }),
]);
export type Evidence = z.infer<typeof evidenceSchema>;

/** The most an item can give. */
export function maxPoints(rule: ScoringRule): number {
  switch (rule.kind) {
    case 'fact':
    case 'count':
    case 'share':
      return rule.points;
    case 'choice':
      return Math.max(...rule.options.map((o) => o.points));
    case 'levels': {
      const all = territorialLevels.map((l) => rule.points[l]);
      return rule.accumulate ? all.reduce((a, b) => a + b, 0) : Math.max(...all);
    }
  }
}

/** Share in percent, or null when the whole is zero (nothing to take a share of). */
export function sharePercent(part: number, whole: number): number | null {
  return whole > 0 ? (part / whole) * 100 : null;
}

/**
 * Points an answer earns. A value of another kind than the rule earns nothing — the API refuses
 * such a save, so this only guards a template edited under an old answer.
 */
export function pointsFor(rule: ScoringRule, value: AnswerValue | null | undefined): number {
  if (!value || value.kind !== rule.kind) return 0;
  switch (rule.kind) {
    case 'fact':
      return (value as Extract<AnswerValue, { kind: 'fact' }>).present ? rule.points : 0;
    case 'count':
      return (value as Extract<AnswerValue, { kind: 'count' }>).count >= rule.min ? rule.points : 0;
    case 'share': {
      const v = value as Extract<AnswerValue, { kind: 'share' }>;
      const pct = sharePercent(v.part, v.whole);
      // Compare in integers to avoid 0.1 + 0.2: part / whole ≥ X / 100  ⇔  100 · part ≥ X · whole.
      return pct !== null && 100 * v.part >= rule.minPercent * v.whole ? rule.points : 0;
    }
    case 'choice': {
      const option = rule.options[(value as Extract<AnswerValue, { kind: 'choice' }>).option];
      return option ? option.points : 0;
    }
    case 'levels': {
      const chosen = new Set((value as Extract<AnswerValue, { kind: 'levels' }>).levels);
      const earned = territorialLevels.filter((l) => chosen.has(l)).map((l) => rule.points[l]);
      if (earned.length === 0) return 0;
      return rule.accumulate ? earned.reduce((a, b) => a + b, 0) : Math.max(...earned);
    }
  }
}

/** The unanswered value of a rule's kind: where the form starts, earning nothing. */
export function emptyValue(rule: ScoringRule): AnswerValue {
  switch (rule.kind) {
    case 'fact':
      return { kind: 'fact', present: false };
    case 'count':
      return { kind: 'count', count: 0 };
    case 'share':
      return { kind: 'share', part: 0, whole: 0 };
    case 'choice':
      return { kind: 'choice', option: 0 };
    case 'levels':
      return { kind: 'levels', levels: [] };
  }
}

/** A level of efficiency (004 §2.4): from `minPercent` of the maximum up to the next band. */
export const levelBandSchema = z.object({
  code: z.string().min(1).max(40),
  label: z.string().min(1).max(100),
  minPercent: z.number().min(0).max(100),
});
export type LevelBand = z.infer<typeof levelBandSchema>;

/** 004 §2.4: высокая 80–100 %, средняя 60–79 %, низкая — менее 60 % of the maximum. */
export const levels004: LevelBand[] = [
  { code: 'high', label: 'высокая', minPercent: 80 },
  { code: 'medium', label: 'средняя', minPercent: 60 },
  { code: 'low', label: 'низкая', minPercent: 0 },
];

function byThreshold(bands: LevelBand[]): LevelBand[] {
  return [...bands].sort((a, b) => b.minPercent - a.minPercent);
}

/**
 * The least whole number of points that reaches `minPercent` of `max`: 80 % of 31 is 24.8, so a
 * high level starts at 25 (Appendix 1: «25-31»). Integer arithmetic: the least p with 100p ≥ X·max.
 */
export function pointsThreshold(minPercent: number, max: number): number {
  const exact = (minPercent * max) / 100;
  const rounded = Math.ceil(exact - 1e-9);
  return Math.max(0, rounded);
}

/** The level a total earns against a maximum; null when the maximum is 0. */
export function levelOf(total: number, max: number, bands: LevelBand[]): LevelBand | null {
  if (max <= 0) return null;
  for (const band of byThreshold(bands)) {
    if (total >= pointsThreshold(band.minPercent, max)) return band;
  }
  return null;
}

/** The bands in points, as Appendix 1 prints them: high 25–31, medium 19–24, low 18 and fewer. */
export function bandsInPoints(
  max: number,
  bands: LevelBand[],
): { band: LevelBand; from: number; to: number }[] {
  const sorted = byThreshold(bands);
  return sorted.map((band, i) => {
    const from = pointsThreshold(band.minPercent, max);
    const to = i === 0 ? max : pointsThreshold(sorted[i - 1]!.minPercent, max) - 1;
    return { band, from, to };
  });
}

/**
 * Ranks within a group: the highest total first, equal totals share a rank and the next rank
 * skips («1, 2, 2, 4»). Returns the rank per key.
 */
export function rankByTotal<K>(entries: { key: K; total: number }[]): Map<K, number> {
  const sorted = [...entries].sort((a, b) => b.total - a.total);
  const ranks = new Map<K, number>();
  sorted.forEach((e, i) => {
    const prev = sorted[i - 1];
    ranks.set(e.key, prev && prev.total === e.total ? ranks.get(prev.key)! : i + 1);
  });
  return ranks;
}
