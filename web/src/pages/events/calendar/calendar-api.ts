/**
 * The calendar's queries. Keys start with 'events', so a registration elsewhere (which
 * invalidates 'events') refreshes the calendar too.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type Answer, client, ok, type QueryOf } from '../../../api/client.ts';

export type CalendarAnswer = Answer<'/api/events/calendar', 'get'>;
export type CalendarEntry = CalendarAnswer['items'][number];
export type CalendarQuery = QueryOf<'/api/events/calendar'>;
export type FeedCreated = Answer<'/api/events/calendar/feed', 'post'>;

export const calendarKeys = {
  territory: (q: CalendarQuery) => ['events', 'calendar', 'territory', q] as const,
  mine: (from: string, to: string) => ['events', 'calendar', 'mine', from, to] as const,
  feed: ['events', 'calendar', 'feed'] as const,
};

export function useTerritoryCalendar(q: CalendarQuery, enabled: boolean) {
  return useQuery({
    queryKey: calendarKeys.territory(q),
    queryFn: () => ok(client.GET('/api/events/calendar', { params: { query: q } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMyCalendar(from: string, to: string, enabled: boolean) {
  return useQuery({
    queryKey: calendarKeys.mine(from, to),
    queryFn: () => ok(client.GET('/api/events/calendar/mine', { params: { query: { from, to } } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useFeedState(enabled: boolean) {
  return useQuery({
    queryKey: calendarKeys.feed,
    queryFn: () => ok(client.GET('/api/events/calendar/feed')),
    enabled,
  });
}

export function createFeed(): Promise<FeedCreated> {
  return ok(client.POST('/api/events/calendar/feed'));
}

export async function removeFeed(): Promise<void> {
  await client.DELETE('/api/events/calendar/feed');
}
