import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { sendDownload } from '../../platform/import/import-template.ts';
import { closeMonitoring } from './closing.service.ts';
import { drilldown, exportDrilldown } from './drilldown.ts';
import { exportMonitoring } from './monitorings.export.ts';
import { presentMonitoring } from './monitorings.presenter.ts';
import {
  ZClosed,
  ZDrilldown,
  ZDrillQuery,
  ZId,
  ZIndicatorPath,
  ZInput,
  ZMonitoring,
  ZMonitoringSlices,
  ZValues,
} from './monitorings.schemas.ts';
import {
  createMonitoring,
  findMonitoring,
  getMonitoring,
  listMonitorings,
  monitoringSlices,
} from './monitorings.service.ts';
import { ZSliceQuery } from './slices.ts';

const tags = ['monitoring'];

export function registerMonitoringRunRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/monitorings',
    {
      schema: {
        tags,
        summary: 'Мониторинги (кампании) в зоне ответственности',
        querystring: z.object({ setId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(ZMonitoring) }) },
      },
    },
    async (request) => ({ items: await listMonitorings(db, actorOf(request), request.query) }),
  );

  app.post(
    '/api/monitorings',
    {
      schema: {
        tags,
        summary: 'Создать мониторинг: набор показателей, период, дата среза, год целевых значений',
        body: ZInput,
        response: { 201: ZMonitoring },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await createMonitoring(db, actor, request.body);
      return reply.status(201).send(presentMonitoring(actor, await findMonitoring(db, actor, id)));
    },
  );

  app.get(
    '/api/monitorings/:id',
    {
      schema: {
        tags,
        summary: 'Мониторинг и его значения: расчёт на лету, пока открыт; зафиксированные — после закрытия',
        params: ZId,
        response: { 200: ZMonitoring.extend({ closingJobId: z.string().nullable(), values: ZValues }) },
      },
    },
    async (request) => getMonitoring(db, actorOf(request), request.params.id),
  );

  app.get(
    '/api/monitorings/:id/indicators/:indicatorId/slices',
    {
      schema: {
        tags,
        summary:
          'Значения одного показателя мониторинга по организациям (типам, территориям, предметам): ' +
          'поиск по названию, сортировка, страницы; после закрытия — зафиксированные',
        params: ZIndicatorPath,
        querystring: ZSliceQuery,
        response: { 200: ZMonitoringSlices },
      },
    },
    async (request) =>
      monitoringSlices(db, actorOf(request), request.params.id, request.params.indicatorId, request.query),
  );

  app.post(
    '/api/monitorings/:id/close',
    {
      schema: {
        tags,
        summary: 'Закрыть мониторинг: зафиксировать значения и списки учтённых; повторно не открывается',
        description:
          'Небольшая территория закрывается сразу (200). Для крупной (от 300 организаций) запускается ' +
          'фоновое задание (202, jobId — ход в GET /api/jobs/:id); мониторинг становится закрытым, когда оно завершится.',
        params: ZId,
        response: { 200: ZClosed, 202: ZClosed },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const written = await closeMonitoring(db, actor, request.params.id);
      return reply.status(written.jobId ? 202 : 200).send({
        ...presentMonitoring(actor, await findMonitoring(db, actor, request.params.id)),
        jobId: written.jobId,
        frozenValues: written.values,
        frozenMemberRows: written.members,
      });
    },
  );

  app.get(
    '/api/monitorings/:id/drilldown',
    {
      schema: {
        tags,
        summary:
          'Кто учтён в значении: люди, организации, вакансии, маршруты — только в зоне ответственности',
        params: ZId,
        querystring: ZDrillQuery,
        response: { 200: ZDrilldown },
      },
    },
    async (request) => drilldown(db, actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/monitorings/:id/drilldown/export',
    {
      schema: {
        tags,
        summary: 'Список учтённых в значении — XLSX',
        params: ZId,
        querystring: ZDrillQuery,
      },
    },
    async (request, reply) =>
      sendDownload(reply, await exportDrilldown(db, actorOf(request), request.params.id, request.query)),
  );

  app.get(
    '/api/monitorings/:id/export',
    {
      schema: {
        tags,
        summary:
          'Значения мониторинга — XLSX: показатели с целевыми значениями и статусами, лист на каждый разрез',
        params: ZId,
        querystring: z.object({ format: z.enum(['xlsx']).default('xlsx') }),
      },
    },
    async (request, reply) =>
      sendDownload(reply, await exportMonitoring(db, actorOf(request), request.params.id)),
  );
}
