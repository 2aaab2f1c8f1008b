import { z } from 'zod';

const ZDay = z.iso.date();

export const ZCampaignInput = z.object({
  title: z.string().trim().min(3).max(300),
  /** The reported school year's first calendar year: 2025 is 2025/26, filled in September 2026. */
  schoolYear: z.number().int().min(2000).max(2100),
  /** Only the admin names it; the methodist's campaign is their municipality's. */
  municipalityId: z.uuid().optional(),
  /** Defaults: 30.09, 15.10 and 01.11 of the year after schoolYear (004 §3.3). */
  fillBy: ZDay.optional(),
  verifyBy: ZDay.optional(),
  evaluateBy: ZDay.optional(),
  /** Levels from the document's stated maximum (default) or from the sum of the items. */
  maxBasis: z.enum(['document', 'items']).default('document'),
  maxBasisNote: z.string().max(2000).default(''),
  /** Template per organization group; by default the 004 preset of the group. */
  templates: z
    .object({ preschool: z.uuid().optional(), school: z.uuid().optional(), additional: z.uuid().optional() })
    .optional(),
});
export type CampaignInput = z.infer<typeof ZCampaignInput>;

export const ZCampaign = z.object({
  id: z.string(),
  municipalityId: z.string(),
  municipalityName: z.string(),
  schoolYear: z.number(),
  title: z.string(),
  fillBy: z.string(),
  verifyBy: z.string(),
  evaluateBy: z.string(),
  maxBasis: z.enum(['document', 'items']),
  maxBasisNote: z.string(),
  closedAt: z.string().nullable(),
  started: z.boolean(),
  counts: z.object({
    cards: z.number(),
    submitted: z.number(),
    verified: z.number(),
    returned: z.number(),
    late: z.number(),
  }),
  templates: z.array(
    z.object({ orgKind: z.string(), templateId: z.string(), title: z.string(), version: z.number() }),
  ),
  canManage: z.boolean(),
});

export const ZCampaignList = z.object({ items: z.array(ZCampaign), canCreate: z.boolean() });

export const ZBoard = z.object({
  campaign: ZCampaign,
  today: z.string(),
  counts: z.object({
    cards: z.number(),
    draft: z.number(),
    submitted: z.number(),
    returned: z.number(),
    verified: z.number(),
    late: z.number(),
    overdue: z.number(),
    withoutExperts: z.number(),
  }),
  cards: z.array(
    z.object({
      id: z.string(),
      organizationId: z.string(),
      organizationName: z.string(),
      orgKind: z.string(),
      status: z.string(),
      late: z.boolean(),
      overdue: z.boolean(),
      reopened: z.boolean(),
      submittedAt: z.string().nullable(),
      verifiedAt: z.string().nullable(),
      items: z.number(),
      answered: z.number(),
      toReview: z.number(),
      returnedItems: z.number(),
      flagged: z.number(),
      claimedPoints: z.number(),
      points: z.number(),
      totalPoints: z.number().nullable(),
      level: z.string().nullable(),
      rank: z.number().nullable(),
      experts: z.array(z.object({ id: z.string(), fullName: z.string() })),
    }),
  ),
});

export const ZStarted = z.object({ created: z.number(), campaign: ZCampaign });

export const ZOverdue = z.object({
  today: z.string(),
  items: z.array(
    z.object({
      cardId: z.string(),
      organizationName: z.string(),
      status: z.string(),
      stage: z.enum(['fill', 'verify']),
      dueOn: z.string(),
      heads: z.array(z.string()),
      experts: z.array(z.string()),
      toReview: z.number(),
    }),
  ),
});
