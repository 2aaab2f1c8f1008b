import { z } from 'zod';
import { forbidden } from '../errors.ts';
import { type App, type AppDeps, actorOf } from '../http/types.ts';
import { can } from '../platform.policy.ts';
import { AUDIT_SORTS, listAudit } from './audit.repository.ts';

const ZAuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  personId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  details: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});

export function registerAuditRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['platform'],
        summary: 'Журнал аудита (только администратор; записи нельзя изменить)',
        querystring: z.object({
          entity: z.string().max(50).optional(),
          entityId: z.string().max(100).optional(),
          personId: z.uuid().optional(),
          action: z.string().max(50).optional(),
          actor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).default(0),
          sort: z.enum(AUDIT_SORTS).default('at').describe('Столбец: когда, кто, действие'),
          order: z.enum(['asc', 'desc']).default('desc'),
        }),
        response: { 200: z.object({ items: z.array(ZAuditEntry), total: z.number() }) },
      },
    },
    async (request) => {
      if (!can(actorOf(request), 'read', 'audit')) throw forbidden();
      const q = request.query;
      const { rows, total } = await listAudit(db, {
        entity: q.entity,
        entityId: q.entityId,
        personId: q.personId,
        action: q.action,
        actorEmail: q.actor,
        limit: q.limit,
        offset: q.offset,
        sort: q.sort,
        order: q.order,
      });
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          at: r.at,
          actorEmail: r.actor_email,
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          personId: r.person_id,
          before: r.before,
          after: r.after,
          details: r.details,
          requestId: r.request_id,
          ip: r.ip,
        })),
      };
    },
  );
}
