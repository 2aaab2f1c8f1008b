import { sql } from 'drizzle-orm';
import { type AuditEntry, writeAudit } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { forbidden, invalid, notFound } from '../platform/errors.ts';
import { emit } from '../platform/events/events.ts';
import { today as todayInZone } from '../platform/time/today.ts';
import { issueCertificate, revokeFor } from './certificates/certificates.service.ts';
import { canManagePlan, seesAllRegistrations } from './events.policy.ts';
import { presentRegistration } from './events.presenter.ts';
import {
  findEvent,
  findPlan,
  findRegistration,
  type PlanDb,
  type RegistrationDb,
  worksAt,
} from './events.repository.ts';
import type { RegistrationOut } from './events.schemas.ts';
import type { RegistrationRole } from './events.vocabulary.ts';

/**
 * Attendance and roles. The event's organizer (who keeps its plan) ticks who came; a tick is an
 * idempotent PUT of the registration's state, so a repeated or late request never undoes another:
 * it sets what it says. A confirmed attendance issues the certificate in the same transaction; an
 * unticked one revokes it.
 */

export type Deps = { db: Db; today?: () => string };
const dayOf = (deps: Deps) => (deps.today ?? todayInZone)();
type Who = Pick<Actor, 'userId' | 'email'> | null;

export const NOT_CONFIRMED = 'Отметить присутствие можно только у подтверждённой регистрации';

/** The registration and its plan if the actor keeps the plan; 403 to those who only see it, else 404. */
export async function managedRegistration(
  db: Db,
  actor: Actor,
  id: string,
  what: string,
): Promise<{ r: RegistrationDb; plan: PlanDb }> {
  const r = await findRegistration(db, id);
  const e = r ? await findEvent(db, actor, r.event_id) : null;
  const plan = e ? await findPlan(db, actor, e.plan_id) : null;
  if (!r || !plan) throw notFound('Регистрация не найдена.');
  if (canManagePlan(actor, plan)) return { r, plan };
  const sees =
    seesAllRegistrations(actor, plan) ||
    actor.personId === r.person_id ||
    (actor.role === 'org_head' &&
      !!actor.organizationId &&
      (await worksAt(db, r.person_id, actor.organizationId)));
  if (sees) throw forbidden(what);
  throw notFound('Регистрация не найдена.');
}

interface Locked {
  id: string;
  person_id: string;
  status: string;
  attended: boolean | null;
  role: RegistrationRole;
  topic: string | null;
  materials_url: string | null;
}

export async function lockRegistration(tx: Db, id: string): Promise<Locked | null> {
  const rows = await tx.query<Locked>(sql`
    SELECT id, person_id, status, attended, role, topic, materials_url FROM event_registrations WHERE id = ${id} FOR UPDATE`);
  return rows[0] ?? null;
}

/**
 * Sets the attendance of a locked, confirmed registration and issues or revokes its certificate.
 * Returns the audit entries (empty when nothing changed: the PUT is idempotent).
 */
export async function applyAttendance(
  tx: Db,
  who: Who,
  r: Locked,
  attended: boolean,
  source: 'check_in' | 'import',
  today: string,
): Promise<Omit<AuditEntry, 'actor'>[]> {
  if (r.attended === attended) return [];
  await tx.query(sql`
    UPDATE event_registrations SET attended = ${attended}, attendance_marked_by = ${who?.userId ?? null}::uuid,
      attendance_marked_at = now(), attendance_source = ${source}
    WHERE id = ${r.id}`);
  const entries: Omit<AuditEntry, 'actor'>[] = [
    {
      action: 'update',
      entity: 'event_registration',
      entityId: r.id,
      personId: r.person_id,
      before: { attended: r.attended },
      after: { attended, source },
    },
  ];
  if (attended) entries.push(...(await issueCertificate(tx, who, r.id, today)));
  else entries.push(...(await revokeFor(tx, who, r.id, 'Отметка о присутствии снята')));
  return entries;
}

/** An attendance that changed and committed: what the other contexts are told of. */
export interface AttendanceChange {
  registrationId: string;
  personId: string;
  attended: boolean;
}

/**
 * Tells the other contexts (a route item tied to the event closes, or opens again) of attendance
 * that changed, after its transaction committed: one event for the confirmed, with their valid
 * certificates, one for the revoked.
 */
