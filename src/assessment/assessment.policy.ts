import { type SQL, sql } from 'drizzle-orm';
import { type Actor, ROLE_SCOPE, type Role } from '../platform/auth/actor.ts';

/**
 * The assessment context's policy: who reads and who changes competency frameworks, instruments,
 * campaigns, results and deficits. What the actor may read is SQL (`ownerReadScope`,
 * `campaignReadScope`: a record outside answers 404); what they may do with what they see is
 * `can(actor, action, thing)` (403). No role list of the context lives outside this file.
 */

/** Roles that build frameworks and instruments, see the keys of tests and load results. */
const BUILDERS: readonly Role[] = ['admin', 'region_admin', 'municipal_methodist'];

/**
 * Roles that load results from a spreadsheet: the builders. Exported for the results `Importer`,
 * whose `roles` the import pipeline checks (the command line always may); code asks `can`.
 */
export const RESULTS_IMPORTERS: readonly Role[] = BUILDERS;

/** Roles that conduct campaigns, each at its own level. */
const CAMPAIGN_OWNERS: readonly Role[] = ['admin', 'region_admin', 'municipal_methodist', 'org_head'];

/** Roles that follow campaigns: those who conduct them and the head of the education authority. */
const CAMPAIGN_VIEWERS: readonly Role[] = [...CAMPAIGN_OWNERS, 'municipal_head'];

/** Roles that see deficits of groups (heatmap, lists); a teacher sees only their own card. */
const DEFICIT_VIEWERS: readonly Role[] = [
  'admin',
  'region_admin',
  'municipal_methodist',
  'municipal_head',
  'org_head',
  'curator',
];

export type OwnerLevel = 'system' | 'region' | 'municipality' | 'organization';

/** The owner columns of frameworks and instruments. */
export interface OwnedRow {
  owner_level: OwnerLevel;
  region_id: string | null;
  municipality_id: string | null;
}

/** The owner columns of a campaign. */
export interface CampaignOwnerRow extends OwnedRow {
  organization_id: string | null;
}

/**
 * What the assessment context allows:
 * - `create framework | instrument` — load presets, copy frameworks, write instruments;
 * - `update {framework}` — an admin anything but system presets (those are copied, not edited),
 *   a region operator their region's records, a methodist their municipality's;
 * - `update {instrument}` — the same, and system instruments by the admin;
 * - `view instrument-keys`, `export instruments` — correct options, points and scales;
 * - `import results` — load results from a spreadsheet (and download its template);
 * - `view campaigns` — list and follow campaigns (within `campaignReadScope`);
 * - `conduct campaigns` — create campaigns; `manage {campaign}` — open and close that one;
 * - `view deficits` — heatmap and lists of a group (a person's card is scoped by the registry).
 */
export type AssessmentPermission =
  | [action: 'create', thing: 'framework' | 'instrument']
  | [action: 'update', thing: { framework: OwnedRow } | { instrument: OwnedRow }]
  | [action: 'view', thing: 'instrument-keys' | 'campaigns' | 'deficits']
  | [action: 'export', thing: 'instruments']
  | [action: 'import', thing: 'results']
  | [action: 'conduct', thing: 'campaigns']
  | [action: 'manage', thing: { campaign: CampaignOwnerRow }];

export function can(actor: Actor, ...[action, thing]: AssessmentPermission): boolean {
  switch (action) {
    case 'create':
    case 'export':
      return BUILDERS.includes(actor.role);
    case 'import':
      return RESULTS_IMPORTERS.includes(actor.role);
    case 'update':
      return 'framework' in thing
        ? canEditOwned(actor, thing.framework)
        : canEditInstrument(actor, thing.instrument);
    case 'view':
      if (thing === 'campaigns') return CAMPAIGN_VIEWERS.includes(actor.role);
      if (thing === 'deficits') return DEFICIT_VIEWERS.includes(actor.role);
      return BUILDERS.includes(actor.role);
    case 'conduct':
      return CAMPAIGN_OWNERS.includes(actor.role);
    case 'manage':
      return canManageCampaign(actor, thing.campaign);
  }
}

function canEditOwned(actor: Actor, r: OwnedRow): boolean {
  if (r.owner_level === 'system') return false;
  if (actor.role === 'admin') return true;
  if (actor.role === 'region_admin') return r.owner_level === 'region' && r.region_id === actor.regionId;
  if (actor.role === 'municipal_methodist')
    return r.owner_level === 'municipality' && r.municipality_id === actor.municipalityId;
  return false;
}

/** System instruments are kept by the admin; owned ones by their region operator or methodist. */
function canEditInstrument(actor: Actor, r: OwnedRow): boolean {
  if (r.owner_level === 'system') return actor.role === 'admin';
  return canEditOwned(actor, r);
}

