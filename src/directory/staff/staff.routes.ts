import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { exportStaff } from './staff.export.ts';
import { ZStaffFilters, ZStaffListQuery } from './staff.filters.ts';
import { ZStaffRow } from './staff.presenter.ts';
import { listSubjects } from './staff.repository.ts';
import { findStaff } from './staff.service.ts';

export function registerStaffRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/staff',
    {
      schema: {
        tags: ['directory'],
        summary: 'Реестр педагогических и руководящих кадров с фильтрами (в пределах области доступа)',
        querystring: ZStaffListQuery,
        response: {
          200: z.object({
            items: z.array(ZStaffRow),
            total: z.number(),
            people: z.number(),
            asOf: z.string(),
            /** Pass as `after` for the next page; null on the last one. */
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => findStaff({ db }, actorOf(request), request.query),
  );

  app.get(
    '/api/staff/subjects',
    {
      schema: {
        tags: ['directory'],
        summary: 'Предметы, которые встречаются в реестре (для фильтра)',
        response: { 200: z.object({ items: z.array(z.string()) }) },
      },
    },
    async (request) => ({ items: await listSubjects(db, actorOf(request)) }),
  );

  app.get(
    '/api/staff/export',
    {
      schema: {
        tags: ['directory'],
        summary: 'Выгрузка отфильтрованного реестра в XLSX, CSV или JSON',
        querystring: ZStaffFilters.extend({ format: z.enum(['xlsx', 'csv', 'json']).default('xlsx') }),
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      const file = await exportStaff({ db }, { actor: actorOf(request), format, filters });
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(Buffer.from(file.data));
    },
  );
}
