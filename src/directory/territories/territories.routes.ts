import { z } from 'zod';
import { writeAudit } from '../../platform/audit/audit.repository.ts';
import { sql } from '../../platform/db/database.ts';
import { conflict, forbidden } from '../../platform/errors.ts';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { can } from '../directory.policy.ts';
import { listTerritories } from './territories.repository.ts';

const ZTerritories = z.object({
  regions: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  municipalities: z.array(
    z.object({ id: z.string(), regionId: z.string(), code: z.string(), name: z.string() }),
  ),
});

export function registerTerritoryRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/territories',
    {
      schema: {
        tags: ['directory'],
        summary: 'Регионы и муниципалитеты в пределах области доступа',
        response: { 200: ZTerritories },
      },
    },
    async (request) => listTerritories(db, actorOf(request)),
  );

  app.post(
    '/api/regions',
    {
      schema: {
        tags: ['directory'],
        summary: 'Создать регион (администратор)',
        body: z.object({ code: z.string().trim().min(1).max(20), name: z.string().trim().min(2).max(200) }),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!can(actor, 'create', 'region')) throw forbidden();
      const id = await db.transaction(async (tx) => {
        const rows = await tx.query<{ id: string }>(sql`
          INSERT INTO regions (code, name) VALUES (${request.body.code}, ${request.body.name})
          ON CONFLICT (code) DO NOTHING RETURNING id`);
        if (!rows[0]) throw conflict('Регион с таким кодом уже есть.');
        await writeAudit(tx, {
          actor,
          action: 'create',
          entity: 'region',
          entityId: rows[0].id,
          after: request.body,
        });
        return rows[0].id;
      });
      return reply.status(201).send({ id });
    },
  );

  app.post(
    '/api/municipalities',
    {
      schema: {
        tags: ['directory'],
        summary: 'Создать муниципалитет (администратор, региональный оператор своего региона)',
        body: z.object({
          regionId: z.uuid(),
          code: z.string().trim().min(1).max(20),
          name: z.string().trim().min(2).max(200),
        }),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!can(actor, 'create', { municipalityIn: { regionId: request.body.regionId } })) throw forbidden();
      const id = await db.transaction(async (tx) => {
        const rows = await tx.query<{ id: string }>(sql`
          INSERT INTO municipalities (region_id, code, name) VALUES (${request.body.regionId}, ${request.body.code}, ${request.body.name})
          ON CONFLICT (region_id, name) DO NOTHING RETURNING id`);
        if (!rows[0]) throw conflict('Муниципалитет с таким названием в регионе уже есть.');
        await writeAudit(tx, {
          actor,
          action: 'create',
          entity: 'municipality',
          entityId: rows[0].id,
          after: request.body,
        });
        return rows[0].id;
      });
      return reply.status(201).send({ id });
    },
  );
}
