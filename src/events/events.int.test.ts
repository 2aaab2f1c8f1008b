import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { insertCompetencies } from '../catalog/catalog.test-data.ts';
import { sql } from '../platform/db/database.ts';
import { readTable } from '../platform/files/read-table.ts';

/**
 * Plans, events and registrations over HTTP. Registration windows are set far in the past
 * (closed) or spanning 2000–2999 (open), so nothing here depends on the real today.
 */
let t: TestApp;
let methodist: Client;
let head: Client;
let otherMethodist: Client;
let headA: Client;
let headB: Client;
let teacherMath: Client;
let teacherRus: Client;
let teacherOther: Client;
let mathA2: { id: string };
let mathA1: { id: string };

const OPEN = {
  registrationOpensOn: '2000-01-01',
  registrationClosesOn: '2999-01-09',
  startsOn: '2999-01-10',
  endsOn: '2999-01-10',
};

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  await insertCompetencies(t.db, ['EV1', 'EV2'], 'EVTEST');
  const muni = await ctx.newMunicipality();
  const otherMuni = await ctx.newMunicipality();
  const schoolA = await ctx.newOrg({ municipalityId: muni.id });
  const schoolB = await ctx.newOrg({ municipalityId: muni.id });
  const schoolC = await ctx.newOrg({ municipalityId: otherMuni.id });
  mathA1 = await ctx.newPerson({
    organizationId: schoolA.id,
    subjects: ['Математика'],
    lastName: 'Алексеева',
  });
  mathA2 = await ctx.newPerson({
    organizationId: schoolA.id,
    subjects: ['Математика'],
    lastName: 'Борисова',
  });
  const rusB = await ctx.newPerson({ organizationId: schoolB.id, subjects: ['Русский язык'] });
  const mathC = await ctx.newPerson({ organizationId: schoolC.id, subjects: ['Математика'] });
  const at = (m: { id: string; regionId: string }) => ({ municipalityId: m.id, regionId: m.regionId });
  methodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at(muni) }));
  head = await t.login(await ctx.newUser({ role: 'municipal_head', ...at(muni) }));
  otherMethodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at(otherMuni) }));
  headA = await t.login(await ctx.newUser({ role: 'org_head', organizationId: schoolA.id, ...at(muni) }));
  headB = await t.login(await ctx.newUser({ role: 'org_head', organizationId: schoolB.id, ...at(muni) }));
  const teacher = (personId: string, organizationId: string) =>
    ctx.newUser({ role: 'teacher', personId, organizationId });
  teacherMath = await t.login(await teacher(mathA1.id, schoolA.id));
  teacherRus = await t.login(await teacher(rusB.id, schoolB.id));
  teacherOther = await t.login(await teacher(mathC.id, schoolC.id));
});
afterAll(async () => t.close());

