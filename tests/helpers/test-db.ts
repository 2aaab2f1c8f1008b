import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { type Db, openDatabase } from '../../src/platform/db/database.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { adminUrl, withDatabase } from './pg-urls.ts';

/** The engine a test file runs on: the project sets MARSHRUT_TEST_DB. */
export function testEngine(): 'pglite' | 'postgres' {
  return process.env.MARSHRUT_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/**
 * A fresh, migrated database of the file's own: PGlite in memory, or a PostgreSQL database
 * cloned from the migrated template. Nothing is shared between test files.
 */
export async function createTestDb(): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (testEngine() === 'pglite') {
    const db = await openDatabase({});
    await migrate(db);
    return { db, drop: () => db.close() };
  }
  const name = `marshrut_t_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ url: adminUrl(), poolSize: 1 });
  await admin.queryText(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  await admin.close();
  const db = await openDatabase({ url: withDatabase(name), poolSize: 4 });
  return {
    db,
    drop: async () => {
      await db.close();
      const a = await openDatabase({ url: adminUrl(), poolSize: 1 });
      await a.queryText(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.close();
    },
  };
}

export { migrate };
