import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { SYSTEM_ACTOR } from '../platform/auth/actor.ts';
import { sql } from '../platform/db/database.ts';
import { generateRoutes } from './generation/generation.service.ts';

/**
 * Routes with people in them: generation suggests a mentor for a mentoring item (subject,
 * category, free places, own school first), the school head confirms it (their school only), the
 * mentorship opens in the school's program, one open mentorship per mentee holds under a race, and
 * finishing the mentorship closes the item. Generation's date is fixed; programs run from 2020 with
 * no end, so the real today never matters.
 */
const TODAY = '2026-09-01';
let t: TestApp;
let headA: Client;
let headB: Client;
let methodist: Client;
let menteeUser: Client;
let mentee2User: Client;
const id: Record<string, string> = {};
let programA: string;

async function appoint(programId: string, personId: string, capacity: number) {
  const [m] = await t.db.query<{ id: string }>(sql`
    INSERT INTO mentoring_mentors (program_id, person_id, capacity) VALUES (${programId}, ${personId}, ${capacity})
    RETURNING id`);
  return m!.id;
}
async function program(orgId: string) {
  const [o] = await t.db.query<{ region_id: string; municipality_id: string }>(
    sql`SELECT region_id, municipality_id FROM organizations WHERE id = ${orgId}`,
  );
  const [p] = await t.db.query<{ id: string }>(sql`
    INSERT INTO mentoring_programs (region_id, municipality_id, organization_id, name, forms, starts_on)
    VALUES (${o!.region_id}, ${o!.municipality_id}, ${orgId}, 'Программа наставничества', '{experienced_young,group}', '2020-01-01')
    RETURNING id`);
  return p!.id;
}

beforeAll(async () => {
  t = await startTestApp();
  const { ctx, db } = t;
  const muni = await ctx.newMunicipality();
  const schoolA = await ctx.newOrg({ municipalityId: muni.id });
  const schoolB = await ctx.newOrg({ municipalityId: muni.id });
  id.schoolA = schoolA.id;
  const [f] = await db.query<{ id: string }>(sql`
    INSERT INTO competency_frameworks (code, name, deficit_below, partial_below)
    VALUES ('MENTOR-ROUTE', 'Карта для наставников', 50, 75) RETURNING id`);
  id.framework = f!.id;
  const [g] = await db.query<{ id: string }>(sql`
    INSERT INTO competency_groups (framework_id, code, name) VALUES (${f!.id}, 'G', 'Группа') RETURNING id`);
  for (const [i, code] of ['MR1', 'MR2'].entries()) {
    const [c] = await db.query<{ id: string }>(sql`
      INSERT INTO competencies (framework_id, group_id, code, name, position)
      VALUES (${f!.id}, ${g!.id}, ${code}, ${`Компетенция ${code}`}, ${i}) RETURNING id`);
    id[code] = c!.id;
  }
  const person = async (
    key: string,
    orgId: string,
    lastName: string,
    category: string,
    subjects: string[],
  ) => {
    id[key] = (await ctx.newPerson({ organizationId: orgId, lastName, category, subjects })).id;
  };
  await person('a1', schoolA.id, 'Аникина', 'first', ['Математика']);
  await person('a2', schoolA.id, 'Белова', 'highest', ['Физика']);
  await person('a3', schoolA.id, 'Волкова', 'szd', ['Математика']);
  await person('a4', schoolA.id, 'Глебова', 'highest', ['Математика']);
  await person('b1', schoolB.id, 'Дронова', 'highest', ['Математика']);
  await person('busy', schoolA.id, 'Занятова', 'none', ['Математика']);
  await person('mentee', schoolA.id, 'Молодова', 'none', ['Математика']);
  await person('mentee2', schoolA.id, 'Новикова', 'none', ['Математика']);
  await person('mentee3', schoolA.id, 'Историкова', 'none', ['История']);
  await person('mentee4', schoolA.id, 'Гонкина', 'none', ['Математика']);
  programA = await program(schoolA.id);
  const programB = await program(schoolB.id);
  id.a1m = await appoint(programA, id.a1!, 1);
  await appoint(programA, id.a2!, 3);
  await appoint(programA, id.a3!, 3);
  const a4m = await appoint(programA, id.a4!, 1);
  id.b1m = await appoint(programB, id.b1!, 2);
  // Глебова's only place is taken.
  const [ms] = await db.query<{ id: string }>(sql`
    INSERT INTO mentorships (program_id, mentor_id, form, started_on) VALUES (${programA}, ${a4m}, 'experienced_young', '2026-01-10')
    RETURNING id`);
  await db.query(
    sql`INSERT INTO mentorship_mentees (mentorship_id, program_id, person_id) VALUES (${ms!.id}, ${programA}, ${id.busy!})`,
  );
  // Deficits: MR1 for everyone (30 < 50); Гонкина has MR2 too. No program or event teaches them.
  for (const key of ['mentee', 'mentee2', 'mentee3', 'mentee4'])
    await db.query(sql`
      INSERT INTO competency_results (person_id, competency_id, source, assessed_on, percent)
      VALUES (${id[key]!}, ${id.MR1!}, 'import', '2026-05-01', 30)`);
  await db.query(sql`
    INSERT INTO competency_results (person_id, competency_id, source, assessed_on, percent)
    VALUES (${id.mentee4!}, ${id.MR2!}, 'import', '2026-05-01', 20)`);

  const at = { municipalityId: muni.id, regionId: muni.regionId };
  headA = await t.login(await ctx.newUser({ role: 'org_head', organizationId: schoolA.id, ...at }));
  headB = await t.login(await ctx.newUser({ role: 'org_head', organizationId: schoolB.id, ...at }));
  methodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at }));
  menteeUser = await t.login(
    await ctx.newUser({ role: 'teacher', personId: id.mentee!, organizationId: schoolA.id }),
  );
  mentee2User = await t.login(
    await ctx.newUser({ role: 'teacher', personId: id.mentee2!, organizationId: schoolA.id }),
  );

  // Молодова before Новикова (the run goes by name); the others in a run of their own.
  for (const personIds of [
    [id.mentee!, id.mentee2!],
    [id.mentee3!, id.mentee4!],
  ])
    await generateRoutes(db, SYSTEM_ACTOR, { frameworkId: f!.id, personIds, today: TODAY });
}, 120_000);
afterAll(async () => t.close());

