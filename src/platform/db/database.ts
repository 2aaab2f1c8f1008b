import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { from as copyStream } from 'pg-copy-streams';
import { currentRequest } from '../http/request-context.ts';
import { Gate } from './gate.ts';
import { type PgliteHandle, type PgliteTx, RemotePglite } from './pglite-remote.ts';
import { asText, OID, pgliteParsers, toIso, toNumber } from './pglite-types.ts';
import { makeDataDirPrivate } from './private-data-dir.ts';

/**
 * The one door to PostgreSQL, the same for the embedded PGlite and a real server.
 * Queries are written with drizzle's `sql` template (composable, parameterised) and
 * return plain rows with the same JS types on both engines:
 * date → 'YYYY-MM-DD', timestamptz → ISO string, bigint and numeric → number.
 */
export interface Db {
  readonly kind: 'pglite' | 'postgres';
  query<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  /** Raw text with $1…$n parameters; for migrations and bulk paths. */
  queryText<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly inTransaction: boolean;
}

export { sql };

/**
 * NOTE: drizzle's `sql` expands a JS array into a list of parameters (for `IN (…)`); to pass an
 * array as ONE PostgreSQL array parameter write `${sql.param(values)}::text[]`.
 */

const dialect = new PgDialect();

export function toQuery(query: SQL): { text: string; params: unknown[] } {
  const q = dialect.sqlToQuery(query);
  return { text: q.sql, params: q.params };
}

let pgTypesConfigured = false;
function configurePgTypes(): void {
  if (pgTypesConfigured) return;
  pgTypesConfigured = true;
  pg.types.setTypeParser(OID.int8, toNumber);
  pg.types.setTypeParser(OID.numeric, toNumber);
  pg.types.setTypeParser(OID.date, asText);
  pg.types.setTypeParser(OID.timestamptz, toIso);
  pg.types.setTypeParser(OID.timestamp, asText);
}

/**
 * PGlite in this thread (the `inThread` option) settles its promises as microtasks: a background
 * job issuing statements back to back would never let the event loop reach the sockets and timers.
 * Each top-level statement and transaction there first yields one turn of the event loop
 * (setImmediate). In the worker thread (the default) every reply is a message, a turn of its own.
 */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs `fn` in a turn of the gate (none inside a transaction: it holds its turn), first if the
 * current request has begun; marks it begun. Work outside any request — a background job, on
 * PGlite sharing the one connection — counts as begun: it takes turns with the pages' begun
 * statements instead of waiting behind every new page (a regeneration starved for 20 min so).
 */
function inTurn<T>(gate: Gate | null, fn: () => Promise<T>): Promise<T> {
  if (!gate) return fn();
  const request = currentRequest();
  const first = request ? request.dbFirst === true : true;
  if (request) request.dbFirst = true;
  return gate.run(first, fn);
}

/** PGlite has one connection: the wrapper serialises access so a transaction never interleaves. */
class PgliteDb implements Db {
  readonly kind = 'pglite' as const;
  readonly inTransaction: boolean;
  constructor(
    private readonly runner: Pick<PgliteTx, 'query'>,
    private readonly root: PgliteHandle | null,
    /** The data folder, made private again after closing; null in memory and inside a transaction. */
    private readonly dataDir: string | null = null,
    /** PGlite runs in this thread: yield a turn of the event loop before each statement. */
    private readonly yieldTurns = false,
  ) {
    this.inTransaction = root === null;
    this.gate = root ? new Gate(1) : null;
  }
  /** The one connection's turns, a started request's statements first (see gate.ts). */
  private readonly gate: Gate | null;
  async query<T>(query: SQL): Promise<T[]> {
    const { text, params } = toQuery(query);
    return this.queryText<T>(text, params);
  }
  async queryText<T>(text: string, params: unknown[] = []): Promise<T[]> {
    if (this.root && this.yieldTurns) await turn();
    const res = await inTurn(this.gate, () => this.runner.query<T>(text, params));
    return res.rows;
  }
  /** `COPY … FROM STDIN` fed from a blob (PGlite reads it as the file '/dev/blob'). */
  async copyIn(copySql: string, data: string): Promise<void> {
    if (this.root && this.yieldTurns) await turn();
    await inTurn(this.gate, () =>
      this.runner.query(copySql.replace(/\bSTDIN\b/, "'/dev/blob'"), [], { blob: new Blob([data]) }),
    );
  }
  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (!this.root) return fn(this);
    if (this.yieldTurns) await turn();
    const root = this.root;
    return inTurn(this.gate, () => root.transaction((tx) => fn(new PgliteDb(tx, null))));
  }
  async close(): Promise<void> {
    if (!this.root) return;
    // Closed already (or its worker thread died): the folder is made private all the same.
    if (!this.root.closed) await this.root.close();
    if (this.dataDir) makeDataDirPrivate(this.dataDir);
  }
}

