import { z } from 'zod';
import { assessmentCapabilities } from '../assessment/assessment.policy.ts';
import { catalogCapabilities } from '../catalog/catalog.policy.ts';
import { orgsImporter } from '../directory/import/orgs.importer.ts';
import { monitoringCapabilities } from '../monitoring/monitoring.policy.ts';
import { notificationsCapabilities } from '../notifications/notifications.policy.ts';
import { type Actor, ROLE_SCOPE, ROLES, type Role } from '../platform/auth/actor.ts';
import { canManageRegistry } from '../platform/auth/scope.ts';
import { INVITABLE } from '../platform/users/users.service.ts';
import { ROUTE_GENERATORS, ROUTE_MANAGERS } from '../routes/routes.policy.ts';

/**
 * What the caller may do, context by context, for `/api/auth/me`: the web shows menus, pages and
 * buttons by these flags instead of copying role lists. Each flag is computed from the same rule
 * the server enforces (the context's policy or the check of its routes); the server checks again
 * on every call, and a record's own permissions (a route, a program) come with the record.
 */
const flags = <K extends string>(...keys: K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.boolean()])) as Record<K, z.ZodBoolean>);

export const ZCapabilities = z.object({
  directory: flags(
    'seeRegistry',
    'manageRegistry',
    'manageOrganizations',
    'importOrganizations',
    'inviteUsers',
  ).extend({
    /** The roles the caller may hand out by inviting a person from the registry. */
    invitableRoles: z.array(z.enum(ROLES as [Role, ...Role[]])),
  }),
  routes: flags('listRoutes', 'manageRoutes', 'generateRoutes'),
  assessment: flags(
    'createFrameworks',
    'createInstruments',
    'viewInstrumentKeys',
    'importResults',
    'viewCampaigns',
    'conductCampaigns',
    'viewDeficits',
  ),
  catalog: flags('createPrograms', 'importPrograms', 'recordTrainings', 'importTrainings'),
  monitoring: flags(
    'readSets',
    'createSets',
    'enterManualValues',
    'readForms',
    'manageForms',
    'fillForms',
    'readMonitorings',
    'createMonitorings',
    'compareMunicipalities',
  ),
  admin: flags('users', 'audit', 'settings'),
  notifications: flags('readOutbox'),
});

export type Capabilities = z.infer<typeof ZCapabilities>;

/** Scopes that cover a territory or a school (not only the actor's own card or assigned people). */
const TERRITORIAL = new Set(['all', 'region', 'municipality', 'organization']);

export function capabilitiesOf(actor: Actor): Capabilities {
  const territorial = TERRITORIAL.has(ROLE_SCOPE[actor.role]);
  const admin = actor.role === 'admin';
  return {
    directory: {
      // personScope: a territory's people, or a curator's assigned ones.
      seeRegistry: territorial || actor.role === 'curator',
      manageRegistry: canManageRegistry(actor),
      // The organizations' write check allows exactly the roles that import them.
      manageOrganizations: orgsImporter.roles.includes(actor.role),
      importOrganizations: orgsImporter.roles.includes(actor.role),
      inviteUsers: INVITABLE[actor.role] !== undefined,
      invitableRoles: INVITABLE[actor.role] ?? [],
    },
    routes: {
      // routeVisibility is personScope: a list of a territory's routes for territorial roles.
      listRoutes: territorial,
      manageRoutes: ROUTE_MANAGERS.includes(actor.role),
      generateRoutes: ROUTE_GENERATORS.includes(actor.role),
    },
    assessment: assessmentCapabilities(actor),
    catalog: catalogCapabilities(actor),
    monitoring: monitoringCapabilities(actor),
    // users.service, audit.routes and settings.routes (with the routes' generation settings) require the admin.
    admin: { users: admin, audit: admin, settings: admin },
    notifications: notificationsCapabilities(actor),
  };
}
