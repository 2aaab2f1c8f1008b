import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { type Db, openDatabase } from '../../src/platform/db/database.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { adminUrl, withDatabase } from './pg-urls.ts';

/** The engine a test file runs on: the project sets MARSHRUT_TEST_DB. */
export function testEngine(): 'pglite' | 'postgres' {
  return process.env.MARSHRUT_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

let template: Promise<Blob> | null = null;

/** The migrated PGlite dump of tests/helpers/global-setup-pglite.ts, read once per test file. */
function pgliteTemplate(): Promise<Blob> | null {
  const file = inject('pgliteTemplate');
  if (!file) return null;
  template ??= readFile(file).then((bytes) => new Blob([bytes]));
  return template;
}

/**
 * A fresh, migrated database of the file's own: PGlite in memory loaded from the migrated dump,
 * or a PostgreSQL database cloned from the migrated template. Nothing is shared between test
 * files (nor between two calls in one file: each gets its own copy).
 */
export async function createTestDb(): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (testEngine() === 'pglite') {
    const dump = pgliteTemplate();
    // A project without the global setup (none today) migrates its own database.
    const db = dump ? await openDatabase({ loadDataDir: await dump }) : await openDatabase({});
    if (!dump) await migrate(db);
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
