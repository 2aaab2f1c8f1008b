/**
 * First run with one's own data: the set-up steps, regions and municipalities with their counts,
 * and inviting many registry people at once. Reads through the typed client with keys from the
 * key factory; a change invalidates the territories everyone's filters use as well.
 */
import { keepPreviousData, useQuery, type useQueryClient } from '@tanstack/react-query';
import { networkError, toApiError } from './api.ts';
import { type Body, client, ok, type QueryOf } from './client.ts';
import { keys } from './keys.ts';

type QueryClient = ReturnType<typeof useQueryClient>;

/** The steps are read afresh each time the page opens: an import elsewhere changes them. */
export function useSetupStatus(opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: keys.setup.status,
    queryFn: () => ok(client.GET('/api/setup')),
    staleTime: 0,
    refetchOnMount: 'always',
    enabled: opts.enabled ?? true,
  });
}

export function useTerritorySummary(opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: keys.setup.territories,
    queryFn: () => ok(client.GET('/api/territories/summary')),
    refetchOnMount: 'always',
    enabled: opts.enabled ?? true,
  });
}

export type RegionBody = Body<'/api/regions', 'post'>;
export type MunicipalityBatchBody = Body<'/api/municipalities/batch', 'post'>;
export type TerritoryPatch = Body<'/api/municipalities/{id}', 'patch'>;

export function createRegion(body: RegionBody) {
  return ok(client.POST('/api/regions', { body }));
}

export function renameRegion(id: string, body: TerritoryPatch) {
  return ok(client.PATCH('/api/regions/{id}', { params: { path: { id } }, body }));
}

export function addMunicipalities(body: MunicipalityBatchBody) {
  return ok(client.POST('/api/municipalities/batch', { body }));
}

export function renameMunicipality(id: string, body: TerritoryPatch) {
  return ok(client.PATCH('/api/municipalities/{id}', { params: { path: { id } }, body }));
}

/** A region or a municipality changed: the set-up pages and every territory filter reload. */
export async function afterTerritoriesChanged(qc: QueryClient): Promise<void> {
  await qc.invalidateQueries({ queryKey: keys.setup.all });
  await qc.invalidateQueries({ queryKey: keys.territories });
}

export type BulkQuery = QueryOf<'/api/invitations/bulk/preview'>;
export type BulkBody = Body<'/api/invitations/bulk', 'post'>;

export function useBulkPreview(query: BulkQuery, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: keys.setup.bulkPreview(query),
    queryFn: () => ok(client.GET('/api/invitations/bulk/preview', { params: { query } })),
    placeholderData: keepPreviousData,
    refetchOnMount: 'always',
    enabled: opts.enabled ?? true,
  });
}

/** The file name of a download (RFC 6266: the UTF-8 one when given). */
function downloadName(res: Response, fallback: string): string {
  const header = res.headers.get('content-disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (utf8?.[1]) return decodeURIComponent(utf8[1]);
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/**
 * Invites the selection and saves the list of links the server writes (XLSX or CSV). The links
 * exist only in this file: the page says so and offers to issue new ones if it is lost.
 */
export async function bulkInviteDownload(body: BulkBody): Promise<{ fileName: string }> {
  let res: Response;
  try {
    res = await fetch('/api/invitations/bulk', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw networkError();
  }
  if (!res.ok) throw await toApiError(res, '/api/invitations/bulk');
  const fileName = downloadName(res, `приглашения.${body.format ?? 'xlsx'}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return { fileName };
}
