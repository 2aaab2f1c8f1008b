import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { canManagePlan } from '../events.policy.ts';
import { presentRegistration } from '../events.presenter.ts';
import { findEvent, findPlan, findRegistration } from '../events.repository.ts';

/**
 * The check-in QR code of a registration: the registered person shows it, the organizer scans it
 * with a phone and lands on the platform's page for that registration, where one button marks
 * the attendance (the existing idempotent PUT). The token is random (32 bytes), made on the
 * first look and kept; it says nothing about the registration's id.
 */

export const checkInPath = (token: string) => `/events/check-in/r/${token}`;
const LIVE = ['pending', 'confirmed', 'waitlisted'];

async function tokenFor(db: Db, registrationId: string): Promise<string> {
  await db.query(sql`INSERT INTO event_check_in_tokens (registration_id, token)
    VALUES (${registrationId}, ${randomBytes(32).toString('base64url')}) ON CONFLICT (registration_id) DO NOTHING`);
  const [row] = await db.query<{ token: string }>(
    sql`SELECT token FROM event_check_in_tokens WHERE registration_id = ${registrationId}`,
  );
  return row!.token;
}

/** The person's own live registration's QR code (SVG) and the URL it encodes; 404 to anyone else. */
export async function myCheckInCode(db: Db, actor: Actor, registrationId: string, baseUrl: string) {
  const r = await findRegistration(db, registrationId);
  if (!r || !actor.personId || r.person_id !== actor.personId || !LIVE.includes(r.status))
    throw notFound('Регистрация не найдена.');
  const path = checkInPath(await tokenFor(db, registrationId));
  const url = `${baseUrl.replace(/\/$/, '')}${path}`;
  const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { registrationId, path, url, svg };
}

/**
 * The registration behind a scanned code, for the organizer of its event. An unknown token is a
 * 404; anyone who does not run the event gets a refusal that names nobody.
 */
export async function checkInByToken(db: Db, actor: Actor, token: string) {
  const [row] = await db.query<{ registration_id: string }>(
    sql`SELECT registration_id FROM event_check_in_tokens WHERE token = ${token}`,
  );
  const r = row ? await findRegistration(db, row.registration_id) : null;
  if (!r) throw notFound('Код регистрации не найден.');
  const refusal = forbidden('Отметить присутствие по этому коду может только организатор мероприятия.');
  const e = await findEvent(db, actor, r.event_id);
  const plan = e ? await findPlan(db, actor, e.plan_id) : null;
  if (!e || !plan || !canManagePlan(actor, plan)) throw refusal;
  return { registration: presentRegistration(r), eventTitle: e.title, eventStartsOn: e.starts_on };
}
