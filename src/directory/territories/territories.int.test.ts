import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';

/**
 * Regions and municipalities through the API: who may add and rename them, what a duplicate or
 * another region's record answers, the audit of each change, the list with its counts and the
 * set-up status. Each test builds its own region (names carry a per-test suffix).
 */
let t: TestApp;
let admin: Client;
let n = 0;
const unique = (name: string) => `${name} ${++n}-${Math.random().toString(36).slice(2, 6)}`;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login(await t.ctx.newUser({ role: 'admin' }));
});
afterAll(async () => t.close());

const auditOf = async (entity: string, id: string) =>
  t.db.query<{ action: string; before: unknown; after: unknown; actor_email: string | null }>(sql`
    SELECT action, before, after, actor_email FROM audit_log WHERE entity = ${entity} AND entity_id = ${id} ORDER BY id`);

async function regionAdminOf(regionId: string): Promise<Client> {
  return t.login(await t.ctx.newUser({ role: 'region_admin', regionId }));
}

describe('regions', () => {
  it('the admin adds a region; a known one gets its usual code; the same name again is a 409', async () => {
    const created = await admin.post('/api/regions', { name: 'Иркутская область' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: '38', name: 'Иркутская область' });
    const again = await admin.post('/api/regions', { name: 'иркутская обл.' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('Регион «Иркутская область» уже есть.');
    expect(await auditOf('region', created.body.id)).toEqual([
      expect.objectContaining({ action: 'create', after: { code: '38', name: 'Иркутская область' } }),
    ]);
  });

  it('a name outside the list gets a code from the name; a taken code is a 409; a short name a 422', async () => {
    const name = unique('Тестовый край');
    const created = await admin.post('/api/regions', { name });
    expect(created.status).toBe(201);
    expect(created.body.code).toMatch(/^R-[0-9A-F]{6}$/);
    const taken = await admin.post('/api/regions', { name: unique('Другой край'), code: created.body.code });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toContain(`уже занят регионом «${name}»`);
    const short = await admin.post('/api/regions', { name: 'Я' });
    expect(short.status).toBe(422);
  });

  it('only the admin adds or renames regions; another region is not found for its operator', async () => {
    const own = await t.ctx.newRegion({ name: unique('Регион оператора') });
    const other = await t.ctx.newRegion({ name: unique('Чужой регион') });
    const operator = await regionAdminOf(own.id);
    expect((await operator.post('/api/regions', { name: unique('Новый') })).status).toBe(403);
    expect((await operator.patch(`/api/regions/${own.id}`, { name: unique('Своё имя') })).status).toBe(403);
    expect((await operator.patch(`/api/regions/${other.id}`, { name: unique('Чужое имя') })).status).toBe(
      404,
    );
    const newName = unique('Переименованный регион');
    const renamed = await admin.patch(`/api/regions/${own.id}`, { name: newName });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe(newName);
    const audit = await auditOf('region', own.id);
    expect(audit.at(-1)).toMatchObject({ action: 'update', after: { name: newName } });
    expect(await t.client().patch(`/api/regions/${own.id}`, { name: 'Аноним' })).toMatchObject({
      status: 401,
    });
  });
});

describe('municipalities', () => {
  it("a region's operator adds municipalities to their region only; a repeat name is a 409", async () => {
    const own = await t.ctx.newRegion();
    const other = await t.ctx.newRegion();
    const operator = await regionAdminOf(own.id);
    const created = await operator.post('/api/municipalities', { regionId: own.id, name: 'г. Зима' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ regionId: own.id, name: 'г. Зима' });
    expect(created.body.code).toMatch(/^M-/);
    const repeat = await operator.post('/api/municipalities', { regionId: own.id, name: 'Г. ЗИМА' });
    expect(repeat.status).toBe(409);
    expect(repeat.body.error.message).toBe('Муниципалитет «г. Зима» в регионе уже есть.');
    const foreign = await operator.post('/api/municipalities', { regionId: other.id, name: 'г. Саянск' });
    expect(foreign.status).toBe(403);
    const methodist = await t.login(
      await t.ctx.newUser({ role: 'municipal_methodist', regionId: own.id, municipalityId: created.body.id }),
    );
    expect((await methodist.post('/api/municipalities', { regionId: own.id, name: 'г. Тулун' })).status).toBe(
      403,
    );
    const missing = await admin.post('/api/municipalities', {
      regionId: '00000000-0000-4000-8000-000000000000',
      name: 'г. Нигде',
    });
    expect(missing.status).toBe(422);
    expect(await auditOf('municipality', created.body.id)).toEqual([
      expect.objectContaining({ action: 'create', after: expect.objectContaining({ name: 'г. Зима' }) }),
    ]);
  });

  it('a batch adds the new names once and reports the ones the region has', async () => {
    const region = await t.ctx.newRegion();
    await admin.post('/api/municipalities', { regionId: region.id, name: 'Зиминский район' });
    const batch = await admin.post('/api/municipalities/batch', {
      regionId: region.id,
      names: ['г. Зима', 'зиминский  район', 'Куйтунский район', 'г. Зима'],
    });
    expect(batch.status).toBe(200);
    expect(batch.body.created.map((m: { name: string }) => m.name)).toEqual(['г. Зима', 'Куйтунский район']);
    expect(batch.body.existing.map((m: { name: string }) => m.name)).toEqual(['Зиминский район']);
    const rows = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM municipalities WHERE region_id = ${region.id}`,
    );
    expect(rows[0]!.n).toBe(3);
  });

  it('renaming: the operator renames their own, another region’s is a 404, a methodist’s own a 403', async () => {
    const own = await t.ctx.newMunicipality();
    const foreign = await t.ctx.newMunicipality();
    const sibling = await t.ctx.newMunicipality({ regionId: own.regionId, name: unique('Соседний район') });
    const operator = await regionAdminOf(own.regionId);
    const renamed = await operator.patch(`/api/municipalities/${own.id}`, {
      name: 'Зиминский район',
      code: '25615000',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: own.id, name: 'Зиминский район', code: '25615000' });
    const audit = await auditOf('municipality', own.id);
    expect(audit.at(-1)).toMatchObject({
      action: 'update',
      before: { name: expect.any(String) },
      after: { name: 'Зиминский район', code: '25615000' },
    });
    expect((await operator.patch(`/api/municipalities/${foreign.id}`, { name: 'Чужой' })).status).toBe(404);
    const clash = await operator.patch(`/api/municipalities/${sibling.id}`, { name: 'зиминский район' });
    expect(clash.status).toBe(409);
    expect((await operator.patch(`/api/municipalities/${own.id}`, { name: 'З' })).status).toBe(422);
    const methodist = await t.login(
      await t.ctx.newUser({ role: 'municipal_methodist', regionId: own.regionId, municipalityId: own.id }),
    );
    expect((await methodist.patch(`/api/municipalities/${own.id}`, { name: 'Своё' })).status).toBe(403);
    expect((await methodist.patch(`/api/municipalities/${sibling.id}`, { name: 'Соседнее' })).status).toBe(
      404,
    );
  });

  it('the summary counts organizations, people and methodists; an operator sees their region only', async () => {
    const muni = await t.ctx.newMunicipality();
    const empty = await t.ctx.newMunicipality({ regionId: muni.regionId });
    const elsewhere = await t.ctx.newMunicipality();
    const school = await t.ctx.newOrg({ municipalityId: muni.id });
    const kinder = await t.ctx.newOrg({ municipalityId: muni.id, kind: 'preschool' });
    const both = await t.ctx.newPerson({ organizationId: school.id });
    await t.ctx.addEmployment({ personId: both.id, organizationId: kinder.id, kind: 'external' });
    await t.ctx.newPerson({ organizationId: kinder.id });
    await t.ctx.newUser({ role: 'municipal_methodist', regionId: muni.regionId, municipalityId: muni.id });
    const operator = await regionAdminOf(muni.regionId);
    const res = await operator.get('/api/territories/summary');
    expect(res.status).toBe(200);
    expect(res.body.regions).toEqual([
      expect.objectContaining({
        id: muni.regionId,
        municipalities: 2,
        organizations: 2,
        people: 2,
        editable: false,
      }),
    ]);
    const byId = new Map(res.body.municipalities.map((m: { id: string }) => [m.id, m]));
    expect(byId.get(muni.id)).toMatchObject({ organizations: 2, people: 2, methodists: 1 });
    expect(byId.get(empty.id)).toMatchObject({ organizations: 0, people: 0, methodists: 0 });
    expect(byId.has(elsewhere.id)).toBe(false);
    expect(res.body).toMatchObject({ canAddMunicipalities: true, canAddRegions: false });
    const methodist = await t.login(
      await t.ctx.newUser({ role: 'municipal_methodist', regionId: muni.regionId, municipalityId: muni.id }),
    );
    expect((await methodist.get('/api/territories/summary')).status).toBe(403);
    const all = await admin.get('/api/territories/summary');
    expect(all.body.municipalities.some((m: { id: string }) => m.id === elsewhere.id)).toBe(true);
  });
});

describe('set-up status', () => {
  it("a region's operator sees their steps turn done as the territory fills", async () => {
    const region = await t.ctx.newRegion();
    const operator = await regionAdminOf(region.id);
    const before = await operator.get('/api/setup');
    expect(before.status).toBe(200);
    expect(before.body.steps.map((s: { key: string }) => s.key)).toEqual([
      'municipalities',
      'methodist',
      'organizations',
      'staff',
      'vacancies',
      'staffing',
      'invitations',
    ]);
    expect(before.body).toMatchObject({ next: 'municipalities', empty: true });
    expect(before.body.steps.find((s: { key: string }) => s.key === 'methodist')).toMatchObject({
      done: false,
      actionable: false,
    });

    const muni = await t.ctx.newMunicipality({ regionId: region.id });
    const school = await t.ctx.newOrg({ municipalityId: muni.id });
    await t.ctx.newPerson({ organizationId: school.id });
    await t.ctx.newPerson({ organizationId: school.id });
    const after = await operator.get('/api/setup');
    const step = (key: string) => after.body.steps.find((s: { key: string }) => s.key === key);
    expect(step('municipalities')).toMatchObject({ done: true, count: 1 });
    expect(step('organizations')).toMatchObject({ done: true, count: 1, actionable: true });
    expect(step('staff')).toMatchObject({ done: true, count: 2 });
    expect(after.body).toMatchObject({ next: 'methodist', empty: false });
  });

  it("a methodist sees the registry steps of their municipality only; others' data does not count", async () => {
    const muni = await t.ctx.newMunicipality();
    const neighbour = await t.ctx.newOrg({
      municipalityId: (await t.ctx.newMunicipality({ regionId: muni.regionId })).id,
    });
    await t.ctx.newPerson({ organizationId: neighbour.id });
    const methodist = await t.login(
      await t.ctx.newUser({ role: 'municipal_methodist', regionId: muni.regionId, municipalityId: muni.id }),
    );
    const res = await methodist.get('/api/setup');
    expect(res.status).toBe(200);
    expect(res.body.steps.map((s: { key: string; count: number }) => [s.key, s.count])).toEqual([
      ['organizations', 0],
      ['staff', 0],
      ['vacancies', 0],
      ['staffing', 0],
      ['invitations', 0],
    ]);
    expect(res.body).toMatchObject({ next: 'organizations', empty: true });
  });

  it('the admin has the region step; a school head and an anonymous caller are refused', async () => {
    const res = await admin.get('/api/setup');
    expect(res.status).toBe(200);
    expect(res.body.steps[0]).toMatchObject({ key: 'region', done: true, actionable: true });
    const school = await t.ctx.newOrg();
    const head = await t.login(await t.ctx.newUser({ role: 'org_head', organizationId: school.id }));
    expect((await head.get('/api/setup')).status).toBe(403);
    expect((await t.client().get('/api/setup')).status).toBe(401);
  });
});
