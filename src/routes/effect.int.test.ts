import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { sql } from '../platform/db/database.ts';
import { insertFramework, insertProgramCohort, insertResult, insertRoute } from './routes.test-data.ts';

/**
 * Hand-computed effect and 003 measures. Thresholds 50 / 75; baseline 2026-03-01.
 *  A (school 1): K1 30 (2025-10-01), 40 (2026-02-20) → 60 (2026-10-01), 80 (2026-11-10): closed;
 *                K2 60 before, nothing after. Route in progress, program item (QA + talents cohort).
 *  B (school 1): K1 45 → 70: still a deficit. Route completed, the same program item done and confirmed.
 *  C (school 2): K2 80 → 90: no deficit before. Program item given by the program id (low_results).
 *  D (school 1): assessed, no route.   E (school 1): assessed, cancelled route with a QA program.
 *  X (another municipality): assessed, route — outside the methodist's scope.
 * The routes are dated 2026-03-05 (completed 2026-06-20), so a year's figures do not depend on today.
 */
let t: TestApp;
const as: Record<string, Client> = {};
const w: Record<string, any> = {};

beforeAll(async () => {
  t = await startTestApp();
  const { ctx, db } = t;
  const muni = await ctx.newMunicipality();
  const other = await ctx.newMunicipality({ regionId: muni.regionId });
  const school1 = await ctx.newOrg({ municipalityId: muni.id });
  const school2 = await ctx.newOrg({ municipalityId: muni.id });
  const schoolX = await ctx.newOrg({ municipalityId: other.id });
  const [A, B, D, E] = await Promise.all(
    [1, 2, 3, 4].map(() => ctx.newPerson({ organizationId: school1.id })),
  );
  const C = await ctx.newPerson({ organizationId: school2.id });
  const X = await ctx.newPerson({ organizationId: schoolX.id });
  const fw = await insertFramework(db, ['K1', 'K2', 'K3']);
  const { K1, K2, K3 } = fw.competencies as Record<string, string>;
  const qa = await insertProgramCohort(db, ['quality_assessment', 'talents']);
  const low = await insertProgramCohort(db, ['low_results']);
  const curator = await ctx.newUser({ role: 'curator' });
  const results: [string, string, number, string][] = [
    [A!.id, K1!, 30, '2025-10-01'],
    [A!.id, K1!, 40, '2026-02-20'],
    [A!.id, K1!, 60, '2026-10-01'],
    [A!.id, K1!, 80, '2026-11-10'],
    [A!.id, K2!, 60, '2026-02-20'],
    [A!.id, K3!, 20, '2026-10-01'],
    [B!.id, K1!, 45, '2026-02-01'],
    [B!.id, K1!, 70, '2026-11-01'],
    [C.id, K2!, 80, '2026-02-20'],
    [C.id, K2!, 90, '2026-10-20'],
    [D!.id, K1!, 50, '2026-02-20'],
    [E!.id, K1!, 30, '2026-02-20'],
    [X.id, K1!, 30, '2026-02-20'],
  ];
  for (const [personId, competencyId, percent, assessedOn] of results) {
    await insertResult(db, { personId, competencyId, percent, assessedOn });
  }
  const base = { frameworkId: fw.frameworkId, baselineOn: '2026-03-01' };
  const qaItem = {
    activityKind: 'program' as const,
    activityId: qa.cohortId,
    form: 'formal' as const,
    hours: 36,
  };
  w.rA = await insertRoute(db, {
    ...base,
    personId: A!.id,
    status: 'in_progress',
    curatorUserId: curator.id,
    items: [{ ...qaItem, competencyId: K1 }, { competencyId: K2 }],
  });
  w.rB = await insertRoute(db, {
    ...base,
    personId: B!.id,
    status: 'completed',
    items: [{ ...qaItem, competencyId: K1, status: 'done', confirmed: true }],
  });
  w.rC = await insertRoute(db, {
    ...base,
    personId: C.id,
    status: 'in_progress',
    items: [{ activityKind: 'program', activityId: low.programId, competencyId: K2 }],
  });
  w.rE = await insertRoute(db, {
    ...base,
    personId: E!.id,
    status: 'cancelled',
    items: [{ ...qaItem, competencyId: K1 }],
  });
  w.rX = await insertRoute(db, { ...base, personId: X.id, items: [{ ...qaItem, competencyId: K1 }] });
  await db.query(sql`UPDATE learning_routes SET created_at = '2026-03-05T10:00:00Z',
    completed_at = CASE WHEN status = 'completed' THEN '2026-06-20T10:00:00Z'::timestamptz END`);
  await db.query(
    sql`UPDATE learning_route_items SET confirmed_at = '2026-06-15T10:00:00Z' WHERE confirmed_at IS NOT NULL`,
  );
  Object.assign(w, { fw, school1, school2, schoolX, A, B, curatorId: curator.id });
  const users = {
    methodist: await ctx.newUser({ role: 'municipal_methodist', municipalityId: muni.id }),
    head2: await ctx.newUser({ role: 'org_head', organizationId: school2.id, municipalityId: muni.id }),
    teacherA: await ctx.newUser({ role: 'teacher', personId: A!.id }),
    teacherB: await ctx.newUser({ role: 'teacher', personId: B!.id }),
  };
  for (const [k, u] of Object.entries(users)) as[k] = await t.login(u);
});
afterAll(async () => t.close());

