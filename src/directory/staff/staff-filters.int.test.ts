import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';

/**
 * Hand-built staff with known ages, loads and dates; each filter's expected names are worked
 * out by hand at the as-of date 2026-09-01 with the default rules (young: under 35 AND ≤ 3 years;
 * pension: women 60, men 65; load threshold 30 h).
 */
const AS_OF = '2026-09-01';
let t: TestApp;
let c: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muni = await ctx.newMunicipality();
  const school = await ctx.newOrg({ municipalityId: muni.id, kind: 'school' });
  const kinder = await ctx.newOrg({ municipalityId: muni.id, kind: 'preschool' });
  const p = async (key: string, o: Parameters<typeof ctx.newPerson>[0]) => {
    const r = await ctx.newPerson(o);
    ids[key] = r.id;
    return r;
  };
  // young: 24 years old at AS_OF, 2 years of experience recorded at 2026-09-01
  await p('young', {
    organizationId: school.id,
    lastName: 'Юнова',
    birthDate: '2002-03-10',
    pedExperienceYears: 2,
    subjects: ['Физика'],
    loadHours: 18,
  });
  // 34 on AS_OF but 10 years of experience: not young under the "and" rule
  await p('experienced', {
    organizationId: school.id,
    lastName: 'Опытова',
    birthDate: '1992-05-01',
    pedExperienceYears: 10,
    category: 'highest',
  });
  // turns 35 the day after AS_OF: still 34 → young
  await p('borderline', {
    organizationId: school.id,
    lastName: 'Граничная',
    birthDate: '1991-09-02',
    pedExperienceYears: 1,
  });
  // woman of 60, man of 64
  await p('pensioner', {
    organizationId: school.id,
    lastName: 'Старшова',
    birthDate: '1966-08-31',
    sex: 'f',
    category: 'szd',
  });
  await p('man64', {
    organizationId: school.id,
    lastName: 'Мужиков',
    birthDate: '1962-01-01',
    sex: 'm',
    firstName: 'Иван',
  });
  // overloaded across two jobs: 20 h + 12 h = 32 h
  const loaded = await p('loaded', { organizationId: school.id, lastName: 'Загружена', loadHours: 20 });
  await ctx.addEmployment({
    personId: loaded.id,
    organizationId: kinder.id,
    kind: 'external',
    position: 'Музыкальный руководитель',
    loadHours: 12,
    subjects: ['Музыка'],
  });
  // preschool teacher with category none, outside profile part-timer in school
  const vosp = await p('kinder', {
    organizationId: kinder.id,
    lastName: 'Садикова',
    subjects: [],
    category: 'none',
    loadHours: 30,
  });
  await t.db.query(sql`UPDATE employments SET outside_profile = true WHERE person_id = ${vosp.id}`);
  // left before AS_OF: not counted; joins after AS_OF: not counted
  const gone = await p('gone', { organizationId: school.id, lastName: 'Уволенная' });
  await t.db.query(sql`UPDATE employments SET end_date = '2026-06-30' WHERE person_id = ${gone.id}`);
  const future = await p('future', { organizationId: school.id, lastName: 'Будущая' });
  await t.db.query(sql`UPDATE employments SET start_date = '2026-10-01' WHERE person_id = ${future.id}`);
  const admin = await ctx.newUser({ role: 'admin' });
  c = await t.login(admin);
});
afterAll(async () => t.close());

async function lastNames(query: string): Promise<string[]> {
  const res = await c.get(`/api/staff?asOf=${AS_OF}&limit=500&${query}`);
  expect(res.status).toBe(200);
  return [...new Set<string>(res.body.items.map((i: any) => i.fullName.split(' ')[0]))].sort();
}

describe('staff filters at an as-of date', () => {
  it('counts only employments active at the date and a person with two jobs once', async () => {
    const res = await c.get(`/api/staff?asOf=${AS_OF}&limit=500`);
    expect(res.body.total).toBe(8); // 7 people, Загружена twice
    expect(res.body.people).toBe(7);
    expect(await lastNames('')).not.toContain('Уволенная');
    expect(await lastNames('')).not.toContain('Будущая');
    const before = await c.get('/api/staff?asOf=2026-06-01&q=Уволенная');
    expect(before.body.items.map((i: any) => i.fullName.split(' ')[0])).toEqual(['Уволенная']);
  });

  it('finds young specialists, pension age and overload by the rules', async () => {
    expect(await lastNames('young=true')).toEqual(['Граничная', 'Юнова']);
    expect(await lastNames('pensionAge=true')).toEqual(['Старшова']);
    expect(await lastNames('loadOver30=true')).toEqual(['Загружена']);
    expect(await lastNames('ageBand=under25')).toEqual(['Юнова']);
    expect(await lastNames('ageBand=55-64')).toEqual(['Мужиков', 'Старшова']);
  });

  it('filters by category, subject, organization kind, part-time and outside profile', async () => {
    expect(await lastNames('category=highest')).toEqual(['Опытова']);
    expect(await lastNames('category=szd')).toEqual(['Старшова']);
    expect(await lastNames('subject=Физика')).toEqual(['Юнова']);
    expect(await lastNames('orgKind=preschool')).toEqual(['Загружена', 'Садикова']);
    expect(await lastNames('partTime=true')).toEqual(['Загружена']);
    expect(await lastNames('outsideProfile=true')).toEqual(['Садикова']);
    expect(await lastNames('q=юно')).toEqual(['Юнова']);
  });

  it('follows the settings: the "or" rule widens young specialists', async () => {
    const put = await c.put('/api/settings/derived', {
      youngMaxAge: 35,
      youngMaxExperienceYears: 3,
      youngRule: 'or',
      pensionAgeMale: 64,
      pensionAgeFemale: 60,
      loadThresholdHours: 30,
      maxRatesPerPerson: 2,
    });
    expect(put.status).toBe(200);
    expect(await lastNames('young=true')).toEqual(['Граничная', 'Опытова', 'Юнова']);
    expect(await lastNames('pensionAge=true')).toEqual(['Мужиков', 'Старшова']);
  });

  it('rejects an unknown filter value with 422', async () => {
    expect((await c.get('/api/staff?category=вторая')).status).toBe(422);
    expect((await c.get('/api/staff?asOf=2026-13-01')).status).toBe(422);
  });

  it('returns derived fields that agree with the card', async () => {
    const list = await c.get(`/api/staff?q=Загружена&limit=5`);
    const card = await c.get(`/api/people/${ids.loaded}`);
    expect(list.body.items[0].personLoadHours).toBe(32);
    expect(card.body.personLoadHours).toBe(32);
    expect(card.body.loadOver30).toBe(true);
    expect(card.body.employments).toHaveLength(2);
  });
});
