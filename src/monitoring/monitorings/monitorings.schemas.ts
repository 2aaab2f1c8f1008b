import { z } from 'zod';
import { ZSliceCounts, ZSlicePage } from './slices.ts';
import { PARTS } from './snapshot.ts';

/** Monitoring campaigns: what the routes take and what they answer. */

const ZDate = z.iso.date();
const ZStatus = z.enum(['ok', 'empty_denominator', 'manual_missing', 'invalid_formula', 'no_data']);
const ZNum = z.number().nullable();

export const ZMonitoring = z.object({
  id: z.string(),
  setId: z.string(),
  setName: z.string(),
  name: z.string(),
  ownerLevel: z.enum(['system', 'region', 'municipality', 'organization']),
  regionId: z.string().nullable(),
  municipalityId: z.string().nullable(),
  territoryName: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  asOf: z.string(),
  targetYear: z.number(),
  schedule: z.string(),
  responsible: z.string(),
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  canManage: z.boolean(),
});

/**
 * The values of a monitoring (live or frozen): totals, targets and statuses with how many lines
 * each slice has; the lines of one indicator come page by page from
 * GET /api/monitorings/:id/indicators/:indicatorId/slices.
 */
export const ZValues = z.object({
  asOf: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  frozen: z.boolean(),
  indicators: z.array(
    z.object({
      indicatorId: z.string(),
      code: z.string(),
      name: z.string(),
      unit: z.string(),
      direction: z.enum(['up', 'down', 'none']),
      value: ZNum,
      numerator: ZNum,
      denominator: ZNum,
      status: ZStatus,
      message: z.string(),
      derived: z.boolean(),
      target: ZNum,
      targetStatus: z.enum(['achieved', 'at_risk', 'not_achieved', 'no_data']).nullable(),
      sliceCounts: ZSliceCounts,
    }),
  ),
});

/** A page of one indicator's slice lines of a monitoring. */
export const ZMonitoringSlices = ZSlicePage.extend({ monitoringId: z.string(), frozen: z.boolean() });
export const ZIndicatorPath = z.object({ id: z.uuid(), indicatorId: z.uuid() });

export const ZInput = z
  .object({
    setId: z.uuid(),
    name: z.string().trim().min(3).max(300),
    periodStart: ZDate,
    periodEnd: ZDate,
    asOf: ZDate,
    targetYear: z.number().int().min(2000).max(2100),
    schedule: z.string().trim().max(2000).optional(),
    responsible: z.string().trim().max(500).optional(),
  })
  .refine((v) => v.periodStart <= v.periodEnd, {
    path: ['periodEnd'],
    message: 'Конец периода раньше его начала',
  });

export const ZId = z.object({ id: z.uuid() });
export const ZDrillQuery = z.object({
  indicatorId: z.uuid(),
  part: z.enum(PARTS).default('numerator'),
  organizationId: z.uuid().optional(),
});

/** The answer to a close: the monitoring, the background job if one runs, the counts frozen. */
export const ZClosed = ZMonitoring.extend({
  jobId: z.string().nullable(),
  frozenValues: z.number(),
  frozenMemberRows: z.number(),
});

export const ZDrilldown = z.object({
  monitoringId: z.string(),
  indicator: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  part: z.enum(PARTS),
  memberKind: z.string(),
  frozen: z.boolean(),
  columns: z.object({ name: z.string(), detail: z.string() }),
  /** More than 5 000 rows: the first are shown, the export has them all. */
  truncated: z.boolean(),
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      organizationId: z.string(),
      organization: z.string(),
      detail: z.string(),
    }),
  ),
});
