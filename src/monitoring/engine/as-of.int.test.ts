import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';
import { computeIndicators, type IndicatorInput, territoryScope } from './compute.ts';
import type { Formula, Population } from './formula.ts';

/**
 * As-of semantics of the engine over a hand-made municipality M (schools A and B) and a neighbour
 * municipality M2 (school C). asOf 2026-10-01 unless said.
 *
 *   who  where (kind)                   born        notes
 *   p1   A main, Математика             1991-10-01  35 exactly on asOf (not «under 35»), category highest 2020 (expired)
 *   p2   A main «Воспитатель» 36 h      1991-10-02  34 at asOf; experience 1 y → young; highest 2024 (valid)
 *   p3   A main 18 h + B internal 14 h  1985-03-15  two employments: counted once, at A; load 32 > 30; 2 rates
 *   p4   A main, ended 2026-09-15       1985-03-15  employed on 2026-09-01, not on 2026-10-01
 *   p5   B main, starts 2026-11-01      1985-03-15  not yet employed at asOf
 *   p6   B internal only (no main)      1985-03-15  counted only with employment 'all'
 *   p7   A director, load 6             1975-01-01  managerial with a teaching load
 *   p8   B director, load 0             1975-01-01  managerial without
 *   p9   B main, Математика+Информатика 1965-01-01  female, 61 → pension age; outside profile
 *   q1   C main (M2) + A internal       1985-03-15  never in M: attributed to C even with employment 'all'
 */

let t: TestApp;
const ids: Record<string, string> = {};
let M = '';
let M2 = '';
let A = '';
let B = '';
const asOf = '2026-10-01';

const count = (measure: string, params?: Record<string, string | number | boolean>) =>
  ({ kind: 'count', of: params ? { measure, params } : { measure } }) as Formula;

async function compute(
  municipalityId: string,
  list: { code: string; formula: Formula; population?: Population }[],
  opts: {
    asOf?: string;
    slices?: ('organization' | 'org_kind' | 'territory' | 'subject')[];
    withMembers?: boolean;
  } = {},
) {
  const inputs: IndicatorInput[] = list.map((i) => ({
    code: i.code,
    formula: i.formula,
    population: i.population ?? {},
  }));
  const r = await computeIndicators(t.db, territoryScope({ municipalityId }), inputs, {
    asOf: opts.asOf ?? asOf,
    periodStart: '2026-09-01',
    periodEnd: opts.asOf ?? asOf,
    slices: opts.slices ?? [],
    withMembers: opts.withMembers ?? false,
  });
  return new Map(r.indicators.map((i) => [i.code, i]));
}

beforeAll(async () => {
  t = await startTestApp();
  const m = await t.ctx.newMunicipality();
  M = m.id;
  M2 = (await t.ctx.newMunicipality({ regionId: m.regionId })).id;
  A = (await t.ctx.newOrg({ municipalityId: M, fullName: 'МБОУ «Школа А»' })).id;
  B = (await t.ctx.newOrg({ municipalityId: M, fullName: 'МБОУ «Школа Б»' })).id;
  const C = (await t.ctx.newOrg({ municipalityId: M2, fullName: 'МБОУ «Школа В»' })).id;
  const np = (k: string, p: Parameters<TestApp['ctx']['newPerson']>[0]) =>
    t.ctx.newPerson(p).then((r) => {
      ids[k] = r.id;
      ids[`${k}e`] = r.employmentId;
      return r;
    });
  await np('p1', {
    organizationId: A,
    birthDate: '1991-10-01',
    subjects: ['Математика'],
    category: 'highest',
  });
  await np('p2', {
    organizationId: A,
    birthDate: '1991-10-02',
    subjects: ['Физика'],
    position: 'Воспитатель',
    loadHours: 36,
    category: 'highest',
    pedExperienceYears: 1,
  });
  await np('p3', { organizationId: A, subjects: ['Русский язык'], loadHours: 18 });
  await t.ctx.addEmployment({ personId: ids.p3!, organizationId: B, kind: 'internal', loadHours: 14 });
  await np('p4', { organizationId: A });
  await np('p5', { organizationId: B });
  await np('p6', { organizationId: B, kind: 'internal' });
  await np('p7', {
    organizationId: A,
    staffCategory: 'managerial',
    position: 'Директор',
    loadHours: 6,
    birthDate: '1975-01-01',
  });
  await np('p8', {
    organizationId: B,
    staffCategory: 'managerial',
    position: 'Директор',
    loadHours: 0,
    birthDate: '1975-01-01',
  });
  await np('p9', { organizationId: B, birthDate: '1965-01-01', subjects: ['Математика', 'Информатика'] });
  await np('q1', { organizationId: C });
  // q1 also works part-time at A: with employment 'all' he is still counted once, at C (his main job)
  await t.ctx.addEmployment({ personId: ids.q1!, organizationId: A, kind: 'internal' });
  await t.db.query(sql`UPDATE employments SET end_date = '2026-09-15' WHERE id = ${ids.p4e}`);
  await t.db.query(sql`UPDATE employments SET start_date = '2026-11-01' WHERE id = ${ids.p5e}`);
  await t.db.query(sql`UPDATE employments SET outside_profile = true WHERE id = ${ids.p9e}`);
  await t.db.query(
    sql`UPDATE people SET category_date = '2020-01-01', education = 'higher_pedagogical' WHERE id = ${ids.p1}`,
  );
  await t.db.query(sql`UPDATE people SET category_date = '2024-01-01' WHERE id = ${ids.p2}`);
  await t.db.query(sql`UPDATE people SET education = 'higher_pedagogical' WHERE id = ${ids.p9}`);
});
afterAll(async () => t?.close());

