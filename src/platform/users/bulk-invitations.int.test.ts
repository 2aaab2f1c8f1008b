import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../db/database.ts';
import { readTable } from '../files/read-table.ts';

/**
 * Inviting many registry people at once, through the real server: who is selected (the caller's
 * territory, each person at their main place of work), what the list holds, the links working
 * with and without an address, repeats, and that another municipality's people are never
 * invited. Each test builds its own municipality.
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

interface World {
  n: number;
  regionId: string;
  muniA: string;
  muniB: string;
  schoolA1: { id: string; name: string };
  schoolA2: { id: string; name: string };
  schoolB: { id: string; name: string };
  people: Record<string, string>;
  methodistA: Client;
}

let seq = 0;

/** Municipality A (two schools), municipality B next to it, and their people. */
async function world(): Promise<World> {
  const { ctx, db } = t;
  const n = ++seq;
  const a = await ctx.newMunicipality();
  const b = await ctx.newMunicipality({ regionId: a.regionId });
  const schoolA1 = await ctx.newOrg({ municipalityId: a.id, fullName: `МБОУ «СОШ № 1» ${n}` });
  const schoolA2 = await ctx.newOrg({ municipalityId: a.id, fullName: `МБОУ «СОШ № 2» ${n}` });
  const schoolB = await ctx.newOrg({ municipalityId: b.id, fullName: `МБОУ «СОШ № 9» ${n}` });
  const people: Record<string, string> = {};
  const add = async (key: string, organizationId: string, email: string | null = null) => {
    const p = await ctx.newPerson({ organizationId, lastName: `${key}-${n}` });
    if (email) await db.query(sql`UPDATE people SET email = ${email} WHERE id = ${p.id}`);
    people[key] = p.id;
    return p;
  };
  await add('Адресова', schoolA1.id, `adresova${n}@school.test`);
  await add('Безадресная', schoolA1.id);
  await add('Второшкольная', schoolA2.id);
  await add('Чужая', schoolB.id, `chuzhaya${n}@school.test`);
  // Works mainly in B and part-time in A: invited from B, never by A's methodist.
  const partTimer = await add('Совместитель', schoolB.id);
  await ctx.addEmployment({ personId: partTimer.id, organizationId: schoolA1.id, kind: 'external' });
  const methodistA = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', regionId: a.regionId, municipalityId: a.id }),
  );
  const short = async (id: string) =>
    (await db.query<{ short_name: string }>(sql`SELECT short_name FROM organizations WHERE id = ${id}`))[0]!
      .short_name;
  return {
    n,
    regionId: a.regionId,
    muniA: a.id,
    muniB: b.id,
    schoolA1: { id: schoolA1.id, name: await short(schoolA1.id) },
    schoolA2: { id: schoolA2.id, name: await short(schoolA2.id) },
    schoolB: { id: schoolB.id, name: await short(schoolB.id) },
    people,
    methodistA,
  };
}

const accountsOf = async (personIds: string[]) =>
  t.db.query<{ person_id: string; email: string | null; role: string; organization_id: string }>(sql`
    SELECT person_id, email, role, organization_id FROM users
    WHERE person_id = ANY(${sql.param(personIds)}::uuid[]) ORDER BY email NULLS LAST`);

const tokenOf = (link: string) => link.split('/invite/')[1]!;

