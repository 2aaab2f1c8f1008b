import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { SYSTEM_ACTOR } from '../platform/auth/actor.ts';
import { sql } from '../platform/db/database.ts';
import { emit } from '../platform/events/events.ts';
import { enqueueJob, waitForJobs } from '../platform/jobs/jobs.queue.ts';
import { insertRoute } from '../routes/routes.test-data.ts';
import { DAILY_JOB, DIGEST_JOB } from './delivery.service.ts';
import { MAIL_SEND_JOB } from './mail.service.ts';
import { NOTIFICATION_KINDS } from './notifications.kinds.ts';
import { startTestSmtp, type TestSmtp } from './smtp.test-support.ts';

/**
 * Notifications end to end, through the real HTTP API, the job queue and an SMTP server in this
 * process: every kind reaches the server by e-mail, a rerun sends nothing twice, the digest puts a
 * day's notifications into one letter, preferences are honoured, a failing server is retried, and
 * nobody sees anyone else's notifications. The daily jobs run for a fixed reference date.
 */

const REF = '2030-03-10';
const REF_PLUS_3 = '2030-03-13';
const REF_MINUS_2 = '2030-03-08';

let t: TestApp;
let smtp: TestSmtp;
const as: Record<string, Client> = {};
const u: Record<string, { id: string; email: string; password: string }> = {};
const w: Record<string, any> = {};

const hourAgo = () => new Date(Date.now() - 3600_000).toISOString();
const inDays = (d: number) => new Date(Date.now() + d * 86400_000).toISOString();

/** Waits for every job this process enqueued, and then for the ones those jobs enqueued. */
async function settle() {
  for (let i = 0; i < 3; i++) await waitForJobs(t.db);
}

async function runJob(kind: string, params: Record<string, unknown>) {
  const id = await enqueueJob(t.db, { kind, params, actor: SYSTEM_ACTOR });
  await settle();
  const [job] = await t.db.query<{ status: string; result: any; error: string | null }>(
    sql`SELECT status, result, error FROM jobs WHERE id = ${id}`,
  );
  return job!;
}

const ALL_IMMEDIATE = { items: NOTIFICATION_KINDS.map((kind) => ({ kind, email: 'immediate' })) };

interface Mailed {
  kind: string;
  recipient: string;
  outbox_id: string | null;
  to_address: string | null;
  sent_at: string | null;
}

const mailed = () =>
  t.db.query<Mailed>(sql`
    SELECT n.kind, n.recipient_user_id AS recipient, n.outbox_id, o.to_address, o.sent_at
    FROM notifications n LEFT JOIN mail_outbox o ON o.id = n.outbox_id ORDER BY n.created_at`);

const count = async (table: 'notifications' | 'mail_outbox') =>
  (await t.db.queryText<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp({ MARSHRUT_SMTP_URL: smtp.url, MARSHRUT_PUBLIC_URL: 'https://marshrut.example.ru' });
  const { ctx } = t;
  const muni = await ctx.newMunicipality();
  const muniB = await ctx.newMunicipality({ regionId: muni.regionId });
  const school = await ctx.newOrg({ municipalityId: muni.id });
  const school2 = await ctx.newOrg({ municipalityId: muni.id });
  const schoolB = await ctx.newOrg({ municipalityId: muniB.id });
  const p1 = await ctx.newPerson({ organizationId: school.id, lastName: 'Петрова' });
  const p2 = await ctx.newPerson({ organizationId: school.id });
  const p3 = await ctx.newPerson({ organizationId: school2.id });
  Object.assign(w, { muni, school, school2, schoolB, p1, p2, p3 });
  const territory = { regionId: muni.regionId, municipalityId: muni.id };
  Object.assign(u, {
    admin: await ctx.newUser({ role: 'admin' }),
    methodist: await ctx.newUser({ role: 'municipal_methodist', ...territory }),
    methodistB: await ctx.newUser({
      role: 'municipal_methodist',
      regionId: muni.regionId,
      municipalityId: muniB.id,
    }),
    head: await ctx.newUser({ role: 'org_head', ...territory, organizationId: school.id }),
    head2: await ctx.newUser({ role: 'org_head', ...territory, organizationId: school2.id }),
    teacher1: await ctx.newUser({ role: 'teacher', personId: p1.id, organizationId: school.id }),
    teacher2: await ctx.newUser({ role: 'teacher', personId: p2.id, organizationId: school.id }),
    teacher3: await ctx.newUser({ role: 'teacher', personId: p3.id, organizationId: school2.id }),
    curator: await ctx.newUser({ role: 'curator', regionId: muni.regionId }),
  });
  for (const [k, user] of Object.entries(u)) as[k] = await t.login(user);
  const preset = await as.methodist!.post('/api/instruments/presets/teacher-demo-test');
  expect([200, 201]).toContain(preset.status);
  w.instrument = preset.body;
  const form = await as.methodist!.post('/api/forms', {
    name: 'Наставничество',
    fields: [{ code: 'mentors', label: 'Число наставников', type: 'integer', required: true, min: 0 }],
  });
  expect(form.status).toBe(201);
  w.form = form.body;
});

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

