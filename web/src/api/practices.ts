/**
 * The bank of practices and materials: search, the card, own materials, moderation. Every query
 * key starts with 'practices', so one invalidation after a change reloads them all.
 */
import { keepPreviousData, useQuery, type useQueryClient } from '@tanstack/react-query';
import { toQuery } from './api.ts';
import { type Answer, type Body, client, ok, type QueryOf } from './client.ts';

type QueryClient = ReturnType<typeof useQueryClient>;

export type Material = Answer<'/api/practices', 'get'>['items'][number];
export type MaterialCard = Answer<'/api/practices/{id}', 'get'>;
export type PracticesQuery = QueryOf<'/api/practices'>;
export type MaterialBody = Body<'/api/practices', 'post'>;

export const practiceKeys = {
  all: ['practices'] as const,
  list: (q: PracticesQuery) => ['practices', 'list', q] as const,
  card: (id: string) => ['practices', 'card', id] as const,
};

export function usePractices(query: PracticesQuery) {
  return useQuery({
    queryKey: practiceKeys.list(query),
    queryFn: () => ok(client.GET('/api/practices', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function usePractice(id: string) {
  return useQuery({
    queryKey: practiceKeys.card(id),
    queryFn: () => ok(client.GET('/api/practices/{id}', { params: { path: { id } } })),
  });
}

const path = (id: string) => ({ params: { path: { id } } });
export const createMaterial = (body: MaterialBody) => ok(client.POST('/api/practices', { body }));
export const editMaterial = (id: string, body: MaterialBody) =>
  ok(client.PUT('/api/practices/{id}', { ...path(id), body }));
export const deleteMaterial = (id: string) => ok(client.DELETE('/api/practices/{id}', path(id)));
export const submitMaterial = (id: string) => ok(client.POST('/api/practices/{id}/submit', path(id)));
export const publishMaterial = (id: string) => ok(client.POST('/api/practices/{id}/publish', path(id)));
export const returnMaterial = (id: string, reason: string) =>
  ok(client.POST('/api/practices/{id}/return', { ...path(id), body: { reason } }));
/** Attaches a material to a community (its manager) or to one's own presentation at an event. */
export const linkMaterial = (id: string, body: { communityId?: string; registrationId?: string }) =>
  ok(client.POST('/api/practices/{id}/links', { ...path(id), body }));
export const recordUse = (id: string, kind: 'download' | 'link') =>
  ok(client.POST('/api/practices/{id}/uses', { ...path(id), body: { kind } }));

export const practicesExportHref = (query: PracticesQuery) =>
  `/api/practices/export${toQuery(query as Record<string, string>)}`;

export const afterPracticesChanged = (qc: QueryClient) =>
  qc.invalidateQueries({ queryKey: practiceKeys.all });

export const PRACTICE_KINDS: Record<string, string> = {
  material: 'Методический материал',
  practice: 'Эффективная практика',
};
export const APPROBATION_LEVELS: Record<string, string> = {
  school: 'Школьный',
  municipal: 'Муниципальный',
  regional: 'Региональный',
  federal: 'Федеральный',
};
export const PRACTICE_STATUSES: Record<string, string> = {
  draft: 'Черновик',
  on_moderation: 'На модерации',
  published: 'Опубликован',
  returned: 'Возвращён на доработку',
};
export const STATUS_COLORS: Record<string, string> = {
  draft: 'gray',
  on_moderation: 'blue',
  published: 'green',
  returned: 'orange',
};
export const options = (o: Record<string, string>) =>
  Object.entries(o).map(([value, label]) => ({ value, label }));
