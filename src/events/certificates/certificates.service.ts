import type { AuditEntry } from '../../platform/audit/audit.repository.ts';
import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import { emit } from '../../platform/events/events.ts';
import { today as todayInZone } from '../../platform/time/today.ts';
import { canManagePlan } from '../events.policy.ts';
import { findEvent, findPlan, personTalks } from '../events.repository.ts';
import type { CertificateContent, CertificateOut } from '../events.schemas.ts';
import {
  CERTIFICATE_KINDS,
  certificateKindFor,
  EVENT_KINDS,
  EVENT_LEVELS,
  REGISTRATION_ROLES,
} from '../events.vocabulary.ts';
import { certificatePdf } from './certificates.pdf.ts';
import {
  type CertificateDb,
  codeOf,
  findByCode,
  findCertificate,
  type IssueFacts,
  insertCertificate,
  issueFacts,
  newToken,
  nextSeq,
  parseCode,
  personCertificates,
  revokeCertificate,
  serialOf,
} from './certificates.repository.ts';

/**
 * Certificates of events: issued in the transaction that confirms attendance (so a tick and its
 * certificate never part), revoked by the organizer with a reason, verified publicly by a code
 * that carries a random suffix. The PDF is drawn on each download from the stored content.
 */

type Who = Pick<Actor, 'userId' | 'email'> | null;
type Entry = Omit<AuditEntry, 'actor'>;

const STATUS_NAMES = { valid: 'действителен', revoked: 'отозван' } as const;

const ru = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

function eventDate(f: Pick<IssueFacts, 'starts_on' | 'ends_on' | 'period_text'>): string {
  if (!f.starts_on) return f.period_text ?? 'дата не указана';
  if (f.ends_on && f.ends_on !== f.starts_on) return `${ru(f.starts_on)}–${ru(f.ends_on)}`;
  return ru(f.starts_on);
}

export function contentOf(f: IssueFacts): CertificateContent {
  const kind = certificateKindFor(f.role);
  return {
    title: CERTIFICATE_KINDS[kind],
    personName: f.person_name,
    eventTitle: f.event_title,
    eventKindName: EVENT_KINDS[f.event_kind as keyof typeof EVENT_KINDS] ?? f.event_kind,
    eventDate: eventDate(f),
    organizerName: f.organizer_name,
    roleName: REGISTRATION_ROLES[f.role],
    topic: f.role === 'presenter' ? f.topic : null,
  };
}

/**
 * Issues the registration's certificate unless a valid one exists; returns the audit entries.
 * The serial's year is the event's (its start, else the issue day's): the running number is per year.
 */
export async function issueCertificate(
  tx: Db,
  who: Who,
  registrationId: string,
  today: string,
): Promise<Entry[]> {
  const f = await issueFacts(tx, registrationId);
  if (!f || f.valid_certificate_id) return [];
  const year = Number((f.starts_on ?? today).slice(0, 4));
  const seq = await nextSeq(tx, year);
  const serial = serialOf(year, seq);
  const kind = certificateKindFor(f.role);
  const content = contentOf(f);
  const id = await insertCertificate(tx, {
    registrationId,
    eventId: f.event_id,
    personId: f.person_id,
    kind,
    role: f.role,
    year,
    seq,
    serial,
    token: newToken(),
    content,
    userId: who?.userId ?? null,
  });
  return [
    {
      action: 'create',
      entity: 'event_certificate',
      entityId: id,
      personId: f.person_id,
      after: { serial, kind, registrationId, ...content },
    },
  ];
}

/**
 * Issues a contest's diploma for an entry (the caller runs the publication's transaction and links
 * the returned id to the entry): «Диплом победителя / призёра / лауреата», the nomination named.
 */
export async function issueDiploma(
  tx: Db,
  who: Who,
  input: { registrationId: string; title: string; nomination: string },
  today: string,
): Promise<{ id: string; serial: string; entries: Entry[] } | null> {
  const f = await issueFacts(tx, input.registrationId);
  if (!f) return null;
  const year = Number((f.starts_on ?? today).slice(0, 4));
  const seq = await nextSeq(tx, year);
  const serial = serialOf(year, seq);
  const content: CertificateContent = { ...contentOf(f), title: input.title, nomination: input.nomination };
  const id = await insertCertificate(tx, {
    registrationId: input.registrationId,
    eventId: f.event_id,
    personId: f.person_id,
    kind: 'diploma',
    role: f.role,
    year,
    seq,
    serial,
    token: newToken(),
    content,
    userId: who?.userId ?? null,
  });
  const entries: Entry[] = [
    {
      action: 'create',
      entity: 'event_certificate',
      entityId: id,
      personId: f.person_id,
      after: { serial, kind: 'diploma', registrationId: input.registrationId, ...content },
    },
  ];
  return { id, serial, entries };
}

/** Revokes the registration's valid certificate (attendance unmarked, role changed). */
export async function revokeFor(tx: Db, who: Who, registrationId: string, reason: string): Promise<Entry[]> {
  const f = await issueFacts(tx, registrationId);
  if (!f?.valid_certificate_id) return [];
  await revokeCertificate(tx, f.valid_certificate_id, reason, who?.userId ?? null);
  return [
    {
      action: 'revoke',
      entity: 'event_certificate',
      entityId: f.valid_certificate_id,
      personId: f.person_id,
      details: { reason },
    },
  ];
}

