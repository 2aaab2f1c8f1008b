import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../tests/helpers/test-app.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';
import { buildFixture, FIXTURE, type Fixture } from '../fixture/fixture.ts';

let t: TestApp;
let fx: Fixture;
let methodist: Client;
let other: Client;
let setId: string;

const share = {
  kind: 'share',
  numerator: { measure: 'assessment.with_deficit' },
  denominator: { measure: 'assessment.assessed' },
};

beforeAll(async () => {
  t = await startTestApp();
  fx = await buildFixture(t.ctx);
  methodist = await t.login(fx.users.methodist);
  other = await t.login(fx.users.otherMethodist);
  const res = await methodist.post('/api/indicator-sets', { code: 'test', name: 'Проверочный набор' });
  expect(res.status).toBe(201);
  setId = res.body.id;
});
afterAll(async () => t?.close());

describe('indicator sets API', () => {
  it('adds an indicator with targets and computes it live with the target status', async () => {
    const add = await methodist.post(`/api/indicator-sets/${setId}/indicators`, {
      code: '1.1',
      name: 'Доля педагогов с дефицитами от прошедших оценку',
      formula: share,
      direction: 'down',
      targets: [
        { year: 2026, value: 46 },
        { year: 2025, value: 60 },
      ],
    });
    expect(add.status).toBe(201);
    expect(add.body).toMatchObject({
      derived: true,
      targets: [
        { year: 2025, value: 60 },
        { year: 2026, value: 46 },
      ],
    });
    expect(add.body.measures.map((m: { code: string }) => m.code)).toEqual([
      'assessment.with_deficit',
      'assessment.assessed',
    ]);
    const q = `asOf=${FIXTURE.asOf}&periodStart=${FIXTURE.periodStart}&periodEnd=${FIXTURE.periodEnd}&slice=organization`;
    const values = await methodist.get(`/api/indicator-sets/${setId}/values?${q}`);
    expect(values.status).toBe(200);
    const v = values.body.indicators[0];
    // 2 of 4 assessed (P1, P6 of P1, P2, P6, P8) → 50 %; target 46, direction down → within 10 % of it (≤ 50.6) → at risk
    expect(v).toMatchObject({
      value: 50,
      numerator: 2,
      denominator: 4,
      status: 'ok',
      target: 46,
      targetStatus: 'at_risk',
    });
    const s2 = v.slices.organization.find((s: { key: string }) => s.key === fx.orgs.S2);
    expect(s2).toMatchObject({ value: 100, numerator: 1, denominator: 1 });
  });

  it('refuses a formula that refers to nothing with 422 and Russian issues; validate says the same', async () => {
    const bad = {
      kind: 'share',
      numerator: { measure: 'staff.foo' },
      denominator: { measure: 'staff.total' },
    };
    const res = await methodist.post(`/api/indicator-sets/${setId}/indicators`, {
      code: '9.9',
      name: 'Плохой',
      formula: bad,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.issues).toContainEqual({
      path: 'formula.numerator.measure',
      message: 'Мера staff.foo не существует',
    });
    const v = await methodist.post('/api/indicators/validate', { formula: bad });
    expect(v.body.ok).toBe(false);
    const ok = await methodist.post('/api/indicators/validate', { formula: share });
    expect(ok.body).toEqual({ ok: true, issues: [] });
    const pop = await methodist.post('/api/indicators/validate', {
      formula: {
        ...share,
        numerator: { measure: 'assessment.with_deficit', population: { employment: 'all' } },
      },
    });
    expect(pop.body.issues[0].message).toBe('Совокупность числителя отличается от совокупности знаменателя');
  });

  it('edits an indicator and its targets, lists the set with counts', async () => {
    const set = await methodist.get(`/api/indicator-sets/${setId}`);
    const id = set.body.indicators[0].id;
    expect(set.body.permissions.edit).toBe(true);
    const patch = await methodist.patch(`/api/indicators/${id}`, { name: 'Новое имя' });
    expect(patch.body).toMatchObject({ name: 'Новое имя', formula: share });
    const targets = await methodist.put(`/api/indicators/${id}/targets`, {
      targets: [{ year: 2027, value: 40 }],
    });
    expect(targets.body.targets).toEqual([{ year: 2027, value: 40 }]);
    await methodist.post(`/api/indicator-sets/${setId}/indicators`, {
      code: '2.1',
      name: 'Мероприятия',
      formula: { kind: 'manual', measure: 'manual:events_held' },
    });
    const list = await methodist.get('/api/indicator-sets');
    expect(list.body.items.find((s: { id: string }) => s.id === setId)).toMatchObject({
      indicators: 2,
      manualIndicators: 1,
    });
  });

  it('manual values: entered for the municipality, they feed the manual indicator; missing before that', async () => {
    const q = `asOf=${FIXTURE.asOf}&periodStart=${FIXTURE.periodStart}&periodEnd=${FIXTURE.periodEnd}`;
    const before = await methodist.get(`/api/indicator-sets/${setId}/values?${q}`);
    expect(before.body.indicators.find((i: { code: string }) => i.code === '2.1')).toMatchObject({
      value: null,
      status: 'manual_missing',
    });
    const put = await methodist.put('/api/manual-measures', {
      measureCode: 'manual:events_held',
      periodStart: FIXTURE.periodStart,
      periodEnd: FIXTURE.periodEnd,
      value: 7,
      note: 'по отчёту',
    });
    expect(put.status).toBe(200);
    const after = await methodist.get(`/api/indicator-sets/${setId}/values?${q}`);
    expect(after.body.indicators.find((i: { code: string }) => i.code === '2.1')).toMatchObject({
      value: 7,
      status: 'ok',
    });
    const list = await methodist.get('/api/manual-measures?code=events_held');
    expect(list.body.items).toHaveLength(1);
    expect((await other.get('/api/manual-measures?code=events_held')).body.items).toHaveLength(0);
    const [audit] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'manual_measure_value'`,
    );
    expect(audit!.n).toBe(1);
  });

  it('a manual percent is averaged over the organizations that answered, unless the territory entered its own', async () => {
    const own = await methodist.post('/api/indicator-sets', { code: 'percents', name: 'Анкеты школ' });
    const pctSet = own.body.id;
    await methodist.post(`/api/indicator-sets/${pctSet}/indicators`, {
      code: '9.9',
      name: 'Доля по анкетам школ',
      formula: { kind: 'manual', measure: 'manual:survey_share' },
    });
    const period = { periodStart: FIXTURE.periodStart, periodEnd: FIXTURE.periodEnd };
    for (const [org, value] of [
      [fx.orgs.S1, 40],
      [fx.orgs.S2, 60],
    ] as const) {
      const put = await methodist.put('/api/manual-measures', {
        measureCode: 'manual:survey_share',
        organizationId: org,
        ...period,
        value,
      });
      expect(put.status).toBe(200);
    }
    const q = `asOf=${FIXTURE.asOf}&periodStart=${FIXTURE.periodStart}&periodEnd=${FIXTURE.periodEnd}&slice=organization`;
    const figure = async () =>
      (await methodist.get(`/api/indicator-sets/${pctSet}/values?${q}`)).body.indicators.find(
        (i: { code: string }) => i.code === '9.9',
      );
    // (40 + 60) / 2, not 100: percents of schools do not add up.
    const averaged = await figure();
    expect(averaged).toMatchObject({ value: 50, status: 'ok' });
    const byOrg = Object.fromEntries(
      averaged.slices.organization.map((s: { key: string; value: number | null }) => [s.key, s.value]),
    );
    expect(byOrg[fx.orgs.S1]).toBe(40);
    expect(byOrg[fx.orgs.S2]).toBe(60);
    expect(byOrg[fx.orgs.D1]).toBeNull();
    await methodist.put('/api/manual-measures', { measureCode: 'manual:survey_share', ...period, value: 47 });
    expect(await figure()).toMatchObject({ value: 47, status: 'ok' });
  });

  it('scope: another municipality cannot read or edit this set (404); its own copy computes none of this one', async () => {
    expect((await other.get(`/api/indicator-sets/${setId}`)).status).toBe(404);
    expect((await other.get(`/api/indicator-sets/${setId}/values?asOf=${FIXTURE.asOf}`)).status).toBe(404);
    expect((await other.patch(`/api/indicator-sets/${setId}`, { name: 'x' })).status).toBe(404);
    const ownSet = await other.post('/api/indicator-sets', { code: 'own', name: 'Свой' });
    await other.post(`/api/indicator-sets/${ownSet.body.id}/indicators`, {
      code: '1',
      name: 'Педагоги',
      formula: { kind: 'count', of: { measure: 'staff.total' } },
    });
    const v = await other.get(
      `/api/indicator-sets/${ownSet.body.id}/values?asOf=${FIXTURE.asOf}&slice=organization`,
    );
    expect(v.body.indicators[0].value).toBe(1); // PX only
    expect(v.body.indicators[0].slices.organization.map((s: { key: string }) => s.key)).not.toContain(
      fx.orgs.S1,
    );
  });

  it('roles: a teacher gets 403; a school head reads but cannot edit (403)', async () => {
    const teacherUser = await t.ctx.newUser({ role: 'teacher', personId: fx.people.P1 });
    const teacher = await t.login(teacherUser);
    expect((await teacher.get('/api/indicator-sets')).status).toBe(403);
    expect((await teacher.get(`/api/indicator-sets/${setId}`)).status).toBe(403);
    const headUser = await t.ctx.newUser({ role: 'org_head', organizationId: fx.orgs.S1 });
    const head = await t.login(headUser);
    const read = await head.get(`/api/indicator-sets/${setId}`);
    expect(read.status).toBe(200);
    expect(read.body.permissions.edit).toBe(false);
    expect((await head.patch(`/api/indicator-sets/${setId}`, { name: 'x' })).status).toBe(403);
  });

  it('copies a set with indicators and targets; a monitored set cannot be deleted (409)', async () => {
    const copy = await methodist.post(`/api/indicator-sets/${setId}/copy`, {
      code: 'test-copy',
      name: 'Копия',
    });
    expect(copy.status).toBe(201);
    const card = await methodist.get(`/api/indicator-sets/${copy.body.id}`);
    expect(card.body.indicators).toHaveLength(2);
    expect(card.body.indicators[0].targets).toEqual([{ year: 2027, value: 40 }]);
    expect(
      (await methodist.post(`/api/indicator-sets/${setId}/copy`, { code: 'test-copy', name: 'x' })).status,
    ).toBe(409);
    await t.db.query(sql`INSERT INTO monitorings (set_id, name, owner_level, municipality_id, period_start, period_end, as_of, target_year)
      VALUES (${setId}, 'М', 'municipality', ${fx.municipalityId}, '2026-01-01', '2026-12-31', '2026-09-30', 2026)`);
    expect((await methodist.delete(`/api/indicator-sets/${setId}`)).status).toBe(409);
    expect((await methodist.delete(`/api/indicator-sets/${copy.body.id}`)).status).toBe(204);
  });

  it('a region set computes over the region for the region, and over their own municipality for a methodist', async () => {
    const region = await t.login(fx.users.regionAdmin);
    const set = await region.post('/api/indicator-sets', { code: 'region', name: 'Региональный набор' });
    expect(set.status).toBe(201);
    const add = await region.post(`/api/indicator-sets/${set.body.id}/indicators`, {
      code: '1',
      name: 'Педагоги',
      formula: { kind: 'count', of: { measure: 'staff.total' } },
    });
    expect(add.status).toBe(201);
    const q = `asOf=${FIXTURE.asOf}&slice=territory,organization`;
    const all = (await region.get(`/api/indicator-sets/${set.body.id}/values?${q}`)).body.indicators[0];
    expect(all.value).toBe(8); // 7 in M + PX in M2
    expect(
      Object.fromEntries(all.slices.territory.map((s: { key: string; value: number }) => [s.key, s.value])),
    ).toEqual({
      [fx.municipalityId]: 7,
      [fx.otherMunicipalityId]: 1,
    });
    const mine = await methodist.get(`/api/indicator-sets/${set.body.id}/values?${q}`);
    expect(mine.body.indicators[0].value).toBe(7);
    expect((await methodist.patch(`/api/indicator-sets/${set.body.id}`, { name: 'x' })).status).toBe(403);
  });

  it('lists the measures with their parameters', async () => {
    const res = await methodist.get('/api/measures');
    const age = res.body.items.find((m: { code: string }) => m.code === 'staff.age');
    expect(age.params.map((p: { name: string }) => p.name)).toEqual(['min', 'max']);
    // 35 + 7 of mentoring, 5 of communities and 1 of the bank of practices
    expect(res.body.items.length).toBe(48);
    const mentees = res.body.items.find((m: { code: string }) => m.code === 'mentoring.mentees');
    expect(mentees).toMatchObject({ module: 'mentoring', memberKind: 'person', population: true });
  });

  it('is in the OpenAPI document', async () => {
    const doc = await t.client().get('/api/openapi.json');
    const paths = Object.keys(doc.body.paths);
    for (const p of [
      '/api/measures',
      '/api/indicator-sets',
      '/api/indicator-sets/{id}',
      '/api/indicator-sets/{id}/copy',
      '/api/indicator-sets/{id}/indicators',
      '/api/indicator-sets/{id}/values',
      '/api/indicators/{id}',
      '/api/indicators/{id}/targets',
      '/api/indicators/validate',
      '/api/manual-measures',
    ]) {
      expect(paths).toContain(p);
    }
  });
});
