import { z } from 'zod';

/** The API shape of a campaign's results (`results.ts`): the summary, the groups, the organizations. */
const ZLevelRef = z.object({ code: z.string(), label: z.string() });
const ZLevelCount = ZLevelRef.extend({
  from: z.number().optional(),
  to: z.number().optional(),
  count: z.number(),
  percent: z.number(),
});
const ZComparison = z.object({
  compared: z.number(),
  up: z.number(),
  down: z.number(),
  same: z.number(),
  meanDelta: z.number().nullable(),
});
const ZGroupDirection = z.object({
  position: z.number(),
  title: z.string(),
  max: z.number(),
  meanPoints: z.number(),
  meanPercent: z.number(),
  lostBy: z.number(),
});
const ZSummaryLine = z.object({
  kind: z.string().nullable(),
  label: z.string(),
  count: z.number(),
  meanPercent: z.number(),
  levels: z.array(ZLevelCount),
  comparison: ZComparison,
});

export const ZCampaignResults = z.object({
  summary: z.object({
    campaignTitle: z.string(),
    schoolYear: z.number().nullable(),
    municipalities: z.array(z.string()),
    groups: z.array(ZSummaryLine),
    overall: ZSummaryLine,
  }),
  groups: z.array(
    z.object({
      kind: z.string(),
      label: z.string(),
      templateTitle: z.string(),
      max: z.number(),
      itemsMax: z.number(),
      statedMax: z.number().nullable(),
      count: z.number(),
      meanTotal: z.number(),
      meanPercent: z.number(),
      levels: z.array(ZLevelCount),
      withoutLevel: z.number(),
      ranking: z.array(
        z.object({
          rank: z.number(),
          organizationId: z.string(),
          name: z.string(),
          total: z.number(),
          max: z.number(),
          percent: z.number(),
          level: ZLevelRef.nullable(),
        }),
      ),
      weakestDirections: z.array(ZGroupDirection),
      weakestItems: z.array(
        z.object({
          number: z.string(),
          directionTitle: z.string(),
          text: z.string(),
          maxPoints: z.number(),
          lostBy: z.number(),
          lostPercent: z.number(),
        }),
      ),
      comparison: ZComparison,
    }),
  ),
  organizations: z.array(
    z.object({
      organizationId: z.string(),
      name: z.string(),
      kind: z.string(),
      groupLabel: z.string(),
      cardId: z.string(),
      status: z.string(),
      late: z.boolean(),
      final: z.boolean(),
      total: z.number(),
      max: z.number(),
      percent: z.number(),
      level: ZLevelRef.nullable(),
      rank: z.number().nullable(),
      groupSize: z.number(),
      directions: z.array(
        z.object({
          position: z.number(),
          title: z.string(),
          points: z.number(),
          max: z.number(),
          percent: z.number(),
        }),
      ),
      lostItems: z.array(z.object({ number: z.string(), text: z.string(), lost: z.number() })),
      previous: z
        .object({
          schoolYear: z.number(),
          total: z.number().nullable(),
          level: ZLevelRef.nullable(),
          delta: z.number().nullable(),
          levelChange: z.enum(['up', 'down', 'same']).nullable(),
        })
        .nullable(),
    }),
  ),
});
export type CampaignResultsBody = z.infer<typeof ZCampaignResults>;
