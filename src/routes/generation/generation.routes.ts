import { z } from 'zod';
import { writeAudit } from '../../platform/audit/audit.repository.ts';
import { forbidden } from '../../platform/errors.ts';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { registerJobRoutes } from '../../platform/jobs/jobs.routes.ts';
import { can } from '../../platform/platform.policy.ts';
import { writeSetting } from '../../platform/settings/settings.repository.ts';
import { startRouteGeneration } from './generation.service.ts';
import {
  GENERATION_SETTINGS_KEY,
  loadGenerationSettings,
  ZGenerationSettings,
} from './generation.settings.ts';

const tags = ['routes'];

/** Route generation, its settings, and the jobs API it reports through. */
export function registerRouteGenerationRoutes(app: App, deps: AppDeps): void {
  const { db } = deps;
  registerJobRoutes(app, deps);

  app.post(
    '/api/route-generation',
    {
      schema: {
        tags,
        summary: 'Сформировать черновики маршрутов (ИОМ) по дефицитам — фоновое задание',
        description:
          'Для каждого педагога в зоне ответственности с дефицитами по карте компетенций (последний результат по каждой компетенции; с campaignId — только результаты этой кампании). Согласованные и выполняемые маршруты не трогаются, черновики пересобираются. Ход и итог — GET /api/jobs/{jobId}.',
        body: z.object({
          frameworkId: z.uuid(),
          campaignId: z.uuid().optional(),
          organizationId: z.uuid().optional(),
        }),
        response: { 202: z.object({ jobId: z.string() }) },
      },
    },
    async (request, reply) => {
      const jobId = await startRouteGeneration(db, actorOf(request), request.body, { byHand: true });
      return reply.status(202).send({ jobId });
    },
  );

  app.get(
    '/api/settings/routes.generation',
    {
      schema: {
        tags,
        summary:
          'Параметры формирования маршрутов: лимит часов в полугодие, горизонт, часы наставничества и самообразования',
        response: { 200: ZGenerationSettings },
      },
    },
    async (request) => {
      actorOf(request);
      return loadGenerationSettings(db);
    },
  );

  app.put(
    '/api/settings/routes.generation',
    {
      schema: {
        tags,
        summary: 'Изменить параметры формирования маршрутов (администратор)',
        body: ZGenerationSettings,
        response: { 200: ZGenerationSettings },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!can(actor, 'change', 'settings')) throw forbidden();
      const before = await loadGenerationSettings(db);
      await db.transaction(async (tx) => {
        await writeSetting(tx, GENERATION_SETTINGS_KEY, request.body, actor.userId);
        await writeAudit(tx, {
          actor,
          action: 'update',
          entity: 'settings',
          entityId: GENERATION_SETTINGS_KEY,
          before,
          after: request.body,
        });
      });
      return loadGenerationSettings(db);
    },
  );
}
