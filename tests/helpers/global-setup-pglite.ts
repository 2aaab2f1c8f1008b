import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase, pgliteOf } from '../../src/platform/db/database.ts';
import { migrate } from '../../src/platform/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A tarball of a migrated PGlite data folder (PGlite.dumpDataDir), for loadDataDir. */
    pgliteTemplate: string;
  }
}

/**
 * For the PGlite project: create and migrate one PGlite once and dump its data folder, so each
 * test file opens its own copy of it (`new PGlite({ loadDataDir })`, about half a second) instead
 * of running initdb and the migrations itself. Uncompressed: it loads faster than the gzip.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'marshrut-pglite-tpl-'));
  const file = path.join(dir, 'template.tar');
  const db = await openDatabase({});
  try {
    await migrate(db);
    const dump = await pgliteOf(db)!.dumpDataDir('none');
    writeFileSync(file, new Uint8Array(await dump.arrayBuffer()));
  } finally {
    await db.close();
  }
  project.provide('pgliteTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
