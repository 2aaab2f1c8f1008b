/**
 * Mentoring (целевая модель наставничества): programs, mentors, pairs and groups. Every query key
 * starts with 'mentoring', so one invalidation after a change reloads lists and cards.
 */
import { keepPreviousData, useQuery, type useQueryClient } from '@tanstack/react-query';
import { type Answer, type Body, client, ok, type QueryOf } from './client.ts';

type QueryClient = ReturnType<typeof useQueryClient>;

export type Program = Answer<'/api/mentoring/programs/{id}', 'get'>;
export type ProgramRow = Answer<'/api/mentoring/programs', 'get'>['items'][number];
export type Mentor = Program['mentors'][number];
export type Pair = Answer<'/api/mentoring/pairs', 'get'>['items'][number];
export type PairCard = Answer<'/api/mentoring/pairs/{id}', 'get'>;
export type Goal = PairCard['goals'][number];
export type PairsQuery = QueryOf<'/api/mentoring/pairs'>;
export type ProgramBody = Body<'/api/mentoring/programs', 'post'>;
export type PairBody = Body<'/api/mentoring/programs/{id}/pairs', 'post'>;
export type FinishBody = Body<'/api/mentoring/pairs/{id}/finish', 'post'>;

export const mentoringKeys = {
  all: ['mentoring'] as const,
  programs: ['mentoring', 'programs'] as const,
  program: (id: string) => ['mentoring', 'program', id] as const,
  pairs: (q: PairsQuery) => ['mentoring', 'pairs', q] as const,
  pair: (id: string) => ['mentoring', 'pair', id] as const,
  deficits: (id: string) => ['mentoring', 'deficits', id] as const,
  warnings: ['mentoring', 'warnings'] as const,
  summary: ['mentoring', 'summary'] as const,
  mine: ['mentoring', 'mine'] as const,
};

export const afterMentoringChanged = (qc: QueryClient) =>
  qc.invalidateQueries({ queryKey: mentoringKeys.all });

export function usePrograms() {
  return useQuery({
    queryKey: mentoringKeys.programs,
    queryFn: () => ok(client.GET('/api/mentoring/programs', { params: { query: {} } })),
  });
}

export function useProgram(id: string | null) {
  return useQuery({
    queryKey: mentoringKeys.program(id ?? ''),
    queryFn: () => ok(client.GET('/api/mentoring/programs/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

export function usePairs(query: PairsQuery) {
  return useQuery({
    queryKey: mentoringKeys.pairs(query),
    queryFn: () => ok(client.GET('/api/mentoring/pairs', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function usePair(id: string) {
  return useQuery({
    queryKey: mentoringKeys.pair(id),
    queryFn: () => ok(client.GET('/api/mentoring/pairs/{id}', { params: { path: { id } } })),
  });
}

export function usePairDeficits(id: string, enabled: boolean) {
  return useQuery({
    queryKey: mentoringKeys.deficits(id),
    queryFn: () => ok(client.GET('/api/mentoring/pairs/{id}/deficits', { params: { path: { id } } })),
    enabled,
  });
}

export function useWarnings(enabled: boolean) {
  return useQuery({
    queryKey: mentoringKeys.warnings,
    queryFn: () => ok(client.GET('/api/mentoring/warnings', { params: { query: {} } })),
    enabled,
  });
}

export function useSummary(enabled: boolean) {
  return useQuery({
    queryKey: mentoringKeys.summary,
    queryFn: () => ok(client.GET('/api/mentoring/summary')),
    enabled,
  });
}

export function useMyMentoring() {
  return useQuery({ queryKey: mentoringKeys.mine, queryFn: () => ok(client.GET('/api/my/mentoring')) });
}

export const createProgram = (body: ProgramBody) => ok(client.POST('/api/mentoring/programs', { body }));

export const appointMentor = (id: string, body: { personId: string; capacity: number }) =>
  ok(client.POST('/api/mentoring/programs/{id}/mentors', { params: { path: { id } }, body }));

export const createPair = (programId: string, body: PairBody) =>
  ok(client.POST('/api/mentoring/programs/{id}/pairs', { params: { path: { id: programId } }, body }));

export const addGoal = (
  id: string,
  body: { menteePersonId: string; competencyId: string; title?: string | null },
) => ok(client.POST('/api/mentoring/pairs/{id}/goals', { params: { path: { id } }, body }));

export const addPlanItem = (
  id: string,
  body: { kind: 'meeting' | 'task'; plannedOn: string; topic: string },
) => ok(client.POST('/api/mentoring/pairs/{id}/plan', { params: { path: { id } }, body }));

export const markPlanItem = (id: string, done: boolean) =>
  ok(client.PATCH('/api/mentoring/plan-items/{id}', { params: { path: { id } }, body: { done } }));

export const addReport = (id: string, body: { text: string; reportedOn: string }) =>
  ok(client.POST('/api/mentoring/pairs/{id}/reports', { params: { path: { id } }, body }));

export const finishPair = (id: string, body: FinishBody) =>
  ok(client.POST('/api/mentoring/pairs/{id}/finish', { params: { path: { id } }, body }));

// ---- mentors the routes suggest (the routes context answers; the mentoring page shows them) ----

export type MentorSuggestion = Answer<'/api/routes/mentor-suggestions', 'get'>['items'][number];

export function useMentorSuggestions(enabled: boolean) {
  return useQuery({
    queryKey: [...mentoringKeys.all, 'suggestions'] as const,
    queryFn: () => ok(client.GET('/api/routes/mentor-suggestions')),
    enabled,
  });
}

export const confirmRouteMentor = (routeId: string, itemId: string, mentorPersonId?: string) =>
  ok(
    client.POST('/api/routes/{id}/items/{itemId}/mentor', {
      params: { path: { id: routeId, itemId } },
      body: mentorPersonId ? { mentorPersonId } : {},
    }),
  );
