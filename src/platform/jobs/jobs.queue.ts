import { randomUUID } from 'node:crypto';
import type { Job as BossJob, PgBoss } from 'pg-boss';
import { type Actor, SYSTEM_ACTOR } from '../auth/actor.ts';
import { type Db, jobsDbOf, sql } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { BOSS_SCHEMA, bossTxOf, newBoss } from './jobs.boss.ts';

/**
 * Durable background jobs. The row in `jobs` is a job's public face (status, progress, result —
 * what the web reads through jobs.routes.ts); the execution goes through pg-boss in the same
 * database: a job is a pg-boss job with the same id, in the queue named by its kind. pg-boss
 * brings retries with backoff, heartbeats (a job of a killed process is retried), singleton
 * schedules and workers in any number of processes (`marshrut worker`).
 *
 * A job must be safe to run again: a retry, or a run cut off by a restart, starts it over.
 */

export interface JobContext {
  jobId: string;
  /** 0 on the first run, 1 on the first retry… */
  attempt: number;
  /** Progress for the UI; written at most every PROGRESS_INTERVAL_MS unless `force`. */
  progress(done: number, total: number, message?: string, force?: boolean): Promise<void>;
}

export interface JobRun<P> extends JobContext {
  db: Db;
  params: P;
  /** Who asked for the job, as they were then; their scope limits what the job touches. */
  actor: Actor;
}

export interface JobDefinition<P = unknown> {
  kind: string;
  /** How many times a failed run is retried (default 2), first after `retryDelaySeconds` (default 5), doubling. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Only one job of this kind runs at a time across all processes. */
  oneAtATime?: boolean;
  /**
   * At most one job per `singletonKey` is queued or active (pg-boss policy `exclusive`): a job sent
   * while another with its key waits or runs is not queued again. Every job of the kind has a key.
   */
  exclusiveByKey?: boolean;
  run(job: JobRun<P>): Promise<unknown>;
}

export interface ScheduleDefinition {
  /** The job kind the schedule enqueues (defined with defineJob); it runs as the system. */
  kind: string;
  /** Cron expression, in the municipality's time zone. */
  cron: string;
}

export interface JobSpec {
  kind: string;
  params: unknown;
  actor: Actor;
}

const PROGRESS_INTERVAL_MS = 250;
export const INTERRUPTED_MESSAGE = 'Прервано перезапуском сервера; запустите заново.';
const FAILED_MESSAGE = 'Задание завершилось с ошибкой. Подробности — в журнале сервера.';
/** A job runs at most this long (the heartbeat notices a dead process much sooner on PostgreSQL). */
const EXPIRE_SECONDS = 6 * 60 * 60;
/** On PostgreSQL a running job beats every 5 s; one silent for 15 s belonged to a dead process. */
const HEARTBEAT_SECONDS = 15;

const definitions = new Map<string, JobDefinition<never>>();
const schedules = new Map<string, ScheduleDefinition>();

/** Registers a kind of job: every process that may run it (app, worker) imports the definition. */
export function defineJob<P>(def: JobDefinition<P>): JobDefinition<P> {
  definitions.set(def.kind, def as JobDefinition<never>);
  return def;
}

/** A schedule that runs once per occurrence however many processes run schedules. */
export function defineSchedule(def: ScheduleDefinition): void {
  schedules.set(def.kind, def);
}

export type JobLogger = (err: unknown, jobId: string, kind: string) => void;
const defaultLogger: JobLogger = (err, jobId, kind) =>
  console.error(`job ${kind} ${jobId} failed:`, err instanceof Error ? err.stack : err);

export interface StartJobsOptions {
  /** Run the jobs in this process (MARSHRUT_JOBS=inline) or only enqueue them (off). */
  work: boolean;
  /** Time zone of the schedules. */
  timeZone?: string;
  log?: JobLogger;
  /** Called on every progress report, written or throttled (tests stop a job mid-way with it). */
  onProgress?: (jobId: string, done: number, total: number) => Promise<void> | void;
}

