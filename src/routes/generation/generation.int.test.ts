import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';
import { waitForJobs } from '../../platform/jobs/jobs.queue.ts';
import * as clock from '../../platform/time/today.ts';
import { SKIP_AGREED, SKIP_TOUCHED } from './generation.service.ts';
import { addMonths } from './planner.ts';

let t: TestApp;
const today = clock.today();
let worlds = 0;

/**
 * Each test's own world. K1…K4: K1 and K2 are taught by the federal program (3 seats), K1 also by a
 * regional one.
 */
async function world() {
  const n = ++worlds;
  const as: Record<string, Client> = {};
  const { ctx, db } = t;
  const m1 = await ctx.newMunicipality();
  const m2 = await ctx.newMunicipality({ regionId: m1.regionId });
  const schoolA = await ctx.newOrg({ municipalityId: m1.id });
  const schoolB = await ctx.newOrg({ municipalityId: m1.id });
  const schoolC = await ctx.newOrg({ municipalityId: m2.id });

  const [f] = await db.query<{ id: string }>(sql`
    INSERT INTO competency_frameworks (code, name, deficit_below, partial_below)
    VALUES (${`GEN-TEST-${n}`}, 'Карта для формирования', 50, 75) RETURNING id`);
  const [g] = await db.query<{ id: string }>(sql`
    INSERT INTO competency_groups (framework_id, code, name) VALUES (${f!.id}, 'METH', 'Методические') RETURNING id`);
  const comps: Record<string, string> = {};
  for (const [i, code] of ['K1', 'K2', 'K3', 'K4'].entries()) {
    const [c] = await db.query<{ id: string }>(sql`
      INSERT INTO competencies (framework_id, group_id, code, name, position)
      VALUES (${f!.id}, ${g!.id}, ${code}, ${`Компетенция ${code}`}, ${i}) RETURNING id`);
    comps[code] = c!.id;
  }

  const program = async (code: string, federal: boolean, competencies: string[], seats: number | null) => {
    const [p] = await db.query<{ id: string }>(sql`
      INSERT INTO programs (region_id, code, name, kind, hours, provider, format, federal_registry, federal_registry_number)
      VALUES (${m1.regionId}, ${`${code}-${n}`}, ${`Программа ${code}`}, 'upgrade', 36, 'ИРО', 'distance', ${federal},
              ${federal ? '77-001' : null}) RETURNING id`);
    for (const c of competencies)
      await db.query(
        sql`INSERT INTO program_competencies (program_id, competency_id) VALUES (${p!.id}, ${comps[c]!})`,
      );
    const starts = addMonths(today, 2);
    const [k] = await db.query<{ id: string }>(sql`
      INSERT INTO program_cohorts (program_id, starts_on, ends_on, seats)
      VALUES (${p!.id}, ${starts}, ${addMonths(starts, 1)}, ${seats}) RETURNING id`);
    return { id: p!.id, cohortId: k!.id };
  };
  const federal = await program('FED-1', true, ['K1', 'K2'], 3);
  const regional = await program('REG-1', false, ['K1'], null);

  const result = async (
    personId: string,
    percents: Record<string, number>,
    campaignId: string | null = null,
  ) => {
    for (const [code, percent] of Object.entries(percents))
      await db.query(sql`
        INSERT INTO competency_results (person_id, competency_id, campaign_id, source, assessed_on, percent)
        VALUES (${personId}, ${comps[code]!}, ${campaignId}, 'import', '2026-10-01', ${percent})`);
  };
  // Five teachers of municipality 1 with deficits, one without; two teachers of municipality 2.
  const m1People = [];
  for (let i = 0; i < 5; i++) {
    const p = await ctx.newPerson({
      organizationId: i < 3 ? schoolA.id : schoolB.id,
      lastName: `Дефицитова${i}`,
    });
    await result(p.id, { K1: 30 + i, K2: 40, K3: 60, K4: 90 });
    m1People.push(p);
  }
  const fine = await ctx.newPerson({ organizationId: schoolA.id, lastName: 'Сформированная' });
  await result(fine.id, { K1: 80, K2: 90, K3: 76, K4: 100 });
  const m2People = [];
  for (let i = 0; i < 2; i++) {
    const p = await ctx.newPerson({ organizationId: schoolC.id, lastName: `Соседняя${i}` });
    m2People.push(p);
  }

  const users = {
    admin: await ctx.newUser({ role: 'admin' }),
    methodist: await ctx.newUser({ role: 'municipal_methodist', municipalityId: m1.id }),
    methodist2: await ctx.newUser({ role: 'municipal_methodist', municipalityId: m2.id }),
    curatorA: await ctx.newUser({ role: 'curator', municipalityId: m1.id }),
    curatorB: await ctx.newUser({ role: 'curator', municipalityId: m1.id }),
    otherCurator: await ctx.newUser({ role: 'curator', municipalityId: m2.id }),
    head: await ctx.newUser({ role: 'org_head', organizationId: schoolA.id }),
    teacher: await ctx.newUser({ role: 'teacher', personId: m1People[0]!.id, organizationId: schoolA.id }),
  };
  await db.query(sql`UPDATE users SET full_name = 'Андреева Анна' WHERE id = ${users.curatorA.id}`);
  await db.query(sql`UPDATE users SET full_name = 'Борисова Бэла' WHERE id = ${users.curatorB.id}`);
  for (const [k, u] of Object.entries(users)) if (k !== 'otherCurator') as[k] = await t.login(u);
  // Municipality 2's only curator is inactive: its people fall back to the methodist.
  await db.query(sql`UPDATE users SET active = false WHERE id = ${users.otherCurator.id}`);
  const w: Record<string, any> = {
    m1,
    m2,
    schoolA,
    schoolC,
    frameworkId: f!.id,
    comps,
    federal,
    regional,
    m1People,
    fine,
    m2People,
    users,
    result,
  };
  return { w, as };
}

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

