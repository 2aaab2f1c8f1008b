/**
 * A worker process for the kill tests (jobs.int.test.ts): opens the database the way the server
 * does (DATABASE_URL or the PGlite folder MARSHRUT_DATA_DIR, with its lock), runs the jobs, and —
 * with MARSHRUT_TEST_HANG_MIDWAY=1 — prints `MIDWAY <jobId>` once a job has committed part of its
 * work and then hangs there, so the test can kill -9 it at a known point.
 */

import { wireContexts } from '../../server/wiring.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { lockDataDir } from '../db/lock.ts';
import { startJobs } from './jobs.queue.ts';

const config = loadConfig();
if (!config.databaseUrl) lockDataDir(config.dataDir, 'тестовый обработчик заданий');
const db = await openDatabase({
  url: config.databaseUrl,
  dataDir: config.databaseUrl ? undefined : config.dataDir,
  poolSize: 3,
});
wireContexts();
const hang = process.env.MARSHRUT_TEST_HANG_MIDWAY === '1';
await startJobs(db, {
  work: true,
  async onProgress(jobId, done, total) {
    if (!hang || done === 0 || done >= total) return;
    process.stdout.write(`MIDWAY ${jobId}\n`);
    await new Promise(() => undefined);
  },
});
process.stdout.write('READY\n');
