import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../tests/helpers/test-db.ts';
import { verifyPassword } from '../platform/auth/password.ts';
import { type Db, sql } from '../platform/db/database.ts';
import { loadDataset } from './dataset.loader.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, loadDemoIfEmpty } from './demo.service.ts';
import { regionDatasetStream } from './region.dataset.ts';

let db: Db;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await createTestDb());
});
afterAll(async () => drop());

const count = async (query: ReturnType<typeof sql>) => (await db.query<{ n: number }>(query))[0]!.n;

describe('loadDemoIfEmpty', () => {
  it('loads the town and one account per role into an empty database', async () => {
    // The region may already exist (an administrator made it): the demo joins it.
    await db.query(sql`INSERT INTO regions (code, name) VALUES ('38', 'Иркутская область')`);
    const started = performance.now();
    const demo = await loadDemoIfEmpty(db);
    const ms = Math.round(performance.now() - started);
    console.info(`demo loaded on ${db.kind} in ${ms} ms`);
    expect(demo?.logins).toEqual(DEMO_LOGINS);

    expect(await count(sql`SELECT count(*)::int AS n FROM regions`)).toBe(1);
    expect(await count(sql`SELECT count(*)::int AS n FROM organizations`)).toBe(19);
    expect(await count(sql`SELECT count(*)::int AS n FROM people`)).toBe(534);
    expect(await count(sql`SELECT count(*)::int AS n FROM vacancies`)).toBe(8);
    expect(await count(sql`SELECT count(*)::int AS n FROM staffing`)).toBe(38);
    const staff = await db.query<{ kind: string; ped: number; adm: number; part: number }>(sql`
      SELECT o.kind,
             count(*) FILTER (WHERE e.kind = 'main' AND e.staff_category = 'pedagogical')::int AS ped,
             count(*) FILTER (WHERE e.kind = 'main' AND e.staff_category = 'managerial')::int AS adm,
             count(*) FILTER (WHERE e.kind <> 'main')::int AS part
      FROM employments e JOIN organizations o ON o.id = e.organization_id
      GROUP BY o.kind ORDER BY o.kind`);
    expect(Object.fromEntries(staff.map((r) => [r.kind, { ped: r.ped, adm: r.adm }]))).toEqual({
      school: { ped: 263, adm: 28 },
      preschool: { ped: 188, adm: 20 },
      additional: { ped: 25, adm: 8 },
    });
    expect(staff.reduce((a, r) => a + r.part, 0)).toBe(15);

    const users = await db.query<{ role: string; n: number }>(
      sql`SELECT role::text, count(*)::int AS n FROM users GROUP BY role ORDER BY role`,
    );
    expect(Object.fromEntries(users.map((u) => [u.role, u.n]))).toEqual({
      admin: 1,
      region_admin: 1,
      municipal_methodist: 1,
      municipal_head: 1,
      org_head: 2,
      teacher: 1,
      curator: 1,
      expert: 1,
    });
  });

  it('scopes the accounts: heads of two schools, a teacher of СОШ № 1, a curator of ten', async () => {
    const heads = await db.query<{ email: string; short_name: string; position: string }>(sql`
      SELECT u.email, o.short_name, e.position
      FROM users u JOIN organizations o ON o.id = u.organization_id
      JOIN employments e ON e.person_id = u.person_id AND e.organization_id = o.id
      WHERE u.role = 'org_head' AND e.kind = 'main' ORDER BY u.email`);
    expect(heads).toEqual([
      { email: 'licey@zima.demo', short_name: 'МБОУ «Зиминский лицей»', position: 'Директор' },
      { email: 'sosh1@zima.demo', short_name: 'МБОУ «СОШ № 1»', position: 'Директор' },
    ]);
    const [teacher] = await db.query<{
      short_name: string;
      kind: string;
      full_name: string;
      person: string;
    }>(sql`
      SELECT o.short_name, e.kind::text, u.full_name, p.last_name || ' ' || p.first_name || ' ' || p.patronymic AS person
      FROM users u JOIN people p ON p.id = u.person_id
      JOIN employments e ON e.person_id = p.id JOIN organizations o ON o.id = e.organization_id
      WHERE u.email = 'pedagog@zima.demo' AND e.kind = 'main'`);
    expect(teacher).toMatchObject({ short_name: 'МБОУ «СОШ № 1»', kind: 'main' });
    expect(teacher!.full_name).toBe(teacher!.person);
    expect(
      await count(sql`SELECT count(*)::int AS n FROM curator_assignments ca JOIN users u ON u.id = ca.curator_user_id
                      WHERE u.email = 'kurator@zima.demo'`),
    ).toBe(10);
    expect(
      await count(sql`SELECT count(*)::int AS n FROM curator_assignments ca JOIN users u ON u.person_id = ca.person_id
                      WHERE u.email = 'pedagog@zima.demo'`),
    ).toBe(1);
    const [territory] = await db.query<{ region: string; muni: string }>(sql`
      SELECT r.name AS region, m.name AS muni FROM users u
      JOIN regions r ON r.id = u.region_id JOIN municipalities m ON m.id = u.municipality_id
      WHERE u.email = 'metodist@zima.demo'`);
    expect(territory).toEqual({
      region: 'Иркутская область',
      muni: 'Зиминское городское муниципальное образование',
    });
  });

  it('stores argon2id hashes of the one demo password and audits every account', async () => {
    const rows = await db.query<{ password_hash: string }>(sql`SELECT password_hash FROM users`);
    for (const r of rows) expect(r.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(rows.length); // own salt each
    expect(await verifyPassword(rows[0]!.password_hash, DEMO_PASSWORD)).toBe(true);
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'user' AND action = 'create' AND actor_user_id IS NULL`,
      ),
    ).toBe(9);
  });

  it('does nothing the second time', async () => {
    expect(await loadDemoIfEmpty(db)).toBeNull();
    expect(await count(sql`SELECT count(*)::int AS n FROM organizations`)).toBe(19);
  });
});

describe('loadDataset', () => {
  it('streams a region in chunks, set-wise, next to the demo', async () => {
    const stream = regionDatasetStream({ organizations: 120, staff: 3_000, seed: 3 });
    const result = await loadDataset(db, stream, { chunkSize: 700 });
    console.info(`region of 120 organisations / 3 000 staff loaded on ${db.kind} in ${result.ms} ms`);
    expect(result).toMatchObject({ organizations: 120, people: 3_000 });
    const [r] = await db.query<{ orgs: number; people: number; emps: number }>(sql`
      SELECT (SELECT count(*)::int FROM organizations WHERE region_id = ${result.regionId}) AS orgs,
             (SELECT count(*)::int FROM people WHERE region_id = ${result.regionId}) AS people,
             (SELECT count(*)::int FROM employments e JOIN organizations o ON o.id = e.organization_id
               WHERE o.region_id = ${result.regionId}) AS emps`);
    expect(r).toEqual({ orgs: 120, people: 3_000, emps: result.employments });
  });
});