describe('route effect', () => {
  it('before at the baseline, after the latest result later than it, closed when formed after', async () => {
    const res = await as.teacherA!.get(`/api/routes/${w.rA.id}/effect`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      baselineOn: '2026-03-01',
      competencies: [
        {
          id: w.fw.competencies.K1,
          code: 'K1',
          name: 'Компетенция K1',
          before: 40,
          beforeLevel: 'deficit',
          after: 80,
          afterLevel: 'none',
          afterOn: '2026-11-10',
          closed: true,
        },
        {
          id: w.fw.competencies.K2,
          code: 'K2',
          name: 'Компетенция K2',
          before: 60,
          beforeLevel: 'partial',
          after: null,
          afterLevel: null,
          afterOn: null,
          closed: false,
        },
      ],
    });
    const b = await as.methodist!.get(`/api/routes/${w.rB.id}/effect`);
    expect(b.body.competencies[0]).toMatchObject({
      before: 45,
      after: 70,
      afterLevel: 'partial',
      closed: false,
    });
    expect((await as.teacherB!.get(`/api/routes/${w.rA.id}/effect`)).status).toBe(404);
    expect((await as.methodist!.get(`/api/routes/${w.rX.id}/effect`)).status).toBe(404);
  });

  it('summary per competency in people, over visible routes that are not cancelled', async () => {
    const res = await as.methodist!.get(`/api/routes/effect-summary?frameworkId=${w.fw.frameworkId}`);
    expect(res.status).toBe(200);
    const row = (code: string) => res.body.competencies.find((c: any) => c.code === code);
    expect(row('K1')).toMatchObject({ withDeficitBefore: 2, reassessed: 2, closed: 1, stillDeficit: 1 });
    expect(row('K2')).toMatchObject({ withDeficitBefore: 1, reassessed: 0, closed: 0, stillDeficit: 0 });
    expect(row('K3')).toMatchObject({ withDeficitBefore: 0, reassessed: 0, closed: 0, stillDeficit: 0 });
    expect(res.body.routes).toEqual({ total: 3, completed: 1 });
    const school2 = await as.methodist!.get(
      `/api/routes/effect-summary?frameworkId=${w.fw.frameworkId}&organizationId=${w.school2.id}`,
    );
    expect(school2.body.routes).toEqual({ total: 1, completed: 0 });
    expect(school2.body.competencies.every((c: any) => c.withDeficitBefore === 0)).toBe(true);
    const own = await as.teacherB!.get(`/api/routes/effect-summary?frameworkId=${w.fw.frameworkId}`);
    expect(own.body.routes).toEqual({ total: 1, completed: 1 });
  });
});

