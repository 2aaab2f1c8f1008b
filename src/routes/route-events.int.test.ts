import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { SYSTEM_ACTOR } from '../platform/auth/actor.ts';
import { sql } from '../platform/db/database.ts';
import { waitForJobs } from '../platform/jobs/jobs.queue.ts';
import { generateRoutes } from './generation/generation.service.ts';
import { insertFramework, insertResult, insertRoute } from './routes.test-data.ts';

/**
 * Routes filled with events (issue 13, 6): generation proposes an upcoming event of an approved
 * plan to a person of its target group with a deficit it addresses; confirmed attendance closes
 * the item with the certificate as evidence and tells the curator; revocation opens it again; the
 * portfolio lists one's own certificates and talks. Events are dated 2999-01-10 and generation runs
 * «today» 2998-12-01, so nothing depends on the real date.
 */
let t: TestApp;
let methodist: Client;
let curator: Client;
let teacherA: Client;
let teacherA2: Client;
let teacherB: Client;
let curatorId: string;
const TODAY = '2998-12-01';
const person: Record<'a' | 'a2' | 'b', string> = { a: '', a2: '', b: '' };
let frameworkId: string;
let comps: Record<string, string>;
let seminarId: string;
let fullId: string;
let lastSeatId: string;

const itemsOf = (personId: string) =>
  t.db.query<{
    id: string;
    route_id: string;
    activity_kind: string;
    activity_id: string | null;
    status: string;
    evidence: Record<string, string> | null;
    confirmed_at: string | null;
  }>(sql`
    SELECT i.id, i.route_id, i.activity_kind, i.activity_id, i.status, i.evidence, i.confirmed_at::text AS confirmed_at
    FROM learning_route_items i JOIN learning_routes r ON r.id = i.route_id
    WHERE r.person_id = ${personId} ORDER BY i.position`);

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muni = await ctx.newMunicipality();
  const schoolA = await ctx.newOrg({ municipalityId: muni.id });
  const schoolB = await ctx.newOrg({ municipalityId: muni.id });
  const at = { municipalityId: muni.id, regionId: muni.regionId };
  const suffix = Math.random().toString(36).slice(2, 7).toUpperCase();
  ({ frameworkId, competencies: comps } = await insertFramework(t.db, [`EV${suffix}-1`, `EV${suffix}-2`]));
  const [k1, k2] = [comps[`EV${suffix}-1`]!, comps[`EV${suffix}-2`]!];

  person.a = (await ctx.newPerson({ organizationId: schoolA.id, lastName: 'Агафонова' })).id;
  person.a2 = (await ctx.newPerson({ organizationId: schoolA.id, lastName: 'Белова' })).id;
  person.b = (await ctx.newPerson({ organizationId: schoolB.id, lastName: 'Васильева' })).id;
  const filler = (await ctx.newPerson({ organizationId: schoolA.id, lastName: 'Занятая' })).id;
  for (const p of [person.a, person.b]) {
    await insertResult(t.db, { personId: p, competencyId: k1, percent: 30, assessedOn: '2998-10-01' });
    await insertResult(t.db, { personId: p, competencyId: k2, percent: 35, assessedOn: '2998-10-01' });
  }

  methodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at }));
  const head = await t.login(await ctx.newUser({ role: 'municipal_head', ...at }));
  const cur = await ctx.newUser({ role: 'curator', ...at });
  curatorId = cur.id;
  curator = await t.login(cur);
  const teacher = (personId: string, organizationId: string) =>
    ctx.newUser({ role: 'teacher', personId, organizationId });
  teacherA = await t.login(await teacher(person.a, schoolA.id));
  teacherA2 = await t.login(await teacher(person.a2, schoolA.id));
  teacherB = await t.login(await teacher(person.b, schoolB.id));
  const fillerClient = await t.login(await teacher(filler, schoolA.id));

  const planId = (await methodist.post('/api/event-plans', { schoolYear: 2026 })).body.id;
  const event = async (title: string, body: Record<string, unknown>) => {
    const res = await methodist.post(`/api/event-plans/${planId}/events`, {
      title,
      kind: 'seminar',
      level: 'municipal',
      registrationOpensOn: '2000-01-01',
      registrationClosesOn: '2999-01-09',
      startsOn: '2999-01-10',
      ...body,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  // For school A only (B is outside its target group), addressing K1.
  seminarId = await event('Семинар «Формирующее оценивание»', {
    target: { organizationIds: [schoolA.id] },
    competencyCodes: [`EV${suffix}-1`],
  });
  // For everyone, addressing K2, one seat — taken below.
  fullId = await event('Практикум «Проектные задачи»', {
    capacity: 1,
    competencyCodes: [`EV${suffix}-2`],
  });
  // For everyone, addressing K2, two seats, one taken below: one seat left for the whole run.
  lastSeatId = await event('Мастер-класс «Кейсы на уроке»', {
    capacity: 2,
    startsOn: '2999-02-10',
    registrationClosesOn: '2999-02-09',
    competencyCodes: [`EV${suffix}-2`],
  });
  expect((await head.post(`/api/event-plans/${planId}/approve`)).status).toBe(200);
  expect((await fillerClient.post(`/api/events/${lastSeatId}/register`)).body.status).toBe('confirmed');
  expect((await fillerClient.post(`/api/events/${fullId}/register`)).body.status).toBe('confirmed');
});
afterAll(async () => t.close());

describe('generation proposes events', () => {
  it('to a person of the target group with a deficit it addresses; not outside it, not a full one', async () => {
    const result = await generateRoutes(t.db, SYSTEM_ACTOR, {
      frameworkId,
      personIds: [person.a, person.b],
      today: TODAY,
    });
    expect(result.routesCreated).toBe(2);
    const a = await itemsOf(person.a);
    // A (first by name) takes the last seat of the master class: the full practicum is never proposed.
    expect(a.map((i) => [i.activity_kind, i.activity_id])).toEqual([
      ['event', seminarId],
      ['event', lastSeatId],
    ]);
    const [item] = await t.db.query<{ hours: number; reason: string; planned_start: string }>(sql`
      SELECT hours, reason, planned_start::text AS planned_start FROM learning_route_items WHERE id = ${a[0]!.id}`);
    expect(item).toMatchObject({ hours: 4, planned_start: '2999-01-10' });
    expect(item!.reason).toContain('Мероприятие плана (семинар, муниципальный уровень), 10.01.2999, 4 ч');
    // B works at school B: the seminar's target group leaves B out; the practicum is full, and
    // the master class's last seat went to A in this run.
    const b = await itemsOf(person.b);
    expect(b.map((i) => i.activity_kind)).toEqual(['mentoring', 'mentoring']);
    expect(b.some((i) => i.activity_id === fullId || i.activity_id === lastSeatId)).toBe(false);
  });
});

describe('the route card and registration from the route', () => {
  it('carries the event and the person’s registration state', async () => {
    const [route] = await t.db.query<{ id: string }>(
      sql`SELECT id FROM learning_routes WHERE person_id = ${person.a}`,
    );
    const before = await teacherA.get(`/api/routes/${route!.id}`);
    expect(before.status).toBe(200);
    const eventItem = before.body.items.find((i: { activityId: string }) => i.activityId === seminarId);
    expect(eventItem.event).toEqual({
      id: seminarId,
      title: 'Семинар «Формирующее оценивание»',
      startsOn: '2999-01-10',
      endsOn: null,
      registration: null,
    });
    expect((await teacherA.post(`/api/events/${seminarId}/register`)).body.status).toBe('confirmed');
    const after = await teacherA.get(`/api/routes/${route!.id}`);
    const reg = after.body.items.find((i: { activityId: string }) => i.activityId === seminarId).event
      .registration;
    expect(reg).toMatchObject({ status: 'confirmed', statusName: 'зарегистрирован', attended: null });
  });
});

describe('attendance closes the item', () => {
  let routeA: string;
  let itemA: string;
  let regA: string;
  let otherItem: string;

  beforeAll(async () => {
    const [route] = await t.db.query<{ id: string }>(
      sql`SELECT id FROM learning_routes WHERE person_id = ${person.a}`,
    );
    routeA = route!.id;
    // The route runs, with the curator; another teacher of school A has a route with the same event.
    await t.db.query(sql`UPDATE learning_routes SET status = 'in_progress', curator_user_id = ${curatorId}
                         WHERE id = ${routeA}`);
    itemA = (await itemsOf(person.a))[0]!.id;
    const other = await insertRoute(t.db, {
      personId: person.a2,
      status: 'in_progress',
      curatorUserId: curatorId,
      items: [{ activityKind: 'event', activityId: seminarId, form: 'informal', title: 'Семинар' }],
    });
    otherItem = other.itemIds[0]!;
    expect((await teacherA2.post(`/api/events/${seminarId}/register`)).body.status).toBe('confirmed');
    const [r] = await t.db.query<{ id: string }>(sql`
      SELECT id FROM event_registrations WHERE event_id = ${seminarId} AND person_id = ${person.a}`);
    regA = r!.id;
  });

  it('the organizer’s tick: done and confirmed with the certificate, history, the curator told', async () => {
    const tick = await methodist.put(`/api/event-registrations/${regA}/attendance`, { attended: true });
    expect(tick.status).toBe(200);
    await waitForJobs(t.db);
    const cert = tick.body.certificate;
    const [item] = (await itemsOf(person.a)).filter((i) => i.id === itemA);
    expect(item).toMatchObject({ status: 'done' });
    expect(item!.confirmed_at).not.toBeNull();
    expect(item!.evidence).toMatchObject({
      kind: 'certificate',
      certificateId: cert.id,
      eventId: seminarId,
      registrationId: regA,
    });
    expect(item!.evidence!.serial).toMatch(/^МР-2999-\d{6}$/);
    expect(item!.evidence!.verifyPath).toMatch(/^\/verify\//);

    const card = await curator.get(`/api/routes/${routeA}`);
    expect(card.body.items[0]).toMatchObject({
      status: 'done',
      evidence: { kind: 'certificate', serial: item!.evidence!.serial },
      event: { registration: { attended: true } },
    });
    expect(card.body.events.map((e: { text: string }) => e.text)).toContain(
      `Участие в мероприятии «Семинар «Формирующее оценивание»» подтверждено организатором: сертификат № ${item!.evidence!.serial}`,
    );
    const notes = await curator.get('/api/notifications');
    const mine = notes.body.items.filter((n: { kind: string }) => n.kind === 'item_attended');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ link: `/routes/${routeA}` });
    expect(mine[0].body).toContain(item!.evidence!.serial);

    // Another teacher's route with the same event is untouched; the teacher is not told.
    const [other] = (await itemsOf(person.a2)).filter((i) => i.id === otherItem);
    expect(other).toMatchObject({ status: 'planned', evidence: null, confirmed_at: null });
    const teacherNotes = await teacherA.get('/api/notifications');
    expect(teacherNotes.body.items.some((n: { kind: string }) => n.kind === 'item_attended')).toBe(false);

    // Ticking again changes nothing: no second history line, no second notification.
    await methodist.put(`/api/event-registrations/${regA}/attendance`, { attended: true });
    await waitForJobs(t.db);
    const [again] = await t.db.query<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM learning_route_events WHERE item_id = ${itemA} AND kind = 'confirmed'`);
    expect(again!.n).toBe(1);
    expect(
      (await curator.get('/api/notifications')).body.items.filter(
        (n: { kind: string }) => n.kind === 'item_attended',
      ),
    ).toHaveLength(1);
  });

  it('a role changed on the attended registration: the re-issued certificate becomes the evidence', async () => {
    const role = await methodist.put(`/api/event-registrations/${regA}/role`, {
      role: 'presenter',
      topic: 'Листы самооценки на уроке',
      materialsUrl: 'https://example.org/talk',
    });
    expect(role.status).toBe(200);
    await waitForJobs(t.db);
    const [item] = (await itemsOf(person.a)).filter((i) => i.id === itemA);
    expect(item).toMatchObject({ status: 'done', evidence: { certificateId: role.body.certificate.id } });
  });

  it('unticking opens the item again (it was closed by attendance); ticking closes it anew', async () => {
    await methodist.put(`/api/event-registrations/${regA}/attendance`, { attended: false });
    await waitForJobs(t.db);
    const [open] = (await itemsOf(person.a)).filter((i) => i.id === itemA);
    expect(open).toMatchObject({ status: 'in_progress', evidence: null, confirmed_at: null });
    const tick = await methodist.put(`/api/event-registrations/${regA}/attendance`, { attended: true });
    await waitForJobs(t.db);
    const [closed] = (await itemsOf(person.a)).filter((i) => i.id === itemA);
    expect(closed).toMatchObject({ status: 'done', evidence: { certificateId: tick.body.certificate.id } });
  });

  it('a certificate revoked by the organizer opens the item it proved, saying why', async () => {
    const [item] = (await itemsOf(person.a)).filter((i) => i.id === itemA);
    const certificateId = item!.evidence!.certificateId as string;
    const res = await methodist.post(`/api/certificates/${certificateId}/revoke`, {
      reason: 'Участник не подключался',
    });
    expect(res.status).toBe(200);
    await waitForJobs(t.db);
    const [open] = (await itemsOf(person.a)).filter((i) => i.id === itemA);
    expect(open).toMatchObject({ status: 'in_progress', evidence: null, confirmed_at: null });
    const card = await curator.get(`/api/routes/${routeA}`);
    expect(card.body.events.map((e: { text: string }) => e.text)).toContainEqual(
      expect.stringMatching(
        /^Сертификат участия в мероприятии «.+» отозван .+ \(Участник не подключался\): мероприятие снова открыто$/,
      ),
    );
    // The other teacher's route is not touched by this certificate.
    const [other] = (await itemsOf(person.a2)).filter((i) => i.id === otherItem);
    expect(other!.evidence).toBeNull();
    // Attendance stands; a fresh tick round issues a new certificate and closes the item again.
    await methodist.put(`/api/event-registrations/${regA}/attendance`, { attended: false });
    const tick = await methodist.put(`/api/event-registrations/${regA}/attendance`, { attended: true });
    await waitForJobs(t.db);
    const [closed] = (await itemsOf(person.a)).filter((i) => i.id === itemA);
    expect(closed).toMatchObject({ status: 'done', evidence: { certificateId: tick.body.certificate.id } });
  });

  it('the webinar report import closes the item of the person it names', async () => {
    const [reg] = await t.db.query<{ id: string }>(sql`
      SELECT id FROM event_registrations WHERE event_id = ${seminarId} AND person_id = ${person.a2}`);
    const [p] = await t.db.query<{ name: string }>(sql`
      SELECT trim(last_name || ' ' || first_name || ' ' || patronymic) AS name FROM people WHERE id = ${person.a2}`);
    const res = await methodist.upload(`/api/events/${seminarId}/attendance/import`, {
      name: 'report.csv',
      data: `Имя;Email\r\n${p!.name};\r\n`,
      type: 'text/csv',
    });
    expect(res.status).toBe(200);
    await waitForJobs(t.db);
    const [item] = (await itemsOf(person.a2)).filter((i) => i.id === otherItem);
    expect(item).toMatchObject({
      status: 'done',
      evidence: { kind: 'certificate', registrationId: reg!.id },
    });
    expect(item!.confirmed_at).not.toBeNull();
  });
});

describe('portfolio', () => {
  it('lists one’s own certificates and talks; another teacher’s talks stay hidden', async () => {
    const mine = await teacherA.get('/api/my/portfolio');
    expect(mine.status).toBe(200);
    expect(mine.body.talks).toEqual([
      expect.objectContaining({
        eventId: seminarId,
        eventTitle: 'Семинар «Формирующее оценивание»',
        eventKindName: 'семинар',
        startsOn: '2999-01-10',
        topic: 'Листы самооценки на уроке',
        materialsUrl: 'https://example.org/talk',
        certificateId: expect.any(String),
      }),
    ]);
    expect(mine.body.certificates.every((c: { personId: string }) => c.personId === person.a)).toBe(true);
    expect(mine.body.certificates.some((c: { status: string }) => c.status === 'valid')).toBe(true);

    const other = await teacherA2.get('/api/my/portfolio');
    expect(other.body.talks).toEqual([]);
    expect(other.body.certificates.every((c: { personId: string }) => c.personId === person.a2)).toBe(true);
    expect((await teacherB.get('/api/my/portfolio')).body).toEqual({ certificates: [], talks: [] });
    expect((await methodist.get('/api/my/portfolio')).body).toEqual({ certificates: [], talks: [] });
  });
});
