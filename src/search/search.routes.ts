import { type App, type AppDeps, actorOf } from '../platform/http/types.ts';
import { ZSearchQuery, ZSearchResults } from './search.schemas.ts';
import { search } from './search.service.ts';

/** The header's search over people, organizations and programs within the caller's scope. */
export function registerSearchRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Поиск людей, организаций и программ в пределах доступа',
        querystring: ZSearchQuery,
        response: { 200: ZSearchResults },
      },
    },
    async (request) => search(db, actorOf(request), request.query),
  );
}
