import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../db/database.ts';

/** The audit log sorts on the server (it is paged): by time, by who, by what was done. */

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login(await t.ctx.newUser({ role: 'admin', email: 'admin.sort@test.local' }));
  await t.db.query(sql`
    INSERT INTO audit_log (actor_email, action, entity, details)
    VALUES ('b@test.local', 'update', 'person', '{"n":1}'), ('a@test.local', 'export', 'staff_list', '{"n":2}'),
           ('c@test.local', 'create', 'person', '{"n":3}'), (NULL, 'create', 'organization', '{"n":4}')`);
});
afterAll(async () => t.close());

const entries = async (query: string) => {
  const res = await admin.get(`/api/audit?entity=person&${query}`);
  expect(res.status).toBe(200);
  return (res.body.items as { actorEmail: string | null; details: { n: number } }[]).map((e) => e.details.n);
};

describe('GET /api/audit?sort=', () => {
  it('lists the latest first by default, and by time either way', async () => {
    expect(await entries('')).toEqual([3, 1]);
    expect(await entries('sort=at&order=asc')).toEqual([1, 3]);
  });

  it('sorts by who and by what was done, empty actors last', async () => {
    const all = await admin.get('/api/audit?sort=actor&order=asc&action=create');
    expect(all.body.items.map((e: { details: { n: number } }) => e.details.n)).toEqual([3, 4]);
    expect(await entries('sort=action&order=asc')).toEqual([3, 1]);
    expect(await entries('sort=action&order=desc')).toEqual([1, 3]);
    expect((await admin.get('/api/audit?sort=ip')).status).toBe(422);
  });
});
