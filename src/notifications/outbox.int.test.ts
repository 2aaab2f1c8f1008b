import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { SYSTEM_ACTOR } from '../platform/auth/actor.ts';
import { sql } from '../platform/db/database.ts';
import { enqueueJobs, waitForJobs } from '../platform/jobs/jobs.queue.ts';
import { MAIL_SEND_JOB } from './mail.service.ts';
import { configureMail, mailConfigOf } from './mailer.ts';
import { startTestSmtp } from './smtp.test-support.ts';

/**
 * Without MARSHRUT_SMTP_URL nothing leaves the machine: the letters stay in the outbox, marked
 * «не отправлено: почтовый сервер не настроен», and the admin reads them there. The send queue
 * keeps one job per letter key.
 */

let t: TestApp;
const as: Record<string, Client> = {};
const w: Record<string, any> = {};

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muni = await ctx.newMunicipality();
  const school = await ctx.newOrg({ municipalityId: muni.id });
  Object.assign(w, { muni, school });
  const users = {
    admin: await ctx.newUser({ role: 'admin' }),
    methodist: await ctx.newUser({
      role: 'municipal_methodist',
      regionId: muni.regionId,
      municipalityId: muni.id,
    }),
    head: await ctx.newUser({ role: 'org_head', organizationId: school.id }),
  };
  w.head = users.head;
  for (const [k, u] of Object.entries(users)) as[k] = await t.login(u);
});
afterAll(async () => t?.close());

