import { z } from 'zod';

/** Dashboards of an indicator set: what the routes take and what they answer. */

export const ZId = z.object({ id: z.uuid() });
const ZNum = z.number().nullable();
const ZTargetStatus = z.enum(['achieved', 'at_risk', 'not_achieved', 'no_data']).nullable();
export const ZYear = z.coerce.number().int().min(2000).max(2100);
/** Where a screen's figures come from: a closed monitoring (its name) or a live compute, as of a date. */
export const ZSource = z.object({
  kind: z.enum(['monitoring', 'live']),
  monitoringId: z.string().nullable(),
  name: z.string().nullable(),
  asOf: z.string(),
});

export const ZDashboard = z.object({
  set: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  year: z.number(),
  source: ZSource,
  indicators: z.array(
    z.object({
      indicatorId: z.string(),
      code: z.string(),
      name: z.string(),
      unit: z.string(),
      direction: z.enum(['up', 'down', 'none']),
      derived: z.boolean(),
      value: ZNum,
      status: z.string(),
      message: z.string(),
      target: ZNum,
      targetStatus: ZTargetStatus,
      dynamics: z.array(z.object({ year: z.number(), value: ZNum, target: ZNum, source: z.string() })),
      problemZones: z.array(
        z.object({
          organizationId: z.string(),
          name: z.string(),
          value: z.number(),
          targetStatus: ZTargetStatus,
          gap: z.number(),
        }),
      ),
    }),
  ),
});

export const ZClusters = z.object({
  source: ZSource,
  k: z.number(),
  indicators: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  clusters: z.array(
    z.object({
      index: z.number(),
      label: z.string(),
      description: z.string(),
      size: z.number(),
      centroid: z.array(z.object({ indicatorId: z.string(), code: z.string(), value: z.number() })),
      organizations: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
  unplaced: z.array(z.object({ id: z.string(), name: z.string() })),
  organizations: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      cluster: z.number().nullable(),
      values: z.array(z.object({ indicatorId: z.string(), code: z.string(), value: ZNum })),
    }),
  ),
});

export const ZCompare = z.object({
  set: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  source: ZSource,
  asOf: z.string(),
  indicators: z.array(
    z.object({
      indicatorId: z.string(),
      code: z.string(),
      name: z.string(),
      unit: z.string(),
      direction: z.enum(['up', 'down', 'none']),
      target: ZNum,
      value: ZNum,
    }),
  ),
  municipalities: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      values: z.array(
        z.object({
          indicatorId: z.string(),
          value: ZNum,
          numerator: ZNum,
          denominator: ZNum,
          status: z.string().nullable(),
          targetStatus: ZTargetStatus,
        }),
      ),
    }),
  ),
});
