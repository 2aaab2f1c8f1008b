import { z } from 'zod';
import { ZContent } from '../instruments/content.ts';

const OWNER_LEVELS = ['system', 'region', 'municipality', 'organization'] as const;
const ORG_KINDS = ['preschool', 'school', 'additional', 'vocational', 'dpo', 'methodical_service'] as const;
const STATUSES = ['draft', 'open', 'closed'] as const;

export const ZTarget = z.object({
  organizationIds: z.array(z.uuid()).max(5000).optional(),
  orgKinds: z.array(z.enum(ORG_KINDS)).max(10).optional(),
  subjects: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
  positions: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
  youngOnly: z.boolean().optional(),
});

export const ZCampaign = z.object({
  id: z.string(),
  name: z.string(),
  ownerLevel: z.enum(OWNER_LEVELS),
  regionId: z.string().nullable(),
  municipalityId: z.string().nullable(),
  organizationId: z.string().nullable(),
  frameworkId: z.string().nullable(),
  status: z.enum(STATUSES),
  opensAt: z.string(),
  closesAt: z.string(),
  target: ZTarget.extend({ orgKinds: z.array(z.string()).optional() }),
  participantCount: z.number(),
  instruments: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  canManage: z.boolean(),
});
export type Campaign = z.infer<typeof ZCampaign>;

export const ZCampaignList = z.object({ items: z.array(ZCampaign) });

export const ZClosedCampaign = ZCampaign.extend({ generationJobId: z.string().nullable() });

export const ZCampaignInput = z.object({
  name: z.string().trim().min(3).max(300),
  frameworkId: z.uuid().nullable().optional(),
  instrumentIds: z.array(z.uuid()).min(1, 'Выберите хотя бы одну методику').max(20),
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
  target: ZTarget.default({}),
});

export const ZCampaignProgress = z.object({
  items: z.array(
    z.object({
      organizationId: z.string(),
      organizationName: z.string(),
      invited: z.number(),
      started: z.number(),
      /** Participants with results from any channel: `submittedOnline + imported`. */
      submitted: z.number(),
      /** Submitted every instrument of the campaign online. */
      submittedOnline: z.number(),
      /** Have results loaded into the campaign by an import (and did not complete it online). */
      imported: z.number(),
    }),
  ),
});

export const ZMyAssessments = z.object({
  items: z.array(
    z.object({
      campaignId: z.string(),
      name: z.string(),
      status: z.enum(STATUSES),
      opensAt: z.string(),
      closesAt: z.string(),
      inWindow: z.boolean(),
      /** The person's results of this campaign loaded by an import (not taken online); null when none. */
      imported: z.object({ results: z.number(), assessedOn: z.string() }).nullable(),
      instruments: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          kind: z.string(),
          status: z.enum(['not_started', 'started', 'submitted']),
          submittedAt: z.string().nullable(),
        }),
      ),
    }),
  ),
});

export const ZSitting = z.object({ campaignId: z.uuid(), instrumentId: z.uuid() });
export const ZAnswerParams = ZSitting.extend({ itemId: z.string().min(1).max(50) });

export const ZAnswer = z.union([
  z.string().max(50),
  z.array(z.string().max(50)).max(30),
  z.number().finite(),
]);
export const ZAnswerBody = z.object({ value: ZAnswer });
export const ZSavedAnswer = z.object({ itemId: z.string(), value: ZAnswer });

export const ZSheet = z.object({
  instrument: z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['test', 'self_assessment', 'burnout']),
    version: z.number(),
    content: ZContent,
  }),
  attempt: z.object({
    id: z.string(),
    status: z.enum(['started', 'submitted']),
    answers: z.record(z.string(), ZAnswer),
    startedAt: z.string(),
    submittedAt: z.string().nullable(),
  }),
  inWindow: z.boolean(),
});

export const ZSubmitted = z.object({
  attemptId: z.string(),
  status: z.literal('submitted'),
  results: z.record(z.string(), z.number()),
  scales: z.unknown(),
});