export function presentCertificate(c: CertificateDb): CertificateOut {
  const code = codeOf(c);
  return {
    id: c.id,
    serial: c.serial,
    code,
    verifyPath: `/verify/${encodeURIComponent(code)}`,
    kind: c.kind,
    kindName: CERTIFICATE_KINDS[c.kind],
    role: c.role,
    eventId: c.event_id,
    personId: c.person_id,
    content: c.content,
    status: c.status,
    statusName: STATUS_NAMES[c.status],
    issuedAt: c.issued_at,
    revokedAt: c.revoked_at,
    revokedReason: c.revoked_reason,
  };
}

/** The certificate if the actor may see it: their own, or any of an event whose plan they keep. */
async function visibleCertificate(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ c: CertificateDb; manages: boolean }> {
  const c = await findCertificate(db, id);
  if (!c) throw notFound('Сертификат не найден.');
  const own = !!actor.personId && actor.personId === c.person_id;
  const plan = await findPlan(db, actor, c.plan_id);
  const manages = !!plan && canManagePlan(actor, plan) && !!(await findEvent(db, actor, c.event_id));
  if (!own && !manages) throw notFound('Сертификат не найден.');
  return { c, manages };
}

export async function myCertificates(db: Db, actor: Actor) {
  if (!actor.personId) return { items: [], total: 0 };
  const rows = await personCertificates(db, actor.personId);
  return { items: rows.map(presentCertificate), total: rows.length };
}

/**
 * The caller's own portfolio: their certificates and, separately, the talks they gave (presenter,
 * attendance confirmed) — «трансляция опыта». Only the caller's person: there is no parameter.
 */
export async function myPortfolio(db: Db, actor: Actor) {
  if (!actor.personId) return { certificates: [], talks: [] };
  const [certificates, talks] = await Promise.all([
    personCertificates(db, actor.personId),
    personTalks(db, actor.personId),
  ]);
  return {
    certificates: certificates.map(presentCertificate),
    talks: talks.map((t) => ({
      registrationId: t.registration_id,
      eventId: t.event_id,
      eventTitle: t.event_title,
      eventKindName: EVENT_KINDS[t.event_kind],
      levelName: EVENT_LEVELS[t.event_level],
      startsOn: t.starts_on,
      endsOn: t.ends_on,
      periodText: t.period_text,
      topic: t.topic,
      materialsUrl: t.materials_url,
      certificateId: t.certificate_id,
    })),
  };
}

export async function getCertificate(db: Db, actor: Actor, id: string): Promise<CertificateOut> {
  return presentCertificate((await visibleCertificate(db, actor, id)).c);
}

export async function downloadCertificate(db: Db, actor: Actor, id: string, baseUrl: string) {
  const { c } = await visibleCertificate(db, actor, id);
  const out = presentCertificate(c);
  const data = await certificatePdf({
    kind: c.kind,
    serial: c.serial,
    content: c.content,
    verifyUrl: `${baseUrl.replace(/\/$/, '')}${out.verifyPath}`,
    // The issue day where the platform's people are, not in UTC.
    issuedOn: ru(todayInZone(new Date(c.issued_at))),
  });
  await writeAudit(db, {
    actor,
    action: 'download',
    entity: 'event_certificate',
    entityId: c.id,
    personId: c.person_id,
  });
  return {
    fileName: `${c.kind === 'participant' ? 'sertifikat' : c.kind === 'gratitude' ? 'blagodarnost' : 'diplom'}-${c.serial.replace(/^МР/, 'MR')}.pdf`,
    contentType: 'application/pdf',
    data,
  };
}

/** The organizer revokes a certificate, saying why; the verification page then shows the reason. */
export async function revoke(db: Db, actor: Actor, id: string, reason: string): Promise<CertificateOut> {
  const { c, manages } = await visibleCertificate(db, actor, id);
  if (!manages) throw forbidden('Отозвать сертификат может организатор мероприятия.');
  await db.transaction(async (tx) => {
    if (!(await revokeCertificate(tx, id, reason, actor.userId))) throw conflict('Сертификат уже отозван.');
    await writeAudit(tx, {
      actor,
      action: 'revoke',
      entity: 'event_certificate',
      entityId: id,
      personId: c.person_id,
      details: { reason, serial: c.serial },
    });
  });
  await emit(
    'events.certificate-revoked',
    {
      eventId: c.event_id,
      personId: c.person_id,
      registrationId: c.registration_id,
      certificateId: id,
      reason,
    },
    { db, actor },
  );
  return presentCertificate((await findCertificate(db, id))!);
}

/** The public verification: the stored content by the code; anything else is «не найден». */
export async function verify(db: Db, code: string) {
  const parsed = parseCode(code);
  const c = parsed ? await findByCode(db, parsed.serial, parsed.token) : null;
  if (!c) throw notFound('Сертификат не найден');
  return {
    serial: c.serial,
    kind: c.kind,
    kindName: CERTIFICATE_KINDS[c.kind],
    content: c.content,
    status: c.status,
    statusName: STATUS_NAMES[c.status],
    issuedAt: c.issued_at,
    revokedAt: c.revoked_at,
    revokedReason: c.revoked_reason,
  };
}
