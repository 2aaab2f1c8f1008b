import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../platform/auth/actor.ts';

/**
 * The mentoring context's policy.
 *
 * - Programs, their mentors and pairs are kept by the head of the program's organization (and the
 *   admin). A school head manages the mentoring of their own organization only.
 * - The municipal methodist reads every program and pair of the municipality and its counts;
 *   the region operator and the head of the education department see programs and counts only.
 * - A pair (or group) is seen by those who keep or read its program as above, by its mentor
 *   (the person of the mentor's user — a curator too) and by its mentees; nobody else. A pair
 *   the caller may not see answers 404, never 403.
 * - The mentor writes the mentor's reports and the plan (meetings and tasks, their marks); a
 *   mentee writes their own report. The head of the organization keeps the rest (goals, finishing).
 */

export interface ProgramRow {
  region_id: string;
  municipality_id: string;
  organization_id: string;
}

export interface PairPeople {
  mentor_person_id: string;
  mentee_person_ids: string[];
}

/** Whether the actor keeps the program: edits it, appoints mentors, opens and finishes pairs. */
export function canManageProgram(actor: Actor, p: ProgramRow): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'org_head' && actor.organizationId === p.organization_id;
}

/** The organization in which the actor creates programs, or why they cannot (the 403 message). */
export function newProgramOrganization(actor: Actor): { organizationId: string | null } | string {
  if (actor.role === 'admin') return { organizationId: null };
  if (actor.role === 'org_head')
    return actor.organizationId
      ? { organizationId: actor.organizationId }
      : 'У пользователя не указана организация.';
  return 'Программы наставничества ведёт руководитель образовательной организации.';
}

/** Visible programs; `mp` is the mentoring_programs alias. */
export function programScope(actor: Actor, mp = 'mp'): SQL {
  const t = sql.raw(mp);
  switch (actor.role) {
    case 'admin':
      return sql`true`;
    case 'region_admin':
      return actor.regionId ? sql`${t}.region_id = ${actor.regionId}` : sql`false`;
    case 'municipal_methodist':
    case 'municipal_head':
      return actor.municipalityId ? sql`${t}.municipality_id = ${actor.municipalityId}` : sql`false`;
    case 'org_head':
      return actor.organizationId ? sql`${t}.organization_id = ${actor.organizationId}` : sql`false`;
    default:
      return sql`false`;
  }
}

/** Whether the actor reads every pair of the programs they see (not only their own). */
function pairsByProgram(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'municipal_methodist' || actor.role === 'org_head';
}

/**
 * Visible mentorships; `ms` is the mentorships alias, `mp` its program, `mm` its mentor row.
 * The caller's own pairs (as mentor or mentee) whatever their role, plus, for those who keep or
 * read mentoring, every pair of the programs in their scope.
 */
export function pairScope(actor: Actor, ms = 'ms', mp = 'mp', mm = 'mm'): SQL {
  const own = actor.personId
    ? sql`(${sql.raw(mm)}.person_id = ${actor.personId} OR EXISTS (
        SELECT 1 FROM mentorship_mentees sx WHERE sx.mentorship_id = ${sql.raw(ms)}.id AND sx.person_id = ${actor.personId}))`
    : sql`false`;
  return pairsByProgram(actor) ? sql`(${programScope(actor, mp)} OR ${own})` : own;
}

/** The caller's part in a pair they see. */
export function sideOf(actor: Actor, p: PairPeople): 'mentor' | 'mentee' | null {
  if (!actor.personId) return null;
  if (p.mentor_person_id === actor.personId) return 'mentor';
  if (p.mentee_person_ids.includes(actor.personId)) return 'mentee';
  return null;
}

/** What the caller may do with a pair, for the server's checks and the page's buttons. */
export function pairAbilities(actor: Actor, program: ProgramRow, p: PairPeople & { open: boolean }) {
  const manage = canManageProgram(actor, program);
  const side = sideOf(actor, p);
  return {
    side,
    canManage: manage && p.open,
    canPlan: p.open && (manage || side === 'mentor'),
    canReport: p.open && side !== null,
    canFinish: manage && p.open,
  };
}

/** Who reads the young specialists without a mentor: the school head (own school), the methodist. */
export function canSeeWarnings(actor: Actor): boolean {
  return ['admin', 'municipal_methodist', 'org_head'].includes(actor.role);
}

/** Who reads the aggregated counts by organization. */
export function canSeeSummary(actor: Actor): boolean {
  return ['admin', 'region_admin', 'municipal_methodist', 'municipal_head', 'org_head'].includes(actor.role);
}

/** The flags for `/api/auth/me`. */
export function mentoringCapabilities(actor: Actor) {
  return {
    managePrograms: actor.role === 'org_head' || actor.role === 'admin',
    seePrograms: canSeeSummary(actor),
    ownMentoring: actor.personId !== null,
  };
}
