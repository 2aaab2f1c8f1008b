import { type SQL, sql } from 'drizzle-orm';
import { type Actor, ROLE_SCOPE } from '../platform/auth/actor.ts';
import { orgScope, personScope } from '../platform/auth/scope.ts';

/**
 * The events context's policy: who sees, keeps and approves plans of events, and whose
 * registrations they see and change.
 *
 * - A municipal plan is drafted and kept by that municipality's methodists and approved by the
 *   head of its education department (МОУО); an institutional plan is kept and approved by the head
 *   of its organization. The admin does everything.
 * - Plans are seen by their keepers and approvers, by the region operator of the region and the
 *   municipality's people (МОУО, ММС) in any status; everyone else (school heads, teachers,
 *   curators) sees approved plans of their territory: the municipal plan of the municipality where
 *   they work and their own organization's plan (a school head also their own plan's draft).
 * - Registrations: those who run the plan (keepers, approvers, the territory's people above the
 *   school) see all of an event's; a school head sees their staff's; a teacher their own.
 */

export interface PlanRow {
  level: 'municipal' | 'institutional';
  region_id: string;
  municipality_id: string;
  organization_id: string | null;
  status: 'draft' | 'approved';
}

/** Whether the actor keeps the plan: changes it, its events and decides on registrations. */
export function canManagePlan(actor: Actor, p: PlanRow): boolean {
  if (actor.role === 'admin') return true;
  if (p.level === 'municipal')
    return actor.role === 'municipal_methodist' && actor.municipalityId === p.municipality_id;
  return actor.role === 'org_head' && actor.organizationId === p.organization_id;
}

/** Whether the actor approves the plan (draft → approved). */
export function canApprovePlan(actor: Actor, p: PlanRow): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'municipal_head') return actor.municipalityId === p.municipality_id;
  return (
    p.level === 'institutional' && actor.role === 'org_head' && actor.organizationId === p.organization_id
  );
}

/** The level of plan the actor drafts, or why they cannot (the 403 message). */
export function newPlanLevel(actor: Actor): 'municipal' | 'institutional' | 'admin' | string {
  if (actor.role === 'admin') return 'admin';
  if (actor.role === 'municipal_methodist')
    return actor.municipalityId ? 'municipal' : 'У пользователя не указан муниципалитет';
  if (actor.role === 'org_head')
    return actor.organizationId ? 'institutional' : 'У пользователя не указана организация';
  return 'Планы мероприятий составляют методисты муниципальной службы и руководители организаций';
}

/** Whether the actor sees every registration of the plan's events (not just their staff's or own). */
export function seesAllRegistrations(actor: Actor, p: PlanRow): boolean {
  if (canManagePlan(actor, p) || canApprovePlan(actor, p)) return true;
  const scope = ROLE_SCOPE[actor.role];
  if (scope === 'region') return actor.regionId === p.region_id;
  if (scope === 'municipality') return actor.municipalityId === p.municipality_id;
  return false;
}

/** Registrations the actor sees of an event whose plan they see but do not run; `p` the people alias. */
export function registrationPersonScope(actor: Actor, p = 'p'): SQL {
  return personScope(actor, p);
}

/** Visible plans; `pl` is the event_plans alias. Invisible plans answer 404, never 403. */
export function planScope(actor: Actor, pl = 'pl'): SQL {
  const t = sql.raw(pl);
  const approvedNearby = sql`(${t}.status = 'approved' AND EXISTS (
      SELECT 1 FROM organizations so WHERE ${orgScope(actor, 'so')}
        AND (so.id = ${t}.organization_id OR (${t}.organization_id IS NULL AND so.municipality_id = ${t}.municipality_id))))`;
  switch (ROLE_SCOPE[actor.role]) {
    case 'all':
      return sql`true`;
    case 'region':
      return actor.regionId ? sql`${t}.region_id = ${actor.regionId}` : sql`false`;
    case 'municipality':
      return actor.municipalityId ? sql`${t}.municipality_id = ${actor.municipalityId}` : sql`false`;
    case 'organization':
      return actor.organizationId
        ? sql`(${t}.organization_id = ${actor.organizationId} OR ${approvedNearby})`
        : sql`false`;
    default:
      return approvedNearby;
  }
}

/** What the caller may do with a plan, for the UI's buttons. */
export function planAbilities(actor: Actor, p: PlanRow) {
  return {
    canManage: canManagePlan(actor, p),
    canApprove: p.status === 'draft' && canApprovePlan(actor, p),
    seesAllRegistrations: seesAllRegistrations(actor, p),
  };
}
