import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { ZSliceQuery } from '../monitorings/slices.ts';
import { ZClusters, ZCompare, ZDashboard, ZId, ZProblemZones, ZSlices, ZYear } from './dashboards.schemas.ts';
import {
  clusters,
  compare,
  dashboard,
  indicatorSlices,
  problemZones,
  ZONE_SORTS,
} from './dashboards.service.ts';

const ZDate = z.iso.date({ error: 'Дата в формате ГГГГ-ММ-ДД' });
const ZPage = z.coerce.number().int().min(1).max(100000).optional();

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
          x: z.uuid().optional(),
          y: z.uuid().optional(),
          page: ZPage,
          pageSize: z.coerce.number().int().min(1).max(100).optional(),
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

  app.get(
    '/api/indicator-sets/:id/problem-zones',
    {
      schema: {
        tags,
        summary: 'Проблемные зоны года: фильтр по показателю и организации, сортировка, страницы',
        params: ZId,
        querystring: z.object({
          year: ZYear.optional(),
          indicatorId: z.uuid().optional(),
          q: z.string().max(200).optional(),
          sort: z.enum(ZONE_SORTS).optional(),
          order: z.enum(['asc', 'desc']).optional(),
          page: ZPage,
          pageSize: z.coerce.number().int().min(1).max(100).optional(),
        }),
        response: { 200: ZProblemZones },
      },
    },
    async (request) => problemZones(db, actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/indicator-sets/:id/slices',
    {
      schema: {
        tags,
        summary:
          'Значения одного показателя по организациям (типам, территориям, предметам): поиск, сортировка, страницы',
        description:
          'Без asOf — по значениям года, как на дашборде (закрытый мониторинг года или расчёт на лету); ' +
          'с asOf (и периодом) — расчёт на лету на дату, как на странице набора.',
        params: ZId,
        querystring: ZSliceQuery.extend({
          indicatorId: z.uuid({ error: 'Укажите показатель (indicatorId)' }),
          year: ZYear.optional(),
          asOf: ZDate.optional(),
          periodStart: ZDate.optional(),
          periodEnd: ZDate.optional(),
        }).refine((v) => !(v.year !== undefined && v.asOf !== undefined), {
          path: ['asOf'],
          message: 'Укажите либо год, либо дату расчёта',
        }),
        response: { 200: ZSlices },
      },
    },
    async (request) => indicatorSlices(db, actorOf(request), request.params.id, request.query),
  );
}
