/** Reference lists shared by the registry's filters and forms, read through the typed client. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { client, ok } from './client.ts';
import { keys } from './keys.ts';
import type { OrgOption, Territories } from './types.ts';

/** Reference lists used by filters and forms; they change rarely, so they are cached longer. */
export function useTerritories() {
  return useQuery({
    queryKey: keys.territories,
    queryFn: () => ok(client.GET('/api/territories')),
    staleTime: 10 * 60_000,
  });
}

/** How many organizations a select lists outright; above it, it searches on the server. */
export const ORG_SELECT_LIMIT = 200;

export interface OrganizationOptionsParams {
  municipalityId?: string | null | undefined;
  q?: string | undefined;
  /** Always include these (a select's current value), whatever the search. */
  ids?: string[] | undefined;
  limit?: number | undefined;
}

/**
 * Organizations for selects and names: id, short name, municipality — at most `limit` of them and
 * the total that matched. A region's 2 000 organizations are searched, never sent whole.
 */
export function useOrganizations(params: OrganizationOptionsParams = {}, opts: { enabled?: boolean } = {}) {
  const query = {
    municipalityId: params.municipalityId || undefined,
    q: params.q || undefined,
    ids: params.ids?.length ? [...params.ids].sort() : undefined,
    limit: params.limit ?? ORG_SELECT_LIMIT,
  };
  return useQuery({
    queryKey: keys.organizations.options(query),
    queryFn: () => ok(client.GET('/api/organizations/options', { params: { query } })),
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}

export function useSubjects() {
  return useQuery({
    queryKey: keys.staff.subjects,
    queryFn: () => ok(client.GET('/api/staff/subjects')),
    staleTime: 5 * 60_000,
  });
}

/** Options for a select, sorted by name, with an «all» entry first. */
export function orgOptions(orgs: OrgOption[] | undefined, allLabel = 'Все организации') {
  return [
    { value: '', label: allLabel },
    ...(orgs ?? [])
      .slice()
      .sort((a, b) => a.shortName.localeCompare(b.shortName, 'ru', { numeric: true }))
      .map((o) => ({ value: o.id, label: o.shortName })),
  ];
}

export function municipalityOptions(t: Territories | undefined, allLabel = 'Все муниципалитеты') {
  return [
    { value: '', label: allLabel },
    ...(t?.municipalities ?? [])
      .slice()
      .sort((a, b) => a.name.localeCompare(b.name, 'ru', { numeric: true }))
      .map((m) => ({ value: m.id, label: m.name })),
  ];
}

/** The rules behind derived flags (any signed-in user may read them); labels quote the load threshold. */
export function useDerivedRules() {
  return useQuery({
    queryKey: keys.settings.derived,
    queryFn: () => ok(client.GET('/api/settings/derived')),
    staleTime: 10 * 60_000,
  });
}

export function useLoadThreshold(): number {
  return useDerivedRules().data?.loadThresholdHours ?? 30;
}