describe('003 route indicators read from the indicator engine', () => {
  const ind = (body: any, code: string) => body.indicators.find((x: any) => x.code === code);
  const figure = (body: any, code: string) => {
    const i = ind(body, code);
    return { value: i.value, numerator: i.numerator, denominator: i.denominator, status: i.status };
  };

  it('live: the 003 indicators computed over the methodist municipality for a year', async () => {
    const res = await as.methodist!.get('/api/routes/measures?year=2026');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      year: 2026,
      organization: null,
      source: { kind: 'live', monitoringId: null, name: null, periodStart: '2026-01-01' },
    });
    expect(res.body.indicators.map((x: any) => x.code)).toEqual([
      '2.1',
      '3.1',
      '6.1',
      '6.2',
      '6.3',
      '6.4',
      '6.5',
      '6.6',
    ]);
    // 2.1: A, B, C of the five assessed in 2026 (E's route is cancelled, D has none, X is elsewhere)
    expect(figure(res.body, '2.1')).toEqual({ value: 60, numerator: 3, denominator: 5, status: 'ok' });
    expect(figure(res.body, '3.1')).toMatchObject({ numerator: 1, denominator: 3, status: 'ok' });
    expect(ind(res.body, '3.1').value).toBeCloseTo(33.33, 1);
    // 6.1 and 6.3: A and B have the QA + talents program, B completed it; 6.2: C, not completed
    expect(figure(res.body, '6.1')).toEqual({ value: 50, numerator: 1, denominator: 2, status: 'ok' });
    expect(figure(res.body, '6.3')).toEqual({ value: 50, numerator: 1, denominator: 2, status: 'ok' });
    expect(figure(res.body, '6.2')).toEqual({ value: 0, numerator: 0, denominator: 1, status: 'ok' });
    expect(figure(res.body, '6.5')).toMatchObject({ value: null, status: 'empty_denominator' });
    expect(ind(res.body, '6.1').target).toBeNull(); // 003 has targets for 2022–2025 only
    // the year the routes did not exist yet
    const early = await as.methodist!.get('/api/routes/measures?year=2025');
    expect(early.body.source).toMatchObject({ periodStart: '2025-01-01', asOf: '2025-12-31' });
    expect(figure(early.body, '2.1')).toMatchObject({ numerator: 0, denominator: 1 });
    expect(ind(early.body, '6.1').target).toBe(100);
  });

  it("an organization's line: the methodist's choice, the school head's own only", async () => {
    const school1 = await as.methodist!.get(`/api/routes/measures?year=2026&organizationId=${w.school1.id}`);
    expect(school1.status).toBe(200);
    expect(school1.body.organization).toMatchObject({ id: w.school1.id });
    expect(figure(school1.body, '2.1')).toEqual({ value: 50, numerator: 2, denominator: 4, status: 'ok' });
    expect(figure(school1.body, '3.1')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(figure(school1.body, '6.2')).toMatchObject({ value: null });

    const head = await as.head2!.get('/api/routes/measures?year=2026');
    expect(head.status).toBe(200);
    expect(head.body.organization).toMatchObject({ id: w.school2.id });
    expect(figure(head.body, '2.1')).toEqual({ value: 100, numerator: 1, denominator: 1, status: 'ok' });
    expect(figure(head.body, '6.2')).toMatchObject({ numerator: 0, denominator: 1 });
    // another school of the municipality, another municipality's school: hidden
    expect((await as.head2!.get(`/api/routes/measures?organizationId=${w.school1.id}`)).status).toBe(404);
    expect((await as.methodist!.get(`/api/routes/measures?organizationId=${w.schoolX.id}`)).status).toBe(404);
    // a teacher has no business with the monitoring's figures
    expect((await as.teacherA!.get('/api/routes/measures')).status).toBe(403);
  });

  it('with a loaded 003 set: the figures of its closed monitoring, the same as the monitoring shows', async () => {
    const loaded = await as.methodist!.post('/api/indicator-presets/p003/load', {});
    expect(loaded.status).toBe(201);
    const setId = loaded.body.setId;
    // open: a live compute (no closed monitoring of the year yet)
    const live = await as.methodist!.get('/api/routes/measures?year=2026');
    expect(live.body).toMatchObject({ set: { id: setId }, source: { kind: 'live' } });
    expect(figure(live.body, '2.1')).toEqual({ value: 60, numerator: 3, denominator: 5, status: 'ok' });

    const created = await as.methodist!.post('/api/monitorings', {
      setId,
      name: 'Мониторинг 003 за первое полугодие 2026',
      periodStart: '2026-01-01',
      periodEnd: '2026-04-30',
      asOf: '2026-04-30',
      // a target year of its own, so the other tests' live years stay live whatever the order
      targetYear: 2024,
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await as.methodist!.post(`/api/monitorings/${id}/close`)).status).toBe(200);
    // B completed the route after the monitoring's date: 6.1 counts nobody who realised it
    await t.db.query(sql`UPDATE learning_routes SET curator_user_id = NULL`);

    const res = await as.methodist!.get('/api/routes/measures?year=2024');
    expect(res.body.source).toEqual({
      kind: 'monitoring',
      monitoringId: id,
      name: 'Мониторинг 003 за первое полугодие 2026',
      asOf: '2026-04-30',
      periodStart: '2026-01-01',
      periodEnd: '2026-04-30',
    });
    const monitoring = await as.methodist!.get(`/api/monitorings/${id}`);
    expect(monitoring.status).toBe(200);
    for (const code of ['2.1', '3.1', '6.1', '6.2', '6.3']) {
      const m = monitoring.body.values.indicators.find((x: any) => x.code === code);
      expect(figure(res.body, code)).toEqual({
        value: m.value,
        numerator: m.numerator,
        denominator: m.denominator,
        status: m.status,
      });
    }
    // frozen: the curator removed afterwards does not change 3.1
    expect(figure(res.body, '3.1')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(figure(res.body, '6.1')).toMatchObject({ numerator: 0, denominator: 2 });
    // the school head reads their school's line of the same closed monitoring
    const head = await as.head2!.get('/api/routes/measures?year=2024');
    expect(head.body.source.monitoringId).toBe(id);
    expect(figure(head.body, '2.1')).toEqual({ value: 100, numerator: 1, denominator: 1, status: 'ok' });
    expect(ind(head.body, '6.1').target).toBe(100);
    await t.db.query(sql`UPDATE learning_routes SET curator_user_id = ${w.curatorId} WHERE id = ${w.rA.id}`);
  });
});