interface ItemRow {
  route_id: string;
  item_id: string;
  person_id: string;
  competency_id: string;
  mentor_person_id: string | null;
  reason: string;
}
async function mentoringItems(): Promise<ItemRow[]> {
  return t.db.query<ItemRow>(sql`
    SELECT r.id AS route_id, i.id AS item_id, r.person_id, i.competency_id, i.mentor_person_id, i.reason
    FROM learning_route_items i JOIN learning_routes r ON r.id = i.route_id
    WHERE i.activity_kind = 'mentoring' AND r.framework_id = ${id.framework!}
    ORDER BY r.person_id, i.position`);
}
const itemOf = async (key: string, competency = 'MR1') =>
  (await mentoringItems()).find((i) => i.person_id === id[key] && i.competency_id === id[competency])!;

describe('generation suggests a mentor', () => {
  it('same subject, высшая or первая, free places, own school first; the reason says why', async () => {
    const m1 = await itemOf('mentee');
    // Аникина (первая, своя школа) before Дронова (высшая, другая школа); Белова — другой предмет,
    // Волкова — СЗД, Глебова — нет мест.
    expect(m1.mentor_person_id).toBe(id.a1);
    expect(m1.reason).toContain('Предложен наставник Аникина');
    expect(m1.reason).toContain('работает в той же школе');
    // Аникина's one place went to the first teacher of the run: the next gets the municipality's mentor.
    const m2 = await itemOf('mentee2');
    expect(m2.mentor_person_id).toBe(id.b1);
    expect(m2.reason).toContain('наставник той же территории');
    // A run of its own still sees the places the first run's pending suggestions hold: Аникина's
    // one place waits for Молодова's confirmation, Дронова has one of two left — for one of
    // Гонкина's two items; the other gets nobody rather than a place promised twice.
    const m4 = [await itemOf('mentee4', 'MR1'), await itemOf('mentee4', 'MR2')];
    expect(m4.map((i) => i.mentor_person_id).sort()).toEqual([id.b1, null].sort());
    const m3 = await itemOf('mentee3');
    expect(m3.mentor_person_id).toBeNull();
    expect(m3.reason).toContain('Наставник не предложен: нет наставников по предмету (История)');
  });
});