describe('who is counted at a date', () => {
  it('counts people employed at asOf, each once at the organization of their main employment', async () => {
    const r = await compute(M, [{ code: 'n', formula: count('staff.total') }], {
      slices: ['organization'],
      withMembers: true,
    });
    const n = r.get('n')!;
    // A: p1, p2, p3 (p4 left on 2026-09-15, p7 is managerial); B: p9 (p5 starts later, p6 has no main job)
    expect(n.value).toBe(4);
    const byOrg = new Map(n.slices.organization!.map((s) => [s.key, s.value]));
    expect(byOrg.get(A)).toBe(3);
    expect(byOrg.get(B)).toBe(1);
    expect(n.members!.value!.get(A)!.sort()).toEqual([ids.p1, ids.p2, ids.p3].sort());
    expect(n.members!.value!.get(B)).toEqual([ids.p9]);
  });

  it('moves with the date: the leaver is counted before leaving, the newcomer after starting', async () => {
    const before = await compute(M, [{ code: 'n', formula: count('staff.total') }], { asOf: '2026-09-01' });
    expect(before.get('n')!.value).toBe(5); // + p4
    const later = await compute(M, [{ code: 'n', formula: count('staff.total') }], { asOf: '2026-11-01' });
    expect(later.get('n')!.value).toBe(5); // p5 started on the day
  });

  it('computes age at the date: a birthday on asOf counts, the day before does not', async () => {
    const r = await compute(
      M,
      [
        { code: 'under35', formula: count('staff.age', { max: 35 }) },
        { code: '35plus', formula: count('staff.age', { min: 35 }) },
      ],
      { withMembers: true },
    );
    expect(r.get('under35')!.members!.value!.get(A)).toEqual([ids.p2]);
    expect(r.get('35plus')!.value).toBe(3); // p1 (35 today), p3, p9
    const dayBefore = await compute(M, [{ code: 'under35', formula: count('staff.age', { max: 35 }) }], {
      asOf: '2026-09-30',
    });
    expect(dayBefore.get('under35')!.value).toBe(2); // p1 is still 34
  });

  it('population variants: employment all adds the part-timer without a main job; teaching managers are added', async () => {
    const r = await compute(
      M,
      [
        { code: 'main', formula: count('staff.total') },
        { code: 'all', formula: count('staff.total'), population: { employment: 'all' } },
        {
          code: 'tm',
          formula: count('staff.total'),
          population: { staff: 'pedagogical_and_teaching_managers' },
        },
        { code: 'mgr', formula: count('staff.total'), population: { staff: 'managerial' } },
        { code: 'every', formula: count('staff.total'), population: { staff: 'all' } },
      ],
      { slices: ['organization'] },
    );
    expect(r.get('main')!.value).toBe(4);
    expect(r.get('all')!.value).toBe(5);
    expect(r.get('all')!.slices.organization!.find((s) => s.key === B)!.value).toBe(2); // p9 + p6
    // p3 is still counted once, at A, with employment 'all'
    expect(r.get('all')!.slices.organization!.find((s) => s.key === A)!.value).toBe(3);
    expect(r.get('tm')!.value).toBe(5); // + p7 (load 6), not p8 (load 0)
    expect(r.get('mgr')!.value).toBe(2);
    expect(r.get('every')!.value).toBe(6);
    // the neighbour's q1 (main job at C, part-time at A) belongs to M2 even with employment 'all'
    const neighbour = await compute(M2, [
      { code: 'all', formula: count('staff.total'), population: { employment: 'all' } },
    ]);
    expect(neighbour.get('all')!.value).toBe(1);
  });

  it('slices add up to the total; subject slices count people by the subjects of the counted employment', async () => {
    const r = await compute(M, [{ code: 'n', formula: count('staff.total') }], {
      slices: ['organization', 'org_kind', 'territory', 'subject'],
    });
    const n = r.get('n')!;
    const sum = (xs: { value: number | null }[]) => xs.reduce((a, x) => a + (x.value ?? 0), 0);
    expect(sum(n.slices.organization!)).toBe(n.value);
    expect(sum(n.slices.org_kind!)).toBe(n.value);
    expect(n.slices.territory).toHaveLength(1);
    expect(n.slices.territory![0]!.value).toBe(n.value);
    const subj = Object.fromEntries(n.slices.subject!.map((s) => [s.key, s.value]));
    // p3's B job teaches nothing here; his counted (main) job is «Русский язык»
    expect(subj).toEqual({ Информатика: 1, Математика: 2, 'Русский язык': 1, Физика: 1 });
  });

  it('staff measures by hand: load (воспитатель excluded), rates, part-time, category validity, young, pension, profile', async () => {
    const r = await compute(
      M,
      [
        { code: 'load', formula: count('staff.load_over') },
        { code: 'load20', formula: count('staff.load_over', { hours: 17 }) },
        { code: 'rates', formula: count('staff.rates_over', { rates: 1.5 }) },
        { code: 'internal', formula: count('staff.part_time', { kind: 'internal' }) },
        { code: 'external', formula: count('staff.part_time', { kind: 'external' }) },
        { code: 'highest', formula: count('staff.category', { category: 'highest' }) },
        { code: 'highestValid', formula: count('staff.category', { category: 'highest', valid: true }) },
        { code: 'young', formula: count('staff.young') },
        { code: 'pension', formula: count('staff.pension_age') },
        { code: 'outside', formula: count('staff.outside_profile') },
        { code: 'hp', formula: count('staff.education', { level: 'higher_pedagogical' }) },
        {
          code: 'shareHp',
          formula: {
            kind: 'share',
            numerator: { measure: 'staff.education', params: { level: 'higher_pedagogical' } },
            denominator: { measure: 'staff.total' },
          },
        },
      ],
      { withMembers: true },
    );
    const v = (k: string) => r.get(k)!.value;
    expect(r.get('load')!.members!.value!.get(A)).toEqual([ids.p3]); // 18 + 14 = 32; p2's 36 h are a воспитатель's
    expect(v('load20')).toBe(3); // p1, p3, p9 (> 17 h); not p2 (воспитатель)
    expect(v('rates')).toBe(1);
    expect(v('internal')).toBe(1);
    expect(v('external')).toBe(0);
    expect(v('highest')).toBe(2);
    expect(r.get('highestValid')!.members!.value!.get(A)).toEqual([ids.p2]);
    expect(r.get('young')!.members!.value!.get(A)).toEqual([ids.p2]);
    expect(r.get('pension')!.members!.value!.get(B)).toEqual([ids.p9]);
    expect(v('outside')).toBe(1);
    expect(v('hp')).toBe(2);
    expect(r.get('shareHp')!).toMatchObject({ value: 50, numerator: 2, denominator: 4, status: 'ok' });
  });
});

