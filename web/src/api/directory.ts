/**
 * The registry (directory context): staff, people and their employments, organizations,
 * vacancies and staffing. Query hooks read through the typed client; mutations invalidate by the
 * key factory so every list and card that shows the changed thing reloads.
 */
import { keepPreviousData, useQuery, type useQueryClient } from '@tanstack/react-query';
import { toQuery } from './api.ts';
import { type Body, client, ok, type paths, type QueryOf, untyped } from './client.ts';
import { keys } from './keys.ts';
import type { ImportKind, StaffPage } from './types.ts';

type QueryClient = ReturnType<typeof useQueryClient>;

export type StaffQuery = QueryOf<'/api/staff'>;
export type OrganizationsQuery = QueryOf<'/api/organizations'>;
export type VacanciesQuery = QueryOf<'/api/vacancies'>;
export type StaffingQuery = QueryOf<'/api/staffing'>;

export function fetchStaff(query: StaffQuery): Promise<StaffPage> {
  // The answer's schema types orgKind as a string; StaffPage narrows it to the known kinds.
  return untyped<StaffPage>(client.GET('/api/staff', { params: { query } }));
}

export function useStaff(query: StaffQuery) {
  return useQuery({
    queryKey: keys.staff.list(query),
    queryFn: () => fetchStaff(query),
    placeholderData: keepPreviousData,
  });
}

/** How many people match a filter (one row asked for: the answer counts them all). */
export function useStaffCount(panel: 'people' | 'young' | 'pension' | 'overload', query: StaffQuery) {
  return useQuery({
    queryKey: keys.home.panel(panel),
    queryFn: async () => (await fetchStaff({ ...query, limit: 1 })).people,
  });
}

export function usePerson(id: string | null | undefined) {
  return useQuery({
    queryKey: keys.people.detail(id ?? ''),
    queryFn: () => ok(client.GET('/api/people/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: Boolean(id),
  });
}

export function useOrganizationList(query: OrganizationsQuery, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: keys.organizations.list(query),
    queryFn: () => ok(client.GET('/api/organizations', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}

export function useOrganization(id: string) {
  return useQuery({
    queryKey: keys.organizations.detail(id),
    queryFn: () => ok(client.GET('/api/organizations/{id}', { params: { path: { id } } })),
  });
}

export type OrganizationBody = Body<'/api/organizations', 'post'>;

/** Creates (id = null) or updates an organization; answers its id. */
export async function saveOrganization(id: string | null, body: OrganizationBody): Promise<string> {
  if (id) return (await ok(client.PATCH('/api/organizations/{id}', { params: { path: { id } }, body }))).id;
  return (await ok(client.POST('/api/organizations', { body }))).id;
}

export async function afterOrganizationSaved(qc: QueryClient, id: string): Promise<void> {
  await qc.invalidateQueries({ queryKey: keys.organizations.all });
  await qc.invalidateQueries({ queryKey: keys.organizations.detail(id) });
}

export function useVacancies(query: VacanciesQuery, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: keys.vacancies.list(query),
    queryFn: () => ok(client.GET('/api/vacancies', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}

export type VacancyBody = Body<'/api/vacancies', 'post'>;

export function saveVacancy(id: string | null, body: VacancyBody) {
  if (id) return ok(client.PATCH('/api/vacancies/{id}', { params: { path: { id } }, body }));
  return ok(client.POST('/api/vacancies', { body }));
}

/** A vacancy changes the counts on organization lists and cards. */
export async function afterVacancySaved(qc: QueryClient): Promise<void> {
  await qc.invalidateQueries({ queryKey: keys.vacancies.all });
  await qc.invalidateQueries({ queryKey: keys.organizations.all });
  await qc.invalidateQueries({ queryKey: keys.organizations.details });
}

export function useStaffing(query: StaffingQuery) {
  return useQuery({
    queryKey: keys.staffing.list(query),
    queryFn: () => ok(client.GET('/api/staffing', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export type StaffingBody = Body<'/api/staffing/{organizationId}/{year}', 'put'>;

export function saveStaffing(organizationId: string, year: number, body: StaffingBody) {
  return ok(
    client.PUT('/api/staffing/{organizationId}/{year}', {
      params: { path: { organizationId, year } },
      body,
    }),
  );
}

export async function afterStaffingSaved(qc: QueryClient): Promise<void> {
  await qc.invalidateQueries({ queryKey: keys.staffing.all });
  await qc.invalidateQueries({ queryKey: keys.organizations.details });
}

export type PersonPatch = Body<'/api/people/{id}', 'patch'>;
export type NewPersonBody = Body<'/api/people', 'post'>;
export type EmploymentBody = Body<'/api/people/{id}/employments', 'post'>;
export type EmploymentPatch = Body<'/api/employments/{id}', 'patch'>;
export type InvitationBody = Body<'/api/invitations', 'post'>;

export function updatePerson(id: string, body: PersonPatch) {
  return ok(client.PATCH('/api/people/{id}', { params: { path: { id } }, body }));
}

/** A new person with their first place of work; a 409 names the person already in the registry. */
export function createPerson(body: NewPersonBody) {
  return ok(client.POST('/api/people', { body }));
}

export function addEmployment(personId: string, body: EmploymentBody) {
  return ok(client.POST('/api/people/{id}/employments', { params: { path: { id: personId } }, body }));
}

export async function updateEmployment(id: string, body: EmploymentPatch): Promise<void> {
  await client.PATCH('/api/employments/{id}', { params: { path: { id } }, body });
}

export async function endEmployment(id: string, endDate: string): Promise<void> {
  await client.POST('/api/employments/{id}/end', { params: { path: { id } }, body: { endDate } });
}

/** An account for a person of the registry; the answer carries the link to hand over. */
export function invitePerson(body: InvitationBody) {
  return ok(client.POST('/api/invitations', { body }));
}

/** A person's card and every staff list they appear in. */
export async function afterPersonChanged(qc: QueryClient, personId: string): Promise<void> {
  await qc.invalidateQueries({ queryKey: keys.people.detail(personId) });
  void qc.invalidateQueries({ queryKey: keys.staff.all });
}

// ---------- imports (files: the OpenAPI document describes only their path and query) ----------

type RegistryImportQuery = NonNullable<paths['/api/import/{kind}']['post']['parameters']['query']>;

/** Where a registry spreadsheet is uploaded for a mode (a dry run or not; all rows or the valid ones). */
export function registryImportUrl(kind: ImportKind, opts: { dryRun: boolean; mode: 'all' | 'valid' }) {
  const query: RegistryImportQuery = { dryRun: opts.dryRun ? 'true' : 'false', mode: opts.mode };
  return `/api/import/${kind}${toQuery(query)}`;
}

/** The template of a registry spreadsheet, to download. */
export function registryTemplateUrl(kind: ImportKind, format: 'xlsx' | 'csv') {
  return `/api/import/templates/${kind}${toQuery({ format })}`;
}
