import type { SQL } from 'drizzle-orm';
import { type Db, sql } from '../platform/db/database.ts';
import type { EmailDelivery, KindFacts, NotificationKind } from './notifications.kinds.ts';

/**
 * SQL of notifications: who is to be told of what (recipients per kind, read from the contexts'
 * tables as they are now), the notifications and the outbox written set-based with their dedupe
 * keys (ON CONFLICT DO NOTHING: never twice), a user's own list, preferences, sending.
 */

/** One recipient of a kind: the user, the notification's dedupe key and the facts for its text. */
export interface RecipientRow<K extends NotificationKind = NotificationKind> {
  user_id: string;
  dedupe_key: string;
  facts: KindFacts[K];
}

const ms = (column: SQL) => sql`floor(extract(epoch FROM ${column}) * 1000)::bigint`;

// ——— recipients, per kind ———

/** The authors' users and the creator of a material, told of the moderation decision (once per decision). */
export function materialModeratedRecipients(db: Db, materialId: string) {
  return db.query<RecipientRow<'material_moderated'>>(sql`
    SELECT u.id AS user_id,
           'material-moderated:' || m.id || ':' || ${ms(sql`m.moderated_at`)} || ':' || u.id AS dedupe_key,
           jsonb_build_object('materialId', m.id, 'title', m.title, 'published', m.status = 'published',
                              'reason', m.return_reason) AS facts
    FROM practice_materials m JOIN users u ON u.active AND (u.id = m.created_by
      OR u.person_id IN (SELECT person_id FROM practice_material_authors WHERE material_id = m.id))
    WHERE m.id = ${materialId} AND m.status IN ('published', 'returned') AND m.moderated_at IS NOT NULL`);
}

/** The mentor's and the mentees' users of a mentorship just opened (once per mentorship and user). */
export function mentorshipOpenedRecipients(db: Db, mentorshipId: string) {
  return db.query<RecipientRow<'mentorship_opened'>>(sql`
    WITH pair AS (
      SELECT ms.id, ms.started_on, mp.name AS program_name, mm.person_id AS mentor_person_id,
             (SELECT concat_ws(' ', p.last_name, p.first_name, NULLIF(p.patronymic, '')) FROM people p
              WHERE p.id = mm.person_id) AS mentor_name,
             (SELECT array_agg(concat_ws(' ', p.last_name, p.first_name, NULLIF(p.patronymic, ''))
                               ORDER BY p.last_name, p.first_name)
              FROM mentorship_mentees mx JOIN people p ON p.id = mx.person_id
              WHERE mx.mentorship_id = ms.id) AS mentee_names
      FROM mentorships ms JOIN mentoring_mentors mm ON mm.id = ms.mentor_id
      JOIN mentoring_programs mp ON mp.id = ms.program_id
      WHERE ms.id = ${mentorshipId}
    ), who AS (
      SELECT mentor_person_id AS person_id, 'mentor' AS role FROM pair
      UNION ALL
      SELECT mx.person_id, 'mentee' FROM mentorship_mentees mx WHERE mx.mentorship_id = ${mentorshipId}
    )
    SELECT DISTINCT ON (u.id) u.id AS user_id, 'mentorship-opened:' || pair.id || ':' || u.id AS dedupe_key,
           jsonb_build_object('mentorshipId', pair.id, 'role', who.role, 'mentorName', pair.mentor_name,
                              'menteeNames', to_jsonb(pair.mentee_names), 'programName', pair.program_name,
                              'startedOn', pair.started_on::text) AS facts
    FROM pair, who JOIN users u ON u.person_id = who.person_id AND u.active
    ORDER BY u.id, who.role`);
}

/** Everyone frozen into an open campaign (users linked to the participants' people). */
export function campaignOpenedRecipients(db: Db, campaignId: string) {
  return db.query<RecipientRow<'campaign_opened'>>(sql`
    SELECT DISTINCT ON (u.id) u.id AS user_id, 'campaign-opened:' || c.id || ':' || u.id AS dedupe_key,
           jsonb_build_object('campaignName', c.name, 'closesAt', c.closes_at) AS facts
    FROM campaign_participants cp
    JOIN assessment_campaigns c ON c.id = cp.campaign_id
    JOIN users u ON u.person_id = cp.person_id AND u.active
    WHERE cp.campaign_id = ${campaignId} AND c.status = 'open'
    ORDER BY u.id`);
}