export async function announceAttendance(
  db: Db,
  actor: Actor,
  eventId: string,
  changes: readonly AttendanceChange[],
): Promise<void> {
  const confirmed = changes.filter((c) => c.attended);
  const revoked = changes.filter((c) => !c.attended);
  if (confirmed.length) {
    const certs = await db.query<{ registration_id: string; id: string }>(sql`
      SELECT registration_id, id FROM event_certificates
      WHERE registration_id = ANY(${sql.param(confirmed.map((c) => c.registrationId))}::uuid[]) AND status = 'valid'`);
    const certOf = new Map(certs.map((c) => [c.registration_id, c.id]));
    const attendees = confirmed.flatMap((c) => {
      const certificateId = certOf.get(c.registrationId);
      return certificateId ? [{ personId: c.personId, registrationId: c.registrationId, certificateId }] : [];
    });
    if (attendees.length) await emit('events.attendance-confirmed', { eventId, attendees }, { db, actor });
  }
  if (revoked.length)
    await emit(
      'events.attendance-revoked',
      {
        eventId,
        attendees: revoked.map((c) => ({ personId: c.personId, registrationId: c.registrationId })),
      },
      { db, actor },
    );
}

export async function markAttendance(
  deps: Deps,
  actor: Actor,
  id: string,
  attended: boolean,
): Promise<RegistrationOut> {
  const { db } = deps;
  const { r: before } = await managedRegistration(
    db,
    actor,
    id,
    'Отмечать присутствие может организатор мероприятия.',
  );
  const changed = await db.transaction(async (tx) => {
    const r = await lockRegistration(tx, id);
    if (!r) throw notFound('Регистрация не найдена.');
    if (r.status !== 'confirmed') throw invalid(NOT_CONFIRMED);
    const entries = await applyAttendance(tx, actor, r, attended, 'check_in', dayOf(deps));
    for (const e of entries) await writeAudit(tx, { actor, ...e });
    return entries.length > 0;
  });
  if (changed)
    await announceAttendance(db, actor, before.event_id, [
      { registrationId: id, personId: before.person_id, attended },
    ]);
  return presentRegistration((await findRegistration(db, id))!);
}

/** The organizer sets a registration's role; a presenter needs a topic. A changed role re-issues. */
export async function setRole(
  deps: Deps,
  actor: Actor,
  id: string,
  input: {
    role: RegistrationRole;
    topic?: string | null | undefined;
    materialsUrl?: string | null | undefined;
  },
): Promise<RegistrationOut> {
  const { db } = deps;
  const { r: before } = await managedRegistration(
    db,
    actor,
    id,
    'Роль участника назначает организатор мероприятия.',
  );
  const topic = input.role === 'presenter' ? (input.topic ?? null) : null;
  const materialsUrl = input.role === 'presenter' ? (input.materialsUrl ?? null) : null;
  if (input.role === 'presenter' && !topic)
    throw invalid('Укажите тему выступления.', [{ path: 'topic', message: 'Укажите тему выступления' }]);
  const reissued = await db.transaction(async (tx) => {
    const r = await lockRegistration(tx, id);
    if (!r) throw notFound('Регистрация не найдена.');
    if (r.role === input.role && r.topic === topic && r.materials_url === materialsUrl) return false;
    await tx.query(sql`
      UPDATE event_registrations SET role = ${input.role}, topic = ${topic}, materials_url = ${materialsUrl} WHERE id = ${id}`);
    const entries: Omit<AuditEntry, 'actor'>[] = [
      {
        action: 'update',
        entity: 'event_registration',
        entityId: id,
        personId: r.person_id,
        before: { role: r.role, topic: r.topic, materialsUrl: r.materials_url },
        after: { role: input.role, topic, materialsUrl },
      },
    ];
    if (r.attended) {
      // The certificate names the role and the topic: the old one is revoked, a new one issued.
      entries.push(...(await revokeFor(tx, actor, id, 'Изменены роль или тема участника')));
      entries.push(...(await issueCertificate(tx, actor, id, dayOf(deps))));
    }
    for (const e of entries) await writeAudit(tx, { actor, ...e });
    return r.attended === true;
  });
  // A new certificate: the route items closed by the old one take it as their evidence.
  if (reissued)
    await announceAttendance(db, actor, before.event_id, [
      { registrationId: id, personId: before.person_id, attended: true },
    ]);
  return presentRegistration((await findRegistration(db, id))!);
}
