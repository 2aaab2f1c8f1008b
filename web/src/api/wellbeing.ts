/**
 * Burnout support: the school's plans, the teacher's own, the municipal counts. Every query key
 * starts with 'wellbeing', so one invalidation after a change reloads lists and cards.
 */
import { useQuery, type useQueryClient } from '@tanstack/react-query';
import { type Answer, type Body, client, ok } from './client.ts';

type QueryClient = ReturnType<typeof useQueryClient>;

export type SupportPlan = Answer<'/api/wellbeing/plans/{id}', 'get'>;
export type SupportItem = SupportPlan['items'][number];
export type SupportSummary = Answer<'/api/wellbeing/summary', 'get'>;
export type ItemBody = Body<'/api/wellbeing/plans/{id}/items', 'post'>;
export type CloseBody = Body<'/api/wellbeing/plans/{id}/close', 'post'>;

export const wellbeingKeys = {
  all: ['wellbeing'] as const,
  access: ['wellbeing', 'access'] as const,
  plans: (status: string) => ['wellbeing', 'plans', status] as const,
  mine: ['wellbeing', 'mine'] as const,
  summary: ['wellbeing', 'summary'] as const,
};

export const afterWellbeingChanged = (qc: QueryClient) =>
  qc.invalidateQueries({ queryKey: wellbeingKeys.all });

export function useWellbeingAccess() {
  return useQuery({ queryKey: wellbeingKeys.access, queryFn: () => ok(client.GET('/api/wellbeing/access')) });
}

export function useSchoolPlans(status: 'open' | 'closed', enabled = true) {
  return useQuery({
    queryKey: wellbeingKeys.plans(status),
    queryFn: () => ok(client.GET('/api/wellbeing/plans', { params: { query: { status } } })),
    enabled,
  });
}

export function useMySupport() {
  return useQuery({ queryKey: wellbeingKeys.mine, queryFn: () => ok(client.GET('/api/my/support')) });
}

export function useSupportSummary() {
  return useQuery({
    queryKey: wellbeingKeys.summary,
    queryFn: () => ok(client.GET('/api/wellbeing/summary')),
  });
}

export const addSupportItem = (id: string, body: ItemBody) =>
  ok(client.POST('/api/wellbeing/plans/{id}/items', { params: { path: { id } }, body }));

export const markSupportItem = (id: string, itemId: string, done: boolean) =>
  ok(
    client.PATCH('/api/wellbeing/plans/{id}/items/{itemId}', {
      params: { path: { id, itemId } },
      body: { done },
    }),
  );

export const closeSupportPlan = (id: string, body: CloseBody) =>
  ok(client.POST('/api/wellbeing/plans/{id}/close', { params: { path: { id } }, body }));