/** Participants of an open campaign who have not started any of its instruments; one reminder a day. */
export function campaignReminderRecipients(db: Db, campaignId: string, date: string) {
  return db.query<RecipientRow<'campaign_reminder'>>(sql`
    SELECT DISTINCT ON (u.id) u.id AS user_id,
           'campaign-reminder:' || c.id || ':' || ${date}::text || ':' || u.id AS dedupe_key,
           jsonb_build_object('campaignName', c.name, 'closesAt', c.closes_at) AS facts
    FROM campaign_participants cp
    JOIN assessment_campaigns c ON c.id = cp.campaign_id
    JOIN users u ON u.person_id = cp.person_id AND u.active
    WHERE cp.campaign_id = ${campaignId} AND c.status = 'open'
      AND NOT EXISTS (SELECT 1 FROM assessment_attempts a
                      WHERE a.campaign_id = cp.campaign_id AND a.person_id = cp.person_id)
    ORDER BY u.id`);
}

/** The users who answer for an organization's forms: its heads. */
const ORG_HEADS = sql`JOIN users u ON u.organization_id = s.organization_id AND u.role = 'org_head' AND u.active`;
const OPEN_SUBMISSION = sql`s.status IN ('pending', 'draft', 'returned')`;

export function formAssignedRecipients(db: Db, assignmentId: string) {
  return db.query<RecipientRow<'form_assigned'>>(sql`
    SELECT u.id AS user_id, 'form-assigned:' || s.id || ':' || u.id AS dedupe_key,
           jsonb_build_object('formTitle', a.title, 'dueOn', a.due_on, 'organizationName', o.short_name,
                              'submissionId', s.id) AS facts
    FROM form_submissions s
    JOIN form_assignments a ON a.id = s.assignment_id
    JOIN organizations o ON o.id = s.organization_id
    ${ORG_HEADS}
    WHERE s.assignment_id = ${assignmentId} AND ${OPEN_SUBMISSION}`);
}

/** A returned answer, once per return (a second return after a resubmission tells again). */
export function formReturnedRecipients(db: Db, submissionId: string) {
  return db.query<RecipientRow<'form_returned'>>(sql`
    SELECT u.id AS user_id,
           'form-returned:' || s.id || ':' || ${ms(sql`s.reviewed_at`)} || ':' || u.id AS dedupe_key,
           jsonb_build_object('formTitle', a.title, 'comment', s.review_comment, 'submissionId', s.id) AS facts
    FROM form_submissions s
    JOIN form_assignments a ON a.id = s.assignment_id
    ${ORG_HEADS}
    WHERE s.id = ${submissionId} AND s.status = 'returned' AND s.reviewed_at IS NOT NULL`);
}

/** Answers not sent by a due date within the last week before `date`: once per answer. */
export function formOverdueRecipients(db: Db, date: string) {
  return db.query<RecipientRow<'form_overdue'>>(sql`
    SELECT u.id AS user_id, 'form-overdue:' || s.id || ':' || u.id AS dedupe_key,
           jsonb_build_object('formTitle', a.title, 'dueOn', a.due_on, 'submissionId', s.id) AS facts
    FROM form_submissions s
    JOIN form_assignments a ON a.id = s.assignment_id
    ${ORG_HEADS}
    WHERE a.due_on < ${date}::date AND a.due_on >= ${date}::date - 7 AND ${OPEN_SUBMISSION}`);
}

/** Forms due three days after `date` and not yet sent: their organizations' heads. */
export function formDueSoonRecipients(db: Db, date: string) {
  return db.query<RecipientRow<'deadline_soon'>>(sql`
    SELECT u.id AS user_id, 'deadline-form:' || s.id || ':' || a.due_on || ':' || u.id AS dedupe_key,
           jsonb_build_object('what', 'form', 'title', a.title, 'dueOn', a.due_on, 'submissionId', s.id) AS facts
    FROM form_submissions s
    JOIN form_assignments a ON a.id = s.assignment_id
    ${ORG_HEADS}
    WHERE a.due_on = ${date}::date + 3 AND ${OPEN_SUBMISSION}`);
}