describe('the municipal plan of events', () => {
  let planId: string;
  let eventId: string;

  it('is drafted by the methodist, once per school year, and hidden from others while a draft', async () => {
    expect((await teacherMath.post('/api/event-plans', { schoolYear: 2026 })).status).toBe(403);
    const res = await methodist.post('/api/event-plans', { schoolYear: 2026 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      level: 'municipal',
      status: 'draft',
      schoolYearName: '2026/2027',
      canManage: true,
      canApprove: false,
    });
    planId = res.body.id;
    expect((await methodist.post('/api/event-plans', { schoolYear: 2026 })).status).toBe(409);
    expect((await teacherMath.get('/api/event-plans')).body.items).toEqual([]);
    expect((await teacherMath.get(`/api/event-plans/${planId}`)).status).toBe(404);
    expect((await otherMethodist.get(`/api/event-plans/${planId}`)).status).toBe(404);
    expect((await head.get('/api/event-plans')).body.items.map((p: { id: string }) => p.id)).toEqual([
      planId,
    ]);
  });

  it('takes events with checked fields; a 422 speaks Russian', async () => {
    const bad = await methodist.post(`/api/event-plans/${planId}/events`, {
      title: 'Семинар учителей математики',
      kind: 'seminar',
      level: 'municipal',
      startsOn: '2026-11-10',
      endsOn: '2026-11-01',
      competencyCodes: ['NOPE'],
    });
    expect(bad.status).toBe(422);
    const messages = bad.body.error.issues.map((i: { message: string }) => i.message);
    expect(messages).toContain('Дата окончания раньше даты начала');
    expect(messages).toContain('Нет компетенции с кодом «NOPE»');

    const res = await methodist.post(`/api/event-plans/${planId}/events`, {
      number: '2.1.',
      title: 'Семинар «Функциональная грамотность на уроках математики»',
      kind: 'seminar',
      level: 'municipal',
      ...OPEN,
      capacity: 1,
      target: { subjects: ['Математика'] },
      plannedResultText: 'Не менее 70 % учителей математики',
      competencyCodes: ['EV1'],
    });
    expect(res.status).toBe(201);
    expect(res.body.plannedResult).toEqual({ kind: 'percent_of_group', n: 70, group: 'учителей математики' });
    expect(res.body.competencies.map((c: { code: string }) => c.code)).toEqual(['EV1']);
    eventId = res.body.id;
    expect((await otherMethodist.patch(`/api/events/${eventId}`, { capacity: 5 })).status).toBe(404);
    // A school head does not see the municipal plan while it is a draft.
    expect((await headA.patch(`/api/events/${eventId}`, { capacity: 5 })).status).toBe(404);
  });

  it('is approved by the head of the education department, not by the methodist', async () => {
    const byMethodist = await methodist.post(`/api/event-plans/${planId}/approve`);
    expect(byMethodist.status).toBe(403);
    expect(byMethodist.body.error.message).toMatch(/руководитель органа управления образованием/);
    const res = await head.post(`/api/event-plans/${planId}/approve`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('approved');
    expect((await head.post(`/api/event-plans/${planId}/approve`)).status).toBe(409);
    expect((await teacherMath.get('/api/event-plans')).body.items.map((p: { id: string }) => p.id)).toEqual([
      planId,
    ]);
    expect((await teacherOther.get(`/api/events/${eventId}`)).status).toBe(404);
  });

  it('tells a teacher outside the target group why, and registers one inside it', async () => {
    const rus = await teacherRus.get(`/api/events/${eventId}`);
    expect(rus.body.registration).toMatchObject({
      canRegister: false,
      reason: 'Вы не входите в целевую группу мероприятия',
    });
    const refused = await teacherRus.post(`/api/events/${eventId}/register`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe('Вы не входите в целевую группу мероприятия');

    expect((await teacherMath.get(`/api/events/${eventId}`)).body.registration).toMatchObject({
      canRegister: true,
      reason: null,
      note: null,
    });
    const ok = await teacherMath.post(`/api/events/${eventId}/register`);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      status: 'confirmed',
      source: 'self',
      message: 'Вы зарегистрированы на мероприятие',
    });
    expect((await teacherMath.post(`/api/events/${eventId}/register`)).status).toBe(409);
  });

  it('lets a school head nominate only their own staff; the overflow waits', async () => {
    expect((await headB.post(`/api/events/${eventId}/nominations`, { personId: mathA2.id })).status).toBe(
      404,
    );
    const res = await headA.post(`/api/events/${eventId}/nominations`, { personId: mathA2.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'waitlisted', source: 'nominated', waitlistPosition: 1 });
    expect(res.body.message).toMatch(/^Мест нет — вы в листе ожидания/);
    expect((await teacherRus.get(`/api/events/${eventId}`)).body.registration.canRegister).toBe(false);
  });

  it('shows registrations by scope: all to the organizer, staff to the head, own to the teacher', async () => {
    const names = async (c: Client) =>
      (await c.get(`/api/events/${eventId}/registrations`)).body.items
        .map((r: { personId: string }) => r.personId)
        .sort();
    expect(await names(methodist)).toEqual([mathA1.id, mathA2.id].sort());
    expect(await names(headA)).toEqual([mathA1.id, mathA2.id].sort());
    expect(await names(headB)).toEqual([]);
    expect(await names(teacherMath)).toEqual([mathA1.id]);
    expect(await names(teacherRus)).toEqual([]);
    expect((await otherMethodist.get(`/api/events/${eventId}/registrations`)).status).toBe(404);
    const mine = await teacherMath.get('/api/my/event-registrations');
    expect(mine.body.items.map((r: { eventId: string }) => r.eventId)).toEqual([eventId]);
  });

  it('promotes the waiting list when a seat is freed, and cancels only what the caller may', async () => {
    const list = (await methodist.get(`/api/events/${eventId}/registrations`)).body.items;
    const mine = list.find((r: { personId: string }) => r.personId === mathA1.id);
    const waiting = list.find((r: { personId: string }) => r.personId === mathA2.id);
    expect((await teacherRus.post(`/api/event-registrations/${mine.id}/cancel`)).status).toBe(404);
    expect((await headB.post(`/api/event-registrations/${mine.id}/cancel`)).status).toBe(404);
    const res = await teacherMath.post(`/api/event-registrations/${mine.id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    const after = (await methodist.get(`/api/events/${eventId}/registrations`)).body.items;
    expect(after.find((r: { id: string }) => r.id === waiting.id).status).toBe('confirmed');
    expect((await teacherMath.post(`/api/event-registrations/${mine.id}/cancel`)).status).toBe(409);
    const [audit] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'event_registration' AND person_id = ${mathA2.id} AND action = 'status'`,
    );
    expect(audit!.n).toBe(1);
  });

  it('says registration is closed outside its window, and keeps the queue after the cut-off', async () => {
    const closed = await methodist.post(`/api/event-plans/${planId}/events`, {
      title: 'Вебинар прошлого года',
      kind: 'webinar',
      level: 'regional',
      registrationOpensOn: '2000-01-01',
      registrationClosesOn: '2000-01-31',
      startsOn: '2000-02-01',
    });
    const card = await teacherMath.get(`/api/events/${closed.body.id}`);
    expect(card.body.registration).toMatchObject({ canRegister: false, reason: 'Регистрация закрыта' });
    expect((await teacherMath.post(`/api/events/${closed.body.id}/register`)).body.error.message).toBe(
      'Регистрация закрыта',
    );

    const cut = await methodist.post(`/api/event-plans/${planId}/events`, {
      title: 'Мастер-класс с листом ожидания до прошлого года',
      kind: 'master_class',
      level: 'municipal',
      ...OPEN,
      capacity: 1,
      waitlistCutoffOn: '2000-01-01',
    });
    const first = await teacherMath.post(`/api/events/${cut.body.id}/register`);
    const second = await teacherRus.post(`/api/events/${cut.body.id}/register`);
    expect(second.body.status).toBe('waitlisted');
    expect((await teacherMath.post(`/api/event-registrations/${first.body.id}/cancel`)).status).toBe(200);
    const rus = await teacherRus.get(`/api/events/${cut.body.id}`);
    expect(rus.body.registration.mine).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
  });

  it('holds a pending seat until the organizer decides', async () => {
    const ev = await methodist.post(`/api/event-plans/${planId}/events`, {
      title: 'Стажировка на площадке лицея',
      kind: 'internship',
      level: 'municipal',
      ...OPEN,
      requiresApproval: true,
    });
    const reg = await teacherRus.post(`/api/events/${ev.body.id}/register`);
    expect(reg.body).toMatchObject({
      status: 'pending',
      message: 'Заявка принята: её подтвердит организатор',
    });
    expect(
      (await teacherRus.post(`/api/event-registrations/${reg.body.id}/decision`, { decision: 'confirmed' }))
        .status,
    ).toBe(403);
    expect(
      (await head.post(`/api/event-registrations/${reg.body.id}/decision`, { decision: 'confirmed' })).status,
    ).toBe(403);
    const ok = await methodist.post(`/api/event-registrations/${reg.body.id}/decision`, {
      decision: 'confirmed',
    });
    expect(ok.body.status).toBe('confirmed');
  });

  it('filters the plan by kind, level and month and exports it as XLSX', async () => {
    const all = await teacherMath.get(`/api/event-plans/${planId}/events`);
    expect(all.body.total).toBe(4);
    const webinars = await teacherMath.get(`/api/event-plans/${planId}/events?kind=webinar`);
    expect(webinars.body.items.map((e: { title: string }) => e.title)).toEqual(['Вебинар прошлого года']);
    expect((await teacherMath.get(`/api/event-plans/${planId}/events?level=regional`)).body.total).toBe(1);
    expect((await teacherMath.get(`/api/event-plans/${planId}/events?month=2`)).body.total).toBe(1);
    expect((await teacherMath.get(`/api/event-plans/${planId}/events?month=3`)).body.total).toBe(0);

    const file = await methodist.get(`/api/event-plans/${planId}/export`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/spreadsheetml/);
    const table = await readTable({ fileName: 'plan.xlsx', data: new Uint8Array(file.raw) });
    const text = JSON.stringify(table);
    expect(text).toContain('Семинар «Функциональная грамотность на уроках математики»');
    expect(text).toContain('Не менее 70 % учителей математики');
    expect((await otherMethodist.get(`/api/event-plans/${planId}/export`)).status).toBe(404);
  });

  it('deletes an event only while nobody is registered for it', async () => {
    expect((await methodist.delete(`/api/events/${eventId}`)).status).toBe(409);
    const spare = await methodist.post(`/api/event-plans/${planId}/events`, {
      title: 'Консультация, внесённая по ошибке',
      kind: 'consultation',
      level: 'municipal',
    });
    expect((await teacherMath.delete(`/api/events/${spare.body.id}`)).status).toBe(403);
    expect((await methodist.delete(`/api/events/${spare.body.id}`)).status).toBe(204);
    expect((await methodist.get(`/api/events/${spare.body.id}`)).status).toBe(404);
  });

  it('lets a school head keep and approve their own plan, which teachers of other schools do not see', async () => {
    const res = await headA.post('/api/event-plans', { schoolYear: 2026 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ level: 'institutional', canManage: true, canApprove: true });
    const ev = await headA.post(`/api/event-plans/${res.body.id}/events`, {
      title: 'Заседание ШМО учителей математики',
      kind: 'association_meeting',
      level: 'institutional',
      ...OPEN,
    });
    expect(ev.status).toBe(201);
    expect((await headA.post(`/api/event-plans/${res.body.id}/approve`)).status).toBe(200);
    const seen = async (c: Client) =>
      (await c.get('/api/event-plans')).body.items.some((p: { id: string }) => p.id === res.body.id);
    expect(await seen(teacherMath)).toBe(true);
    expect(await seen(teacherRus)).toBe(false);
    expect(await seen(headB)).toBe(false);
    expect((await headA.patch(`/api/events/${eventId}`, { capacity: 5 })).status).toBe(403);
    expect((await methodist.patch(`/api/events/${ev.body.id}`, { title: 'Чужое' })).status).toBe(403);
  });
});
