import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import type { CertificateContent } from '../events.schemas.ts';
import type { CertificateKind, RegistrationRole } from '../events.vocabulary.ts';

export interface CertificateDb {
  id: string;
  registration_id: string;
  event_id: string;
  plan_id: string;
  person_id: string;
  kind: CertificateKind;
  role: RegistrationRole;
  serial: string;
  token: string;
  content: CertificateContent;
  status: 'valid' | 'revoked';
  issued_at: string;
  revoked_at: string | null;
  revoked_reason: string | null;
}

const CERT_SELECT = sql`
  SELECT c.id, c.registration_id, c.event_id, ev.plan_id, c.person_id, c.kind, c.role, c.serial, c.token, c.content,
         c.status, c.issued_at::text AS issued_at, c.revoked_at::text AS revoked_at, c.revoked_reason
  FROM event_certificates c JOIN events ev ON ev.id = c.event_id`;

/** The serial's prefix: «МР» (Маршрут), the year and the year's running number. */
export const serialOf = (year: number, seq: number) => `МР-${year}-${String(seq).padStart(6, '0')}`;

/** No 0/O, 1/I/L: the suffix is read off paper. 10 characters of 31: about 50 bits. */
const TOKEN_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function newToken(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += TOKEN_ALPHABET[randomInt(TOKEN_ALPHABET.length)];
  return s;
}

/** The public code: the serial and the random suffix, «МР-2026-000123-7QK4M2XWPA». */
export const codeOf = (c: { serial: string; token: string }) => `${c.serial}-${c.token}`;

export function parseCode(code: string): { serial: string; token: string } | null {
  const m = /^(МР-\d{4}-\d{6,})-([2-9A-Z]{10})$/.exec(code.trim().toUpperCase());
  return m ? { serial: m[1]!, token: m[2]! } : null;
}

/** The year's next running number; the counter's row lock serializes concurrent issues. */
export async function nextSeq(db: Db, year: number): Promise<number> {
  const [row] = await db.query<{ last: number }>(sql`
    INSERT INTO event_certificate_counters (year, last) VALUES (${year}, 1)
    ON CONFLICT (year) DO UPDATE SET last = event_certificate_counters.last + 1
    RETURNING last`);
  return row!.last;
}

/** What a certificate for the registration says: the person, the event, its date and organizer. */
export interface IssueFacts {
  registration_id: string;
  event_id: string;
  person_id: string;
  role: RegistrationRole;
  topic: string | null;
  person_name: string;
  event_title: string;
  event_kind: string;
  starts_on: string | null;
  ends_on: string | null;
  period_text: string | null;
  organizer_name: string;
  valid_certificate_id: string | null;
}

export async function issueFacts(db: Db, registrationId: string): Promise<IssueFacts | null> {
  const rows = await db.query<IssueFacts>(sql`
    SELECT r.id AS registration_id, r.event_id, r.person_id, r.role, r.topic,
           trim(p.last_name || ' ' || p.first_name || ' ' || p.patronymic) AS person_name,
           ev.title AS event_title, ev.kind::text AS event_kind, ev.starts_on, ev.ends_on, ev.period_text,
           COALESCE(oo.full_name, oo.short_name, po.full_name, po.short_name, m.name) AS organizer_name,
           (SELECT c.id FROM event_certificates c WHERE c.registration_id = r.id AND c.status = 'valid'
              AND c.kind <> 'diploma') AS valid_certificate_id
    FROM event_registrations r
    JOIN people p ON p.id = r.person_id
    JOIN events ev ON ev.id = r.event_id
    JOIN event_plans pl ON pl.id = ev.plan_id
    JOIN municipalities m ON m.id = pl.municipality_id
    LEFT JOIN organizations oo ON oo.id = ev.organizer_organization_id
    LEFT JOIN organizations po ON po.id = pl.organization_id
    WHERE r.id = ${registrationId}`);
  return rows[0] ?? null;
}

export async function insertCertificate(
  db: Db,
  c: {
    registrationId: string;
    eventId: string;
    personId: string;
    kind: CertificateKind;
    role: RegistrationRole;
    year: number;
    seq: number;
    serial: string;
    token: string;
    content: CertificateContent;
    userId: string | null;
  },
): Promise<string> {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO event_certificates (registration_id, event_id, person_id, kind, role, year, seq, serial, token, content, issued_by)
    VALUES (${c.registrationId}, ${c.eventId}, ${c.personId}, ${c.kind}, ${c.role}, ${c.year}, ${c.seq}, ${c.serial},
            ${c.token}, ${JSON.stringify(c.content)}::jsonb, ${c.userId}::uuid)
    RETURNING id`);
  return row!.id;
}

/** Revokes the certificate if it is valid; false when it already was revoked. */
export async function revokeCertificate(
  db: Db,
  id: string,
  reason: string,
  userId: string | null,
): Promise<boolean> {
  const rows = await db.query(sql`
    UPDATE event_certificates SET status = 'revoked', revoked_at = now(), revoked_reason = ${reason},
      revoked_by = ${userId}::uuid
    WHERE id = ${id} AND status = 'valid' RETURNING id`);
  return rows.length > 0;
}

export async function findCertificate(db: Db, id: string): Promise<CertificateDb | null> {
  const rows = await db.query<CertificateDb>(sql`${CERT_SELECT} WHERE c.id = ${id}`);
  return rows[0] ?? null;
}

export async function findByCode(db: Db, serial: string, token: string): Promise<CertificateDb | null> {
  const rows = await db.query<CertificateDb>(
    sql`${CERT_SELECT} WHERE c.serial = ${serial} AND c.token = ${token}`,
  );
  return rows[0] ?? null;
}

export async function personCertificates(db: Db, personId: string): Promise<CertificateDb[]> {
  return db.query<CertificateDb>(sql`${CERT_SELECT} WHERE c.person_id = ${personId}
    ORDER BY c.issued_at DESC, c.serial DESC`);
}

export async function eventCertificates(db: Db, eventId: string): Promise<CertificateDb[]> {
  return db.query<CertificateDb>(sql`${CERT_SELECT} WHERE c.event_id = ${eventId} ORDER BY c.serial`);
}
