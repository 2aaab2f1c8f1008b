import { REGISTRATION_STATUSES } from '../events/events.vocabulary.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { routePermissions } from './routes.policy.ts';
import type { ItemEventDb, RouteEventDb, RouteItemDb, RouteSummaryDb } from './routes.repository.ts';

/** The fields sent to the client, in the names of the route API contract. */

export function routeFacts(r: RouteSummaryDb) {
  return {
    personId: r.person_id,
    curatorUserId: r.curator_user_id,
    status: r.status,
    agreedByTeacherAt: r.agreed_by_teacher_at,
    agreedByCuratorAt: r.agreed_by_curator_at,
    inScope: r.in_scope,
  };
}

export function presentSummary(r: RouteSummaryDb) {
  return {
    id: r.id,
    personId: r.person_id,
    fullName: r.full_name,
    organizationId: r.organization_id,
    organization: r.organization,
    status: r.status,
    title: r.title,
    curator: r.curator_user_id ? { userId: r.curator_user_id, fullName: r.curator_name ?? '' } : null,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    itemsTotal: r.items_total,
    itemsDone: r.items_done,
    itemsAwaitingConfirmation: r.items_awaiting,
    hoursPlanned: r.hours_planned,
    progress: r.items_total ? Math.round((r.items_closed * 100) / r.items_total) : 0,
    agreedByTeacherAt: r.agreed_by_teacher_at,
    agreedByCuratorAt: r.agreed_by_curator_at,
    updatedAt: r.updated_at,
  };
}

export type Evidence =
  | { kind: 'link'; url: string; note?: string }
  | { kind: 'file'; fileId: string; fileName: string; size: number; note?: string }
  /** Set by confirmed attendance at the item's event (routes.attendance.ts), never by hand. */
  | {
      kind: 'certificate';
      certificateId: string;
      serial: string;
      verifyPath: string;
      eventId: string;
      registrationId: string;
    }
  /** Set when the item's mentorship finished with its program done (routes.mentoring.ts). */
  | {
      kind: 'mentorship';
      mentorshipId: string;
      finishedOn: string;
      mentorName: string;
      /** The goal's outcome on the item's competency, in words («достигнута»), when set. */
      outcome: string | null;
    };

/** The event an item points at and the route person's registration for it (null: none, or gone). */
export function presentItemEvent(e: ItemEventDb) {
  return {
    id: e.id,
    title: e.title,
    startsOn: e.starts_on,
    endsOn: e.ends_on,
    registration:
      e.registration_id && e.registration_status
        ? {
            id: e.registration_id,
            status: e.registration_status,
            statusName: REGISTRATION_STATUSES[e.registration_status],
            attended: e.attended,
          }
        : null,
  };
}

/**
 * A mentoring item's mentor and where it stands: suggested (awaiting the school head), working
 * (the mentorship is open) or finished.
 */
export function presentItemMentor(i: RouteItemDb) {
  if (i.activity_kind !== 'mentoring' || !i.mentor_person_id) return null;
  const state = !i.mentorship_id ? 'suggested' : i.mentorship_finished_on ? 'finished' : 'active';
  return {
    personId: i.mentor_person_id,
    fullName: i.mentor_name ?? '',
    state: state as 'suggested' | 'active' | 'finished',
    mentorshipId: i.mentorship_id,
    startedOn: i.mentorship_started_on,
    finishedOn: i.mentorship_finished_on,
  };
}

export function presentItem(i: RouteItemDb, events?: ReadonlyMap<string, ItemEventDb>) {
  const event = i.activity_kind === 'event' && i.activity_id ? events?.get(i.activity_id) : undefined;
  return {
    id: i.id,
    position: i.position,
    competency: i.competency_id
      ? { id: i.competency_id, code: i.competency_code ?? '', name: i.competency_name ?? '' }
      : null,
    competencies: i.competencies,
    activityKind: i.activity_kind,
    activityId: i.activity_id,
    title: i.title,
    form: i.form,
    plannedStart: i.planned_start,
    plannedEnd: i.planned_end,
    hours: i.hours,
    expectedResult: i.expected_result,
    reason: i.reason,
    baselinePercent: i.baseline_percent,
    status: i.status,
    evidence: (i.evidence as Evidence | null) ?? null,
    confirmedAt: i.confirmed_at,
    confirmedBy: i.confirmed_by ? { userId: i.confirmed_by, fullName: i.confirmed_by_name ?? '' } : null,
    droppedReason: i.dropped_reason,
    event: event ? presentItemEvent(event) : null,
    mentor: presentItemMentor(i),
    material:
      i.activity_id && i.material_title !== null
        ? { id: i.activity_id, title: i.material_title, url: i.material_url }
        : null,
  };
}

export function presentEvent(e: RouteEventDb) {
  return {
    id: String(e.id),
    at: e.at,
    author: e.author_user_id ? { userId: e.author_user_id, fullName: e.author_name ?? '' } : null,
    kind: e.kind,
    itemId: e.item_id,
    text: e.text,
    data: e.data ?? {},
  };
}

export function presentCard(
  actor: Actor,
  r: RouteSummaryDb,
  items: RouteItemDb[],
  events: RouteEventDb[],
  itemEvents: ReadonlyMap<string, ItemEventDb> = new Map(),
) {
  return {
    ...presentSummary(r),
    frameworkId: r.framework_id,
    campaignId: r.campaign_id,
    baselineOn: r.baseline_on,
    cancelledReason: r.cancelled_reason,
    items: items.map((i) => presentItem(i, itemEvents)),
    events: events.map(presentEvent),
    permissions: routePermissions(actor, routeFacts(r)),
  };
}
