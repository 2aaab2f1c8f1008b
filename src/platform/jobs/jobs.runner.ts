import { type Db, sql } from '../db/database.ts';
import { AppError } from '../errors.ts';

/**
 * A small in-process job runner: the row in `jobs` is the job's public face (status, progress,
 * result), the work runs as a promise in this process. One Node process serves the platform, so
 * no queue is needed; a job cut off by a restart is marked failed at the next start.
 */

export interface JobContext {
  jobId: string;
  /** Progress for the UI; written at most every PROGRESS_INTERVAL_MS unless `force`. */
  progress(done: number, total: number, message?: string, force?: boolean): Promise<void>;
}

export interface JobSpec {
  kind: string;
  params: unknown;
  createdBy: string | null;
}

export type JobWork = (ctx: JobContext) => Promise<unknown>;

const PROGRESS_INTERVAL_MS = 250;

/** In-flight jobs per database: closing the app awaits them so no job is cut mid-transaction. */
const inFlight = new Map<Db, Map<string, Promise<void>>>();

export const INTERRUPTED_MESSAGE = 'Прервано перезапуском сервера; запустите заново.';
const FAILED_MESSAGE = 'Задание завершилось с ошибкой. Подробности — в журнале сервера.';

type Logger = (err: unknown, jobId: string, kind: string) => void;
const defaultLogger: Logger = (err, jobId, kind) =>
  console.error(`job ${kind} ${jobId} failed:`, err instanceof Error ? err.stack : err);

/** Inserts the job and returns its id at once; `work` runs in the background. */
export async function startJob(
  db: Db,
  spec: JobSpec,
  work: JobWork,
  log: Logger = defaultLogger,
): Promise<string> {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO jobs (kind, params, created_by, message)
    VALUES (${spec.kind}, ${JSON.stringify(spec.params ?? {})}::jsonb, ${spec.createdBy}, 'В очереди')
    RETURNING id`);
  const jobId = row!.id;
  let jobs = inFlight.get(db);
  if (!jobs) {
    jobs = new Map();
    inFlight.set(db, jobs);
  }
  const running = runJob(db, jobId, spec.kind, work, log);
  jobs.set(jobId, running);
  void running.finally(() => jobs.delete(jobId));
  return jobId;
}

async function runJob(db: Db, jobId: string, kind: string, work: JobWork, log: Logger): Promise<void> {
  // Let the request that started the job answer first.
  await new Promise((resolve) => setImmediate(resolve));
  let lastWrite = 0;
  let lastTotal = -1;
  const ctx: JobContext = {
    jobId,
    async progress(done, total, message, force = false) {
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
  try {
    await db.query(
      sql`UPDATE jobs SET status = 'running', started_at = now(), message = 'Выполняется' WHERE id = ${jobId}`,
    );
    const result = await work(ctx);
    await db.query(sql`
      UPDATE jobs SET status = 'succeeded', finished_at = now(), done = GREATEST(done, total), message = 'Готово',
                      result = ${JSON.stringify(result ?? null)}::jsonb
      WHERE id = ${jobId}`);
  } catch (err) {
    log(err, jobId, kind);
    // An AppError carries a message meant for the user; anything else stays in the server log.
    const message = err instanceof AppError ? err.message : FAILED_MESSAGE;
    await db
      .query(sql`
        UPDATE jobs SET status = 'failed', finished_at = now(), error = ${message}, message = 'Ошибка'
        WHERE id = ${jobId}`)
      .catch((e) => log(e, jobId, kind));
  }
}

/** Resolves when every job started on this database has finished (the app's onClose awaits it). */
export async function waitForJobs(db?: Db): Promise<void> {
  for (;;) {
    const sets = db ? [inFlight.get(db)] : [...inFlight.values()];
    const pending = sets.flatMap((s) => (s ? [...s.values()] : []));
    if (pending.length === 0) return;
    await Promise.allSettled(pending);
  }
}

/** At start-up: a job still queued or running was cut off by a restart. */
export async function failInterruptedJobs(db: Db): Promise<number> {
  // Jobs this process is running right now (a second app over the same database) are alive.
  const alive = [...(inFlight.get(db)?.keys() ?? [])];
  const rows = await db.query<{ id: string }>(sql`
    UPDATE jobs SET status = 'failed', finished_at = now(), error = ${INTERRUPTED_MESSAGE}, message = 'Прервано'
    WHERE status IN ('queued', 'running') AND id <> ALL(${sql.param(alive)}::uuid[]) RETURNING id`);
  return rows.length;
}
