import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { sendDownload } from '../../platform/import/import-template.ts';
import { drilldown, exportDrilldown } from './drilldown.ts';
import { exportMonitoring } from './monitorings.export.ts';
import {
  closeMonitoring,
  createMonitoring,
  findMonitoring,
  getMonitoring,
  listMonitorings,
  presentMonitoring,
} from './monitorings.service.ts';
import { PARTS } from './snapshot.ts';

const tags = ['monitoring'];
const ZDate = z.iso.date();
const ZStatus = z.enum(['ok', 'empty_denominator', 'manual_missing', 'invalid_formula']);
const ZNum = z.number().nullable();

const ZMonitoring = z.object({
  id: z.string(),
  setId: z.string(),
  setName: z.string(),
  name: z.string(),
  ownerLevel: z.enum(['system', 'region', 'municipality', 'organization']),
  regionId: z.string().nullable(),
  municipalityId: z.string().nullable(),
  territoryName: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  asOf: z.string(),
  targetYear: z.number(),
  schedule: z.string(),
  responsible: z.string(),
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  canManage: z.boolean(),
});

const ZSliceValue = z.object({
  key: z.string(),
  label: z.string(),
  value: ZNum,
  numerator: ZNum,
  denominator: ZNum,
  status: ZStatus,
});

/** The values of a set (live or frozen); the same shape as GET /api/indicator-sets/:id/values. */
export const ZValues = z.object({
  asOf: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  frozen: z.boolean(),
  indicators: z.array(
    z.object({
      indicatorId: z.string(),
      code: z.string(),
      name: z.string(),
      unit: z.string(),
      direction: z.enum(['up', 'down', 'none']),
      value: ZNum,
      numerator: ZNum,
      denominator: ZNum,
      status: ZStatus,
      message: z.string(),
      derived: z.boolean(),
      target: ZNum,
      targetStatus: z.enum(['achieved', 'at_risk', 'not_achieved']).nullable(),
      slices: z.partialRecord(
        z.enum(['organization', 'org_kind', 'territory', 'subject']),
        z.array(ZSliceValue),
      ),
    }),
  ),
});

const ZInput = z
  .object({
    setId: z.uuid(),
    name: z.string().trim().min(3).max(300),
    periodStart: ZDate,
    periodEnd: ZDate,
    asOf: ZDate,
    targetYear: z.number().int().min(2000).max(2100),
    schedule: z.string().trim().max(2000).optional(),
    responsible: z.string().trim().max(500).optional(),
  })
  .refine((v) => v.periodStart <= v.periodEnd, {
    path: ['periodEnd'],
    message: 'Конец периода раньше его начала',
  });

const ZId = z.object({ id: z.uuid() });
const ZDrillQuery = z.object({
  indicatorId: z.uuid(),
  part: z.enum(PARTS).default('numerator'),
  organizationId: z.uuid().optional(),
});

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
        response: { 200: ZMonitoring.extend({ values: ZValues }) },
      },
    },
    async (request) => getMonitoring(db, actorOf(request), request.params.id),
  );

  const ZClosed = ZMonitoring.extend({
    jobId: z.string().nullable(),
    frozenValues: z.number(),
    frozenMemberRows: z.number(),
  });
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
        response: {
          200: z.object({
            monitoringId: z.string(),
            indicator: z.object({ id: z.string(), code: z.string(), name: z.string() }),
            part: z.enum(PARTS),
            memberKind: z.string(),
            frozen: z.boolean(),
            columns: z.object({ name: z.string(), detail: z.string() }),
            /** More than 5 000 rows: the first are shown, the export has them all. */
            truncated: z.boolean(),
            items: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                organizationId: z.string(),
                organization: z.string(),
                detail: z.string(),
              }),
            ),
          }),
        },
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
