import type { Actor } from '../platform/auth/actor.ts';
import { canManagePlan, planAbilities } from './events.policy.ts';
import type { EventDb, EventWrite, PlanDb, RegistrationDb } from './events.repository.ts';
import type { EventOut, Plan, RegistrationOut } from './events.schemas.ts';
import {
  EVENT_KINDS,
  EVENT_LEVELS,
  PLAN_STATUSES,
  REGISTRATION_ROLES,
  REGISTRATION_STATUSES,
  schoolYearName,
} from './events.vocabulary.ts';

export function presentPlan(actor: Actor, p: PlanDb): Plan {
  const { canManage, canApprove } = planAbilities(actor, p);
  return {
    id: p.id,
    level: p.level,
    regionId: p.region_id,
    municipalityId: p.municipality_id,
    municipalityName: p.municipality_name,
    organizationId: p.organization_id,
    organizationName: p.organization_name,
    schoolYear: p.school_year,
    schoolYearName: schoolYearName(p.school_year),
    title: p.title,
    status: p.status,
    statusName: PLAN_STATUSES[p.status],
    approvedAt: p.approved_at,
    approvedByName: p.approved_by_name,
    eventCount: p.event_count,
    canManage,
    canApprove,
  };
}

/** An event's own fields, as written (the edit form, the audit's before and after). */
export function eventFields(e: EventDb): EventWrite {
  return {
    number: e.number,
    title: e.title,
    description: e.description,
    kind: e.kind,
    level: e.level,
    organizerOrganizationId: e.organizer_organization_id,
    responsiblePersonId: e.responsible_person_id,
    responsibleText: e.responsible_text,
    periodText: e.period_text,
    startsOn: e.starts_on,
    endsOn: e.ends_on,
    startTime: e.start_time,
    endTime: e.end_time,
    place: e.place,
    onlineUrl: e.online_url,
    target: e.target ?? {},
    capacity: e.capacity,
    registrationOpensOn: e.registration_opens_on,
    registrationClosesOn: e.registration_closes_on,
    waitlistCutoffOn: e.waitlist_cutoff_on,
    requiresApproval: e.requires_approval,
    plannedResult: e.planned_result,
    plannedResultText: e.planned_result_text,
  };
}

export function presentEvent(actor: Actor, plan: PlanDb, e: EventDb): EventOut {
  return {
    id: e.id,
    planId: e.plan_id,
    planStatus: e.plan_status,
    ...eventFields(e),
    kindName: EVENT_KINDS[e.kind],
    levelName: EVENT_LEVELS[e.level],
    organizerName: e.organizer_name,
    responsibleName: e.responsible_name,
    competencyCodes: e.competency_codes,
    seatsTaken: e.seats_taken,
    waitlisted: e.waitlisted,
    canManage: canManagePlan(actor, plan),
  };
}

export function presentRegistration(r: RegistrationDb): RegistrationOut {
  return {
    id: r.id,
    eventId: r.event_id,
    eventTitle: r.event_title,
    eventStartsOn: r.event_starts_on,
    personId: r.person_id,
    personName: r.person_name,
    organizationName: r.organization_name,
    status: r.status,
    statusName: REGISTRATION_STATUSES[r.status],
    source: r.source,
    createdAt: r.created_at,
    waitlistPosition: r.waitlist_position,
    role: r.role,
    roleName: REGISTRATION_ROLES[r.role],
    topic: r.topic,
    materialsUrl: r.materials_url,
    attended: r.attended,
    attendanceMarkedAt: r.attendance_marked_at,
    attendanceMarkedByName: r.attendance_marked_by_name,
    attendanceSource: r.attendance_source,
    certificate: r.certificate_id ? { id: r.certificate_id, status: r.certificate_status! } : null,
  };
}
