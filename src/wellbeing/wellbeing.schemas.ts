import { z } from 'zod';
import { PLAN_OUTCOMES, RISK_LEVELS, SUPPORT_ITEM_KINDS } from './wellbeing.vocabulary.ts';

const ZDate = z.iso.date();

export const ZPlan = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  riskLevel: z.enum(RISK_LEVELS),
  riskLabel: z.string(),
  status: z.enum(['open', 'closed']),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  followUp: z.object({
    dueOn: z.string(),
    remindedOn: z.string().nullable(),
    takenOn: z.string().nullable(),
    riskLevel: z.enum(RISK_LEVELS).nullable(),
    riskLabel: z.string().nullable(),
  }),
  outcome: z.enum(PLAN_OUTCOMES).nullable(),
  outcomeLabel: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(SUPPORT_ITEM_KINDS),
      kindLabel: z.string(),
      note: z.string(),
      dueOn: z.string().nullable(),
      doneOn: z.string().nullable(),
    }),
  ),
  canKeep: z.boolean(),
  canCloseImproved: z.boolean(),
});

export const ZPlanList = z.object({ items: z.array(ZPlan) });

export const ZPlanQuery = z.object({ status: z.enum(['open', 'closed']).optional() });

export const ZItemCreate = z.object({
  kind: z.enum(SUPPORT_ITEM_KINDS),
  note: z.string().trim().min(1).max(2000),
  dueOn: ZDate.nullable().optional(),
});

export const ZItemPatch = z
  .object({
    done: z.boolean().optional(),
    note: z.string().trim().min(1).max(2000).optional(),
    dueOn: ZDate.nullable().optional(),
  })
  .refine((v) => v.done !== undefined || v.note !== undefined || v.dueOn !== undefined, {
    message: 'Укажите, что изменить',
  });

export const ZClose = z.object({
  outcome: z.enum(PLAN_OUTCOMES),
  note: z.string().trim().max(2000).nullable().optional(),
});

const ZMasked = z.object({ value: z.number().nullable(), label: z.string() });
const ZCounts = z.object({
  highRisk: ZMasked,
  openPlans: ZMasked,
  followUpsDone: ZMasked,
  closedPlans: ZMasked,
});

export const ZSummary = z.object({
  items: z.array(
    z.object({ organizationId: z.string(), organizationName: z.string() }).extend(ZCounts.shape),
  ),
  total: ZCounts,
});

export const ZAccess = z.object({ keepPlans: z.boolean(), seeSummary: z.boolean(), ownSupport: z.boolean() });

export const ZWellbeingSettings = z.object({ followUpWeeks: z.number().int().min(1).max(52) });
