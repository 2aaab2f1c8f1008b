import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../platform/auth/actor.ts';

/**
 * The practices context's policy (the bank of practices and materials).
 *
 * - Published materials are seen by every signed-in user of the material's region (the admin sees
 *   all).
 * - A material not yet published (a draft, on moderation, returned) is seen by its authors and the
 *   user who created it, the head of the material's organization, and its moderators only.
 * - Write (create, edit while a draft or returned, submit): teachers, curators, experts and school
 *   heads who work somewhere — the material belongs to their organization; the methodist for the
 *   municipality. An existing material is changed by its creator, its authors and the head of its
 *   organization.
 * - Moderators publish or return with a reason: the admin; the region's operator for the region;
 *   the municipality's methodist for the municipality; members, the leader and deputies of a
 *   community of kind «методический совет» (methodical_council) — a municipal council for its
 *   municipality, a regional one for the whole region.
 */

export const WRITER_ROLES = [
  'teacher',
  'curator',
  'expert',
  'org_head',
  'municipal_methodist',
  'admin',
] as const;

export function writesMaterials(actor: Actor): boolean {
  return (
    (WRITER_ROLES as readonly string[]).includes(actor.role) &&
    (!!actor.personId || actor.role === 'admin' || actor.role === 'municipal_methodist')
  );
}

/** Moderates by role alone (the council's members are found in SQL: `councilModeratesSql`). */
export function moderatesByRole(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'region_admin' || actor.role === 'municipal_methodist';
}

/** The caller's region: their own, else their person's, municipality's or organization's. */
export function actorRegionSql(actor: Actor): SQL {
  return sql`COALESCE(${actor.regionId}::uuid,
    (SELECT region_id FROM people WHERE id = ${actor.personId}::uuid),
    (SELECT region_id FROM municipalities WHERE id = ${actor.municipalityId}::uuid),
    (SELECT region_id FROM organizations WHERE id = ${actor.organizationId}::uuid))`;
}

/** A methodical council the caller sits on (member, leader, deputy) covers material `m`. */
export function councilModeratesSql(actor: Actor, m = 'm'): SQL {
  if (!actor.personId) return sql`false`;
  const t = sql.raw(m);
  return sql`EXISTS (SELECT 1 FROM communities mc
    WHERE mc.kind = 'methodical_council' AND mc.level <> 'institutional'
      AND (CASE WHEN mc.level = 'regional' THEN mc.region_id = ${t}.region_id ELSE mc.municipality_id = ${t}.municipality_id END)
      AND (mc.leader_person_id = ${actor.personId}
        OR EXISTS (SELECT 1 FROM community_deputies cd WHERE cd.community_id = mc.id AND cd.person_id = ${actor.personId})
        OR EXISTS (SELECT 1 FROM community_members cm WHERE cm.community_id = mc.id AND cm.person_id = ${actor.personId} AND cm.left_on IS NULL)))`;
}

/** The caller moderates material `m` (by role over its territory, or sitting on its council). */
export function moderatesSql(actor: Actor, m = 'm'): SQL {
  const t = sql.raw(m);
  switch (actor.role) {
    case 'admin':
      return sql`true`;
    case 'region_admin':
      return actor.regionId ? sql`${t}.region_id = ${actor.regionId}` : sql`false`;
    case 'municipal_methodist':
      return actor.municipalityId ? sql`${t}.municipality_id = ${actor.municipalityId}` : sql`false`;
    default:
      return councilModeratesSql(actor, m);
  }
}

/** Sits on any methodical council (the moderation page is theirs). */
export function sitsOnCouncilSql(actor: Actor): SQL {
  if (!actor.personId) return sql`false`;
  return sql`EXISTS (SELECT 1 FROM communities mc
    WHERE mc.kind = 'methodical_council' AND mc.level <> 'institutional'
      AND (mc.leader_person_id = ${actor.personId}
        OR EXISTS (SELECT 1 FROM community_deputies cd WHERE cd.community_id = mc.id AND cd.person_id = ${actor.personId})
        OR EXISTS (SELECT 1 FROM community_members cm WHERE cm.community_id = mc.id AND cm.person_id = ${actor.personId} AND cm.left_on IS NULL)))`;
}

/** The caller is an author or the creator of material `m`. */
export function ownsSql(actor: Actor, m = 'm'): SQL {
  const t = sql.raw(m);
  const author = actor.personId
    ? sql`EXISTS (SELECT 1 FROM practice_material_authors pa WHERE pa.material_id = ${t}.id AND pa.person_id = ${actor.personId})`
    : sql`false`;
  return sql`(COALESCE(${t}.created_by = ${actor.userId}, false) OR ${author})`;
}

/** Changes material `m` (while a draft or returned): the creator, an author, the organization's head. */
export function editsSql(actor: Actor, m = 'm'): SQL {
  const t = sql.raw(m);
  const head =
    actor.role === 'org_head' && actor.organizationId
      ? sql`${t}.organization_id = ${actor.organizationId}`
      : sql`false`;
  return sql`(${ownsSql(actor, m)} OR ${head})`;
}

/** Visible materials; `m` the practice_materials alias. */
export function materialScope(actor: Actor, m = 'm'): SQL {
  if (actor.role === 'admin') return sql`true`;
  const t = sql.raw(m);
  return sql`((${t}.status = 'published' AND ${t}.region_id = ${actorRegionSql(actor)})
    OR ${editsSql(actor, m)} OR ${moderatesSql(actor, m)})`;
}

/** For `/api/auth/me`: the menu's «Мои материалы» and «Модерация» (council members see it on the bank's page). */
export function practicesCapabilities(actor: Actor) {
  return { writeMaterials: writesMaterials(actor), moderate: moderatesByRole(actor) };
}
