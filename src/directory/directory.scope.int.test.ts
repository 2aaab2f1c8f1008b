import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { sql } from '../platform/db/database.ts';

/**
 * Two municipalities; A has schools S1 and S2, B has S3. Each role must see exactly its scope,
 * by list, by card and by guessing an id, and may change only what it keeps.
 */
let t: TestApp;
const w: Record<string, any> = {};
const as: Record<string, Client> = {};

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muniA = await ctx.newMunicipality();
  const muniB = await ctx.newMunicipality({ regionId: muniA.regionId });
  w.muniA = muniA;
  w.s1 = await ctx.newOrg({ municipalityId: muniA.id });
  w.s2 = await ctx.newOrg({ municipalityId: muniA.id });
  w.s3 = await ctx.newOrg({ municipalityId: muniB.id });
  w.p1 = await ctx.newPerson({ organizationId: w.s1.id, lastName: 'Первушина' });
  w.p1b = await ctx.newPerson({ organizationId: w.s1.id, lastName: 'Коллегова' });
  w.p2 = await ctx.newPerson({ organizationId: w.s2.id, lastName: 'Второва' });
  w.p3 = await ctx.newPerson({ organizationId: w.s3.id, lastName: 'Третьякова' });
  // p2 also works part-time at S1: S1's head sees that employment only.
  await ctx.addEmployment({
    personId: w.p2.id,
    organizationId: w.s1.id,
    kind: 'external',
    position: 'Педагог-психолог',
  });

  const users = {
    admin: await ctx.newUser({ role: 'admin' }),
    region: await ctx.newUser({ role: 'region_admin', regionId: muniA.regionId }),
    methodist: await ctx.newUser({
      role: 'municipal_methodist',
      municipalityId: muniA.id,
      regionId: muniA.regionId,
    }),
    head: await ctx.newUser({ role: 'municipal_head', municipalityId: muniA.id, regionId: muniA.regionId }),
    director1: await ctx.newUser({ role: 'org_head', organizationId: w.s1.id, municipalityId: muniA.id }),
    teacher1: await ctx.newUser({ role: 'teacher', personId: w.p1.id, organizationId: w.s1.id }),
    curator: await ctx.newUser({ role: 'curator', municipalityId: muniA.id }),
    expert: await ctx.newUser({ role: 'expert', municipalityId: muniA.id }),
  };
  await t.db.query(
    sql`INSERT INTO curator_assignments (curator_user_id, person_id) VALUES (${users.curator.id}, ${w.p2.id})`,
  );
  w.users = users;
  for (const [k, u] of Object.entries(users)) as[k] = await t.login(u);
});
afterAll(async () => t.close());

const names = (res: { body: { items: { fullName: string }[] } }) =>
  [...new Set(res.body.items.map((i) => i.fullName.split(' ')[0]))].sort();

