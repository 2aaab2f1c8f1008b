/**
 * Expert cards of 004 at work: campaigns, the methodist's board, one organization's card (the
 * head fills, the expert verifies), results and the files. Every key starts with 'expert-cards',
 * so one invalidation after a change reloads them all.
 */
import { keepPreviousData, useQuery, type useQueryClient } from '@tanstack/react-query';
import { type Answer, type Body, client, ok } from './client.ts';

type QueryClient = ReturnType<typeof useQueryClient>;

export type CampaignList = Answer<'/api/expert-cards/campaigns', 'get'>;
export type Campaign = CampaignList['items'][number];
export type Board = Answer<'/api/expert-cards/campaigns/{id}', 'get'>;
export type BoardCard = Board['cards'][number];
export type Overdue = Answer<'/api/expert-cards/campaigns/{id}/overdue', 'get'>;
export type Results = Answer<'/api/expert-cards/campaigns/{id}/results', 'get'>;
export type CampaignBody = Body<'/api/expert-cards/campaigns', 'post'>;
export type MyCards = Answer<'/api/expert-cards/cards', 'get'>;
export type Card = Answer<'/api/expert-cards/cards/{id}', 'get'>;
export type CardItem = Card['directions'][number]['items'][number];
export type ItemSaveBody = Body<'/api/expert-cards/cards/{id}/items/{itemId}', 'put'>;
export type ReviewBody = Body<'/api/expert-cards/cards/{id}/items/{itemId}/review', 'post'>;
export type Candidates = Answer<'/api/expert-cards/cards/{id}/expert-candidates', 'get'>;

export const cardKeys = {
  all: ['expert-cards'] as const,
  campaigns: ['expert-cards', 'campaigns'] as const,
  board: (id: string) => ['expert-cards', 'board', id] as const,
  overdue: (id: string) => ['expert-cards', 'overdue', id] as const,
  results: (id: string) => ['expert-cards', 'results', id] as const,
  mine: ['expert-cards', 'mine'] as const,
  card: (id: string) => ['expert-cards', 'card', id] as const,
  candidates: (id: string) => ['expert-cards', 'candidates', id] as const,
};

const path = (id: string) => ({ params: { path: { id } } });
const itemPath = (id: string, itemId: string) => ({ params: { path: { id, itemId } } });

export function useCampaigns() {
  return useQuery({
    queryKey: cardKeys.campaigns,
    queryFn: () => ok(client.GET('/api/expert-cards/campaigns')),
  });
}
export function useBoard(id: string) {
  return useQuery({
    queryKey: cardKeys.board(id),
    queryFn: () => ok(client.GET('/api/expert-cards/campaigns/{id}', path(id))),
    placeholderData: keepPreviousData,
  });
}
export function useOverdue(id: string, enabled: boolean) {
  return useQuery({
    queryKey: cardKeys.overdue(id),
    queryFn: () => ok(client.GET('/api/expert-cards/campaigns/{id}/overdue', path(id))),
    enabled,
  });
}
export function useResults(id: string, enabled: boolean) {
  return useQuery({
    queryKey: cardKeys.results(id),
    queryFn: () => ok(client.GET('/api/expert-cards/campaigns/{id}/results', path(id))),
    enabled,
  });
}
export function useMyCards() {
  return useQuery({ queryKey: cardKeys.mine, queryFn: () => ok(client.GET('/api/expert-cards/cards')) });
}
export function useCard(id: string) {
  return useQuery({
    queryKey: cardKeys.card(id),
    queryFn: () => ok(client.GET('/api/expert-cards/cards/{id}', path(id))),
  });
}
export function useCandidates(id: string, enabled: boolean) {
  return useQuery({
    queryKey: cardKeys.candidates(id),
    queryFn: () => ok(client.GET('/api/expert-cards/cards/{id}/expert-candidates', path(id))),
    enabled,
  });
}

export const createCampaign = (body: CampaignBody) =>
  ok(client.POST('/api/expert-cards/campaigns', { body }));
export const startCampaign = (id: string) =>
  ok(client.POST('/api/expert-cards/campaigns/{id}/start', path(id)));
export const scoreCampaign = (id: string) =>
  ok(client.POST('/api/expert-cards/campaigns/{id}/score', path(id)));
export const closeCampaign = (id: string) =>
  ok(client.POST('/api/expert-cards/campaigns/{id}/close', path(id)));
export const saveCardItem = (id: string, itemId: string, body: ItemSaveBody) =>
  ok(client.PUT('/api/expert-cards/cards/{id}/items/{itemId}', { ...itemPath(id, itemId), body }));
export const submitCard = (id: string) => ok(client.POST('/api/expert-cards/cards/{id}/submit', path(id)));
export const reviewCardItem = (id: string, itemId: string, body: ReviewBody) =>
  ok(client.POST('/api/expert-cards/cards/{id}/items/{itemId}/review', { ...itemPath(id, itemId), body }));
export const reopenCard = (id: string, reason: string) =>
  ok(client.POST('/api/expert-cards/cards/{id}/reopen', { ...path(id), body: { reason } }));
export const assignExpert = (id: string, expertId: string) =>
  ok(client.POST('/api/expert-cards/cards/{id}/experts', { ...path(id), body: { expertId } }));
export const unassignExpert = (id: string, expertId: string) =>
  ok(
    client.DELETE('/api/expert-cards/cards/{id}/experts/{expertId}', {
      params: { path: { id, expertId } },
    }),
  );

export const campaignXlsxHref = (id: string) => `/api/expert-cards/campaigns/${id}/export.xlsx`;
export const cardDocxHref = (id: string) => `/api/expert-cards/cards/${id}/card.docx`;

export const afterCardsChanged = (qc: QueryClient) => qc.invalidateQueries({ queryKey: cardKeys.all });

export const CARD_STATUS: Record<string, { label: string; color: string }> = {
  draft: { label: 'заполняется', color: 'gray' },
  submitted: { label: 'на проверке', color: 'blue' },
  returned: { label: 'возвращена на доработку', color: 'orange' },
  verified: { label: 'проверена', color: 'green' },
};
export const REVIEW_STATUS: Record<string, { label: string; color: string }> = {
  pending: { label: 'ждёт проверки', color: 'gray' },
  accepted: { label: 'принято', color: 'green' },
  changed: { label: 'баллы изменены', color: 'yellow' },
  returned: { label: 'возвращено', color: 'orange' },
  corrected: { label: 'исправлено', color: 'blue' },
};
export const LEVELS: Record<string, { label: string; color: string }> = {
  high: { label: 'высокая', color: 'green' },
  medium: { label: 'средняя', color: 'yellow' },
  low: { label: 'низкая', color: 'red' },
};
export const ORG_GROUPS: Record<string, string> = {
  preschool: 'ДОО',
  school: 'ОО',
  additional: 'ДО',
};
export const schoolYearName = (y: number) => `${y}/${String(y + 1).slice(2)}`;
