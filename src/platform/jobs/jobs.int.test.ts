import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { factories } from '../../../tests/helpers/factories.ts';
import { adminUrl, withDatabase } from '../../../tests/helpers/pg-urls.ts';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { migrate, testEngine } from '../../../tests/helpers/test-db.ts';
import { wireContexts } from '../../server/wiring.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { type Db, openDatabase, sql } from '../db/database.ts';
import { invalid } from '../errors.ts';
import { emit, on } from '../events/events.ts';
import {
  defineJob,
  defineSchedule,
  enqueueJob,
  type JobRuntime,
  pruneFinishedJobs,
  startJobs,
  waitForJobs,
} from './jobs.queue.ts';

/**
 * Durable jobs on pg-boss, on the engine of the project: retries, refusals, progress where the UI
 * reads it, requests served while a job runs, a worker killed with -9 mid-way whose job finishes
 * after the restart without duplicates, and a schedule that runs once across two workers.
 */

const SLOW = 240_000;
const quiet = () => undefined;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, read: () => Promise<T | null | undefined | false>, ms = 180_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

// ---- job kinds of this file (defined before any runtime starts, as the wiring does) ----

/** The flaky job waits here until the test opens the gate (open before or after it arrives). */
let gateOpen = false;
let release: (() => void) | null = null;
const gate = () => {
  gateOpen = true;
  release?.();
};
const closeGate = () => {
  gateOpen = false;
  release = null;
};
defineJob<{ failFirst: boolean }>({
  kind: 'test-flaky',
  retryLimit: 2,
  retryDelaySeconds: 1,
  async run(job) {
    await job.progress(job.attempt + 1, 3, `Шаг ${job.attempt + 1}`, true);
    if (job.attempt === 0 && job.params.failFirst) throw new Error('first run fails');
    if (!gateOpen)
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    return { attempt: job.attempt };
  },
});
defineJob({
  kind: 'test-refused',
  async run() {
    throw invalid('Нельзя: так задумано.');
  },
});
let busy = true;
defineJob({
  kind: 'test-busy',
  async run(job) {
    // Small transactions back to back until the test has made its requests.
    let steps = 0;
    while (busy && steps < 100_000) {
      await job.db.transaction(async (tx) => {
        await tx.query(sql`SELECT count(*) FROM generate_series(1, 2000)`);
        await tx.query(sql`SELECT count(*) FROM jobs`);
      });
      steps++;
      await job.progress(steps, 0, 'Работаю');
    }
    return { steps };
  },
});

