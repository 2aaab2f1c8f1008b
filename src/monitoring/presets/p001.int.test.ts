import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';
import { isDerived, validateFormula } from '../engine/formula.ts';
import { FIXTURE } from '../fixture/fixture.ts';
import { byCode, type FixtureB, presetOverFixtureB } from '../fixture/fixture-b.ts';
import { P001 } from './p001.ts';

/**
 * Preset 001 (Зиминское городское МО, план на 2022 год): table 1 with its planned values and the
 * plan's staff statistics as baselines; over the correctness fixture (fixture-b: fixture.ts + an
 * additional-education organization A1 with Q1, Q2) every derived indicator equals the figure
 * computed here by hand.
 */

const TABLE1 = ['1', '2', '3', '4', '5', '6', '7', '7.1', '7.2'];
/** Still entered by hand: what the platform does not record (ИМС staff, management teams, trainings by provider). */
const MANUAL = ['2', '5', '7.1', '7.2'];
const TABLE2 = ['М5.1', 'М5.3', 'М6.2', 'М6.3', 'М6.4', 'М6.6', 'М7.7', 'М7.11', 'М8.2'];
const STAFF = ['К1', 'К2', 'К3', 'К4', 'К5', 'К6', 'К7', 'К8', 'К9', 'К10'];

describe('preset 001 data', () => {
  it('has the seven results of table 1 (the seventh with its two parts) and their 2022 planned values', () => {
    expect(P001.sourceDocument).toBe('001');
    expect(P001.indicators.map((i) => i.code)).toEqual([...TABLE1, ...TABLE2, ...STAFF]);
    const t1 = P001.indicators.filter((i) => TABLE1.includes(i.code));
    expect(Object.fromEntries(t1.map((i) => [i.code, i.targets]))).toEqual({
      '1': [{ year: 2022, value: 10 }],
      '2': [{ year: 2022, value: 10 }],
      '3': [{ year: 2022, value: 2 }],
      '4': [{ year: 2022, value: 10 }],
      '5': [{ year: 2022, value: 10 }],
      '6': [{ year: 2022, value: 100 }],
      '7': [{ year: 2022, value: 12 }],
      '7.1': [{ year: 2022, value: 8 }],
      '7.2': [{ year: 2022, value: 4 }],
    });
    // the parts add up to the whole, as in the document («12%, из них 8% … 4% …»)
    expect(8 + 4).toBe(t1.find((i) => i.code === '7')!.targets[0]!.value);
    expect(t1[0]!.name).toBe(
      'Доля педагогических работников и управленческих кадров, для которых разработаны индивидуальные образовательные маршруты на основе результатов диагностики профессиональных компетенций',
    );
    expect(t1.find((i) => i.code === '3')!.unit).toBe('мероприятий');
  });

  it('has the planned results of table 2 stated as shares, with their 2022 values', () => {
    const t2 = P001.indicators.filter((i) => TABLE2.includes(i.code));
    expect(Object.fromEntries(t2.map((i) => [i.code, i.targets.map((x) => [x.year, x.value])]))).toEqual({
      'М5.1': [[2022, 10]],
      'М5.3': [[2022, 34]],
      'М6.2': [[2022, 35]],
      'М6.3': [[2022, 5]],
      'М6.4': [[2022, 10]],
      'М6.6': [[2022, 10]],
      'М7.7': [[2022, 10]],
      'М7.11': [[2022, 70]],
      'М8.2': [[2022, 100]],
    });
    expect(t2.find((i) => i.code === 'М7.7')!.periodicity).toBe('Апрель-май 2022 года');
    expect(t2.find((i) => i.code === 'М5.1')!.responsible).toBe(
      'Ланкина Н.Н., Градович Ж.Ф., Перевалова С.Г.',
    );
  });

  it("keeps the plan's staff figures as baselines, without targets", () => {
    const staff = P001.indicators.filter((i) => STAFF.includes(i.code));
    expect(Object.fromEntries(staff.map((i) => [i.code, [i.baselineValue, i.baselineYear]]))).toEqual({
      К1: [476, 2022],
      К2: [56, 2022],
      К3: [66.7, 2022],
      К4: [29.3, 2022],
      К5: [30.3, 2022],
      К6: [27, 2022],
      К7: [34.4, 2022],
      К8: [11.4, 2022],
      К9: [97, 2022],
      К10: [85, 2021],
    });
    expect(staff.every((i) => i.targets.length === 0)).toBe(true);
  });

  it('every formula validates against the measure registry; derived and form-fed ones as documented', () => {
    for (const i of P001.indicators) {
      expect({ code: i.code, issues: validateFormula(i.formula, i.population) }).toEqual({
        code: i.code,
        issues: [],
      });
    }
    expect(P001.indicators.filter((i) => !isDerived(i.formula)).map((i) => i.code)).toEqual(MANUAL);
  });
});

