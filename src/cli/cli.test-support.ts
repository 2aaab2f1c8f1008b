import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminUrl, withDatabase } from '../../tests/helpers/pg-urls.ts';
import { type Db, openDatabase } from '../platform/db/database.ts';
import { lockDataDir } from '../platform/db/lock.ts';
import { listTables } from './backup/backup.repository.ts';

/**
 * Test support for running the real `marshrut` as a child process against a database of the
 * test's own: a PGlite folder in a temporary directory, or a PostgreSQL database created for
 * the test and dropped after it.
 */
export const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/marshrut.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  opts: { env: Record<string, string>; input?: string; cwd?: string },
): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  if (!opts.env.DATABASE_URL) delete env.DATABASE_URL;
  if (!opts.env.MARSHRUT_DATA_DIR) delete env.MARSHRUT_DATA_DIR;
  if (!opts.env.MARSHRUT_BACKUP_PASSPHRASE) delete env.MARSHRUT_BACKUP_PASSPHRASE;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd: opts.cwd ?? tmpdir(), stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

/** A database the CLI is pointed at through its environment, and a way to look inside. */
export interface Target {
  env: Record<string, string>;
  /** Opens it in this process (for a PGlite folder: only while no CLI runs on it). */
  open(): Promise<{ db: Db; close(): Promise<void> }>;
  drop(): Promise<void>;
}

export class Targets {
  readonly root = mkdtempSync(path.join(tmpdir(), 'marshrut-cli-'));
  private readonly made: Target[] = [];

  constructor(readonly engine: 'pglite' | 'postgres') {}

  /** A new, empty database (not migrated). */
  async fresh(): Promise<Target> {
    return this.track(this.engine === 'pglite' ? this.folder(this.newDir()) : await this.database());
  }

  /** A copy of a PGlite folder (the CLI must not be running on it). */
  copyOf(source: Target): Target {
    const dir = this.newDir();
    cpSync(source.env.MARSHRUT_DATA_DIR!, dir, { recursive: true });
    return this.track(this.folder(dir));
  }

  async cleanup(): Promise<void> {
    for (const t of this.made) await t.drop();
    rmSync(this.root, { recursive: true, force: true });
  }

  private track(t: Target): Target {
    this.made.push(t);
    return t;
  }

  private newDir(): string {
    return path.join(this.root, randomBytes(4).toString('hex'));
  }

  private folder(dir: string): Target {
    return {
      env: { MARSHRUT_DATA_DIR: dir },
      async open() {
        const lock = lockDataDir(dir, 'тест');
        const db = await openDatabase({ dataDir: dir });
        return {
          db,
          close: async () => {
            await db.close();
            lock.release();
          },
        };
      },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }

  private async database(): Promise<Target> {
    const name = `marshrut_cli_${randomBytes(5).toString('hex')}`;
    const admin = await openDatabase({ url: adminUrl(), poolSize: 1 });
    await admin.queryText(`CREATE DATABASE ${name}`);
    await admin.close();
    const url = withDatabase(name);
    return {
      env: { DATABASE_URL: url },
      async open() {
        const db = await openDatabase({ url, poolSize: 1 });
        return { db, close: () => db.close() };
      },
      drop: async () => {
        const a = await openDatabase({ url: adminUrl(), poolSize: 1 });
        await a.queryText(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.close();
      },
    };
  }
}

/** Rows in every application table (schema_migrations aside). */
export async function countAllRows(db: Db): Promise<Record<string, number>> {
  const tables = (await listTables(db)).map((t) => t.name).sort();
  const [row] = await db.queryText<Record<string, number>>(
    `SELECT ${tables.map((t, i) => `(SELECT count(*)::int FROM "${t}") AS c${i}`).join(', ')}`,
  );
  return Object.fromEntries(tables.map((t, i) => [t, row![`c${i}`]!]));
}

export async function rowCounts(target: Target): Promise<Record<string, number>> {
  const { db, close } = await target.open();
  try {
    return await countAllRows(db);
  } finally {
    await close();
  }
}
