import { type App, type AppDeps, actorOf } from '../platform/http/types.ts';
import { ZHomeWork, ZHomeWorkQuery } from './home.schemas.ts';
import { homeWork } from './home.service.ts';

/** The home page's day's work: what the caller has to do, counted and linked. */
export function registerHomeRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/home/work',
    {
      schema: {
        tags: ['home'],
        summary: 'Что сделать сегодня: дела моей роли с числом и ссылкой',
        querystring: ZHomeWorkQuery,
        response: { 200: ZHomeWork },
      },
    },
    async (request) => homeWork(db, actorOf(request), request.query),
  );
}