describe('durable jobs in the app', () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(await t.ctx.newUser({ role: 'admin' }));
  });
  afterAll(async () => t?.close());

  it(
    'a failed run is retried and then succeeds; progress and status are read through /api/jobs',
    async () => {
      closeGate();
      const id = await enqueueJob(t.db, {
        kind: 'test-flaky',
        params: { failFirst: true },
        actor: SYSTEM_ACTOR,
      });
      // The second attempt holds at the gate: the UI sees it running, with its progress.
      const running = await until('the retry to run', async () => {
        const res = await admin.get(`/api/jobs/${id}`);
        return res.body.status === 'running' && res.body.done === 2 ? res.body : null;
      });
      expect(running).toMatchObject({ kind: 'test-flaky', total: 3, message: 'Шаг 2', error: null });
      gate();
      await waitForJobs(t.db, [id]);
      const done = await admin.get(`/api/jobs/${id}`);
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({
        status: 'succeeded',
        result: { attempt: 1 },
        message: 'Готово',
        done: 3,
      });
      const boss = await until('pg-boss to settle the job', async () => {
        const [b] = await t.db.queryText<{ state: string; retry_count: number }>(
          'SELECT state::text, retry_count FROM pgboss.job WHERE id = $1',
          [id],
        );
        return b?.state === 'active' ? null : b;
      });
      expect(boss).toEqual({ state: 'completed', retry_count: 1 });
    },
    SLOW,
  );

  it(
    'a refusal (AppError) fails the job at once with its Russian message, without a retry',
    async () => {
      const id = await enqueueJob(t.db, { kind: 'test-refused', params: {}, actor: SYSTEM_ACTOR });
      await waitForJobs(t.db, [id]);
      const res = await admin.get(`/api/jobs/${id}`);
      expect(res.body).toMatchObject({ status: 'failed', error: 'Нельзя: так задумано.' });
      const boss = await until('pg-boss to settle the job', async () => {
        const [b] = await t.db.queryText<{ state: string; retry_count: number }>(
          'SELECT state::text, retry_count FROM pgboss.job WHERE id = $1',
          [id],
        );
        return b?.state === 'active' ? null : b;
      });
      expect(boss).toEqual({ state: 'completed', retry_count: 0 });
    },
    SLOW,
  );

  it(
    'a reaction that throws is logged and shows as a failed job of its kind; the emitter goes on',
    async () => {
      const logged: string[] = [];
      const off = on('assessment.campaign-closed', { name: 'test.boom', kind: 'test-reaction' }, async () => {
        throw new Error('reaction broke');
      });
      try {
        const outcome = await emit(
          'assessment.campaign-closed',
          { campaignId: '00000000-0000-0000-0000-000000000001', frameworkId: null },
          { db: t.db, actor: SYSTEM_ACTOR },
          (err, event, reaction) => logged.push(`${event} ${reaction} ${(err as Error).message}`),
        );
        const failed = outcome.jobs.find((j) => j.kind === 'test-reaction');
        expect(failed).toBeDefined();
        expect(logged).toEqual(['assessment.campaign-closed test.boom reaction broke']);
        const res = await admin.get(`/api/jobs/${failed!.id}`);
        expect(res.body).toMatchObject({
          status: 'failed',
          error: 'Задание завершилось с ошибкой. Подробности — в журнале сервера.',
        });
      } finally {
        off();
      }
    },
    SLOW,
  );

  it(
    'requests are answered while a job writes in many small transactions (one PGlite connection)',
    async () => {
      const id = await enqueueJob(t.db, { kind: 'test-busy', params: {}, actor: SYSTEM_ACTOR });
      await until('the job to run', async () => (await admin.get(`/api/jobs/${id}`)).body.done > 0);
      const seen: { status: number; job: string; done: number }[] = [];
      const latencies: number[] = [];
      for (let i = 0; i < 30; i++) {
        const started = performance.now();
        const res = await admin.get(`/api/jobs/${id}`);
        latencies.push(performance.now() - started);
        seen.push({ status: res.status, job: res.body.status, done: res.body.done });
      }
      // The job keeps writing between the requests (on a loaded machine it may not have moved on
      // within these 30, so wait for it rather than assert a pace).
      await until(
        'the job to move on',
        async () => (await admin.get(`/api/jobs/${id}`)).body.done > seen[0]!.done,
      );
      busy = false;
      // Every request was answered while the job was running.
      expect(seen.every((s) => s.status === 200 && s.job === 'running')).toBe(true);
      await waitForJobs(t.db, [id]);
      expect((await admin.get(`/api/jobs/${id}`)).body).toMatchObject({ status: 'succeeded' });
      // A figure for the record, not an assertion (the machine may be loaded).
      console.info(
        `[jobs] ${testEngine()}: 30 requests during a job, max ${Math.round(Math.max(...latencies))} ms`,
      );
    },
    SLOW,
  );

  it(
    'the scheduled clean-up deletes expired sessions and old login attempts, and keeps the live ones',
    async () => {
      const u = await t.ctx.newUser({ role: 'teacher' });
      await t.db.query(sql`
        INSERT INTO sessions (id_hash, user_id, expires_at) VALUES
          ('test-expired', ${u.id}, now() - interval '1 minute'), ('test-live', ${u.id}, now() + interval '1 hour')`);
      await t.db.query(sql`
        INSERT INTO login_attempts (email, ip, success, at) VALUES
          ('old@test', '10.0.0.1', false, now() - interval '2 days'), ('new@test', '10.0.0.1', false, now())`);
      const id = await enqueueJob(t.db, { kind: 'auth-prune', params: {}, actor: SYSTEM_ACTOR });
      await waitForJobs(t.db, [id]);
      const sessions = await t.db.query<{ id_hash: string }>(
        sql`SELECT id_hash FROM sessions WHERE id_hash LIKE 'test-%' ORDER BY 1`,
      );
      expect(sessions.map((r) => r.id_hash)).toEqual(['test-live']);
      const attempts = await t.db.query<{ email: string }>(
        sql`SELECT email FROM login_attempts WHERE email LIKE '%@test' ORDER BY 1`,
      );
      expect(attempts.map((r) => r.email)).toEqual(['new@test']);
    },
    SLOW,
  );

  it('route generation, closing a monitoring and the clean-up are registered job kinds', async () => {
    const queues = await t.db.queryText<{ name: string; policy: string }>(
      'SELECT name, policy FROM pgboss.queue ORDER BY name',
    );
    expect(queues).toEqual(
      expect.arrayContaining([
        { name: 'route-generation', policy: 'singleton' },
        { name: 'monitoring-close', policy: 'standard' },
        { name: 'auth-prune', policy: 'standard' },
        { name: 'jobs-prune', policy: 'standard' },
      ]),
    );
    const schedules = await t.db.queryText<{ name: string }>('SELECT name FROM pgboss.schedule');
    expect(schedules.map((s) => s.name)).toEqual(expect.arrayContaining(['auth-prune', 'jobs-prune']));
  });

  it('the nightly clean-up deletes rows of jobs finished over 90 days ago, and only those', async () => {
    const marker = `prune-${randomBytes(4).toString('hex')}`;
    const rows = await t.db.query<{ id: string; label: string }>(sql`
      INSERT INTO jobs (kind, status, message, created_at, finished_at)
      VALUES (${marker}, 'succeeded', 'old', now() - interval '100 days', now() - interval '91 days'),
             (${marker}, 'failed', 'old-failed', now() - interval '100 days', now() - interval '95 days'),
             (${marker}, 'succeeded', 'recent', now() - interval '10 days', now() - interval '89 days'),
             (${marker}, 'running', 'running', now() - interval '200 days', NULL),
             (${marker}, 'queued', 'queued', now() - interval '200 days', NULL)
      RETURNING id, message AS label`);
    expect(rows).toHaveLength(5);
    expect(await pruneFinishedJobs(t.db)).toBeGreaterThanOrEqual(2);
    const left = await t.db.query<{ message: string }>(
      sql`SELECT message FROM jobs WHERE kind = ${marker} ORDER BY message`,
    );
    expect(left.map((r) => r.message)).toEqual(['queued', 'recent', 'running']);
  });
});

