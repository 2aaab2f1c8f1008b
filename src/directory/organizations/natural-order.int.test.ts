import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';
import { naturalOrder } from '../../platform/db/natural-order.ts';

let t: TestApp;
let methodist: Client;
let otherMethodist: Client;
const names = ['СОШ № 10', 'СОШ № 2', 'Гимназия № 3', 'СОШ № 1', 'СОШ № 1 им. А. С. Пушкина', 'СОШ № 21'];

beforeAll(async () => {
  t = await startTestApp();
  const muni = await t.ctx.newMunicipality();
  const other = await t.ctx.newMunicipality();
  for (const fullName of names) await t.ctx.newOrg({ municipalityId: muni.id, fullName });
  await t.ctx.newOrg({ municipalityId: other.id, fullName: 'СОШ № 5' });
  methodist = await t.login(
    await t.ctx.newUser({ role: 'municipal_methodist', municipalityId: muni.id, regionId: muni.regionId }),
  );
  otherMethodist = await t.login(
    await t.ctx.newUser({ role: 'municipal_methodist', municipalityId: other.id, regionId: other.regionId }),
  );
});
afterAll(async () => t.close());

describe('natural order of names', () => {
  it('the key orders numbers by value, on this engine', async () => {
    const rows = await t.db.query<{ n: string }>(sql`
      SELECT n FROM (VALUES ('СОШ № 10'), ('СОШ № 2'), ('СОШ № 1'), ('СОШ № 007'), ('СОШ № 12345678901234'), ('СОШ')) v(n)
      ORDER BY ${naturalOrder('n')}`);
    expect(rows.map((r) => r.n)).toEqual([
      'СОШ',
      'СОШ № 1',
      'СОШ № 2',
      'СОШ № 007',
      'СОШ № 10',
      'СОШ № 12345678901234',
    ]);
  });

  it('lists organizations «СОШ № 1» < «СОШ № 2» < «СОШ № 10», within the scope', async () => {
    const res = await methodist.get('/api/organizations');
    expect(res.status).toBe(200);
    expect(res.body.items.map((o: { shortName: string }) => o.shortName)).toEqual([
      'Гимназия № 3',
      'СОШ № 1',
      'СОШ № 1 им. А. С. Пушкина',
      'СОШ № 2',
      'СОШ № 10',
      'СОШ № 21',
    ]);
    const other = await otherMethodist.get('/api/organizations');
    expect(other.body.items.map((o: { shortName: string }) => o.shortName)).toEqual(['СОШ № 5']);
  });
});