const routesOf = (personIds: string[]) =>
  t.db.query<{
    id: string;
    person_id: string;
    status: string;
    title: string;
    curator_user_id: string | null;
    framework_id: string;
    campaign_id: string | null;
    baseline_on: string;
    generated_by_job_id: string | null;
    period_start: string;
  }>(
    sql`SELECT * FROM learning_routes WHERE person_id = ANY(${sql.param(personIds)}::uuid[]) ORDER BY person_id`,
  );

async function run(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/route-generation', body);
  expect(res.status).toBe(202);
  await waitForJobs(t.db);
  const job = await client.get(`/api/jobs/${res.body.jobId}`);
  expect(job.status).toBe(200);
  return job.body;
}

/** A world where the methodist of municipality 1 has generated draft routes once. */
async function generated() {
  const { w, as } = await world();
  const job = await run(as.methodist!, { frameworkId: w.frameworkId });
  expect(job.result.routesCreated).toBe(5);
  return { w, as, job };
}

describe('route generation', () => {
  it('only methodists, region operators and admins may start it; unknown framework → 404', async () => {
    const { w, as } = await world();
    expect((await as.teacher!.post('/api/route-generation', { frameworkId: w.frameworkId })).status).toBe(
      403,
    );
    expect((await as.head!.post('/api/route-generation', { frameworkId: w.frameworkId })).status).toBe(403);
    expect((await as.curatorA!.post('/api/route-generation', { frameworkId: w.frameworkId })).status).toBe(
      403,
    );
    const unknown = await as.methodist!.post('/api/route-generation', {
      frameworkId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/Карта компетенций/);
    // An organization of another municipality is outside the methodist's scope.
    const foreign = await as.methodist!.post('/api/route-generation', {
      frameworkId: w.frameworkId,
      organizationId: w.schoolC.id,
    });
    expect(foreign.status).toBe(404);
    // Another municipality's campaign is not even confirmed to exist.
    const [c] = await t.db.query<{ id: string }>(sql`
      INSERT INTO assessment_campaigns (name, owner_level, region_id, municipality_id, framework_id, status,
                                        opens_at, closes_at)
      VALUES ('Чужая кампания', 'municipality', ${w.m2.regionId}, ${w.m2.id}, ${w.frameworkId}, 'draft',
              now(), now() + interval '1 day') RETURNING id`);
    const foreignCampaign = await as.methodist!.post('/api/route-generation', {
      frameworkId: w.frameworkId,
      campaignId: c!.id,
    });
    expect(foreignCampaign.status).toBe(404);
    expect(foreignCampaign.body.error.message).toMatch(/Кампания диагностики не найдена/);
    await t.db.query(sql`DELETE FROM assessment_campaigns WHERE id = ${c!.id}`);
  });

  it('builds draft routes with reasons for the people with deficits, balancing two curators', async () => {
    const { w, as } = await world();
    const job = await run(as.methodist!, { frameworkId: w.frameworkId });
    expect(job).toMatchObject({
      kind: 'route-generation',
      status: 'succeeded',
      total: 5,
      done: 5,
      error: null,
    });
    expect(job.startedAt).toBeTruthy();
    expect(job.finishedAt).toBeTruthy();
    const r = job.result;
    expect(r).toMatchObject({
      routesCreated: 5,
      routesRegenerated: 0,
      peopleWithDeficits: 5,
      skipped: [],
      uncovered: [],
    });
    // ⌈5/2⌉ and ⌊5/2⌋, the first by name on a tie.
    expect(r.curators).toEqual([
      { userId: w.users.curatorA.id, fullName: 'Андреева Анна', routes: 3 },
      { userId: w.users.curatorB.id, fullName: 'Борисова Бэла', routes: 2 },
    ]);

    const routes = await routesOf(w.m1People.map((p: { id: string }) => p.id));
    expect(routes).toHaveLength(5);
    for (const route of routes) {
      expect(route).toMatchObject({
        status: 'draft',
        framework_id: w.frameworkId,
        baseline_on: '2026-10-01',
        generated_by_job_id: job.id,
        period_start: today,
      });
      expect(route.title).toMatch(
        /^ИОМ: Дефицитова\d Мария Петровна, \d\d\.\d\d(\.\d{4})?–\d\d\.\d\d\.\d{4}$/,
      );
    }
    const items = await t.db.query<{
      route_id: string;
      activity_kind: string;
      activity_id: string | null;
      competency_ids: string[];
      reason: string;
      expected_result: string;
      hours: number;
      form: string;
    }>(sql`SELECT i.* FROM learning_route_items i JOIN learning_routes r ON r.id = i.route_id
           WHERE r.framework_id = ${w.frameworkId} ORDER BY i.route_id, i.position`);
    expect(r.itemsCreated).toBe(items.length);
    // The federal program has 3 seats: 3 people get it (covering K1 and K2), the others the regional
    // program for K1 and mentoring for K2. Everyone gets self-education for K3 (partial), nothing for K4.
    const fed = items.filter((i) => i.activity_id === w.federal.cohortId);
    expect(fed).toHaveLength(3);
    for (const i of fed) {
      expect(i.competency_ids.sort()).toEqual([w.comps.K1, w.comps.K2].sort());
      expect(i.reason).toMatch(
        /^Дефицит по компетенции «Компетенция K1»: 3\d % при пороге 50 %\. Программа из федерального реестра \(№ 77-001\), 36 ч/,
      );
      expect(i.expected_result).toContain('не ниже 75 %');
    }
    expect(items.filter((i) => i.activity_id === w.regional.cohortId)).toHaveLength(2);
    expect(items.filter((i) => i.activity_kind === 'mentoring')).toHaveLength(2);
    expect(items.filter((i) => i.activity_kind === 'self_education')).toHaveLength(5);
    expect(items.every((i) => !i.competency_ids.includes(w.comps.K4))).toBe(true);
    expect(items.every((i) => i.reason.length > 40)).toBe(true);

    // Curators see their people (scope reads curator_assignments); one audit entry per route.
    const [assignments] = await t.db.query<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM curator_assignments
      WHERE curator_user_id IN (${w.users.curatorA.id}, ${w.users.curatorB.id})`);
    expect(assignments!.n).toBe(5);
    const [audited] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'learning_route' AND action = 'create'
          AND entity_id = ANY(${sql.param(routes.map((x) => x.id))}::text[])`,
    );
    expect(audited!.n).toBe(5);
    const events = await t.db.query<{ kind: string; text: string; author_user_id: string }>(sql`
      SELECT e.kind, e.text, e.author_user_id FROM learning_route_events e JOIN learning_routes r ON r.id = e.route_id
      WHERE r.framework_id = ${w.frameworkId}`);
    expect(events).toHaveLength(5);
    expect(events[0]).toMatchObject({ kind: 'created', author_user_id: w.users.methodist.id });
    expect(events[0]!.text).toMatch(/^Маршрут сформирован автоматически по результатам диагностики/);
  });

  it('makes no route for someone without deficits nor for another municipality', async () => {
    const { w, as } = await generated();
    expect(await routesOf([w.fine.id])).toEqual([]);
    // Municipality 2's people get results too, but the methodist of municipality 1 does not see them.
    for (const p of w.m2People) await w.result(p.id, { K1: 10, K2: 20 });
    await run(as.methodist!, { frameworkId: w.frameworkId });
    expect(await routesOf(w.m2People.map((p: { id: string }) => p.id))).toEqual([]);
  });

  it('re-running rebuilds drafts instead of duplicating them and keeps an agreed route', async () => {
    const { w, as } = await generated();
    const before = await routesOf(w.m1People.map((p: { id: string }) => p.id));
    const agreed = before[0]!;
    await t.db.query(sql`UPDATE learning_routes SET status = 'agreed' WHERE id = ${agreed.id}`);
    const [agreedItems] = await t.db.query<{ n: number; ids: string }>(sql`
      SELECT count(*)::int AS n, string_agg(id::text, ',' ORDER BY id) AS ids FROM learning_route_items WHERE route_id = ${agreed.id}`);

    // A draft edited by hand gets an extra item: the rebuild removes it, the plan's items stay.
    const draft = before[1]!;
    const countItems = async (routeId: string) =>
      (
        await t.db.query<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM learning_route_items WHERE route_id = ${routeId}`,
        )
      )[0]!.n;
    const planned = await countItems(draft.id);
    await t.db.query(sql`INSERT INTO learning_route_items (route_id, activity_kind, title, form, hours, position, status)
                         VALUES (${draft.id}, 'internship', 'Стажировка', 'formal', 8, 99, 'in_progress')`);
    expect(await countItems(draft.id)).toBe(planned + 1);

    const job = await run(as.methodist!, { frameworkId: w.frameworkId });
    expect(await countItems(draft.id)).toBe(planned);
    const [leftover] = await t.db.query<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM learning_route_items
      WHERE route_id = ${draft.id} AND (status <> 'planned' OR activity_kind = 'internship' OR reason = '')`);
    expect(leftover!.n).toBe(0);
    expect(job.result).toMatchObject({
      routesCreated: 0,
      routesRegenerated: 4,
      skipped: [{ reason: SKIP_AGREED, count: 1 }],
    });
    const after = await routesOf(w.m1People.map((p: { id: string }) => p.id));
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    // Curators are kept: no route changes hands.
    expect(after.map((r) => r.curator_user_id)).toEqual(before.map((r) => r.curator_user_id));
    const [kept] = await t.db.query<{ n: number; ids: string }>(sql`
      SELECT count(*)::int AS n, string_agg(id::text, ',' ORDER BY id) AS ids FROM learning_route_items WHERE route_id = ${agreed.id}`);
    expect(kept).toEqual(agreedItems);
    // The agreed route still holds its federal seat if it had one: seats never exceed 3.
    const [fed] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM learning_route_items WHERE activity_id = ${w.federal.cohortId}`,
    );
    expect(fed!.n).toBe(3);
    const edited = await t.db.query(sql`
      SELECT 1 FROM learning_route_events
      WHERE kind = 'edited' AND data->>'jobId' = ${job.id} AND text LIKE 'Черновик маршрута пересобран автоматически%'`);
    expect(edited).toHaveLength(4);
  });

  it('a draft a person has worked on (an item added through the route card) is never rebuilt over', async () => {
    const { w, as } = await generated();
    const routes = await routesOf(w.m1People.map((p: { id: string }) => p.id));
    const draft = routes.find((r) => r.status === 'draft')!;
    const added = await as.methodist!.post(`/api/routes/${draft.id}/items`, {
      activityKind: 'internship',
      title: 'Стажировка в лицее',
      form: 'formal',
      hours: 8,
    });
    expect(added.status).toBe(201);
    const [{ n: before }] = (await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM learning_route_items WHERE route_id = ${draft.id}`,
    )) as [{ n: number }];
    const job = await run(as.methodist!, { frameworkId: w.frameworkId });
    expect(job.result.skipped).toContainEqual({ reason: SKIP_TOUCHED, count: 1 });
    const items = await t.db.query<{ title: string }>(
      sql`SELECT title FROM learning_route_items WHERE route_id = ${draft.id}`,
    );
    expect(items).toHaveLength(before);
    expect(items.map((i) => i.title)).toContain('Стажировка в лицее');
  });

  it('jobs: the creator and the admin see a job, others get 404; the list is the caller’s own', async () => {
    const { w, as } = await generated();
    for (let i = 0; i < 3; i++) await run(as.methodist!, { frameworkId: w.frameworkId });
    // The admin's own run is not in the methodist's list.
    await run(as.admin!, { frameworkId: w.frameworkId });
    const mine = await as.methodist!.get('/api/jobs?kind=route-generation');
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBe(4); // the four runs above
    expect(mine.body.items.every((j: { kind: string }) => j.kind === 'route-generation')).toBe(true);
    const id = mine.body.items[0].id;
    expect((await as.methodist2!.get(`/api/jobs/${id}`)).status).toBe(404);
    expect((await as.teacher!.get(`/api/jobs/${id}`)).status).toBe(404);
    expect((await as.admin!.get(`/api/jobs/${id}`)).status).toBe(200);
    expect((await as.methodist2!.get('/api/jobs?kind=route-generation')).body.items).toEqual([]);
  });

  it('closing a campaign starts generation over its results; the methodist is the fallback curator', async () => {
    const { w, as } = await world();
    // Municipality 2's people have results, too.
    for (const p of w.m2People) await w.result(p.id, { K1: 10, K2: 20 });
    const [c] = await t.db.query<{ id: string }>(sql`
      INSERT INTO assessment_campaigns (name, owner_level, region_id, municipality_id, framework_id, status,
                                        opens_at, closes_at, created_by)
      VALUES ('Осенняя диагностика', 'municipality', ${w.m2.regionId}, ${w.m2.id}, ${w.frameworkId}, 'open',
              now() - interval '10 days', now() + interval '1 day', ${w.users.methodist2.id}) RETURNING id`);
    // Only the first person's results belong to the campaign.
    const [first, second] = w.m2People;
    await t.db.query(sql`UPDATE competency_results SET campaign_id = ${c!.id} WHERE person_id = ${first.id}`);
    const res = await as.methodist2!.post(`/api/assessment-campaigns/${c!.id}/close`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('closed');
    expect(res.body.generationJobId).toEqual(expect.any(String));
    await waitForJobs(t.db);
    const job = await as.methodist2!.get(`/api/jobs/${res.body.generationJobId}`);
    expect(job.body).toMatchObject({ status: 'succeeded', result: { routesCreated: 1 } });
    expect(job.body.result.curators).toEqual([
      { userId: w.users.methodist2.id, fullName: expect.any(String), routes: 1 },
    ]);
    const routes = await routesOf([first.id, second.id]);
    expect(routes).toHaveLength(1);
    expect(routes[0]).toMatchObject({
      person_id: first.id,
      campaign_id: c!.id,
      curator_user_id: w.users.methodist2.id,
    });
  });

  it('a committed results import starts generation and answers its job id; a dry run does not', async () => {
    const { w, as } = await generated();
    const newcomer = await t.ctx.newPerson({ organizationId: w.schoolA.id, lastName: 'Новенькая' });
    const file = new TextEncoder().encode(
      [
        [
          'СНИЛС',
          'Фамилия',
          'Имя',
          'Отчество',
          'Дата рождения',
          'Организация',
          'Процедура',
          'Дата',
          'K1',
          'K2',
        ],
        [newcomer.snils!, '', '', '', '', '', 'Диагностика ЦНППМ', '20.10.2026', '20', '80'],
      ]
        .map((r) => r.join(';'))
        .join('\r\n'),
    );
    const url = `/api/assessment-results/import?frameworkId=${w.frameworkId}`;
    const dry = await as.methodist!.upload(`${url}&dryRun=true`, { name: 'r.csv', data: file });
    expect(dry.status).toBe(200);
    expect(dry.body.generationJobId).toBeNull();
    const res = await as.methodist!.upload(url, { name: 'r.csv', data: file });
    expect(res.status).toBe(200);
    expect(res.body.committed).toBe(true);
    expect(res.body.generationJobId).toEqual(expect.any(String));
    await waitForJobs(t.db);
    const job = await as.methodist!.get(`/api/jobs/${res.body.generationJobId}`);
    expect(job.body).toMatchObject({ status: 'succeeded', result: { routesCreated: 1 } });
    const [route] = await routesOf([newcomer.id]);
    expect(route).toMatchObject({ status: 'draft', baseline_on: '2026-10-20', campaign_id: null });
  });

  it('the jobs, generation and settings routes appear in the OpenAPI document', async () => {
    const res = await t.client().get('/api/openapi.json');
    expect(res.status).toBe(200);
    for (const path of [
      '/api/jobs/{id}',
      '/api/jobs',
      '/api/route-generation',
      '/api/settings/routes.generation',
    ])
      expect(Object.keys(res.body.paths)).toContain(path);
  });

  it('a school curator takes their own school, then the methodist, nobody beyond the cap', async () => {
    const { w, as } = await world();
    const defaults = await as.admin!.get('/api/settings/routes.generation');
    onTestFinished(async () => {
      expect((await as.admin!.put('/api/settings/routes.generation', defaults.body)).status).toBe(200);
    });
    expect(
      (await as.admin!.put('/api/settings/routes.generation', { ...defaults.body, routesPerCurator: 2 }))
        .status,
    ).toBe(200);
    // curatorA works at school A; curatorB (of the municipality) has left.
    await t.db.query(
      sql`UPDATE users SET organization_id = ${w.schoolA.id} WHERE id = ${w.users.curatorA.id}`,
    );
    await t.db.query(sql`UPDATE users SET active = false WHERE id = ${w.users.curatorB.id}`);
    const job = await run(as.methodist!, { frameworkId: w.frameworkId });
    // People by name: Дефицитова0–2 at school A, 3–4 at school B.
    const curatorOf = new Map(
      (await routesOf(w.m1People.map((p: { id: string }) => p.id))).map((r) => [
        r.person_id,
        r.curator_user_id,
      ]),
    );
    expect(w.m1People.map((p: { id: string }) => curatorOf.get(p.id))).toEqual([
      w.users.curatorA.id,
      w.users.curatorA.id,
      w.users.methodist.id,
      w.users.methodist.id,
      null,
    ]);
    expect(job.result.routesWithoutCurator).toBe(1);
    expect(job.result.curators.map((c: { routes: number }) => c.routes)).toEqual([2, 2]);
  });

  it('settings: defaults, admin-only validated change', async () => {
    const { as } = await world();
    const defaults = await as.methodist!.get('/api/settings/routes.generation');
    // The settings are the platform's, not this test's: put the defaults back for the other tests.
    onTestFinished(async () => {
      expect((await as.admin!.put('/api/settings/routes.generation', defaults.body)).status).toBe(200);
    });
    expect(defaults.body).toEqual({
      hoursPerHalfYear: 72,
      horizonMonths: 12,
      selfEducationHours: 12,
      mentoringHours: 18,
      eventHours: 4,
      includePartial: true,
      routesPerCurator: 25,
    });
    const next = { ...defaults.body, hoursPerHalfYear: 48, includePartial: false };
    expect((await as.methodist!.put('/api/settings/routes.generation', next)).status).toBe(403);
    expect(
      (await as.admin!.put('/api/settings/routes.generation', { ...next, horizonMonths: 0 })).status,
    ).toBe(422);
    const saved = await as.admin!.put('/api/settings/routes.generation', next);
    expect(saved.status).toBe(200);
    expect((await as.methodist!.get('/api/settings/routes.generation')).body).toEqual(next);
  });
});
