import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../platform/auth/actor.ts';

/**
 * The wellbeing context's policy: who sees a burnout-support plan. A plan names a teacher at high
 * risk of burnout — health information — so it is seen only by those who need it:
 *
 * - the teacher: their own plans (read only);
 * - the head of the teacher's organization and the organization's psychologist (a person whose
 *   current employment there is «педагог-психолог…»): the plans of that organization, which they
 *   keep — items, marks, closing; never their own plan;
 * - the municipal methodist and head, the region operator and the admin: counts per organization
 *   only (`canSeeSummary`), counts below 3 masked and never a name;
 * - nobody else. A plan the caller may not see answers 404.
 */

export interface PlanRow {
  person_id: string;
  organization_id: string;
}

/** SQL: the person's current employment is a psychologist's of organization `org`. */
export function psychologistOf(personId: string, org: SQL): SQL {
  return sql`EXISTS (SELECT 1 FROM employments pe WHERE pe.person_id = ${personId}
    AND pe.organization_id = ${org} AND pe.end_date IS NULL AND pe.position ~ '^[Пп]едагог[- ]+психолог')`;
}

/** Organizations whose plans the actor keeps, as SQL over the plan alias `sp`. */
function keptScope(actor: Actor, sp: string): SQL {
  const t = sql.raw(sp);
  const parts: SQL[] = [];
  if (actor.role === 'org_head' && actor.organizationId)
    parts.push(sql`${t}.organization_id = ${actor.organizationId}`);
  if (actor.personId) parts.push(psychologistOf(actor.personId, sql`${t}.organization_id`));
  if (parts.length === 0) return sql`false`;
  const kept = sql.join(parts, sql` OR `);
  // Nobody keeps their own plan.
  return actor.personId ? sql`((${kept}) AND ${t}.person_id <> ${actor.personId})` : sql`(${kept})`;
}

/** Visible plans; `sp` is the support_plans alias. Their own, plus those they keep. */
export function planScope(actor: Actor, sp = 'sp'): SQL {
  const own = actor.personId ? sql`${sql.raw(sp)}.person_id = ${actor.personId}` : sql`false`;
  return sql`(${own} OR ${keptScope(actor, sp)})`;
}

/** Plans the actor keeps (the school's list). */
export function keptPlanScope(actor: Actor, sp = 'sp'): SQL {
  return keptScope(actor, sp);
}

/** Whether the actor keeps the plan, given whether they are the organization's psychologist. */
export function canKeepPlan(actor: Actor, plan: PlanRow, isPsychologist: boolean): boolean {
  if (actor.personId && actor.personId === plan.person_id) return false;
  if (actor.role === 'org_head' && actor.organizationId === plan.organization_id) return true;
  return isPsychologist;
}

/** Who may open the school's list at all (a teacher-psychologist is told by the data: `psychologistOf`). */
export function mayKeepPlans(actor: Actor): boolean {
  return actor.role === 'org_head' || actor.personId !== null;
}

/** Who reads the counts by organization (never names). */
export function canSeeSummary(actor: Actor): boolean {
  return ['admin', 'region_admin', 'municipal_methodist', 'municipal_head'].includes(actor.role);
}

/** Organizations in the summary's scope; `o` is the organizations alias. */
export function summaryScope(actor: Actor, o = 'o'): SQL {
  const t = sql.raw(o);
  switch (actor.role) {
    case 'admin':
      return sql`true`;
    case 'region_admin':
      return actor.regionId ? sql`${t}.region_id = ${actor.regionId}` : sql`false`;
    case 'municipal_methodist':
    case 'municipal_head':
      return actor.municipalityId ? sql`${t}.municipality_id = ${actor.municipalityId}` : sql`false`;
    default:
      return sql`false`;
  }
}

/** The flags for `/api/auth/me` (a psychologist's keeping is found by the data, see `/api/wellbeing/access`). */
export function wellbeingCapabilities(actor: Actor) {
  return {
    keepPlans: actor.role === 'org_head',
    seeSummary: canSeeSummary(actor),
    ownSupport: actor.personId !== null,
  };
}
