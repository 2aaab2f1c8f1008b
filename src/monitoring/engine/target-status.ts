/**
 * Value against target, one rule for the API, dashboards and exports. Direction up: reaching the
 * target is achieved, falling short by at most 10 % of it is at risk; direction down is mirrored
 * (exceeding by at most 10 %). A target with no value is «нет данных» — its own status, never a
 * failure; no target or no direction → no status.
 */
export type TargetStatus = 'achieved' | 'at_risk' | 'not_achieved' | 'no_data';

export const TARGET_STATUS_LABELS: Record<TargetStatus, string> = {
  achieved: 'достигнуто',
  at_risk: 'под угрозой',
  not_achieved: 'не достигнуто',
  no_data: 'нет данных',
};

export function targetStatus(
  value: number | null | undefined,
  target: number | null | undefined,
  direction: 'up' | 'down' | 'none',
): TargetStatus | null {
  if (target === null || target === undefined || direction === 'none') return null;
  if (value === null || value === undefined) return 'no_data';
  const tolerance = Math.abs(target) * 0.1;
  if (direction === 'up') {
    if (value >= target) return 'achieved';
    return value >= target - tolerance ? 'at_risk' : 'not_achieved';
  }
  if (value <= target) return 'achieved';
  return value <= target + tolerance ? 'at_risk' : 'not_achieved';
}

/** The gap to the target in the desired direction (positive = short of it), for sorting problem zones. */
export function targetGap(value: number, target: number, direction: 'up' | 'down' | 'none'): number {
  if (direction === 'down') return value - target;
  return target - value;
}