class PostgresDb implements Db {
  readonly kind = 'postgres' as const;
  readonly inTransaction: boolean;
  /** The background jobs' own pool (see jobsDbOf), opened on first use. */
  private jobs: PostgresDb | null = null;
  /** Turns at the pool's connections, a started request's statements first (see gate.ts). */
  private readonly gate: Gate | null;
  constructor(
    private readonly runner: pg.Pool | pg.PoolClient,
    private readonly pool: pg.Pool | null,
    private readonly jobsPoolSize = JOBS_POOL_SIZE,
  ) {
    this.inTransaction = pool === null;
    this.gate = pool ? new Gate(pool.options.max ?? 10) : null;
  }
  private turn<T>(fn: () => Promise<T>): Promise<T> {
    return inTurn(this.gate, fn);
  }
  /** A Db over a separate, smaller pool to the same database, for background jobs. */
  forJobs(): PostgresDb {
    if (!this.pool) return this;
    if (!this.jobs) {
      const { connectionString } = this.pool.options;
      const jobsPool = new pg.Pool({ connectionString, max: this.jobsPoolSize });
      jobsPool.on('error', () => undefined);
      this.jobs = new PostgresDb(jobsPool, jobsPool, 0);
      this.jobs.app = this;
    }
    return this.jobs;
  }
  /** For the jobs' Db, the app's Db it was opened from (see appDbOf). */
  app: PostgresDb | null = null;
  async query<T>(query: SQL): Promise<T[]> {
    const { text, params } = toQuery(query);
    return this.queryText<T>(text, params);
  }
  async queryText<T>(text: string, params: unknown[] = []): Promise<T[]> {
    const res = await this.turn(() => this.runner.query(text, params as unknown[]));
    return res.rows as T[];
  }
  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (!this.pool) return fn(this);
    const pool = this.pool;
    return this.turn(() => this.inConnection(pool, fn));
  }
  private async inConnection<T>(pool: pg.Pool, fn: (tx: Db) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(new PostgresDb(client, null));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
  /** `COPY … FROM STDIN` on this connection (the transaction's, when in one). */
  async copyIn(copySql: string, data: string): Promise<void> {
    // Inside a transaction there is no gate: the transaction holds its turn.
    return this.turn(() => this.copyInNow(copySql, data));
  }
  private async copyInNow(copySql: string, data: string): Promise<void> {
    const client = this.pool ? await this.pool.connect() : (this.runner as pg.PoolClient);
    try {
      await new Promise<void>((resolve, reject) => {
        const stream = client.query(copyStream(copySql));
        stream.on('error', reject);
        stream.on('finish', () => resolve());
        stream.end(Buffer.from(data, 'utf8'));
      });
    } finally {
      if (this.pool) client.release();
    }
  }
  /** The underlying pool, for the COPY bulk path and the benchmark baselines. */
  get pgPool(): pg.Pool | null {
    return this.pool;
  }
  async close(): Promise<void> {
    if (this.jobs && this.jobs !== this) await this.jobs.close();
    if (this.pool) await this.pool.end();
  }
}

