/** Reference lists shared by the registry's filters and forms, read through the typed client. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { client, ok } from './client.ts';
import { keys } from './keys.ts';
import type { Org, Territories } from './types.ts';

/** Reference lists used by filters and forms; they change rarely, so they are cached longer. */
export function useTerritories() {
  return useQuery({
    queryKey: keys.territories,
    queryFn: () => ok(client.GET('/api/territories')),
    staleTime: 10 * 60_000,
  });
}

export function useOrganizations(params: { municipalityId?: string | null } = {}) {
  return useQuery({
    queryKey: keys.organizations.list({ municipalityId: params.municipalityId ?? null }),
    queryFn: () =>
      ok(
        client.GET('/api/organizations', {
          params: { query: { municipalityId: params.municipalityId ?? undefined } },
        }),
      ),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
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
export function orgOptions(orgs: Org[] | undefined, allLabel = 'Все организации') {
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