/** Route items planned to end three days after `date`, not done, of agreed or running routes: their teachers. */
export function itemDueSoonRecipients(db: Db, date: string) {
  return db.query<RecipientRow<'deadline_soon'>>(sql`
    SELECT u.id AS user_id, 'deadline-item:' || i.id || ':' || i.planned_end || ':' || u.id AS dedupe_key,
           jsonb_build_object('what', 'item', 'title', i.title, 'dueOn', i.planned_end) AS facts
    FROM learning_route_items i
    JOIN learning_routes r ON r.id = i.route_id
    JOIN users u ON u.person_id = r.person_id AND u.active
    WHERE i.planned_end = ${date}::date + 3 AND i.status IN ('planned', 'in_progress')
      AND r.status IN ('agreed', 'in_progress')`);
}

/**
 * The people of changed event registrations (nominated, promoted, decided): once per registration
 * and change — a registration is nominated, promoted and decided at most once each.
 */
export function eventRegistrationRecipients(
  db: Db,
  registrationIds: string[],
  change: 'nominated' | 'promoted' | 'confirmed' | 'rejected',
) {
  return db.query<RecipientRow<'event_registration'>>(sql`
    SELECT u.id AS user_id, 'event-registration:' || ${change} || ':' || r.id || ':' || u.id AS dedupe_key,
           jsonb_build_object('eventId', ev.id, 'title', ev.title, 'startsOn', ev.starts_on,
                              'change', ${change}::text, 'status', r.status) AS facts
    FROM event_registrations r
    JOIN events ev ON ev.id = r.event_id
    JOIN users u ON u.person_id = r.person_id AND u.active
    WHERE r.id = ANY(${sql.param(registrationIds)}::uuid[])
      -- a registration cancelled or rejected since is told nothing of an earlier change
      AND (r.status IN ('pending', 'confirmed', 'waitlisted') OR ${change} = 'rejected')`);
}

/** The teacher of a route the curator has agreed (once per agreement: a plan agreed again tells again). */
export function routeAgreedRecipients(db: Db, routeId: string) {
  return db.query<RecipientRow<'route_agreed'>>(sql`
    SELECT u.id AS user_id,
           'route-agreed:' || r.id || ':' || ${ms(sql`r.agreed_by_curator_at`)} || ':' || u.id AS dedupe_key,
           jsonb_build_object('routeTitle', r.title, 'bothAgreed', r.status <> 'draft') AS facts
    FROM learning_routes r
    JOIN users u ON u.person_id = r.person_id AND u.active
    WHERE r.id = ${routeId} AND r.agreed_by_curator_at IS NOT NULL
      AND u.id IS DISTINCT FROM r.curator_user_id`);
}

/** The teacher of a route whose item the curator returned: once per return (its route event). */
export function routeReturnedRecipients(db: Db, routeId: string, itemId: string) {
  return db.query<RecipientRow<'route_returned'>>(sql`
    SELECT u.id AS user_id, 'route-returned:' || ev.id || ':' || u.id AS dedupe_key,
           jsonb_build_object('routeTitle', r.title, 'itemTitle', i.title, 'comment', ev.text) AS facts
    FROM learning_route_items i
    JOIN learning_routes r ON r.id = i.route_id
    JOIN LATERAL (SELECT e.id, e.text FROM learning_route_events e
                  WHERE e.item_id = i.id AND e.kind = 'returned' ORDER BY e.id DESC LIMIT 1) ev ON true
    JOIN users u ON u.person_id = r.person_id AND u.active
    WHERE i.id = ${itemId} AND r.id = ${routeId}`);
}

/** The curator of a route whose item awaits confirmation: once per «done» (its route event). */
export function itemAwaitingRecipients(db: Db, routeId: string, itemId: string) {
  return db.query<RecipientRow<'item_awaiting_confirmation'>>(sql`
    SELECT u.id AS user_id, 'item-awaiting:' || ev.id || ':' || u.id AS dedupe_key,
           jsonb_build_object('teacherName', concat_ws(' ', p.last_name, p.first_name, NULLIF(p.patronymic, '')),
                              'itemTitle', i.title, 'routeId', r.id) AS facts
    FROM learning_route_items i
    JOIN learning_routes r ON r.id = i.route_id
    JOIN people p ON p.id = r.person_id
    JOIN LATERAL (SELECT e.id FROM learning_route_events e
                  WHERE e.item_id = i.id AND e.kind = 'evidence' ORDER BY e.id DESC LIMIT 1) ev ON true
    JOIN users u ON u.id = r.curator_user_id AND u.active
    WHERE i.id = ${itemId} AND r.id = ${routeId} AND i.status = 'done' AND i.confirmed_at IS NULL`);
}

