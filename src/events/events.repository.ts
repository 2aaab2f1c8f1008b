import { type SQL, sql } from 'drizzle-orm';
import { type DerivedRules, youngSql } from '../directory/derived/derived-rules.ts';
import { auditRowsSql } from '../platform/audit/audit.repository.ts';
import type { Actor, Role } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { planScope } from './events.policy.ts';
import type {
  EventKind,
  EventLevel,
  PlannedResult,
  RegistrationRole,
  RegistrationStatus,
} from './events.vocabulary.ts';

export interface Target {
  organizationIds?: string[] | undefined;
  orgKinds?: string[] | undefined;
  subjects?: string[] | undefined;
  positions?: string[] | undefined;
  youngOnly?: boolean | undefined;
}

export interface PlanDb {
  id: string;
  level: 'municipal' | 'institutional';
  region_id: string;
  municipality_id: string;
  municipality_name: string;
  organization_id: string | null;
  organization_name: string | null;
  school_year: number;
  title: string;
  status: 'draft' | 'approved';
  approved_at: string | null;
  approved_by_name: string | null;
  approved_by_role: Role | null;
  event_count: number;
}

const PLAN_SELECT = sql`
  SELECT pl.id, pl.level, pl.region_id, pl.municipality_id, m.name AS municipality_name,
         pl.organization_id, o.short_name AS organization_name, pl.school_year, pl.title, pl.status,
         pl.approved_at::text AS approved_at, u.full_name AS approved_by_name, u.role AS approved_by_role,
         (SELECT count(*)::int FROM events ev WHERE ev.plan_id = pl.id) AS event_count
  FROM event_plans pl
  JOIN municipalities m ON m.id = pl.municipality_id
  LEFT JOIN organizations o ON o.id = pl.organization_id
  LEFT JOIN users u ON u.id = pl.approved_by`;

export async function listPlans(
  db: Db,
  actor: Actor,
  f: { schoolYear?: number | undefined; status?: 'draft' | 'approved' | undefined },
): Promise<PlanDb[]> {
  const where: SQL[] = [planScope(actor)];
  if (f.schoolYear) where.push(sql`pl.school_year = ${f.schoolYear}`);
  if (f.status) where.push(sql`pl.status = ${f.status}`);
  return db.query<PlanDb>(sql`${PLAN_SELECT} WHERE ${sql.join(where, sql` AND `)}
    ORDER BY pl.school_year DESC, pl.level, m.name, o.short_name NULLS FIRST`);
}

/** The plan if the actor sees it. */
export async function findPlan(db: Db, actor: Actor, id: string): Promise<PlanDb | null> {
  const rows = await db.query<PlanDb>(sql`${PLAN_SELECT} WHERE pl.id = ${id} AND ${planScope(actor)}`);
  return rows[0] ?? null;
}

export async function insertPlan(
  db: Db,
  p: { municipalityId: string; organizationId: string | null; schoolYear: number; title: string },
): Promise<string | null> {
  const rows = await db.query<{ id: string }>(sql`
    INSERT INTO event_plans (level, region_id, municipality_id, organization_id, school_year, title)
    SELECT ${p.organizationId === null ? 'municipal' : 'institutional'}::event_plan_level, m.region_id, m.id,
           ${p.organizationId}::uuid, ${p.schoolYear}, ${p.title}
    FROM municipalities m WHERE m.id = ${p.municipalityId}
    ON CONFLICT DO NOTHING RETURNING id`);
  return rows[0]?.id ?? null;
}

export async function organizationMunicipality(db: Db, organizationId: string): Promise<string | null> {
  const rows = await db.query<{ municipality_id: string }>(
    sql`SELECT municipality_id FROM organizations WHERE id = ${organizationId}`,
  );
  return rows[0]?.municipality_id ?? null;
}

export async function updatePlanTitle(db: Db, id: string, title: string): Promise<void> {
  await db.query(sql`UPDATE event_plans SET title = ${title}, updated_at = now() WHERE id = ${id}`);
}

export async function approvePlan(db: Db, id: string, userId: string): Promise<boolean> {
  const rows = await db.query(sql`
    UPDATE event_plans SET status = 'approved', approved_by = ${userId}, approved_at = now(), updated_at = now()
    WHERE id = ${id} AND status = 'draft' RETURNING id`);
  return rows.length > 0;
}

export async function deletePlan(db: Db, id: string): Promise<void> {
  await db.query(sql`DELETE FROM event_plans WHERE id = ${id}`);
}

