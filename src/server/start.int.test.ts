import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { looseModes, loosenModes } from '../platform/db/private-data-dir.test-support.ts';

/**
 * The real server (`src/server/main.ts`, as `npm start` runs it) on a PGlite folder of the
 * test's own: its umask is 0077 and the folder — a new one, and one left by an older version with
 * loose modes — is the owner's only while it runs and after it stops. PGlite whatever the engine:
 * only the embedded database has a folder.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(ROOT, 'src/server/main.ts');
const SLOW = 300_000;
const dir = mkdtempSync(path.join(tmpdir(), 'marshrut-server-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the server and resolves once it listens; the caller stops it. */
function startServer(dataDir: string): Promise<{ child: ChildProcess; stdout: () => string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MARSHRUT_DATA_DIR: dataDir,
    MARSHRUT_DEMO: '0',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
  };
  for (const name of ['DATABASE_URL', 'MARSHRUT_ADMIN_EMAIL', 'MARSHRUT_ADMIN_PASSWORD']) delete env[name];
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], { cwd: ROOT, env, stdio: 'pipe' });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('Маршрут работает')) resolve({ child, stdout: () => out });
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      err += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}: ${err || out}`)));
  });
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

/** The process's umask as Linux reports it (null elsewhere). */
function umaskOf(pid: number): string | null {
  const status = `/proc/${pid}/status`;
  if (!existsSync(status)) return null;
  return /^Umask:\s*(\d+)/m.exec(readFileSync(status, 'utf8'))?.[1] ?? null;
}

describe('the server keeps its PGlite folder private', () => {
  const dataDir = path.join(dir, 'data');

  it(
    'a new folder: umask 0077, folder 0700, every file 0600 while serving and after stopping',
    async () => {
      const { child } = await startServer(dataDir);
      try {
        const umask = umaskOf(child.pid!);
        if (umask !== null) expect(umask).toBe('0077');
        expect(looseModes(dataDir)).toEqual([]);
      } finally {
        expect(await stop(child)).toBe(0);
      }
      expect(looseModes(dataDir)).toEqual([]);
    },
    SLOW,
  );

  it(
    'a folder with loose modes from an older version is tightened at start',
    async () => {
      // What an older version left: the same folder with the modes it had, and a stray file.
      loosenModes(dataDir);
      mkdirSync(path.join(dataDir, 'extra'), { mode: 0o755 });
      writeFileSync(path.join(dataDir, 'extra/notes.txt'), 'x', { mode: 0o644 });
      expect(looseModes(dataDir).length).toBeGreaterThan(500);
      const { child } = await startServer(dataDir);
      try {
        expect(looseModes(dataDir)).toEqual([]);
      } finally {
        expect(await stop(child)).toBe(0);
      }
    },
    SLOW,
  );
});
