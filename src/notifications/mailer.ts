import nodemailer, { type Transporter } from 'nodemailer';
import { appDbOf, type Db } from '../platform/db/database.ts';

/**
 * The SMTP side: which server (MARSHRUT_SMTP_URL), from whom (MARSHRUT_MAIL_FROM) and where the
 * links lead (MARSHRUT_PUBLIC_URL). The app registers its configuration for its database; a worker
 * that did not takes it from the environment. Without an SMTP URL nothing leaves the machine:
 * letters stay in the outbox for the admin to read.
 */

export interface MailConfig {
  smtpUrl: string | null;
  from: string;
  publicUrl: string | null;
}

export const DEFAULT_MAIL_FROM = 'Маршрут <no-reply@marshrut.local>';
export const NOT_CONFIGURED = 'не отправлено: почтовый сервер не настроен';

export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig {
  return {
    smtpUrl: env.MARSHRUT_SMTP_URL || null,
    from: env.MARSHRUT_MAIL_FROM || DEFAULT_MAIL_FROM,
    publicUrl: env.MARSHRUT_PUBLIC_URL || null,
  };
}

const configs = new WeakMap<Db, MailConfig>();

/** The app's mail configuration for its database (buildApp calls it with the loaded config). */
export function configureMail(db: Db, config: MailConfig): void {
  configs.set(appDbOf(db), config);
}

export function mailConfigOf(db: Db): MailConfig {
  return configs.get(appDbOf(db)) ?? mailConfigFromEnv();
}

const transports = new Map<string, Transporter>();

function transportOf(url: string): Transporter {
  let t = transports.get(url);
  if (!t) {
    // A dead server fails a letter within a minute instead of holding the job for hours.
    t = nodemailer.createTransport({
      url,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    } as Parameters<typeof nodemailer.createTransport>[0]);
    transports.set(url, t);
  }
  return t;
}

export interface OutgoingLetter {
  to: string;
  subject: string;
  text: string;
  /** Our outbox id, sent as a header so a letter can be traced back to its row. */
  outboxId: string;
}

/**
 * Sends one letter. Throws what nodemailer throws; `permanent` tells a refusal that a retry will
 * not change (a 5xx answer: no such mailbox) from a failure worth retrying (no connection, 4xx).
 */
export async function sendLetter(config: MailConfig & { smtpUrl: string }, letter: OutgoingLetter) {
  const info = await transportOf(config.smtpUrl).sendMail({
    from: config.from,
    to: letter.to,
    subject: letter.subject,
    text: letter.text,
    headers: { 'X-Marshrut-Outbox-Id': letter.outboxId },
  });
  return { messageId: String(info.messageId ?? '') };
}

export function isPermanentFailure(err: unknown): boolean {
  const code = (err as { responseCode?: number } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** A short Russian reason for the outbox (the admin reads it), without the server's whole dialogue. */
export function failureText(err: unknown): string {
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string } | null;
  if (e?.responseCode)
    return `почтовый сервер отказал (${e.responseCode}): ${(e.response ?? '').slice(0, 300)}`;
  if (e?.code === 'ECONNREFUSED' || e?.code === 'ESOCKET' || e?.code === 'ECONNECTION')
    return `нет соединения с почтовым сервером: ${(e.message ?? '').slice(0, 300)}`;
  if (e?.code === 'ETIMEDOUT') return 'почтовый сервер не ответил вовремя';
  return `ошибка отправки: ${(e?.message ?? String(err)).slice(0, 300)}`;
}