export interface JobRuntime {
  readonly db: Db;
  readonly boss: PgBoss;
  readonly working: boolean;
  /** Resolves when every job this process enqueued or ran has finished (tests, the CLI). */
  idle(ids?: string[]): Promise<void>;
  stop(): Promise<void>;
}

const runtimes = new Map<Db, Runtime>();

/** Schema pgboss is missing or behind: the owner has not run `marshrut migrate` since the upgrade. */
export class JobQueueNotInstalledError extends Error {
  constructor() {
    super(
      'Очередь фоновых заданий (схема pgboss) не создана или устарела: выполните `npx marshrut migrate` ' +
        'от имени владельца базы (DATABASE_URL с пользователем-владельцем) и запустите сервер снова.',
    );
    this.name = 'JobQueueNotInstalledError';
  }
}

interface Stored {
  params: unknown;
  actor: Actor;
}

class Runtime implements JobRuntime {
  readonly working: boolean;
  private readonly running = new Set<Promise<unknown>>();
  readonly enqueued = new Set<string>();
  private reconcileTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private workerIds = new Map<string, string>();
  constructor(
    /** The app's database: the key callers find this runtime by. */
    readonly key: Db,
    /** Where jobs run and the runtime's own statements go (jobsDbOf the app's database). */
    readonly db: Db,
    readonly boss: PgBoss,
    private readonly opts: StartJobsOptions,
  ) {
    this.working = opts.work;
  }

  private log(err: unknown, jobId: string, kind: string) {
    (this.opts.log ?? defaultLogger)(err, jobId, kind);
  }

  async start(): Promise<void> {
    for (const def of definitions.values()) {
      const options = {
        policy: def.oneAtATime
          ? ('singleton' as const)
          : def.exclusiveByKey
            ? ('exclusive' as const)
            : ('standard' as const),
        retryLimit: def.retryLimit ?? 2,
        retryDelay: def.retryDelaySeconds ?? 5,
        retryBackoff: true,
        retryDelayMax: 300,
        expireInSeconds: EXPIRE_SECONDS,
        deleteAfterSeconds: 7 * 24 * 60 * 60,
        // PGlite is one process by construction (the data-folder lock): a job found active at start
        // is cut off and failed below at once; a heartbeat is needed only between processes.
        ...(this.db.kind === 'postgres' ? { heartbeatSeconds: HEARTBEAT_SECONDS } : {}),
      };
      await this.boss.createQueue(def.kind, options);
      const { policy: _policy, ...changeable } = options;
      await this.boss.updateQueue(def.kind, changeable);
    }
    if (!this.working) return;
    if (this.db.kind === 'pglite') await this.failCutOff();
    await this.reconcile();
    for (const def of definitions.values()) {
      const id = await this.boss.work<Stored>(
        def.kind,
        { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: 2 },
        async ([job]) => {
          if (!job) return;
          const p = this.runOne(def, job);
          this.running.add(p);
          try {
            return await p;
          } finally {
            this.running.delete(p);
          }
        },
      );
      this.workerIds.set(def.kind, id);
    }
    for (const s of schedules.values()) {
      await this.boss.schedule(s.kind, s.cron, null, { tz: this.opts.timeZone ?? 'UTC' });
    }
    // Rows left queued/running whose pg-boss job ended for good (a kill on the last attempt).
    this.reconcileTimer = setInterval(() => {
      this.reconcile().catch((err: unknown) => this.log(err, '-', 'reconcile'));
    }, 60_000);
    this.reconcileTimer.unref();
  }

