/**
 * Reference lists the route screens offer in selects: frameworks with their competencies,
 * campaigns, and the users who can curate. Each fails quietly to an empty list for a role the
 * API does not serve it to (a select then simply is not shown).
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/api.ts';
import type { UserRow } from '../../api/types.ts';

export interface FrameworkRef {
  id: string;
  name: string;
  groups: { id: string; name: string; competencies: { id: string; code: string; name: string }[] }[];
}

export interface CampaignRef {
  id: string;
  name: string;
  frameworkId: string | null;
  status: 'draft' | 'open' | 'closed';
}

export function useFrameworks() {
  return useQuery({
    queryKey: ['competency-frameworks'],
    queryFn: () => api.get<{ items: FrameworkRef[] }>('/api/competency-frameworks'),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useCampaigns(enabled = true) {
  return useQuery({
    queryKey: ['assessment-campaigns'],
    queryFn: () => api.get<{ items: CampaignRef[] }>('/api/assessment-campaigns'),
    staleTime: 60_000,
    retry: false,
    enabled,
  });
}

/** Users who may be a route's curator: curators and methodists of the caller's area. */
export function useCuratorUsers(enabled = true) {
  return useQuery({
    queryKey: ['users', 'curators'],
    queryFn: async () => {
      const [curators, methodists] = await Promise.all([
        api.get<{ items: UserRow[] }>('/api/users', { role: 'curator' }),
        api
          .get<{ items: UserRow[] }>('/api/users', { role: 'municipal_methodist' })
          .catch(() => ({ items: [] as UserRow[] })),
      ]);
      return [...curators.items, ...methodists.items]
        .filter((u) => u.active)
        .sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru'));
    },
    staleTime: 5 * 60_000,
    retry: false,
    enabled,
  });
}

export function competencyOptions(frameworks: FrameworkRef[] | undefined) {
  const out: { value: string; label: string }[] = [];
  for (const f of frameworks ?? []) {
    for (const g of f.groups) {
      for (const c of g.competencies) {
        out.push({
          value: c.id,
          label: `${c.code} ${c.name}${(frameworks?.length ?? 0) > 1 ? ` (${f.name})` : ''}`,
        });
      }
    }
  }
  return out;
}
