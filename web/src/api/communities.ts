/**
 * Communities (associations, councils, clubs), their members, plans, meetings and reports; and the
 * memberships (актив, эксперты, резерв, тьюторы). Every query key starts with 'communities', so
 * one invalidation after a change reloads them all.
 */
import { keepPreviousData, useQuery, type useQueryClient } from '@tanstack/react-query';
import { toQuery } from './api.ts';
import { type Answer, type Body, client, ok, type QueryOf } from './client.ts';

type QueryClient = ReturnType<typeof useQueryClient>;

export type Community = Answer<'/api/communities/{id}', 'get'>;
export type CommunitiesQuery = QueryOf<'/api/communities'>;
export type CommunityBody = Body<'/api/communities', 'post'>;
export type Member = Answer<'/api/communities/{id}/members', 'get'>['items'][number];
export type Suggestion = Answer<'/api/communities/{id}/suggestions', 'get'>['items'][number];
export type PlanItem = Answer<'/api/communities/{id}/plan', 'get'>['items'][number];
export type Meeting = Answer<'/api/communities/{id}/meetings', 'get'>['items'][number];
export type MeetingCard = Answer<'/api/community-meetings/{id}', 'get'>;
export type Membership = Answer<'/api/memberships', 'get'>['items'][number];
export type MembershipsQuery = QueryOf<'/api/memberships'>;
export type MembershipCard = Answer<'/api/memberships/{id}', 'get'>;

export const communityKeys = {
  all: ['communities'] as const,
  list: (q: CommunitiesQuery) => ['communities', 'list', q] as const,
  mine: ['communities', 'mine'] as const,
  card: (id: string, year?: number) => ['communities', 'card', id, year] as const,
  members: (id: string) => ['communities', 'members', id] as const,
  suggestions: (id: string, q: string, ruleOnly: boolean) =>
    ['communities', 'suggestions', id, q, ruleOnly] as const,
  plan: (id: string, year?: number) => ['communities', 'plan', id, year] as const,
  meetings: (id: string, year?: number) => ['communities', 'meetings', id, year] as const,
  meeting: (id: string) => ['communities', 'meeting', id] as const,
  report: (id: string, year?: number) => ['communities', 'report', id, year] as const,
  memberships: (q: MembershipsQuery) => ['communities', 'memberships', q] as const,
  membership: (id: string) => ['communities', 'membership', id] as const,
};

