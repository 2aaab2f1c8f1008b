import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../tests/helpers/test-app.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';
import { buildFixture, FIXTURE, type Fixture } from '../fixture/fixture.ts';
import { P003 } from './p003.ts';

/**
 * Preset 003 loaded into the fixture municipality (src/monitoring/fixture/fixture.ts, whose header
 * lists every person, route, training, vacancy and staffing row) and computed as of 2026-09-30 over
 * 2025-10-01 … 2026-09-30. Every derived indicator is checked against the figure worked out by hand.
 */

let t: TestApp;
let fx: Fixture;
let methodist: Client;
let setId: string;

const q = `asOf=${FIXTURE.asOf}&periodStart=${FIXTURE.periodStart}&periodEnd=${FIXTURE.periodEnd}`;

interface Slice {
  key: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

interface Value {
  code: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: string;
  message: string;
  derived: boolean;
  target: number | null;
  slices: Partial<Record<'organization' | 'org_kind', Slice[]>>;
}

beforeAll(async () => {
  t = await startTestApp();
  fx = await buildFixture(t.ctx);
  methodist = await t.login(fx.users.methodist);
});
afterAll(async () => t?.close());

describe('loading preset 003', () => {
  it('lists the presets with how many indicators are derived and how many manual', async () => {
    const res = await methodist.get('/api/indicator-presets');
    expect(res.status).toBe(200);
    const p = res.body.items.find((i: { code: string }) => i.code === 'p003');
    expect(p).toMatchObject({
      sourceDocument: '003',
      indicators: 27,
      derived: 20,
      manual: 7,
      loadedSetId: null,
    });
  });

  it('loads into the methodist’s municipality with every indicator, target and source of table 5', async () => {
    const res = await methodist.post('/api/indicator-presets/p003/load', {});
    expect(res.status).toBe(201);
    setId = res.body.setId;
    const set = await methodist.get(`/api/indicator-sets/${setId}`);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ presetCode: 'p003', sourceDocument: '003', ownerLevel: 'municipality' });
    expect(set.body.indicators.map((i: { code: string }) => i.code)).toEqual(
      P003.indicators.map((i) => i.code),
    );
    const i11 = set.body.indicators.find((i: { code: string }) => i.code === '1.1');
    expect(i11).toMatchObject({
      derived: true,
      baselineValue: 6,
      baselineYear: 2022,
      representativeness: 'Генеральная совокупность всех оцениваемых объектов',
    });
    expect(i11.targets).toEqual([
      { year: 2022, value: 6 },
      { year: 2023, value: 7.5 },
      { year: 2024, value: 9 },
      { year: 2025, value: 10.5 },
    ]);
    const i12 = set.body.indicators.find((i: { code: string }) => i.code === '1.2');
    expect(i12.targets.map((x: { year: number }) => x.year)).toEqual([2023, 2024, 2025]);
    expect(set.body.indicators.filter((i: { derived: boolean }) => !i.derived)).toHaveLength(7);
    // the list now points at the loaded set
    const list = await methodist.get('/api/indicator-presets');
    expect(list.body.items.find((i: { code: string }) => i.code === 'p003').loadedSetId).toBe(setId);
  });

