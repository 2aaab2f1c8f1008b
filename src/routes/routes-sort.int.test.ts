import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { insertRoute } from './routes.test-data.ts';

/**
 * The routes list sorts on the server by any of its columns (it is paged, so the web cannot):
 * organizations in natural order, numbers by value, empty values last either way, the order
 * stable across pages; only visible routes are sorted and counted.
 */

let t: TestApp;
let methodist: Client;
const w: Record<string, string> = {};

const names = async (query: string) => {
  const res = await methodist.get(`/api/routes?${query}`);
  expect(res.status).toBe(200);
  return (res.body.items as { fullName: string }[]).map((r) => r.fullName.split(' ')[0]);
};

beforeAll(async () => {
  t = await startTestApp();
  const { ctx, db } = t;
  const muni = await ctx.newMunicipality();
  const other = await ctx.newMunicipality({ regionId: muni.regionId });
  const s10 = await ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «СОШ № 10»' });
  const s2 = await ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «СОШ № 2»' });
  const elsewhere = await ctx.newOrg({ municipalityId: other.id, fullName: 'МБОУ «СОШ № 1»' });
  const user = await ctx.newUser({
    role: 'municipal_methodist',
    regionId: muni.regionId,
    municipalityId: muni.id,
  });
  methodist = await t.login(user);
  const curator = await ctx.newUser({ role: 'curator', regionId: muni.regionId });
  const a = await ctx.newPerson({ organizationId: s10.id, lastName: 'Андреева' });
  const b = await ctx.newPerson({ organizationId: s2.id, lastName: 'Борисова' });
  const c = await ctx.newPerson({ organizationId: s10.id, lastName: 'Васильева' });
  const hidden = await ctx.newPerson({ organizationId: elsewhere.id, lastName: 'Аааа' });
  await insertRoute(db, { personId: a.id, items: [{ hours: 30 }], periodStart: '2026-10-01' });
  await insertRoute(db, {
    personId: b.id,
    curatorUserId: curator.id,
    status: 'in_progress',
    items: [{ hours: 10 }, { hours: 10, status: 'done', confirmed: true }],
  });
  await insertRoute(db, { personId: c.id, items: [{ hours: 72 }], periodStart: '2026-11-01' });
  await insertRoute(db, { personId: hidden.id, items: [{ hours: 100 }] });
  w.user = user.id;
});
afterAll(async () => t.close());

describe('GET /api/routes?sort=', () => {
  it('sorts by name by default, by organization in natural order', async () => {
    expect(await names('')).toEqual(['Андреева', 'Борисова', 'Васильева']);
    // «СОШ № 2» before «СОШ № 10»; within a school, by name.
    expect(await names('sort=organization')).toEqual(['Борисова', 'Андреева', 'Васильева']);
    expect(await names('sort=organization&order=desc')).toEqual(['Андреева', 'Васильева', 'Борисова']);
  });

  it('sorts numbers by value, statuses in their lifecycle, empty curators last', async () => {
    expect(await names('sort=hours&order=desc')).toEqual(['Васильева', 'Андреева', 'Борисова']);
    expect(await names('sort=progress&order=desc')).toEqual(['Борисова', 'Андреева', 'Васильева']);
    expect(await names('sort=status&order=desc')).toEqual(['Борисова', 'Андреева', 'Васильева']);
    expect(await names('sort=curator')).toEqual(['Борисова', 'Андреева', 'Васильева']);
    expect(await names('sort=curator&order=desc')).toEqual(['Борисова', 'Андреева', 'Васильева']);
    expect(await names('sort=period&order=desc')).toEqual(['Васильева', 'Андреева', 'Борисова']);
  });

  it('keeps the order across pages and refuses an unknown column', async () => {
    const pages = [
      ...(await names('sort=hours&pageSize=2&page=1')),
      ...(await names('sort=hours&pageSize=2&page=2')),
    ];
    expect(pages).toEqual(['Борисова', 'Андреева', 'Васильева']);
    expect((await methodist.get('/api/routes?sort=snils')).status).toBe(422);
  });
});
