import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { ZPlanResults } from './results.schemas.ts';
import { planResults, type ResultsDeps } from './results.service.ts';

/** «План / факт» of a plan of events: planned results against attendance, per event and in total. */
export function registerPlanResultRoutes(app: App, { db }: AppDeps, extra: Partial<ResultsDeps> = {}) {
  const deps: ResultsDeps = { db, ...extra };
  app.get(
    '/api/event-plans/:id/results',
    {
      schema: {
        tags: ['events'],
        summary: 'План / факт: прогнозируемый результат мероприятий плана против фактического участия',
        params: z.object({ id: z.uuid() }),
        response: { 200: ZPlanResults },
      },
    },
    async (request) => planResults(deps, actorOf(request), request.params.id),
  );
}
