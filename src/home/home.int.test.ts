import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { type Db, sql } from '../platform/db/database.ts';
import { insertRoute } from '../routes/routes.test-data.ts';

/**
 * The home page's day's work through the real HTTP API, for a fixed reference day passed as
 * `?date=`: each role gets its own counts and links, and another school's, teacher's or
 * municipality's work is never counted.
 */

const REF = '2030-03-10';
const at = (date: string, time = '12:00') => `${date}T${time}:00+08:00`;

let t: TestApp;
const as: Record<string, Client> = {};
const w: Record<string, any> = {};

type Item = { kind: string; count: number; title: string; link: string; due?: string };

async function work(who: string, date = REF): Promise<Record<string, Item>> {
  const res = await as[who]!.get(`/api/home/work?date=${date}`);
  expect(res.status).toBe(200);
  expect(res.body.date).toBe(date);
  return Object.fromEntries((res.body.items as Item[]).map((i) => [i.kind, i]));
}

const counts = (items: Record<string, Item>) =>
  Object.fromEntries(Object.entries(items).map(([k, v]) => [k, v.count]));

async function insertCampaign(
  db: Db,
  c: { name: string; regionId: string; municipalityId: string; closesAt: string; people: string[] },
) {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO assessment_campaigns (name, owner_level, region_id, municipality_id, status, opens_at, closes_at)
    VALUES (${c.name}, 'municipality', ${c.regionId}, ${c.municipalityId}, 'open', ${at('2030-03-01', '09:00')}, ${c.closesAt})
    RETURNING id`);
  await db.query(
    sql`INSERT INTO campaign_instruments (campaign_id, instrument_id) VALUES (${row!.id}, ${w.instrumentId})`,
  );
  for (const personId of c.people) {
    await db.query(
      sql`INSERT INTO campaign_participants (campaign_id, person_id) VALUES (${row!.id}, ${personId})`,
    );
  }
  return row!.id;
}

async function insertForm(
  db: Db,
  f: { level: 'municipality' | 'region'; regionId: string; municipalityId?: string },
) {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO collection_forms (name, owner_level, region_id, municipality_id)
    VALUES ('Наставничество', ${f.level}, ${f.regionId}, ${f.municipalityId ?? null}) RETURNING id`);
  return row!.id;
}

async function insertAssignment(db: Db, formId: string, dueOn: string, answers: Record<string, string>) {
  const [a] = await db.query<{ id: string }>(sql`
    INSERT INTO form_assignments (form_id, title, period_start, period_end, due_on, fields)
    VALUES (${formId}, 'Наставничество за февраль', '2030-02-01', '2030-02-28', ${dueOn}, '[]'::jsonb) RETURNING id`);
  const ids: Record<string, string> = {};
  for (const [organizationId, status] of Object.entries(answers)) {
    const [s] = await db.query<{ id: string }>(sql`
      INSERT INTO form_submissions (assignment_id, organization_id, status)
      VALUES (${a!.id}, ${organizationId}, ${status}::submission_status) RETURNING id`);
    ids[organizationId] = s!.id;
  }
  return { id: a!.id, submissions: ids };
}