/** The curators of routes whose items confirmed attendance closed: once per closing (its route event). */
export function itemAttendedRecipients(db: Db, routeEventIds: number[]) {
  if (routeEventIds.length === 0) return Promise.resolve([]);
  return db.query<RecipientRow<'item_attended'>>(sql`
    SELECT u.id AS user_id, 'item-attended:' || ev.id || ':' || u.id AS dedupe_key,
           jsonb_build_object('teacherName', concat_ws(' ', p.last_name, p.first_name, NULLIF(p.patronymic, '')),
                              'itemTitle', i.title, 'routeId', r.id,
                              'serial', COALESCE(ev.data->'evidence'->>'serial', '')) AS facts
    FROM learning_route_events ev
    JOIN learning_route_items i ON i.id = ev.item_id
    JOIN learning_routes r ON r.id = ev.route_id
    JOIN people p ON p.id = r.person_id
    JOIN users u ON u.id = r.curator_user_id AND u.active
    WHERE ev.id = ANY(${sql.param(routeEventIds)}::bigint[])`);
}

// ——— writing notifications and letters ———

export interface NotificationWrite {
  recipientUserId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  dedupeKey: string;
}

export interface CreatedNotification {
  id: string;
  recipient_user_id: string;
  email: EmailDelivery;
  title: string;
  body: string;
  link: string | null;
  dedupe_key: string;
  /** Null for a user without an e-mail address: told in the app only. */
  to_address: string | null;
  full_name: string;
}

/**
 * Inserts the notifications whose dedupe key is new (the others exist: nothing happens to them),
 * each with its e-mail delivery: the recipient's preference for the kind, or the kind's default.
 */
export async function insertNotifications(
  tx: Db,
  rows: NotificationWrite[],
  defaults: Record<NotificationKind, EmailDelivery>,
): Promise<CreatedNotification[]> {
  if (rows.length === 0) return [];
  const input = rows.map((r) => ({
    recipient_user_id: r.recipientUserId,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    dedupe_key: r.dedupeKey,
  }));
  return tx.query<CreatedNotification>(sql`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb)
        AS x(recipient_user_id uuid, kind text, title text, body text, link text, dedupe_key text)
    ), ins AS (
      INSERT INTO notifications (recipient_user_id, kind, title, body, link, dedupe_key, email)
      SELECT i.recipient_user_id, i.kind, i.title, i.body, i.link, i.dedupe_key,
             COALESCE(p.email, (${JSON.stringify(defaults)}::jsonb ->> i.kind)::email_delivery, 'immediate')
      FROM input i
      LEFT JOIN notification_preferences p ON p.user_id = i.recipient_user_id AND p.kind = i.kind
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id, recipient_user_id, email, title, body, link, dedupe_key
    )
    SELECT ins.id, ins.recipient_user_id, ins.email, ins.title, ins.body, ins.link, ins.dedupe_key,
           u.email AS to_address, u.full_name
    FROM ins JOIN users u ON u.id = ins.recipient_user_id`);
}

export interface OutboxWrite {
  dedupeKey: string;
  recipientUserId: string | null;
  toAddress: string;
  subject: string;
  body: string;
}

/** Writes the letters whose dedupe key is new; returns those written (the others exist already). */
export async function insertOutbox(
  tx: Db,
  rows: OutboxWrite[],
): Promise<{ id: string; dedupe_key: string }[]> {
  if (rows.length === 0) return [];
  const input = rows.map((r) => ({
    dedupe_key: r.dedupeKey,
    recipient_user_id: r.recipientUserId,
    to_address: r.toAddress,
    subject: r.subject,
    body: r.body,
  }));
  return tx.query<{ id: string; dedupe_key: string }>(sql`
    INSERT INTO mail_outbox (dedupe_key, recipient_user_id, to_address, subject, body)
    SELECT x.dedupe_key, x.recipient_user_id, x.to_address, x.subject, x.body
    FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb)
      AS x(dedupe_key text, recipient_user_id uuid, to_address text, subject text, body text)
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id, dedupe_key`);
}

