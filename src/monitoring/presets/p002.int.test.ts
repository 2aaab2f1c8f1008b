import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { isDerived, validateFormula } from '../engine/formula.ts';
import { FIXTURE } from '../fixture/fixture.ts';
import { byCode, type FixtureB, presetOverFixtureB } from '../fixture/fixture-b.ts';
import { P002 } from './p002.ts';

/**
 * Preset 002 (Курманаевский район, «дорожная карта» МЦНПК, раздел 3): the data reproduces the
 * document's table, and over the correctness fixture (fixture-b: fixture.ts + an additional-education
 * organization A1 with Q1, Q2) every derived indicator equals the figure computed here by hand.
 */

describe('preset 002 data', () => {
  it('has the six indicators of the table with every planned value for 2020–2024 («-» = no target)', () => {
    expect(P002.sourceDocument).toBe('002');
    expect(P002.indicators.map((i) => i.code)).toEqual(['1', '2', '3', '4', '5', '6']);
    const byCode = Object.fromEntries(
      P002.indicators.map((i) => [i.code, i.targets.map((x) => [x.year, x.value])]),
    );
    expect(byCode).toEqual({
      '1': [
        [2023, 50],
        [2024, 50],
      ],
      '2': [
        [2023, 10],
        [2024, 10],
      ],
      '3': [
        [2020, 5],
        [2021, 10],
        [2022, 20],
        [2023, 30],
        [2024, 50],
      ],
      '4': [
        [2020, 5],
        [2021, 10],
        [2022, 20],
        [2023, 30],
        [2024, 50],
      ],
      '5': [
        [2020, 0],
        [2021, 2],
        [2022, 2],
        [2023, 3],
        [2024, 5],
      ],
      '6': [
        [2020, 25],
        [2021, 35],
        [2022, 45],
        [2023, 55],
        [2024, 70],
      ],
    });
    // targets per year, as the table's columns count them: 4, 4, 4, 6, 6
    const perYear = new Map<number, number>();
    for (const i of P002.indicators)
      for (const x of i.targets) perYear.set(x.year, (perYear.get(x.year) ?? 0) + 1);
    expect(Object.fromEntries(perYear)).toEqual({ 2020: 4, 2021: 4, 2022: 4, 2023: 6, 2024: 6 });
    expect(P002.indicators[5]!.name).toBe(
      'Доля учителей в возрасте до 35 лет, вовлеченных в различные формы поддержки и сопровождения в первые три года работы',
    );
    expect(
      P002.indicators.every((i) => i.unit === '%' && i.direction === 'up' && i.track === 'Учитель будущего'),
    ).toBe(true);
  });

  it('every formula validates against the measure registry; 4 derived, 2 fed by forms', () => {
    for (const i of P002.indicators) {
      expect({ code: i.code, issues: validateFormula(i.formula, i.population) }).toEqual({
        code: i.code,
        issues: [],
      });
    }
    expect(P002.indicators.filter((i) => isDerived(i.formula)).map((i) => i.code)).toEqual([
      '3',
      '4',
      '5',
      '6',
    ]);
  });
});

let t: TestApp;
let fx: FixtureB;
let methodist: Client;
let setId: string;
const period = `asOf=${FIXTURE.asOf}&periodStart=${FIXTURE.periodStart}&periodEnd=${FIXTURE.periodEnd}`;

beforeAll(async () => {
  ({ t, fx, methodist, setId } = await presetOverFixtureB(P002.code));
});
afterAll(async () => t?.close());

