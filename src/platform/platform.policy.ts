import { type SQL, sql } from 'drizzle-orm';
import { can as canInDirectory } from '../directory/directory.policy.ts';
import type { Actor, Role } from './auth/actor.ts';

/**
 * The platform's policy: who administers users, reads the audit log, changes settings (the
 * derived-attribute rules and the route-generation parameters) and sees others' background jobs;
 * who invites people of the registry and which roles they may hand out. Routes and services ask
 * `can(actor, action, thing)`; no role list of the platform lives elsewhere. What a user list
 * shows is cut by `userScope` (SQL, `users.repository.ts`).
 */

/** The system administrator: users, the audit log, settings, every background job. */
const ADMINS: readonly Role[] = ['admin'];

/** The head of the education authority reads the users of their municipality without keeping the registry. */
const USER_READERS: readonly Role[] = ['municipal_head'];

/** Which roles each role may hand out by inviting a person from the registry; a role not listed invites no one. */
const INVITABLE: Partial<Record<Role, readonly Role[]>> = {
  admin: ['teacher', 'curator', 'org_head', 'expert', 'municipal_methodist', 'municipal_head'],
  region_admin: ['teacher', 'curator', 'org_head', 'expert', 'municipal_methodist', 'municipal_head'],
  municipal_methodist: ['teacher', 'curator', 'org_head', 'expert'],
  org_head: ['teacher', 'curator'],
};

/**
 * What the platform allows:
 * - `list users` — the users of one's area: those who keep the registry and the head of the
 *   education authority (the rows are cut by `userScope`);
 * - `manage users` — create users, change their role, scope or activity, issue a new password link;
 * - `invite people` — give a person of the registry an account; `invite {role}` — with that role;
 * - `read audit` — the audit log;
 * - `change settings` — the derived-attribute rules and the route-generation parameters
 *   (everyone signed in reads them).
 */
export type PlatformPermission =
  | [action: 'list' | 'manage', thing: 'users']
  | [action: 'invite', thing: 'people' | { role: Role }]
  | [action: 'read', thing: 'audit']
  | [action: 'change', thing: 'settings'];

export function can(actor: Actor, ...[action, thing]: PlatformPermission): boolean {
  switch (action) {
    case 'list':
      return canInDirectory(actor, 'manage', 'registry') || USER_READERS.includes(actor.role);
    case 'invite':
      return thing === 'people'
        ? INVITABLE[actor.role] !== undefined
        : invitableRoles(actor).includes(thing.role);
    case 'manage':
    case 'read':
    case 'change':
      return ADMINS.includes(actor.role);
  }
}

/** The roles the actor may hand out by inviting a person from the registry. */
export function invitableRoles(actor: Actor): readonly Role[] {
  return INVITABLE[actor.role] ?? [];
}

/** Jobs the actor may look at (`jobs` table, unaliased): whoever started one, and the administrator any. */
export function jobReadScope(actor: Actor): SQL {
  return ADMINS.includes(actor.role) ? sql`true` : sql`created_by = ${actor.userId}`;
}

/** What the caller may administer, for `/api/auth/me` (the web shows the admin menu by it). */
export function platformCapabilities(actor: Actor) {
  return {
    users: can(actor, 'manage', 'users'),
    audit: can(actor, 'read', 'audit'),
    settings: can(actor, 'change', 'settings'),
  };
}
