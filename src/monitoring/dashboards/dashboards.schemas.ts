import { z } from 'zod';
import { ZSlicePage } from '../monitorings/slices.ts';

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
      /** How many of the viewer's organizations are behind the target (the list: /problem-zones). */
      problemZoneCount: z.number(),
    }),
  ),
});

const ZNamed = z.object({ id: z.string(), name: z.string() });
export const ZClusters = z.object({
  source: ZSource,
  k: z.number(),
  indicators: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  /** The indicators some organization has a value of. */
  withValues: z.array(z.string()),
  /** The scatter's axes (indicator ids). */
  x: z.string().nullable(),
  y: z.string().nullable(),
  clusters: z.array(
    z.object({
      index: z.number(),
      label: z.string(),
      description: z.string(),
      size: z.number(),
      centroid: z.array(z.object({ indicatorId: z.string(), code: z.string(), value: z.number() })),
      /** The first organizations of the cluster (its size says how many). */
      organizations: z.array(ZNamed),
    }),
  ),
  unplaced: z.array(ZNamed),
  unplacedCount: z.number(),
  /** Every placed organization on the two axes; names only for a few hundred organizations. */
  points: z.array(
    z.object({ x: z.number(), y: z.number(), cluster: z.number(), name: z.string().nullable() }),
  ),
  organizationsTotal: z.number(),
  page: z.number(),
  pageSize: z.number(),
  organizations: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      cluster: z.number().nullable(),
      values: z.array(z.object({ indicatorId: z.string(), code: z.string(), value: ZNum })),
    }),
  ),
});

const ZStatus = z.enum(['not_achieved', 'at_risk']);
export const ZProblemZones = z.object({
  year: z.number(),
  source: ZSource,
  /** Every problem zone the viewer sees; `found` — those under the filter. */
  total: z.number(),
  found: z.number(),
  page: z.number(),
  pageSize: z.number(),
  counts: z.array(
    z.object({ indicatorId: z.string(), code: z.string(), name: z.string(), count: z.number() }),
  ),
  items: z.array(
    z.object({
      indicatorId: z.string(),
      code: z.string(),
      indicatorName: z.string(),
      unit: z.string(),
      organizationId: z.string(),
      name: z.string(),
      value: z.number(),
      target: z.number(),
      targetStatus: ZStatus,
      gap: z.number(),
    }),
  ),
});

/** A page of one indicator's slice lines: of the year's figures, or live as of a date. */
export const ZSlices = ZSlicePage.extend({ year: z.number(), source: ZSource });

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
