import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { ZClusters, ZCompare, ZDashboard, ZId, ZYear } from './dashboards.schemas.ts';
import { clusters, compare, dashboard } from './dashboards.service.ts';

const tags = ['monitoring'];
export function registerDashboardRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/indicator-sets/:id/dashboard',
    {
      schema: {
        tags,
        summary: 'Панель показателей: значение и цель, динамика по годам, проблемные зоны',
        params: ZId,
        querystring: z.object({ year: ZYear.optional() }),
        response: { 200: ZDashboard },
      },
    },
    async (request) => dashboard(db, actorOf(request), request.params.id, request.query.year),
  );

  app.get(
    '/api/indicator-sets/:id/clusters',
    {
      schema: {
        tags,
        summary: 'Кластеры организаций по профилю показателей (k-средних по долям, нормированным 0…1)',
        params: ZId,
        querystring: z.object({
          monitoringId: z.uuid().optional(),
          k: z.coerce.number().int().min(1).max(10).optional(),
          year: ZYear.optional(),
        }),
        response: { 200: ZClusters },
      },
    },
    async (request) => clusters(db, actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/indicator-sets/:id/compare',
    {
      schema: {
        tags,
        summary: 'Сравнение муниципалитетов региона по показателям набора',
        params: ZId,
        querystring: z.object({
          by: z.enum(['municipality']).default('municipality'),
          year: ZYear.optional(),
        }),
        response: { 200: ZCompare },
      },
    },
    async (request) => compare(db, actorOf(request), request.params.id, request.query),
  );
}
