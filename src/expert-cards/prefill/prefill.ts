import type { Db } from '../../platform/db/database.ts';
import type { AnswerValue, ScoringRule } from '../scoring.ts';

/**
 * What the platform answers itself for an expert-card item (issue 15, 3): trainings and diagnoses
 * from the registry, mentoring pairs, contest results and presented experience from events,
 * communities, organization statuses. An item names its source as `code` or `code|arg|arg`
 * (`contests.winner|Учитель года|municipal`); `prefill.sources.ts` is the registry.
 *
 * The implementation is set-based: one query per source for all the organizations of a campaign.
 */
export type PrefillRequest = {
  organizationIds: string[];
  /** The school year's first calendar year (2025 = 2025/26: 1 Sep 2025 – 31 Aug 2026). */
  schoolYear: number;
  items: { id: string; prefillSource: string; rule: ScoringRule }[];
};

export type Prefill = {
  value: AnswerValue;
  /** Russian: where the figure comes from («Реестр обучения: 3 удостоверения за 3 года»). */
  source: string;
  detail: string;
  computedAt: string;
};

/** organizationId → itemId → prefill. Items whose source knows nothing for an organization are absent. */
export type PrefillResult = Map<string, Map<string, Prefill>>;

export type PrefillFn = (db: Db, request: PrefillRequest) => Promise<PrefillResult>;
