import { z } from 'zod';
import { SLICE_KINDS } from '../engine/compute.ts';
import { ZSliceCounts } from '../monitorings/slices.ts';

/** Indicator sets and indicators: what the routes take and what they answer. */

export const ZId = z.object({ id: z.uuid() });
const ZCode = z.string().trim().min(1).max(50);
const ZName = z.string().trim().min(1).max(1000);
const ZDate = z.iso.date();
const ZTarget = z.object({ year: z.number().int().min(2000).max(2100), value: z.number() });
const ZDirection = z.enum(['up', 'down', 'none']);
const ZOwnerLevel = z.enum(['system', 'region', 'municipality', 'organization']);
const ZNum = z.number().nullable();

// ——— input ———

export const ZIndicatorFields = z.object({
  code: ZCode,
  name: ZName,
  track: z.string().max(500).default(''),
  criterion: z.string().max(1000).default(''),
  position: z.number().int().min(0).max(100_000).default(0),
  formula: z.unknown(),
  population: z.unknown().default({}),
  unit: z.string().max(50).default('%'),
  direction: ZDirection.default('up'),
  dataSource: z.string().max(4000).default(''),
  method: z.string().max(4000).default(''),
  representativeness: z.string().max(4000).default(''),
  periodicity: z.string().max(1000).default(''),
  responsible: z.string().max(1000).default(''),
  baselineValue: z.number().nullable().default(null),
  baselineYear: z.number().int().min(2000).max(2100).nullable().default(null),
  notes: z.string().max(4000).default(''),
  targets: z.array(ZTarget).max(50).optional(),
});
export type TIndicatorFields = z.infer<typeof ZIndicatorFields>;
export const ZIndicatorPatch = ZIndicatorFields.partial();
export type TIndicatorPatch = z.infer<typeof ZIndicatorPatch>;

export const ZSetCreate = z.object({
  code: ZCode,
  name: ZName,
  description: z.string().max(4000).default(''),
});
export type TSetCreate = z.infer<typeof ZSetCreate>;
export const ZSetCopy = z.object({ code: ZCode, name: ZName });
export const ZSetPatch = z.object({
  code: ZCode.optional(),
  name: ZName.optional(),
  description: z.string().max(4000).optional(),
});
export type TSetPatch = z.infer<typeof ZSetPatch>;

export const ZTargetsBody = z.object({ targets: z.array(ZTarget).max(50) });
export type TTarget = z.infer<typeof ZTarget>;

export const ZValidateBody = z.object({ formula: z.unknown(), population: z.unknown().optional() });

export const ZValuesQuery = z.object({
  asOf: ZDate.optional(),
  periodStart: ZDate.optional(),
  periodEnd: ZDate.optional(),
  slice: z
    .string()
    .optional()
    .refine((s) => !s || s.split(',').every((x) => (SLICE_KINDS as readonly string[]).includes(x)), {
      message: 'Недопустимый разрез',
    }),
});
export type TValuesQuery = z.infer<typeof ZValuesQuery>;

// ——— output ———

export const ZCreated = z.object({ id: z.string() });

export const ZMeasures = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      memberKind: z.enum(['person', 'organization', 'vacancy', 'route', 'training', 'value']),
      params: z.array(
        z.object({
          name: z.string(),
          type: z.enum(['number', 'boolean', 'string', 'enum', 'enum[]']),
          label: z.string(),
          required: z.boolean().optional(),
          options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
        }),
      ),
      module: z.enum([
        'directory',
        'assessment',
        'routes',
        'catalog',
        'organizations',
        'vacancies',
        'staffing',
        'events',
        'mentoring',
        'communities',
        'practices',
        'manual',
      ]),
      population: z.boolean(),
    }),
  ),
  manual: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      unit: z.string(),
      /** The form field the value comes from: its label, type and hint. */
      field: z.string(),
      fieldType: z.enum(['integer', 'number', 'percent']),
      hint: z.string(),
    }),
  ),
});

export const ZSet = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  sourceDocument: z.string().nullable(),
  presetCode: z.string().nullable(),
  ownerLevel: ZOwnerLevel,
  regionId: z.string().nullable(),
  municipalityId: z.string().nullable(),
  territoryName: z.string(),
});

const ZPermissions = z.object({ edit: z.boolean() });

export const ZSetList = z.object({
  items: z.array(
    ZSet.extend({ indicators: z.number(), manualIndicators: z.number(), permissions: ZPermissions }),
  ),
});

export const ZIndicator = z.object({
  id: z.string(),
  setId: z.string(),
  code: z.string(),
  name: z.string(),
  track: z.string(),
  criterion: z.string(),
  position: z.number(),
  /** As stored: validated on every write, read by the engine (a stale one computes as invalid_formula). */
  formula: z.unknown(),
  population: z.record(z.string(), z.unknown()),
  unit: z.string(),
  direction: ZDirection,
  dataSource: z.string(),
  method: z.string(),
  representativeness: z.string(),
  periodicity: z.string(),
  responsible: z.string(),
  baselineValue: ZNum,
  baselineYear: ZNum,
  notes: z.string(),
  targets: z.array(z.object({ year: z.number(), value: z.number() })),
  derived: z.boolean(),
  measures: z.array(z.object({ code: z.string(), label: z.string() })),
});

export const ZSetCard = ZSet.extend({
  indicators: z.array(ZIndicator),
  schedule: z.array(
    z.object({
      id: z.string(),
      track: z.string(),
      what: z.string(),
      timing: z.string(),
      responsible: z.string(),
      useOfResults: z.string(),
      position: z.number(),
    }),
  ),
  permissions: ZPermissions,
});

export const ZFormulaCheck = z.object({
  ok: z.boolean(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
});

const ZValueStatus = z.enum(['ok', 'empty_denominator', 'manual_missing', 'invalid_formula', 'no_data']);
const ZTargetStatus = z.enum(['achieved', 'at_risk', 'not_achieved', 'no_data']).nullable();

const ZSliceValue = z.object({
  key: z.string(),
  label: z.string(),
  value: ZNum,
  numerator: ZNum,
  denominator: ZNum,
  status: ZValueStatus,
  message: z.string(),
});

export const ZSetValues = z.object({
  setId: z.string(),
  asOf: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  indicators: z.array(
    z.object({
      indicatorId: z.string().nullable(),
      code: z.string(),
      name: z.string(),
      value: ZNum,
      numerator: ZNum,
      denominator: ZNum,
      status: ZValueStatus,
      message: z.string(),
      derived: z.boolean(),
      slices: z.partialRecord(
        z.enum(['organization', 'org_kind', 'territory', 'subject']),
        z.array(ZSliceValue),
      ),
      unit: z.string(),
      direction: ZDirection,
      target: ZNum,
      targetStatus: ZTargetStatus,
      /** How many lines each slice has (the subject slice's: when computed, else null). */
      sliceCounts: ZSliceCounts.extend({ subject: z.number().nullable() }),
    }),
  ),
});