describe('never a wrong number', () => {
  it('empty denominator, missing manual value and invalid formula give null with a status and a message', async () => {
    const r = await compute(M, [
      {
        code: 'empty',
        formula: {
          kind: 'share',
          numerator: { measure: 'staff.young' },
          denominator: { measure: 'staff.total' },
        },
        population: { orgKinds: ['vocational'] },
      },
      { code: 'manual', formula: { kind: 'manual', measure: 'manual:asof_test_missing' } },
      { code: 'bad', formula: count('staff.foo') },
    ]);
    expect(r.get('empty')).toMatchObject({ value: null, denominator: 0, status: 'empty_denominator' });
    expect(r.get('empty')!.message).toMatch(/^Знаменатель равен нулю: в группе нет ни одного педагога/);
    expect(r.get('manual')).toMatchObject({ value: null, status: 'manual_missing' });
    expect(r.get('bad')).toMatchObject({
      value: null,
      status: 'invalid_formula',
      message: 'Мера staff.foo не существует',
    });
  });

  it('a manual value entered for an organization counts there and in the total; 0 is a value, not missing', async () => {
    await t.db.query(sql`INSERT INTO manual_measure_values (measure_code, organization_id, period_start, period_end, value)
      VALUES ('asof_events', ${A}, '2026-09-01', '2026-09-30', 3), ('asof_zero', ${B}, '2026-09-01', '2026-09-30', 0)`);
    const r = await compute(
      M,
      [
        { code: 'ev', formula: { kind: 'manual', measure: 'manual:asof_events' } },
        { code: 'zero', formula: { kind: 'manual', measure: 'manual:asof_zero' } },
      ],
      { slices: ['organization'] },
    );
    expect(r.get('ev')).toMatchObject({ value: 3, status: 'ok' });
    expect(r.get('ev')!.slices.organization!.find((s) => s.key === B)!.status).toBe('manual_missing');
    expect(r.get('zero')).toMatchObject({ value: 0, status: 'ok' });
    // the neighbour municipality sees none of it
    const other = await compute(M2, [
      { code: 'ev', formula: { kind: 'manual', measure: 'manual:asof_events' } },
    ]);
    expect(other.get('ev')!.status).toBe('manual_missing');
  });

  it('the neighbour municipality counts only its own people', async () => {
    const r = await compute(M2, [{ code: 'n', formula: count('staff.total') }], { withMembers: true });
    expect(r.get('n')!.value).toBe(1);
    expect([...r.get('n')!.members!.value!.values()].flat()).toEqual([ids.q1]);
  });
});
