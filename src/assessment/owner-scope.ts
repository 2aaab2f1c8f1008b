import { type SQL, sql } from 'drizzle-orm';
import type { Actor, Role } from '../platform/auth/actor.ts';

/**
 * Owner-level scope of frameworks and instruments (tables with owner_level, region_id,
 * municipality_id). Everyone reads system records; a region's and a municipality's records are
 * read by the people of that territory; an admin reads everything.
 */

/** Roles that build frameworks and instruments and may see the keys of tests. */
export const ASSESSMENT_EDITORS: readonly Role[] = ['admin', 'region_admin', 'municipal_methodist'];

export const isAssessmentEditor = (actor: Actor) => ASSESSMENT_EDITORS.includes(actor.role);

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

/** Records the actor may read; `t` is the table alias. */
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

export interface OwnedRow {
  owner_level: 'system' | 'region' | 'municipality' | 'organization';
  region_id: string | null;
  municipality_id: string | null;
}

/**
 * Who may change a record: an admin anything but system presets (those are copied, not edited),
 * a region operator the region-owned records of their region, a methodist the municipality-owned
 * records of their municipality.
 */
export function canEditOwned(actor: Actor, r: OwnedRow): boolean {
  if (r.owner_level === 'system') return false;
  if (actor.role === 'admin') return true;
  if (actor.role === 'region_admin') return r.owner_level === 'region' && r.region_id === actor.regionId;
  if (actor.role === 'municipal_methodist')
    return r.owner_level === 'municipality' && r.municipality_id === actor.municipalityId;
  return false;
}
