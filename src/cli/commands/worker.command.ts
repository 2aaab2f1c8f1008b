import { loadConfig } from '../../platform/config.ts';
import { startJobs } from '../../platform/jobs/jobs.queue.ts';
import { wireContexts } from '../../server/wiring.ts';
import { withDatabase } from '../cli-database.ts';
import type { CliIo } from '../io.ts';

/**
 * `marshrut worker`: runs the background jobs and schedules in a process of its own, until
 * SIGINT/SIGTERM (then lets the running job finish). For deployments where the server runs with
 * MARSHRUT_JOBS=off; any number of workers may share one PostgreSQL database. On PGlite the worker
 * holds the data folder like the server does, so it runs instead of the server, not beside it.
 */
export async function workerCommand(io: CliIo, opts: { signal?: AbortSignal } = {}): Promise<number> {
  return withDatabase(
    'worker',
    io,
    async (db, where) => {
      const config = loadConfig();
      wireContexts();
      const runtime = await startJobs(db, { work: true, timeZone: config.timeZone });
      io.out(`Обработчик фоновых заданий запущен (${where}). Остановка — Ctrl+C.`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        opts.signal?.addEventListener('abort', stop, { once: true });
      });
      io.out('Остановка: дожидаемся выполняемого задания…');
      await runtime.stop();
      io.out('Обработчик фоновых заданий остановлен.');
      return 0;
    },
    // A job's write transaction, the next batch's reads and pg-boss's heartbeat each need a connection.
    { migrate: true, poolSize: 6 },
  );
}
