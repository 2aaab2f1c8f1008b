import { NOT_CONFIGURED } from './mailer.ts';
import { isNotificationKind, KIND_INFO } from './notifications.kinds.ts';
import type { NotificationDb, OutboxDb } from './notifications.repository.ts';
import type { Notification } from './notifications.schemas.ts';

/** The fields of a notification sent to its recipient. */
export const presentNotification = (n: NotificationDb): Notification => ({
  id: n.id,
  kind: n.kind,
  kindLabel: isNotificationKind(n.kind) ? KIND_INFO[n.kind].label : 'Уведомление',
  title: n.title,
  body: n.body,
  link: n.link,
  createdAt: n.created_at,
  readAt: n.read_at,
});

const OUTBOX_STATUS = {
  sent: 'отправлено',
  waiting: 'ждёт отправки',
  failed: 'не отправлено: ошибка',
  not_configured: NOT_CONFIGURED,
} as const;

/** A letter of the outbox as the admin reads it. */
export function presentLetter(o: OutboxDb) {
  const status: keyof typeof OUTBOX_STATUS = o.sent_at
    ? 'sent'
    : o.last_error === NOT_CONFIGURED
      ? 'not_configured'
      : o.last_error
        ? 'failed'
        : 'waiting';
  return {
    id: o.id,
    to: o.to_address,
    subject: o.subject,
    text: o.body,
    createdAt: o.created_at,
    sentAt: o.sent_at,
    attempts: o.attempts,
    lastError: o.last_error,
    status,
    statusLabel: OUTBOX_STATUS[status],
  };
}
