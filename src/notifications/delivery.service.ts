import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { defineJob, enqueueJob, nudgeJobs } from '../platform/jobs/jobs.queue.ts';
import { platformTimeZone, today } from '../platform/time/today.ts';
import { digestLetter, notificationLetter } from './mail.letters.ts';
import { MAIL_SEND_JOB, queueLetters } from './mail.service.ts';
import { mailConfigOf } from './mailer.ts';
import {
  compose,
  type EmailDelivery,
  KIND_INFO,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from './notifications.kinds.ts';
import {
  campaignOpenedRecipients,
  digestCandidates,
  eventRegistrationRecipients,
  formAssignedRecipients,
  formDueSoonRecipients,
  formOverdueRecipients,
  formReturnedRecipients,
  insertNotifications,
  insertOutbox,
  itemAttendedRecipients,
  itemAwaitingRecipients,
  itemDueSoonRecipients,
  linkOutbox,
  materialModeratedRecipients,
  mentorshipOpenedRecipients,
  type RecipientRow,
  routeAgreedRecipients,
  routeReturnedRecipients,
} from './notifications.repository.ts';

/**
 * Delivery: from what happened to notifications and letters. Recipients are found set-based as
 * things are now, each notification is written once (its dedupe key), and — in the same
 * transaction — a letter for those who want it at once goes into the outbox with its send job, so
 * a notification is never left without its letter nor mailed twice. Everything here runs in jobs
 * and is safe to run again.
 */

export const NOTIFY_JOB = 'notifications-create';
export const DAILY_JOB = 'notifications-daily';
export const DIGEST_JOB = 'notifications-digest';

const DEFAULT_EMAIL = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, KIND_INFO[k].email])) as Record<
  NotificationKind,
  EmailDelivery
>;

/** Creates the kind's notifications for the recipients (those not yet told) and queues their letters. */
export async function notify<K extends NotificationKind>(
  db: Db,
  kind: K,
  recipients: RecipientRow<K>[],
): Promise<number> {
  const timeZone = platformTimeZone();
  const seen = new Set<string>();
  const rows = recipients
    .filter((r) => !seen.has(r.dedupe_key) && seen.add(r.dedupe_key))
    .map((r) => ({
      recipientUserId: r.user_id,
      kind,
      dedupeKey: r.dedupe_key,
      ...compose(kind, r.facts, timeZone),
    }));
  if (rows.length === 0) return 0;
  const { publicUrl } = mailConfigOf(db);
  const created = await db.transaction(async (tx) => {
    const fresh = await insertNotifications(tx, rows, DEFAULT_EMAIL);
    // A user without an address is told in the app only.
    const immediate = fresh.flatMap((n) =>
      n.email === 'immediate' && n.to_address ? [{ ...n, to_address: n.to_address }] : [],
    );
    const written = await insertOutbox(
      tx,
      immediate.map((n) => {
        const letter = notificationLetter(n, n.full_name, publicUrl);
        return {
          dedupeKey: n.dedupe_key,
          recipientUserId: n.recipient_user_id,
          toAddress: n.to_address,
          subject: letter.subject,
          body: letter.text,
        };
      }),
    );
    const outboxOf = new Map(written.map((w) => [w.dedupe_key, w.id]));
    await linkOutbox(
      tx,
      immediate.flatMap((n) => {
        const outboxId = outboxOf.get(n.dedupe_key);
        return outboxId ? [{ notificationId: n.id, outboxId }] : [];
      }),
    );
    await queueLetters(db, tx, written);
    return fresh.length;
  });
  nudgeJobs(db, MAIL_SEND_JOB);
  return created;
}

/** What happened, as the notify job receives it from the reactions (src/server/wiring.ts). */
export type Trigger =
  | { kind: 'campaign_opened'; campaignId: string }
  | { kind: 'form_assigned'; assignmentId: string }
  | { kind: 'form_returned'; submissionId: string }
  | { kind: 'route_agreed'; routeId: string }
  | { kind: 'route_returned'; routeId: string; itemId: string }
  | { kind: 'item_awaiting_confirmation'; routeId: string; itemId: string }
  | {
      kind: 'event_registration';
      registrationIds: string[];
      change: 'nominated' | 'promoted' | 'confirmed' | 'rejected';
    }
  /** Route items closed by confirmed attendance: the route events written for them. */
  | { kind: 'item_attended'; routeEventIds: number[] }
  | { kind: 'material_moderated'; materialId: string }
  | { kind: 'mentorship_opened'; mentorshipId: string };

