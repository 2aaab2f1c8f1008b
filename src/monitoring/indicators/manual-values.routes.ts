import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { ZManualInput, ZManualList, ZManualQuery, ZManualValue } from './manual-values.schemas.ts';
import { listManualValues, putManualValue } from './manual-values.service.ts';

const tags = ['monitoring'];

export function registerManualMeasureRoutes(app: App, { db }: AppDeps): void {
  const deps = { db };

  app.get(
    '/api/manual-measures',
    {
      schema: {
        tags,
        summary: 'Введённые вручную значения мер за период',
        querystring: ZManualQuery,
        response: { 200: ZManualList },
      },
    },
    async (request) => listManualValues(deps, actorOf(request), request.query),
  );

  app.put(
    '/api/manual-measures',
    {
      schema: {
        tags,
        summary: 'Ввести значение ручной меры за период (организации или территории)',
        body: ZManualInput,
        response: { 200: ZManualValue },
      },
    },
    async (request) => putManualValue(deps, actorOf(request), request.body),
  );
}
