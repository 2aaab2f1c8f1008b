import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { sql } from '../platform/db/database.ts';

/**
 * The header's search through the real HTTP API: each role finds only the people and
 * organizations its pages show (another school's teacher stays hidden from a school head, other
 * teachers from a teacher), programs are found by everyone, and a search that shows people is
 * written to the audit log.
 */

let t: TestApp;
const as: Record<string, Client> = {};
const w: Record<string, string> = {};

type Group = { items: { id: string; title: string; detail: string | null; link: string }[]; total: number };
type Results = { q: string; people: Group | null; organizations: Group | null; programs: Group };

async function find(who: string, q: string): Promise<Results> {
  const res = await as[who]!.get(`/api/search?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return res.body as Results;
}
const ids = (g: Group | null) => (g ? g.items.map((i) => i.id).sort() : null);

beforeAll(async () => {
  t = await startTestApp();
  const { ctx, db } = t;
  const muni = await ctx.newMunicipality({ name: 'Поисковый район' });
  const muniB = await ctx.newMunicipality({ regionId: muni.regionId, name: 'Соседний район' });
  // Codes without digits: a number in the query is matched whole in the code too.
  const org = (municipalityId: string, code: string, fullName: string) =>
    ctx.newOrg({ municipalityId, code, fullName });
  const school1 = await org(muni.id, 'POISK-A', 'МБОУ «Поисковая СОШ № 1»');
  const school10 = await org(muni.id, 'POISK-B', 'МБОУ «Поисковая СОШ № 10»');
  const schoolB = await org(muniB.id, 'POISK-C', 'МБОУ «Поисковая СОШ № 2»');
  const p1 = await ctx.newPerson({ organizationId: school1.id, lastName: 'Сёмина', firstName: 'Анна' });
  const p10 = await ctx.newPerson({ organizationId: school10.id, lastName: 'Семина', firstName: 'Ольга' });
  const pB = await ctx.newPerson({ organizationId: schoolB.id, lastName: 'Семина', firstName: 'Вера' });
  Object.assign(w, { p1: p1.id, p10: p10.id, pB: pB.id, school1: school1.id, school10: school10.id });
  Object.assign(w, { schoolB: schoolB.id });
  const territory = { regionId: muni.regionId, municipalityId: muni.id };
  const users = {
    teacher: await ctx.newUser({ role: 'teacher', personId: p1.id, organizationId: school1.id }),
    head1: await ctx.newUser({ role: 'org_head', ...territory, organizationId: school1.id }),
    methodist: await ctx.newUser({ role: 'municipal_methodist', ...territory }),
    curator: await ctx.newUser({ role: 'curator', regionId: muni.regionId }),
    region: await ctx.newUser({ role: 'region_admin', regionId: muni.regionId }),
  };
  w.headUser = users.head1.id;
  await db.query(
    sql`INSERT INTO curator_assignments (curator_user_id, person_id) VALUES (${users.curator.id}, ${p10.id})`,
  );
  await db.query(sql`
    INSERT INTO programs (code, name, kind, hours, provider, format)
    VALUES ('ПОИСК-36', 'Поисковые задачи на уроке математики', 'upgrade', 36, 'ЦНППМ', 'distance')`);
  for (const [k, user] of Object.entries(users)) as[k] = await t.login(user);
}, 120_000);
afterAll(async () => t.close());

describe('GET /api/search', () => {
  it('the school head finds their school’s people, not another school’s', async () => {
    const r = await find('head1', 'семина');
    expect(ids(r.people)).toEqual([w.p1]);
    expect(r.people!.total).toBe(1);
    expect(r.people!.items[0]).toMatchObject({
      title: 'Сёмина Анна Петровна',
      link: `/people/${w.p1}`,
    });
    expect(r.people!.items[0]!.detail).toContain('Учитель');
    expect(ids(r.organizations)).toEqual([]);
    const orgs = await find('head1', 'поисковая сош');
    expect(ids(orgs.organizations)).toEqual([w.school1]);
  });

  it('the methodist finds the municipality, in natural order, every word matched', async () => {
    const r = await find('methodist', 'Семина');
    expect(ids(r.people)).toEqual([w.p1, w.p10].sort());
    const orgs = await find('methodist', 'Поисковая СОШ');
    // «№ 1» before «№ 10»; the neighbouring municipality's school is not there.
    expect(orgs.organizations!.items.map((o) => o.id)).toEqual([w.school1, w.school10]);
    expect(orgs.organizations!.items[0]).toMatchObject({
      detail: 'Поисковый район',
      link: `/organizations/${w.school1}`,
    });
    // A number is matched whole: «1» is not «10».
    const one = await find('methodist', 'поисковая 1');
    expect(one.organizations!.items.map((o) => o.id)).toEqual([w.school1]);
    const both = await find('methodist', 'ольга семина');
    expect(ids(both.people)).toEqual([w.p10]);
  });

  it('the region finds every municipality of the region', async () => {
    const r = await find('region', 'семина');
    expect(ids(r.people)).toEqual([w.p1, w.p10, w.pB].sort());
    expect(r.organizations!.total).toBe(0);
  });

  it('the curator finds only their assigned people and no organizations', async () => {
    const r = await find('curator', 'семина');
    expect(ids(r.people)).toEqual([w.p10]);
    expect(r.organizations).toBeNull();
  });

  it('the teacher finds no people or organizations, but the catalog', async () => {
    const r = await find('teacher', 'семина');
    expect(r.people).toBeNull();
    expect(r.organizations).toBeNull();
    const programs = await find('teacher', 'поисковые задачи');
    expect(programs.programs.items).toHaveLength(1);
    expect(programs.programs.items[0]).toMatchObject({ title: 'Поисковые задачи на уроке математики' });
    expect(programs.programs.items[0]!.detail).toBe('ПОИСК-36 · 36 ч');
    expect(programs.programs.items[0]!.link).toMatch(/^\/catalog\/programs\//);
  });

  it('writes the people it shows to the audit log', async () => {
    await find('head1', 'сёмина');
    const rows = await t.db.query<{ details: { q: string; returned: number } }>(sql`
      SELECT details FROM audit_log WHERE actor_user_id = ${w.headUser} AND entity = 'person_search'
      ORDER BY id DESC LIMIT 1`);
    expect(rows[0]?.details).toMatchObject({ q: 'сёмина', returned: 1, total: 1 });
  });

  it('refuses a query shorter than two characters and an anonymous caller', async () => {
    expect((await as.methodist!.get('/api/search?q=%20с%20')).status).toBe(422);
    expect((await as.methodist!.get('/api/search')).status).toBe(422);
    expect((await t.client().get('/api/search?q=семина')).status).toBe(401);
  });

  it('takes LIKE wildcards literally', async () => {
    const r = await find('methodist', '%%');
    expect(r.people!.total).toBe(0);
    expect(r.organizations!.total).toBe(0);
  });
});
