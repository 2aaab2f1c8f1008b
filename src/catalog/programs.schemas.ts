import { z } from 'zod';
import {
  DIRECTION_KEYS,
  PROGRAM_FORMATS,
  PROGRAM_KINDS,
  type ProgramFormat,
  type ProgramKind,
} from './catalog.vocabulary.ts';

const kinds = Object.keys(PROGRAM_KINDS) as [ProgramKind, ...ProgramKind[]];
const formats = Object.keys(PROGRAM_FORMATS) as [ProgramFormat, ...ProgramFormat[]];

export const ZCohort = z.object({
  id: z.string(),
  programId: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  seats: z.number().nullable(),
});
export type Cohort = z.infer<typeof ZCohort>;

export const ZProgram = z.object({
  id: z.string(),
  regionId: z.string().nullable(),
  municipalityId: z.string().nullable(),
  /** Who keeps the program: the system (federal), the region (its operator) or a municipality (its methodists). */
  owner: z.object({
    level: z.enum(['system', 'region', 'municipality']),
    name: z.string().nullable(),
  }),
  code: z.string(),
  name: z.string(),
  kind: z.enum(kinds),
  kindName: z.string(),
  hours: z.number(),
  provider: z.string(),
  format: z.enum(formats),
  formatName: z.string(),
  federalRegistry: z.boolean(),
  federalRegistryNumber: z.string().nullable(),
  priorityDirections: z.array(z.string()),
  active: z.boolean(),
  competencyCodes: z.array(z.string()),
  editable: z.boolean(),
});
export type Program = z.infer<typeof ZProgram>;

export const ZProgramList = z.object({ items: z.array(ZProgram), total: z.number() });

export const ZProgramCard = ZProgram.extend({
  cohorts: z.array(ZCohort),
  competencies: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
});
export type ProgramCard = z.infer<typeof ZProgramCard>;

const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const ZProgramQuery = z.object({
  q: z.string().trim().max(200).optional(),
  kind: z.enum(kinds).optional(),
  format: z.enum(formats).optional(),
  federalRegistry: flag,
  direction: z.enum(DIRECTION_KEYS).optional(),
  competencyCode: z.string().trim().max(50).optional(),
});

export const ZProgramFields = z.object({
  code: z.string().trim().min(1).max(50),
  name: z.string().trim().min(3).max(500),
  kind: z.enum(kinds),
  hours: z.number().int().positive(),
  provider: z.string().trim().min(2).max(300),
  format: z.enum(formats),
  federalRegistry: z.boolean(),
  federalRegistryNumber: z.string().trim().max(100).nullable(),
  priorityDirections: z.array(z.enum(DIRECTION_KEYS)).max(DIRECTION_KEYS.length),
  active: z.boolean(),
  competencyCodes: z.array(z.string().trim().min(1).max(50)).max(200),
});
export type ProgramInput = z.infer<typeof ZProgramFields>;

export const ZProgramCreate = ZProgramFields.extend({
  federalRegistry: z.boolean().default(false),
  federalRegistryNumber: z.string().trim().max(100).nullable().default(null),
  priorityDirections: z.array(z.enum(DIRECTION_KEYS)).default([]),
  active: z.boolean().default(true),
  competencyCodes: z.array(z.string().trim().min(1).max(50)).max(200).default([]),
});

export const ZCohortFields = z.object({
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
  seats: z.number().int().positive().max(100_000).nullable(),
});

export const ZCohortInput = ZCohortFields.extend({
  seats: z.number().int().positive().max(100_000).nullable().default(null),
});
