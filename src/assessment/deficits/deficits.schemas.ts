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

const ZRef = z.object({ id: z.string(), name: z.string() });

export const ZHeatmap = z.object({
  framework: ZPersonDeficits.shape.framework,
  by: z.enum(['organization', 'subject']),
  /** What a row is: a municipality, an organization, a person or a subject. */
  level: z.enum(['territory', 'organization', 'person', 'subject']),
  /** The municipality drilled into (or the organization's), for the breadcrumb. */
  territory: ZRef.nullable(),
  /** The organization drilled into. */
  organization: ZRef.nullable(),
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
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Rows at this level in all pages. */
  total: z.number().int(),
});

export const ZHeatmapQuery = z.object({
  frameworkId: z.string().uuid(),
  by: z.enum(['organization', 'subject']).default('organization'),
  territoryId: z.string().uuid().optional().describe('Муниципалитет: строки — его организации'),
  municipalityId: z.string().uuid().optional().describe('То же, что territoryId (прежнее имя)'),
  organizationId: z.string().uuid().optional().describe('Организация: строки — её педагоги'),
  sort: z.enum(['name', 'deficit', 'assessed']).default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  competencyId: z.string().uuid().optional().describe('Сортировать по столбцу этой компетенции'),
});

export const ZHeatmapPageQuery = ZHeatmapQuery.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
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