  /** PGlite: a job active in pg-boss belonged to the process that held the folder before us. */
  private async failCutOff(): Promise<void> {
    const kinds = [...definitions.keys()];
    const rows = await this.db.queryText<{ id: string; name: string }>(
      `SELECT id, name FROM ${BOSS_SCHEMA}.job WHERE state = 'active' AND name = ANY($1::text[])`,
      [kinds],
    );
    for (const r of rows) {
      await this.boss.fail(r.name, r.id, { message: INTERRUPTED_MESSAGE });
      await this.db.query(sql`
        UPDATE jobs SET status = 'queued', message = 'Прервано перезапуском; будет выполнено снова'
        WHERE id = ${r.id} AND status IN ('queued', 'running')`);
    }
  }

  /** A visible row still queued or running whose pg-boss job is gone or failed for good. */
  async reconcile(): Promise<number> {
    const rows = await this.db.queryText<{ id: string }>(
      `UPDATE jobs SET status = 'failed', finished_at = now(), message = 'Прервано',
              error = COALESCE(error, $1)
       WHERE status IN ('queued', 'running') AND created_at < now() - interval '5 seconds'
         AND NOT EXISTS (SELECT 1 FROM ${BOSS_SCHEMA}.job j
                         WHERE j.id = jobs.id AND j.state IN ('created', 'retry', 'active'))
       RETURNING id`,
      [INTERRUPTED_MESSAGE],
    );
    return rows.length;
  }

  private async runOne(
    def: JobDefinition<never>,
    job: BossJob<Stored> & { retryCount?: number; retryLimit?: number },
  ) {
    const db = this.db;
    const jobId = job.id;
    const attempt = job.retryCount ?? 0;
    const limit = job.retryLimit ?? 0;
    let lastWrite = 0;
    let lastTotal = -1;
    const ctx: JobRun<never> = {
      db,
      jobId,
      attempt,
      // A scheduled job carries no data of ours: it runs as the system.
      params: (job.data?.params ?? {}) as never,
      actor: job.data?.actor ?? SYSTEM_ACTOR,
      progress: async (done, total, message, force = false) => {
        await this.opts.onProgress?.(jobId, done, total);
        const now = Date.now();
        // A new total (a new phase) is always written; counts within a phase are throttled.
        if (!force && total === lastTotal && now - lastWrite < PROGRESS_INTERVAL_MS) return;
        lastWrite = now;
        lastTotal = total;
        await db.query(sql`
          UPDATE jobs SET done = ${done}, total = ${total}, message = COALESCE(${message ?? null}, message)
          WHERE id = ${jobId}`);
      },
    };
    const running = attempt > 0 ? `Выполняется (попытка ${attempt + 1} из ${limit + 1})` : 'Выполняется';
    await db.query(sql`
      UPDATE jobs SET status = 'running', started_at = COALESCE(started_at, now()), message = ${running},
                      done = 0, error = NULL
      WHERE id = ${jobId}`);
    try {
      const result = await def.run(ctx);
      await db.query(sql`
        UPDATE jobs SET status = 'succeeded', finished_at = now(), done = GREATEST(done, total), message = 'Готово',
                        result = ${JSON.stringify(result ?? null)}::jsonb, error = NULL
        WHERE id = ${jobId}`);
      return { ok: true };
    } catch (err) {
      this.log(err, jobId, def.kind);
      // An AppError is the user's to fix (a framework gone, a monitoring closed): no retry, its
      // message is shown. Anything else is retried while attempts remain.
      if (err instanceof AppError || attempt >= limit) {
        const message = err instanceof AppError ? err.message : FAILED_MESSAGE;
        await db
          .query(sql`
            UPDATE jobs SET status = 'failed', finished_at = now(), error = ${message}, message = 'Ошибка'
            WHERE id = ${jobId}`)
          .catch((e: unknown) => this.log(e, jobId, def.kind));
        if (err instanceof AppError) return { ok: false, error: err.message };
        throw err;
      }
      await db
        .query(sql`
          UPDATE jobs SET status = 'queued', message = ${`Ошибка; повтор (попытка ${attempt + 2} из ${limit + 1})`}
          WHERE id = ${jobId}`)
        .catch((e: unknown) => this.log(e, jobId, def.kind));
      throw err;
    }
  }

