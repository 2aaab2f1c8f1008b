import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { sql } from '../platform/db/database.ts';
import { waitForJobs } from '../platform/jobs/jobs.queue.ts';

/**
 * People hear of what others did to their registrations, through the job queue: a school head's
 * nomination, a seat freed from the waiting list, the organizer's decision. Nobody else is told.
 * The events lie in 2099, so registration is open whatever today is.
 */

let t: TestApp;
let methodist: Client;
let headA: Client;
const as: Record<string, Client> = {};
const people: Record<string, string> = {};
const users: Record<string, string> = {};
let planId: string;

async function told(name: string) {
  for (let i = 0; i < 3; i++) await waitForJobs(t.db);
  return t.db.query<{ title: string; body: string; link: string }>(sql`
    SELECT title, body, link FROM notifications
    WHERE recipient_user_id = ${users[name]!} AND kind = 'event_registration' ORDER BY created_at, id`);
}

async function addEvent(body: Record<string, unknown>): Promise<string> {
  const res = await methodist.post(`/api/event-plans/${planId}/events`, {
    level: 'municipal',
    kind: 'seminar',
    startsOn: '2099-03-10',
    ...body,
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muni = await ctx.newMunicipality();
  const school = await ctx.newOrg({ municipalityId: muni.id });
  const at = { municipalityId: muni.id, regionId: muni.regionId };
  methodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at }));
  const head = await t.login(await ctx.newUser({ role: 'municipal_head', ...at }));
  headA = await t.login(await ctx.newUser({ role: 'org_head', organizationId: school.id, ...at }));
  for (const name of ['ann', 'boris', 'vera', 'outsider']) {
    const p = await ctx.newPerson({ organizationId: school.id });
    people[name] = p.id;
    const u = await ctx.newUser({ role: 'teacher', personId: p.id, organizationId: school.id });
    users[name] = u.id;
    as[name] = await t.login(u);
  }
  planId = (await methodist.post('/api/event-plans', { schoolYear: 2098 })).body.id;
  await addEvent({ title: 'Первое мероприятие плана' });
  expect((await head.post(`/api/event-plans/${planId}/approve`)).status).toBe(200);
});
afterAll(async () => t?.close());

describe('notifications of registrations', () => {
  it('tell a nominated teacher that the school head registered them', async () => {
    const eventId = await addEvent({ title: 'Семинар по наставничеству' });
    const res = await headA.post(`/api/events/${eventId}/nominations`, { personId: people.vera });
    expect(res.status).toBe(201);
    expect(await told('vera')).toEqual([
      {
        title: 'Вас направили на мероприятие «Семинар по наставничеству»',
        body: 'Руководитель организации зарегистрировал вас. Дата: 10.03.2099.',
        link: `/events/${eventId}`,
      },
    ]);
    // By e-mail at once too (the kind's default).
    const [letter] = await t.db.query<{ subject: string }>(sql`
      SELECT subject FROM mail_outbox WHERE recipient_user_id = ${users.vera!}`);
    expect(letter?.subject).toContain('Семинар по наставничеству');
  });

  it('tell the first of the waiting list that a seat is theirs, and nobody else', async () => {
    const eventId = await addEvent({ title: 'Вебинар на одно место', kind: 'webinar', capacity: 1 });
    const first = await as.ann!.post(`/api/events/${eventId}/register`);
    expect(first.body.status).toBe('confirmed');
    expect((await as.boris!.post(`/api/events/${eventId}/register`)).body.status).toBe('waitlisted');
    expect((await as.ann!.post(`/api/event-registrations/${first.body.id}/cancel`)).status).toBe(200);
    expect(await told('boris')).toEqual([
      {
        title: 'Освободилось место: «Вебинар на одно место»',
        body: 'Вы переведены из листа ожидания и зарегистрированы. Дата: 10.03.2099.',
        link: `/events/${eventId}`,
      },
    ]);
    // The one who cancelled and a teacher not involved hear nothing of it.
    expect(await told('ann')).toEqual([]);
    expect(await told('outsider')).toEqual([]);
  });

  it("tell the organizer's decision on a request that awaited it", async () => {
    const eventId = await addEvent({
      title: 'Стажировка с отбором',
      kind: 'internship',
      requiresApproval: true,
    });
    const regs: Record<string, string> = {};
    for (const name of ['ann', 'boris']) {
      const r = await as[name]!.post(`/api/events/${eventId}/register`);
      expect(r.body.status).toBe('pending');
      regs[name] = r.body.id;
    }
    const decide = (name: string, decision: string) =>
      methodist.post(`/api/event-registrations/${regs[name]}/decision`, { decision });
    expect((await decide('ann', 'confirmed')).status).toBe(200);
    expect((await decide('boris', 'rejected')).status).toBe(200);
    expect((await told('ann')).map((n) => n.title)).toContain('Заявка подтверждена: «Стажировка с отбором»');
    expect((await told('boris')).map((n) => n.title)).toContain('Заявка отклонена: «Стажировка с отбором»');
    // A repeated decision is refused and tells nothing twice.
    expect((await decide('ann', 'confirmed')).status).toBe(409);
    const ann = (await told('ann')).filter((n) => n.title.startsWith('Заявка подтверждена'));
    expect(ann).toHaveLength(1);
  });
});
