import { type SQL, sql } from 'drizzle-orm';
import { type CampaignOwnerRow, can as canInAssessment } from '../assessment/assessment.policy.ts';
import type { Actor } from '../platform/auth/actor.ts';

/**
 * The notifications' policy. A notification is its recipient's alone: every other user — the
 * admin too — gets a 404 for it (`ownNotifications` is the read scope). The outbox holds letters
 * to everyone, so only the admin reads it. A reminder to a campaign's participants is sent by
 * those who may manage that campaign (the assessment policy says who).
 */

export type NotificationsPermission =
  | [action: 'read' | 'resend', thing: 'outbox']
  | [action: 'remind', thing: 'campaigns' | { campaign: CampaignOwnerRow }];

export function can(actor: Actor, ...[action, thing]: NotificationsPermission): boolean {
  switch (action) {
    case 'read':
    case 'resend':
      return thing === 'outbox' && actor.role === 'admin';
    case 'remind':
      if (!canInAssessment(actor, 'conduct', 'campaigns')) return false;
      return thing === 'campaigns' || canInAssessment(actor, 'manage', thing);
  }
}

/** The caller's own notifications (n = notifications). */
export function ownNotifications(actor: Actor, n = 'n'): SQL {
  return sql`${sql.identifier(n)}.recipient_user_id = ${actor.userId}`;
}

/** What the caller may do with notifications, for `/api/auth/me`. */
export function notificationsCapabilities(actor: Actor) {
  return { readOutbox: can(actor, 'read', 'outbox'), resendOutbox: can(actor, 'resend', 'outbox') };
}