  it('refuses a second load into the same municipality (409: copy the set instead)', async () => {
    const res = await methodist.post('/api/indicator-presets/p003/load', {});
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/уже загружен.*скопируйте/);
    const [n] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM indicator_sets WHERE municipality_id = ${fx.municipalityId} AND preset_code = 'p003'`,
    );
    expect(n!.n).toBe(1);
  });

  it('keeps the set from another municipality’s methodist (404); teachers get 403', async () => {
    const other = await t.login(fx.users.otherMethodist);
    expect((await other.get(`/api/indicator-sets/${setId}`)).status).toBe(404);
    expect((await other.get(`/api/indicator-sets/${setId}/values?${q}`)).status).toBe(404);
    const teacherUser = await t.ctx.newUser({
      role: 'teacher',
      regionId: fx.regionId,
      municipalityId: fx.municipalityId,
      organizationId: fx.orgs.S1,
      personId: fx.people.P1,
    });
    const teacher = await t.login(teacherUser);
    expect((await teacher.get('/api/indicator-presets')).status).toBe(403);
    expect((await teacher.post('/api/indicator-presets/p003/load', {})).status).toBe(403);
  });

  it('a municipality head reads the presets but may not load one (403); an unknown preset is 404', async () => {
    const head = await t.login(
      await t.ctx.newUser({
        role: 'municipal_head',
        regionId: fx.regionId,
        municipalityId: fx.municipalityId,
      }),
    );
    expect((await head.get('/api/indicator-presets')).status).toBe(200);
    expect((await head.post('/api/indicator-presets/p003/load', {})).status).toBe(403);
    expect((await methodist.post('/api/indicator-presets/p999/load', {})).status).toBe(404);
    // a methodist cannot load into the region
    expect((await methodist.post('/api/indicator-presets/p003/load', { ownerLevel: 'region' })).status).toBe(
      403,
    );
  });

  it('loads into the region for the region operator, separately from the municipality’s set', async () => {
    const region = await t.login(fx.users.regionAdmin);
    const res = await region.post('/api/indicator-presets/p003/load', { ownerLevel: 'region' });
    expect(res.status).toBe(201);
    expect(res.body.setId).not.toBe(setId);
    const set = await region.get(`/api/indicator-sets/${res.body.setId}`);
    expect(set.body).toMatchObject({ ownerLevel: 'region', presetCode: 'p003' });
    expect(set.body.indicators).toHaveLength(27);
    expect((await region.post('/api/indicator-presets/p003/load', { ownerLevel: 'region' })).status).toBe(
      409,
    );
  });
});

describe('preset 003 over the fixture municipality, as of 2026-09-30', () => {
  let values: Map<string, Value>;
  beforeAll(async () => {
    const res = await methodist.get(`/api/indicator-sets/${setId}/values?${q}&slice=organization,org_kind`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    values = new Map(res.body.indicators.map((v: Value) => [v.code, v]));
  });

  /** Hand-computed: [value, numerator, denominator]; the arithmetic is in each line's comment. */
  const EXPECTED: Record<string, [number, number, number]> = {
    // pedagogical staff at asOf: P1 P2 P3 P4 (S1), P5 P6 (S2), P8 (D1) = 7; assessed in the period: P1 P2 P6 P8
    // (P3 only before the period, P9 left on 2026-06-30, PX is in the other municipality) → 4 of 7
    '1.1': [57.1429, 4, 7],
    // managers M1 (S1), M2 (S2); M1 assessed → 1 of 2
    '1.2': [50, 1, 2],
    // of the 4 assessed, routes based on an assessment: P1, P2 (campaign), P8 (baseline_on); P6's is cancelled → 3 of 4
    '2.1': [75, 3, 4],
    // M1 assessed and has an assessment-based route → 1 of 1
    '2.2': [100, 1, 1],
    // routes not cancelled: R1 P1, R2 P2, R3 P8, R4 P5, R5 M1 = 5; with a curator R1 R3 R5 → 3 of 5
    '3.1': [60, 3, 5],
    // under 35 at asOf: P1 (31), P5 (27), P8 (33) → 3 of 7
    '4.1': [42.8571, 3, 7],
    // school teachers P1..P6 = 6; higher pedagogical P1 P4 P6 → 3 of 6
    '4.5': [50, 3, 6],
    // quality_assessment (program A): routes of P1 (done + confirmed, completed) and P2 (planned); R6 cancelled → 1 of 2
    '6.1': [50, 1, 2],
    // low_results (program C): P2 only, in progress → 0 of 1
    '6.2': [0, 0, 1],
    // talents (program E): P1 (done + confirmed), P2, P5 (planned) → 1 of 3
    '6.3': [33.3333, 1, 3],
    // career_guidance (program B): P1 (done but not confirmed), P5 (planned) → 0 of 2
    '6.4': [0, 0, 2],
    // upbringing (programs C, D): P2 (in progress), P8 (done + confirmed, completed) → 1 of 2
    '6.5': [50, 1, 2],
    // preschool_quality (program D): P8 → 1 of 1
    '6.6': [100, 1, 1],
    // organizations S1, S2, D1; a current mentoring program with its order recorded (fixture-mentoring.ts): S1
    // (S2's program has no order, D1 none) → 1 of 3
    '7.1': [33.3333, 1, 3],
    // all staff under 35 at asOf: P1 (31), P5 (27), P8 (33); with an active mentor in the methodical asset:
    // P1 (mentor P2) → 1 of 3
    '7.3': [33.3333, 1, 3],
    // certificates issued in the period: P1 P3 P4 P5 P6 P8 = 6 (P2's is from 2025-06-01);
    // functional literacy, federal registry: P1 → 1 of 6
    '8.1': [16.6667, 1, 6],
    // updated FGOS, federal: P3, P5 → 2 of 6
    '8.2': [33.3333, 2, 6],
    // digital environment, federal: P8 (P4's program is not in the registry) → 1 of 6
    '8.3': [16.6667, 1, 6],
  };

  /** 4.3 and 4.4: staffing rates «в общеобразовательных организациях», academic year 2026 (the 2025 rows are noise). */
  const STAFFING: Record<string, [number, number, number]> = {
    // pedagogical: occupied 9 (S1) + 5.5 (S2) of 10 + 6; D1's 4 of 4 is a preschool's → 14.5 / 16
    '4.3': [90.625, 14.5, 16],
    // administrative: 3 + 1.5 of 3 + 2 (D1's 1 of 1 left out) → 4.5 / 5
    '4.4': [90, 4.5, 5],
  };

  it('computes every derived indicator to the hand-computed figure', () => {
    const derived = P003.indicators.filter((i) => i.formula.kind !== 'manual').map((i) => i.code);
    expect([...Object.keys(EXPECTED), ...Object.keys(STAFFING)].sort()).toEqual([...derived].sort());
    const actual = Object.fromEntries(
      Object.keys(EXPECTED).map((code) => {
        const v = values.get(code);
        return [code, [v?.value, v?.numerator, v?.denominator]];
      }),
    );
    // one comparison so that a failure shows every indicator that differs
    expect(actual).toEqual(EXPECTED);
    for (const code of derived) expect(values.get(code), code).toMatchObject({ status: 'ok', derived: true });
  });

  it('computes the schools’ staffing shares 4.3 and 4.4 (the general-education organizations’ slice)', () => {
    for (const [code, [value, numerator, denominator]] of Object.entries(STAFFING)) {
      const school = values.get(code)?.slices.org_kind?.find((s) => s.key === 'school');
      expect(school, code).toMatchObject({ value, numerator, denominator });
    }
  });

  it('counts only general-education organizations’ staffing in 4.3 and 4.4 as a whole', () => {
    // The indicators' population is { orgKinds: ['school'] }; the preschool D1's rates must not count.
    const actual = Object.fromEntries(
      Object.keys(STAFFING).map((code) => {
        const v = values.get(code);
        return [code, [v?.value, v?.numerator, v?.denominator]];
      }),
    );
    expect(actual).toEqual(STAFFING);
  });

  it('splits 1.1 by organization: S1 2 of 4, S2 1 of 2, D1 1 of 1', () => {
    const byOrg = new Map(values.get('1.1')?.slices.organization?.map((s) => [s.key, s]));
    expect(byOrg.get(fx.orgs.S1)).toMatchObject({ numerator: 2, denominator: 4, value: 50 });
    expect(byOrg.get(fx.orgs.S2)).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(byOrg.get(fx.orgs.D1)).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
    expect(byOrg.has(fx.orgs.X1)).toBe(false);
  });

  it('reports manual indicators as missing until a value is entered, then shows it', async () => {
    for (const code of ['4.2', '4.6', '5.1', '7.2', '7.4', '9.1', '10.1']) {
      expect(values.get(code)).toMatchObject({ value: null, status: 'manual_missing', derived: false });
    }
    const put = await methodist.put('/api/manual-measures', {
      measureCode: 'manual:zemsky_vacancies_closed_share',
      periodStart: FIXTURE.periodStart,
      periodEnd: FIXTURE.periodEnd,
      value: 85,
      note: 'Отчёт в министерство',
    });
    expect(put.status).toBeLessThan(300);
    const res = await methodist.get(`/api/indicator-sets/${setId}/values?${q}`);
    const after = new Map(res.body.indicators.map((v: Value) => [v.code, v]));
    expect(after.get('4.2')).toMatchObject({ value: 85, status: 'ok', derived: false });
    expect(after.get('4.6')).toMatchObject({ value: null, status: 'manual_missing' });
  });
});
