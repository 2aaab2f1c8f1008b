import { z } from 'zod';
import { writeAudit } from '../../platform/audit/audit.repository.ts';
import { invalid } from '../../platform/errors.ts';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { assertOrgWritable } from '../organizations/org-access.ts';
import { listStaffing, upsertStaffing } from './staffing.repository.ts';

const ZStaffingRow = z.object({
  organizationId: z.string(),
  organizationName: z.string(),
  year: z.number(),
  pedTotal: z.number(),
  pedOccupied: z.number(),
  admTotal: z.number(),
  admOccupied: z.number(),
});

const rate = z.number().min(0).max(10_000);

export function registerStaffingRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/staffing',
    {
      schema: {
        tags: ['directory'],
        summary: 'Штатное расписание: педагогические и административные ставки (всего / занято)',
        querystring: z.object({
          municipalityId: z.uuid().optional(),
          organizationId: z.uuid().optional(),
          year: z.coerce.number().int().min(2000).max(2100).optional(),
        }),
        response: { 200: z.object({ items: z.array(ZStaffingRow) }) },
      },
    },
    async (request) => ({ items: await listStaffing(db, actorOf(request), request.query) }),
  );

  app.put(
    '/api/staffing/:organizationId/:year',
    {
      schema: {
        tags: ['directory'],
        summary: 'Записать штатное расписание организации за год',
        params: z.object({ organizationId: z.uuid(), year: z.coerce.number().int().min(2000).max(2100) }),
        body: z.object({ pedTotal: rate, pedOccupied: rate, admTotal: rate, admOccupied: rate }),
        response: { 200: ZStaffingRow },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { organizationId, year } = request.params;
      const b = request.body;
      const issues = [
        ...(b.pedOccupied > b.pedTotal ? [{ path: 'pedOccupied', message: 'Занято больше, чем всего' }] : []),
        ...(b.admOccupied > b.admTotal ? [{ path: 'admOccupied', message: 'Занято больше, чем всего' }] : []),
      ];
      if (issues.length) throw invalid('Занятых ставок не может быть больше, чем ставок всего.', issues);
      await assertOrgWritable(db, actor, organizationId);
      await db.transaction(async (tx) => {
        const before = await upsertStaffing(tx, { organizationId, year, ...b });
        await writeAudit(tx, {
          actor,
          action: before ? 'update' : 'create',
          entity: 'staffing',
          entityId: `${organizationId}/${year}`,
          before,
          after: b,
        });
      });
      const [row] = await listStaffing(db, actor, { organizationId, year });
      return row!;
    },
  );
}
