import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { sendDownload } from '../../platform/import/import-template.ts';
import {
  ZDeficitList,
  ZDeficitListQuery,
  ZHeatmap,
  ZHeatmapPageQuery,
  ZHeatmapQuery,
  ZPersonDeficits,
} from './deficits.schemas.ts';
import {
  deficitHeatmap,
  exportDeficitHeatmap,
  exportDeficitPeople,
  listDeficitPeople,
  personDeficits,
} from './deficits.service.ts';

const tags = ['assessment'];

export function registerDeficitRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/deficits/heatmap',
    {
      schema: {
        tags,
        summary:
          'Тепловая карта дефицитов: муниципалитеты, организации, педагоги или предметы × компетенции ' +
          '(последний результат каждого), по страницам',
        querystring: ZHeatmapPageQuery,
        response: { 200: ZHeatmap },
      },
    },
    async (request) => deficitHeatmap(db, actorOf(request), request.query),
  );

  app.get(
    '/api/deficits/heatmap/export',
    {
      schema: {
        tags,
        summary: 'Выгрузка тепловой карты дефицитов в XLSX или CSV (та же область, что на странице)',
        querystring: ZHeatmapQuery.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
      },
    },
    async (request, reply) => {
      const { format, ...q } = request.query;
      return sendDownload(reply, await exportDeficitHeatmap(db, actorOf(request), q, format));
    },
  );

  app.get(
    '/api/deficits/people',
    {
      schema: {
        tags,
        summary: 'Кто имеет дефицит (или частично сформированную) компетенцию',
        querystring: ZDeficitListQuery,
        response: { 200: ZDeficitList },
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
        querystring: ZDeficitListQuery.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
      },
    },
    async (request, reply) => {
      const { format, ...q } = request.query;
      const file = await exportDeficitPeople(db, actorOf(request), q, format);
      return sendDownload(reply, file);
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
