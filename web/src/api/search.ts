/**
 * The header's search: people, organizations and programs within the caller's scope, a few of
 * each. Read through the typed client with its key from the key factory; only from two characters.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type Answer, client, ok } from './client.ts';
import { keys } from './keys.ts';

export type SearchResults = Answer<'/api/search', 'get'>;
export type SearchHit = NonNullable<SearchResults['people']>['items'][number];

export const SEARCH_MIN = 2;

export function useSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: keys.search.results(query),
    queryFn: () => ok(client.GET('/api/search', { params: { query: { q: query } } })),
    enabled: query.length >= SEARCH_MIN,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
