import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';

let t: TestApp;
const as: Record<string, Client> = {};
const w: Record<string, any> = {};

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muniA = await ctx.newMunicipality();
  const muniB = await ctx.newMunicipality({ regionId: muniA.regionId });
  const otherRegion = await ctx.newMunicipality();
  const school = await ctx.newOrg({ municipalityId: muniA.id });
  const person = await ctx.newPerson({ organizationId: school.id });
  Object.assign(w, { muniA, muniB, otherRegion, school });
  const users = {
    admin: await ctx.newUser({ role: 'admin' }),
    region: await ctx.newUser({ role: 'region_admin', regionId: muniA.regionId }),
    otherRegion: await ctx.newUser({ role: 'region_admin', regionId: otherRegion.regionId }),
    methodistA: await ctx.newUser({ role: 'municipal_methodist', municipalityId: muniA.id }),
    methodistB: await ctx.newUser({ role: 'municipal_methodist', municipalityId: muniB.id }),
    teacher: await ctx.newUser({ role: 'teacher', personId: person.id, organizationId: school.id }),
  };
  for (const [k, u] of Object.entries(users)) as[k] = await t.login(u);
});
afterAll(async () => t.close());

const auditCount = async (entity: string, entityId: string) => {
  const [r] = await t.db.query<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = ${entity} AND entity_id = ${entityId}`,
  );
  return r!.n;
};

describe('competency framework presets', () => {
  it('the routes are described in the OpenAPI document', async () => {
    const res = await t.client().get('/api/openapi.json');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/competency-frameworks',
        '/api/competency-frameworks/{id}/competencies/{competencyId}',
        '/api/instruments/{id}/export',
      ]),
    );
  });

  it('anonymous calls get 401', async () => {
    expect((await t.client().get('/api/competency-frameworks')).status).toBe(401);
    expect((await t.client().post('/api/competency-frameworks/presets/teacher-544n')).status).toBe(401);
  });

  it('a teacher cannot load a preset (403); an unknown preset is 404', async () => {
    expect((await as.teacher!.post('/api/competency-frameworks/presets/teacher-544n')).status).toBe(403);
    expect((await as.admin!.post('/api/competency-frameworks/presets/nope')).status).toBe(404);
  });

  it('lists the presets an empty install offers: none loaded yet, loadable by the builders only', async () => {
    expect((await t.client().get('/api/competency-frameworks/presets')).status).toBe(401);
    const methodist = await as.methodistA!.get('/api/competency-frameworks/presets');
    expect(methodist.status).toBe(200);
    expect(methodist.body).toEqual({
      items: [
        expect.objectContaining({
          code: 'teacher-544n',
          audience: 'teacher',
          competencies: 17,
          loaded: false,
        }),
        expect.objectContaining({ code: 'manager-544n', audience: 'manager', loaded: false }),
      ],
      canLoad: true,
    });
    expect(methodist.body.items[0].name).toBe('Карта компетенций педагога');
    expect((await as.admin!.get('/api/competency-frameworks/presets')).body.canLoad).toBe(true);
    expect((await as.teacher!.get('/api/competency-frameworks/presets')).body.canLoad).toBe(false);
  });

  it('loading a preset twice does not duplicate it', async () => {
    const first = await as.methodistA!.post('/api/competency-frameworks/presets/teacher-544n');
    expect(first.status).toBe(201);
    expect(first.body.ownerLevel).toBe('system');
    expect(first.body.canEdit).toBe(false);
    expect(first.body.groups.map((g: any) => g.code)).toEqual(['SUBJ', 'METH', 'PSY', 'COMM', 'MGMT']);
    for (const g of first.body.groups) {
      expect(g.competencies.length).toBeGreaterThanOrEqual(3);
      expect(g.competencies.length).toBeLessThanOrEqual(5);
      for (const c of g.competencies) expect(c.code).toMatch(new RegExp(`^T-${g.code}-\\d{2}$`));
    }
    const second = await as.region!.post('/api/competency-frameworks/presets/teacher-544n');
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    const [n] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM competency_frameworks WHERE code = 'teacher-544n'`,
    );
    expect(n!.n).toBe(1);
    expect((await as.admin!.post('/api/competency-frameworks/presets/manager-544n')).status).toBe(201);
    w.teacherFw = first.body;
  });

  it('marks the presets loaded once they are', async () => {
    const list = await as.teacher!.get('/api/competency-frameworks/presets');
    expect(list.body.items.map((p: any) => [p.code, p.loaded])).toEqual([
      ['teacher-544n', true],
      ['manager-544n', true],
    ]);
  });

  it('everyone signed in reads the list and the card', async () => {
    const list = await as.teacher!.get('/api/competency-frameworks');
    expect(list.status).toBe(200);
    expect(list.body.items.map((f: any) => f.code).sort()).toEqual(['manager-544n', 'teacher-544n']);
    const card = await as.teacher!.get(`/api/competency-frameworks/${w.teacherFw.id}`);
    expect(card.status).toBe(200);
    expect(card.body.groups).toHaveLength(5);
    expect(
      (await as.teacher!.get('/api/competency-frameworks/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404);
  });

  it('a system preset is read-only, even for an admin', async () => {
    const res = await as.admin!.patch(`/api/competency-frameworks/${w.teacherFw.id}`, { name: 'Моя карта' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/копию/);
  });
});

describe('owned copies', () => {
  it('a methodist copies the preset into their municipality and edits it', async () => {
    const copy = await as.methodistA!.post(`/api/competency-frameworks/${w.teacherFw.id}/copy`, {
      name: 'Карта компетенций педагогов муниципалитета А',
    });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({
      ownerLevel: 'municipality',
      municipalityId: w.muniA.id,
      regionId: w.muniA.regionId,
      canEdit: true,
    });
    expect(copy.body.groups.flatMap((g: any) => g.competencies)).toHaveLength(
      w.teacherFw.groups.flatMap((g: any) => g.competencies).length,
    );
    w.copyA = copy.body;

    const patched = await as.methodistA!.patch(`/api/competency-frameworks/${w.copyA.id}`, {
      deficitBelow: 40,
      partialBelow: 70,
    });
    expect(patched.status).toBe(200);
    expect([patched.body.deficitBelow, patched.body.partialBelow]).toEqual([40, 70]);
    expect(await auditCount('competency_framework', w.copyA.id)).toBe(2);
  });

  it('thresholds must be ordered and within 0–100 (422)', async () => {
    const url = `/api/competency-frameworks/${w.copyA.id}`;
    expect((await as.methodistA!.patch(url, { deficitBelow: 80 })).status).toBe(422);
    expect((await as.methodistA!.patch(url, { partialBelow: 120 })).status).toBe(422);
    expect((await as.methodistA!.patch(url, { deficitBelow: -1 })).status).toBe(422);
  });

  it('a methodist of another municipality cannot see or edit it; the region operator sees it read-only', async () => {
    const url = `/api/competency-frameworks/${w.copyA.id}`;
    expect((await as.methodistB!.get(url)).status).toBe(404);
    expect((await as.methodistB!.patch(url, { name: 'Чужая карта' })).status).toBe(404);
    const list = await as.methodistB!.get('/api/competency-frameworks');
    expect(list.body.items.map((f: any) => f.id)).not.toContain(w.copyA.id);
    const region = await as.region!.get(url);
    expect(region.status).toBe(200);
    expect(region.body.canEdit).toBe(false);
    expect((await as.region!.patch(url, { name: 'Карта региона' })).status).toBe(403);
    expect((await as.otherRegion!.get(url)).status).toBe(404);
    // The teacher of a school in municipality A reads their municipality's framework.
    expect((await as.teacher!.get(url)).status).toBe(200);
    expect((await as.teacher!.patch(url, { name: 'Карта учителя' })).status).toBe(403);
  });

  it('a region operator copies into their region; an admin must name the owner', async () => {
    const copy = await as.region!.post(`/api/competency-frameworks/${w.teacherFw.id}/copy`);
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ ownerLevel: 'region', regionId: w.muniA.regionId, canEdit: true });
    expect((await as.otherRegion!.get(`/api/competency-frameworks/${copy.body.id}`)).status).toBe(404);
    expect((await as.admin!.post(`/api/competency-frameworks/${w.teacherFw.id}/copy`)).status).toBe(422);
    const adminCopy = await as.admin!.post(`/api/competency-frameworks/${w.teacherFw.id}/copy`, {
      municipalityId: w.muniB.id,
    });
    expect(adminCopy.status).toBe(201);
    expect(adminCopy.body.municipalityId).toBe(w.muniB.id);
    expect((await as.teacher!.post(`/api/competency-frameworks/${w.teacherFw.id}/copy`)).status).toBe(403);
  });
});