describe('the outbox without an SMTP server', () => {
  it('keeps the letter unsent with the reason, and the admin reads it', async () => {
    const form = await as.methodist!.post('/api/forms', {
      name: 'Кадры',
      fields: [{ code: 'staff', label: 'Число педагогов', type: 'integer', required: true, min: 0 }],
    });
    expect(form.status).toBe(201);
    const assigned = await as.methodist!.post(`/api/forms/${form.body.id}/assignments`, {
      title: 'Кадры на 1 сентября',
      periodStart: '2030-09-01',
      periodEnd: '2030-09-01',
      dueOn: '2030-09-15',
      organizationIds: [w.school.id],
    });
    expect(assigned.status).toBe(201);
    for (let i = 0; i < 3; i++) await waitForJobs(t.db);

    const [letter] = await t.db.query<{ sent_at: string | null; attempts: number; last_error: string }>(
      sql`SELECT sent_at, attempts, last_error FROM mail_outbox WHERE recipient_user_id = ${w.head.id}`,
    );
    expect(letter).toEqual({
      sent_at: null,
      attempts: 0,
      last_error: 'не отправлено: почтовый сервер не настроен',
    });
    // In the app the notification is there all the same.
    const mine = await as.head!.get('/api/notifications');
    expect(mine.body.items.map((n: any) => n.title)).toEqual(['Назначена форма «Кадры на 1 сентября»']);
    expect((await as.head!.get('/api/notifications/preferences')).body.mailConfigured).toBe(false);

    const outbox = await as.admin!.get('/api/notifications/outbox?unsent=true');
    expect(outbox.status).toBe(200);
    expect(outbox.body).toMatchObject({ total: 1, unsent: 1, mailConfigured: false });
    expect(outbox.body.items[0]).toMatchObject({
      to: w.head.email,
      subject: 'Маршрут: Назначена форма «Кадры на 1 сентября»',
      sentAt: null,
      status: 'not_configured',
      statusLabel: 'не отправлено: почтовый сервер не настроен',
    });
    expect(outbox.body.items[0].text).toContain('Здравствуйте, Пользователь org_head!');
    expect(outbox.body.items[0].text).toContain('Заполните и отправьте форму до 15.09.2030.');
    // The read is logged: the letters name people.
    const [audit] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'mail_outbox' AND action = 'read'`,
    );
    expect(audit!.n).toBe(1);
    for (const who of ['methodist', 'head'])
      expect((await as[who]!.get('/api/notifications/outbox')).status).toBe(403);
  });

  it('queues one send job per letter key: a second one while the first waits is not queued', async () => {
    const [letter] = await t.db.query<{ id: string; dedupe_key: string }>(
      sql`SELECT id, dedupe_key FROM mail_outbox`,
    );
    const spec = { params: { outboxId: letter!.id }, actor: SYSTEM_ACTOR, singletonKey: letter!.dedupe_key };
    const [first, second] = await t.db.transaction(async (tx) => [
      await enqueueJobs(t.db, tx, MAIL_SEND_JOB, [spec]),
      await enqueueJobs(t.db, tx, MAIL_SEND_JOB, [spec]),
    ]);
    expect(first).toHaveLength(1);
    expect(second).toEqual([]);
    await waitForJobs(t.db, first);
    const jobs = await t.db.query<{ status: string }>(
      sql`SELECT status FROM jobs WHERE kind = ${MAIL_SEND_JOB} AND params->>'outboxId' = ${letter!.id}`,
    );
    // The job of the assignment and this one; the refused one left no row behind.
    expect(jobs.map((j) => j.status)).toEqual(['succeeded', 'succeeded']);
  });
});

describe('resending once a mail server is configured', () => {
  it('sends the unsent letters of the last week once; older ones stay unsent; only the admin may', async () => {
    // Two letters written while no server was configured: one today, one eight days ago.
    const [fresh, stale] = await t.db.query<{ id: string }>(sql`
      INSERT INTO mail_outbox (dedupe_key, recipient_user_id, to_address, subject, body, created_at, last_error)
      VALUES ('resend-fresh', ${w.head.id}, ${w.head.email}, 'Маршрут: свежее', 'Текст', now(), 'не настроен'),
             ('resend-stale', ${w.head.id}, ${w.head.email}, 'Маршрут: старое', 'Текст', now() - interval '8 days', 'не настроен')
      RETURNING id`);
    const unconfigured = await as.admin!.post('/api/notifications/outbox/resend', {});
    expect(unconfigured.status).toBe(409);
    expect(unconfigured.body.error.message).toContain('Почтовый сервер не настроен');

    const smtp = await startTestSmtp();
    const before = mailConfigOf(t.db);
    configureMail(t.db, { ...before, smtpUrl: smtp.url });
    try {
      for (const who of ['methodist', 'head'])
        expect((await as[who]!.post('/api/notifications/outbox/resend', {})).status).toBe(403);
      const resent = await as.admin!.post('/api/notifications/outbox/resend', {});
      expect(resent.status).toBe(200);
      // The fresh letter and the earlier test's letter (written today); not the one of eight days ago.
      expect(resent.body.queued).toBe(2);
      for (let i = 0; i < 3; i++) await waitForJobs(t.db);
      const sent = await t.db.query<{ id: string; sent: boolean }>(
        sql`SELECT id, sent_at IS NOT NULL AS sent FROM mail_outbox WHERE id IN (${fresh!.id}, ${stale!.id}) ORDER BY created_at DESC`,
      );
      expect(sent).toEqual([
        { id: fresh!.id, sent: true },
        { id: stale!.id, sent: false },
      ]);
      expect(smtp.received.filter((l) => l.outboxId === fresh!.id)).toHaveLength(1);
      // A second resend finds nothing new to send, and nothing goes out twice.
      expect((await as.admin!.post('/api/notifications/outbox/resend', {})).body.queued).toBe(0);
      for (let i = 0; i < 2; i++) await waitForJobs(t.db);
      expect(smtp.received.filter((l) => l.outboxId === fresh!.id)).toHaveLength(1);
      const [audit] = await t.db.query<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'mail_outbox' AND action = 'resend'`,
      );
      expect(audit!.n).toBe(2);
    } finally {
      configureMail(t.db, before);
      await smtp.close();
    }
  });
});
