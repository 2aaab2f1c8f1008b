import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';

/**
 * Keyset paging of the registry (`nextCursor` → `after`) and its cached count: pages join up to
 * the OFFSET order with ties on every sort key, a forged cursor cannot reach outside the scope,
 * and a write (a new person, an edit) is counted at once.
 */
const AS_OF = '2026-09-01';
let t: TestApp;
let admin: Client;
let methodistA: Client;
let muniB: { id: string };
let orgA: { id: string };
let orgB: { id: string };

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muniA = await ctx.newMunicipality({ name: 'Муниципалитет А' });
  muniB = await ctx.newMunicipality({ regionId: muniA.regionId, name: 'Муниципалитет Б' });
  orgA = await ctx.newOrg({ municipalityId: muniA.id });
  const orgA2 = await ctx.newOrg({ municipalityId: muniA.id });
  orgB = await ctx.newOrg({ municipalityId: muniB.id });
  // ties: the same name several times, the same birth date, one person with two jobs
  for (let i = 0; i < 7; i++) {
    await ctx.newPerson({
      organizationId: orgA.id,
      lastName: 'Тёзкина',
      firstName: 'Анна',
      birthDate: '1980-01-01',
    });
  }
  for (const [i, name] of ['Абрамова', 'Белова', 'Волкова', 'Громова', 'Дёмина'].entries()) {
    await ctx.newPerson({
      organizationId: i % 2 ? orgA.id : orgA2.id,
      lastName: name,
      birthDate: '1980-01-01',
    });
  }
  const twice = await ctx.newPerson({ organizationId: orgA.id, lastName: 'Двойнова', loadHours: 10 });
  await ctx.addEmployment({
    personId: twice.id,
    organizationId: orgA2.id,
    kind: 'internal',
    position: 'Педагог-психолог',
  });
  for (const name of ['Аникина', 'Тёзкина', 'Яковлева']) {
    await ctx.newPerson({ organizationId: orgB.id, lastName: name, birthDate: '1980-01-01' });
  }
  admin = await t.login(await ctx.newUser({ role: 'admin' }));
  methodistA = await t.login(await ctx.newUser({ role: 'municipal_methodist', municipalityId: muniA.id }));
}, 120_000);

afterAll(async () => {
  await t?.close();
});

async function allByCursor(c: Client, query: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const res: { status: number; body: any } = await c.get(
      `/api/staff?asOf=${AS_OF}&limit=${limit}&${query}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
    );
    expect(res.status).toBe(200);
    seen.push(...res.body.items.map((i: { employmentId: string }) => i.employmentId));
    after = res.body.nextCursor;
    if (!after) return seen;
  }
  throw new Error('the cursor never ran out');
}

const byOffset = async (c: Client, query: string): Promise<string[]> => {
  const res = await c.get(`/api/staff?asOf=${AS_OF}&limit=500&${query}`);
  return res.body.items.map((i: { employmentId: string }) => i.employmentId);
};

describe('staff list keyset paging', () => {
  it('pages by cursor join up to the whole list, in the same order, on every sort with ties', async () => {
    for (const sort of ['fullName', 'age', 'organization', 'position', 'category', 'load', 'startDate']) {
      for (const order of ['asc', 'desc']) {
        const q = `sort=${sort}&order=${order}`;
        const whole = await byOffset(methodistA, q);
        expect(whole).toHaveLength(14);
        expect(await allByCursor(methodistA, q, 3), q).toEqual(whole);
      }
    }
  });

  it('orders by name descending on every part of the name, not only the patronymic', async () => {
    const res = await methodistA.get(`/api/staff?asOf=${AS_OF}&sort=fullName&order=desc&limit=2`);
    expect(res.body.items[0].fullName.startsWith('Тёзкина')).toBe(true);
    const up = await methodistA.get(`/api/staff?asOf=${AS_OF}&limit=1`);
    expect(up.body.items[0].fullName.startsWith('Абрамова')).toBe(true);
  });

  it('the last page has no cursor; a name search pages by cursor too', async () => {
    const res = await methodistA.get(`/api/staff?asOf=${AS_OF}&limit=14`);
    expect(res.body.items).toHaveLength(14);
    expect(res.body.nextCursor).toBeNull();
    expect(await allByCursor(methodistA, 'q=тезкина', 2)).toHaveLength(7);
  });

  it('a forged cursor never shows another municipality: the scope stays in the query', async () => {
    // a cursor placed before everyone: still only municipality A's staff
    const forged = Buffer.from(
      JSON.stringify({
        s: 'fullName:asc',
        k: ['', '', '', '00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000000'],
      }),
    ).toString('base64url');
    const res = await methodistA.get(`/api/staff?asOf=${AS_OF}&limit=500&after=${forged}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(14);
    expect(res.body.items.every((i: { organizationId: string }) => i.organizationId !== orgB.id)).toBe(true);
    // and asking for B by filter gives nothing
    const b = await methodistA.get(`/api/staff?asOf=${AS_OF}&municipalityId=${muniB.id}&after=${forged}`);
    expect(b.body.items).toEqual([]);
  });

  it('rejects a cursor that is not one: garbage, another sort, wrong types', async () => {
    const first = await methodistA.get(`/api/staff?asOf=${AS_OF}&limit=2`);
    const cursor = first.body.nextCursor as string;
    const bad = [
      'not-a-cursor',
      cursor.slice(0, 5),
      Buffer.from(
        JSON.stringify({ s: 'fullName:asc', k: ["x'; DROP TABLE people; --", 1, 2, 3, 4] }),
      ).toString('base64url'),
      Buffer.from(JSON.stringify({ s: 'fullName:asc', k: ['a', 'b', 'c', 'not-a-uuid', 'x'] })).toString(
        'base64url',
      ),
    ];
    for (const after of bad) {
      const res = await methodistA.get(`/api/staff?asOf=${AS_OF}&after=${encodeURIComponent(after)}`);
      expect(res.status, after).toBe(422);
    }
    // a cursor of the name order does not continue the age order
    const other = await methodistA.get(
      `/api/staff?asOf=${AS_OF}&sort=age&after=${encodeURIComponent(cursor)}`,
    );
    expect(other.status).toBe(422);
  });
});

describe('staff list count cache', () => {
  it('counts a new person and an ended employment at once, though the count is cached', async () => {
    const count = async () =>
      (await admin.get(`/api/staff?asOf=${AS_OF}&organizationId=${orgB.id}`)).body.total;
    expect(await count()).toBe(3);
    expect(await count()).toBe(3);
    const p = await t.ctx.newPerson({ organizationId: orgB.id, lastName: 'Новенькая' });
    expect(await count()).toBe(4);
    // an edit through the API: the employment ends before the as-of date
    const end = await admin.post(`/api/employments/${p.employmentId}/end`, { endDate: '2026-08-01' });
    expect([200, 204]).toContain(end.status);
    expect(await count()).toBe(3);
  });
});