  /** Wakes this process's worker of `kind` at once instead of at its next poll. */
  nudge(kind: string): void {
    const id = this.workerIds.get(kind);
    if (id) this.boss.notifyWorker(id);
  }

  async idle(ids: string[] = [...this.enqueued]): Promise<void> {
    for (;;) {
      const open = ids.length
        ? await this.db.query<{ id: string }>(sql`
            SELECT id FROM jobs WHERE id = ANY(${sql.param(ids)}::uuid[]) AND status IN ('queued', 'running')`)
        : [];
      if (open.length === 0 && this.running.size === 0) return;
      if (this.stopped) throw new Error('job runtime stopped while waiting');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    runtimes.delete(this.key);
    runtimes.delete(this.db);
    // Graceful: running handlers finish (up to 10 minutes), so no job is cut mid-transaction.
    await this.boss.stop({ graceful: true, close: false, timeout: 10 * 60_000 });
  }
}

/**
 * Starts pg-boss for this database (the app, `marshrut worker`, CLI commands that enqueue). With
 * `work`, this process also runs the jobs and the schedules (run once across processes).
 */
export async function startJobs(db: Db, opts: StartJobsOptions): Promise<JobRuntime> {
  const existing = runtimes.get(db);
  if (existing) return existing;
  // pg-boss's polling and the jobs' own statements run on the jobs' pool (PostgreSQL), apart from
  // the connections pages use; on PGlite it is the one connection.
  const work = jobsDbOf(db);
  const boss = newBoss(work, { supervise: opts.work, schedule: opts.work, migrate: false });
  boss.on('error', (err: unknown) => (opts.log ?? defaultLogger)(err, '-', 'pg-boss'));
  try {
    await boss.start();
  } catch (err) {
    // The app role may not install the queue: the owner's `marshrut migrate` does.
    if (/not installed|requires migrations/.test((err as Error).message))
      throw new JobQueueNotInstalledError();
    throw err;
  }
  const runtime = new Runtime(db, work, boss, opts);
  runtimes.set(db, runtime);
  // A job that enqueues another passes its own db (the jobs' pool): it finds the same runtime.
  runtimes.set(work, runtime);
  try {
    await runtime.start();
  } catch (err) {
    await runtime.stop().catch(() => undefined);
    throw err;
  }
  return runtime;
}

export function jobRuntimeOf(db: Db): JobRuntime | null {
  return runtimes.get(db) ?? null;
}

/** The command-line actor has no users row: jobs keep no author for it. */
const authorOf = (actor: Actor) => (actor.userId === SYSTEM_ACTOR.userId ? null : actor.userId);

/**
 * Enqueues a job: its `jobs` row and its pg-boss job are written in one transaction, so a job is
 * either fully queued or not at all. Returns the id at once; a worker (here or in `marshrut
 * worker`) runs it.
 */
export async function enqueueJob(db: Db, spec: JobSpec): Promise<string> {
  const runtime = runtimes.get(db);
  if (!runtime) throw new Error(`enqueueJob(${spec.kind}): startJobs() was not called for this database`);
  const def = definitions.get(spec.kind);
  if (!def) throw new Error(`enqueueJob: unknown job kind ${spec.kind}`);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(sql`
      INSERT INTO jobs (kind, params, created_by, message)
      VALUES (${spec.kind}, ${JSON.stringify(spec.params ?? {})}::jsonb, ${authorOf(spec.actor)}, 'В очереди')
      RETURNING id`);
    const stored: Stored = { params: spec.params ?? {}, actor: spec.actor };
    await runtime.boss.send(spec.kind, stored as object, { id: row!.id, db: bossTxOf(tx) });
    return row!.id;
  });
  runtime.enqueued.add(id);
  runtime.nudge(spec.kind);
  return id;
}

