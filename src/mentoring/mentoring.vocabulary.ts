/** Russian names of the mentoring context's values: forms, finish reasons, goal outcomes. */

export const MENTORING_FORM_KEYS = ['teacher_teacher', 'head_teacher', 'experienced_young', 'group'] as const;
export type MentoringForm = (typeof MENTORING_FORM_KEYS)[number];
export const MENTORING_FORMS: Record<MentoringForm, string> = {
  teacher_teacher: 'Педагог – педагог',
  head_teacher: 'Руководитель – педагог',
  experienced_young: 'Опытный – молодой',
  group: 'Групповое наставничество',
};

export const FINISH_REASON_KEYS = ['completed', 'transfer', 'other'] as const;
export type FinishReason = (typeof FINISH_REASON_KEYS)[number];
export const FINISH_REASONS: Record<FinishReason, string> = {
  completed: 'Программа наставничества выполнена',
  transfer: 'Перевод наставляемого',
  other: 'Другое',
};

export const GOAL_OUTCOME_KEYS = ['reached', 'partly', 'not_reached'] as const;
export type GoalOutcome = (typeof GOAL_OUTCOME_KEYS)[number];
export const GOAL_OUTCOMES: Record<GoalOutcome, string> = {
  reached: 'Да',
  partly: 'Частично',
  not_reached: 'Нет',
};

export const PLAN_KIND_KEYS = ['meeting', 'task'] as const;
export const PLAN_KINDS: Record<(typeof PLAN_KIND_KEYS)[number], string> = {
  meeting: 'Встреча',
  task: 'Задание',
};

export const REPORT_SIDES: Record<'mentor' | 'mentee', string> = {
  mentor: 'Отчёт наставника',
  mentee: 'Отчёт наставляемого',
};

/** Young specialists without an open mentorship this many weeks after they started work. */
export const DEFAULT_WARNING_WEEKS = 4;
export const MENTORING_SETTINGS_KEY = 'mentoring.settings';

/**
 * Whether a goal's deficit closed at the next diagnosis: `closed` when the first result after the
 * goal's baseline reaches the framework's deficit threshold, `open` when it does not, `pending`
 * while there is no later result.
 */
export type DeficitStatus = 'closed' | 'open' | 'pending';
export const DEFICIT_STATUSES: Record<DeficitStatus, string> = {
  closed: 'Дефицит закрыт',
  open: 'Дефицит сохраняется',
  pending: 'Ждёт следующей диагностики',
};

export function deficitStatus(after: number | null, deficitBelow: number): DeficitStatus {
  if (after === null) return 'pending';
  return after >= deficitBelow ? 'closed' : 'open';
}

/** Whole weeks from `from` to `to` (ISO dates), never negative. */
export function weeksBetween(from: string, to: string): number {
  return Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / (7 * 86_400_000)));
}
