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
  const school = await ctx.newOrg({ municipalityId: muniA.id });
  const person = await ctx.newPerson({ organizationId: school.id });
  Object.assign(w, { muniA, muniB });
  const users = {
    admin: await ctx.newUser({ role: 'admin' }),
    region: await ctx.newUser({ role: 'region_admin', regionId: muniA.regionId }),
    methodistA: await ctx.newUser({ role: 'municipal_methodist', municipalityId: muniA.id }),
    methodistB: await ctx.newUser({ role: 'municipal_methodist', municipalityId: muniB.id }),
    teacher: await ctx.newUser({ role: 'teacher', personId: person.id, organizationId: school.id }),
  };
  for (const [k, u] of Object.entries(users)) as[k] = await t.login(u);
});
afterAll(async () => t.close());

const hasKeys = (content: any) =>
  content.items.some((i: any) => i.options?.some((o: any) => 'correct' in o || 'points' in o)) ||
  'scales' in content;

describe('instrument presets', () => {
  it('401 anonymous, 403 teacher, 404 unknown preset', async () => {
    expect((await t.client().get('/api/instruments')).status).toBe(401);
    expect((await as.teacher!.post('/api/instruments/presets/teacher-demo-test')).status).toBe(403);
    expect((await as.admin!.post('/api/instruments/presets/nope')).status).toBe(404);
  });

  it('loads the demo test with the teacher framework, once', async () => {
    const first = await as.methodistA!.post('/api/instruments/presets/teacher-demo-test');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      kind: 'test',
      frameworkCode: 'teacher-544n',
      version: 1,
      keysIncluded: true,
    });
    expect(first.body.itemCount).toBeGreaterThanOrEqual(6);
    const again = await as.region!.post('/api/instruments/presets/teacher-demo-test');
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const [n] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM instruments WHERE code = 'teacher-demo-test'`,
    );
    expect(n!.n).toBe(1);
    const [f] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM competency_frameworks WHERE code = 'teacher-544n'`,
    );
    expect(f!.n).toBe(1);
    w.test = first.body;
    const burnout = await as.admin!.post('/api/instruments/presets/burnout-mbi-vodopyanova');
    expect(burnout.status).toBe(201);
    expect(burnout.body.itemCount).toBe(22);
    expect(burnout.body.content.scales.map((s: any) => s.code)).toEqual(['EE', 'DP', 'PA']);
    w.burnout = burnout.body;
    const self = await as.admin!.post('/api/instruments/presets/teacher-self-assessment');
    expect(self.status).toBe(201);
    expect(self.body.itemCount).toBe(17);
  });

  it('a teacher reads the items without the correct keys; an editor with them', async () => {
    const teacher = await as.teacher!.get(`/api/instruments/${w.test.id}`);
    expect(teacher.status).toBe(200);
    expect(teacher.body.keysIncluded).toBe(false);
    expect(hasKeys(teacher.body.content)).toBe(false);
    expect(JSON.stringify(teacher.body)).not.toContain('"correct"');
    const b = await as.teacher!.get(`/api/instruments/${w.burnout.id}`);
    expect(b.body.content.scales).toBeUndefined();
    const editor = await as.methodistB!.get(`/api/instruments/${w.test.id}`);
    expect(editor.body.keysIncluded).toBe(true);
    expect(hasKeys(editor.body.content)).toBe(true);
    expect((await as.teacher!.get('/api/instruments/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('export is a JSON file with keys, for editors only', async () => {
    expect((await as.teacher!.get(`/api/instruments/${w.test.id}/export`)).status).toBe(403);
    const res = await as.methodistA!.get(`/api/instruments/${w.test.id}/export`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="teacher-demo-test-v1.json"');
    expect(res.body.content.items[0].options.some((o: any) => o.correct === true)).toBe(true);
    const [a] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'instrument' AND action = 'export' AND entity_id = ${w.test.id}`,
    );
    expect(a!.n).toBe(1);
  });
});

describe('creating and editing instruments', () => {
  const item = (id: string, competencyCode: string) => ({
    id,
    text: `Вопрос ${id}`,
    kind: 'single',
    competencyCode,
    options: [
      { id: 'a', text: 'Да', correct: true },
      { id: 'b', text: 'Нет' },
    ],
  });

  it('422 lists competency codes unknown to the framework, in Russian', async () => {
    const res = await as.methodistA!.post('/api/instruments', {
      code: 'muni-test',
      name: 'Муниципальный тест',
      kind: 'test',
      frameworkId: w.test.frameworkId,
      content: { items: [item('1', 'T-METH-01'), item('2', 'T-XXX-01'), item('3', 'T-YYY-02')] },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('T-XXX-01, T-YYY-02');
    expect(res.body.error.issues.map((i: any) => i.path)).toEqual([
      'content.items.1.competencyCode',
      'content.items.2.competencyCode',
    ]);
  });

  it('422 on invalid content and on codes without a framework', async () => {
    const bad = await as.methodistA!.post('/api/instruments', {
      code: 'bad',
      name: 'Плохой тест',
      kind: 'test',
      frameworkId: w.test.frameworkId,
      content: {
        items: [
          {
            ...item('1', 'T-METH-01'),
            options: [
              { id: 'a', text: 'Да' },
              { id: 'b', text: 'Нет' },
            ],
          },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues[0].path).toBe('content.items.0.options');
    const noFw = await as.methodistA!.post('/api/instruments', {
      code: 'nofw',
      name: 'Без карты',
      kind: 'test',
      content: { items: [item('1', 'T-METH-01')] },
    });
    expect(noFw.status).toBe(422);
    const shape = await as.methodistA!.post('/api/instruments', {
      code: 'x',
      name: 'Форма',
      kind: 'quiz',
      content: {},
    });
    expect(shape.status).toBe(422);
  });

  it('a methodist creates a municipality instrument; PUT bumps the version; others get 404/403', async () => {
    const body = {
      code: 'muni-test',
      name: 'Муниципальный тест',
      kind: 'test',
      frameworkId: w.test.frameworkId,
      content: { items: [item('1', 'T-METH-01'), item('2', 'T-SUBJ-01')] },
    };
    const created = await as.methodistA!.post('/api/instruments', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ownerLevel: 'municipality',
      municipalityId: w.muniA.id,
      version: 1,
      canEdit: true,
    });
    const id = created.body.id;
    const updated = await as.methodistA!.put(`/api/instruments/${id}`, {
      ...body,
      content: { items: [...body.content.items, item('3', 'T-PSY-01')] },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.version).toBe(2);
    expect(updated.body.itemCount).toBe(3);

    expect((await as.methodistB!.get(`/api/instruments/${id}`)).status).toBe(404);
    expect((await as.methodistB!.put(`/api/instruments/${id}`, body)).status).toBe(404);
    expect((await as.region!.put(`/api/instruments/${id}`, body)).status).toBe(403);
    expect((await as.teacher!.put(`/api/instruments/${id}`, body)).status).toBe(403);
    expect((await as.teacher!.post('/api/instruments', body)).status).toBe(403);
    // System presets are kept by the admin.
    expect((await as.methodistA!.put(`/api/instruments/${w.test.id}`, body)).status).toBe(403);

    const list = await as.teacher!.get('/api/instruments');
    expect(list.body.items.map((i: any) => i.code).sort()).toEqual([
      'burnout-mbi-vodopyanova',
      'muni-test',
      'teacher-demo-test',
      'teacher-self-assessment',
    ]);
    const burnoutOnly = await as.teacher!.get('/api/instruments?kind=burnout');
    expect(burnoutOnly.body.items).toHaveLength(1);
    const [a] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'instrument' AND entity_id = ${id}`,
    );
    expect(a!.n).toBe(2);
  });

  it('a competency code used by an instrument can be neither renamed nor deleted (409)', async () => {
    const copy = await as.methodistA!.post(`/api/competency-frameworks/${w.test.frameworkId}/copy`);
    expect(copy.status).toBe(201);
    const comp = copy.body.groups
      .flatMap((g: any) => g.competencies)
      .find((c: any) => c.code === 'T-METH-01');
    const created = await as.methodistA!.post('/api/instruments', {
      code: 'on-copy',
      name: 'Тест по своей карте',
      kind: 'test',
      frameworkId: copy.body.id,
      content: { items: [item('1', 'T-METH-01')] },
    });
    expect(created.status).toBe(201);
    const base = `/api/competency-frameworks/${copy.body.id}`;
    const del = await as.methodistA!.delete(`${base}/competencies/${comp.id}`);
    expect(del.status).toBe(409);
    expect(del.body.error.message).toContain('«Тест по своей карте»');
    expect(
      (await as.methodistA!.patch(`${base}/competencies/${comp.id}`, { code: 'T-METH-99' })).status,
    ).toBe(409);
    expect(
      (await as.methodistA!.patch(`${base}/competencies/${comp.id}`, { name: 'Урок по ФГОС' })).status,
    ).toBe(200);
    const group = copy.body.groups.find((g: any) => g.code === 'METH');
    expect((await as.methodistA!.delete(`${base}/groups/${group.id}`)).status).toBe(409);
  });
});
