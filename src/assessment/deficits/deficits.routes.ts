import { z } from 'zod';
import { attachment } from '../../catalog/catalog.import.ts';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import {
  deficitHeatmap,
  exportDeficitPeople,
  listDeficitPeople,
  personDeficits,
} from './deficits.service.ts';

const tags = ['assessment'];
const ZLevel = z.enum(['deficit', 'partial', 'none']);
const ZSource = z.enum(['platform', 'import']);

const ZPersonDeficits = z.object({
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

const ZHeatmap = z.object({
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
        }),
      ),
    }),
  ),
});

const ZListQuery = z.object({
  frameworkId: z.string().uuid(),
  competencyId: z.string().uuid(),
  level: z.enum(['deficit', 'partial']).default('deficit'),
  organizationId: z.string().uuid().optional(),
});

const ZList = z.object({
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

export function registerDeficitRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/deficits/heatmap',
    {
      schema: {
        tags,
        summary:
          'Тепловая карта дефицитов: организации или предметы × компетенции (последний результат каждого)',
        querystring: z.object({
          frameworkId: z.string().uuid(),
          by: z.enum(['organization', 'subject']).default('organization'),
          municipalityId: z.string().uuid().optional(),
        }),
        response: { 200: ZHeatmap },
      },
    },
    async (request) => deficitHeatmap(db, actorOf(request), request.query),
  );

  app.get(
    '/api/deficits/people',
    {
      schema: {
        tags,
        summary: 'Кто имеет дефицит (или частично сформированную) компетенцию',
        querystring: ZListQuery,
        response: { 200: ZList },
      },
    },
    async (request) => listDeficitPeople(db, actorOf(request), request.query),
  );

  app.get(
    '/api/deficits/people/export',
    {
      schema: {
        tags,
        summary: 'Выгрузка списка педагогов с дефицитом компетенции в XLSX или CSV',
        querystring: ZListQuery.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
      },
    },
    async (request, reply) => {
      const { format, ...q } = request.query;
      const file = await exportDeficitPeople(db, actorOf(request), q, format);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachment(file.fileName))
        .send(Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength));
    },
  );

  app.get(
    '/api/deficits/people/:personId',
    {
      schema: {
        tags,
        summary: 'Дефициты педагога по карте компетенций: последний результат по каждой компетенции',
        params: z.object({ personId: z.string().uuid() }),
        querystring: z.object({ frameworkId: z.string().uuid() }),
        response: { 200: ZPersonDeficits },
      },
    },
    async (request) =>
      personDeficits(db, actorOf(request), request.params.personId, request.query.frameworkId),
  );
}
