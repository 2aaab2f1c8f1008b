import { type Actor, ROLE_SCOPE, type Role } from '../platform/auth/actor.ts';
import type { ItemStatus, RouteStatus } from './routes.repository.ts';

/**
 * Who may do what with a route the caller already sees. Scope (404) is decided in SQL; these rules
 * only split the visible into allowed and forbidden (403), and the state machine adds 409.
 */

/** Roles that manage routes within their territory (assign curators, edit, cancel, confirm). */
export const ROUTE_MANAGERS: readonly Role[] = ['admin', 'region_admin', 'municipal_methodist'];

/** Who may start route generation by hand (within their scope). */
export const ROUTE_GENERATORS: readonly Role[] = ['admin', 'region_admin', 'municipal_methodist'];

/**
 * Roles that discuss the routes they see in comments, besides a route's own teacher and curator:
 * those who manage routes, the school head who approves them, a curator of the person. The head of
 * the municipal education authority only reads (README, roles).
 */
export const ROUTE_COMMENTERS: readonly Role[] = [...ROUTE_MANAGERS, 'org_head', 'curator'];

/**
 * Roles a route's curator may hold: a curator or tutor, a methodist, a school head, a teacher as
 * mentor. Assigning anyone else is refused (422).
 */
export const ROUTE_CURATOR_ROLES: readonly Role[] = ['curator', 'municipal_methodist', 'org_head', 'teacher'];

/**
 * Roles that curate routes by trade: those offered first when a route's curator is chosen. Their
 * menu has the curator's desk (the routes they curate and the items awaiting confirmation; the
 * desk itself lists any user's curated routes).
 */
const CURATORS_BY_TRADE: readonly Role[] = ['curator', 'municipal_methodist'];

/**
 * Roles that see lists of routes: those whose scope is a territory or a school (the list is cut by
 * `personScope`); a teacher has their own route, a curator their desk.
 */
const ROUTE_LISTERS: readonly Role[] = [
  'admin',
  'region_admin',
  'municipal_methodist',
  'municipal_head',
  'org_head',
];

export const COMMENT_REFUSAL =
  'Комментировать маршрут могут педагог, его куратор, руководитель организации и методист; вам маршрут доступен только для просмотра.';

export interface RouteFacts {
  personId: string;
  curatorUserId: string | null;
  status: RouteStatus;
  agreedByTeacherAt: string | null;
  agreedByCuratorAt: string | null;
  inScope: boolean;
}

export interface RouteRoles {
  teacher: boolean;
  curator: boolean;
  manager: boolean;
}

export function routeRoles(actor: Actor, r: RouteFacts): RouteRoles {
  return {
    teacher: actor.personId !== null && actor.personId === r.personId,
    curator: r.curatorUserId !== null && r.curatorUserId === actor.userId,
    manager: ROUTE_MANAGERS.includes(actor.role) && r.inScope,
  };
}

export const isOpen = (s: RouteStatus) => s !== 'completed' && s !== 'cancelled';

/** Whether the caller may comment on a route they see (the comment endpoint checks the same). */
export function canComment(actor: Actor, r: RouteFacts): boolean {
  const who = routeRoles(actor, r);
  return who.teacher || who.curator || (ROUTE_COMMENTERS.includes(actor.role) && r.inScope);
}

export interface RoutePermissions {
  agreeAsTeacher: boolean;
  agreeAsCurator: boolean;
  edit: boolean;
  start: boolean;
  complete: boolean;
  cancel: boolean;
  comment: boolean;
  confirm: boolean;
  assignCurator: boolean;
}

/** What the caller may do now (the UI shows buttons by it; the server checks again on each call). */
export function routePermissions(actor: Actor, r: RouteFacts): RoutePermissions {
  const who = routeRoles(actor, r);
  const draft = r.status === 'draft';
  return {
    agreeAsTeacher: who.teacher && draft && !r.agreedByTeacherAt,
    agreeAsCurator: who.curator && draft && !r.agreedByCuratorAt,
    edit: (who.manager || who.curator) && isOpen(r.status),
    start: (who.teacher || who.curator || who.manager) && r.status === 'agreed',
    complete: (who.curator || who.manager) && r.status === 'in_progress',
    cancel: who.manager && isOpen(r.status),
    comment: canComment(actor, r),
    confirm: (who.curator || who.manager) && r.status === 'in_progress',
    assignCurator: who.manager && isOpen(r.status),
  };
}

/** Items that count as finished for completing a route. */
export function itemClosed(i: { status: ItemStatus; confirmed_at: string | null }): boolean {
  return i.status === 'dropped' || (i.status === 'done' && i.confirmed_at !== null);
}

export const ROUTE_STATUS_LABELS: Record<RouteStatus, string> = {
  draft: 'черновик',
  agreed: 'согласован',
  in_progress: 'выполняется',
  completed: 'завершён',
  cancelled: 'отменён',
};

export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  planned: 'запланировано',
  in_progress: 'выполняется',
  done: 'выполнено',
  dropped: 'исключено',
};

/** What the caller may do with routes, for `/api/auth/me` (the web shows menus and buttons by it). */
export function routesCapabilities(actor: Actor) {
  return {
    listRoutes: ROUTE_LISTERS.includes(actor.role),
    manageRoutes: ROUTE_MANAGERS.includes(actor.role),
    generateRoutes: ROUTE_GENERATORS.includes(actor.role),
    curateRoutes: CURATORS_BY_TRADE.includes(actor.role),
    // The learner's own route (`/api/my/routes`): a person-scoped user linked to the registry.
    followOwnRoute: ROLE_SCOPE[actor.role] === 'person' && actor.personId !== null,
  };
}