describe('groups and competencies', () => {
  it('adds, renames and deletes; codes are unique per framework (409)', async () => {
    const base = `/api/competency-frameworks/${w.copyA.id}`;
    const g = await as.methodistA!.post(`${base}/groups`, { code: 'DIG', name: 'Цифровые компетенции' });
    expect(g.status).toBe(201);
    const group = g.body.groups.find((x: any) => x.code === 'DIG');
    expect(group).toBeTruthy();
    expect((await as.methodistA!.post(`${base}/groups`, { code: 'DIG', name: 'Ещё одна' })).status).toBe(409);

    const c = await as.methodistA!.post(`${base}/competencies`, {
      groupId: group.id,
      code: 'T-DIG-01',
      name: 'Работа с цифровыми сервисами',
      description: 'Использует цифровые сервисы в работе.',
    });
    expect(c.status).toBe(201);
    const comp = c.body.groups.find((x: any) => x.id === group.id).competencies[0];
    expect(comp.code).toBe('T-DIG-01');
    const dup = await as.methodistA!.post(`${base}/competencies`, {
      groupId: group.id,
      code: 'T-METH-01',
      name: 'Дубликат',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toMatch(/T-METH-01/);
    expect(
      (await as.methodistA!.patch(`${base}/competencies/${comp.id}`, { code: 'T-SUBJ-01' })).status,
    ).toBe(409);
    expect(
      (
        await as.methodistA!.post(`${base}/competencies`, {
          groupId: group.id,
          code: 'bad code!',
          name: 'Код',
        })
      ).status,
    ).toBe(422);

    const renamed = await as.methodistA!.patch(`${base}/competencies/${comp.id}`, {
      name: 'Цифровые сервисы',
    });
    expect(renamed.status).toBe(200);
    const g2 = await as.methodistA!.patch(`${base}/groups/${group.id}`, { name: 'Цифровая грамотность' });
    expect(g2.body.groups.find((x: any) => x.id === group.id).name).toBe('Цифровая грамотность');

    expect((await as.methodistB!.delete(`${base}/competencies/${comp.id}`)).status).toBe(404);
    expect((await as.region!.delete(`${base}/competencies/${comp.id}`)).status).toBe(403);
    expect((await as.methodistA!.delete(`${base}/competencies/${comp.id}`)).status).toBe(204);
    expect((await as.methodistA!.delete(`${base}/competencies/${comp.id}`)).status).toBe(404);
    expect((await as.methodistA!.delete(`${base}/groups/${group.id}`)).status).toBe(204);
    expect(await auditCount('competency', comp.id)).toBe(3);
    expect(await auditCount('competency_group', group.id)).toBe(3);
  });

  it('cannot change the groups of a system preset', async () => {
    const res = await as.admin!.post(`/api/competency-frameworks/${w.teacherFw.id}/groups`, {
      code: 'X',
      name: 'Новая группа',
    });
    expect(res.status).toBe(403);
  });
});