/**
 * Enqueues many jobs of one kind inside the caller's transaction `tx` (set-based: one insert into
 * `jobs`, one into pg-boss), so they are queued exactly when the caller's own writes commit. A job
 * whose `singletonKey` is already queued or active (kinds with `exclusiveByKey`) is skipped, and its
 * `jobs` row with it. Returns the ids queued; call `nudgeJobs` after the commit to start them at once.
 */
export async function enqueueJobs(
  db: Db,
  tx: Db,
  kind: string,
  specs: { params: unknown; actor: Actor; singletonKey?: string }[],
): Promise<string[]> {
  if (specs.length === 0) return [];
  const runtime = runtimes.get(db);
  if (!runtime) throw new Error(`enqueueJobs(${kind}): startJobs() was not called for this database`);
  if (!definitions.has(kind)) throw new Error(`enqueueJobs: unknown job kind ${kind}`);
  const rows = specs.map((s) => ({
    id: randomUUID(),
    params: s.params ?? {},
    created_by: authorOf(s.actor),
    stored: { params: s.params ?? {}, actor: s.actor } satisfies Stored,
    singletonKey: s.singletonKey,
  }));
  await tx.query(sql`
    INSERT INTO jobs (id, kind, params, created_by, message)
    SELECT x.id, ${kind}, x.params, x.created_by, 'В очереди'
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id uuid, params jsonb, created_by uuid)`);
  const sent = new Set(
    (await runtime.boss.insert(
      kind,
      rows.map((r) => ({ id: r.id, data: r.stored, singletonKey: r.singletonKey })),
      { db: bossTxOf(tx), returnId: true },
    )) ?? [],
  );
  const skipped = rows.filter((r) => !sent.has(r.id)).map((r) => r.id);
  if (skipped.length) await tx.query(sql`DELETE FROM jobs WHERE id = ANY(${sql.param(skipped)}::uuid[])`);
  const ids = rows.filter((r) => sent.has(r.id)).map((r) => r.id);
  for (const id of ids) runtime.enqueued.add(id);
  return ids;
}

/** Wakes this process's worker of `kind` (after the transaction that enqueued its jobs commits). */
export function nudgeJobs(db: Db, kind: string): void {
  runtimes.get(db)?.nudge(kind);
}

/** A reaction that failed before it could enqueue its job: a failed row the user can see. */
export async function recordFailedJob(db: Db, spec: JobSpec, err: unknown): Promise<string> {
  const message = err instanceof AppError ? err.message : FAILED_MESSAGE;
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO jobs (kind, params, created_by, status, message, error, finished_at)
    VALUES (${spec.kind}, ${JSON.stringify(spec.params ?? {})}::jsonb, ${authorOf(spec.actor)},
            'failed', 'Ошибка', ${message}, now())
    RETURNING id`);
  return row!.id;
}

/** Resolves when every job enqueued through this database has finished (tests, the CLI). */
export async function waitForJobs(db: Db, ids?: string[]): Promise<void> {
  const runtime = runtimes.get(db);
  if (runtime) await runtime.idle(ids);
}

/** Stops the runtimes of a database (the app's onClose). */
export async function stopJobs(db: Db): Promise<void> {
  await runtimes.get(db)?.stop();
}

/** How long a finished job's row (its progress, result or error) stays readable. */
export const FINISHED_JOB_KEEP_DAYS = 90;

/**
 * Deletes the rows of jobs that finished more than `keepDays` ago (pg-boss prunes its own tables).
 * A route keeps its link to the generation that made it only while the job's row exists (set null).
 */
export async function pruneFinishedJobs(db: Db, keepDays = FINISHED_JOB_KEEP_DAYS): Promise<number> {
  const rows = await db.query<{ id: string }>(sql`
    DELETE FROM jobs
    WHERE status IN ('succeeded', 'failed') AND finished_at < now() - make_interval(days => ${keepDays}::int)
    RETURNING id`);
  return rows.length;
}
