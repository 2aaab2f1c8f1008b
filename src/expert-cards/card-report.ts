import type { AnswerValue, Evidence, LevelBand } from './scoring.ts';

/**
 * One organization's card as the results, the XLSX of a campaign and the DOCX to sign read it:
 * the campaign, the organization, the template version, every direction and item with the head's
 * answer and the expert's verdict, the totals of stage 3 and last year's beside. Built by the
 * cards repository (`cards/`), read by `results/` and `exports/`, which never query.
 */
export type ReportItem = {
  id: string;
  position: number;
  text: string;
  method: string;
  maxPoints: number;
  value: AnswerValue | null;
  comment: string;
  evidence: Evidence[];
  prefill: { value: AnswerValue; source: string; detail: string; computedAt: string } | null;
  claimedPoints: number | null;
  /** pending | accepted | changed | returned | corrected */
  review: string;
  verifiedPoints: number | null;
  expertComment: string;
  flag: string | null;
};

export type ReportDirection = {
  id: string;
  position: number;
  title: string;
  statedMax: number | null;
  /** Σ of the items' maxima. */
  itemsMax: number;
  items: ReportItem[];
};

export type CardReport = {
  campaign: {
    id: string;
    title: string;
    schoolYear: number;
    fillBy: string;
    verifyBy: string;
    evaluateBy: string;
    maxBasis: 'document' | 'items';
    maxBasisNote: string;
    closedAt: string | null;
  };
  organization: {
    id: string;
    name: string;
    shortName: string | null;
    kind: string;
    municipalityName: string;
  };
  template: {
    id: string;
    title: string;
    version: number;
    statedMax: number | null;
    itemsMax: number;
    /** The maximum the campaign computes levels from (`effectiveMax`). */
    max: number;
    levels: LevelBand[];
  };
  card: {
    id: string;
    /** draft | submitted | returned | verified */
    status: string;
    submittedAt: string | null;
    late: boolean;
    verifiedAt: string | null;
    totalPoints: number | null;
    level: string | null;
    rank: number | null;
    /** How many cards of the same group the rank is among. */
    groupSize: number;
  };
  /** The same organization's card of the previous school year, when there was one. */
  previous: {
    schoolYear: number;
    totalPoints: number | null;
    level: string | null;
    byDirection: number[];
  } | null;
  head: { fullName: string; position: string } | null;
  experts: { fullName: string }[];
  directions: ReportDirection[];
};

/** The points an item counts with: the expert's once reviewed, the head's claim before. */
export function itemPoints(item: Pick<ReportItem, 'verifiedPoints' | 'claimedPoints'>): number {
  return item.verifiedPoints ?? item.claimedPoints ?? 0;
}
