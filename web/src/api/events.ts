/**
 * Plans of methodical events, their events and registrations. Every query key starts with
 * 'events', so one invalidation after a change reloads plans, events and registrations.
 */
import { keepPreviousData, useQuery, type useQueryClient } from '@tanstack/react-query';
import { toQuery } from './api.ts';
import { type Answer, type Body, client, ok, type QueryOf } from './client.ts';

type QueryClient = ReturnType<typeof useQueryClient>;

export type Plan = Answer<'/api/event-plans/{id}', 'get'>;
export type PlanList = Answer<'/api/event-plans', 'get'>;
export type EventRow = Answer<'/api/event-plans/{id}/events', 'get'>['items'][number];
export type EventCard = Answer<'/api/events/{id}', 'get'>;
export type Registration = Answer<'/api/events/{id}/registrations', 'get'>['items'][number];
export type EventBody = Body<'/api/event-plans/{id}/events', 'post'>;
export type EventsQuery = QueryOf<'/api/event-plans/{id}/events'>;

export const eventKeys = {
  all: ['events'] as const,
  plans: ['events', 'plans'] as const,
  plan: (id: string) => ['events', 'plan', id] as const,
  list: (planId: string, q: EventsQuery) => ['events', 'list', planId, q] as const,
  card: (id: string) => ['events', 'card', id] as const,
  registrations: (id: string) => ['events', 'registrations', id] as const,
  mine: ['events', 'mine'] as const,
};

export function usePlans() {
  return useQuery({
    queryKey: eventKeys.plans,
    queryFn: () => ok(client.GET('/api/event-plans', { params: { query: {} } })),
  });
}

export function usePlan(id: string) {
  return useQuery({
    queryKey: eventKeys.plan(id),
    queryFn: () => ok(client.GET('/api/event-plans/{id}', { params: { path: { id } } })),
  });
}

export function usePlanEvents(planId: string, query: EventsQuery) {
  return useQuery({
    queryKey: eventKeys.list(planId, query),
    queryFn: () =>
      ok(client.GET('/api/event-plans/{id}/events', { params: { path: { id: planId }, query } })),
    placeholderData: keepPreviousData,
  });
}

export function useEventCard(id: string) {
  return useQuery({
    queryKey: eventKeys.card(id),
    queryFn: () => ok(client.GET('/api/events/{id}', { params: { path: { id } } })),
  });
}

export function useEventRegistrations(id: string, enabled = true) {
  return useQuery({
    queryKey: eventKeys.registrations(id),
    queryFn: () => ok(client.GET('/api/events/{id}/registrations', { params: { path: { id } } })),
    enabled,
  });
}

export function useMyRegistrations(enabled = true) {
  return useQuery({
    queryKey: eventKeys.mine,
    queryFn: () => ok(client.GET('/api/my/event-registrations')),
    enabled,
  });
}

export function createPlan(schoolYear: number) {
  return ok(client.POST('/api/event-plans', { body: { schoolYear } }));
}

export function approvePlan(id: string) {
  return ok(client.POST('/api/event-plans/{id}/approve', { params: { path: { id } } }));
}

export function saveEvent(planId: string, eventId: string | null, body: EventBody): Promise<EventCard> {
  if (eventId) return ok(client.PATCH('/api/events/{id}', { params: { path: { id: eventId } }, body }));
  return ok(client.POST('/api/event-plans/{id}/events', { params: { path: { id: planId } }, body }));
}

export async function deleteEvent(id: string): Promise<void> {
  // A failure is thrown by the client's middleware as an ApiError.
  await client.DELETE('/api/events/{id}', { params: { path: { id } } });
}

export function registerForEvent(id: string) {
  return ok(client.POST('/api/events/{id}/register', { params: { path: { id } } }));
}

export function nominateForEvent(id: string, personId: string) {
  return ok(client.POST('/api/events/{id}/nominations', { params: { path: { id } }, body: { personId } }));
}

export function cancelRegistration(id: string) {
  return ok(client.POST('/api/event-registrations/{id}/cancel', { params: { path: { id } } }));
}

export function decideRegistration(id: string, decision: 'confirmed' | 'rejected') {
  return ok(
    client.POST('/api/event-registrations/{id}/decision', { params: { path: { id } }, body: { decision } }),
  );
}

export async function afterEventsChanged(qc: QueryClient): Promise<void> {
  await qc.invalidateQueries({ queryKey: eventKeys.all });
}

export function planExportHref(planId: string, query: EventsQuery): string {
  return `/api/event-plans/${planId}/export${toQuery(query)}`;
}

export function planImportUrl(planId: string, opts: { dryRun: boolean; mode: 'all' | 'valid' }): string {
  return `/api/event-plans/${planId}/import${toQuery({ dryRun: opts.dryRun ? 'true' : 'false', mode: opts.mode })}`;
}

export function planTemplateUrl(format: 'xlsx' | 'csv'): string {
  return `/api/event-plans/template${toQuery({ format })}`;
}

// ---- attendance, roles and certificates ----

export type Certificate = Answer<'/api/certificates/{id}', 'get'>;
export type CertificateVerification = Answer<'/api/certificates/verify/{code}', 'get'>;
export type RoleBody = Body<'/api/event-registrations/{id}/role', 'put'>;

export type Portfolio = Answer<'/api/my/portfolio', 'get'>;

export const certificateKeys = {
  mine: ['events', 'certificates', 'mine'] as const,
  portfolio: ['events', 'portfolio', 'mine'] as const,
  verify: (code: string) => ['certificate-verify', code] as const,
};

/** Sets the tick: an idempotent PUT, so a retried request never undoes a later one. */
export function markAttendance(id: string, attended: boolean) {
  return ok(
    client.PUT('/api/event-registrations/{id}/attendance', { params: { path: { id } }, body: { attended } }),
  );
}

export function setRegistrationRole(id: string, body: RoleBody) {
  return ok(client.PUT('/api/event-registrations/{id}/role', { params: { path: { id } }, body }));
}

export function useMyCertificates(enabled = true) {
  return useQuery({
    queryKey: certificateKeys.mine,
    queryFn: () => ok(client.GET('/api/my/certificates')),
    enabled,
  });
}

/** The caller's own portfolio: certificates and talks given (трансляция опыта). */
export function useMyPortfolio(enabled = true) {
  return useQuery({
    queryKey: certificateKeys.portfolio,
    queryFn: () => ok(client.GET('/api/my/portfolio')),
    enabled,
  });
}

export function revokeCertificate(id: string, reason: string) {
  return ok(client.POST('/api/certificates/{id}/revoke', { params: { path: { id } }, body: { reason } }));
}

/** The public check of a certificate (no login needed). */
export function useCertificateVerification(code: string) {
  return useQuery({
    queryKey: certificateKeys.verify(code),
    queryFn: () => ok(client.GET('/api/certificates/verify/{code}', { params: { path: { code } } })),
    retry: false,
  });
}

export function certificatePdfHref(id: string): string {
  return `/api/certificates/${id}/pdf`;
}

export function attendanceImportUrl(
  eventId: string,
  opts: { dryRun: boolean; mode: 'all' | 'valid' },
): string {
  return `/api/events/${eventId}/attendance/import${toQuery({ dryRun: opts.dryRun ? 'true' : 'false', mode: opts.mode })}`;
}

export function attendanceTemplateUrl(): string {
  return '/api/events/attendance-template?format=csv';
}
