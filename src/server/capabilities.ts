import { z } from 'zod';
import { assessmentCapabilities } from '../assessment/assessment.policy.ts';
import { catalogCapabilities } from '../catalog/catalog.policy.ts';
import { directoryCapabilities } from '../directory/directory.policy.ts';
import { expertCardsCapabilities } from '../expert-cards/expert-cards.policy.ts';
import { mentoringCapabilities } from '../mentoring/mentoring.policy.ts';
import { monitoringCapabilities } from '../monitoring/monitoring.policy.ts';
import { notificationsCapabilities } from '../notifications/notifications.policy.ts';
import { type Actor, ROLES, type Role } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { can as canInPlatform, invitableRoles, platformCapabilities } from '../platform/platform.policy.ts';
import { practicesCapabilities } from '../practices/practices.policy.ts';
import { sitsOnCouncil } from '../practices/practices.repository.ts';
import { routesCapabilities } from '../routes/routes.policy.ts';
import { searchCapabilities } from '../search/search.policy.ts';
import { wellbeingCapabilities } from '../wellbeing/wellbeing.policy.ts';
import { isPsychologist } from '../wellbeing/wellbeing.repository.ts';

/**
 * What the caller may do, context by context, for `/api/auth/me`: the web shows menus, pages and
 * buttons by these flags instead of copying role lists. Each flag comes from its context's policy
 * (`<context>Capabilities`, `can`), the rule the server enforces; no role list lives here. The
 * server checks again on every call, and a record's own permissions (a route, a program) come
 * with the record.
 */
const flags = <K extends string>(...keys: K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.boolean()])) as Record<K, z.ZodBoolean>);

export const ZCapabilities = z.object({
  directory: flags(
    'seeRegistry',
    'seeOrganizations',
    'seeOwnCard',
    'manageRegistry',
    'manageOrganizations',
    'importOrganizations',
    'inviteUsers',
    'bulkInvite',
    'setUp',
    'manageTerritories',
  ).extend({
    /** The roles the caller may hand out by inviting a person from the registry. */
    invitableRoles: z.array(z.enum(ROLES as [Role, ...Role[]])),
  }),
  routes: flags('listRoutes', 'manageRoutes', 'generateRoutes', 'curateRoutes', 'followOwnRoute'),
  assessment: flags(
    'createFrameworks',
    'createInstruments',
    'viewInstrumentKeys',
    'importResults',
    'viewCampaigns',
    'conductCampaigns',
    'viewDeficits',
    'takeAssessments',
  ),
  catalog: flags('createPrograms', 'importPrograms', 'recordTrainings', 'importTrainings'),
  monitoring: flags(
    'readSets',
    'createSets',
    'enterManualValues',
    'readForms',
    'manageForms',
    'fillForms',
    'readMonitorings',
    'createMonitorings',
    'compareMunicipalities',
  ),
  mentoring: flags('managePrograms', 'seePrograms', 'ownMentoring'),
  wellbeing: flags('keepPlans', 'seeSummary', 'ownSupport'),
  /** The bank of practices; members of a methodical council moderate too (the list says so). */
  practices: flags('writeMaterials', 'moderate'),
  /** Expert cards of 004 (issue 15): templates; the workflow adds its flags. */
  expertCards: flags(
    'readTemplates',
    'editTemplates',
    'readCampaigns',
    'manageCampaigns',
    'fillCards',
    'reviewCards',
  ),
  admin: flags('users', 'audit', 'settings'),
  notifications: flags('readOutbox', 'resendOutbox'),
  /** What the header's search finds for the caller (programs: everyone). */
  search: flags('people', 'organizations', 'programs'),
});

export type Capabilities = z.infer<typeof ZCapabilities>;

/**
 * The caller's flags. Two are found in the registry rather than the role: a school psychologist
 * (an employment «педагог-психолог») keeps the school's support plans, and a member of a methodical
 * council moderates the bank of practices — so their menus show those pages too.
 */
export async function capabilitiesOf(actor: Actor, db: Db): Promise<Capabilities> {
  const byRole = capabilitiesByRole(actor);
  const [psychologist, council] = await Promise.all([
    !byRole.wellbeing.keepPlans && actor.personId ? isPsychologist(db, actor.personId, null) : false,
    !byRole.practices.moderate && actor.personId ? sitsOnCouncil(db, actor) : false,
  ]);
  return {
    ...byRole,
    wellbeing: { ...byRole.wellbeing, keepPlans: byRole.wellbeing.keepPlans || psychologist },
    practices: { ...byRole.practices, moderate: byRole.practices.moderate || council },
  };
}

/** The flags the role alone gives. */
export function capabilitiesByRole(actor: Actor): Capabilities {
  return {
    directory: {
      ...directoryCapabilities(actor),
      // Invitations of the registry's people are the platform's users.
      inviteUsers: canInPlatform(actor, 'invite', 'people'),
      invitableRoles: [...invitableRoles(actor)],
      // Bulk invitations hand out the teacher's role.
      bulkInvite: canInPlatform(actor, 'invite', { role: 'teacher' }),
    },
    routes: routesCapabilities(actor),
    assessment: assessmentCapabilities(actor),
    catalog: catalogCapabilities(actor),
    monitoring: monitoringCapabilities(actor),
    mentoring: mentoringCapabilities(actor),
    wellbeing: wellbeingCapabilities(actor),
    practices: practicesCapabilities(actor),
    expertCards: expertCardsCapabilities(actor),
    admin: platformCapabilities(actor),
    notifications: notificationsCapabilities(actor),
    search: searchCapabilities(actor),
  };
}
