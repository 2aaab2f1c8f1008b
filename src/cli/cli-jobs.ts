import type { Actor } from '../platform/auth/actor.ts';
import { loadConfig } from '../platform/config.ts';
import type { Db } from '../platform/db/database.ts';
import { sql } from '../platform/db/database.ts';
import { type EventMap, type EventName, emit, jobOf } from '../platform/events/events.ts';
import { type JobRuntime, startJobs } from '../platform/jobs/jobs.queue.ts';
import { wireContexts } from '../server/wiring.ts';
import type { CliIo } from './io.ts';

/**
 * A command that acts emits the same events as the web, through the same wiring, so its effect is
 * the same (results imported → routes generated). With MARSHRUT_JOBS=inline (the default) the
 * command runs the jobs it started before it exits — on PGlite nothing else could while it holds
 * the folder; with `off` they stay queued for `marshrut worker`.
 */
export async function withJobs<T>(db: Db, fn: (runtime: JobRuntime) => Promise<T>): Promise<T> {
  wireContexts();
  const config = loadConfig();
  const runtime = await startJobs(db, { work: config.jobs === 'inline', timeZone: config.timeZone });
  try {
    return await fn(runtime);
  } finally {
    await runtime.stop();
  }
}

interface JobRow {
  id: string;
  status: string;
  error: string | null;
  result: Record<string, unknown> | null;
}

/** Emits the event and reports the job of `kind` it started: its outcome, or that it is queued. */
export async function emitAndReport<E extends EventName>(
  io: CliIo,
  runtime: JobRuntime,
  event: E,
  payload: EventMap[E],
  actor: Actor,
  job: { kind: string; label: string; describe: (result: Record<string, unknown>) => string },
): Promise<JobRow | null> {
  const outcome = await emit(event, payload, { db: runtime.db, actor });
  const id = jobOf(outcome, job.kind);
  if (!id) return null;
  if (runtime.working) await runtime.idle([id]);
  const [row] = await runtime.db.query<JobRow>(
    sql`SELECT id, status, error, result FROM jobs WHERE id = ${id}`,
  );
  if (!row) return null;
  if (row.status === 'succeeded') io.out(`${job.label}: ${job.describe(row.result ?? {})} (задание ${id}).`);
  else if (row.status === 'failed')
    io.err(`${job.label}: ошибка — ${row.error ?? 'см. журнал'} (задание ${id}).`);
  else io.out(`${job.label}: поставлено в очередь (задание ${id}); его выполнит marshrut worker.`);
  return row;
}
