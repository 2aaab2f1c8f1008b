/** The words of the burnout-support context: kinds of plan items, risk levels, outcomes — pure. */

export const SUPPORT_ITEM_KINDS = ['psychologist', 'group', 'load_recommendation', 'other'] as const;
export type SupportItemKind = (typeof SUPPORT_ITEM_KINDS)[number];

export const SUPPORT_ITEM_KIND_LABELS: Record<SupportItemKind, string> = {
  psychologist: 'Консультация педагога-психолога',
  group: 'Группа поддержки',
  load_recommendation: 'Рекомендация руководителю о нагрузке',
  other: 'Другое',
};

/** The burnout risk of an attempt: high = two or three subscales at the high level, moderate = one. */
export const RISK_LEVELS = ['high', 'moderate', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_LABELS: Record<RiskLevel, string> = {
  high: 'Высокий риск выгорания',
  moderate: 'Выражен один из симптомов',
  low: 'Высокий риск не выявлен',
};

/** How a plan ended: the follow-up screening shows no high risk, or another reason (a note says which). */
export const PLAN_OUTCOMES = ['improved', 'other'] as const;
export type PlanOutcome = (typeof PLAN_OUTCOMES)[number];

export const PLAN_OUTCOME_LABELS: Record<PlanOutcome, string> = {
  improved: 'Повторный скрининг: высокого риска нет',
  other: 'Закрыт по другой причине',
};

export const DEFAULT_FOLLOW_UP_WEEKS = 12;
export const WELLBEING_SETTINGS_KEY = 'wellbeing';

/** A count shown in municipal lists: below 3 it could point at a person, so it is not given. */
export const SMALL_COUNT = 3;
export const SMALL_COUNT_LABEL = 'менее 3';

/** The risk level of a burnout attempt's stored scales (`BurnoutResult` of scoring.ts). */
export function riskOf(scales: { highRisk?: unknown; highCount?: unknown } | null): RiskLevel | null {
  if (!scales || typeof scales.highCount !== 'number') return null;
  if (scales.highRisk === true || scales.highCount >= 2) return 'high';
  return scales.highCount === 1 ? 'moderate' : 'low';
}

/** A count for the municipal summary: the number, or «менее 3» for 1 and 2 (0 stays 0). */
export function maskedCount(n: number): { value: number | null; label: string } {
  if (n > 0 && n < SMALL_COUNT) return { value: null, label: SMALL_COUNT_LABEL };
  return { value: n, label: String(n) };
}

/** The default items of a new plan, due in 2, 4 and 2 weeks after it opens. */
export const DEFAULT_ITEMS: { kind: SupportItemKind; note: string; weeks: number }[] = [
  {
    kind: 'psychologist',
    note: 'Индивидуальная консультация педагога-психолога: обсудить результаты опросника и шаги поддержки.',
    weeks: 2,
  },
  {
    kind: 'group',
    note: 'Участие в группе поддержки (профилактика выгорания, обмен опытом с коллегами).',
    weeks: 4,
  },
  {
    kind: 'load_recommendation',
    note: 'Рекомендация руководителю школы: пересмотреть учебную нагрузку и поручения педагога.',
    weeks: 2,
  },
];