describe('preset 002 over the fixture municipality', () => {
  it('loads with every indicator, target and the monitoring schedule; manual ones marked', async () => {
    const res = await methodist.get(`/api/indicator-sets/${setId}`);
    expect(res.status).toBe(200);
    expect(res.body.sourceDocument).toBe('002');
    expect(res.body.presetCode).toBe(P002.code);
    const inds = res.body.indicators as {
      code: string;
      derived: boolean;
      targets: { year: number; value: number }[];
    }[];
    expect(inds.map((i) => i.code)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(inds.find((i) => i.code === '6')!.targets).toEqual([
      { year: 2020, value: 25 },
      { year: 2021, value: 35 },
      { year: 2022, value: 45 },
      { year: 2023, value: 55 },
      { year: 2024, value: 70 },
    ]);
    expect(inds.reduce((n, i) => n + i.targets.length, 0)).toBe(24);
    expect(inds.filter((i) => !i.derived).map((i) => i.code)).toEqual(['1', '2']);
    expect(res.body.schedule).toHaveLength(3);
  });

  it('is offered in the presets list with its counts, marked as loaded here', async () => {
    const res = await methodist.get('/api/indicator-presets');
    expect(res.status).toBe(200);
    const item = res.body.items.find((p: { code: string }) => p.code === P002.code);
    expect(item).toMatchObject({
      sourceDocument: '002',
      indicators: 6,
      derived: 4,
      manual: 2,
      loadedSetId: setId,
    });
  });

  it('loading it again into the same municipality is refused (409)', async () => {
    const res = await methodist.post(`/api/indicator-presets/${P002.code}/load`, {});
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/уже загружен/);
  });

  it('computes every derived indicator as counted by hand', async () => {
    const res = await methodist.get(`/api/indicator-sets/${setId}/values?${period}&slice=organization`);
    expect(res.status).toBe(200);
    const v = byCode(res.body.indicators);
    // 3: pedagogical staff (main employment at 2026-09-30) of preschool, school, additional, vocational orgs:
    //    S1: P1 P2 P3 P4, S2: P5 P6, D1: P8, A1: Q1 Q2 = 9 (P7 external only, P9 left 2026-06-30, PX elsewhere).
    //    Trained 2025-10-01…2026-09-30: P1 03-15, P3 01-15, P4 04-10, P5 12-01, P6 02-02 (no program), P8 05-05,
    //    Q1 02-20 = 7 (P2's is 2025-06-01, before the period; Q2 none). 7 / 9 · 100 = 77.7778
    expect(v['3']).toMatchObject({
      numerator: 7,
      denominator: 9,
      value: 77.7778,
      status: 'ok',
      derived: true,
    });
    // 4: managers of schools: M1 (S1), M2 (S2) = 2; M2's retraining diploma 2026-02-01 is in the period → 1 / 2 = 50
    expect(v['4']).toMatchObject({ numerator: 1, denominator: 2, value: 50, status: 'ok' });
    // 5: pedagogical staff of schools: P1..P6 = 6; with a route formed in the period on an assessment:
    //    P1 (campaign), P2 (campaign); P5's route has no assessment basis, P6's is cancelled,
    //    P8 (preschool) and M1 (manager) are outside the population → 2 / 6 · 100 = 33.3333
    expect(v['5']).toMatchObject({ numerator: 2, denominator: 6, value: 33.3333, status: 'ok' });
    // 6: young specialists of schools at asOf (under 35, experience ≤ 3 years): P1 (S1), P5 (S2); P1 has an active
    //    mentor (MS1 of fixture-mentoring.ts), P5 is in the school of the young teacher → 2 / 2 = 100
    expect(v['6']).toMatchObject({ numerator: 2, denominator: 2, value: 100, status: 'ok', derived: true });
    const org6 = Object.fromEntries(v['6']!.slices.organization!.map((s) => [s.key, s]));
    expect(org6[fx.orgs.S1]).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
    expect(org6[fx.orgs.S2]).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
    // by organization: 3 → S1 P1 P3 P4 of 4 = 75; S2 P5 P6 of 2 = 100; D1 1/1; A1 Q1 of Q1 Q2 = 50
    const org = Object.fromEntries(v['3']!.slices.organization!.map((s) => [s.key, s]));
    expect(org[fx.orgs.S1]).toMatchObject({ numerator: 3, denominator: 4, value: 75 });
    expect(org[fx.orgs.S2]).toMatchObject({ numerator: 2, denominator: 2, value: 100 });
    expect(org[fx.orgs.D1]).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
    expect(org[fx.orgA1]).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(org[fx.orgs.X1]).toBeUndefined();
    // targets run to 2024: none for 2026
    expect(v['3']!.target).toBeNull();
    expect(v['3']!.targetStatus).toBeNull();
  });

  it('manual indicators are «manual_missing» until a value is entered, then use it over the derived denominator', async () => {
    const before = byCode(
      (await methodist.get(`/api/indicator-sets/${setId}/values?${period}`)).body.indicators,
    );
    for (const code of ['1', '2']) {
      expect(before[code]).toMatchObject({ value: null, status: 'manual_missing', derived: false });
    }
    // 6 is computed now: a value entered under the old manual code changes nothing
    const put = await methodist.put('/api/manual-measures', {
      measureCode: 'young_teachers_supported',
      periodStart: FIXTURE.periodStart,
      periodEnd: FIXTURE.periodEnd,
      value: 1,
      note: 'по спискам ОО',
    });
    expect(put.status).toBeLessThan(300);
    const after = byCode(
      (await methodist.get(`/api/indicator-sets/${setId}/values?${period}`)).body.indicators,
    );
    expect(after['6']).toMatchObject({ numerator: 2, denominator: 2, value: 100, status: 'ok' });
    expect(after['1']!.status).toBe('manual_missing');
  });

  it('a form the schools fill feeds indicator 1: only accepted answers count', async () => {
    const form = await methodist.post('/api/forms', {
      name: 'Национальная система профессионального роста (контроль)',
      fields: [
        {
          code: 'nsprp',
          label: 'Учителя, вовлечённые в национальную систему профессионального роста, чел.',
          type: 'integer',
          required: true,
          min: 0,
          measureCode: 'nsprp_involved_teachers',
        },
      ],
    });
    expect(form.status).toBe(201);
    const assignment = await methodist.post(`/api/forms/${form.body.id}/assignments`, {
      title: 'НСПРПР за период (контроль)',
      periodStart: FIXTURE.periodStart,
      periodEnd: FIXTURE.periodEnd,
      dueOn: FIXTURE.periodEnd,
      organizationIds: [fx.orgs.S1, fx.orgs.S2],
    });
    expect(assignment.status).toBe(201);
    const fill = async (organizationId: string, value: number) => {
      const head = await t.ctx.newUser({
        role: 'org_head',
        regionId: fx.regionId,
        municipalityId: fx.municipalityId,
        organizationId,
      });
      const client = await t.login(head);
      const mine = (await client.get('/api/my/form-submissions')).body.items as {
        id: string;
        version: number;
      }[];
      expect(mine).toHaveLength(1);
      const sent = await client.post(`/api/form-submissions/${mine[0]!.id}/submit`, {
        values: { nsprp: value },
        version: mine[0]!.version,
      });
      expect(sent.status).toBe(200);
      return mine[0]!.id;
    };
    const s1 = await fill(fx.orgs.S1, 2);
    const s2 = await fill(fx.orgs.S2, 1);
    const v = async () =>
      byCode(
        (await methodist.get(`/api/indicator-sets/${setId}/values?${period}&slice=organization`)).body
          .indicators,
      );
    // submitted but not accepted: still nothing entered
    expect((await v())['1']).toMatchObject({ value: null, status: 'manual_missing' });
    expect((await methodist.post(`/api/form-submissions/${s1}/accept`)).status).toBe(200);
    // S1's 2 teachers over the 6 pedagogical staff of schools (P1..P6) → 2 / 6 · 100 = 33.3333; S1 alone: 2 / 4 = 50
    const one = await v();
    expect(one['1']).toMatchObject({ numerator: 2, denominator: 6, value: 33.3333, status: 'ok' });
    const org = Object.fromEntries(one['1']!.slices.organization!.map((x) => [x.key, x]));
    expect(org[fx.orgs.S1]).toMatchObject({ numerator: 2, denominator: 4, value: 50 });
    expect((await methodist.post(`/api/form-submissions/${s2}/accept`)).status).toBe(200);
    // + S2's 1 → 3 / 6 · 100 = 50
    expect((await v())['1']).toMatchObject({ numerator: 3, denominator: 6, value: 50, status: 'ok' });
  });

  it('loads into the region as well, and there counts the neighbouring municipality too', async () => {
    const admin = await t.login(fx.users.regionAdmin);
    const res = await admin.post(`/api/indicator-presets/${P002.code}/load`, { ownerLevel: 'region' });
    expect(res.status).toBe(201);
    expect(res.body.setId).not.toBe(setId);
    const v = byCode(
      (await admin.get(`/api/indicator-sets/${res.body.setId}/values?${period}`)).body.indicators,
    );
    // the region adds X1 (school, other municipality) with PX: pedagogical, main, trained 2026-03-16 (federal),
    // route created 2026-01-26 on the campaign.
    // 3: 9 + PX = 10; trained 7 + PX = 8 → 80
    expect(v['3']).toMatchObject({ numerator: 8, denominator: 10, value: 80 });
    // 5: schools' pedagogical P1..P6 + PX = 7; routes on an assessment P1, P2, PX = 3 → 42.8571
    expect(v['5']).toMatchObject({ numerator: 3, denominator: 7, value: 42.8571 });
    // 4: X1 has no manager → still M1, M2: 1 / 2 = 50
    expect(v['4']).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
  });

  it("another municipality's methodist does not see the loaded set (404)", async () => {
    const other = await t.login(fx.users.otherMethodist);
    expect((await other.get(`/api/indicator-sets/${setId}`)).status).toBe(404);
    expect((await other.get(`/api/indicator-sets/${setId}/values?${period}`)).status).toBe(404);
  });
});
