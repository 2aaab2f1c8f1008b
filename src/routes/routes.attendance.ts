import { type AuditEntry, writeAuditMany } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { type Db, sql } from '../platform/db/database.ts';
import type { EventMap } from '../platform/events/events.ts';
import type { Evidence } from './routes.presenter.ts';

/**
 * Route items tied to an event follow its attendance (the reactions in src/server/wiring.ts):
 * confirmed attendance closes the attendee's live items of kind 'event' for that event — done and
 * confirmed at once, the certificate as the evidence, a line in the route's history — and a revoked
 * one opens again only the items attendance closed (their evidence is a certificate). Set-based: a
 * webinar report of thousands of attendees is a few statements. Safe to run again.
 */

export const ROUTE_ATTENDANCE_JOB = 'routes-attendance';

export interface AttendanceClosed {
  /** The route events written for the items closed now (the curator's notification keys). */
  routeEventIds: number[];
  /** Items closed now. */
  closed: number;
  /** Items closed earlier whose certificate was re-issued: the new one is their evidence. */
  refreshed: number;
}

interface Match {
  item_id: string;
  route_id: string;
  title: string;
  person_id: string;
  registration_id: string;
  certificate_id: string;
  serial: string;
  token: string;
  /** Closed before (by this attendance): only its evidence changes. */
  already: boolean;
}

const ruDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

export async function closeItemsByAttendance(
  db: Db,
  actor: Actor,
  p: EventMap['events.attendance-confirmed'],
): Promise<AttendanceClosed> {
  if (p.attendees.length === 0) return { routeEventIds: [], closed: 0, refreshed: 0 };
  return db.transaction(async (tx) => {
    const matches = await tx.query<Match>(sql`
      WITH x AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(
          p.attendees.map((a) => ({
            person_id: a.personId,
            registration_id: a.registrationId,
            certificate_id: a.certificateId,
          })),
        )}::jsonb) AS x(person_id uuid, registration_id uuid, certificate_id uuid)
      )
      SELECT i.id AS item_id, i.route_id, i.title, r.person_id, x.registration_id, c.id AS certificate_id,
             c.serial, c.token, (i.status = 'done' AND i.confirmed_at IS NOT NULL) AS already
      FROM x
      JOIN event_certificates c ON c.id = x.certificate_id AND c.registration_id = x.registration_id
        AND c.person_id = x.person_id AND c.event_id = ${p.eventId} AND c.status = 'valid'
      JOIN learning_routes r ON r.person_id = x.person_id AND r.status IN ('draft', 'agreed', 'in_progress')
      JOIN learning_route_items i ON i.route_id = r.id AND i.activity_kind = 'event' AND i.activity_id = ${p.eventId}
      WHERE i.status <> 'dropped'
        AND (NOT (i.status = 'done' AND i.confirmed_at IS NOT NULL)
             OR (i.evidence->>'kind' = 'certificate' AND i.evidence->>'registrationId' = x.registration_id::text
                 AND i.evidence->>'certificateId' <> c.id::text))
      ORDER BY i.route_id, i.position
      FOR UPDATE OF i`);
    if (matches.length === 0) return { routeEventIds: [], closed: 0, refreshed: 0 };
    const rows = matches.map((m) => {
      const evidence: Evidence = {
        kind: 'certificate',
        certificateId: m.certificate_id,
        serial: m.serial,
        verifyPath: `/verify/${encodeURIComponent(`${m.serial}-${m.token}`)}`,
        eventId: p.eventId,
        registrationId: m.registration_id,
      };
      return { ...m, evidence };
    });
    await tx.query(sql`
      UPDATE learning_route_items i SET status = 'done', evidence = x.evidence,
             confirmed_at = CASE WHEN x.already THEN i.confirmed_at ELSE now() END,
             confirmed_by = CASE WHEN x.already THEN i.confirmed_by ELSE NULL END
      FROM jsonb_to_recordset(${JSON.stringify(
        rows.map((r) => ({ id: r.item_id, evidence: r.evidence, already: r.already })),
      )}::jsonb) AS x(id uuid, evidence jsonb, already boolean)
      WHERE i.id = x.id`);
    const events = await tx.query<{ id: number; already: boolean }>(sql`
      INSERT INTO learning_route_events (route_id, item_id, author_user_id, kind, text, data)
      SELECT x.route_id, x.item_id, NULL, 'confirmed', x.text, x.data
      FROM jsonb_to_recordset(${JSON.stringify(
        rows.map((r) => ({
          route_id: r.route_id,
          item_id: r.item_id,
          text: r.already
            ? `Сертификат участия в мероприятии «${r.title}» выдан заново: № ${r.serial}`
            : `Участие в мероприятии «${r.title}» подтверждено организатором: сертификат № ${r.serial}`,
          data: { action: 'attendance', eventId: p.eventId, evidence: r.evidence, refreshed: r.already },
        })),
      )}::jsonb) AS x(route_id uuid, item_id uuid, text text, data jsonb)
      RETURNING id, (data->>'refreshed')::boolean AS already`);
    await writeAuditMany(
      tx,
      rows.map(
        (r): AuditEntry => ({
          actor,
          action: 'item_confirm',
          entity: 'learning_route',
          entityId: r.route_id,
          personId: r.person_id,
          details: {
            itemId: r.item_id,
            source: 'attendance',
            eventId: p.eventId,
            certificateId: r.certificate_id,
            serial: r.serial,
          },
        }),
      ),
    );
    return {
      routeEventIds: events.filter((e) => !e.already).map((e) => Number(e.id)),
      closed: rows.filter((r) => !r.already).length,
      refreshed: rows.filter((r) => r.already).length,
    };
  });
}