beforeAll(async () => {
  t = await startTestApp();
  const { ctx, db } = t;
  const muni = await ctx.newMunicipality();
  const muniB = await ctx.newMunicipality({ regionId: muni.regionId });
  const school1 = await ctx.newOrg({ municipalityId: muni.id });
  const school2 = await ctx.newOrg({ municipalityId: muni.id });
  const schoolB = await ctx.newOrg({ municipalityId: muniB.id });
  const p1 = await ctx.newPerson({ organizationId: school1.id, lastName: 'Петрова' });
  const p2 = await ctx.newPerson({ organizationId: school2.id });
  const pB = await ctx.newPerson({ organizationId: schoolB.id });
  const regionId = muni.regionId;
  const territory = { regionId, municipalityId: muni.id };
  const users = {
    teacher1: await ctx.newUser({ role: 'teacher', personId: p1.id, organizationId: school1.id }),
    teacher2: await ctx.newUser({ role: 'teacher', personId: p2.id, organizationId: school2.id }),
    curator: await ctx.newUser({ role: 'curator', regionId }),
    head1: await ctx.newUser({ role: 'org_head', ...territory, organizationId: school1.id }),
    head2: await ctx.newUser({ role: 'org_head', ...territory, organizationId: school2.id }),
    methodist: await ctx.newUser({ role: 'municipal_methodist', ...territory }),
    methodistB: await ctx.newUser({ role: 'municipal_methodist', regionId, municipalityId: muniB.id }),
    region: await ctx.newUser({ role: 'region_admin', regionId }),
  };
  for (const [k, user] of Object.entries(users)) as[k] = await t.login(user);

  const preset = await as.methodist!.post('/api/instruments/presets/teacher-demo-test');
  expect([200, 201]).toContain(preset.status);
  w.instrumentId = preset.body.id;

  // Diagnoses: p1 has not sent the test, p2 has; muni B's campaign closes this week too; a later one does not.
  w.c1 = await insertCampaign(db, {
    name: 'Диагностика весна',
    regionId,
    municipalityId: muni.id,
    closesAt: at('2030-03-14', '18:00'),
    people: [p1.id, p2.id],
  });
  await db.query(sql`
    INSERT INTO assessment_attempts (campaign_id, instrument_id, instrument_version, person_id, status, submitted_at)
    VALUES (${w.c1}, ${w.instrumentId}, 1, ${p2.id}, 'submitted', ${at('2030-03-05')})`);
  w.cB = await insertCampaign(db, {
    name: 'Диагностика Б',
    regionId,
    municipalityId: muniB.id,
    closesAt: at('2030-03-12'),
    people: [pB.id],
  });
  await insertCampaign(db, {
    name: 'Диагностика позже',
    regionId,
    municipalityId: muni.id,
    closesAt: at('2030-04-30'),
    people: [],
  });

  // Routes: p1's running route with an item due, one awaiting confirmation, one returned, one later.
  const r1 = await insertRoute(db, {
    personId: p1.id,
    curatorUserId: users.curator.id,
    status: 'in_progress',
    items: [{ status: 'planned' }, { status: 'done' }, { status: 'in_progress' }, { status: 'planned' }],
  });
  const [due, , returned, later] = r1.itemIds;
  await db.query(sql`UPDATE learning_route_items SET planned_end = '2030-03-13' WHERE id = ${due!}`);
  await db.query(sql`UPDATE learning_route_items SET planned_end = '2030-05-01' WHERE id = ${later!}`);
  await db.query(sql`INSERT INTO learning_route_events (route_id, item_id, kind, text)
                     VALUES (${r1.id}, ${returned!}, 'evidence', 'Выполнено'),
                            (${r1.id}, ${returned!}, 'returned', 'Приложите отчёт')`);
  w.r1 = r1.id;
  // Drafts without a curator in school 2 and in municipality B.
  w.r2 = (await insertRoute(db, { personId: p2.id, status: 'draft' })).id;
  w.rB = (await insertRoute(db, { personId: pB.id, status: 'draft' })).id;

  // Forms: municipality A's, B's and the region's.
  const formA = await insertForm(db, { level: 'municipality', regionId, municipalityId: muni.id });
  const formB = await insertForm(db, { level: 'municipality', regionId, municipalityId: muniB.id });
  const formR = await insertForm(db, { level: 'region', regionId });
  w.a1 = await insertAssignment(db, formA, '2030-03-12', {
    [school1.id]: 'submitted',
    [school2.id]: 'returned',
  });
  w.a2 = await insertAssignment(db, formA, '2030-03-30', { [school1.id]: 'pending', [school2.id]: 'draft' });
  w.b1 = await insertAssignment(db, formB, '2030-03-11', { [schoolB.id]: 'submitted' });
  w.rf = await insertAssignment(db, formR, '2030-03-09', {
    [school1.id]: 'accepted',
    [school2.id]: 'pending',
    [schoolB.id]: 'draft',
  });
  Object.assign(w, { school1, school2, schoolB });
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/home/work', () => {
  it('refuses an anonymous caller (401) and a malformed date (422)', async () => {
    expect((await t.client().get('/api/home/work')).status).toBe(401);
    expect((await as.teacher1!.get('/api/home/work?date=10.03.2030')).status).toBe(422);
  });

  it('answers for today when no date is given', async () => {
    const res = await as.teacher2!.get('/api/home/work');
    expect(res.status).toBe(200);
    expect(res.body.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('the teacher: the open diagnosis, the item due this week, the returned item', async () => {
    const items = await work('teacher1');
    expect(counts(items)).toEqual({ open_diagnoses: 1, route_items_due: 1, route_items_returned: 1 });
    expect(items.open_diagnoses).toMatchObject({
      title: '1 диагностика ждёт прохождения',
      link: '/cabinet',
      due: '2030-03-14',
    });
    expect(items.route_items_due).toMatchObject({
      title: '1 мероприятие маршрута со сроком до 16.03.2030',
      link: '/my/route',
      due: '2030-03-13',
    });
    expect(items.route_items_returned!.title).toBe('1 мероприятие возвращено на доработку');
  });

  it('the item due counts only from the week before its date; the campaign only while open', async () => {
    expect(counts(await work('teacher1', '2030-03-01'))).toEqual({
      open_diagnoses: 1,
      route_items_returned: 1,
    });
    expect(counts(await work('teacher1', '2030-03-15'))).toEqual({
      route_items_due: 1,
      route_items_returned: 1,
    });
  });

  it('a teacher with nothing to do gets an empty list (their sent test, their draft route)', async () => {
    expect((await work('teacher2')).open_diagnoses).toBeUndefined();
    expect(await work('teacher2')).toEqual({});
  });

  it('the curator: the item awaiting confirmation, linked to its route', async () => {
    const items = await work('curator');
    expect(counts(items)).toEqual({ items_awaiting_confirmation: 1 });
    expect(items.items_awaiting_confirmation).toMatchObject({
      title: '1 мероприятие ждёт подтверждения',
      link: `/routes/${w.r1}`,
    });
  });

  it('the school head: their own forms to fill or returned, routes to agree, campaigns closing', async () => {
    const one = await work('head1');
    expect(counts(one)).toEqual({ forms_to_fill: 1, campaigns_closing: 1 });
    expect(one.forms_to_fill).toMatchObject({
      title: '1 форма к заполнению',
      link: `/monitoring/my-forms/${w.a2.submissions[w.school1.id]}`,
      due: '2030-03-30',
    });
    const two = await work('head2');
    expect(counts(two)).toEqual({
      forms_to_fill: 2,
      forms_returned: 1,
      routes_to_approve: 1,
      campaigns_closing: 1,
    });
    expect(two.forms_to_fill).toMatchObject({
      title: '2 формы к заполнению',
      link: '/monitoring/my-forms',
      due: '2030-03-09',
    });
    expect(two.forms_returned!.link).toBe(`/monitoring/my-forms/${w.a1.submissions[w.school2.id]}`);
    expect(two.routes_to_approve).toMatchObject({
      title: '1 маршрут ждёт согласования',
      link: `/routes/${w.r2}`,
    });
  });

  it('the methodist: answers to review, campaigns closing, routes without a curator, deadlines', async () => {
    const items = await work('methodist');
    expect(counts(items)).toEqual({
      answers_to_review: 1,
      campaigns_closing: 1,
      routes_without_curator: 1,
      form_deadlines_this_week: 1,
    });
    expect(items.answers_to_review).toMatchObject({
      title: '1 ответ на форму ждёт проверки',
      link: `/monitoring/forms/assignments/${w.a1.id}`,
    });
    expect(items.campaigns_closing).toMatchObject({
      title: '1 кампания диагностики закрывается на этой неделе',
      link: `/assessment/campaigns/${w.c1}`,
      due: '2030-03-14',
    });
    expect(items.routes_without_curator!.link).toBe(`/routes/${w.r2}`);
    // The list behind the link of several such routes filters the same way.
    const list = await as.methodist!.get('/api/routes?withoutCurator=true');
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([w.r2]);
    expect(items.form_deadlines_this_week!.title).toBe(
      '1 форма со сроком сдачи на этой неделе: не сдали 1 организация',
    );
  });

  it("another municipality's methodist counts only their own", async () => {
    const items = await work('methodistB');
    expect(counts(items)).toEqual({ answers_to_review: 1, campaigns_closing: 1, routes_without_curator: 1 });
    expect(items.answers_to_review!.link).toBe(`/monitoring/forms/assignments/${w.b1.id}`);
    expect(items.campaigns_closing!.link).toBe(`/assessment/campaigns/${w.cB}`);
    expect(items.routes_without_curator!.link).toBe(`/routes/${w.rB}`);
  });

  it("the region: municipalities that have not sent the region's form, and the region's lists", async () => {
    const items = await work('region');
    expect(items.municipalities_not_submitted).toMatchObject({
      count: 2,
      title: '2 муниципалитета не сдали региональные формы',
      link: `/monitoring/forms/assignments/${w.rf.id}`,
    });
    expect(items.campaigns_closing).toMatchObject({ count: 2, link: '/assessment/campaigns?status=open' });
    expect(items.routes_without_curator).toMatchObject({ count: 2, link: '/routes?withoutCurator=true' });
  });
});