// ---- a worker process killed mid-job ----

const WORKER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'jobs.worker.test-support.ts');
const TSX = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../node_modules/tsx/dist/esm/index.mjs',
);

/** Where the worker's database lives: a PostgreSQL database of this file, or a PGlite folder. */
interface Place {
  env: NodeJS.ProcessEnv;
  open(): Promise<Db>;
  drop(): Promise<void>;
}

async function newPlace(): Promise<Place> {
  if (testEngine() === 'postgres') {
    const name = `marshrut_t_${randomBytes(6).toString('hex')}`;
    const a = await openDatabase({ url: adminUrl(), poolSize: 1 });
    await a.queryText(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
    await a.close();
    const url = withDatabase(name);
    return {
      env: { DATABASE_URL: url },
      open: () => openDatabase({ url, poolSize: 3 }),
      async drop() {
        const b = await openDatabase({ url: adminUrl(), poolSize: 1 });
        await b.queryText(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await b.close();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'marshrut-jobs-'));
  const dataDir = path.join(dir, 'data');
  const first = await openDatabase({ dataDir });
  await migrate(first);
  await first.close();
  return {
    env: { MARSHRUT_DATA_DIR: dataDir },
    open: () => openDatabase({ dataDir }),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function startWorker(
  place: Place,
  hang: boolean,
): { child: ChildProcess; line: (re: RegExp) => Promise<string> } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...place.env,
    MARSHRUT_DEMO: '0',
    MARSHRUT_TEST_HANG_MIDWAY: hang ? '1' : '0',
  };
  delete env.NODE_OPTIONS;
  if (!place.env.DATABASE_URL) delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', TSX, WORKER], { env, stdio: 'pipe' });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    err += d;
  });
  const line = (re: RegExp) =>
    until(
      `worker output ${re}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`worker exited ${child.exitCode}: ${err}`);
        return out.match(re)?.[0] ?? null;
      },
      180_000,
    );
  return { child, line };
}

/** Six teachers with deficits in one competency, and a program that teaches it. */
async function seedDeficits(db: Db): Promise<{ frameworkId: string; personIds: string[] }> {
  const ctx = factories(db);
  const m = await ctx.newMunicipality();
  const school = await ctx.newOrg({ municipalityId: m.id });
  await ctx.newUser({ role: 'curator', municipalityId: m.id });
  const [f] = await db.query<{ id: string }>(sql`
    INSERT INTO competency_frameworks (code, name, deficit_below, partial_below)
    VALUES ('KILL-TEST', 'Карта для проверки перезапуска', 50, 75) RETURNING id`);
  const [g] = await db.query<{ id: string }>(sql`
    INSERT INTO competency_groups (framework_id, code, name) VALUES (${f!.id}, 'G', 'Группа') RETURNING id`);
  const [c] = await db.query<{ id: string }>(sql`
    INSERT INTO competencies (framework_id, group_id, code, name, position)
    VALUES (${f!.id}, ${g!.id}, 'K1', 'Компетенция K1', 0) RETURNING id`);
  const personIds: string[] = [];
  for (let i = 0; i < 6; i++) {
    const p = await ctx.newPerson({ organizationId: school.id, lastName: `Перезапускова${i}` });
    await db.query(sql`
      INSERT INTO competency_results (person_id, competency_id, source, assessed_on, percent)
      VALUES (${p.id}, ${c!.id}, 'import', '2026-10-01', ${20 + i})`);
    personIds.push(p.id);
  }
  return { frameworkId: f!.id, personIds };
}

describe('a worker killed with -9 mid-job', () => {
  it(
    `route generation resumes after the restart and finishes with one route per person (${testEngine()})`,
    async () => {
      const place = await newPlace();
      let db: Db | null = await place.open();
      let runtime: JobRuntime | null = null;
      try {
        const { frameworkId, personIds } = await seedDeficits(db);
        // Enqueue from a process that does not run jobs (as a server with MARSHRUT_JOBS=off).
        wireContexts();
        runtime = await startJobs(db, { work: false, log: quiet });
        const id = await enqueueJob(db, {
          kind: 'route-generation',
          params: { frameworkId, batchSize: 2 },
          actor: SYSTEM_ACTOR,
        });
        await runtime.stop();
        runtime = null;
        // PGlite: one process per folder, so this one lets go before the worker opens it.
        if (place.env.MARSHRUT_DATA_DIR) {
          await db.close();
          db = null;
        }

        const first = startWorker(place, true);
        expect(await first.line(/MIDWAY \S+/)).toBe(`MIDWAY ${id}`);
        first.child.kill('SIGKILL');
        await new Promise((resolve) => first.child.once('exit', resolve));

        db ??= await place.open();
        const [cut] = await db.query<{ status: string; routes: number }>(sql`
          SELECT j.status, (SELECT count(*)::int FROM learning_routes WHERE generated_by_job_id = j.id) AS routes
          FROM jobs j WHERE j.id = ${id}`);
        // Cut off after the first batch: two routes written, the job still running in the table.
        expect(cut).toEqual({ status: 'running', routes: 2 });

        // The restart (here: this process as the worker) picks the job up again and finishes it.
        runtime = await startJobs(db, { work: true, log: quiet });
        await until('the job to finish after the restart', async () => {
          const [row] = await db!.query<{ status: string }>(sql`SELECT status FROM jobs WHERE id = ${id}`);
          return row?.status === 'succeeded' || row?.status === 'failed' ? row : null;
        });
        const [job] = await db.query<{ status: string; result: Record<string, number> }>(
          sql`SELECT status, result FROM jobs WHERE id = ${id}`,
        );
        expect(job?.status).toBe('succeeded');
        expect(job?.result).toMatchObject({ routesCreated: 6, routesRegenerated: 0, peopleWithDeficits: 6 });
        const routes = await db.query<{ person_id: string; n: number; items: number }>(sql`
          SELECT r.person_id, count(*)::int AS n, min((SELECT count(*) FROM learning_route_items i WHERE i.route_id = r.id))::int AS items
          FROM learning_routes r WHERE r.framework_id = ${frameworkId} GROUP BY r.person_id`);
        expect(routes.map((r) => r.person_id).sort()).toEqual([...personIds].sort());
        expect(routes.every((r) => r.n === 1 && r.items > 0)).toBe(true);
        // pg-boss settles its job just after the handler returned (the row above is written first).
        const boss = await until('pg-boss to settle the job', async () => {
          const [b] = await db!.queryText<{ state: string; retry_count: number }>(
            'SELECT state::text, retry_count FROM pgboss.job WHERE id = $1',
            [id],
          );
          return b?.state === 'active' ? null : b;
        });
        expect(boss).toEqual({ state: 'completed', retry_count: 1 });
      } finally {
        await runtime?.stop();
        await db?.close();
        await place.drop();
      }
    },
    SLOW,
  );
});

// PostgreSQL only (defined there, not skipped here): several processes over one database.
if (testEngine() === 'postgres') {
  // ---- a schedule across two workers (PostgreSQL: PGlite is one process by construction) ----

  describe('a schedule with two workers', () => {
    it(
      'each occurrence runs once, whichever worker sends it',
      async () => {
        const place = await newPlace();
        const a = await place.open();
        const b = await place.open();
        const runtimes: JobRuntime[] = [];
        try {
          await a.queryText('CREATE TABLE test_ticks (at timestamptz NOT NULL DEFAULT now(), job_id uuid)');
          defineJob({
            kind: 'test-tick',
            async run(job) {
              await job.db.query(sql`INSERT INTO test_ticks (job_id) VALUES (${job.jobId})`);
              return null;
            },
          });
          defineSchedule({ kind: 'test-tick', cron: '* * * * *' });
          runtimes.push(await startJobs(a, { work: true, log: quiet }));
          runtimes.push(await startJobs(b, { work: true, log: quiet }));
          await until(
            'the first tick',
            async () => (await a.queryText('SELECT 1 FROM test_ticks')).length > 0,
            150_000,
          );
          // Both workers make several cron passes over the same minute meanwhile.
          await sleep(20_000);
          const perMinute = await a.queryText<{ minute: string; n: number }>(
            `SELECT date_trunc('minute', j.created_on)::text AS minute, count(*)::int AS n
             FROM test_ticks t JOIN pgboss.job j ON j.id = t.job_id GROUP BY 1`,
          );
          expect(perMinute.length).toBeGreaterThan(0);
          expect(perMinute.every((m) => m.n === 1)).toBe(true);
        } finally {
          for (const r of runtimes) await r.stop();
          await a.close();
          await b.close();
          await place.drop();
        }
      },
      SLOW,
    );
  });

  // ---- the app role on PostgreSQL: row rights on schema pgboss, nothing more ----

  describe('the app role and schema pgboss', () => {
    it(
      'marshrut_app runs and enqueues jobs, but can neither create nor drop anything in pgboss',
      async () => {
        const place = await newPlace();
        const url = new URL(place.env.DATABASE_URL!);
        url.username = 'marshrut_app';
        url.password = '';
        const app = await openDatabase({ url: url.toString(), poolSize: 2 });
        let runtime: JobRuntime | null = null;
        try {
          runtime = await startJobs(app, { work: true, log: quiet });
          closeGate();
          const id = await enqueueJob(app, {
            kind: 'test-flaky',
            params: { failFirst: false },
            actor: SYSTEM_ACTOR,
          });
          await until('the job to run', async () => {
            const [row] = await app.query<{ status: string }>(sql`SELECT status FROM jobs WHERE id = ${id}`);
            return row?.status === 'running';
          });
          gate();
          await waitForJobs(app, [id]);
          const [row] = await app.query<{ status: string }>(sql`SELECT status FROM jobs WHERE id = ${id}`);
          expect(row?.status).toBe('succeeded');
          for (const ddl of [
            'CREATE TABLE pgboss.intruder (x int)',
            'DROP TABLE pgboss.queue',
            'TRUNCATE pgboss.job',
          ])
            await expect(app.queryText(ddl), ddl).rejects.toMatchObject({ code: '42501' });
        } finally {
          await runtime?.stop();
          await app.close();
          await place.drop();
        }
      },
      SLOW,
    );
  });
}