describe('staff list scope', () => {
  it('gives each role exactly its people', async () => {
    const expectations: Record<string, string[]> = {
      admin: ['Второва', 'Коллегова', 'Первушина', 'Третьякова'],
      region: ['Второва', 'Коллегова', 'Первушина', 'Третьякова'],
      methodist: ['Второва', 'Коллегова', 'Первушина'],
      head: ['Второва', 'Коллегова', 'Первушина'],
      director1: ['Второва', 'Коллегова', 'Первушина'],
      teacher1: ['Первушина'],
      curator: ['Второва'],
      expert: [],
    };
    for (const [role, expected] of Object.entries(expectations)) {
      const res = await as[role]!.get('/api/staff?limit=500');
      expect(res.status, role).toBe(200);
      expect(names(res), role).toEqual(expected);
    }
  });

  it("shows a school head only the employments at their school, not a part-timer's main job", async () => {
    const res = await as.director1!.get('/api/staff?limit=500');
    const vtorova = res.body.items.filter((i: any) => i.personId === w.p2.id);
    expect(vtorova.map((i: any) => i.organizationId)).toEqual([w.s1.id]);
    expect(vtorova[0].employmentKind).toBe('external');
  });

  it('ignores a filter that points outside the scope instead of widening it', async () => {
    const res = await as.director1!.get(`/api/staff?organizationId=${w.s3.id}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(0);
  });

  it('masks СНИЛС for those who do not keep the registry', async () => {
    const full = await as.methodist!.get(`/api/staff?q=Первушина`);
    const masked = await as.head!.get(`/api/staff?q=Первушина`);
    expect(full.body.items[0].snils).toMatch(/^\d{3}-\d{3}-\d{3} \d{2}$/);
    expect(masked.body.items[0].snils).toMatch(/^\*\*\*-\*\*\*-\d{3} \d{2}$/);
  });
});

describe('cards and guessed ids', () => {
  it("answers 404 for another school's person, organization, vacancy", async () => {
    expect((await as.director1!.get(`/api/people/${w.p3.id}`)).status).toBe(404);
    expect((await as.director1!.get(`/api/organizations/${w.s2.id}`)).status).toBe(404);
    expect((await as.teacher1!.get(`/api/people/${w.p1b.id}`)).status).toBe(404);
    expect((await as.methodist!.get(`/api/people/${w.p3.id}`)).status).toBe(404);
    expect((await as.expert!.get(`/api/people/${w.p1.id}`)).status).toBe(404);
  });

  it('lets a teacher read their own card with history but no edit rights', async () => {
    const res = await as.teacher1!.get(`/api/people/${w.p1.id}`);
    expect(res.status).toBe(200);
    expect(res.body.canEdit).toBe(false);
    expect(res.body.snils).toMatch(/^\*\*\*/);
  });

  it('lists organizations by scope', async () => {
    const ids = async (c: Client) =>
      (await c.get('/api/organizations')).body.items.map((o: any) => o.id).sort();
    expect(await ids(as.director1!)).toEqual([w.s1.id]);
    expect(await ids(as.methodist!)).toEqual([w.s1.id, w.s2.id].sort());
    expect(await ids(as.expert!)).toEqual([]);
  });
});

describe('changes', () => {
  it('lets a school head edit their own staff and logs before and after', async () => {
    const res = await as.director1!.patch(`/api/people/${w.p1b.id}`, {
      category: 'highest',
      categoryDate: '2024-05-20',
    });
    expect(res.status).toBe(200);
    expect(res.body.category).toBe('highest');
    expect(res.body.categoryExpires).toBe('2029-05-20');
    const [entry] = await t.db.query<{ before: any; after: any; actor_email: string }>(
      sql`SELECT before, after, actor_email FROM audit_log WHERE person_id = ${w.p1b.id} AND action = 'update' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry!.before).toEqual({ category: 'first', categoryDate: null });
    expect(entry!.after).toEqual({ category: 'highest', categoryDate: '2024-05-20' });
    expect(entry!.actor_email).toBe(w.users.director1.email);
    const card = await as.director1!.get(`/api/people/${w.p1b.id}`);
    expect(card.body.history.some((h: any) => h.action === 'update')).toBe(true);
  });

  it("refuses to change another school's person (404) and refuses read-only roles (403)", async () => {
    expect((await as.director1!.patch(`/api/people/${w.p3.id}`, { firstName: 'Взлом' })).status).toBe(404);
    expect((await as.head!.patch(`/api/people/${w.p1.id}`, { firstName: 'Взлом' })).status).toBe(403);
    expect((await as.teacher1!.patch(`/api/people/${w.p1.id}`, { firstName: 'Сама' })).status).toBe(403);
  });

  it('validates a person: СНИЛС checksum, category date, 422 with issues', async () => {
    const res = await as.methodist!.patch(`/api/people/${w.p1.id}`, { snils: '112-233-445 96' });
    expect(res.status).toBe(422);
    expect(res.body.error.issues[0]).toEqual({ path: 'snils', message: 'неверная контрольная сумма СНИЛС' });
    const res2 = await as.methodist!.patch(`/api/people/${w.p1.id}`, {
      category: 'first',
      categoryDate: null,
    });
    expect(res2.status).toBe(422);
  });

  it('creates a person with a main employment, refuses a duplicate (409) and a second main job', async () => {
    const body = {
      lastName: 'Новикова',
      firstName: 'Анна',
      patronymic: 'Сергеевна',
      birthDate: '1999-02-01',
      sex: 'f',
      snils: '112-233-445 95',
      category: 'none',
      employment: {
        organizationId: w.s1.id,
        position: 'Учитель',
        staffCategory: 'pedagogical',
        kind: 'main',
        subjects: ['Химия'],
        loadHours: 20,
      },
    };
    const created = await as.director1!.post('/api/people', body);
    expect(created.status).toBe(201);
    expect(created.body.employments).toHaveLength(1);
    expect((await as.director1!.post('/api/people', body)).status).toBe(409);
    const second = await as.director1!.post(`/api/people/${created.body.id}/employments`, {
      organizationId: w.s1.id,
      position: 'Педагог дополнительного образования',
      staffCategory: 'pedagogical',
      kind: 'main',
    });
    expect(second.status).toBe(409);
    const outside = await as.director1!.post('/api/people', {
      ...body,
      snils: null,
      lastName: 'Чужая',
      employment: { ...body.employment, organizationId: w.s2.id },
    });
    expect(outside.status).toBe(404);
  });

  it('keeps vacancies and staffing inside the scope', async () => {
    const v = {
      organizationId: w.s1.id,
      position: 'Учитель физики',
      subject: 'Физика',
      rate: 1,
      zemsky: true,
      openedOn: '2026-09-01',
    };
    expect((await as.director1!.post('/api/vacancies', v)).status).toBe(201);
    expect((await as.director1!.post('/api/vacancies', { ...v, organizationId: w.s2.id })).status).toBe(404);
    expect((await as.head!.post('/api/vacancies', v)).status).toBe(403);
    const bad = await as.director1!.put(`/api/staffing/${w.s1.id}/2026`, {
      pedTotal: 10,
      pedOccupied: 12,
      admTotal: 3,
      admOccupied: 3,
    });
    expect(bad.status).toBe(422);
    const ok = await as.director1!.put(`/api/staffing/${w.s1.id}/2026`, {
      pedTotal: 40,
      pedOccupied: 38.5,
      admTotal: 5,
      admOccupied: 4,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.pedOccupied).toBe(38.5);
    expect((await as.methodist!.get('/api/staffing?year=2026')).body.items).toHaveLength(1);
    expect(
      (
        await as.teacher1!.put(`/api/staffing/${w.s1.id}/2026`, {
          pedTotal: 1,
          pedOccupied: 1,
          admTotal: 1,
          admOccupied: 1,
        })
      ).status,
    ).toBe(403);
  });
});

describe('users and invitations', () => {
  it('shows the audit log to the administrator only', async () => {
    expect((await as.admin!.get('/api/audit?limit=5')).status).toBe(200);
    expect((await as.methodist!.get('/api/audit')).status).toBe(403);
  });

  it('lets a school head invite their teacher, who sets a password and sees only themself', async () => {
    expect(
      (
        await as.director1!.post('/api/invitations', {
          personId: w.p3.id,
          role: 'teacher',
          email: 'x@t.local',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await as.director1!.post('/api/invitations', {
          personId: w.p1b.id,
          role: 'org_head',
          email: 'x@t.local',
        })
      ).status,
    ).toBe(403);
    const inv = await as.director1!.post('/api/invitations', {
      personId: w.p1b.id,
      role: 'teacher',
      email: 'kollegova@t.local',
    });
    expect(inv.status).toBe(201);
    const token = inv.body.link.split('/').pop();
    const anon = t.client();
    expect((await anon.get(`/api/auth/invitations/${token}`)).body.email).toBe('kollegova@t.local');
    const accepted = await anon.post('/api/auth/invitations/accept', { token, password: 'my-own-pass-1' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.personId).toBe(w.p1b.id);
    expect(names(await anon.get('/api/staff'))).toEqual(['Коллегова']);
    // the link works once
    expect(
      (await t.client().post('/api/auth/invitations/accept', { token, password: 'again-pass-2' })).status,
    ).toBe(404);
  });

  it('lets only the administrator create users', async () => {
    const body = {
      email: 'new.methodist@t.local',
      fullName: 'Новый методист',
      role: 'municipal_methodist',
      municipalityId: w.muniA.id,
    };
    expect((await as.methodist!.post('/api/users', body)).status).toBe(403);
    const res = await as.admin!.post('/api/users', body);
    expect(res.status).toBe(201);
    expect(res.body.user.regionId).toBe(w.muniA.regionId);
    expect(res.body.link).toMatch(/^\/invite\//);
    expect((await as.admin!.post('/api/users', body)).status).toBe(409);
    const missing = await as.admin!.post('/api/users', {
      ...body,
      email: 'x2@t.local',
      municipalityId: null,
    });
    expect(missing.status).toBe(422);
  });
});
