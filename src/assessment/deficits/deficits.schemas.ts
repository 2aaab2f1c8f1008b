import { z } from 'zod';

const ZLevel = z.enum(['deficit', 'partial', 'none']);
const ZSource = z.enum(['platform', 'import']);

export const ZPersonDeficits = z.object({
  personId: z.string(),
  fullName: z.string(),
  framework: z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    deficitBelow: z.number(),
    partialBelow: z.number(),
  }),
  competencies: z.array(
    z.object({
      competencyId: z.string(),
      code: z.string(),
      name: z.string(),
      groupCode: z.string(),
      groupName: z.string(),
      percent: z.number().nullable(),
      level: ZLevel.nullable(),
      assessedOn: z.string().nullable(),
      source: ZSource.nullable(),
      procedure: z.string().nullable(),
    }),
  ),
});

export const ZHeatmap = z.object({
  framework: ZPersonDeficits.shape.framework,
  by: z.enum(['organization', 'subject']),
  competencies: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  rows: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      cells: z.array(
        z.object({
          competencyId: z.string(),
          assessed: z.number(),
          deficit: z.number(),
          partial: z.number(),
          deficitShare: z.number(),
          partialShare: z.number(),
        }),
      ),
    }),
  ),
});

export const ZHeatmapQuery = z.object({
  frameworkId: z.string().uuid(),
  by: z.enum(['organization', 'subject']).default('organization'),
  municipalityId: z.string().uuid().optional(),
});

export const ZDeficitListQuery = z.object({
  frameworkId: z.string().uuid(),
  competencyId: z.string().uuid(),
  level: z.enum(['deficit', 'partial']).default('deficit'),
  organizationId: z.string().uuid().optional(),
});

export const ZDeficitList = z.object({
  competency: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  level: z.enum(['deficit', 'partial']),
  people: z.array(
    z.object({
      personId: z.string(),
      fullName: z.string(),
      organizationId: z.string(),
      organization: z.string(),
      percent: z.number(),
      level: ZLevel,
      assessedOn: z.string(),
      source: ZSource,
    }),
  ),
});