/**
 * Attendance taken back, or the certificate itself revoked: the items that certificate closed open
 * again — in progress when the route runs, else planned — without evidence or confirmation. Items
 * the curator confirmed by hand stay. A revoked certificate reopens only the items it is evidence of.
 */
export async function reopenItemsByRevocation(
  db: Db,
  actor: Actor,
  p: {
    eventId: string;
    attendees: { personId: string; registrationId: string; certificateId?: string }[];
    /** Set when the organizer revoked the certificate directly: the reason goes into the history. */
    reason?: string;
  },
  today: string,
): Promise<number> {
  if (p.attendees.length === 0) return 0;
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string; route_id: string; person_id: string; title: string }>(sql`
      WITH x AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(
          p.attendees.map((a) => ({
            person_id: a.personId,
            registration_id: a.registrationId,
            certificate_id: a.certificateId ?? null,
          })),
        )}::jsonb) AS x(person_id uuid, registration_id uuid, certificate_id uuid)
      )
      UPDATE learning_route_items i
      SET status = CASE WHEN r.status = 'in_progress' THEN 'in_progress' ELSE 'planned' END::route_item_status,
          evidence = NULL, confirmed_at = NULL, confirmed_by = NULL
      FROM x, learning_routes r
      WHERE r.id = i.route_id AND r.person_id = x.person_id AND r.status IN ('draft', 'agreed', 'in_progress')
        AND i.activity_kind = 'event' AND i.activity_id = ${p.eventId} AND i.status = 'done'
        AND i.evidence->>'kind' = 'certificate' AND i.evidence->>'registrationId' = x.registration_id::text
        AND (x.certificate_id IS NULL OR i.evidence->>'certificateId' = x.certificate_id::text)
      RETURNING i.id, i.route_id, r.person_id, i.title`);
    if (rows.length === 0) return 0;
    await tx.query(sql`
      INSERT INTO learning_route_events (route_id, item_id, author_user_id, kind, text, data)
      SELECT x.route_id, x.item_id, NULL, 'item_status', x.text, x.data
      FROM jsonb_to_recordset(${JSON.stringify(
        rows.map((r) => ({
          route_id: r.route_id,
          item_id: r.id,
          text: p.reason
            ? `Сертификат участия в мероприятии «${r.title}» отозван ${ruDate(today)} (${p.reason}): мероприятие снова открыто`
            : `Отметка о присутствии на мероприятии «${r.title}» снята ${ruDate(today)}: мероприятие снова открыто`,
          data: {
            action: p.reason ? 'certificate_revoked' : 'attendance_revoked',
            eventId: p.eventId,
            ...(p.reason ? { reason: p.reason } : {}),
          },
        })),
      )}::jsonb) AS x(route_id uuid, item_id uuid, text text, data jsonb)`);
    await writeAuditMany(
      tx,
      rows.map(
        (r): AuditEntry => ({
          actor,
          action: 'item_return',
          entity: 'learning_route',
          entityId: r.route_id,
          personId: r.person_id,
          details: {
            itemId: r.id,
            source: p.reason ? 'certificate_revoked' : 'attendance_revoked',
            eventId: p.eventId,
          },
        }),
      ),
    );
    return rows.length;
  });
}