export async function notifyOf(db: Db, t: Trigger): Promise<number> {
  switch (t.kind) {
    case 'campaign_opened':
      return notify(db, t.kind, await campaignOpenedRecipients(db, t.campaignId));
    case 'form_assigned':
      return notify(db, t.kind, await formAssignedRecipients(db, t.assignmentId));
    case 'form_returned':
      return notify(db, t.kind, await formReturnedRecipients(db, t.submissionId));
    case 'route_agreed':
      return notify(db, t.kind, await routeAgreedRecipients(db, t.routeId));
    case 'route_returned':
      return notify(db, t.kind, await routeReturnedRecipients(db, t.routeId, t.itemId));
    case 'item_awaiting_confirmation':
      return notify(db, t.kind, await itemAwaitingRecipients(db, t.routeId, t.itemId));
    case 'event_registration':
      return notify(db, t.kind, await eventRegistrationRecipients(db, t.registrationIds, t.change));
    case 'item_attended':
      return notify(db, t.kind, await itemAttendedRecipients(db, t.routeEventIds));
    case 'material_moderated':
      return notify(db, t.kind, await materialModeratedRecipients(db, t.materialId));
    case 'mentorship_opened':
      return notify(db, t.kind, await mentorshipOpenedRecipients(db, t.mentorshipId));
  }
}

/** Enqueues the notify job (a reaction calls it; the job finds the recipients and writes). */
export function startNotifying(db: Db, actor: Actor, trigger: Trigger): Promise<string> {
  return enqueueJob(db, { kind: NOTIFY_JOB, params: trigger, actor });
}

/**
 * The daily pass for `date` (the municipality's today by default): forms overdue (once each),
 * and deadlines three days ahead — forms not yet sent, route items not yet done.
 */
export async function notifyDeadlines(db: Db, date: string) {
  const overdue = await notify(db, 'form_overdue', await formOverdueRecipients(db, date));
  const soon = await notify(db, 'deadline_soon', [
    ...(await formDueSoonRecipients(db, date)),
    ...(await itemDueSoonRecipients(db, date)),
  ]);
  return { overdue, soon };
}

/**
 * The daily digest of `date`: one letter per user with every unread notification of theirs meant
 * for the digest and not yet mailed. A second run the same day writes no second letter.
 */
export async function sendDigests(db: Db, date: string): Promise<{ letters: number }> {
  const { publicUrl } = mailConfigOf(db);
  const letters = await db.transaction(async (tx) => {
    const rows = await digestCandidates(tx);
    const byUser = new Map<string, typeof rows>();
    for (const r of rows) byUser.set(r.recipient_user_id, [...(byUser.get(r.recipient_user_id) ?? []), r]);
    const keyOf = (userId: string) => `digest:${userId}:${date}`;
    const written = await insertOutbox(
      tx,
      [...byUser.entries()].map(([userId, items]) => {
        const letter = digestLetter(items, items[0]!.full_name, date, publicUrl);
        return {
          dedupeKey: keyOf(userId),
          recipientUserId: userId,
          toAddress: items[0]!.to_address,
          subject: letter.subject,
          body: letter.text,
        };
      }),
    );
    const outboxOf = new Map(written.map((w) => [w.dedupe_key, w.id]));
    await linkOutbox(
      tx,
      rows.flatMap((r) => {
        const outboxId = outboxOf.get(keyOf(r.recipient_user_id));
        return outboxId ? [{ notificationId: r.id, outboxId }] : [];
      }),
    );
    await queueLetters(db, tx, written);
    return written.length;
  });
  nudgeJobs(db, MAIL_SEND_JOB);
  return { letters };
}

defineJob<Trigger>({
  kind: NOTIFY_JOB,
  async run({ db, params }) {
    return { created: await notifyOf(db, params) };
  },
});

/** A schedule runs them without a date: the municipality's today. A test (or a rerun) names the day. */
defineJob<{ date?: string }>({
  kind: DAILY_JOB,
  oneAtATime: true,
  async run({ db, params }) {
    return notifyDeadlines(db, params.date ?? today());
  },
});

defineJob<{ date?: string }>({
  kind: DIGEST_JOB,
  oneAtATime: true,
  async run({ db, params }) {
    return sendDigests(db, params.date ?? today());
  },
});
