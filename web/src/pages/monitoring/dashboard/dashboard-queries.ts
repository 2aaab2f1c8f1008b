/**
 * The dashboard's pages of organizations (issue 12): problem zones and clusters come from the
 * server filtered and paged, one query per page; keys sit under the set's, so whatever
 * invalidates the set's figures invalidates these too.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type Answer, client, ok, type QueryOf } from '../../../api/client.ts';
import { keys } from '../../../api/keys.ts';

export type ProblemZonesPage = Answer<'/api/indicator-sets/{id}/problem-zones', 'get'>;
export type ProblemZonesQuery = QueryOf<'/api/indicator-sets/{id}/problem-zones'>;
export type ClustersView = Answer<'/api/indicator-sets/{id}/clusters', 'get'>;
export type ClustersQuery = QueryOf<'/api/indicator-sets/{id}/clusters'>;

export function fetchProblemZones(setId: string, query: ProblemZonesQuery): Promise<ProblemZonesPage> {
  return ok(client.GET('/api/indicator-sets/{id}/problem-zones', { params: { path: { id: setId }, query } }));
}

export function useProblemZones(setId: string, query: ProblemZonesQuery) {
  return useQuery({
    queryKey: [...keys.indicatorSets.detail(setId), 'problem-zones', query],
    queryFn: () => fetchProblemZones(setId, query),
    placeholderData: keepPreviousData,
  });
}

/** Every problem zone under the filter, page by page (for the XLSX). */
export async function allProblemZones(
  setId: string,
  query: ProblemZonesQuery,
): Promise<ProblemZonesPage['items']> {
  const out: ProblemZonesPage['items'] = [];
  for (let page = 1; ; page++) {
    const got = await fetchProblemZones(setId, { ...query, page, pageSize: 100 });
    out.push(...got.items);
    if (got.page * got.pageSize >= got.found || got.items.length === 0) return out;
  }
}

export function fetchClustersPage(setId: string, query: ClustersQuery): Promise<ClustersView> {
  return ok(client.GET('/api/indicator-sets/{id}/clusters', { params: { path: { id: setId }, query } }));
}

export function useClustersView(setId: string, query: ClustersQuery) {
  return useQuery({
    queryKey: keys.indicatorSets.clusters(setId, query),
    queryFn: () => fetchClustersPage(setId, query),
    placeholderData: keepPreviousData,
  });
}