/** Records the letter each notification went out in. */
export async function linkOutbox(
  tx: Db,
  pairs: { notificationId: string; outboxId: string }[],
): Promise<void> {
  if (pairs.length === 0) return;
  await tx.query(sql`
    UPDATE notifications n SET outbox_id = m.outbox_id
    FROM jsonb_to_recordset(${JSON.stringify(pairs.map((p) => ({ notification_id: p.notificationId, outbox_id: p.outboxId })))}::jsonb)
      AS m(notification_id uuid, outbox_id uuid)
    WHERE n.id = m.notification_id`);
}

export interface DigestRow {
  id: string;
  recipient_user_id: string;
  title: string;
  body: string;
  link: string | null;
  to_address: string;
  full_name: string;
}

/**
 * Unread notifications meant for the digest and not yet in a letter (unless the user has turned
 * their kind off since), by recipient and time.
 */
export function digestCandidates(tx: Db): Promise<DigestRow[]> {
  return tx.query<DigestRow>(sql`
    SELECT n.id, n.recipient_user_id, n.title, n.body, n.link, u.email AS to_address, u.full_name
    FROM notifications n JOIN users u ON u.id = n.recipient_user_id AND u.active AND u.email IS NOT NULL
    WHERE n.email = 'digest' AND n.outbox_id IS NULL AND n.read_at IS NULL
      -- A kind turned off since the notification was made is not mailed any more.
      AND NOT EXISTS (SELECT 1 FROM notification_preferences p
                      WHERE p.user_id = n.recipient_user_id AND p.kind = n.kind AND p.email = 'off')
    ORDER BY n.recipient_user_id, n.created_at, n.id
    FOR UPDATE OF n`);
}

// ——— a user's own notifications ———

