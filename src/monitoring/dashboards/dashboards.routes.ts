import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { clusters, compare, dashboard } from './dashboards.service.ts';

const tags = ['monitoring'];
const ZId = z.object({ id: z.uuid() });
const ZNum = z.number().nullable();
const ZTargetStatus = z.enum(['achieved', 'at_risk', 'not_achieved']).nullable();
const ZYear = z.coerce.number().int().min(2000).max(2100);
const ZSource = z.object({
  kind: z.enum(['monitoring', 'live']),
  monitoringId: z.string().nullable(),
  asOf: z.string(),
});

export function registerDashboardRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/indicator-sets/:id/dashboard',
    {
      schema: {
        tags,
        summary: 'Панель показателей: значение и цель, динамика по годам, проблемные зоны',
        params: ZId,
        querystring: z.object({ year: ZYear.optional() }),
        response: {
          200: z.object({
            set: z.object({ id: z.string(), code: z.string(), name: z.string() }),
            year: z.number(),
            source: ZSource.extend({ name: z.string().nullable() }),
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
                dynamics: z.array(
                  z.object({ year: z.number(), value: ZNum, target: ZNum, source: z.string() }),
                ),
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
          }),
        },
      },
    },
    async (request) =>
      dashboard(
        db,
        actorOf(request),
        request.params.id,
        request.query.year ?? Number(new Date().toISOString().slice(0, 4)),
      ),
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
        response: {
          200: z.object({
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
          }),
        },
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
        response: {
          200: z.object({
            set: z.object({ id: z.string(), code: z.string(), name: z.string() }),
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
          }),
        },
      },
    },
    async (request) => compare(db, actorOf(request), request.params.id, request.query),
  );
}