// ---- events ----

export interface EventDb {
  id: string;
  plan_id: string;
  plan_status: 'draft' | 'approved';
  number: string | null;
  title: string;
  description: string | null;
  kind: EventKind;
  level: EventLevel;
  organizer_organization_id: string | null;
  organizer_name: string | null;
  responsible_person_id: string | null;
  responsible_name: string | null;
  responsible_text: string | null;
  period_text: string | null;
  starts_on: string | null;
  ends_on: string | null;
  start_time: string | null;
  end_time: string | null;
  place: string | null;
  online_url: string | null;
  target: Target;
  capacity: number | null;
  registration_opens_on: string | null;
  registration_closes_on: string | null;
  waitlist_cutoff_on: string | null;
  requires_approval: boolean;
  planned_result: PlannedResult | null;
  planned_result_text: string | null;
  competency_codes: string[];
  seats_taken: number;
  waitlisted: number;
}

const EVENT_SELECT = sql`
  SELECT ev.id, ev.plan_id, pl.status AS plan_status, ev.number, ev.title, ev.description, ev.kind, ev.level,
         ev.organizer_organization_id, oo.short_name AS organizer_name,
         ev.responsible_person_id,
         CASE WHEN rp.id IS NULL THEN NULL ELSE trim(rp.last_name || ' ' || rp.first_name || ' ' || rp.patronymic) END AS responsible_name,
         ev.responsible_text, ev.period_text, ev.starts_on, ev.ends_on,
         to_char(ev.start_time, 'HH24:MI') AS start_time, to_char(ev.end_time, 'HH24:MI') AS end_time,
         ev.place, ev.online_url, ev.target,
         ev.capacity, ev.registration_opens_on, ev.registration_closes_on, ev.waitlist_cutoff_on,
         ev.requires_approval, ev.planned_result, ev.planned_result_text,
         COALESCE((SELECT array_agg(c.code ORDER BY c.code) FROM event_competencies ec
                   JOIN competencies c ON c.id = ec.competency_id WHERE ec.event_id = ev.id), '{}'::text[]) AS competency_codes,
         ev.seats_taken, ev.waitlisted
  FROM events ev
  JOIN event_plans pl ON pl.id = ev.plan_id
  LEFT JOIN organizations oo ON oo.id = ev.organizer_organization_id
  LEFT JOIN people rp ON rp.id = ev.responsible_person_id`;

export interface EventFilters {
  kind?: EventKind | undefined;
  level?: EventLevel | undefined;
  month?: number | undefined;
  q?: string | undefined;
}

/** Events of a plan (the caller has checked the plan is visible): by the plan's numbers as numbers (2.1 < 10.1), then dates. */
export async function listEvents(db: Db, planId: string, f: EventFilters): Promise<EventDb[]> {
  const where: SQL[] = [sql`ev.plan_id = ${planId}`];
  if (f.kind) where.push(sql`ev.kind = ${f.kind}`);
  if (f.level) where.push(sql`ev.level = ${f.level}`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push(sql`(ev.title ILIKE ${like} OR ev.responsible_text ILIKE ${like})`);
  }
  if (f.month) {
    // An event runs in a month when its dates cover any day of that month (in the plan's school year).
    where.push(sql`ev.starts_on IS NOT NULL AND EXISTS (
      SELECT 1 FROM generate_series(date_trunc('month', ev.starts_on), COALESCE(ev.ends_on, ev.starts_on), interval '1 month') g
      WHERE extract(month FROM g)::int = ${f.month})`);
  }
  return db.query<EventDb>(sql`${EVENT_SELECT} WHERE ${sql.join(where, sql` AND `)}
    ORDER BY ev.number IS NULL,
             array_remove(string_to_array(regexp_replace(COALESCE(ev.number, ''), '[^0-9.]', '', 'g'), '.'), '')::numeric[],
             ev.starts_on NULLS LAST, ev.title`);
}

/** The event if the actor sees its plan. */
export async function findEvent(db: Db, actor: Actor, id: string): Promise<EventDb | null> {
  const rows = await db.query<EventDb>(sql`${EVENT_SELECT} WHERE ev.id = ${id} AND ${planScope(actor)}`);
  return rows[0] ?? null;
}

