import { type Actor, ROLE_SCOPE, type Role } from '../platform/auth/actor.ts';
import type { ImportKind } from './import/import.columns.ts';

/**
 * The directory's policy: who may do what with the registry — territories, organizations, people,
 * employments, vacancies, staffing and their imports. What the actor sees is SQL (`orgScope`,
 * `personScope` and the write scopes of `platform/auth/scope.ts`, which ask this policy who keeps
 * the registry): a record outside answers 404. What they may do is `can(actor, action, thing)`
 * (403). No role list of the directory lives outside this file.
 */

/**
 * Roles that keep the registry (people, employments, vacancies, staffing, their imports), each
 * within their scope. Exported for the importers' `roles`, which the import pipeline checks (the
 * command line always may); code asks `can(actor, 'manage', 'registry')`.
 */
export const REGISTRY_MANAGERS: readonly Role[] = [
  'admin',
  'region_admin',
  'municipal_methodist',
  'org_head',
];

/**
 * Roles that keep organizations (add, edit, import), each in its own territory: the admin, the
 * region's operator, the municipality's methodist. Exported for the organizations' `Importer`.
 */
export const ORGANIZATION_KEEPERS: readonly Role[] = ['admin', 'region_admin', 'municipal_methodist'];

/**
 * Roles that see lists of the registry's people (`personScope` gives them more than their own
 * card): those whose scope is a territory or a school, and the curator (their assigned people).
 */
const REGISTRY_VIEWERS: readonly Role[] = [
  'admin',
  'region_admin',
  'municipal_methodist',
  'municipal_head',
  'org_head',
  'curator',
];

/** Scopes that cover a territory or a school: their organizations, vacancies and staffing are seen. */
const TERRITORIAL_SCOPES: readonly string[] = ['all', 'region', 'municipality', 'organization'];

/** Roles that keep the list of territories (its page with counts): the admin, a region's operator. */
const TERRITORY_KEEPERS: readonly Role[] = ['admin', 'region_admin'];

/** Roles that add and rename regions: the system administrator. */
const REGION_KEEPERS: readonly Role[] = ['admin'];

/** The territory an organization belongs to (or is being put in). */
export interface OrgTerritory {
  regionId: string;
  municipalityId: string;
}

/**
 * What the directory allows:
 * - `view registry` — lists of people (the web's registry menu; the lists are cut by `personScope`);
 * - `view organizations` — lists of a territory's or a school's organizations, vacancies and
 *   staffing (the scope is a territory or a school: not a curator's assigned people);
 * - `view own-card` — the person's own card is all of the registry they see (a teacher's scope);
 * - `view full-snils` — СНИЛС unmasked: those who keep the registry;
 * - `manage registry` — change people, employments, vacancies and staffing within the write scope,
 *   download the import templates;
 * - `import {kind}` — load that registry spreadsheet (organizations: their keepers; the rest: the
 *   registry's keepers);
 * - `view territories` — the regions and municipalities with counts (the admin, a region's
 *   operator); `view setup` — the first-run steps (those who keep organizations);
 * - `create region`, `update region` — the admin; `create {municipalityIn}` — the admin, or the region's operator
 *   in their own region;
 * - `create organization` — add organizations somewhere (their keepers); `create {organizationIn}`
 *   and `update {organization}` — in that territory: the admin, its region's operator, its
 *   municipality's methodist.
 */
export type DirectoryPermission =
  | [
      action: 'view',
      thing: 'registry' | 'full-snils' | 'organizations' | 'own-card' | 'territories' | 'setup',
    ]
  | [action: 'manage', thing: 'registry']
  | [action: 'import', thing: ImportKind]
  | [
      action: 'create',
      thing:
        | 'region'
        | 'organization'
        | { municipalityIn: { regionId: string } }
        | { organizationIn: OrgTerritory },
    ]
  | [action: 'update', thing: 'region' | { organization: OrgTerritory }];

export function can(actor: Actor, ...[action, thing]: DirectoryPermission): boolean {
  switch (action) {
    case 'view':
      if (thing === 'registry') return REGISTRY_VIEWERS.includes(actor.role);
      if (thing === 'organizations') return TERRITORIAL_SCOPES.includes(ROLE_SCOPE[actor.role]);
      if (thing === 'own-card') return ROLE_SCOPE[actor.role] === 'person' && actor.personId !== null;
      if (thing === 'territories') return TERRITORY_KEEPERS.includes(actor.role);
      if (thing === 'setup') return ORGANIZATION_KEEPERS.includes(actor.role);
      return keepsRegistry(actor);
    case 'manage':
      return keepsRegistry(actor);
    case 'import':
      return thing === 'orgs' ? ORGANIZATION_KEEPERS.includes(actor.role) : keepsRegistry(actor);
    case 'create':
      if (thing === 'region') return REGION_KEEPERS.includes(actor.role);
      if (thing === 'organization') return ORGANIZATION_KEEPERS.includes(actor.role);
      if ('municipalityIn' in thing) return addsMunicipalityIn(actor, thing.municipalityIn.regionId);
      return keepsOrganizationsIn(actor, thing.organizationIn);
    case 'update':
      if (thing === 'region') return REGION_KEEPERS.includes(actor.role);
      return keepsOrganizationsIn(actor, thing.organization);
  }
}

function keepsRegistry(actor: Actor): boolean {
  return REGISTRY_MANAGERS.includes(actor.role);
}

function addsMunicipalityIn(actor: Actor, regionId: string): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'region_admin' && actor.regionId === regionId;
}

function keepsOrganizationsIn(actor: Actor, t: OrgTerritory): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'region_admin':
      return actor.regionId === t.regionId;
    case 'municipal_methodist':
      return actor.municipalityId === t.municipalityId;
    default:
      return false;
  }
}

/** What the caller may do in the directory, for `/api/auth/me` (the web shows menus and buttons by it). */
export function directoryCapabilities(actor: Actor) {
  return {
    seeRegistry: can(actor, 'view', 'registry'),
    seeOrganizations: can(actor, 'view', 'organizations'),
    seeOwnCard: can(actor, 'view', 'own-card'),
    manageRegistry: can(actor, 'manage', 'registry'),
    manageOrganizations: can(actor, 'create', 'organization'),
    importOrganizations: can(actor, 'import', 'orgs'),
    // The set-up steps (GET /api/setup) and the territories page (GET /api/territories/summary).
    setUp: can(actor, 'view', 'setup'),
    manageTerritories: can(actor, 'view', 'territories'),
  };
}
