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

/*
 * The workflow (campaigns and cards):
 * - a campaign is run by the municipality's methodist (and the admin): create, start, reopen a card,
 *   assign experts, score, close;
 * - campaigns are read by those and by the region's operator (its region, read-only) and the
 *   municipality's head (read-only); an organization's head reads the campaigns their card is in;
 * - a card is read by its organization's head (fills it) or the deputy the head entrusted with it
 *   (`expert_card_delegates`: fills it like the head), by the experts assigned to it (verify it)
 *   and by the campaign's readers; a teacher or a curator sees nothing unless assigned as an expert;
 * - an expert is a user with role `expert` of the municipality, or a user whose person is a member
 *   of an expert community of the municipality; never one employed at the card's organization.
 */
export const CAMPAIGN_MANAGERS = ['admin', 'municipal_methodist'] as const;
export const CAMPAIGN_READERS = ['admin', 'region_admin', 'municipal_methodist', 'municipal_head'] as const;
export const CARD_FILLERS = ['org_head'] as const;

export function managesCampaigns(actor: Actor): boolean {
  return (CAMPAIGN_MANAGERS as readonly string[]).includes(actor.role);
}

export function readsCampaigns(actor: Actor): boolean {
  return (CAMPAIGN_READERS as readonly string[]).includes(actor.role);
}

export function fillsCards(actor: Actor): boolean {
  return (CARD_FILLERS as readonly string[]).includes(actor.role);
}

/** Campaigns the caller reads in full (the board); `cp` the expert_campaigns alias. */
export function campaignScope(actor: Actor, cp = 'cp'): SQL {
  const a = sql.raw(cp);
  switch (actor.role) {
    case 'admin':
      return sql`true`;
    case 'region_admin':
      return actor.regionId ? sql`${a}.region_id = ${actor.regionId}` : sql`false`;
    case 'municipal_methodist':
    case 'municipal_head':
      return actor.municipalityId ? sql`${a}.municipality_id = ${actor.municipalityId}` : sql`false`;
    default:
      return sql`false`;
  }
}

/** Campaigns the caller manages; `cp` the expert_campaigns alias. */
export function campaignWriteScope(actor: Actor, cp = 'cp'): SQL {
  const a = sql.raw(cp);
  if (actor.role === 'admin') return sql`true`;
  if (actor.role === 'municipal_methodist' && actor.municipalityId)
    return sql`${a}.municipality_id = ${actor.municipalityId}`;
  return sql`false`;
}

/** Cards the caller sees; `c` expert_cards, `cp` its campaign. */
export function cardScope(actor: Actor, c = 'c', cp = 'cp'): SQL {
  const a = sql.raw(c);
  const assigned = sql`EXISTS (SELECT 1 FROM expert_card_assignments ea
    WHERE ea.card_id = ${a}.id AND ea.expert_id = ${actor.userId})`;
  const delegated = sql`EXISTS (SELECT 1 FROM expert_card_delegates dl
    WHERE dl.organization_id = ${a}.organization_id AND dl.user_id = ${actor.userId})`;
  if (actor.role === 'org_head')
    return actor.organizationId
      ? sql`(${a}.organization_id = ${actor.organizationId} OR ${assigned})`
      : assigned;
  return sql`(${campaignScope(actor, cp)} OR ${assigned} OR ${delegated})`;
}

/** For `/api/auth/me`. */
export function expertCardsCapabilities(actor: Actor) {
  return {
    readTemplates: readsTemplates(actor),
    editTemplates: editsTemplates(actor),
    readCampaigns: readsCampaigns(actor),
    manageCampaigns: managesCampaigns(actor),
    fillCards: fillsCards(actor),
    reviewCards: actor.role === 'expert',
  };
}
