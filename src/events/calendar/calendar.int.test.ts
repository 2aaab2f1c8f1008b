import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { hashToken } from '../../platform/auth/tokens.ts';
import { sql } from '../../platform/db/database.ts';
import { insertRoute } from '../../routes/routes.test-data.ts';

/**
 * The calendar over HTTP: the territory's events, the teacher's own calendar and the iCal feed.
 * Every date is fixed (autumn 2026) and every request names its range, so nothing depends on
 * today; registrations are written directly, as registration itself depends on today's date.
 */
let t: TestApp;
let methodist: Client;
let otherMethodist: Client;
let headA: Client;
let teacherA: Client;
let teacherB: Client;
let teacherOther: Client;
let personA: { id: string };
let personB: { id: string };
const ids: Record<string, string> = {};

const RANGE = 'from=2026-09-01&to=2026-12-31';

async function addEvent(by: Client, planId: string, body: Record<string, unknown>): Promise<string> {
  const res = await by.post(`/api/event-plans/${planId}/events`, { level: 'municipal', ...body });
  if (res.status !== 201) throw new Error(`event: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

async function register(eventId: string, personId: string, status: string): Promise<void> {
  await t.db.query(sql`INSERT INTO event_registrations (event_id, person_id, status, source, cancelled_at)
    VALUES (${eventId}, ${personId}, ${status}, 'self', ${status === 'cancelled' ? sql`now()` : sql`NULL`})`);
}

const titles = (body: { items: { title: string }[] }) => body.items.map((i) => i.title);

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muni = await ctx.newMunicipality();
  const otherMuni = await ctx.newMunicipality();
  const schoolA = await ctx.newOrg({ municipalityId: muni.id });
  const schoolC = await ctx.newOrg({ municipalityId: otherMuni.id });
  personA = await ctx.newPerson({
    organizationId: schoolA.id,
    subjects: ['Математика'],
    lastName: 'Алексеева',
  });
  personB = await ctx.newPerson({ organizationId: schoolA.id, subjects: ['Физика'], lastName: 'Борисова' });
  const personC = await ctx.newPerson({ organizationId: schoolC.id, subjects: ['Математика'] });
  const at = (m: { id: string; regionId: string }) => ({ municipalityId: m.id, regionId: m.regionId });
  methodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at(muni) }));
  const head = await t.login(await ctx.newUser({ role: 'municipal_head', ...at(muni) }));
  otherMethodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at(otherMuni) }));
  const otherHead = await t.login(await ctx.newUser({ role: 'municipal_head', ...at(otherMuni) }));
  headA = await t.login(await ctx.newUser({ role: 'org_head', organizationId: schoolA.id, ...at(muni) }));
  const teacher = (personId: string, organizationId: string) =>
    ctx.newUser({ role: 'teacher', personId, organizationId });
  teacherA = await t.login(await teacher(personA.id, schoolA.id));
  teacherB = await t.login(await teacher(personB.id, schoolA.id));
  teacherOther = await t.login(await teacher(personC.id, schoolC.id));

  // The municipal plan (approved): a seminar for mathematicians, a webinar period for the young,
  // a meeting in January (outside the autumn range).
  const plan = (await methodist.post('/api/event-plans', { schoolYear: 2026 })).body.id;
  ids.seminar = await addEvent(methodist, plan, {
    title: 'Семинар учителей математики',
    kind: 'seminar',
    startsOn: '2026-10-15',
    place: 'МБОУ СОШ № 1, ул. Ленина, 5; актовый зал',
    target: { subjects: ['Математика'] },
  });
  ids.webinar = await addEvent(methodist, plan, {
    title: 'Школа молодого педагога',
    kind: 'young_teacher_school',
    startsOn: '2026-11-02',
    endsOn: '2026-11-06',
    onlineUrl: 'https://example.org/webinar',
    target: { youngOnly: true },
  });
  ids.january = await addEvent(methodist, plan, {
    title: 'Заседание ГМО в январе',
    kind: 'association_meeting',
    startsOn: '2027-01-20',
    startTime: '15:30',
    endTime: '17:00',
  });
  expect((await head.post(`/api/event-plans/${plan}/approve`)).status).toBe(200);

  // The school's own plan, still a draft: its event is in no calendar.
  const draft = (await headA.post('/api/event-plans', { schoolYear: 2026 })).body.id;
  ids.draft = await addEvent(headA, draft, {
    title: 'Черновое мероприятие школы',
    kind: 'consultation',
    level: 'institutional',
    startsOn: '2026-10-20',
  });

  // Another municipality's approved plan.
  const other = (await otherMethodist.post('/api/event-plans', { schoolYear: 2026 })).body.id;
  ids.other = await addEvent(otherMethodist, other, {
    title: 'Семинар соседнего муниципалитета',
    kind: 'seminar',
    startsOn: '2026-10-15',
  });
  expect((await otherHead.post(`/api/event-plans/${other}/approve`)).status).toBe(200);

  await register(ids.seminar!, personA.id, 'confirmed');
  await register(ids.webinar!, personA.id, 'cancelled');
  await register(ids.webinar!, personB.id, 'waitlisted');
  await register(ids.january!, personA.id, 'pending');

  // Teacher A's route: two dated items, one dropped, one undated; teacher B's route has one.
  const routeA = await insertRoute(t.db, {
    personId: personA.id,
    status: 'in_progress',
    title: 'Маршрут Алексеевой',
    items: [
      { title: 'Курсы «Функциональная грамотность», модуль 1', form: 'formal', activityKind: 'program' },
      { title: 'Исключённое мероприятие' },
      { title: 'Самообразование без дат' },
    ],
  });
  const routeB = await insertRoute(t.db, {
    personId: personB.id,
    status: 'in_progress',
    items: [{ title: 'Мероприятие маршрута Борисовой' }],
  });
  const [course, dropped] = routeA.itemIds;
  ids.course = course!;
  ids.routeA = routeA.id;
  await t.db.query(sql`UPDATE learning_route_items SET planned_start = '2026-10-01', planned_end = '2026-10-31'
    WHERE id = ${course!}`);
  await t.db.query(sql`UPDATE learning_route_items SET planned_start = '2026-10-05', status = 'dropped'
    WHERE id = ${dropped!}`);
  await t.db.query(sql`UPDATE learning_route_items SET planned_start = '2026-10-07'
    WHERE id = ${routeB.itemIds[0]!}`);
});
afterAll(async () => t.close());

describe('the territory calendar', () => {
  it('shows the methodist the approved plan’s events of the range, no draft, no other municipality', async () => {
    const res = await methodist.get(`/api/events/calendar?${RANGE}`);
    expect(res.status).toBe(200);
    expect(titles(res.body)).toEqual(['Семинар учителей математики', 'Школа молодого педагога']);
    const webinar = res.body.items[1];
    expect(webinar).toMatchObject({
      type: 'event',
      startsOn: '2026-11-02',
      endsOn: '2026-11-06',
      kindName: 'школа молодого педагога',
      href: `/events/${ids.webinar}`,
      registration: null,
    });
    expect(res.body.items[0]).toMatchObject({ startsOn: '2026-10-15', endsOn: '2026-10-15' });

    const other = await otherMethodist.get(`/api/events/calendar?${RANGE}`);
    expect(titles(other.body)).toEqual(['Семинар соседнего муниципалитета']);
    // The school head sees the municipal plan but not their own plan's draft event in the calendar.
    expect(titles((await headA.get(`/api/events/calendar?${RANGE}`)).body)).toEqual([
      'Семинар учителей математики',
      'Школа молодого педагога',
    ]);
  });

  it('cuts by range and filters by kind, level, subject and the young', async () => {
    const only = async (q: string) => titles((await methodist.get(`/api/events/calendar?${q}`)).body);
    expect(await only('from=2026-11-06&to=2027-01-31')).toEqual([
      'Школа молодого педагога',
      'Заседание ГМО в январе',
    ]);
    expect(await only('from=2026-10-16&to=2026-11-01')).toEqual([]);
    expect(await only(`${RANGE}&kind=seminar`)).toEqual(['Семинар учителей математики']);
    expect(await only(`${RANGE}&level=regional`)).toEqual([]);
    expect(await only(`${RANGE}&subject=${encodeURIComponent('Математика')}`)).toEqual([
      'Семинар учителей математики',
    ]);
    expect(await only(`${RANGE}&targetYoung=true`)).toEqual(['Школа молодого педагога']);
  });

  it('flags the teacher’s own live registration only', async () => {
    const a = (await teacherA.get(`/api/events/calendar?${RANGE}`)).body.items;
    expect(a.map((i: { registration: unknown }) => i.registration)).toEqual([
      { status: 'confirmed', statusName: 'зарегистрирован' },
      null, // cancelled
    ]);
    const b = (await teacherB.get(`/api/events/calendar?${RANGE}`)).body.items;
    expect(b.map((i: { registration: { status: string } | null }) => i.registration?.status ?? null)).toEqual(
      [null, 'waitlisted'],
    );
    expect(titles((await teacherOther.get(`/api/events/calendar?${RANGE}`)).body)).toEqual([
      'Семинар соседнего муниципалитета',
    ]);
  });

  it('refuses a bad range with a 422 in Russian', async () => {
    const backwards = await methodist.get('/api/events/calendar?from=2026-10-10&to=2026-10-01');
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.issues[0].message).toBe('Дата окончания периода раньше даты начала');
    const long = await methodist.get('/api/events/calendar?from=2026-01-01&to=2027-03-01');
    expect(long.status).toBe(422);
    expect(long.body.error.issues[0].message).toBe('Период календаря — не больше 400 дней');
    const notADay = await methodist.get('/api/events/calendar?from=2026-02-30&to=2026-03-10');
    expect(notADay.status).toBe(422);
    expect(notADay.body.error.issues[0]).toMatchObject({ path: 'from' });
    expect((await methodist.get('/api/events/calendar?from=2026-01-01&to=2027-02-04')).status).toBe(200);
    expect((await teacherA.get('/api/events/calendar/mine?from=x&to=2026-01-01')).status).toBe(422);
    expect((await t.client().get(`/api/events/calendar?${RANGE}`)).status).toBe(401);
  });
});

describe('the personal calendar', () => {
  it('holds the teacher’s registered events and dated route items, never another teacher’s', async () => {
    const res = await teacherA.get('/api/events/calendar/mine?from=2026-09-01&to=2027-01-31');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { type: string; title: string }) => `${i.type}: ${i.title}`)).toEqual([
      'route_item: Курсы «Функциональная грамотность», модуль 1',
      'event: Семинар учителей математики',
      'event: Заседание ГМО в январе',
    ]);
    expect(res.body.items[0]).toMatchObject({
      startsOn: '2026-10-01',
      endsOn: '2026-10-31',
      href: `/routes/${ids.routeA}`,
      routeTitle: 'Маршрут Алексеевой',
      itemStatusName: 'запланировано',
    });
    expect(res.body.items[2].registration.status).toBe('pending');

    const b = await teacherB.get('/api/events/calendar/mine?from=2026-09-01&to=2027-01-31');
    expect(titles(b.body)).toEqual(['Мероприятие маршрута Борисовой', 'Школа молодого педагога']);
    // A methodist has no person of their own: an empty personal calendar.
    expect((await methodist.get(`/api/events/calendar/mine?${RANGE}`)).body.items).toEqual([]);
  });
});

describe('the iCal feed', () => {
  let firstPath: string;

  it('is created once per user and serves the personal calendar as text/calendar', async () => {
    expect((await teacherA.get('/api/events/calendar/feed')).body.active).toBe(false);
    const created = await teacherA.post('/api/events/calendar/feed');
    expect(created.status).toBe(201);
    expect(created.body.url).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/api\/events\/calendar\/feed\/[\w-]{40,}\.ics$/,
    );
    expect(created.body.replaced).toBe(false);
    firstPath = created.body.path;
    expect((await teacherA.get('/api/events/calendar/feed')).body.active).toBe(true);
    const [audit] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'calendar_feed' AND action = 'create'`,
    );
    expect(audit!.n).toBe(1);

    const feed = await t.client().get(firstPath);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text: string = feed.body;
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain(`UID:event-${ids.seminar}@marshrut\r\nDTSTAMP:`);
    expect(unfolded).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
    expect(unfolded).toContain('DTSTART;VALUE=DATE:20261015\r\nDTEND;VALUE=DATE:20261016\r\n');
    expect(unfolded).toContain('LOCATION:МБОУ СОШ № 1\\, ул. Ленина\\, 5\\; актовый зал');
    expect(unfolded).toContain(`UID:route-item-${ids.course}@marshrut`);
    expect(unfolded).toContain('DTSTART;VALUE=DATE:20261001\r\nDTEND;VALUE=DATE:20261101\r\n');
    // A timed event: its wall-clock time in Irkutsk (UTC+8) written as UTC instants.
    expect(unfolded).toContain(
      `UID:event-${ids.january}@marshrut\r\nDTSTAMP:${unfolded.match(/DTSTAMP:(\d{8}T\d{6}Z)/)![1]}\r\nDTSTART:20270120T073000Z\r\nDTEND:20270120T090000Z\r\n`,
    );
    // The cancelled registration, another teacher's events and items, other municipalities: absent.
    expect(unfolded).not.toContain(ids.webinar);
    expect(unfolded).not.toContain('Борисовой');
    expect(unfolded).not.toContain(ids.other);
    expect(unfolded).not.toContain(ids.draft);
  });

  it('stops working when rotated, and an unknown token is a 404', async () => {
    const rotated = await teacherA.post('/api/events/calendar/feed');
    expect(rotated.body.replaced).toBe(true);
    expect(rotated.body.path).not.toBe(firstPath);
    expect((await t.client().get(firstPath)).status).toBe(404);
    expect((await t.client().get(rotated.body.path)).status).toBe(200);
    expect(
      (await t.client().get('/api/events/calendar/feed/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics'))
        .status,
    ).toBe(404);

    // Another teacher's link opens their own calendar, not teacher A's.
    const b = (await teacherB.post('/api/events/calendar/feed')).body.path;
    const text: string = (await t.client().get(b)).body;
    expect(text).toContain(`UID:event-${ids.webinar}@marshrut`);
    expect(text).not.toContain(ids.seminar);
    // base64url tokens hold «-» and «_»: the «.ics» suffix still parses.
    const dashed = 'abc-def_ghi-jkl-mno_pqr-stu';
    await t.db.query(sql`UPDATE calendar_feed_tokens SET token_hash = ${hashToken(dashed)}
      WHERE token_hash = ${hashToken(b.slice(b.lastIndexOf('/') + 1, -4))}`);
    expect((await t.client().get(b)).status).toBe(404);
    const viaDashed = await t.client().get(`/api/events/calendar/feed/${dashed}.ics`);
    expect(viaDashed.status).toBe(200);
    expect(viaDashed.body).toContain(`UID:event-${ids.webinar}@marshrut`);

    expect((await teacherA.delete('/api/events/calendar/feed')).status).toBe(204);
    expect((await t.client().get(rotated.body.path)).status).toBe(404);
  });
});
