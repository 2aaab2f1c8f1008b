import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';

/** The check-in QR code of a registration and the organizer's page behind it (event dated 2999). */
let t: TestApp;
let methodist: Client;
let otherMethodist: Client;
let headSchool: Client;
let teacher: Client;
let otherTeacher: Client;
let regId: string;
let path: string;

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muni = await ctx.newMunicipality();
  const otherMuni = await ctx.newMunicipality();
  const school = await ctx.newOrg({ municipalityId: muni.id });
  const at = (m: { id: string; regionId: string }) => ({ municipalityId: m.id, regionId: m.regionId });
  methodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at(muni) }));
  otherMethodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at(otherMuni) }));
  const head = await t.login(await ctx.newUser({ role: 'municipal_head', ...at(muni) }));
  headSchool = await t.login(await ctx.newUser({ role: 'org_head', organizationId: school.id, ...at(muni) }));
  const p = await ctx.newPerson({ organizationId: school.id, lastName: 'Кузнецова', firstName: 'Ольга' });
  teacher = await t.login(await ctx.newUser({ role: 'teacher', personId: p.id, organizationId: school.id }));
  const q = await ctx.newPerson({ organizationId: school.id, lastName: 'Смирнова', firstName: 'Ирина' });
  otherTeacher = await t.login(
    await ctx.newUser({ role: 'teacher', personId: q.id, organizationId: school.id }),
  );
  const planId = (await methodist.post('/api/event-plans', { schoolYear: 2026 })).body.id;
  const ev = await methodist.post(`/api/event-plans/${planId}/events`, {
    title: 'Семинар «Наставничество»',
    kind: 'seminar',
    level: 'municipal',
    registrationOpensOn: '2000-01-01',
    registrationClosesOn: '2999-01-09',
    startsOn: '2999-01-10',
  });
  expect((await head.post(`/api/event-plans/${planId}/approve`)).status).toBe(200);
  regId = (await teacher.post(`/api/events/${ev.body.id}/register`)).body.id;
});
afterAll(async () => t.close());

describe('the check-in QR code', () => {
  it('is shown to the registered person only, as SVG of a URL with a random token', async () => {
    const res = await teacher.get(`/api/event-registrations/${regId}/check-in-code`);
    expect(res.status).toBe(200);
    expect(res.body.svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(res.body.path).toMatch(/^\/events\/check-in\/r\/[A-Za-z0-9_-]{43}$/);
    expect(res.body.url.endsWith(res.body.path)).toBe(true);
    expect(res.body.path).not.toContain(regId);
    path = res.body.path;
    // The same code on every visit.
    expect((await teacher.get(`/api/event-registrations/${regId}/check-in-code`)).body.path).toBe(path);
    expect((await otherTeacher.get(`/api/event-registrations/${regId}/check-in-code`)).status).toBe(404);
    expect((await methodist.get(`/api/event-registrations/${regId}/check-in-code`)).status).toBe(404);
  });

  it('opens the registration for the organizer, who marks the attendance', async () => {
    const token = path.split('/').pop()!;
    const res = await methodist.get(`/api/check-in/r/${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      eventTitle: 'Семинар «Наставничество»',
      registration: { id: regId, attended: null, status: 'confirmed' },
    });
    expect(res.body.registration.personName).toMatch(/^Кузнецова Ольга/);
    const marked = await methodist.put(`/api/event-registrations/${regId}/attendance`, { attended: true });
    expect(marked.body.attended).toBe(true);
    expect((await methodist.get(`/api/check-in/r/${token}`)).body.registration.attended).toBe(true);
  });

  it('refuses everyone else without naming the person; a wrong token is 404', async () => {
    const token = path.split('/').pop()!;
    for (const c of [otherMethodist, headSchool, teacher, otherTeacher]) {
      const res = await c.get(`/api/check-in/r/${token}`);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'Отметить присутствие по этому коду может только организатор мероприятия.',
      );
      expect(JSON.stringify(res.body)).not.toContain('Кузнецова');
    }
    const wrong = await methodist.get(
      `/api/check-in/r/${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
    );
    expect(wrong.status).toBe(404);
    expect((await methodist.get(`/api/check-in/r/${regId}`)).status).toBe(404);
  });
});
