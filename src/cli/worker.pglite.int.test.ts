import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from './cli.test-support.ts';

/** `marshrut worker` on a PGlite folder: starts, says so in Russian, stops cleanly on SIGTERM. */
describe('marshrut worker', () => {
  it('runs until SIGTERM, then stops and releases the folder (exit 0)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'marshrut-worker-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, MARSHRUT_DATA_DIR: path.join(dir, 'data') };
      delete env.DATABASE_URL;
      const child = spawn(process.execPath, [BIN, 'worker'], { env, cwd: dir, stdio: 'pipe' });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      child.stderr.on('data', (d) => {
        err += d;
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const deadline = Date.now() + 150_000;
      while (!out.includes('Обработчик фоновых заданий запущен')) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`worker: ${out}\n${err}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toContain('Обработчик фоновых заданий остановлен.');
      expect(err).not.toContain('Ошибка');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 200_000);
});
