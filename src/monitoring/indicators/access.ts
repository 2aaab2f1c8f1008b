import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { requireRole } from '../../platform/auth/scope.ts';

/**
 * Who sees and who edits indicator sets. Sets are territory documents: a municipality sees its own
 * and its region's; the region sees its own and its municipalities'; teachers, curators and experts
 * have no business here (403).
 */

export const SET_READERS = [
  'admin',
  'region_admin',
  'municipal_methodist',
  'municipal_head',
  'org_head',
] as const;
export const SET_EDITORS = ['admin', 'region_admin', 'municipal_methodist'] as const;
export const MANUAL_EDITORS = ['admin', 'region_admin', 'municipal_methodist'] as const;

export function requireSetReader(actor: Actor): void {
  requireRole(actor, SET_READERS);
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

export interface SetOwner {
  ownerLevel: string;
  regionId: string | null;
  municipalityId: string | null;
}

export function canEditSet(actor: Actor, set: SetOwner): boolean {
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