describe('suggestions and confirmation', () => {
  it('the school head sees their school’s suggestions; another school’s head none; the methodist reads all; a teacher is refused', async () => {
    const a = await headA.get('/api/routes/mentor-suggestions');
    expect(a.status).toBe(200);
    const mine = a.body.items.filter((i: { person: { id: string } }) =>
      [id.mentee, id.mentee2, id.mentee3].includes(i.person.id),
    );
    expect(mine).toHaveLength(3);
    const first = mine.find((i: { person: { id: string } }) => i.person.id === id.mentee);
    expect(first).toMatchObject({
      mentor: { personId: id.a1, fits: true, category: 'первая' },
      canConfirm: true,
    });
    expect(first.candidates[0].personId).toBe(id.a1);
    // Гонкина's list: Аникина's one place is held for Молодова, so she is not offered.
    const other = a.body.items.find(
      (i: { person: { id: string }; mentor: { personId: string } | null }) =>
        i.person.id === id.mentee4 && i.mentor?.personId === id.b1,
    );
    expect(other.candidates.map((c: { personId: string }) => c.personId)).not.toContain(id.a1);
    const b = await headB.get('/api/routes/mentor-suggestions');
    expect(b.status).toBe(200);
    expect(b.body.items).toHaveLength(0);
    const m = await methodist.get('/api/routes/mentor-suggestions');
    expect(m.body.items.length).toBeGreaterThanOrEqual(4);
    expect(m.body.items.every((i: { canConfirm: boolean }) => !i.canConfirm)).toBe(true);
    expect((await menteeUser.get('/api/routes/mentor-suggestions')).status).toBe(403);
  });

  it('another school’s head gets 404, the methodist 403, an unknown mentor 422', async () => {
    const item = await itemOf('mentee');
    const path = `/api/routes/${item.route_id}/items/${item.item_id}/mentor`;
    expect((await headB.post(path, {})).status).toBe(404);
    const byMethodist = await methodist.post(path, {});
    expect(byMethodist.status).toBe(403);
    const wrong = await headA.post(path, { mentorPersonId: id.mentee3 });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.message).toContain('назначен в программе наставничества');
    expect((await headA.post(path, { mentorPersonId: 'nope' })).status).toBe(422);
  });

  it('the head confirms: the pair opens in the school’s program with the deficit as its goal; the route shows the mentor', async () => {
    const item = await itemOf('mentee');
    const res = await headA.post(`/api/routes/${item.route_id}/items/${item.item_id}/mentor`, {
      startedOn: '2026-09-15',
    });
    expect(res.status).toBe(201);
    const ms = res.body.mentorshipId as string;
    const [pair] = await t.db.query<{ program_id: string; mentor_id: string }>(
      sql`SELECT program_id, mentor_id FROM mentorships WHERE id = ${ms}`,
    );
    expect(pair).toEqual({ program_id: programA, mentor_id: id.a1m });
    const goals = await t.db.query<{ competency_id: string }>(
      sql`SELECT competency_id FROM mentorship_goals WHERE mentorship_id = ${ms}`,
    );
    expect(goals).toEqual([{ competency_id: id.MR1 }]);
    const card = await menteeUser.get(`/api/routes/${item.route_id}`);
    const shown = card.body.items.find((i: { id: string }) => i.id === item.item_id);
    expect(shown.mentor).toMatchObject({ personId: id.a1, state: 'active', mentorshipId: ms });
    expect(shown.mentor.fullName).toContain('Аникина');
    // Confirmed once: again is a conflict; it is no longer a pending suggestion.
    const again = await headA.post(`/api/routes/${item.route_id}/items/${item.item_id}/mentor`, {});
    expect(again.status).toBe(409);
    const list = await headA.get('/api/routes/mentor-suggestions');
    expect(list.body.items.some((i: { itemId: string }) => i.itemId === item.item_id)).toBe(false);
    // The mentee is told who their mentor is (the mentor has no account here).
    await expect
      .poll(
        async () =>
          (await menteeUser.get('/api/notifications')).body.items
            .filter((n: { kind: string }) => n.kind === 'mentorship_opened')
            .map((n: { title: string; link: string }) => [n.title.split(' ').slice(0, 4).join(' '), n.link]),
        { timeout: 20_000, interval: 200 },
      )
      .toEqual([['Ваш наставник — Аникина', '/my/mentoring']]);
  });

  it('a mentor of another school is appointed in the mentee’s school program', async () => {
    const item = await itemOf('mentee2');
    const res = await headA.post(`/api/routes/${item.route_id}/items/${item.item_id}/mentor`, {
      startedOn: '2026-09-15',
    });
    expect(res.status).toBe(201);
    const [pair] = await t.db.query<{ program_id: string; person_id: string }>(sql`
      SELECT ms.program_id, mm.person_id FROM mentorships ms JOIN mentoring_mentors mm ON mm.id = ms.mentor_id
      WHERE ms.id = ${res.body.mentorshipId}`);
    expect(pair).toEqual({ program_id: programA, person_id: id.b1 });
  });

  it('a teacher sees their own pairs only', async () => {
    const mine = await menteeUser.get('/api/my/mentoring');
    expect(mine.status).toBe(200);
    expect(mine.body.asMentee).toHaveLength(1);
    const theirs = await mentee2User.get('/api/my/mentoring');
    expect(theirs.body.asMentee).toHaveLength(1);
    expect(theirs.body.asMentee[0].id).not.toBe(mine.body.asMentee[0].id);
    expect((await mentee2User.get(`/api/mentoring/pairs/${mine.body.asMentee[0].id}`)).status).toBe(404);
    const list = await mentee2User.get('/api/mentoring/pairs');
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([theirs.body.asMentee[0].id]);
  });

  it('two confirmations for one mentee at once: exactly one opens, the other is refused in Russian', async () => {
    await t.db.query(sql`UPDATE mentoring_mentors SET capacity = 10 WHERE id = ${id.b1m!}`);
    const one = await itemOf('mentee4', 'MR1');
    const two = await itemOf('mentee4', 'MR2');
    const results = await Promise.all(
      [one, two].map((i) =>
        headA.post(`/api/routes/${i.route_id}/items/${i.item_id}/mentor`, { mentorPersonId: id.b1 }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = results.find((r) => r.status === 409)!;
    expect(refused.body.error.message).toContain('уже есть открытое наставничество');
    const [open] = await t.db.query<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM mentorship_mentees WHERE person_id = ${id.mentee4!} AND finished_on IS NULL`);
    expect(open!.n).toBe(1);
  });

  it('finishing the mentorship closes the route item, the mentorship its evidence', async () => {
    const item = await itemOf('mentee');
    const [link] = await t.db.query<{ mentorship_id: string }>(
      sql`SELECT mentorship_id FROM learning_route_items WHERE id = ${item.item_id}`,
    );
    const pair = await headA.get(`/api/mentoring/pairs/${link!.mentorship_id}`);
    const res = await headA.post(`/api/mentoring/pairs/${link!.mentorship_id}/finish`, {
      finishedOn: '2026-11-30',
      reason: 'completed',
      outcomes: pair.body.goals.map((g: { id: string }) => ({ goalId: g.id, outcome: 'reached' })),
    });
    expect(res.status).toBe(200);
    const card = await menteeUser.get(`/api/routes/${item.route_id}`);
    const shown = card.body.items.find((i: { id: string }) => i.id === item.item_id);
    expect(shown.status).toBe('done');
    expect(shown.confirmedAt).not.toBeNull();
    expect(shown.evidence).toMatchObject({
      kind: 'mentorship',
      mentorshipId: link!.mentorship_id,
      finishedOn: '2026-11-30',
      outcome: 'цель достигнута',
    });
    expect(shown.mentor.state).toBe('finished');
    expect(card.body.events.some((e: { text: string }) => e.text.includes('программа выполнена'))).toBe(true);
  });

  it('a mentorship ended by a transfer unlinks the item: it waits for a new mentor', async () => {
    const item = await itemOf('mentee2');
    const [link] = await t.db.query<{ mentorship_id: string }>(
      sql`SELECT mentorship_id FROM learning_route_items WHERE id = ${item.item_id}`,
    );
    const res = await headA.post(`/api/mentoring/pairs/${link!.mentorship_id}/finish`, {
      finishedOn: '2026-10-15',
      reason: 'transfer',
      outcomes: [],
    });
    expect(res.status).toBe(200);
    const [row] = await t.db.query<{ status: string; mentorship_id: string | null }>(
      sql`SELECT status::text, mentorship_id FROM learning_route_items WHERE id = ${item.item_id}`,
    );
    expect(row).toEqual({ status: 'planned', mentorship_id: null });
    const list = await headA.get('/api/routes/mentor-suggestions');
    expect(list.body.items.some((i: { itemId: string }) => i.itemId === item.item_id)).toBe(true);
  });
});
