import { SYSTEM_ACTOR } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { defineJob, enqueueJobs } from '../platform/jobs/jobs.queue.ts';
import { failureText, isPermanentFailure, mailConfigOf, NOT_CONFIGURED, sendLetter } from './mailer.ts';
import { claimOutbox, findOutbox, markFailed, markNotSent, markSent } from './notifications.repository.ts';

/**
 * Sending the outbox: one job per letter, keyed by the letter's dedupe key (pg-boss keeps one job
 * per key queued or running), retried with backoff while the SMTP server fails, and never sending
 * a letter marked sent — however many times the job runs or how many processes run it.
 */

export const MAIL_SEND_JOB = 'mail-send';

export interface SendResult {
  sent: boolean;
  reason?: string;
}

/** Sends one letter of the outbox unless it is sent already (or no SMTP server is configured). */
export async function sendFromOutbox(db: Db, outboxId: string): Promise<SendResult> {
  const letter = await findOutbox(db, outboxId);
  if (!letter) return { sent: false, reason: 'письмо не найдено' };
  if (letter.sent_at) return { sent: false, reason: 'уже отправлено' };
  const config = mailConfigOf(db);
  if (!config.smtpUrl) {
    await markNotSent(db, outboxId, NOT_CONFIGURED);
    return { sent: false, reason: NOT_CONFIGURED };
  }
  const claimed = await claimOutbox(db, outboxId);
  if (!claimed) {
    const now = await findOutbox(db, outboxId);
    if (now?.sent_at) return { sent: false, reason: 'уже отправлено' };
    // Another process is sending it right now: look again later (a retry).
    throw new Error(`letter ${outboxId} is being sent by another process`);
  }
  try {
    const { messageId } = await sendLetter(
      { ...config, smtpUrl: config.smtpUrl },
      { to: claimed.to_address, subject: claimed.subject, text: claimed.body, outboxId },
    );
    await markSent(db, outboxId, messageId);
    return { sent: true };
  } catch (err) {
    const reason = failureText(err);
    await markFailed(db, outboxId, reason);
    // A refusal (5xx) will not change on a retry: the job fails at once with the reason.
    if (isPermanentFailure(err)) throw new AppError('validation', `Письмо не отправлено: ${reason}`);
    throw err;
  }
}

defineJob<{ outboxId: string }>({
  kind: MAIL_SEND_JOB,
  exclusiveByKey: true,
  // First retry after 5–10 s, doubling: about ten minutes of an unreachable server in all.
  retryLimit: 6,
  retryDelaySeconds: 5,
  async run({ db, params }) {
    return sendFromOutbox(db, params.outboxId);
  },
});

/** Queues the sending of letters just written, in the transaction that wrote them. */
export function queueLetters(db: Db, tx: Db, letters: { id: string; dedupe_key: string }[]) {
  return enqueueJobs(
    db,
    tx,
    MAIL_SEND_JOB,
    letters.map((l) => ({ params: { outboxId: l.id }, actor: SYSTEM_ACTOR, singletonKey: l.dedupe_key })),
  );
}
