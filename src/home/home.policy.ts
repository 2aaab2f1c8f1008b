import { can as canInAssessment } from '../assessment/assessment.policy.ts';
import { can as canInMonitoring } from '../monitoring/monitoring.policy.ts';
import { type Actor, ROLE_SCOPE } from '../platform/auth/actor.ts';
import { routesCapabilities } from '../routes/routes.policy.ts';

/**
 * Which parts of the day's work the caller has: read from the contexts' own policies, so no role
 * list lives here. Every count is cut to the caller's scope in SQL (home.repository.ts).
 */
export interface HomeWorkParts {
  /** The learner's own diagnoses, route items due and returned. */
  learner: boolean;
  /** Items of routes the caller curates that await confirmation (any role may curate a route). */
  curated: true;
  /** The school head: their organization's forms to fill or returned. */
  formsToFill: boolean;
  /** The school head: draft routes of their school's teachers to agree. */
  routesToApprove: boolean;
  /** The methodical service: answers to review, forms due this week. */
  formsToReview: boolean;
  /** Those who conduct campaigns: campaigns closing this week. */
  campaignsClosing: boolean;
  /** Those who manage routes: open routes without a curator. */
  routesWithoutCurator: boolean;
  /** The region: municipalities whose organizations have not sent a region's form. */
  municipalitiesBehind: boolean;
}

export function homeWorkParts(actor: Actor): HomeWorkParts {
  const routes = routesCapabilities(actor);
  const learner = routes.followOwnRoute;
  return {
    learner,
    curated: true,
    formsToFill: canInMonitoring(actor, 'fill', 'submissions'),
    routesToApprove: routes.listRoutes && !routes.manageRoutes && ROLE_SCOPE[actor.role] === 'organization',
    formsToReview: canInMonitoring(actor, 'manage', 'forms'),
    campaignsClosing: canInAssessment(actor, 'conduct', 'campaigns'),
    routesWithoutCurator: routes.manageRoutes,
    municipalitiesBehind: canInMonitoring(actor, 'compare', 'municipalities'),
  };
}