export interface EventWrite {
  number: string | null;
  title: string;
  description: string | null;
  kind: EventKind;
  level: EventLevel;
  organizerOrganizationId: string | null;
  responsiblePersonId: string | null;
  responsibleText: string | null;
  periodText: string | null;
  startsOn: string | null;
  endsOn: string | null;
  /** 'HH:MM' in the platform's time zone: a timed event (the hour-before reminder, a timed iCal entry). */
  startTime: string | null;
  endTime: string | null;
  place: string | null;
  onlineUrl: string | null;
  target: Target;
  capacity: number | null;
  registrationOpensOn: string | null;
  registrationClosesOn: string | null;
  waitlistCutoffOn: string | null;
  requiresApproval: boolean;
  plannedResult: PlannedResult | null;
  plannedResultText: string | null;
}

const json = (v: unknown) => (v === null ? null : JSON.stringify(v));

export async function insertEvent(db: Db, planId: string, e: EventWrite): Promise<string> {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO events (plan_id, number, title, description, kind, level, organizer_organization_id,
      responsible_person_id, responsible_text, period_text, starts_on, ends_on, start_time, end_time, place, online_url, target,
      capacity, registration_opens_on, registration_closes_on, waitlist_cutoff_on, requires_approval, planned_result,
      planned_result_text)
    VALUES (${planId}, ${e.number}, ${e.title}, ${e.description}, ${e.kind}, ${e.level}, ${e.organizerOrganizationId}::uuid,
      ${e.responsiblePersonId}::uuid, ${e.responsibleText}, ${e.periodText}, ${e.startsOn}::date, ${e.endsOn}::date,
      ${e.startTime}::time, ${e.endTime}::time, ${e.place}, ${e.onlineUrl}, ${JSON.stringify(e.target)}::jsonb, ${e.capacity}::int, ${e.registrationOpensOn}::date,
      ${e.registrationClosesOn}::date, ${e.waitlistCutoffOn}::date, ${e.requiresApproval},
      ${json(e.plannedResult)}::jsonb, ${e.plannedResultText})
    RETURNING id`);
  return row!.id;
}

export async function updateEvent(db: Db, id: string, e: EventWrite): Promise<void> {
  await db.query(sql`
    UPDATE events SET number = ${e.number}, title = ${e.title}, description = ${e.description}, kind = ${e.kind},
      level = ${e.level}, organizer_organization_id = ${e.organizerOrganizationId}::uuid,
      responsible_person_id = ${e.responsiblePersonId}::uuid, responsible_text = ${e.responsibleText},
      period_text = ${e.periodText}, starts_on = ${e.startsOn}::date, ends_on = ${e.endsOn}::date,
      start_time = ${e.startTime}::time, end_time = ${e.endTime}::time, place = ${e.place},
      online_url = ${e.onlineUrl}, target = ${JSON.stringify(e.target)}::jsonb, capacity = ${e.capacity}::int,
      registration_opens_on = ${e.registrationOpensOn}::date, registration_closes_on = ${e.registrationClosesOn}::date,
      waitlist_cutoff_on = ${e.waitlistCutoffOn}::date, requires_approval = ${e.requiresApproval},
      planned_result = ${json(e.plannedResult)}::jsonb, planned_result_text = ${e.plannedResultText}, updated_at = now()
    WHERE id = ${id}`);
}

export async function deleteEvent(db: Db, id: string): Promise<void> {
  await db.query(sql`DELETE FROM events WHERE id = ${id}`);
}

export async function setEventCompetencies(db: Db, eventId: string, ids: string[]): Promise<void> {
  await db.query(sql`DELETE FROM event_competencies WHERE event_id = ${eventId}`);
  if (ids.length === 0) return;
  await db.query(sql`
    INSERT INTO event_competencies (event_id, competency_id)
    SELECT ${eventId}, x FROM unnest(${sql.param(ids)}::uuid[]) AS x ON CONFLICT DO NOTHING`);
}

export async function eventCompetencies(db: Db, eventId: string) {
  return db.query<{ id: string; code: string; name: string }>(sql`
    SELECT c.id, c.code, c.name FROM event_competencies ec JOIN competencies c ON c.id = ec.competency_id
    WHERE ec.event_id = ${eventId} ORDER BY c.code`);
}

/** Whether the organization lies in the municipality (an organizer / a target organization). */
export async function organizationsIn(db: Db, ids: string[], municipalityId: string): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ id: string }>(sql`
    SELECT id FROM organizations WHERE id = ANY(${sql.param(ids)}::uuid[]) AND municipality_id = ${municipalityId}`);
  return new Set(rows.map((r) => r.id));
}

/** Whether the person currently works in the municipality (a responsible person). */
export async function personWorksIn(db: Db, personId: string, municipalityId: string): Promise<boolean> {
  const rows = await db.query(sql`
    SELECT 1 FROM employments e JOIN organizations o ON o.id = e.organization_id
    WHERE e.person_id = ${personId} AND e.end_date IS NULL AND o.municipality_id = ${municipalityId} LIMIT 1`);
  return rows.length > 0;
}

// ---- target group and registrations ----

/**
 * The target rule as SQL over a current employment (e), its organization (o) and the person (p),
 * within the plan's territory: the municipality's organizations, or the plan's own organization.
 */
export function targetSql(
  plan: { municipality_id: string; organization_id: string | null },
  t: Target,
  rules: DerivedRules,
  today: string,
): SQL {
  const where: SQL[] = [sql`e.end_date IS NULL`];
  where.push(
    plan.organization_id
      ? sql`o.id = ${plan.organization_id}`
      : sql`o.municipality_id = ${plan.municipality_id}`,
  );
  if (t.organizationIds?.length) where.push(sql`o.id = ANY(${sql.param(t.organizationIds)}::uuid[])`);
  if (t.orgKinds?.length) where.push(sql`o.kind::text = ANY(${sql.param(t.orgKinds)}::text[])`);
  if (t.subjects?.length) where.push(sql`e.subjects && ${sql.param(t.subjects)}::text[]`);
  if (t.positions?.length) where.push(sql`e.position = ANY(${sql.param(t.positions)}::text[])`);
  if (t.youngOnly) where.push(youngSql(rules, 'p', today));
  return sql.join(where, sql` AND `);
}

export async function personInTarget(
  db: Db,
  personId: string,
  plan: { municipality_id: string; organization_id: string | null },
  target: Target,
  rules: DerivedRules,
  today: string,
): Promise<boolean> {
  const rows = await db.query(sql`
    SELECT 1 FROM employments e JOIN organizations o ON o.id = e.organization_id JOIN people p ON p.id = e.person_id
    WHERE e.person_id = ${personId} AND ${targetSql(plan, target, rules, today)} LIMIT 1`);
  return rows.length > 0;
}

export interface RegistrationDb {
  id: string;
  event_id: string;
  event_title: string;
  event_starts_on: string | null;
  person_id: string;
  person_name: string;
  organization_name: string | null;
  status: RegistrationStatus;
  source: 'self' | 'nominated';
  created_at: string;
  waitlist_position: number | null;
  role: RegistrationRole;
  topic: string | null;
  materials_url: string | null;
  attended: boolean | null;
  attendance_marked_at: string | null;
  attendance_marked_by_name: string | null;
  attendance_source: 'check_in' | 'import' | null;
  certificate_id: string | null;
  certificate_status: 'valid' | 'revoked' | null;
}

const REG_SELECT = sql`
  SELECT r.id, r.event_id, ev.title AS event_title, ev.starts_on AS event_starts_on, r.person_id,
         trim(p.last_name || ' ' || p.first_name || ' ' || p.patronymic) AS person_name,
         (SELECT o.short_name FROM employments e JOIN organizations o ON o.id = e.organization_id
          WHERE e.person_id = p.id AND e.end_date IS NULL ORDER BY (e.kind = 'main') DESC, o.short_name LIMIT 1) AS organization_name,
         r.status, r.source, r.created_at::text AS created_at,
         CASE WHEN r.status = 'waitlisted' THEN
           (SELECT count(*)::int FROM event_registrations w WHERE w.event_id = r.event_id AND w.status = 'waitlisted'
              AND (w.waitlisted_at, w.id) <= (r.waitlisted_at, r.id)) END AS waitlist_position,
         r.role, r.topic, r.materials_url, r.attended, r.attendance_marked_at::text AS attendance_marked_at,
         mu.full_name AS attendance_marked_by_name, r.attendance_source,
         lc.id AS certificate_id, lc.status AS certificate_status
  FROM event_registrations r
  JOIN events ev ON ev.id = r.event_id
  JOIN people p ON p.id = r.person_id
  LEFT JOIN users mu ON mu.id = r.attendance_marked_by
  LEFT JOIN LATERAL (SELECT c.id, c.status FROM event_certificates c WHERE c.registration_id = r.id AND c.kind <> 'diploma'
                     ORDER BY (c.status = 'valid') DESC, c.issued_at DESC LIMIT 1) lc ON true`;

/** An event's registrations; `scope` cuts them to the people the caller may see (true for all). */
export async function listRegistrations(
  db: Db,
  eventId: string,
  scope: SQL,
  opts: { live?: boolean } = {},
): Promise<RegistrationDb[]> {
  const live = opts.live ? sql`r.status IN ('pending', 'confirmed', 'waitlisted')` : sql`true`;
  return db.query<RegistrationDb>(sql`${REG_SELECT} WHERE r.event_id = ${eventId} AND ${scope} AND ${live}
    ORDER BY array_position(ARRAY['confirmed', 'pending', 'waitlisted', 'rejected', 'cancelled']::text[], r.status::text),
             r.waitlisted_at NULLS FIRST, r.created_at, p.last_name, p.first_name`);
}

/** A person's registrations across events whose plans the actor sees. */
export async function personRegistrations(db: Db, actor: Actor, personId: string): Promise<RegistrationDb[]> {
  return db.query<RegistrationDb>(sql`${REG_SELECT} JOIN event_plans pl ON pl.id = ev.plan_id
    WHERE r.person_id = ${personId} AND ${planScope(actor)}
    ORDER BY ev.starts_on DESC NULLS LAST, r.created_at DESC`);
}

export async function findRegistration(db: Db, id: string): Promise<RegistrationDb | null> {
  const rows = await db.query<RegistrationDb>(sql`${REG_SELECT} WHERE r.id = ${id}`);
  return rows[0] ?? null;
}

/** The person's live registration for the event. */
export async function liveRegistration(
  db: Db,
  eventId: string,
  personId: string,
): Promise<RegistrationDb | null> {
  const rows = await db.query<RegistrationDb>(sql`${REG_SELECT}
    WHERE r.event_id = ${eventId} AND r.person_id = ${personId} AND r.status IN ('pending', 'confirmed', 'waitlisted')`);
  return rows[0] ?? null;
}

export interface LockedEvent {
  id: string;
  capacity: number | null;
  requires_approval: boolean;
  starts_on: string | null;
  waitlist_cutoff_on: string | null;
}

/**
 * Locks the event's row for the rest of the transaction (SELECT … FOR UPDATE): every change of
 * its seats goes through this lock, so two registrations never count the same free seat.
 */
export async function lockEvent(db: Db, id: string): Promise<LockedEvent | null> {
  const rows = await db.query<LockedEvent>(sql`
    SELECT id, capacity, requires_approval, starts_on, waitlist_cutoff_on FROM events WHERE id = ${id} FOR UPDATE`);
  return rows[0] ?? null;
}

/** The seats held (pending, confirmed): the counter on the event's row, exact under its lock. */
export async function seatsTaken(db: Db, eventId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql`SELECT seats_taken AS n FROM events WHERE id = ${eventId}`);
  return row!.n;
}

/**
 * Registers a person in one statement: it locks the event's row (FOR UPDATE returns its newest
 * version, with the seat counters every earlier registration moved — migration 0027), decides the
 * status from them, inserts the registration and its audit entry. The lock is held for that one
 * statement only, not across round trips. Returns null when there is no such event; `id` null when
 * the person already has a live registration (the partial unique index).
 */
export async function registerForEvent(
  db: Db,
  r: {
    eventId: string;
    personId: string;
    source: 'self' | 'nominated';
    actor: Pick<Actor, 'userId' | 'email'>;
  },
): Promise<{ id: string | null; status: RegistrationStatus | null } | null> {
  const audit = auditRowsSql({ actor: r.actor, action: 'create', entity: 'event_registration' }, sql`ins`, {
    entityId: sql`ins.id::text`,
    personId: sql`ins.person_id`,
    after: sql`jsonb_build_object('eventId', ins.event_id, 'status', ins.status, 'source', ins.source)`,
  });
  const rows = await db.query<{ id: string | null; status: RegistrationStatus | null }>(sql`
    WITH ev AS (
      SELECT id, CASE WHEN capacity IS NOT NULL AND seats_taken >= capacity THEN 'waitlisted'
                      WHEN requires_approval THEN 'pending' ELSE 'confirmed' END::event_registration_status AS status
      FROM events WHERE id = ${r.eventId} FOR UPDATE
    ), ins AS (
      INSERT INTO event_registrations (event_id, person_id, status, source, created_by, waitlisted_at)
      SELECT ev.id, ${r.personId}, ev.status, ${r.source}, ${r.actor.userId},
             CASE WHEN ev.status = 'waitlisted' THEN clock_timestamp() END
      FROM ev
      ON CONFLICT (event_id, person_id) WHERE status IN ('pending', 'confirmed', 'waitlisted') DO NOTHING
      RETURNING id, event_id, person_id, status, source
    ), audited AS (${audit})
    SELECT ins.id, ins.status FROM ev LEFT JOIN ins ON true`);
  return rows[0] ?? null;
}

/** Inserts a registration of a given status (the demo's past events); null when one is live already. */
export async function insertRegistration(
  db: Db,
  r: {
    eventId: string;
    personId: string;
    status: RegistrationStatus;
    source: 'self' | 'nominated';
    userId: string;
  },
): Promise<string | null> {
  const rows = await db.query<{ id: string }>(sql`
    INSERT INTO event_registrations (event_id, person_id, status, source, created_by, waitlisted_at)
    VALUES (${r.eventId}, ${r.personId}, ${r.status}, ${r.source}, ${r.userId},
            ${r.status === 'waitlisted' ? sql`clock_timestamp()` : sql`NULL`})
    ON CONFLICT (event_id, person_id) WHERE status IN ('pending', 'confirmed', 'waitlisted') DO NOTHING
    RETURNING id`);
  return rows[0]?.id ?? null;
}

export async function setRegistrationStatus(
  db: Db,
  id: string,
  from: readonly RegistrationStatus[],
  to: RegistrationStatus,
): Promise<boolean> {
  const rows = await db.query(sql`
    UPDATE event_registrations SET status = ${to},
      cancelled_at = CASE WHEN ${to} = 'cancelled' THEN now() ELSE cancelled_at END,
      decided_at = CASE WHEN ${to} IN ('confirmed', 'rejected') THEN now() ELSE decided_at END
    WHERE id = ${id} AND status::text = ANY(${sql.param([...from])}::text[]) RETURNING id`);
  return rows.length > 0;
}

/**
 * Gives free seats to the waiting list in its order (the event is locked by the caller).
 * Returns the promoted registrations.
 */
export async function promoteWaitlist(
  db: Db,
  e: LockedEvent,
): Promise<{ id: string; person_id: string; status: RegistrationStatus }[]> {
  if (e.capacity === null) return [];
  const free = e.capacity - (await seatsTaken(db, e.id));
  if (free <= 0) return [];
  const to: RegistrationStatus = e.requires_approval ? 'pending' : 'confirmed';
  return db.query(sql`
    UPDATE event_registrations SET status = ${to}, waitlisted_at = waitlisted_at
    WHERE id IN (SELECT id FROM event_registrations WHERE event_id = ${e.id} AND status = 'waitlisted'
                 ORDER BY waitlisted_at, id LIMIT ${free})
    RETURNING id, person_id, status`);
}

/** Whether the person currently works in the organization (a school head's staff). */
export async function worksAt(db: Db, personId: string, organizationId: string): Promise<boolean> {
  const rows = await db.query(sql`
    SELECT 1 FROM employments WHERE person_id = ${personId} AND organization_id = ${organizationId} AND end_date IS NULL`);
  return rows.length > 0;
}

export async function personName(db: Db, personId: string): Promise<string | null> {
  const rows = await db.query<{ name: string }>(sql`
    SELECT trim(last_name || ' ' || first_name || ' ' || patronymic) AS name FROM people WHERE id = ${personId}`);
  return rows[0]?.name ?? null;
}

export interface TalkDb {
  registration_id: string;
  event_id: string;
  event_title: string;
  event_kind: EventKind;
  event_level: EventLevel;
  starts_on: string | null;
  ends_on: string | null;
  period_text: string | null;
  topic: string | null;
  materials_url: string | null;
  certificate_id: string | null;
}

/** The person's talks: registrations as presenter with attendance confirmed, latest first. */
export async function personTalks(db: Db, personId: string): Promise<TalkDb[]> {
  return db.query<TalkDb>(sql`
    SELECT r.id AS registration_id, ev.id AS event_id, ev.title AS event_title, ev.kind AS event_kind,
           ev.level AS event_level, ev.starts_on::text AS starts_on, ev.ends_on::text AS ends_on, ev.period_text,
           r.topic, r.materials_url,
           (SELECT c.id FROM event_certificates c WHERE c.registration_id = r.id AND c.status = 'valid' LIMIT 1) AS certificate_id
    FROM event_registrations r JOIN events ev ON ev.id = r.event_id
    WHERE r.person_id = ${personId} AND r.role = 'presenter' AND r.status = 'confirmed' AND r.attended
    ORDER BY ev.starts_on DESC NULLS LAST, ev.title, r.id`);
}
