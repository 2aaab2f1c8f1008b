import { type SQL, sql } from 'drizzle-orm';
import type { Actor, Role } from '../platform/auth/actor.ts';
import { forbidden } from '../platform/errors.ts';

/**
 * Who may do what in monitoring: the only place its role lists live. Visibility (404) is SQL
 * (`setVisibility`, `formReadScope`); `can(actor, action, thing)` splits what is visible into
 * allowed and forbidden (403). Indicator sets, forms and monitorings are territory documents: a
 * municipality sees its own and its region's; the region its own and its municipalities';
 * teachers, curators and experts have no business here.
 */

/** Read indicator sets, presets, measures and manual values. */
const SET_READERS: readonly Role[] = [
  'admin',
  'region_admin',
  'municipal_methodist',
  'municipal_head',
  'org_head',
];
/** Create sets, load presets, enter manual values, define forms, run monitorings: the methodical service. */
const MANAGERS: readonly Role[] = ['admin', 'region_admin', 'municipal_methodist'];
/** Look at forms and their answers without changing them. */
const FORM_READERS: readonly Role[] = [...MANAGERS, 'municipal_head'];
/** Open a single answer: form readers and the school head who fills it. */
const SUBMISSION_READERS: readonly Role[] = [...FORM_READERS, 'org_head'];
/** See monitorings and dashboards. */
const MONITORING_READERS: readonly Role[] = [...MANAGERS, 'municipal_head', 'org_head'];
/** Fill their own organization's answers: the school head. */
const SUBMISSION_FILLERS: readonly Role[] = ['org_head'];
/** Compare the municipalities of a region side by side. */
const REGION_VIEWERS: readonly Role[] = ['admin', 'region_admin'];

/** Refuses (403) unless `allowed`; the message is the Russian one the caller sees. */
export function authorize(allowed: boolean, message?: string): void {
  if (!allowed) throw forbidden(message);
}

/** Where a set, form or monitoring belongs. */
export interface Owned {
  ownerLevel: 'system' | 'region' | 'municipality' | 'organization';
  regionId: string | null;
  municipalityId: string | null;
}

/**
 * What monitoring allows:
 * - `read sets | forms | submissions | monitorings` — indicator sets with presets, measures and
 *   manual values; forms and their answers; a single answer (also the school head who fills it);
 *   monitorings and dashboards;
 * - `create sets | monitorings` — a set of one's own territory (and load a preset into it); a monitoring;
 * - `enter manual-values` — a manual measure's value for an organization or a territory;
 * - `manage forms` — define forms, assign them, remind, accept and return answers;
 * - `fill submissions` — the school head fills their own organization's answers;
 * - `compare municipalities` — the municipalities of a region side by side;
 * - `update {set}` — its owner's territory (a region's set has no municipality);
 * - `update {form}`, `manage {monitoring}` (close it) — its owner's territory at the owner's level.
 */
export type MonitoringPermission =
  | [action: 'read', thing: 'sets' | 'forms' | 'submissions' | 'monitorings']
  | [action: 'create', thing: 'sets' | 'monitorings']
  | [action: 'enter', thing: 'manual-values']
  | [action: 'manage', thing: 'forms' | { monitoring: Owned }]
  | [action: 'fill', thing: 'submissions']
  | [action: 'compare', thing: 'municipalities']
  | [action: 'update', thing: { set: Owned } | { form: Owned }];

const READERS: Record<'sets' | 'forms' | 'submissions' | 'monitorings', readonly Role[]> = {
  sets: SET_READERS,
  forms: FORM_READERS,
  submissions: SUBMISSION_READERS,
  monitorings: MONITORING_READERS,
};

export function can(actor: Actor, ...[action, thing]: MonitoringPermission): boolean {
  switch (action) {
    case 'read':
      return READERS[thing].includes(actor.role);
    case 'create':
    case 'enter':
      return MANAGERS.includes(actor.role);
    case 'manage':
      return thing === 'forms' ? MANAGERS.includes(actor.role) : ownsAtLevel(actor, thing.monitoring);
    case 'fill':
      return SUBMISSION_FILLERS.includes(actor.role);
    case 'compare':
      return REGION_VIEWERS.includes(actor.role);
    case 'update':
      return 'set' in thing ? canEditSet(actor, thing.set) : ownsAtLevel(actor, thing.form);
  }
}

