import { findCampaign } from '../assessment/campaigns/campaigns.repository.ts';
import { writeAudit } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { conflict, forbidden, notFound } from '../platform/errors.ts';
import { nudgeJobs } from '../platform/jobs/jobs.queue.ts';
import { today } from '../platform/time/today.ts';
import { notify } from './delivery.service.ts';
import { MAIL_SEND_JOB, queueLetters } from './mail.service.ts';
import { mailConfigOf } from './mailer.ts';
import {
  type EmailDelivery,
  KIND_INFO,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from './notifications.kinds.ts';
import { can, ownNotifications } from './notifications.policy.ts';
import { presentLetter, presentNotification } from './notifications.presenter.ts';
import {
  campaignReminderRecipients,
  listOutbox,
  listOwn,
  loadPreferences,
  markAllRead,
  markRead,
  savePreferences,
  unsentRecentOutbox,
} from './notifications.repository.ts';

/** The caller's own notifications, the latest first, with the count of unread ones (the bell). */
export async function listMyNotifications(
  db: Db,
  actor: Actor,
  q: { page: number; pageSize: number; unread?: 'true' | 'false' | undefined },
) {
  const { rows, total, unread } = await listOwn(db, ownNotifications(actor), {
    unreadOnly: q.unread === 'true',
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows.map(presentNotification), total, unread, page: q.page, pageSize: q.pageSize };
}

/** Marks one of the caller's notifications read; another user's answers 404, as if it did not exist. */
export async function readNotification(db: Db, actor: Actor, id: string) {
  const row = await markRead(db, ownNotifications(actor), id);
  if (!row) throw notFound('Уведомление не найдено.');
  return presentNotification(row);
}

export async function readAllNotifications(db: Db, actor: Actor) {
  return { updated: await markAllRead(db, ownNotifications(actor)) };
}

async function preferencesOf(db: Db, actor: Actor) {
  const chosen = await loadPreferences(db, actor.userId);
  return {
    items: NOTIFICATION_KINDS.map((kind) => ({
      kind,
      label: KIND_INFO[kind].label,
      description: KIND_INFO[kind].description,
      email: chosen.get(kind) ?? KIND_INFO[kind].email,
      defaultEmail: KIND_INFO[kind].email,
    })),
    mailConfigured: mailConfigOf(db).smtpUrl !== null,
  };
}

export const myPreferences = (db: Db, actor: Actor) => preferencesOf(db, actor);

/** Saves the caller's e-mail choices for the kinds named (the others keep theirs). */
export async function saveMyPreferences(
  db: Db,
  actor: Actor,
  items: { kind: NotificationKind; email: EmailDelivery }[],
) {
  const last = new Map(items.map((i) => [i.kind, i.email]));
  await db.transaction((tx) =>
    savePreferences(
      tx,
      actor.userId,
      [...last.entries()].map(([kind, email]) => ({ kind, email })),
    ),
  );
  return preferencesOf(db, actor);
}

/** The outbox, the latest first: the admin's alone. Its letters name people: the read is logged. */
export async function readOutbox(
  db: Db,
  actor: Actor,
  q: { page: number; pageSize: number; unsent?: 'true' | 'false' | undefined },
) {
  if (!can(actor, 'read', 'outbox')) throw forbidden('Почтовый журнал доступен только администратору.');
  const { rows, total, unsent } = await listOutbox(db, {
    unsentOnly: q.unsent === 'true',
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  await writeAudit(db, {
    actor,
    action: 'read',
    entity: 'mail_outbox',
    details: { page: q.page, rows: rows.length },
  });
  return {
    items: rows.map(presentLetter),
    total,
    unsent,
    page: q.page,
    pageSize: q.pageSize,
    mailConfigured: mailConfigOf(db).smtpUrl !== null,
  };
}

/**
 * «Напомнить»: notifies the participants of an open campaign who have not started it, at most once
 * a day each. 403 for a role that conducts no campaigns, 404 when the campaign is not visible, 403
 * when it is someone else's.
 */
export async function remindCampaignParticipants(db: Db, actor: Actor, campaignId: string) {
  if (!can(actor, 'remind', 'campaigns')) throw forbidden();
  const campaign = await findCampaign(db, actor, campaignId);
  if (!campaign) throw notFound('Кампания диагностики не найдена или недоступна.');
  if (!can(actor, 'remind', { campaign }))
    throw forbidden('Напомнить участникам может тот, кто проводит кампанию.');
  if (campaign.status !== 'open') throw conflict('Напомнить можно только об открытой кампании.');
  const reminded = await notify(
    db,
    'campaign_reminder',
    await campaignReminderRecipients(db, campaign.id, today()),
  );
  await writeAudit(db, {
    actor,
    action: 'remind',
    entity: 'assessment_campaign',
    entityId: campaign.id,
    details: { reminded },
  });
  return { reminded };
}

/** Letters older than this are not sent late: a reminder of a deadline a week gone says nothing. */
export const RESEND_WITHIN_DAYS = 7;

/**
 * Queues again the letters that did not go out (no mail server yet, or it kept failing), once the
 * admin has configured one: those of the last week; older ones stay in the journal unsent. A letter
 * is still never sent twice (the send job checks `sent_at` under its claim).
 */
export async function resendUnsentLetters(db: Db, actor: Actor): Promise<{ queued: number }> {
  if (!can(actor, 'resend', 'outbox'))
    throw forbidden('Отправлять письма заново может только администратор.');
  if (mailConfigOf(db).smtpUrl === null) {
    throw conflict(
      'Почтовый сервер не настроен: письма некуда отправлять. Укажите его в параметрах запуска сервера.',
    );
  }
  const letters = await unsentRecentOutbox(db, RESEND_WITHIN_DAYS);
  await db.transaction(async (tx) => {
    await queueLetters(db, tx, letters);
    await writeAudit(tx, {
      actor,
      action: 'resend',
      entity: 'mail_outbox',
      details: { letters: letters.length },
    });
  });
  nudgeJobs(db, MAIL_SEND_JOB);
  return { queued: letters.length };
}
