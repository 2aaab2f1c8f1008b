import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';

/**
 * The heatmap's levels and its kept aggregates: a region by municipality, a municipality by
 * organization, an organization by person; sums that agree between levels; cells that follow new
 * results, moved staff and changed thresholds; scope kept on drill-down; bounded pages.
 */

let t: TestApp;
let admin: Client;
let region: Client;
let methodistA: Client;
let frameworkId: string;
let competencyCount: number;
let c1: { id: string; code: string };
let c2: { id: string; code: string };
let muniA: { id: string; regionId: string };
let muniB: { id: string; regionId: string };
let a1: { id: string };
let a2: { id: string };
let b1: { id: string };
const p: Record<string, { id: string; snils: string | null }> = {};

const add = (person: string, competencyId: string, percent: number, on = '2026-05-10') =>
  t.db.query(sql`
    INSERT INTO competency_results (person_id, competency_id, source, procedure, assessed_on, percent)
    VALUES (${p[person]!.id}, ${competencyId}, 'import', 'Диагностика', ${on}, ${percent})`);

const url = (q: string) => `/api/deficits/heatmap?frameworkId=${frameworkId}${q}`;
const cell = (body: any, rowId: string, competencyId: string) =>
  body.rows.find((r: any) => r.id === rowId)?.cells.find((c: any) => c.competencyId === competencyId);
