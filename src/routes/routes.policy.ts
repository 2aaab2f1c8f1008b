import type { Actor, Role } from '../platform/auth/actor.ts';
import type { ItemStatus, RouteStatus } from './routes.repository.ts';

/**
 * Who may do what with a route the caller already sees. Scope (404) is decided in SQL; these rules
 * only split the visible into allowed and forbidden (403), and the state machine adds 409.
 */

/** Roles that manage routes within their territory (assign curators, edit, cancel, confirm). */
export const ROUTE_MANAGERS: readonly Role[] = ['admin', 'region_admin', 'municipal_methodist'];

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
    comment: true,
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
