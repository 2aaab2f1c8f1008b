import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { lockDataDir } from './lock.ts';
import { migrate } from './migrate.ts';
import { looseModes, loosenModes } from './private-data-dir.test-support.ts';
import { makeDataDirPrivate } from './private-data-dir.ts';

/**
 * A PGlite data folder holds personal data: after the app opens it, the folder and every folder in
 * it are 0700 and every file 0600 — for a new folder (PGlite itself writes most files 0666) and for
 * an existing one with loose modes. The test process keeps its usual umask (0022), so what is
 * checked is the app's doing, not the umask's. The folder is PGlite's whatever the project's engine.
 */
const root = mkdtempSync(path.join(tmpdir(), 'marshrut-modes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const SLOW = 300_000;

const fileCount = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).length;

describe('the PGlite data folder is private', () => {
  const dir = path.join(root, 'data');

  it(
    'a new folder: 0700 with every folder 0700 and file 0600 — open, after migrations, closed',
    async () => {
      const lock = lockDataDir(dir, 'тест');
      const db = await openDatabase({ dataDir: dir });
      try {
        expect(fileCount(dir)).toBeGreaterThan(500);
        expect(looseModes(dir)).toEqual([]);
        await migrate(db);
      } finally {
        await db.close();
        lock.release();
      }
      expect(looseModes(dir)).toEqual([]);
    },
    SLOW,
  );

  it(
    'an existing folder with loose modes (0777 folders, 0666 files) is tightened when it is opened',
    async () => {
      // Its own migrated folder, not the one the test above made.
      const existing = path.join(root, 'existing');
      const first = await openDatabase({ dataDir: existing });
      try {
        await migrate(first);
      } finally {
        await first.close();
      }
      loosenModes(existing);
      expect(looseModes(existing).length).toBeGreaterThan(500);
      const db = await openDatabase({ dataDir: existing });
      try {
        expect(looseModes(existing)).toEqual([]);
        const [row] = await db.queryText<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
        expect(row!.n).toBeGreaterThan(0);
      } finally {
        await db.close();
      }
      expect(looseModes(existing)).toEqual([]);
    },
    SLOW,
  );
});

describe('makeDataDirPrivate', () => {
  it('tightens folders and files, leaves a symbolic link and what it points to alone', () => {
    const dir = path.join(root, 'plain');
    mkdirSync(path.join(dir, 'base/1'), { recursive: true });
    writeFileSync(path.join(dir, 'base/1/123'), 'x', { mode: 0o666 });
    writeFileSync(path.join(dir, 'PG_VERSION'), '17', { mode: 0o644 });
    const outside = path.join(root, 'outside.txt');
    writeFileSync(outside, 'not ours');
    chmodSync(outside, 0o644);
    symlinkSync(outside, path.join(dir, 'link'));
    loosenModes(dir);
    makeDataDirPrivate(dir);
    expect(looseModes(dir)).toEqual([]);
    expect(statSync(outside).mode & 0o777).toBe(0o644);
  });

  it('does nothing for a folder that does not exist yet', () => {
    expect(() => makeDataDirPrivate(path.join(root, 'no-such'))).not.toThrow();
  });

  it('the lock creates the folder 0700 and its file 0600 whatever the umask', () => {
    const dir = path.join(root, 'locked');
    const lock = lockDataDir(dir, 'тест');
    try {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(dir, 'marshrut.lock')).mode & 0o777).toBe(0o600);
    } finally {
      lock.release();
    }
  });
});
