import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { type Db, sql } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { type App, type AppDeps, actorOf } from '../http/types.ts';
import { jobReadScope } from '../platform.policy.ts';

const tags = ['platform'];

export const ZJob = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  total: z.number(),
  done: z.number(),
  message: z.string(),
  result: z.unknown(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof ZJob>;

interface JobDb {
  id: string;
  kind: string;
  status: Job['status'];
  total: number;
  done: number;
  message: string;
  result: unknown;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

const COLUMNS = sql`id, kind, status, total, done, message, result, error, created_at, started_at, finished_at`;

const present = (j: JobDb): Job => ({
  id: j.id,
  kind: j.kind,
  status: j.status,
  total: j.total,
  done: j.done,
  message: j.message,
  result: j.result ?? null,
  error: j.error,
  createdAt: j.created_at,
  startedAt: j.started_at,
  finishedAt: j.finished_at,
});

/** A job is visible to whoever started it and to the system administrator; others get 404. */
export async function getJob(db: Db, actor: Actor, id: string): Promise<Job> {
  const [row] = await db.query<JobDb>(
    sql`SELECT ${COLUMNS} FROM jobs WHERE id = ${id} AND ${jobReadScope(actor)}`,
  );
  if (!row) throw notFound('Задание не найдено.');
  return present(row);
}

export async function listMyJobs(db: Db, actor: Actor, kind: string | undefined): Promise<Job[]> {
  const rows = await db.query<JobDb>(sql`
    SELECT ${COLUMNS} FROM jobs
    WHERE created_by = ${actor.userId} AND (${kind ?? null}::text IS NULL OR kind = ${kind ?? null})
    ORDER BY created_at DESC, id DESC LIMIT 20`);
  return rows.map(present);
}

export function registerJobRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/jobs/:id',
    {
      schema: {
        tags,
        summary: 'Фоновое задание: состояние, ход выполнения, результат',
        params: z.object({ id: z.uuid() }),
        response: { 200: ZJob },
      },
    },
    async (request) => getJob(db, actorOf(request), request.params.id),
  );

  app.get(
    '/api/jobs',
    {
      schema: {
        tags,
        summary: 'Мои последние фоновые задания (20)',
        querystring: z.object({ kind: z.string().trim().min(1).max(100).optional() }),
        response: { 200: z.object({ items: z.array(ZJob) }) },
      },
    },
    async (request) => ({ items: await listMyJobs(db, actorOf(request), request.query.kind) }),
  );
}
