import type { Db } from '../../platform/db/database.ts';
import type { AnswerValue } from '../scoring.ts';
import type { PrefillFn } from './prefill.ts';

/**
 * Placeholder seam of the cards workflow's branch: the prefill helper's real implementation
 * replaces this file at merge (same exports). Until then the platform answers nothing itself.
 */
export const prefillFor: PrefillFn = async () => new Map();

/** itemId → a Russian flag for claims contradicting the platform's own data (none here). */
export async function contradictionsFor(
  _db: Db,
  _input: {
    organizationId: string;
    schoolYear: number;
    answers: { itemId: string; prefillSource: string | null; value: AnswerValue | null }[];
  },
): Promise<Map<string, string>> {
  return new Map();
}
