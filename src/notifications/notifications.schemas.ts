import { z } from 'zod';
import { EMAIL_DELIVERIES, NOTIFICATION_KINDS } from './notifications.kinds.ts';

export const ZNotificationKind = z.enum(NOTIFICATION_KINDS);
export const ZEmailDelivery = z.enum(EMAIL_DELIVERIES);

export const ZNotification = z.object({
  id: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  title: z.string(),
  body: z.string(),
  /** A path of the web app to open. */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof ZNotification>;

export const ZNotificationsQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  unread: z.enum(['true', 'false']).optional(),
});

export const ZNotificationList = z.object({
  items: z.array(ZNotification),
  total: z.number(),
  /** Unread notifications of the caller, whatever the page (the bell's count). */
  unread: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const ZReadAll = z.object({ updated: z.number() });

export const ZPreference = z.object({
  kind: ZNotificationKind,
  label: z.string(),
  description: z.string(),
  email: ZEmailDelivery,
  defaultEmail: ZEmailDelivery,
});

export const ZPreferences = z.object({
  items: z.array(ZPreference),
  /** Whether letters leave the machine (MARSHRUT_SMTP_URL is set). */
  mailConfigured: z.boolean(),
});

export const ZPreferencesInput = z.object({
  items: z
    .array(z.object({ kind: ZNotificationKind, email: ZEmailDelivery }))
    .min(1, 'Укажите хотя бы один вид уведомлений')
    .max(50),
});

export const ZOutboxQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
  unsent: z.enum(['true', 'false']).optional(),
});

export const ZOutboxLetter = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  status: z.enum(['sent', 'waiting', 'failed', 'not_configured']),
  statusLabel: z.string(),
});

export const ZOutbox = z.object({
  items: z.array(ZOutboxLetter),
  total: z.number(),
  unsent: z.number(),
  page: z.number(),
  pageSize: z.number(),
  mailConfigured: z.boolean(),
});

export const ZReminded = z.object({
  /** Participants who had not started and got a reminder now (each at most once a day). */
  reminded: z.number(),
});

export const ZResent = z.object({
  /** Unsent letters of the last week queued for sending again. */
  queued: z.number(),
});