/** Who may open and close a campaign: its owner level's own role (the admin any). */
function canManageCampaign(actor: Actor, c: CampaignOwnerRow): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'region_admin':
      return c.owner_level === 'region' && c.region_id === actor.regionId;
    case 'municipal_methodist':
      return c.owner_level === 'municipality' && c.municipality_id === actor.municipalityId;
    case 'org_head':
      return c.owner_level === 'organization' && c.organization_id === actor.organizationId;
    default:
      return false;
  }
}

/**
 * The owner of a record the actor creates (a framework copy, an instrument, a campaign): the
 * admin's records are system ones, the region operator's belong to their region, a methodist's to
 * their municipality, a school head's to their school. Null when the actor's account lacks the id
 * its level needs (the caller answers 403). The region of a municipality or school is looked up by
 * the caller.
 */
export type NewOwner =
  | { level: 'system' }
  | { level: 'region'; regionId: string }
  | { level: 'municipality'; municipalityId: string }
  | { level: 'organization'; organizationId: string };

export function newRecordOwner(actor: Actor): NewOwner | null {
  switch (actor.role) {
    case 'region_admin':
      return actor.regionId ? { level: 'region', regionId: actor.regionId } : null;
    case 'municipal_methodist':
      return actor.municipalityId ? { level: 'municipality', municipalityId: actor.municipalityId } : null;
    case 'org_head':
      return actor.organizationId ? { level: 'organization', organizationId: actor.organizationId } : null;
    default:
      return { level: 'system' };
  }
}

/** The caller's region and municipality, completed from their municipality or school when unset. */
function actorRegion(actor: Actor): SQL {
  return sql`COALESCE(${actor.regionId}::uuid,
    (SELECT region_id FROM municipalities WHERE id = ${actor.municipalityId}::uuid),
    (SELECT region_id FROM organizations WHERE id = ${actor.organizationId}::uuid))`;
}
function actorMunicipality(actor: Actor): SQL {
  return sql`COALESCE(${actor.municipalityId}::uuid,
    (SELECT municipality_id FROM organizations WHERE id = ${actor.organizationId}::uuid))`;
}

/**
 * Frameworks and instruments the actor may read; `t` is the table alias. Everyone reads system
 * records; a region's and a municipality's records are read by the people of that territory; an
 * admin reads everything.
 */
export function ownerReadScope(actor: Actor, t: string): SQL {
  if (actor.role === 'admin') return sql`true`;
  const a = sql.raw(t);
  const regionWide = actor.role === 'region_admin';
  return sql`(${a}.owner_level = 'system'
    OR (${a}.owner_level = 'region' AND ${a}.region_id = ${actorRegion(actor)})
    OR (${a}.owner_level = 'municipality' AND ${
      regionWide
        ? sql`${a}.region_id = ${actorRegion(actor)}`
        : sql`${a}.municipality_id = ${actorMunicipality(actor)}`
    }))`;
}

/**
 * Campaigns the actor may see (`c` = assessment_campaigns alias): the region operator those of
 * their region; municipality roles their municipality's and their region's; a school head their
 * school's and the municipality's and region's that cover it. Teachers use their cabinet instead.
 */
export function campaignReadScope(actor: Actor, c = 'c'): SQL {
  const t = sql.raw(c);
  switch (actor.role) {
    case 'admin':
      return sql`true`;
    case 'region_admin':
      return actor.regionId ? sql`${t}.region_id = ${actor.regionId}` : sql`false`;
    case 'municipal_methodist':
    case 'municipal_head':
      return actor.municipalityId
        ? sql`(${t}.municipality_id = ${actor.municipalityId}
            OR (${t}.owner_level = 'region' AND ${t}.region_id = ${actorRegion(actor)}))`
        : sql`false`;
    case 'org_head':
      return actor.organizationId
        ? sql`(${t}.organization_id = ${actor.organizationId}
            OR (${t}.owner_level = 'municipality' AND ${t}.municipality_id = ${actorMunicipality(actor)})
            OR (${t}.owner_level = 'region' AND ${t}.region_id = ${actorRegion(actor)}))`
        : sql`false`;
    default:
      return sql`false`;
  }
}

/** What the caller may do in assessment, for `/api/auth/me` (the web shows menus and buttons by it). */
export function assessmentCapabilities(actor: Actor) {
  return {
    createFrameworks: can(actor, 'create', 'framework'),
    createInstruments: can(actor, 'create', 'instrument'),
    viewInstrumentKeys: can(actor, 'view', 'instrument-keys'),
    importResults: can(actor, 'import', 'results'),
    viewCampaigns: can(actor, 'view', 'campaigns'),
    conductCampaigns: can(actor, 'conduct', 'campaigns'),
    viewDeficits: can(actor, 'view', 'deficits'),
    // The learner's own diagnoses (`/api/my/assessments`): a person-scoped user linked to the registry.
    takeAssessments: ROLE_SCOPE[actor.role] === 'person' && actor.personId !== null,
  };
}
