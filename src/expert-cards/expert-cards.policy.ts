import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../platform/auth/actor.ts';

/**
 * The expert-cards context's policy (issue 15, seed 004) — its only role lists.
 *
 * Templates:
 * - read: everyone who takes part in the procedure — the admin, the region's operator, the
 *   municipality's methodist and head, an organization's head, an expert. A teacher or a curator
 *   sees nothing of expert cards.
 * - a preset (no territory) is read by all of them; a copy by the users of its territory (a
 *   municipality's copy by that municipality, a region's copy by the region and its municipalities).
 * - copy a preset / edit a copy: the admin (any), the region's operator (copies of the region), the
 *   municipality's methodist (copies of the municipality). A preset itself is never edited.
 *
 * Campaigns and cards: see the rules below the templates' (the workflow's part).
 */

export const TEMPLATE_READERS = [
  'admin',
  'region_admin',
  'municipal_methodist',
  'municipal_head',
  'org_head',
  'expert',
] as const;

export const TEMPLATE_EDITORS = ['admin', 'region_admin', 'municipal_methodist'] as const;

export function readsTemplates(actor: Actor): boolean {
  return (TEMPLATE_READERS as readonly string[]).includes(actor.role);
}

export function editsTemplates(actor: Actor): boolean {
  return (TEMPLATE_EDITORS as readonly string[]).includes(actor.role);
}

/** Visible templates; `t` the expert_card_templates alias. */
export function templateScope(actor: Actor, t = 't'): SQL {
  if (!readsTemplates(actor)) return sql`false`;
  if (actor.role === 'admin') return sql`true`;
  const a = sql.raw(t);
  const region = sql`COALESCE(${actor.regionId}::uuid,
    (SELECT region_id FROM municipalities WHERE id = ${actor.municipalityId}::uuid),
    (SELECT region_id FROM organizations WHERE id = ${actor.organizationId}::uuid),
    (SELECT region_id FROM people WHERE id = ${actor.personId}::uuid))`;
  const municipality = sql`COALESCE(${actor.municipalityId}::uuid,
    (SELECT municipality_id FROM organizations WHERE id = ${actor.organizationId}::uuid))`;
  return sql`(${a}.region_id IS NULL
    OR (${a}.municipality_id IS NULL AND ${a}.region_id = ${region})
    OR ${a}.municipality_id = ${municipality})`;
}

/** Templates the caller may change (copies only; a preset's territory columns are null). */
export function templateWriteScope(actor: Actor, t = 't'): SQL {
  const a = sql.raw(t);
  switch (actor.role) {
    case 'admin':
      return sql`${a}.region_id IS NOT NULL`;
    case 'region_admin':
      return actor.regionId ? sql`${a}.region_id = ${actor.regionId}` : sql`false`;
    case 'municipal_methodist':
      return actor.municipalityId ? sql`${a}.municipality_id = ${actor.municipalityId}` : sql`false`;
    default:
      return sql`false`;
  }
}

/** For `/api/auth/me` (the workflow adds its flags here). */
export function expertCardsCapabilities(actor: Actor) {
  return { readTemplates: readsTemplates(actor), editTemplates: editsTemplates(actor) };
}