export function useCommunities(query: CommunitiesQuery) {
  return useQuery({
    queryKey: communityKeys.list(query),
    queryFn: () => ok(client.GET('/api/communities', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useMyCommunities(enabled = true) {
  return useQuery({
    queryKey: communityKeys.mine,
    queryFn: () => ok(client.GET('/api/my/communities', { params: { query: {} } })),
    enabled,
  });
}

export function useCommunity(id: string, schoolYear?: number) {
  return useQuery({
    queryKey: communityKeys.card(id, schoolYear),
    queryFn: () =>
      ok(
        client.GET('/api/communities/{id}', {
          params: { path: { id }, query: schoolYear ? { schoolYear } : {} },
        }),
      ),
  });
}

export function useMembers(id: string, enabled: boolean) {
  return useQuery({
    queryKey: communityKeys.members(id),
    queryFn: () =>
      ok(
        client.GET('/api/communities/{id}/members', {
          params: { path: { id }, query: { includeLeft: false } },
        }),
      ),
    enabled,
  });
}

export function useSuggestions(id: string, q: string, ruleOnly: boolean, enabled: boolean) {
  return useQuery({
    queryKey: communityKeys.suggestions(id, q, ruleOnly),
    queryFn: () =>
      ok(
        client.GET('/api/communities/{id}/suggestions', {
          params: { path: { id }, query: { q: q || undefined, ruleOnly: ruleOnly ? 'true' : 'false' } },
        }),
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function usePlanItems(id: string, schoolYear?: number) {
  return useQuery({
    queryKey: communityKeys.plan(id, schoolYear),
    queryFn: () =>
      ok(
        client.GET('/api/communities/{id}/plan', {
          params: { path: { id }, query: schoolYear ? { schoolYear } : {} },
        }),
      ),
  });
}

export function useMeetings(id: string, schoolYear?: number) {
  return useQuery({
    queryKey: communityKeys.meetings(id, schoolYear),
    queryFn: () =>
      ok(
        client.GET('/api/communities/{id}/meetings', {
          params: { path: { id }, query: schoolYear ? { schoolYear } : {} },
        }),
      ),
  });
}

export function useMeeting(id: string | null) {
  return useQuery({
    queryKey: communityKeys.meeting(id ?? ''),
    queryFn: () => ok(client.GET('/api/community-meetings/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

export function useReport(id: string, schoolYear?: number) {
  return useQuery({
    queryKey: communityKeys.report(id, schoolYear),
    queryFn: () =>
      ok(
        client.GET('/api/communities/{id}/report', {
          params: { path: { id }, query: schoolYear ? { schoolYear } : {} },
        }),
      ),
  });
}

export function createCommunity(body: CommunityBody) {
  return ok(client.POST('/api/communities', { body }));
}

export function addMembers(id: string, personIds: string[]) {
  return ok(client.POST('/api/communities/{id}/members', { params: { path: { id } }, body: { personIds } }));
}

export async function leaveCommunity(memberId: string, reason: string | null) {
  await client.POST('/api/community-members/{id}/leave', {
    params: { path: { id: memberId } },
    body: { reason },
  });
}

export function addPlanItem(id: string, body: Body<'/api/communities/{id}/plan', 'post'>) {
  return ok(client.POST('/api/communities/{id}/plan', { params: { path: { id } }, body }));
}

export function markPlanItemDone(itemId: string, doneOn: string | null) {
  return ok(
    client.PATCH('/api/community-plan-items/{id}', { params: { path: { id: itemId } }, body: { doneOn } }),
  );
}

export function addMeeting(id: string, body: Body<'/api/communities/{id}/meetings', 'post'>) {
  return ok(client.POST('/api/communities/{id}/meetings', { params: { path: { id } }, body }));
}

export function editMeeting(id: string, body: Body<'/api/community-meetings/{id}', 'patch'>) {
  return ok(client.PATCH('/api/community-meetings/{id}', { params: { path: { id } }, body }));
}

export function saveAttendance(id: string, present: string[]) {
  return ok(
    client.PUT('/api/community-meetings/{id}/attendance', { params: { path: { id } }, body: { present } }),
  );
}

export function saveDecisions(
  id: string,
  decisions: Body<'/api/community-meetings/{id}/decisions', 'put'>['decisions'],
) {
  return ok(
    client.PUT('/api/community-meetings/{id}/decisions', { params: { path: { id } }, body: { decisions } }),
  );
}

export function reportExportHref(id: string, schoolYear: number): string {
  return `/api/communities/${id}/report/export${toQuery({ schoolYear: String(schoolYear) })}`;
}

export function useMemberships(query: MembershipsQuery) {
  return useQuery({
    queryKey: communityKeys.memberships(query),
    queryFn: () => ok(client.GET('/api/memberships', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function nominate(body: Body<'/api/memberships', 'post'>) {
  return ok(client.POST('/api/memberships', { body }));
}

export function moveMembership(id: string, body: Body<'/api/memberships/{id}/transition', 'post'>) {
  return ok(client.POST('/api/memberships/{id}/transition', { params: { path: { id } }, body }));
}

export function membershipsExportHref(query: MembershipsQuery): string {
  return `/api/memberships/export${toQuery(query as Record<string, string>)}`;
}

export async function afterCommunitiesChanged(qc: QueryClient): Promise<void> {
  await qc.invalidateQueries({ queryKey: communityKeys.all });
}