const sumOf = (body: any, competencyId: string) => {
  const out = { assessed: 0, deficit: 0, partial: 0 };
  for (const r of body.rows) {
    const c = r.cells.find((x: any) => x.competencyId === competencyId);
    if (c) for (const k of ['assessed', 'deficit', 'partial'] as const) out[k] += c[k];
  }
  return out;
};
const dirty = async () =>
  (
    await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM deficit_heat_dirty WHERE framework_id = ${frameworkId}`,
    )
  )[0]!.n;

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const reg = await ctx.newRegion();
  muniA = await ctx.newMunicipality({ regionId: reg.id, name: 'Город А' });
  muniB = await ctx.newMunicipality({ regionId: reg.id, name: 'Город Б' });
  a1 = await ctx.newOrg({ municipalityId: muniA.id });
  a2 = await ctx.newOrg({ municipalityId: muniA.id });
  b1 = await ctx.newOrg({ municipalityId: muniB.id });
  p.x = await ctx.newPerson({ organizationId: a1.id, lastName: 'Алексеева', subjects: ['Математика'] });
  p.y = await ctx.newPerson({ organizationId: a1.id, lastName: 'Белова', subjects: ['Физика'] });
  p.z = await ctx.newPerson({ organizationId: a2.id, lastName: 'Васильева', subjects: ['Математика'] });
  p.w = await ctx.newPerson({ organizationId: b1.id, lastName: 'Глебова', subjects: ['Химия'] });
  admin = await t.login(await ctx.newUser({ role: 'admin' }));
  region = await t.login(await ctx.newUser({ role: 'region_admin', regionId: reg.id }));
  methodistA = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', municipalityId: muniA.id, regionId: reg.id }),
  );
  const fw = await admin.post('/api/competency-frameworks/presets/teacher-544n');
  expect(fw.status).toBe(201);
  frameworkId = fw.body.id;
  competencyCount = fw.body.groups.reduce((n: number, g: any) => n + g.competencies.length, 0);
  c1 = fw.body.groups[0].competencies[0];
  c2 = fw.body.groups[1].competencies[0];
  // Thresholds 50 / 75.
  await add('x', c1.id, 30); // deficit
  await add('x', c2.id, 60); // partial
  await add('y', c1.id, 80); // none
  await add('z', c1.id, 10); // deficit
  await add('w', c1.id, 70); // partial
  await add('w', c2.id, 20); // deficit
});
afterAll(async () => t.close());

describe('heatmap levels', () => {
  it('a region sees its municipalities; each one sums its organizations', async () => {
    const top = await region.get(url(''));
    expect(top.status).toBe(200);
    expect(top.body).toMatchObject({ level: 'territory', territory: null, page: 1, total: 2 });
    expect(top.body.rows.map((r: any) => r.name)).toEqual(['Город А', 'Город Б']);
    expect(cell(top.body, muniA.id, c1.id)).toMatchObject({ assessed: 3, deficit: 2, partial: 0 });
    expect(cell(top.body, muniB.id, c2.id)).toMatchObject({ assessed: 1, deficit: 1, deficitShare: 100 });
    for (const m of [muniA, muniB]) {
      const orgs = await region.get(url(`&territoryId=${m.id}`));
      expect(orgs.status).toBe(200);
      expect(orgs.body).toMatchObject({ level: 'organization', territory: { id: m.id } });
      for (const c of [c1, c2]) {
        const own = cell(top.body, m.id, c.id);
        expect(sumOf(orgs.body, c.id)).toEqual({
          assessed: own?.assessed ?? 0,
          deficit: own?.deficit ?? 0,
          partial: own?.partial ?? 0,
        });
      }
    }
    const a = await region.get(url(`&territoryId=${muniA.id}`));
    expect(a.body.rows.map((r: any) => r.id).sort()).toEqual([a1.id, a2.id].sort());
    expect(cell(a.body, a1.id, c1.id)).toMatchObject({ assessed: 2, deficit: 1, deficitShare: 50 });
  });

  it('an organization drills down to its people, with the breadcrumb', async () => {
    const res = await region.get(url(`&organizationId=${a1.id}`));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      level: 'person',
      territory: { id: muniA.id, name: 'Город А' },
      organization: { id: a1.id },
      total: 2,
    });
    expect(res.body.rows.map((r: any) => r.id)).toEqual([p.x!.id, p.y!.id]);
    expect(cell(res.body, p.x!.id, c1.id)).toMatchObject({ assessed: 1, deficit: 1, partial: 0 });
    expect(cell(res.body, p.x!.id, c2.id)).toMatchObject({ assessed: 1, deficit: 0, partial: 1 });
  });

  it('a methodist sees the organizations of their municipality, never another one', async () => {
    const own = await methodistA.get(url(''));
    expect(own.status).toBe(200);
    expect(own.body.level).toBe('organization');
    expect(own.body.rows.map((r: any) => r.id).sort()).toEqual([a1.id, a2.id].sort());
    expect((await methodistA.get(url(`&territoryId=${muniB.id}`))).status).toBe(404);
    expect((await methodistA.get(url(`&municipalityId=${muniB.id}`))).status).toBe(404);
    expect((await methodistA.get(url(`&organizationId=${b1.id}`))).status).toBe(404);
    const bySubject = await methodistA.get(url('&by=subject'));
    expect(bySubject.body.rows.map((r: any) => r.name).sort()).toEqual(['Математика', 'Физика']);
    const file = await methodistA.get(
      `/api/deficits/heatmap/export?frameworkId=${frameworkId}&territoryId=${muniB.id}&format=csv`,
    );
    expect(file.status).toBe(404);
  });

  it('sorts on the server and pages with a total', async () => {
    const bySharedDesc = await region.get(
      url(`&territoryId=${muniA.id}&sort=deficit&dir=desc&competencyId=${c1.id}`),
    );
    expect(bySharedDesc.body.rows.map((r: any) => r.id)).toEqual([a2.id, a1.id]);
    const first = await region.get(url(`&territoryId=${muniA.id}&sort=deficit&dir=desc&pageSize=1`));
    expect(first.body).toMatchObject({ page: 1, pageSize: 1, total: 2 });
    const second = await region.get(url(`&territoryId=${muniA.id}&sort=deficit&dir=desc&pageSize=1&page=2`));
    expect(second.body.page).toBe(2);
    expect([...first.body.rows, ...second.body.rows].map((r: any) => r.id).sort()).toEqual(
      [a1.id, a2.id].sort(),
    );
  });
});

describe('kept aggregates', () => {
  it('follow new results, a move to another school and a change of thresholds', async () => {
    await add('y', c1.id, 20, '2026-06-01'); // y: none → deficit
    expect(await dirty()).toBeGreaterThan(0);
    const after = await region.get(url(''));
    expect(cell(after.body, muniA.id, c1.id)).toMatchObject({ assessed: 3, deficit: 3 });
    expect(await dirty()).toBe(0);

    // z moves from a2 (Город А) to b1 (Город Б).
    await t.db.query(sql`UPDATE employments SET end_date = '2026-06-30' WHERE person_id = ${p.z!.id}`);
    await t.ctx.addEmployment({ personId: p.z!.id, organizationId: b1.id, kind: 'main' });
    const moved = await region.get(url(''));
    expect(cell(moved.body, muniA.id, c1.id)).toMatchObject({ assessed: 2, deficit: 2 });
    expect(cell(moved.body, muniB.id, c1.id)).toMatchObject({ assessed: 2, deficit: 1, partial: 1 });

    // The deficit threshold raised to 75: w's 70 becomes a deficit.
    await t.db.query(sql`UPDATE competency_frameworks SET deficit_below = 75 WHERE id = ${frameworkId}`);
    const stricter = await region.get(url(`&territoryId=${muniB.id}`));
    expect(cell(stricter.body, b1.id, c1.id)).toMatchObject({ assessed: 2, deficit: 2, partial: 0 });
    await t.db.query(sql`UPDATE competency_frameworks SET deficit_below = 50 WHERE id = ${frameworkId}`);
  });

  it('a results import refreshes them in its own transaction', async () => {
    const csv = [
      ['СНИЛС', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Организация', 'Процедура', 'Дата', c2.code],
      [p.x!.snils!, '', '', '', '', '', 'Диагностика ЦНППМ', '20.10.2026', '90'],
    ]
      .map((r) => r.join(';'))
      .join('\r\n');
    const res = await methodistA.upload(
      `/api/assessment-results/import?frameworkId=${frameworkId}&mode=valid`,
      { name: 'r.csv', data: new TextEncoder().encode(csv) },
    );
    expect(res.status).toBe(200);
    expect(await dirty()).toBe(0);
    const cells = await t.db.query<{ partial: number; assessed: number }>(sql`
      SELECT partial, assessed FROM deficit_heat_cells
      WHERE framework_id = ${frameworkId} AND organization_id = ${a1.id} AND subject = '' AND competency_id = ${c2.id}`);
    expect(cells).toEqual([{ partial: 0, assessed: 1 }]);
  });
});

describe('bounded answers', () => {
  it('a municipality of many schools answers in pages well under 200 KB', async () => {
    const big = await t.ctx.newMunicipality({ regionId: muniA.regionId, name: 'Город В' });
    const orgs = await Promise.all(
      Array.from({ length: 90 }, () => t.ctx.newOrg({ municipalityId: big.id })),
    );
    const framework = await admin.get(`/api/competency-frameworks/${frameworkId}`);
    const ids: string[] = framework.body.groups.flatMap((g: any) => g.competencies.map((c: any) => c.id));
    for (const o of orgs) {
      const person = await t.ctx.newPerson({ organizationId: o.id });
      await t.db.query(sql`
        INSERT INTO competency_results (person_id, competency_id, source, assessed_on, percent)
        SELECT ${person.id}, c, 'import', '2026-05-10', (abs(hashtext(c::text)) % 100)
        FROM unnest(${sql.param(ids)}::uuid[]) c`);
    }
    const res = await region.get(url(`&territoryId=${big.id}&pageSize=100`));
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(90);
    expect(res.body.rows.length).toBe(res.body.pageSize);
    expect(res.body.pageSize * competencyCount).toBeLessThanOrEqual(1200);
    expect(JSON.stringify(res.body).length).toBeLessThan(200_000);
    const file = await region.get(
      `/api/deficits/heatmap/export?frameworkId=${frameworkId}&territoryId=${big.id}&format=csv`,
    );
    expect(file.status).toBe(200);
    // The file is not paged: every school of the municipality is in it.
    const text = String(file.body);
    for (const o of orgs) expect(text).toContain(o.fullName.slice(0, 30));
  });
});
