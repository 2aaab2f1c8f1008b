import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { sql } from '../platform/db/database.ts';
import { routeMeasures } from './measures.ts';
import { insertFramework, insertProgramCohort, insertResult, insertRoute } from './routes.test-data.ts';

/**
 * Hand-computed effect and 003 measures. Thresholds 50 / 75; baseline 2026-03-01.
 *  A (school 1): K1 30 (2025-10-01), 40 (2026-02-20) → 60 (2026-10-01), 80 (2026-11-10): closed;
 *                K2 60 before, nothing after. Route in progress, program item (QA + talents cohort).
 *  B (school 1): K1 45 → 70: still a deficit. Route completed, the same program item done and confirmed.
 *  C (school 2): K2 80 → 90: no deficit before. Program item given by the program id (low_results).
 *  D (school 1): assessed, no route.   E (school 1): assessed, cancelled route with a QA program.
 *  X (another municipality): assessed, route — outside the methodist's scope.
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
  Object.assign(w, { fw, school1, school2, A, B });
  const users = {
    methodist: await ctx.newUser({ role: 'municipal_methodist', municipalityId: muni.id }),
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

describe('003 measures', () => {
  const topic = (body: any, d: string) => body.byTopic.find((x: any) => x.direction === d);

  it('counts 2.1, 3.1 and 6.1–6.6 in the methodist scope', async () => {
    const res = await as.methodist!.get('/api/routes/measures');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      assessed: 5,
      peopleWithRoutes: 3,
      routesTotal: 3,
      routesWithCurator: 1,
    });
    expect(res.body.byTopic.map((x: any) => x.direction)).toEqual([
      'quality_assessment',
      'low_results',
      'talents',
      'career_guidance',
      'upbringing',
      'preschool_quality',
    ]);
    expect(topic(res.body, 'quality_assessment')).toEqual({
      direction: 'quality_assessment',
      label: 'оценка качества',
      peopleWithTopic: 2,
      peopleCompletedTopic: 1,
    });
    expect(topic(res.body, 'talents')).toMatchObject({ peopleWithTopic: 2, peopleCompletedTopic: 1 });
    expect(topic(res.body, 'low_results')).toMatchObject({ peopleWithTopic: 1, peopleCompletedTopic: 0 });
    expect(topic(res.body, 'upbringing')).toMatchObject({ peopleWithTopic: 0, peopleCompletedTopic: 0 });
  });

  it('narrows to an organization and to a date', async () => {
    const school1 = await as.methodist!.get(`/api/routes/measures?organizationId=${w.school1.id}`);
    expect(school1.body).toMatchObject({
      assessed: 4,
      peopleWithRoutes: 2,
      routesTotal: 2,
      routesWithCurator: 1,
    });
    expect(topic(school1.body, 'low_results')).toMatchObject({ peopleWithTopic: 0 });
    // before the routes were made only A's 2025 result existed
    const early = await as.methodist!.get('/api/routes/measures?asOf=2026-01-01');
    expect(early.body).toMatchObject({ assessed: 1, peopleWithRoutes: 0, routesTotal: 0 });
  });

  it('takes a scope predicate over people for the indicator engine', async () => {
    const all = await routeMeasures(t.db, { scope: sql`true` });
    expect(all).toMatchObject({ assessed: 6, peopleWithRoutes: 4, routesTotal: 4 });
    expect(all.byTopic.find((x) => x.direction === 'quality_assessment')).toMatchObject({
      peopleWithTopic: 3,
      peopleCompletedTopic: 1,
    });
    const one = await routeMeasures(t.db, { scope: sql`p.id = ${w.B.id}` });
    expect(one).toMatchObject({ assessed: 1, peopleWithRoutes: 1, routesTotal: 1, routesWithCurator: 0 });
  });
});
