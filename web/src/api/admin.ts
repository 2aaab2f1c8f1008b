/**
 * Administration: user accounts and their invitation links, the audit log, the rules behind
 * derived flags. Query hooks read through the typed client with keys from the key factory.
 */
import { keepPreviousData, useQuery, type useQueryClient } from '@tanstack/react-query';
import { type Body, client, ok, type QueryOf } from './client.ts';
import { keys } from './keys.ts';
import type { DerivedSettings } from './types.ts';

type QueryClient = ReturnType<typeof useQueryClient>;

export type UsersQuery = QueryOf<'/api/users'>;
export type AuditQuery = QueryOf<'/api/audit'>;

export function useUsers(query: UsersQuery, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: keys.users.list(query),
    queryFn: () => ok(client.GET('/api/users', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}

export type NewUserBody = Body<'/api/users', 'post'>;
export type UserPatch = Body<'/api/users/{id}', 'patch'>;

/** Creates an account; the answer carries the invitation link to hand over. */
export function createUser(body: NewUserBody) {
  return ok(client.POST('/api/users', { body }));
}

export function updateUser(id: string, body: UserPatch) {
  return ok(client.PATCH('/api/users/{id}', { params: { path: { id } }, body }));
}

/** A new sign-in link for an account (the old password works until a new one is set). */
export function resetLink(id: string) {
  return ok(client.POST('/api/users/{id}/invitation', { params: { path: { id } } }));
}

export const afterUserSaved = (qc: QueryClient) => qc.invalidateQueries({ queryKey: keys.users.all });

export function useAudit(query: AuditQuery, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: keys.audit.list(query),
    queryFn: () => ok(client.GET('/api/audit', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}

export function saveDerivedSettings(body: DerivedSettings) {
  return ok(client.PUT('/api/settings/derived', { body }));
}

const startsWith = (key: readonly unknown[], prefix: readonly unknown[]) =>
  prefix.every((part, i) => key[i] === part);

/** Derived flags in every list depend on these rules: all but the settings and the session reload. */
export async function afterDerivedSettingsSaved(qc: QueryClient, saved: DerivedSettings): Promise<void> {
  qc.setQueryData(keys.settings.derived, saved);
  await qc.invalidateQueries({
    predicate: (q) =>
      !startsWith(q.queryKey, [keys.settings.derived[0]]) && !startsWith(q.queryKey, keys.auth.me),
  });
}