/**
 * Connections background jobs may hold on PostgreSQL, apart from the interactive pool: a route
 * generation or a monitoring close never takes the connections that pages need.
 */
export const JOBS_POOL_SIZE = 3;

/**
 * The database door for background jobs: on PostgreSQL a separate pool of JOBS_POOL_SIZE
 * connections (so jobs hold a bounded share and never queue pages behind them), on PGlite the same
 * single connection (jobs yield between short batches there), inside a transaction the transaction.
 */
export function jobsDbOf(db: Db): Db {
  return db instanceof PostgresDb ? db.forJobs() : db;
}

/**
 * The app's Db behind the jobs' one (the same database): what per-database registries (mail
 * configuration, caches) are keyed by, so a job finds what the app set up. Any other Db: itself.
 */
export function appDbOf(db: Db): Db {
  return db instanceof PostgresDb && db.app ? db.app : db;
}

export interface OpenDatabaseOptions {
  /** postgres://… to use a server; otherwise PGlite. */
  url?: string | undefined;
  /** PGlite data folder; undefined keeps PGlite in memory. */
  dataDir?: string | undefined;
  /** A dump made by PGlite.dumpDataDir(), to start from a prepared state (tests). */
  loadDataDir?: Blob | undefined;
  poolSize?: number;
  /** Connections of the background jobs' own pool (PostgreSQL); JOBS_POOL_SIZE by default. */
  jobsPoolSize?: number;
  /**
   * PGlite in this thread instead of its worker thread. Only for the benchmark that measures what
   * the worker is for (bench/pglite-thread.ts): here every query blocks the event loop.
   */
  inThread?: boolean;
}

export async function openDatabase(opts: OpenDatabaseOptions): Promise<Db> {
  if (opts.url) {
    configurePgTypes();
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    pool.on('error', () => undefined);
    await pool.query('SELECT 1');
    return new PostgresDb(pool, pool, opts.jobsPoolSize ?? JOBS_POOL_SIZE);
  }
  // The folder holds personal data: owner only, before PGlite reads it and once it has written
  // its start-up files (a new folder's files come out 0666).
  if (opts.dataDir) makeDataDirPrivate(opts.dataDir);
  const pglite = opts.inThread ? await openInThread(opts) : await RemotePglite.open(pgliteInit(opts));
  if (opts.dataDir) makeDataDirPrivate(opts.dataDir);
  return new PgliteDb(pglite, pglite, opts.dataDir ?? null, Boolean(opts.inThread));
}

const pgliteInit = (opts: OpenDatabaseOptions) => ({
  ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
  ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
});

async function openInThread(opts: OpenDatabaseOptions): Promise<PGlite> {
  const pglite = new PGlite({ ...pgliteInit(opts), parsers: pgliteParsers, extensions: { pg_trgm } });
  await pglite.waitReady;
  return pglite;
}

/**
 * The PGlite behind a Db (in its worker thread: the RemotePglite that talks to it), for pg-boss,
 * dumpDataDir and COPY from a blob.
 */
export function pgliteOf(db: Db): PgliteHandle | null {
  if (db instanceof PgliteDb) return (db as unknown as { root: PgliteHandle | null }).root;
  return null;
}

export function pgPoolOf(db: Db): pg.Pool | null {
  return db instanceof PostgresDb ? db.pgPool : null;
}

/**
 * Bulk load: `COPY table (columns) FROM STDIN` with rows in PostgreSQL's text format (tab
 * separated, \N for null; see platform/import/copy-text.ts). Inside a transaction it runs in it.
 */
export async function copyIn(db: Db, copySql: string, data: string): Promise<void> {
  if (db instanceof PostgresDb || db instanceof PgliteDb) return db.copyIn(copySql, data);
  throw new Error('COPY is not supported by this database handle');
}