/** A set: its owner's territory (a region's set has no municipality); the administrator any. */
function canEditSet(actor: Actor, set: Owned): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'region_admin':
      return set.municipalityId === null && set.regionId !== null && set.regionId === actor.regionId;
    case 'municipal_methodist':
      return set.municipalityId !== null && set.municipalityId === actor.municipalityId;
    default:
      return false;
  }
}

/** A form or a monitoring: its owner's territory at the owner's level; the administrator any. */
function ownsAtLevel(actor: Actor, thing: Owned): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'region_admin':
      return thing.ownerLevel === 'region' && thing.regionId === actor.regionId;
    case 'municipal_methodist':
      return thing.ownerLevel === 'municipality' && thing.municipalityId === actor.municipalityId;
    default:
      return false;
  }
}

/** The actor's municipality: their own, or their organization's for a school head. */
function actorMunicipality(actor: Actor): SQL {
  if (actor.municipalityId) return sql`${actor.municipalityId}::uuid`;
  if (actor.organizationId)
    return sql`(SELECT municipality_id FROM organizations WHERE id = ${actor.organizationId})`;
  return sql`NULL::uuid`;
}

function actorRegion(actor: Actor): SQL {
  if (actor.regionId) return sql`${actor.regionId}::uuid`;
  if (actor.municipalityId)
    return sql`(SELECT region_id FROM municipalities WHERE id = ${actor.municipalityId})`;
  if (actor.organizationId)
    return sql`(SELECT region_id FROM organizations WHERE id = ${actor.organizationId})`;
  return sql`NULL::uuid`;
}

/** Visible sets; `s` is the indicator_sets alias (also used for monitorings, which carry the same columns). */
export function setVisibility(actor: Actor, s = 's'): SQL {
  const t = sql.raw(s);
  switch (actor.role) {
    case 'admin':
      return sql`true`;
    case 'region_admin':
      return sql`(${t}.region_id = ${actorRegion(actor)}
                  OR ${t}.municipality_id IN (SELECT id FROM municipalities WHERE region_id = ${actorRegion(actor)}))`;
    case 'municipal_methodist':
    case 'municipal_head':
    case 'org_head':
      return sql`(${t}.municipality_id = ${actorMunicipality(actor)}
                  OR (${t}.municipality_id IS NULL AND ${t}.region_id = ${actorRegion(actor)}))`;
    default:
      return sql`false`;
  }
}

/** Forms visible to the actor (`f` = collection_forms): their own territory's, and those above it. */
export function formReadScope(actor: Actor, f = 'f'): SQL {
  const t = sql.raw(f);
  const region = sql`COALESCE(${actor.regionId}::uuid, (SELECT region_id FROM municipalities WHERE id = ${actor.municipalityId}::uuid))`;
  switch (actor.role) {
    case 'admin':
      return sql`true`;
    case 'region_admin':
      return actor.regionId
        ? sql`(${t}.owner_level = 'system' OR ${t}.region_id = ${actor.regionId})`
        : sql`false`;
    case 'municipal_methodist':
    case 'municipal_head':
      return actor.municipalityId
        ? sql`(${t}.owner_level = 'system' OR ${t}.municipality_id = ${actor.municipalityId}
              OR (${t}.owner_level = 'region' AND ${t}.region_id = ${region}))`
        : sql`false`;
    default:
      return sql`false`;
  }
}

/** What the caller may do in monitoring, for `/api/auth/me` (the web shows menus and buttons by it). */
export function monitoringCapabilities(actor: Actor) {
  return {
    readSets: can(actor, 'read', 'sets'),
    createSets: can(actor, 'create', 'sets'),
    enterManualValues: can(actor, 'enter', 'manual-values'),
    readForms: can(actor, 'read', 'forms'),
    manageForms: can(actor, 'manage', 'forms'),
    fillForms: can(actor, 'fill', 'submissions'),
    readMonitorings: can(actor, 'read', 'monitorings'),
    createMonitorings: can(actor, 'create', 'monitorings'),
    compareMunicipalities: can(actor, 'compare', 'municipalities'),
  };
}