async function assign(dueOn: string, organizationIds: string[], title: string) {
  const res = await as.methodist!.post(`/api/forms/${w.form.id}/assignments`, {
    title,
    periodStart: '2030-01-01',
    periodEnd: '2030-02-28',
    dueOn,
    organizationIds,
  });
  expect(res.status).toBe(201);
  const [s] = await t.db.query<{ id: string; version: number }>(
    sql`SELECT id, version FROM form_submissions WHERE assignment_id = ${res.body.id} AND organization_id = ${organizationIds[0]!}`,
  );
  return { assignmentId: res.body.id as string, submissionId: s!.id };
}

describe('notifications: every kind by e-mail, once', () => {
  it('an e-mail reaches the SMTP server for each notification kind', async () => {
    for (const who of ['head', 'teacher1', 'curator']) {
      const res = await as[who]!.put('/api/notifications/preferences', ALL_IMMEDIATE);
      expect(res.status).toBe(200);
      expect(res.body.items.every((i: any) => i.email === 'immediate')).toBe(true);
    }

    // A campaign opened for the school's teachers, then a reminder to those who have not started.
    const created = await as.methodist!.post('/api/assessment-campaigns', {
      name: 'Весенняя диагностика',
      frameworkId: w.instrument.frameworkId,
      instrumentIds: [w.instrument.id],
      opensAt: hourAgo(),
      closesAt: inDays(14),
      target: { organizationIds: [w.school.id] },
    });
    expect(created.status).toBe(201);
    w.campaignId = created.body.id;
    expect((await as.methodist!.post(`/api/assessment-campaigns/${w.campaignId}/open`)).status).toBe(200);
    await settle();
    const reminded = await as.methodist!.post(`/api/assessment-campaigns/${w.campaignId}/remind`);
    expect(reminded.status).toBe(200);
    expect(reminded.body).toEqual({ reminded: 2 });
    // The same day again: each participant is reminded at most once a day.
    expect((await as.methodist!.post(`/api/assessment-campaigns/${w.campaignId}/remind`)).body).toEqual({
      reminded: 0,
    });

    // A form assigned to the school, submitted, returned; another one already past its date.
    const soon = await assign(REF_PLUS_3, [w.school.id], 'Сведения о наставниках');
    w.soon = soon;
    const submit = await as.head!.post(`/api/form-submissions/${soon.submissionId}/submit`, {
      values: { mentors: 3 },
      version: 0,
    });
    expect(submit.status).toBe(200);
    const returned = await as.methodist!.post(`/api/form-submissions/${soon.submissionId}/return`, {
      comment: 'Уточните число наставников',
    });
    expect(returned.status).toBe(200);
    await assign(REF_MINUS_2, [w.school.id], 'Сведения о молодых педагогах');

    // A route: the curator agrees, the teacher too, it starts; an item done, then returned.
    const route = await insertRoute(t.db, {
      personId: w.p1.id,
      curatorUserId: u.curator!.id,
      title: 'Маршрут Петровой',
      items: [{ title: 'Курс по функциональной грамотности' }, { title: 'Открытый урок' }],
    });
    await t.db.query(
      sql`UPDATE learning_route_items SET planned_end = ${REF_PLUS_3} WHERE id = ${route.itemIds[1]!}`,
    );
    expect((await as.curator!.post(`/api/routes/${route.id}/agree`)).status).toBe(200);
    expect((await as.teacher1!.post(`/api/routes/${route.id}/agree`)).status).toBe(200);
    expect((await as.teacher1!.post(`/api/routes/${route.id}/start`)).status).toBe(200);
    const done = await as.teacher1!.post(`/api/routes/${route.id}/items/${route.itemIds[0]}/done`, {
      evidence: { kind: 'link', url: 'https://example.org/certificate' },
    });
    expect(done.status).toBe(200);
    // The curator's letter is written by a job reading the item as it is then (done, not yet
    // confirmed): let it run before the return, as a curator reading it would.
    await settle();
    const back = await as.curator!.post(`/api/routes/${route.id}/items/${route.itemIds[0]}/return`, {
      comment: 'Приложите удостоверение',
    });
    expect(back.status).toBe(200);
    w.route = route;
    await settle();

    // The daily pass of the reference date: the form overdue, the deadlines in three days.
    const daily = await runJob(DAILY_JOB, { date: REF });
    expect(daily.status).toBe('succeeded');
    expect(daily.result).toEqual({ overdue: 1, soon: 2 });

    const rows = await mailed();
    // Events' kinds have their own tests (src/events/calendar/reminders.int.test.ts,
    // src/events/events-notifications.int.test.ts, src/routes/route-events.int.test.ts,
    // src/wellbeing/wellbeing.int.test.ts), and so has the bank of practices'
    // (src/practices/practices.int.test.ts), a mentorship opened (src/routes/route-mentors.int.test.ts)
    // and the expert cards' deadlines (src/expert-cards/cards/cards.int.test.ts).
    const own = [
      'event_reminder',
      'event_registration',
      'item_attended',
      'support_followup',
      'material_moderated',
      'mentorship_opened',
      'expert_card_deadline',
    ];
    for (const kind of NOTIFICATION_KINDS.filter((k) => !own.includes(k))) {
      const ofKind = rows.filter((r) => r.kind === kind);
      expect(ofKind.length, kind).toBeGreaterThan(0);
      for (const r of ofKind) {
        expect(r.sent_at, kind).not.toBeNull();
        const letter = smtp.received.find((l) => l.outboxId === r.outbox_id);
        expect(letter, kind).toBeDefined();
        expect(letter!.to).toEqual([r.to_address]);
      }
    }
    // Who got what: the participants, the school head, the teacher of the route, its curator.
    const byKind = (kind: string) =>
      rows
        .filter((r) => r.kind === kind)
        .map((r) => r.recipient)
        .sort();
    expect(byKind('campaign_opened')).toEqual([u.teacher1!.id, u.teacher2!.id].sort());
    expect(byKind('campaign_reminder')).toEqual([u.teacher1!.id, u.teacher2!.id].sort());
    expect(byKind('form_assigned')).toEqual([u.head!.id, u.head!.id]);
    expect(byKind('form_returned')).toEqual([u.head!.id]);
    expect(byKind('form_overdue')).toEqual([u.head!.id]);
    expect(byKind('route_agreed')).toEqual([u.teacher1!.id]);
    expect(byKind('route_returned')).toEqual([u.teacher1!.id]);
    expect(byKind('item_awaiting_confirmation')).toEqual([u.curator!.id]);
    expect(byKind('deadline_soon')).toEqual([u.head!.id, u.teacher1!.id].sort());
    // Every letter went out once.
    const ids = smtp.received.map((l) => l.outboxId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(await count('mail_outbox'));
  });

  it('the letters are in Russian and lead to the thing', async () => {
    const [letter] = await t.db.query<{ subject: string; body: string }>(sql`
      SELECT o.subject, o.body FROM notifications n JOIN mail_outbox o ON o.id = n.outbox_id
      WHERE n.kind = 'form_returned'`);
    expect(letter!.subject).toBe('Маршрут: Форма «Сведения о наставниках» возвращена на доработку');
    expect(letter!.body).toContain('«Уточните число наставников»');
    expect(letter!.body).toContain(
      `Открыть: https://marshrut.example.ru/monitoring/my-forms/${w.soon.submissionId}`,
    );
    const mine = await as.head!.get('/api/notifications');
    expect(mine.status).toBe(200);
    const overdue = mine.body.items.find((n: any) => n.kind === 'form_overdue');
    expect(overdue).toMatchObject({
      kindLabel: 'Срок формы прошёл',
      title: 'Срок формы «Сведения о молодых педагогах» прошёл',
      body: 'Форму нужно было отправить до 08.03.2030. Заполните и отправьте её как можно скорее.',
      readAt: null,
    });
    expect(overdue.link).toMatch(/^\/monitoring\/my-forms\//);
  });

  it('nothing is created or sent twice when the jobs and events run again', async () => {
    const before = {
      n: await count('notifications'),
      o: await count('mail_outbox'),
      r: smtp.received.length,
    };
    const again = await runJob(DAILY_JOB, { date: REF });
    expect(again.result).toEqual({ overdue: 0, soon: 0 });
    await emit('routes.agreed', { routeId: w.route.id }, { db: t.db, actor: SYSTEM_ACTOR });
    await emit('assessment.campaign-opened', { campaignId: w.campaignId }, { db: t.db, actor: SYSTEM_ACTOR });
    await settle();
    // A send job run again for a letter already sent sends nothing.
    const [sent] = await t.db.query<{ id: string }>(
      sql`SELECT id FROM mail_outbox WHERE sent_at IS NOT NULL LIMIT 1`,
    );
    const resend = await runJob(MAIL_SEND_JOB, { outboxId: sent!.id });
    expect(resend).toMatchObject({ status: 'succeeded', result: { sent: false, reason: 'уже отправлено' } });
    expect({
      n: await count('notifications'),
      o: await count('mail_outbox'),
      r: smtp.received.length,
    }).toEqual(before);
  });

  it('a failing SMTP server is retried until the letter goes out, once', async () => {
    smtp.refuseNext(1);
    const { submissionId } = await assign(REF_PLUS_3, [w.school2.id], 'Сведения о стажировках');
    await settle();
    const [row] = await t.db.query<{
      id: string;
      attempts: number;
      sent_at: string | null;
      last_error: string | null;
    }>(sql`
      SELECT o.id, o.attempts, o.sent_at, o.last_error FROM notifications n JOIN mail_outbox o ON o.id = n.outbox_id
      WHERE n.dedupe_key = ${`form-assigned:${submissionId}:${u.head2!.id}`}`);
    expect(row).toMatchObject({ attempts: 2, last_error: null });
    expect(row!.sent_at).not.toBeNull();
    expect(smtp.received.filter((l) => l.outboxId === row!.id)).toHaveLength(1);
  }, 120_000);

  it('preferences are honoured: off sends nothing, the digest puts the day into one letter', async () => {
    // teacher3 keeps the defaults (route agreement → digest) and turns the deadlines off.
    const off = await as.teacher3!.put('/api/notifications/preferences', {
      items: [{ kind: 'deadline_soon', email: 'off' }],
    });
    expect(off.status).toBe(200);
    expect(off.body.items.find((i: any) => i.kind === 'deadline_soon')).toMatchObject({
      email: 'off',
      defaultEmail: 'immediate',
    });
    expect(off.body.items.find((i: any) => i.kind === 'route_agreed').email).toBe('digest');
    const received = smtp.received.length;
    const r1 = await insertRoute(t.db, {
      personId: w.p3.id,
      curatorUserId: u.curator!.id,
      title: 'Первый маршрут',
    });
    const r2 = await insertRoute(t.db, {
      personId: w.p3.id,
      curatorUserId: u.curator!.id,
      title: 'Второй маршрут',
    });
    expect((await as.curator!.post(`/api/routes/${r1.id}/agree`)).status).toBe(200);
    expect((await as.curator!.post(`/api/routes/${r2.id}/agree`)).status).toBe(200);
    // The second route is agreed by both and has an item due on 3 April.
    await t.db.query(sql`UPDATE learning_routes SET status = 'agreed' WHERE id = ${r2.id}`);
    await t.db.query(
      sql`UPDATE learning_route_items SET planned_end = '2030-04-03' WHERE route_id = ${r2.id}`,
    );
    await settle();
    expect((await runJob(DAILY_JOB, { date: '2030-03-31' })).result).toEqual({ overdue: 0, soon: 1 });
    // In the app: both agreements and the deadline; by e-mail nothing yet.
    const mine = await as.teacher3!.get('/api/notifications');
    expect(mine.body.items.map((n: any) => n.kind).sort()).toEqual([
      'deadline_soon',
      'route_agreed',
      'route_agreed',
    ]);
    expect(mine.body.unread).toBe(3);
    expect(smtp.received.length).toBe(received);
    const [deadline] = await t.db.query<{ email: string; outbox_id: string | null }>(sql`
      SELECT email, outbox_id FROM notifications WHERE recipient_user_id = ${u.teacher3!.id} AND kind = 'deadline_soon'`);
    expect(deadline).toEqual({ email: 'off', outbox_id: null });

    const digest = await runJob(DIGEST_JOB, { date: REF });
    // Only teacher3 has notifications meant for the digest (the others chose «at once» or kept it for those kinds).
    expect(digest.result).toEqual({ letters: 1 });
    const letters = await t.db.query<{
      recipient_user_id: string;
      subject: string;
      body: string;
      id: string;
    }>(sql`
      SELECT id, recipient_user_id, subject, body FROM mail_outbox WHERE dedupe_key LIKE 'digest:%' ORDER BY to_address`);
    const own = letters.find((l) => l.recipient_user_id === u.teacher3!.id)!;
    expect(own.subject).toBe('Маршрут: сводка уведомлений за 10.03.2030 (2)');
    expect(own.body).toContain('Первый маршрут');
    expect(own.body).toContain('Второй маршрут');
    expect(smtp.received.filter((l) => l.outboxId === own.id)).toHaveLength(1);
    // The digest of the same day again: no second letter.
    expect((await runJob(DIGEST_JOB, { date: REF })).result).toEqual({ letters: 0 });
    expect(smtp.received.filter((l) => l.to.includes(u.teacher3!.email))).toHaveLength(1);
  });
});

describe('notifications: each sees their own', () => {
  it('lists only the caller’s notifications, paged, with the unread count', async () => {
    const mine = await as.teacher1!.get('/api/notifications?pageSize=2');
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(2);
    expect(mine.body.total).toBeGreaterThan(2);
    const [own] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM notifications WHERE recipient_user_id = ${u.teacher1!.id}`,
    );
    expect(mine.body).toMatchObject({ total: own!.n, unread: own!.n, page: 1, pageSize: 2 });
    const others = await as.teacher2!.get('/api/notifications?pageSize=100');
    const mineIds = new Set(
      (await as.teacher1!.get('/api/notifications?pageSize=100')).body.items.map((x: any) => x.id),
    );
    expect(others.body.items.some((x: any) => mineIds.has(x.id))).toBe(false);
    expect((await t.client().get('/api/notifications')).status).toBe(401);
  });

  it('another user’s notification answers 404 — the admin’s too; one’s own is marked read', async () => {
    const [theirs] = (await as.teacher1!.get('/api/notifications')).body.items;
    for (const who of ['teacher2', 'admin', 'methodist']) {
      const res = await as[who]!.post(`/api/notifications/${theirs.id}/read`);
      expect(res.status, who).toBe(404);
      expect(res.body.error.message).toBe('Уведомление не найдено.');
    }
    const read = await as.teacher1!.post(`/api/notifications/${theirs.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    const before = (await as.teacher1!.get('/api/notifications')).body.unread;
    const all = await as.teacher1!.post('/api/notifications/read-all');
    expect(all.body).toEqual({ updated: before });
    expect((await as.teacher1!.get('/api/notifications')).body.unread).toBe(0);
    // teacher2's stay unread.
    expect((await as.teacher2!.get('/api/notifications')).body.unread).toBeGreaterThan(0);
    expect((await as.teacher1!.get('/api/notifications?unread=true')).body.items).toEqual([]);
  });

  it('only the admin reads the outbox', async () => {
    for (const who of ['methodist', 'head', 'teacher1']) {
      const res = await as[who]!.get('/api/notifications/outbox');
      expect(res.status, who).toBe(403);
      expect(res.body.error.message).toBe('Почтовый журнал доступен только администратору.');
    }
    const res = await as.admin!.get('/api/notifications/outbox?pageSize=5');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mailConfigured: true, pageSize: 5 });
    expect(res.body.items[0]).toMatchObject({ status: 'sent', statusLabel: 'отправлено' });
  });

  it('only who manages the campaign may remind its participants', async () => {
    expect((await as.teacher1!.post(`/api/assessment-campaigns/${w.campaignId}/remind`)).status).toBe(403);
    expect((await as.methodistB!.post(`/api/assessment-campaigns/${w.campaignId}/remind`)).status).toBe(404);
    const head = await as.head!.post(`/api/assessment-campaigns/${w.campaignId}/remind`);
    expect([403, 404]).toContain(head.status);
    expect((await t.client().post(`/api/assessment-campaigns/${w.campaignId}/remind`)).status).toBe(401);
  });
});
