import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';

/**
 * The organizations a select offers: names only, searched on the server and cut to a limit with
 * the total that matched, within the caller's scope — an id outside it resolves to nothing.
 */
let t: TestApp;
let region: Client;
let methodist: Client;
let head: Client;
let muniA: { id: string; regionId: string };
let foreignOrg: { id: string };
let ownOrg: { id: string };

interface Answer {
  items: { id: string; shortName: string; municipalityId: string }[];
  total: number;
}

beforeAll(async () => {
  t = await startTestApp();
  muniA = await t.ctx.newMunicipality();
  const muniB = await t.ctx.newMunicipality({ regionId: muniA.regionId });
  ownOrg = await t.ctx.newOrg({ municipalityId: muniA.id, fullName: 'Гимназия № 1' });
  for (let i = 2; i <= 12; i++) await t.ctx.newOrg({ municipalityId: muniA.id, fullName: `СОШ № ${i}` });
  foreignOrg = await t.ctx.newOrg({ municipalityId: muniB.id, fullName: 'Лицей № 7' });
  region = await t.login(await t.ctx.newUser({ role: 'region_admin', regionId: muniA.regionId }));
  methodist = await t.login(
    await t.ctx.newUser({ role: 'municipal_methodist', municipalityId: muniA.id, regionId: muniA.regionId }),
  );
  head = await t.login(
    await t.ctx.newUser({
      role: 'org_head',
      organizationId: ownOrg.id,
      municipalityId: muniA.id,
      regionId: muniA.regionId,
    }),
  );
});
afterAll(async () => t.close());

const names = (a: Answer) => a.items.map((o) => o.shortName);

describe('GET /api/organizations/options', () => {
  it('lists the scope by name with the total; a limit cuts the page, not the total', async () => {
    const all = (await region.get('/api/organizations/options')).body as Answer;
    expect(all.total).toBe(13);
    expect(names(all).slice(0, 3)).toEqual(['Гимназия № 1', 'Лицей № 7', 'СОШ № 2']);
    expect(Object.keys(all.items[0]!).sort()).toEqual(['id', 'municipalityId', 'shortName']);

    const page = (await region.get('/api/organizations/options?limit=5')).body as Answer;
    expect(page.items).toHaveLength(5);
    expect(page.total).toBe(13);
  });

  it('searches by name on the server and always names the requested ids', async () => {
    const found = (await region.get(`/api/organizations/options?q=${encodeURIComponent('сош № 1')}`))
      .body as Answer;
    expect(names(found)).toEqual(['СОШ № 10', 'СОШ № 11', 'СОШ № 12']);
    expect(found.total).toBe(3);

    const withValue = (
      await region.get(`/api/organizations/options?q=${encodeURIComponent('лицей')}&ids=${ownOrg.id}&limit=1`)
    ).body as Answer;
    expect(names(withValue)).toEqual(['Лицей № 7', 'Гимназия № 1']);
    expect(withValue.total).toBe(1);
  });

  it('keeps another municipality and another school hidden, even asked by id', async () => {
    const own = (await methodist.get(`/api/organizations/options?ids=${foreignOrg.id}`)).body as Answer;
    expect(own.total).toBe(12);
    expect(own.items.map((o) => o.id)).not.toContain(foreignOrg.id);
    expect(own.items.every((o) => o.municipalityId === muniA.id)).toBe(true);

    const school = (await head.get(`/api/organizations/options?ids=${foreignOrg.id}`)).body as Answer;
    expect(school.items.map((o) => o.id)).toEqual([ownOrg.id]);
    expect(school.total).toBe(1);
  });

  it('rejects a malformed id and a limit out of range, in Russian', async () => {
    const bad = await region.get('/api/organizations/options?ids=nope');
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toMatch(/[а-я]/);
    expect((await region.get('/api/organizations/options?limit=0')).status).toBe(422);
    expect((await region.get('/api/organizations/options?limit=501')).status).toBe(422);
  });

  it('answers nobody who is not signed in', async () => {
    const res = await t.client().get('/api/organizations/options');
    expect(res.status).toBe(401);
  });
});
