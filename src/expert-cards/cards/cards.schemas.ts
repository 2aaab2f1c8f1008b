import { z } from 'zod';
import { answerValueSchema, evidenceSchema } from '../scoring.ts';

export const ZItemSave = z.object({
  /** The item's `version` as read: a save over a newer one is refused (409) with the current item. */
  version: z.number().int().min(1),
  value: answerValueSchema.nullable(),
  comment: z.string().max(4000).default(''),
  evidence: z.array(evidenceSchema).max(30).default([]),
});
export type ItemSave = z.infer<typeof ZItemSave>;

export const ZItemReview = z.object({
  action: z.enum(['accept', 'change', 'return']),
  /** With `change`: the expert's points (0 … the item's maximum). */
  points: z.number().int().min(0).max(100).optional(),
  /** Required with `change` (the reason) and `return` (what to correct). */
  comment: z.string().max(4000).optional(),
});
export type ItemReview = z.infer<typeof ZItemReview>;

export const ZReopen = z.object({ reason: z.string().trim().min(3).max(2000) });
export const ZAssign = z.object({ expertId: z.uuid() });

const ZPrefill = z
  .object({ value: answerValueSchema, source: z.string(), detail: z.string(), computedAt: z.string() })
  .nullable();

export const ZCardItem = z.object({
  id: z.string(),
  position: z.number(),
  text: z.string(),
  method: z.string(),
  rule: z.record(z.string(), z.unknown()),
  maxPoints: z.number(),
  source: z.string(),
  periodicity: z.string(),
  evidenceRequired: z.boolean(),
  note: z.string(),
  value: answerValueSchema.nullable(),
  comment: z.string(),
  evidence: z.array(evidenceSchema),
  prefill: ZPrefill,
  claimedPoints: z.number().nullable(),
  review: z.enum(['pending', 'accepted', 'changed', 'returned', 'corrected']),
  verifiedPoints: z.number().nullable(),
  expertComment: z.string(),
  flag: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
});

export const ZCard = z.object({
  id: z.string(),
  campaign: z.object({
    id: z.string(),
    title: z.string(),
    schoolYear: z.number(),
    fillBy: z.string(),
    verifyBy: z.string(),
    evaluateBy: z.string(),
    closedAt: z.string().nullable(),
  }),
  organization: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  status: z.enum(['draft', 'submitted', 'returned', 'verified']),
  submittedAt: z.string().nullable(),
  late: z.boolean(),
  reopenedAt: z.string().nullable(),
  reopenReason: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  totalPoints: z.number().nullable(),
  level: z.string().nullable(),
  rank: z.number().nullable(),
  deadline: z.string(),
  experts: z.array(z.object({ id: z.string(), fullName: z.string() })),
  directions: z.array(
    z.object({
      id: z.string(),
      position: z.number(),
      title: z.string(),
      statedMax: z.number().nullable(),
      points: z.number(),
      maxPoints: z.number(),
      items: z.array(ZCardItem),
    }),
  ),
  history: z.array(
    z.object({
      kind: z.string(),
      itemId: z.string().nullable(),
      comment: z.string(),
      actor: z.string().nullable(),
      at: z.string(),
    }),
  ),
  permissions: z.object({
    edit: z.boolean(),
    editOnlyReturned: z.boolean(),
    editBlockedReason: z.string(),
    submit: z.boolean(),
    review: z.boolean(),
    reviewBlockedReason: z.string(),
    reopen: z.boolean(),
    assign: z.boolean(),
  }),
});

export const ZMyCards = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      campaignId: z.string(),
      campaignTitle: z.string(),
      schoolYear: z.number(),
      fillBy: z.string(),
      verifyBy: z.string(),
      organizationId: z.string(),
      organizationName: z.string(),
      status: z.string(),
      late: z.boolean(),
      role: z.enum(['head', 'expert']),
      items: z.number(),
      toReview: z.number(),
      returned: z.number(),
      claimedPoints: z.number(),
    }),
  ),
});

export const ZCandidates = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      fullName: z.string(),
      role: z.string(),
      allowed: z.boolean(),
      reason: z.string(),
    }),
  ),
});

export const ZDelegates = z.object({
  items: z.array(z.object({ id: z.string(), fullName: z.string(), grantedAt: z.string() })),
});
