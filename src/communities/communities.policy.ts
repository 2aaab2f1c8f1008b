import { type SQL, sql } from 'drizzle-orm';
import { type Actor, ROLE_SCOPE } from '../platform/auth/actor.ts';
import { type MembershipKind, REGIONAL_MEMBERSHIP_KINDS } from './communities.vocabulary.ts';

/**
 * The communities context's policy.
 *
 * Communities (associations, councils, clubs):
 * - Owners change a community's settings (name, leader, deputies, rule) and delete it: the admin;
 *   the municipality's methodist for its municipal and institutional communities; the school head
 *   for the institutional communities (ШМО) of their organization; the region's operator for the
 *   region's regional communities (the rest of the region they read only).
 * - Managers keep members, the work plan, meetings and minutes: the owners and the community's
 *   leader (a user whose person leads it).
 * - Seen: by the admin; the region's operator — the whole region; the municipality's methodist and
 *   the head of its education department — the municipality's (and the region's regional ones);
 *   everyone else — the communities of where they work (the municipality's municipal ones, their
 *   organization's, the region's regional ones) and those they belong to or lead.
 * - Member names are seen by the managers, the territory's overseers (МОУО, region operator) and
 *   the community's own members, leader and deputies; others see only the count.
 *
 * Memberships (актив, эксперты, резерв, тьюторы): a school head nominates their staff, a methodist
 * anyone working in the municipality, the region's operator anyone of the region for the regional
 * bank; the methodist of the membership's municipality decides on municipal kinds, the region's
 * operator on the regional bank. Seen by the deciders, МОУО of the municipality, the region's
 * operator, the school head for their staff and the person themselves.
 */

export interface CommunityRow {
  level: 'institutional' | 'municipal' | 'regional';
  region_id: string;
  municipality_id: string | null;
  organization_id: string | null;
  leader_person_id: string | null;
  /** The caller's person is an open member / a deputy. */
  is_member: boolean;
  is_deputy: boolean;
}

export function ownsCommunity(
  actor: Actor,
  c: Omit<CommunityRow, 'is_member' | 'is_deputy' | 'leader_person_id'>,
): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'region_admin':
      return c.level === 'regional' && actor.regionId === c.region_id;
    case 'municipal_methodist':
      return c.level !== 'regional' && !!actor.municipalityId && actor.municipalityId === c.municipality_id;
    case 'org_head':
      return (
        c.level === 'institutional' && !!actor.organizationId && actor.organizationId === c.organization_id
      );
    default:
      return false;
  }
}

export function isLeader(actor: Actor, c: Pick<CommunityRow, 'leader_person_id'>): boolean {
  return !!actor.personId && actor.personId === c.leader_person_id;
}

/** Keeps members, plan, meetings and minutes. */
export function canManageCommunity(actor: Actor, c: CommunityRow): boolean {
  return ownsCommunity(actor, c) || isLeader(actor, c);
}

/** Oversees the territory read-only: the region's operator, the municipality's МОУО and methodist. */
function overseesCommunity(actor: Actor, c: CommunityRow): boolean {
  switch (ROLE_SCOPE[actor.role]) {
    case 'all':
      return true;
    case 'region':
      return actor.regionId === c.region_id;
    case 'municipality':
      return !!actor.municipalityId && actor.municipalityId === c.municipality_id;
    default:
      return false;
  }
}

export function seesMembers(actor: Actor, c: CommunityRow): boolean {
  return canManageCommunity(actor, c) || overseesCommunity(actor, c) || c.is_member || c.is_deputy;
}

export function communityAbilities(actor: Actor, c: CommunityRow) {
  return {
    canEdit: ownsCommunity(actor, c),
    canManage: canManageCommunity(actor, c),
    canSeeMembers: seesMembers(actor, c),
  };
}

/** Whether the actor creates communities at all (the list's «Новое сообщество»). */
export function createsCommunities(actor: Actor): boolean {
  return ['admin', 'region_admin', 'municipal_methodist', 'org_head'].includes(actor.role);
}

