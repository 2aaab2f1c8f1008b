/**
 * Notifications: the caller's own list with the unread count (the bell polls it), marking read,
 * e-mail preferences per kind, the admin's outbox and the reminder of a campaign's participants.
 * Reads go through the typed client with keys from the key factory; writes refresh by `keys.notifications`.
 */
import { keepPreviousData, useQuery, type useQueryClient } from '@tanstack/react-query';
import { type Answer, type Body, client, ok, type QueryOf } from './client.ts';
import { keys } from './keys.ts';

type QueryClient = ReturnType<typeof useQueryClient>;

export type NotificationList = Answer<'/api/notifications', 'get'>;
export type Notification = NotificationList['items'][number];
export type NotificationsQuery = QueryOf<'/api/notifications'>;
export type Preferences = Answer<'/api/notifications/preferences', 'get'>;
export type Preference = Preferences['items'][number];
export type EmailDelivery = Preference['email'];
export type PreferencesBody = Body<'/api/notifications/preferences', 'put'>;
export type Outbox = Answer<'/api/notifications/outbox', 'get'>;
export type OutboxLetter = Outbox['items'][number];
export type OutboxQuery = QueryOf<'/api/notifications/outbox'>;

/** How often the bell asks for new notifications (a school's old laptop: once a minute is plenty). */
const BELL_REFRESH_MS = 60_000;

export function useNotifications(query: NotificationsQuery, opts: { bell?: boolean } = {}) {
  return useQuery({
    queryKey: keys.notifications.list(query),
    queryFn: () => ok(client.GET('/api/notifications', { params: { query } })),
    placeholderData: keepPreviousData,
    ...(opts.bell ? { refetchInterval: BELL_REFRESH_MS, refetchOnWindowFocus: true } : {}),
  });
}

export function markRead(id: string): Promise<Notification> {
  return ok(client.POST('/api/notifications/{id}/read', { params: { path: { id } } }));
}

export function markAllRead() {
  return ok(client.POST('/api/notifications/read-all'));
}

/** The bell and every list reload after a change. */
export const afterNotificationsChanged = (qc: QueryClient) =>
  qc.invalidateQueries({ queryKey: keys.notifications.all });

export function usePreferences() {
  return useQuery({
    queryKey: keys.notifications.preferences,
    queryFn: () => ok(client.GET('/api/notifications/preferences')),
  });
}

export function savePreferences(body: PreferencesBody): Promise<Preferences> {
  return ok(client.PUT('/api/notifications/preferences', { body }));
}

export function useOutbox(query: OutboxQuery, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: keys.notifications.outbox(query),
    queryFn: () => ok(client.GET('/api/notifications/outbox', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}

/** «Напомнить»: the campaign's participants who have not started get a notification (once a day). */
export function remindCampaign(id: string) {
  return ok(client.POST('/api/assessment-campaigns/{id}/remind', { params: { path: { id } } }));
}

/** The admin's «Отправить неотправленные»: the unsent letters of the last week go out once a server is set. */
export function resendUnsentLetters() {
  return ok(client.POST('/api/notifications/outbox/resend', { body: {} }));
}