let t: TestApp;
let fx: FixtureB;
let methodist: Client;
let setId: string;
const period = `asOf=${FIXTURE.asOf}&periodStart=${FIXTURE.periodStart}&periodEnd=${FIXTURE.periodEnd}`;

beforeAll(async () => {
  ({ t, fx, methodist, setId } = await presetOverFixtureB(P001.code));
});
afterAll(async () => t?.close());

const values = async (query: string) => {
  const res = await methodist.get(`/api/indicator-sets/${setId}/values?${query}`);
  expect(res.status).toBe(200);
  return byCode(res.body.indicators);
};

describe('preset 001 over the fixture municipality', () => {
  it('loads with every indicator, its 2022 target and the schedule; manual ones marked', async () => {
    const res = await methodist.get(`/api/indicator-sets/${setId}`);
    expect(res.status).toBe(200);
    expect(res.body.sourceDocument).toBe('001');
    const inds = res.body.indicators as {
      code: string;
      derived: boolean;
      targets: unknown[];
      baselineValue: number;
    }[];
    expect(inds.map((i) => i.code)).toEqual([...TABLE1, ...TABLE2, ...STAFF]);
    expect(inds.find((i) => i.code === '7')!.targets).toEqual([{ year: 2022, value: 12 }]);
    expect(inds.reduce((n, i) => n + i.targets.length, 0)).toBe(18);
    expect(Number(inds.find((i) => i.code === 'К1')!.baselineValue)).toBe(476);
    expect(inds.filter((i) => !i.derived).map((i) => i.code)).toEqual(MANUAL);
    expect(res.body.schedule).toHaveLength(2);
  });

  it('is offered in the presets list with its counts, marked as loaded here', async () => {
    const res = await methodist.get('/api/indicator-presets');
    expect(res.status).toBe(200);
    const item = res.body.items.find((p: { code: string }) => p.code === P001.code);
    // 9 (table 1) + 9 (table 2) + 10 (staff) = 28; manual: 4 of table 1
    expect(item).toMatchObject({
      sourceDocument: '001',
      indicators: 28,
      derived: 24,
      manual: 4,
      loadedSetId: setId,
    });
  });

  it('loading it again into the same municipality is refused (409)', async () => {
    const res = await methodist.post(`/api/indicator-presets/${P001.code}/load`, {});
    expect(res.status).toBe(409);
  });

  it('computes every derived indicator as counted by hand', async () => {
    const v = await values(`${period}&slice=organization`);
    // Population at 2026-09-30, main employment, municipality M only (X1/PX elsewhere, P7 external only,
    // P9 left 2026-06-30):
    //   pedagogical: S1 P1 P2 P3 P4 · S2 P5 P6 · D1 P8 · A1 Q1 Q2 = 9;  managerial: S1 M1 · S2 M2 = 2;  all = 11.
    // 1: routes formed in 2025-10-01…2026-09-30 on an assessment, not cancelled: P1 (campaign), P2 (campaign),
    //    P8 (baseline_on), M1 (campaign); not P5 (no assessment basis), not P6 (cancelled) → 4 / 11 · 100 = 36.3636
    expect(v['1']).toMatchObject({
      numerator: 4,
      denominator: 11,
      value: 36.3636,
      status: 'ok',
      derived: true,
    });
    // 6: schools and additional-education organizations S1, S2, A1 (D1 is a preschool, X1 another municipality);
    //    implementing the model — a current program with a pair active at asOf (fixture-mentoring.ts): S1 only
    //    (S2's only pair finished 2026-05-31, A1 has a regulation flag but no program) → 1 / 3 · 100 = 33.3333
    expect(v['6']).toMatchObject({ numerator: 1, denominator: 3, value: 33.3333, status: 'ok' });
    // М6.3: pedagogical staff (9) in a regional association during the period: P4 (PX works elsewhere) → 11.1111
    expect(v['М6.3']).toMatchObject({ numerator: 1, denominator: 9, value: 11.1111, derived: true });
    // М7.11: young specialists P1, P5 (Q2 has 10 years); P1 a mentee (MS1), P5 in the school of the young
    //    teacher → 2 / 2 = 100
    expect(v['М7.11']).toMatchObject({ numerator: 2, denominator: 2, value: 100, derived: true });
    // 7: pedagogical staff of schools P1..P6 = 6; trained in the period on a federal-registry program:
    //    P1 (FL), P3 (FGOS), P5 (FGOS); not P2 (before the period), P4 (DIG not in the registry),
    //    P6 (no catalog program) → 3 / 6 · 100 = 50
    expect(v['7']).toMatchObject({ numerator: 3, denominator: 6, value: 50, status: 'ok' });
    const org7 = Object.fromEntries(v['7']!.slices.organization!.map((s) => [s.key, s]));
    expect(org7[fx.orgs.S1]).toMatchObject({ numerator: 2, denominator: 4, value: 50 }); // P1 P3 of P1..P4
    expect(org7[fx.orgs.S2]).toMatchObject({ numerator: 1, denominator: 2, value: 50 }); // P5 of P5 P6
    // М5.1: all staff (11) assessed in the period: P1 01-20, P2 01-20, P6 02-01, P8 03-01, M1 01-25 = 5
    //    (P3 only 2025-05-01, before the period; P9 left; PX elsewhere) → 5 / 11 · 100 = 45.4545
    expect(v['М5.1']).toMatchObject({
      numerator: 5,
      denominator: 11,
      value: 45.4545,
      status: 'ok',
      derived: true,
    });
    // М5.3: all staff with a training document in the period (same count as К10 below) → 8 / 11 · 100 = 72.7273
    expect(v['М5.3']).toMatchObject({ numerator: 8, denominator: 11, value: 72.7273 });
    // К1 / К2: head counts
    expect(v.К1).toMatchObject({ value: 9, status: 'ok' });
    expect(v.К2).toMatchObject({ value: 2, status: 'ok' });
    // К3: schools, all staff: P1 hp, P2 h, P3 svp, P4 hp, M1 h (S1) · P5 sec, P6 hp, M2 h (S2) → higher 6 / 8 = 75
    expect(v.К3).toMatchObject({ numerator: 6, denominator: 8, value: 75 });
    const org3 = Object.fromEntries(v.К3!.slices.organization!.map((s) => [s.key, s]));
    expect(org3[fx.orgs.S1]).toMatchObject({ numerator: 4, denominator: 5, value: 80 });
    expect(org3[fx.orgs.S2]).toMatchObject({ numerator: 2, denominator: 3, value: 66.6667 });
    // К4: preschools: P8 (secondary vocational) → 0 / 1 = 0 (a real zero, not an empty group)
    expect(v.К4).toMatchObject({ numerator: 0, denominator: 1, value: 0, status: 'ok' });
    // К5: additional education: Q1 higher, Q2 secondary vocational → 1 / 2 = 50
    expect(v.К5).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    // К6–К8: pedagogical + managers with a teaching load, main employment: P1..P6, P8, Q1, Q2, M2 (load 6;
    //    M1 has none) = 10. Highest: P2 P6 P8 = 3 → 30; first: P1 Q1 = 2 → 20; СЗД: P4 = 1 → 10
    expect(v.К6).toMatchObject({ numerator: 3, denominator: 10, value: 30 });
    expect(v.К7).toMatchObject({ numerator: 2, denominator: 10, value: 20 });
    expect(v.К8).toMatchObject({ numerator: 1, denominator: 10, value: 10 });
    // К9: staffing of academic year 2026 (contains 2026-09-30), pedagogical rates occupied / total:
    //    S1 9/10 + S2 5.5/6 + D1 4/4 + A1 1.5/2 = 20 / 22 · 100 = 90.9091 (2025 rows and X1 not counted)
    expect(v.К9).toMatchObject({ numerator: 20, denominator: 22, value: 90.9091, status: 'ok' });
    // К10: all staff (11) with a training document in the period: P1 P3 P4 P5 P6 P8 M2 Q1 = 8 → 72.7273
    expect(v.К10).toMatchObject({ numerator: 8, denominator: 11, value: 72.7273 });
    // targets are for 2022 only
    expect(v['1']!.target).toBeNull();
  });

  it('staffing by organization kind, as the plan gives it (ОО 95 %, ДОО 99 %, ДО 93 % in the document)', async () => {
    const v = await values(`${period}&slice=org_kind`);
    const kinds = Object.fromEntries(v.К9!.slices.org_kind!.map((s) => [s.key, s]));
    // schools S1 + S2: (9 + 5.5) / (10 + 6) = 14.5 / 16 · 100 = 90.625; preschool D1: 4 / 4 = 100; additional A1: 1.5 / 2 = 75
    expect(kinds.school).toMatchObject({ numerator: 14.5, denominator: 16, value: 90.625 });
    expect(kinds.preschool).toMatchObject({ numerator: 4, denominator: 4, value: 100 });
    expect(kinds.additional).toMatchObject({ numerator: 1.5, denominator: 2, value: 75 });
  });

  it('against the 2022 plan: the mentoring share misses its 100 % target; no 2022 staffing → empty denominator', async () => {
    const v = await values('asOf=2022-12-31&periodStart=2022-01-01&periodEnd=2022-12-31');
    // no mentoring program had started by 2022: 0 / 3 against 100 → not achieved
    expect(v['6']).toMatchObject({ value: 0, target: 100, targetStatus: 'not_achieved' });
    // no staffing rows for academic year 2022: a message, never a number
    expect(v.К9).toMatchObject({ value: null, status: 'empty_denominator' });
    expect(v.К9!.message).toMatch(/Знаменатель равен нулю/);
  });

  it('manual indicators are «manual_missing» until entered, then computed from the entered figures', async () => {
    const before = await values(period);
    for (const code of MANUAL) {
      expect(before[code]).toMatchObject({ value: null, status: 'manual_missing', derived: false });
    }
    const put = (body: Record<string, unknown>) =>
      methodist.put('/api/manual-measures', {
        periodStart: FIXTURE.periodStart,
        periodEnd: FIXTURE.periodEnd,
        note: 'контроль',
        ...body,
      });
    expect((await put({ measureCode: 'methodical_service_trained_cnppm', value: 3 })).status).toBeLessThan(
      300,
    );
    // one organization (S1) answers «yes» for its management team
    expect(
      (await put({ measureCode: 'management_team_trained_org', organizationId: fx.orgs.S1, value: 1 }))
        .status,
    ).toBeLessThan(300);
    const after = await values(period);
    // 2: the numerator entered, the denominator not yet → still missing
    // 5: 1 organization of all four in M (S1, S2, D1, A1) → 1 / 4 · 100 = 25
    expect(after['5']).toMatchObject({ numerator: 1, denominator: 4, value: 25, status: 'ok' });
    expect(after['2']!.status).toBe('manual_missing');
  });

  it('the table 2 forecasts on events are counted from the plan and the attendance, by hand', async () => {
    const db = t.db;
    const [plan] = await db.query<{ id: string }>(sql`
      INSERT INTO event_plans (level, region_id, municipality_id, school_year, title, status)
      VALUES ('municipal', ${fx.regionId}, ${fx.municipalityId}, 2025, 'План', 'approved') RETURNING id`);
    const event = async (e: { number?: string; kind: string; level: string; on: string }) => {
      const [r] = await db.query<{ id: string }>(sql`
        INSERT INTO events (plan_id, number, title, kind, level, starts_on)
        VALUES (${plan!.id}, ${e.number ?? null}, 'Мероприятие', ${e.kind}::event_kind, ${e.level}::event_level, ${e.on}::date)
        RETURNING id`);
      return r!.id;
    };
    const attend = async (eventId: string, people: string[], attended = true) => {
      for (const personId of people)
        await db.query(sql`INSERT INTO event_registrations (event_id, person_id, status, source, attended)
          VALUES (${eventId}, ${personId}, 'confirmed', 'self', ${attended})`);
    };
    const p = fx.people;
    // 7.7. municipal seminar: P1, P3 (S1), P5 (S2) attend, P2 registered but absent; P8 (a preschool) attends too
    await attend(await event({ number: '7.7.', kind: 'seminar', level: 'municipal', on: '2026-04-15' }), [
      p.P1,
      p.P3,
      p.P5,
      p.P8,
    ]);
    await attend(
      await event({ number: '7.7.', kind: 'seminar', level: 'municipal', on: '2026-04-20' }),
      [p.P2],
      false,
    );
    // a regional seminar: P1 again, P6; a regional contest: M1, P5; an August conference: P2, P8, Q1, M2
    await attend(await event({ kind: 'seminar', level: 'regional', on: '2026-02-10' }), [p.P1, p.P6]);
    await attend(await event({ kind: 'contest', level: 'regional', on: '2026-03-01' }), [p.M1, p.P5]);
    await attend(await event({ kind: 'august_conference', level: 'municipal', on: '2026-08-27' }), [
      p.P2,
      p.P8,
      fx.extra.Q1,
      p.M2,
    ]);
    // 6.2. with nobody marked, and a municipal event of the previous period (not counted)
    await event({ number: '6.2.', kind: 'seminar', level: 'municipal', on: '2026-01-20' });
    await attend(await event({ kind: 'seminar', level: 'municipal', on: '2025-06-01' }), [p.P4]);
    // PX of the other municipality at the regional seminar does not count here
    await attend(await event({ kind: 'seminar', level: 'regional', on: '2026-02-11' }), [p.PX]);

    const v = await values(period);
    // 3: municipal events held in the period: the first 7.7. seminar and the August conference → 2 (the second
    //    7.7. has nobody attending, 6.2. nobody marked, the 2025-06-01 one is before the period, the rest regional)
    expect(v['3']).toMatchObject({ value: 2, status: 'ok', derived: true });
    // 4: all staff (11) at a regional event: P1, P6, M1, P5 → 4 / 11 · 100 = 36.3636
    expect(v['4']).toMatchObject({ numerator: 4, denominator: 11, value: 36.3636, derived: true });
    // М6.4: school teachers (P1..P6 = 6) at a regional seminar or webinar: P1, P6 → 2 / 6 = 33.3333
    expect(v['М6.4']).toMatchObject({ numerator: 2, denominator: 6, value: 33.3333 });
    // М6.6: all staff at a regional contest: M1, P5 → 2 / 11 = 18.1818
    expect(v['М6.6']).toMatchObject({ numerator: 2, denominator: 11, value: 18.1818 });
    // М7.7: school teachers at 7.7.: P1, P3, P5 (P8 is a preschool's, P2 absent) → 3 / 6 = 50 against 10 → achieved
    expect(v['М7.7']).toMatchObject({ numerator: 3, denominator: 6, value: 50 });
    // М8.2: all staff at the August conference: P2, P8, Q1, M2 → 4 / 11 = 36.3636
    expect(v['М8.2']).toMatchObject({ numerator: 4, denominator: 11, value: 36.3636 });
    // М6.2: preschool teachers (P8) at 6.2.: nobody marked → a real 0 %
    expect(v['М6.2']).toMatchObject({ numerator: 0, denominator: 1, value: 0, status: 'ok' });
  });

  it("another municipality's methodist does not see the loaded set (404)", async () => {
    const other = await t.login(fx.users.otherMethodist);
    expect((await other.get(`/api/indicator-sets/${setId}`)).status).toBe(404);
  });
});