describe('bulk invitations', () => {
  it("a methodist invites their municipality's people; nobody of the neighbour municipality gets an account", async () => {
    const w = await world();
    const preview = await w.methodistA.get('/api/invitations/bulk/preview');
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ total: 3, invited: 3, withoutEmail: 2, hasAccount: 0 });

    const res = await w.methodistA.post('/api/invitations/bulk', { format: 'json' });
    expect(res.status).toBe(201);
    expect(res.body.invited).toBe(3);
    const lines = res.body.lines as {
      fullName: string;
      organization: string;
      link: string;
      email: string | null;
    }[];
    expect(lines.map((l) => [l.fullName.split(' ')[0], l.organization])).toEqual([
      [`Адресова-${w.n}`, w.schoolA1.name],
      [`Безадресная-${w.n}`, w.schoolA1.name],
      [`Второшкольная-${w.n}`, w.schoolA2.name],
    ]);
    for (const l of lines) expect(l.link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/invite\/[\w-]{20,}$/);
    expect(lines[0]!.email).toBe(`adresova${w.n}@school.test`);
    expect(lines[1]!.email).toBeNull();

    const invited = await accountsOf(Object.values(w.people));
    expect(invited.map((u) => u.person_id).sort()).toEqual(
      [w.people.Адресова, w.people.Безадресная, w.people.Второшкольная].sort(),
    );
    expect(invited.every((u) => u.role === 'teacher')).toBe(true);
    // The links are kept as hashes only.
    const raw = await t.db.query(
      sql`SELECT 1 FROM invitations WHERE token_hash = ${tokenOf(lines[0]!.link)}`,
    );
    expect(raw).toEqual([]);
    const audit = await t.db.query<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM audit_log WHERE action = 'invite' AND entity = 'user'
        AND person_id = ANY(${sql.param(Object.values(w.people))}::uuid[])`);
    expect(audit[0]!.n).toBe(3);
  });

  it('another municipality or its school is not found for the methodist; a school head invites only their school', async () => {
    const w = await world();
    expect((await w.methodistA.post('/api/invitations/bulk', { municipalityId: w.muniB })).status).toBe(404);
    expect(
      (await w.methodistA.get(`/api/invitations/bulk/preview?organizationId=${w.schoolB.id}`)).status,
    ).toBe(404);
    const head = await t.login(
      await t.ctx.newUser({ role: 'org_head', organizationId: w.schoolA2.id, municipalityId: w.muniA }),
    );
    expect((await head.post('/api/invitations/bulk', { organizationId: w.schoolA1.id })).status).toBe(404);
    const res = await head.post('/api/invitations/bulk', { format: 'json' });
    expect(res.status).toBe(201);
    expect(res.body.lines.map((l: { organization: string }) => l.organization)).toEqual([w.schoolA2.name]);
    expect((await accountsOf(Object.values(w.people))).map((u) => u.person_id)).toEqual([
      w.people.Второшкольная,
    ]);
  });

  it('roles that do not invite are refused; a wide scope must name a territory', async () => {
    const w = await world();
    const head = await t.login(
      await t.ctx.newUser({ role: 'municipal_head', regionId: w.regionId, municipalityId: w.muniA }),
    );
    expect((await head.post('/api/invitations/bulk', {})).status).toBe(403);
    const teacher = await t.login(
      await t.ctx.newUser({ role: 'teacher', personId: w.people.Адресова, organizationId: w.schoolA1.id }),
    );
    expect((await teacher.get('/api/invitations/bulk/preview')).status).toBe(403);
    const admin = await t.login(await t.ctx.newUser({ role: 'admin' }));
    const noTerritory = await admin.post('/api/invitations/bulk', {});
    expect(noTerritory.status).toBe(422);
    expect(noTerritory.body.error.message).toBe(
      'Выберите муниципалитет или организацию, сотрудников которых пригласить.',
    );
    const operator = await t.login(await t.ctx.newUser({ role: 'region_admin', regionId: w.regionId }));
    const b = await operator.get(`/api/invitations/bulk/preview?municipalityId=${w.muniB}`);
    expect(b.body).toMatchObject({ total: 2, invited: 2 });
    expect((await t.client().post('/api/invitations/bulk', {})).status).toBe(401);
  });

  it('the link sets a password; without an address on record the invitee gives one', async () => {
    const w = await world();
    const res = await w.methodistA.post('/api/invitations/bulk', {
      organizationId: w.schoolA1.id,
      format: 'json',
    });
    const [withEmail, without] = res.body.lines as { link: string; email: string | null }[];
    const anon = t.client();
    const info = await anon.get(`/api/auth/invitations/${tokenOf(without!.link)}`);
    expect(info.body).toMatchObject({ email: null, needsEmail: true });
    const noEmail = await anon.post('/api/auth/invitations/accept', {
      token: tokenOf(without!.link),
      password: 'uchitel2026',
    });
    expect(noEmail.status).toBe(422);
    const taken = await anon.post('/api/auth/invitations/accept', {
      token: tokenOf(without!.link),
      password: 'uchitel2026',
      email: withEmail!.email,
    });
    expect(taken.status).toBe(409);
    const email = `bezadresnaya${w.n}@school.test`;
    const ok = await anon.post('/api/auth/invitations/accept', {
      token: tokenOf(without!.link),
      password: 'uchitel2026',
      email,
    });
    expect(ok.status).toBe(200);
    const login = await t.client().post('/api/auth/login', { email, password: 'uchitel2026' });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ role: 'teacher', personId: w.people.Безадресная });
    const once = await anon.get(`/api/auth/invitations/${tokenOf(without!.link)}`);
    expect(once.status).toBe(404);
    const info2 = await anon.get(`/api/auth/invitations/${tokenOf(withEmail!.link)}`);
    expect(info2.body).toMatchObject({ email: withEmail!.email, needsEmail: false });
  });

  it('a second run invites nobody twice; with reissue the untaken accounts get new links', async () => {
    const w = await world();
    const first = await w.methodistA.post('/api/invitations/bulk', {
      organizationId: w.schoolA2.id,
      format: 'json',
    });
    const oldLink = first.body.lines[0].link as string;
    const again = await w.methodistA.get(`/api/invitations/bulk/preview?organizationId=${w.schoolA2.id}`);
    expect(again.body).toMatchObject({ total: 1, invited: 0, pending: 1 });
    const second = await w.methodistA.post('/api/invitations/bulk', {
      organizationId: w.schoolA2.id,
      format: 'json',
    });
    expect(second.body).toMatchObject({ invited: 0, pending: 1 });
    expect(second.body.lines[0].link).toBeNull();
    const reissued = await w.methodistA.post('/api/invitations/bulk', {
      organizationId: w.schoolA2.id,
      reissue: true,
      format: 'json',
    });
    expect(reissued.body).toMatchObject({ invited: 0, reissued: 1 });
    expect(reissued.body.lines[0].link).not.toBe(oldLink);
    expect((await t.client().get(`/api/auth/invitations/${tokenOf(oldLink)}`)).status).toBe(404);
    expect((await accountsOf([w.people.Второшкольная!])).length).toBe(1);
  });

  it('500 teachers of a municipality in one action: an XLSX of ФИО, организация, ссылка', async () => {
    const w = await world();
    const big = await t.ctx.newMunicipality({ regionId: w.regionId });
    const schools = [
      await t.ctx.newOrg({ municipalityId: big.id }),
      await t.ctx.newOrg({ municipalityId: big.id }),
    ];
    // 500 people in two schools, set-based.
    await t.db.query(sql`
      WITH p AS (
        INSERT INTO people (region_id, last_name, first_name, patronymic, birth_date, sex)
        SELECT ${w.regionId}, 'Учитель' || lpad(g::text, 3, '0'), 'Анна', 'Ивановна', DATE '1980-01-01' + g, 'f'
        FROM generate_series(1, 500) g
        RETURNING id, last_name
      )
      INSERT INTO employments (person_id, organization_id, position, staff_category, kind)
      SELECT p.id, CASE WHEN right(p.last_name, 1)::int % 2 = 0 THEN ${schools[0]!.id}::uuid ELSE ${schools[1]!.id}::uuid END,
             'Учитель', 'pedagogical', 'main'
      FROM p`);
    const methodist = await t.login(
      await t.ctx.newUser({ role: 'municipal_methodist', regionId: w.regionId, municipalityId: big.id }),
    );
    const res = await methodist.post('/api/invitations/bulk', { format: 'xlsx' });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain('.xlsx');
    const table = await readTable({ fileName: 'list.xlsx', data: new Uint8Array(res.raw) });
    expect(table.headers.slice(0, 6)).toEqual([
      '№',
      'ФИО',
      'Организация',
      'Должность',
      'Логин (эл. почта)',
      'Ссылка для входа',
    ]);
    expect(table.rows).toHaveLength(500);
    expect(new Set(table.rows.map((r) => r.cells[5])).size).toBe(500);
    expect(table.rows[0]!.cells[4]).toBe('укажет сам(а) при входе');
    const counts = await t.db.query<{ big: number; others: number }>(sql`
      SELECT count(*) FILTER (WHERE o.municipality_id = ${big.id})::int AS big,
             count(*) FILTER (WHERE o.municipality_id <> ${big.id})::int AS others
      FROM users u JOIN employments e ON e.person_id = u.person_id JOIN organizations o ON o.id = e.organization_id
      WHERE u.role = 'teacher' AND o.region_id = ${w.regionId}`);
    expect(counts[0]).toEqual({ big: 500, others: 0 });
    const csv = await t.login(
      await t.ctx.newUser({ role: 'municipal_methodist', regionId: w.regionId, municipalityId: w.muniA }),
    );
    const file = await csv.post('/api/invitations/bulk', { format: 'csv' });
    expect(file.status).toBe(201);
    expect(file.headers.get('content-type')).toContain('text/csv');
    const rows = await readTable({ fileName: 'list.csv', data: new Uint8Array(file.raw) });
    expect(rows.rows).toHaveLength(3);
  });
});
