/**
 * Contests (events of kind «конкурс») and the check-in QR codes of registrations. Query keys start
 * with 'events', so the events' invalidation after a change reloads these too.
 */
import { useQuery } from '@tanstack/react-query';
import { type Answer, type Body, client, ok } from './client.ts';

export type Contest = Answer<'/api/events/{id}/contest', 'get'>;
export type EntryTable = Answer<'/api/events/{id}/contest/entries', 'get'>;
export type EntryRow = EntryTable['items'][number];
export type ContestResults = Answer<'/api/events/{id}/contest/results', 'get'>;
export type Outcome = NonNullable<EntryRow['outcome']>;
export type EntryBody = Body<'/api/events/{id}/contest/entries', 'post'>;
export type CheckInTarget = Answer<'/api/check-in/r/{token}', 'get'>;

export const contestKeys = {
  contest: (id: string) => ['events', 'contest', id] as const,
  entries: (id: string) => ['events', 'contest', id, 'entries'] as const,
  results: (id: string) => ['events', 'contest', id, 'results'] as const,
  code: (registrationId: string) => ['events', 'check-in-code', registrationId] as const,
  target: (token: string) => ['events', 'check-in', token] as const,
};

export const OUTCOMES: Record<Outcome, string> = {
  participant: 'участник',
  laureate: 'лауреат',
  prize_winner: 'призёр',
  winner: 'победитель',
};

export function useContest(id: string) {
  return useQuery({
    queryKey: contestKeys.contest(id),
    queryFn: () => ok(client.GET('/api/events/{id}/contest', { params: { path: { id } } })),
  });
}

export function useContestEntries(id: string, enabled: boolean) {
  return useQuery({
    queryKey: contestKeys.entries(id),
    queryFn: () => ok(client.GET('/api/events/{id}/contest/entries', { params: { path: { id } } })),
    enabled,
  });
}

export function useContestResults(id: string, enabled: boolean) {
  return useQuery({
    queryKey: contestKeys.results(id),
    queryFn: () => ok(client.GET('/api/events/{id}/contest/results', { params: { path: { id } } })),
    enabled,
  });
}

export const addNomination = (id: string, title: string) =>
  ok(client.POST('/api/events/{id}/contest/nominations', { params: { path: { id } }, body: { title } }));
export const removeNomination = (id: string) =>
  ok(client.DELETE('/api/contest-nominations/{id}', { params: { path: { id } } }));
export const addCriterion = (id: string, title: string, maxScore: number) =>
  ok(
    client.POST('/api/events/{id}/contest/criteria', { params: { path: { id } }, body: { title, maxScore } }),
  );
export const removeCriterion = (id: string) =>
  ok(client.DELETE('/api/contest-criteria/{id}', { params: { path: { id } } }));
export const submitEntry = (id: string, body: EntryBody) =>
  ok(client.POST('/api/events/{id}/contest/entries', { params: { path: { id } }, body }));
export const editEntry = (id: string, body: { title?: string; materialsUrl?: string | null }) =>
  ok(client.PATCH('/api/contest-entries/{id}', { params: { path: { id } }, body }));
export const saveScores = (entryId: string, scores: { criterionId: string; score: number }[]) =>
  ok(client.PUT('/api/contest-entries/{id}/scores', { params: { path: { id: entryId } }, body: { scores } }));
export const setOutcomes = (id: string, items: { entryId: string; outcome: Outcome | null }[]) =>
  ok(client.PUT('/api/events/{id}/contest/outcomes', { params: { path: { id } }, body: { items } }));
export const publishResults = (id: string) =>
  ok(client.POST('/api/events/{id}/contest/publish', { params: { path: { id } } }));

export function useCheckInCode(registrationId: string | null) {
  return useQuery({
    queryKey: contestKeys.code(registrationId ?? ''),
    queryFn: () =>
      ok(
        client.GET('/api/event-registrations/{id}/check-in-code', {
          params: { path: { id: registrationId! } },
        }),
      ),
    enabled: !!registrationId,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useCheckInTarget(token: string) {
  return useQuery({
    queryKey: contestKeys.target(token),
    queryFn: () => ok(client.GET('/api/check-in/r/{token}', { params: { path: { token } } })),
    retry: false,
  });
}