/** Visible communities; `c` is the communities alias. Invisible ones answer 404. */
export function communityScope(actor: Actor, c = 'c'): SQL {
  const t = sql.raw(c);
  const mine = actor.personId
    ? sql`(${t}.leader_person_id = ${actor.personId}
        OR EXISTS (SELECT 1 FROM community_members sm WHERE sm.community_id = ${t}.id AND sm.person_id = ${actor.personId} AND sm.left_on IS NULL)
        OR EXISTS (SELECT 1 FROM community_deputies sd WHERE sd.community_id = ${t}.id AND sd.person_id = ${actor.personId}))`
    : sql`false`;
  const regional = actor.regionId
    ? sql`(${t}.level = 'regional' AND ${t}.region_id = ${actor.regionId})`
    : sql`false`;
  switch (ROLE_SCOPE[actor.role]) {
    case 'all':
      return sql`true`;
    case 'region':
      return actor.regionId ? sql`${t}.region_id = ${actor.regionId}` : sql`false`;
    case 'municipality':
      return actor.municipalityId
        ? sql`(${t}.municipality_id = ${actor.municipalityId} OR ${regional} OR ${mine})`
        : mine;
    case 'organization':
      return actor.organizationId
        ? sql`(${t}.organization_id = ${actor.organizationId}
            OR (${t}.level = 'municipal' AND ${t}.municipality_id = (SELECT so.municipality_id FROM organizations so WHERE so.id = ${actor.organizationId}))
            OR (${t}.level = 'regional' AND ${t}.region_id = (SELECT so.region_id FROM organizations so WHERE so.id = ${actor.organizationId}))
            OR ${mine})`
        : mine;
    default: {
      if (!actor.personId) return sql`false`;
      const where = sql`EXISTS (SELECT 1 FROM employments se JOIN organizations so ON so.id = se.organization_id
          WHERE se.person_id = ${actor.personId} AND se.end_date IS NULL
            AND (so.id = ${t}.organization_id
              OR (${t}.level = 'municipal' AND so.municipality_id = ${t}.municipality_id)
              OR (${t}.level = 'regional' AND so.region_id = ${t}.region_id)))`;
      return sql`(${where} OR ${mine})`;
    }
  }
}

// ---- memberships ----

export interface MembershipRow {
  kind: MembershipKind;
  region_id: string;
  municipality_id: string;
  person_id: string;
}

/** Decides on the membership (approve, reject, activate, end) and keeps a reservist's training plan. */
export function decidesMembership(
  actor: Actor,
  m: Pick<MembershipRow, 'kind' | 'region_id' | 'municipality_id'>,
): boolean {
  if (actor.role === 'admin') return true;
  if (REGIONAL_MEMBERSHIP_KINDS.includes(m.kind))
    return actor.role === 'region_admin' && actor.regionId === m.region_id;
  return actor.role === 'municipal_methodist' && actor.municipalityId === m.municipality_id;
}

/** Who nominates whom, as a rule for the service: 'staff' (the org head's own staff), 'municipality', 'region', 'all'. */
export function nominationScope(
  actor: Actor,
  kind: MembershipKind,
): 'all' | 'region' | 'municipality' | 'staff' | string {
  if (actor.role === 'admin') return 'all';
  if (actor.role === 'region_admin') {
    return REGIONAL_MEMBERSHIP_KINDS.includes(kind)
      ? 'region'
      : 'Региональный оператор выдвигает в банк кадрового резерва региона; остальные составы ведёт муниципалитет.';
  }
  if (actor.role === 'municipal_methodist')
    return actor.municipalityId ? 'municipality' : 'У пользователя не указан муниципалитет';
  if (actor.role === 'org_head')
    return actor.organizationId ? 'staff' : 'У пользователя не указана организация';
  return 'Выдвигают руководители организаций и методисты муниципальной службы.';
}

/** Visible memberships; `m` the memberships alias, `p` the people alias. */
export function membershipScope(actor: Actor, m = 'm', p = 'p'): SQL {
  const t = sql.raw(m);
  const pt = sql.raw(p);
  switch (ROLE_SCOPE[actor.role]) {
    case 'all':
      return sql`true`;
    case 'region':
      return actor.regionId ? sql`${t}.region_id = ${actor.regionId}` : sql`false`;
    case 'municipality':
      return actor.municipalityId ? sql`${t}.municipality_id = ${actor.municipalityId}` : sql`false`;
    case 'organization':
      return actor.organizationId
        ? sql`(${t}.organization_id = ${actor.organizationId} OR EXISTS (SELECT 1 FROM employments se
            WHERE se.person_id = ${pt}.id AND se.end_date IS NULL AND se.organization_id = ${actor.organizationId}))`
        : sql`false`;
    default:
      return actor.personId ? sql`${t}.person_id = ${actor.personId}` : sql`false`;
  }
}
