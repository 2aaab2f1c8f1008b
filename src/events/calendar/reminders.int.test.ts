import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { startTestSmtp, type TestSmtp } from '../../notifications/smtp.test-support.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { sql } from '../../platform/db/database.ts';
import { enqueueJob, waitForJobs } from '../../platform/jobs/jobs.queue.ts';
import { EVENT_HOUR_REMINDERS_JOB, EVENT_REMINDERS_JOB } from './reminders.ts';

/**
 * Reminders the day before an event, through the job queue, for a fixed reference day (the job
 * takes the date; the schedule passes none and means today): in the app and by e-mail to those
 * registered — never to a cancelled or waitlisted registration, nor for a draft plan's event.
 */
const REF = '2030-03-10';

let t: TestApp;
let smtp: TestSmtp;
const users: Record<string, { id: string; email: string; password: string }> = {};
const as: Record<string, Client> = {};
const ids: Record<string, string> = {};

async function runReminders(date: string) {
  const id = await enqueueJob(t.db, { kind: EVENT_REMINDERS_JOB, params: { date }, actor: SYSTEM_ACTOR });
  for (let i = 0; i < 3; i++) await waitForJobs(t.db);
  const [job] = await t.db.query<{ status: string; result: any }>(
    sql`SELECT status, result FROM jobs WHERE id = ${id}`,
  );
  return job!;
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp({ MARSHRUT_SMTP_URL: smtp.url, MARSHRUT_PUBLIC_URL: 'https://marshrut.example.ru' });
  const { ctx } = t;
  const muni = await ctx.newMunicipality();
  const school = await ctx.newOrg({ municipalityId: muni.id });
  const at = { municipalityId: muni.id, regionId: muni.regionId };
  const methodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at }));
  const head = await t.login(await ctx.newUser({ role: 'municipal_head', ...at }));
  const headA = await t.login(await ctx.newUser({ role: 'org_head', organizationId: school.id, ...at }));
  const people: Record<string, string> = {};
  for (const name of ['confirmed', 'pending', 'cancelled', 'waitlisted']) {
    const p = await ctx.newPerson({ organizationId: school.id });
    people[name] = p.id;
    users[name] = await ctx.newUser({ role: 'teacher', personId: p.id, organizationId: school.id });
    as[name] = await t.login(users[name]!);
  }
  const plan = (await methodist.post('/api/event-plans', { schoolYear: 2029 })).body.id;
  ids.plan = plan;
  as.methodist = methodist;
  const add = async (by: Client, planId: string, body: Record<string, unknown>) =>
    (await by.post(`/api/event-plans/${planId}/events`, { level: 'municipal', ...body })).body.id as string;
  ids.tomorrow = await add(methodist, plan, {
    title: 'Семинар учителей математики',
    kind: 'seminar',
    startsOn: '2030-03-11',
    place: 'МБОУ СОШ № 1',
  });
  ids.later = await add(methodist, plan, {
    title: 'Конференция',
    kind: 'conference',
    startsOn: '2030-03-12',
  });
  expect((await head.post(`/api/event-plans/${plan}/approve`)).status).toBe(200);
  const draft = (await headA.post('/api/event-plans', { schoolYear: 2029 })).body.id;
  ids.draft = await add(headA, draft, {
    title: 'Черновое',
    kind: 'consultation',
    level: 'institutional',
    startsOn: '2030-03-11',
  });
  for (const [status, personId] of Object.entries(people)) {
    await t.db.query(sql`INSERT INTO event_registrations (event_id, person_id, status, source)
      VALUES (${ids.tomorrow!}, ${personId}, ${status}, 'self')`);
  }
  for (const event of [ids.later!, ids.draft!])
    await t.db.query(sql`INSERT INTO event_registrations (event_id, person_id, status, source)
      VALUES (${event}, ${people.confirmed!}, 'confirmed', 'self')`);
  ids.people = JSON.stringify(people);
});

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('event reminders the day before', () => {
  it('tell the registered in the app and by e-mail, once', async () => {
    const job = await runReminders(REF);
    expect(job.status).toBe('succeeded');
    expect(job.result).toEqual({ dayBefore: 2 });

    const rows = await t.db.query<{ recipient_user_id: string; title: string; link: string }>(sql`
      SELECT recipient_user_id, title, link FROM notifications WHERE kind = 'event_reminder' ORDER BY recipient_user_id`);
    expect(rows.map((r) => r.recipient_user_id).sort()).toEqual(
      [users.confirmed!.id, users.pending!.id].sort(),
    );
    expect(rows[0]).toMatchObject({
      title: 'Завтра: «Семинар учителей математики»',
      link: `/events/${ids.tomorrow}`,
    });

    const mine = await as.confirmed!.get('/api/notifications');
    expect(mine.body.items.map((n: { kind: string }) => n.kind)).toEqual(['event_reminder']);
    expect(mine.body.items[0].body).toBe(
      'Вы зарегистрированы на мероприятие «Семинар учителей математики» (семинар): 11.03.2030. Место: МБОУ СОШ № 1.',
    );
    expect((await as.cancelled!.get('/api/notifications')).body.items).toEqual([]);
    expect((await as.waitlisted!.get('/api/notifications')).body.items).toEqual([]);

    const to = smtp.received.flatMap((l) => l.to).sort();
    expect(to).toEqual([users.confirmed!.email, users.pending!.email].sort());

    // A rerun of the same day writes and sends nothing again.
    expect((await runReminders(REF)).result).toEqual({ dayBefore: 0 });
    expect(smtp.received).toHaveLength(2);
  });

  it('come the day before only: the next day reminds of the next day’s event', async () => {
    expect((await runReminders('2030-03-11')).result).toEqual({ dayBefore: 1 });
    const [row] = await t.db.query<{ link: string }>(sql`
      SELECT link FROM notifications WHERE kind = 'event_reminder' AND recipient_user_id = ${users.confirmed!.id}
      ORDER BY created_at DESC LIMIT 1`);
    expect(row!.link).toBe(`/events/${ids.later}`);
    // The draft plan's event never reminds.
    const [draft] = await t.db.query<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM notifications WHERE link = ${`/events/${ids.draft}`}`);
    expect(draft!.n).toBe(0);
  });
});

describe('event reminders within the hour before a timed event', () => {
  async function runSoon(at: string) {
    const id = await enqueueJob(t.db, {
      kind: EVENT_HOUR_REMINDERS_JOB,
      params: { at },
      actor: SYSTEM_ACTOR,
    });
    for (let i = 0; i < 3; i++) await waitForJobs(t.db);
    const [job] = await t.db.query<{ status: string; result: any }>(
      sql`SELECT status, result FROM jobs WHERE id = ${id}`,
    );
    return job!;
  }

  it('checks the times: an end needs a start, and ends after it on a one-day event', async () => {
    const bad = async (body: Record<string, unknown>) =>
      as.methodist!.post(`/api/event-plans/${ids.plan}/events`, {
        title: 'Вебинар',
        kind: 'webinar',
        level: 'municipal',
        ...body,
      });
    const noStart = await bad({ startsOn: '2030-03-20', endTime: '16:00' });
    expect(noStart.status).toBe(422);
    expect(JSON.stringify(noStart.body)).toContain('Укажите время начала');
    const backwards = await bad({ startsOn: '2030-03-20', startTime: '15:00', endTime: '14:30' });
    expect(backwards.status).toBe(422);
    expect(JSON.stringify(backwards.body)).toContain('Время окончания не позже времени начала');
    expect((await bad({ startsOn: '2030-03-20', startTime: '25:00' })).status).toBe(422);
  });

  it('reminds once, 50–60 minutes ahead, in the municipality’s time (Irkutsk, UTC+8)', async () => {
    const people = JSON.parse(ids.people!) as Record<string, string>;
    const created = await as.methodist!.post(`/api/event-plans/${ids.plan}/events`, {
      title: 'Вебинар по функциональной грамотности',
      kind: 'webinar',
      level: 'municipal',
      startsOn: '2030-03-20',
      startTime: '15:00',
      endTime: '16:30',
      onlineUrl: 'https://webinar.example.ru/fg',
    });
    expect(created.status).toBe(201);
    const eventId = created.body.id as string;
    const card = await as.methodist!.get(`/api/events/${eventId}`);
    expect(card.body).toMatchObject({ startTime: '15:00', endTime: '16:30' });
    for (const status of ['confirmed', 'cancelled'])
      await t.db.query(sql`INSERT INTO event_registrations (event_id, person_id, status, source)
        VALUES (${eventId}, ${people[status]!}, ${status}, 'self')`);

    // 15:00 in Irkutsk is 07:00 UTC: at 05:59 UTC the start is 61 minutes away.
    expect((await runSoon('2030-03-20T05:59:00Z')).result).toEqual({ hourBefore: 0 });
    expect((await runSoon('2030-03-20T06:05:00Z')).result).toEqual({ hourBefore: 1 });
    // The next runs of the hour find it told already; after the start nothing is sent.
    expect((await runSoon('2030-03-20T06:15:00Z')).result).toEqual({ hourBefore: 0 });
    expect((await runSoon('2030-03-20T07:01:00Z')).result).toEqual({ hourBefore: 0 });
    const told = await t.db.query<{ recipient_user_id: string; title: string; body: string }>(sql`
      SELECT recipient_user_id, title, body FROM notifications WHERE link = ${`/events/${eventId}`}`);
    expect(told).toEqual([
      {
        recipient_user_id: users.confirmed!.id,
        title: 'Через час: «Вебинар по функциональной грамотности»',
        body: 'Вы зарегистрированы на мероприятие «Вебинар по функциональной грамотности» (вебинар): 20.03.2030 в 15:00. Ссылка: https://webinar.example.ru/fg',
      },
    ]);
  });
});
