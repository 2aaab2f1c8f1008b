import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../db/database.ts';
import { compactEngineDataWrites, engineDataVersion } from './compute-cache.ts';

/** The data version live computes are cached under: moved by writes, never by the nightly fold. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

const writesLeft = async () =>
  (await t.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM engine_data_writes`))[0]!.n;

describe('engine data version', () => {
  it('grows with each committed write, keeps its value across the fold, grows on after it', async () => {
    const org = await t.ctx.newOrg();
    const v1 = await engineDataVersion(t.db);
    await t.ctx.newPerson({ organizationId: org.id });
    const v2 = await engineDataVersion(t.db);
    expect(v2).toBeGreaterThan(v1);

    expect(await compactEngineDataWrites(t.db)).toBeGreaterThan(0);
    expect(await writesLeft()).toBe(0);
    expect(await engineDataVersion(t.db)).toBe(v2);

    // A second fold with nothing to fold changes nothing; the next write moves the version on.
    expect(await compactEngineDataWrites(t.db)).toBe(0);
    expect(await engineDataVersion(t.db)).toBe(v2);
    await t.ctx.newPerson({ organizationId: org.id });
    const v3 = await engineDataVersion(t.db);
    expect(v3).toBeGreaterThan(v2);
    await compactEngineDataWrites(t.db);
    expect(await engineDataVersion(t.db)).toBe(v3);
  });

  it('a rolled-back write leaves the version where it was', async () => {
    const org = await t.ctx.newOrg();
    const before = await engineDataVersion(t.db);
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(sql`UPDATE organizations SET rural = NOT rural WHERE id = ${org.id}`);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await engineDataVersion(t.db)).toBe(before);
  });
});