export interface NotificationDb {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

const COLUMNS = sql`n.id, n.kind, n.title, n.body, n.link, n.created_at, n.read_at`;

export async function listOwn(
  db: Db,
  scope: SQL,
  f: { unreadOnly: boolean; limit: number; offset: number },
): Promise<{ rows: NotificationDb[]; total: number; unread: number }> {
  const where = f.unreadOnly ? sql`${scope} AND n.read_at IS NULL` : scope;
  const [rows, [counts]] = await Promise.all([
    db.query<NotificationDb>(sql`
      SELECT ${COLUMNS} FROM notifications n WHERE ${where}
      ORDER BY n.created_at DESC, n.id DESC LIMIT ${f.limit} OFFSET ${f.offset}`),
    db.query<{ total: number; unread: number }>(sql`
      SELECT count(*) FILTER (WHERE ${where})::int AS total,
             count(*) FILTER (WHERE n.read_at IS NULL)::int AS unread
      FROM notifications n WHERE ${scope}`),
  ]);
  return { rows, total: counts?.total ?? 0, unread: counts?.unread ?? 0 };
}

export async function findOwn(db: Db, scope: SQL, id: string): Promise<NotificationDb | null> {
  const [row] = await db.query<NotificationDb>(
    sql`SELECT ${COLUMNS} FROM notifications n WHERE n.id = ${id} AND ${scope}`,
  );
  return row ?? null;
}

export async function markRead(db: Db, scope: SQL, id: string): Promise<NotificationDb | null> {
  const [row] = await db.query<NotificationDb>(sql`
    UPDATE notifications n SET read_at = COALESCE(n.read_at, now())
    WHERE n.id = ${id} AND ${scope}
    RETURNING ${COLUMNS}`);
  return row ?? null;
}

export async function markAllRead(db: Db, scope: SQL): Promise<number> {
  const rows = await db.query<{ id: string }>(sql`
    UPDATE notifications n SET read_at = now() WHERE ${scope} AND n.read_at IS NULL RETURNING n.id`);
  return rows.length;
}

// ——— preferences ———

export async function loadPreferences(db: Db, userId: string): Promise<Map<string, EmailDelivery>> {
  const rows = await db.query<{ kind: string; email: EmailDelivery }>(
    sql`SELECT kind, email FROM notification_preferences WHERE user_id = ${userId}`,
  );
  return new Map(rows.map((r) => [r.kind, r.email]));
}

export async function savePreferences(
  tx: Db,
  userId: string,
  items: { kind: NotificationKind; email: EmailDelivery }[],
): Promise<void> {
  if (items.length === 0) return;
  await tx.query(sql`
    INSERT INTO notification_preferences (user_id, kind, email)
    SELECT ${userId}, x.kind, x.email::email_delivery
    FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS x(kind text, email text)
    ON CONFLICT (user_id, kind) DO UPDATE SET email = EXCLUDED.email, updated_at = now()`);
}

// ——— the outbox ———

export interface OutboxDb {
  id: string;
  dedupe_key: string;
  recipient_user_id: string | null;
  to_address: string;
  subject: string;
  body: string;
  created_at: string;
  sent_at: string | null;
  attempts: number;
  last_error: string | null;
  message_id: string | null;
}

const OUTBOX = sql`SELECT o.id, o.dedupe_key, o.recipient_user_id, o.to_address, o.subject, o.body, o.created_at,
                          o.sent_at, o.attempts, o.last_error, o.message_id FROM mail_outbox o`;

export async function listOutbox(
  db: Db,
  f: { unsentOnly: boolean; limit: number; offset: number },
): Promise<{ rows: OutboxDb[]; total: number; unsent: number }> {
  const where = f.unsentOnly ? sql`o.sent_at IS NULL` : sql`true`;
  const [rows, [counts]] = await Promise.all([
    db.query<OutboxDb>(sql`${OUTBOX} WHERE ${where} ORDER BY o.created_at DESC, o.id DESC
                           LIMIT ${f.limit} OFFSET ${f.offset}`),
    db.query<{ total: number; unsent: number }>(sql`
      SELECT count(*) FILTER (WHERE ${where})::int AS total,
             count(*) FILTER (WHERE o.sent_at IS NULL)::int AS unsent FROM mail_outbox o`),
  ]);
  return { rows, total: counts?.total ?? 0, unsent: counts?.unsent ?? 0 };
}

export async function findOutbox(db: Db, id: string): Promise<OutboxDb | null> {
  const [row] = await db.query<OutboxDb>(sql`${OUTBOX} WHERE o.id = ${id}`);
  return row ?? null;
}

/** A process that has not finished sending in this long is taken for dead: its letter may be sent again. */
const SENDING_LEASE = sql`interval '5 minutes'`;

/**
 * Takes the letter for sending: unsent and not being sent by another process. Counts the attempt.
 * Null when it is sent already or someone else is sending it now.
 */
export async function claimOutbox(db: Db, id: string): Promise<OutboxDb | null> {
  const [row] = await db.query<OutboxDb>(sql`
    UPDATE mail_outbox o SET sending_since = now(), attempts = o.attempts + 1
    WHERE o.id = ${id} AND o.sent_at IS NULL
      AND (o.sending_since IS NULL OR o.sending_since < now() - ${SENDING_LEASE})
    RETURNING o.id, o.dedupe_key, o.recipient_user_id, o.to_address, o.subject, o.body, o.created_at,
              o.sent_at, o.attempts, o.last_error, o.message_id`);
  return row ?? null;
}

export async function markSent(db: Db, id: string, messageId: string): Promise<void> {
  await db.query(sql`
    UPDATE mail_outbox SET sent_at = now(), sending_since = NULL, last_error = NULL, message_id = ${messageId || null}
    WHERE id = ${id}`);
}

export async function markFailed(db: Db, id: string, error: string): Promise<void> {
  await db.query(sql`UPDATE mail_outbox SET sending_since = NULL, last_error = ${error} WHERE id = ${id}`);
}

export async function markNotSent(db: Db, id: string, reason: string): Promise<void> {
  await db.query(sql`UPDATE mail_outbox SET last_error = ${reason} WHERE id = ${id} AND sent_at IS NULL`);
}

/** Unsent letters written since `days` ago, not being sent right now: what a resend queues again. */
export async function unsentRecentOutbox(
  db: Db,
  days: number,
): Promise<{ id: string; dedupe_key: string }[]> {
  return db.query<{ id: string; dedupe_key: string }>(sql`
    SELECT o.id, o.dedupe_key FROM mail_outbox o
    WHERE o.sent_at IS NULL AND o.created_at >= now() - make_interval(days => ${days}::int)
      AND (o.sending_since IS NULL OR o.sending_since < now() - ${SENDING_LEASE})
    ORDER BY o.created_at, o.id`);
}
