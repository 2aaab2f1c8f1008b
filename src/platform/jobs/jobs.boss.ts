import { fromPglite, type Db as IDatabase, PgBoss } from 'pg-boss';
import { type Db, pgliteOf, pgPoolOf } from '../db/database.ts';

/**
 * pg-boss over our `Db` door. Its tables live in schema `pgboss` of the same database: created and
 * migrated by the owner in `marshrut migrate` (installJobQueue below), used by the app role with
 * row rights only (grantJobQueue). The same database adapter serves PGlite and PostgreSQL.
 */

export const BOSS_SCHEMA = 'pgboss';

/** The adapter pg-boss runs its own statements through: the PGlite instance or our pool. */
export function bossDbOf(db: Db): IDatabase {
  const pglite = pgliteOf(db);
  // PGlite is one connection: pg-boss's statements wait for the app's transaction (PGlite's own
  // mutex, in its worker thread) and never run inside it. Multi-statement blocks go through exec()
  // (the adapter does that). The adapter uses query() and exec() only: RemotePglite has no listen(),
  // and pg-boss polls (useListenNotify is off).
  if (pglite) return fromPglite(pglite);
  const pool = pgPoolOf(db);
  if (!pool) throw new Error('bossDbOf: a root database is needed, not a transaction');
  return {
    async executeSql(text: string, values?: unknown[]) {
      // Without values pg uses the simple protocol, which runs pg-boss's multi-statement blocks.
      const res = (await pool.query(text, values?.length ? values : undefined)) as unknown;
      if (Array.isArray(res)) return { rows: res.flatMap((r: { rows?: unknown[] }) => r.rows ?? []) };
      return res as { rows: unknown[] };
    },
  };
}

/** An adapter over a transaction of ours: a job sent through it commits or rolls back with it. */
export function bossTxOf(tx: Db): IDatabase {
  return {
    async executeSql(text: string, values?: unknown[]) {
      return { rows: await tx.queryText(text, values ?? []) };
    },
  };
}

export interface BossOptions {
  /** Runs maintenance: expiry, heartbeats, retention. Off for a client that only sends. */
  supervise: boolean;
  /** Runs the cron pass that turns schedules into jobs (once across processes). */
  schedule: boolean;
  /** Install or migrate schema pgboss (the owner, in migrate). */
  migrate: boolean;
}

export function newBoss(db: Db, opts: BossOptions): PgBoss {
  const boss = new PgBoss({
    db: bossDbOf(db),
    backend: db.kind === 'pglite' ? 'pglite' : 'postgres',
    schema: BOSS_SCHEMA,
    migrate: opts.migrate,
    supervise: opts.supervise,
    schedule: opts.schedule,
    // Expiry and heartbeats are checked every 10 s: a job of a killed process is retried promptly.
    superviseIntervalSeconds: 10,
    monitorIntervalSeconds: 10,
    // REINDEX is DDL the app role may not run; the job tables stay small (completed jobs are deleted).
    reindex: false,
    monitorVacuum: false,
    persistWarnings: false,
    openTelemetry: { enabled: false },
  });
  return boss;
}

/**
 * Creates or migrates schema pgboss (owner only; called by migrate()). pg-boss takes its own
 * advisory lock, so two migrating processes do not race.
 */
export async function installJobQueue(db: Db): Promise<void> {
  const boss = newBoss(db, { supervise: false, schedule: false, migrate: true });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.stop({ graceful: false, close: false });
}

/**
 * The app role's rights on schema pgboss: use its functions and read and write the rows of its
 * tables (queues are rows there, so creating a queue needs no DDL). Owns nothing, alters nothing.
 */
export async function grantJobQueue(tx: Db, role: string): Promise<void> {
  for (const statement of [
    `GRANT USAGE ON SCHEMA ${BOSS_SCHEMA} TO ${role}`,
    // From scratch each time, like grantAppRole: nothing granted by hand survives a migrate.
    `REVOKE ALL ON ALL TABLES IN SCHEMA ${BOSS_SCHEMA} FROM ${role}`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${BOSS_SCHEMA} FROM ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${BOSS_SCHEMA} TO ${role}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${BOSS_SCHEMA} TO ${role}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${BOSS_SCHEMA} TO ${role}`,
  ])
    await tx.queryText(statement);
}
