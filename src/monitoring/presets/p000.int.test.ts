import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../tests/helpers/test-app.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { buildFixture, FIXTURE, type Fixture } from '../fixture/fixture.ts';
import { P000 } from './p000.ts';

/**
 * Preset 000 loaded into the fixture municipality (src/monitoring/fixture/fixture.ts lists every
 * person and record) and computed as of 2026-09-30 over 2025-10-01 … 2026-09-30.
 */

let t: TestApp;
let fx: Fixture;
let methodist: Client;
let setId: string;

const q = `asOf=${FIXTURE.asOf}&periodStart=${FIXTURE.periodStart}&periodEnd=${FIXTURE.periodEnd}`;

interface Value {
  code: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: string;
  derived: boolean;
}

beforeAll(async () => {
  t = await startTestApp();
  fx = await buildFixture(t.ctx);
  methodist = await t.login(fx.users.methodist);
});
afterAll(async () => t?.close());

describe('loading preset 000', () => {
  it('loads into the municipality with the table 3 schedule; a second load is 409', async () => {
    const res = await methodist.post('/api/indicator-presets/p000/load', {});
    expect(res.status).toBe(201);
    setId = res.body.setId;
    const set = await methodist.get(`/api/indicator-sets/${setId}`);
    expect(set.body).toMatchObject({ presetCode: 'p000', sourceDocument: '000', ownerLevel: 'municipality' });
    expect(set.body.indicators.map((i: { code: string }) => i.code)).toEqual(
      P000.indicators.map((i) => i.code),
    );
    expect(set.body.schedule.map((s: { timing: string }) => s.timing)).toEqual([
      'По отдельному плану, по запросу',
      'Ежегодно, сентябрь',
      'Ежегодно, август, май',
      'Ежегодно, август',
      'В течение года',
    ]);
    expect(set.body.schedule[1]).toMatchObject({
      what: 'Мониторинг кадрового потенциала',
      responsible: 'ИМДЦ',
      useOfResults: 'Базы данных о педагогах',
    });
    expect((await methodist.post('/api/indicator-presets/p000/load', {})).status).toBe(409);
  });

  it('is invisible to another municipality’s methodist (404), who may load their own copy', async () => {
    const other = await t.login(fx.users.otherMethodist);
    expect((await other.get(`/api/indicator-sets/${setId}`)).status).toBe(404);
    const own = await other.post('/api/indicator-presets/p000/load', {});
    expect(own.status).toBe(201);
    expect(own.body.setId).not.toBe(setId);
  });

  it('loads into the region for the region operator', async () => {
    const region = await t.login(fx.users.regionAdmin);
    const res = await region.post('/api/indicator-presets/p000/load', { ownerLevel: 'region' });
    expect(res.status).toBe(201);
    expect((await region.get(`/api/indicator-sets/${res.body.setId}`)).body.schedule).toHaveLength(5);
    // a region operator has no municipality of their own to load into
    expect(
      (await region.post('/api/indicator-presets/p000/load', { ownerLevel: 'municipality' })).status,
    ).toBe(403);
  });
});

