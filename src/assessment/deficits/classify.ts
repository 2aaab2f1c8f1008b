/** A competency's level as the framework's thresholds see it. */
export type DeficitLevel = 'deficit' | 'partial' | 'none';

export interface Thresholds {
  /** Below this percent — deficit. */
  deficitBelow: number;
  /** Below this percent (and not a deficit) — partial. */
  partialBelow: number;
}

export const LEVEL_LABELS: Record<DeficitLevel, string> = {
  deficit: 'дефицит',
  partial: 'частично сформирована',
  none: 'сформирована',
};

/** The level of a result: below deficitBelow → deficit, below partialBelow → partial, else none. */
export function classify(percent: number, t: Thresholds): DeficitLevel {
  if (percent < t.deficitBelow) return 'deficit';
  if (percent < t.partialBelow) return 'partial';
  return 'none';
}
