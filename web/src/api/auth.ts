/**
 * Signing in and out, the session's user (`/api/auth/me`), invitations and the password. A 401
 * from these routes is the caller's to show (see AUTH_ANSWERS in api.ts): a wrong password or a
 * spent link is an answer, not a reason to leave for the sign-in page.
 */
import { useQuery } from '@tanstack/react-query';
import { type Body, client, ok } from './client.ts';
import { keys } from './keys.ts';
import type { Me } from './types.ts';

/** The signed-in user and what they may do; a 401 means nobody is signed in. */
export function useSession() {
  return useQuery({
    queryKey: keys.auth.me,
    // The answer's role is one of the roles (Me narrows the schema's plain string).
    queryFn: async () => (await ok(client.GET('/api/auth/me'))) as Me,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export type LoginBody = Body<'/api/auth/login', 'post'>;

/** Signs in; the answer is the same user as `/api/auth/me` gives. */
export async function login(body: LoginBody): Promise<Me> {
  return (await ok(client.POST('/api/auth/login', { body }))) as Me;
}

export async function logout(): Promise<void> {
  await client.POST('/api/auth/logout');
}

/** Whose invitation a link carries; a spent or unknown link answers with the server's message. */
export function useInvitation(token: string) {
  return useQuery({
    queryKey: keys.auth.invitation(token),
    queryFn: () => ok(client.GET('/api/auth/invitations/{token}', { params: { path: { token } } })),
    retry: false,
  });
}

export type AcceptInvitationBody = Body<'/api/auth/invitations/accept', 'post'>;

/** Sets the password by an invitation and signs in (the session cookie comes with the answer). */
export async function acceptInvitation(body: AcceptInvitationBody): Promise<void> {
  await client.POST('/api/auth/invitations/accept', { body });
}

export type PasswordBody = Body<'/api/auth/password', 'post'>;

/** Changes the password; the server ends the user's other sessions. */
export async function changePassword(body: PasswordBody): Promise<void> {
  await client.POST('/api/auth/password', { body });
}