describe('preset 000 over the fixture municipality, as of 2026-09-30', () => {
  let values: Map<string, Value>;
  beforeAll(async () => {
    const res = await methodist.get(`/api/indicator-sets/${setId}/values?${q}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    values = new Map(res.body.indicators.map((v: Value) => [v.code, v]));
  });

  /** Hand-computed [value, numerator, denominator]; counts have no denominator. */
  const EXPECTED: Record<string, [number, number, number | null]> = {
    // pedagogical staff with a main job at asOf: P1 P2 P3 P4 (S1), P5 P6 (S2), P8 (D1) = 7
    // higher (pedagogical or not): P1 P4 P6 (hp), P2 (higher) → 4 of 7
    'Т1.1': [57.1429, 4, 7],
    // secondary vocational: P3 (pedagogical), P8 → 2 of 7
    'Т1.2': [28.5714, 2, 7],
    // secondary: P5 → 1 of 7
    'Т1.3': [14.2857, 1, 7],
    // highest category: P2, P6, P8 → 3 of 7
    'Т1.4': [42.8571, 3, 7],
    // first category: P1 → 1 of 7 (P9 had one but left on 2026-06-30)
    'Т1.5': [14.2857, 1, 7],
    // no category or СЗД: P3, P5 (none), P4 (szd) → 3 of 7
    'Т1.6': [42.8571, 3, 7],
    // diagnosed in the period: P1 P2 P6 P8 → 4 of 7
    'Т1.8': [57.1429, 4, 7],
    // routes completed in the period: R1 (P1, 2026-06-15), R3 (P8, 2026-05-20) → 2 of 7
    'Т1.9': [28.5714, 2, 7],
    // any training document in the period: P1 P3 P4 P5 P6 P8 (P2's is from 2025-06-01) → 6 of 7
    'Т1.10': [85.7143, 6, 7],
    // vacancies open at asOf: S1 math (since 2026-05-01), S2 zemsky (2026-09-01 … 2026-11-01) → 2
    'Т2.1': [2, 2, null],
    // outside profile, any employment: P3 (internal physics), P7 (external only) → 2
    'Т2.2': [2, 2, null],
    // teachers and managers (9): retraining diplomas by asOf P4 (2024), M2 (2026) → 2 of 9
    'Т2.3': [22.2222, 2, 9],
    // pension age at asOf: P2 (f, 66 ≥ 60), P6 (m, 66 ≥ 65) → 2 of 7
    'Т2.4': [28.5714, 2, 7],
    // load over 30 h over all jobs: P1 18 + 14 = 32, P2 36, P5 32; P8's 36 is a «Воспитатель» → 3 of 7
    'Т2.5': [42.8571, 3, 7],
    // young (under 35 and ≤ 3 years of experience): P1 (31, 2), P5 (27, 1); P8 has 10 years → 2 of 7
    'Т2.6': [28.5714, 2, 7],
    // mentors and mentees of pairs and groups active at asOf (fixture-mentoring.ts): mentees P1 (MS1), P3 (MS3),
    // mentors P2, P4; P5's and P6's MS4 finished 2026-05-31, P9 left → 4 of 7
    'Т2.8': [57.1429, 4, 7],
    // a current mentoring program with an active pair: S1 (S2's only pair finished; D1 none) of S1 S2 D1 → 1 of 3
    'Т2.9': [33.3333, 1, 3],
    // federal-registry programs in the period: P1 (FL), P3 (FGOS), P5 (FGOS), P8 (DIGF) → 4 of 7
    'Т3.1': [57.1429, 4, 7],
  };

  it('computes every derived indicator to the hand-computed figure', () => {
    const derived = P000.indicators.filter((i) => i.formula.kind !== 'manual').map((i) => i.code);
    expect(Object.keys(EXPECTED).sort()).toEqual([...derived].sort());
    const actual = Object.fromEntries(
      Object.keys(EXPECTED).map((code) => {
        const v = values.get(code);
        return [code, [v?.value, v?.numerator, v?.denominator]];
      }),
    );
    expect(actual).toEqual(EXPECTED);
    for (const code of derived) expect(values.get(code), code).toMatchObject({ status: 'ok', derived: true });
  });

  it('reports manual indicators as missing until a value is entered, then shows it', async () => {
    for (const code of ['Т1.7', 'Т1.11', 'Т2.7']) {
      expect(values.get(code)).toMatchObject({ value: null, status: 'manual_missing', derived: false });
    }
    const put = await methodist.put('/api/manual-measures', {
      measureCode: 'young_covered_by_municipal_events_share',
      periodStart: FIXTURE.periodStart,
      periodEnd: FIXTURE.periodEnd,
      value: 12.5,
      note: '',
    });
    expect(put.status).toBeLessThan(300);
    const res = await methodist.get(`/api/indicator-sets/${setId}/values?${q}`);
    const after = new Map(res.body.indicators.map((v: Value) => [v.code, v]));
    expect(after.get('Т2.7')).toMatchObject({ value: 12.5, status: 'ok' });
    expect(after.get('Т1.7')).toMatchObject({ value: null, status: 'manual_missing' });
  });
});
