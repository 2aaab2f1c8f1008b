import { z } from 'zod';

export const ZCompetency = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  position: z.number(),
});

export const ZFramework = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  audience: z.string(),
  ownerLevel: z.enum(['system', 'region', 'municipality', 'organization']),
  regionId: z.string().nullable(),
  municipalityId: z.string().nullable(),
  deficitBelow: z.number(),
  partialBelow: z.number(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
  groups: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      position: z.number(),
      competencies: z.array(ZCompetency),
    }),
  ),
});
export type FrameworkView = z.infer<typeof ZFramework>;

export const ZFrameworkList = z.object({ items: z.array(ZFramework) });

const ZCode = z
  .string()
  .trim()
  .min(1)
  .max(30)
  .regex(/^[A-Za-z0-9_.-]+$/, 'Код: латинские буквы, цифры, «-», «_», «.»');
const ZPercent = z.number().min(0).max(100);

export const ZFrameworkCopy = z
  .object({
    name: z.string().trim().min(3).max(300).optional(),
    regionId: z.uuid().optional(),
    municipalityId: z.uuid().optional(),
  })
  .default({});
export type FrameworkCopy = z.infer<typeof ZFrameworkCopy>;

export const ZFrameworkEdit = z.object({
  name: z.string().trim().min(3).max(300).optional(),
  description: z.string().trim().max(4000).optional(),
  deficitBelow: ZPercent.optional(),
  partialBelow: ZPercent.optional(),
});
export type FrameworkEdit = z.infer<typeof ZFrameworkEdit>;

export const ZGroupBody = z.object({
  code: ZCode,
  name: z.string().trim().min(2).max(200),
  position: z.number().int().min(0).max(1000).optional(),
});
export type GroupBody = z.infer<typeof ZGroupBody>;

export const ZCompetencyBody = z.object({
  groupId: z.uuid(),
  code: ZCode,
  name: z.string().trim().min(2).max(300),
  description: z.string().trim().max(2000).optional(),
  position: z.number().int().min(0).max(1000).optional(),
});
export type CompetencyBody = z.infer<typeof ZCompetencyBody>;

/** A preset framework the platform can load in one action, and whether it is loaded already. */
export const ZFrameworkPresetList = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      description: z.string(),
      audience: z.enum(['teacher', 'manager']),
      competencies: z.number(),
      loaded: z.boolean(),
    }),
  ),
  /** Whether the caller may load them (the administrator, the region operator, the methodist). */
  canLoad: z.boolean(),
});
