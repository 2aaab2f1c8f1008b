import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { QueryOptions, Results } from '@electric-sql/pglite';
import type {
  Reply,
  Request,
  WireBlob,
  WireError,
  WireQueryOptions,
  WireResults,
  WorkerInit,
} from './pglite-protocol.ts';

/** The part of a PGlite transaction the app uses; PGlite's own Transaction has it too. */
export interface PgliteTx {
  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(text: string, options?: QueryOptions): Promise<Results[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}

/**
 * The part of the PGlite API the app, pg-boss's adapter (query, exec), the test set-up and the
 * benchmarks (COPY from a blob, dumpDataDir) use. Both PGlite itself and RemotePglite have it.
 */
export interface PgliteHandle {
  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(text: string, options?: QueryOptions): Promise<Results[]>;
  transaction<T>(fn: (tx: PgliteTx) => Promise<T>): Promise<T>;
  dumpDataDir(compression?: 'none' | 'gzip' | 'auto'): Promise<Blob>;
  close(): Promise<void>;
  readonly closed: boolean;
  readonly waitReady: Promise<void>;
}

const WORKER_URL = new URL('./pglite-worker.ts', import.meta.url);

/**
 * Node 24 strips the worker's types itself (it is erasable TypeScript). An older Node, or the
 * sources inside node_modules (where Node strips nothing), need tsx loaded in the worker.
 */
function workerExecArgv(): string[] {
  const strips = Boolean((process.features as { typescript?: unknown }).typescript);
  if (strips && !fileURLToPath(WORKER_URL).includes('/node_modules/')) return [];
  return ['--import', import.meta.resolve('tsx')];
}

type Call = Request extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

/** Rebuilds a worker's error as an Error with the same name, message and fields (code, constraint…). */
function toError(w: WireError): Error {
  const err = new Error(w.message);
  Object.assign(err, w.fields);
  err.name = w.name;
  if (w.stack) err.stack = `${w.stack}\n    at (the PGlite worker thread)`;
  return err;
}

const toBlob = (b: WireBlob) => new Blob([b.data], { type: b.type });

function fromWire<T>(r: WireResults): Results<T> {
  return {
    rows: r.rows as T[],
    fields: r.fields,
    ...(r.affectedRows !== undefined ? { affectedRows: r.affectedRows } : {}),
    ...(r.blob ? { blob: toBlob(r.blob) } : {}),
  };
}

/** Options as data; a blob's bytes are transferred to the worker (read once, never copied back). */
async function wireOptions(
  o: QueryOptions | undefined,
): Promise<{ options?: WireQueryOptions; transfer: ArrayBuffer[] }> {
  if (!o) return { transfer: [] };
  if (o.parsers || o.serializers || o.onNotice)
    throw new Error('RemotePglite: parsers, serializers and onNotice cannot cross to the worker thread');
  const options: WireQueryOptions = {
    ...(o.rowMode ? { rowMode: o.rowMode } : {}),
    ...(o.paramTypes ? { paramTypes: o.paramTypes } : {}),
  };
  if (!o.blob) return { options, transfer: [] };
  options.blob = { data: await o.blob.arrayBuffer(), type: o.blob.type };
  return { options, transfer: [options.blob.data] };
}

/**
 * PGlite in a worker thread, driven from this one by messages: every request carries an id and
 * its reply settles the promise; a transaction gets an id and its statements carry it, so they
 * run inside it while any statement without it waits (PGlite's own mutex, in the worker).
 * The worker keeps the process alive only while a request is pending, like PGlite in this thread
 * would (an idle open database never held the process). If the worker dies, every pending and
 * later request fails with the reason instead of hanging.
 */
export class RemotePglite implements PgliteHandle {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #lastId = 0;
  #closed = false;
  #stopped: Error | null = null;
  readonly waitReady: Promise<void>;

  private constructor(init: WorkerInit, transfer: ArrayBuffer[]) {
    this.#worker = new Worker(WORKER_URL, {
      workerData: init,
      transferList: transfer,
      execArgv: workerExecArgv(),
      name: 'pglite',
    });
    let readyResolve!: () => void;
    let readyReject!: (err: Error) => void;
    let ready = false;
    this.waitReady = new Promise<void>((resolve, reject) => {
      readyResolve = resolve;
      readyReject = reject;
    });
    let crash: Error | null = null;
    this.#worker.on('message', (msg: Reply) => {
      if (msg.op === 'ready') {
        ready = true;
        this.#idle();
        readyResolve();
      } else if (msg.op === 'init-failed') readyReject(toError(msg.error));
      else this.#settle(msg);
    });
    this.#worker.on('error', (err) => {
      crash = err;
    });
    this.#worker.on('exit', (code) => {
      const reason = crash ? `: ${crash.message}` : ` (exit code ${code})`;
      const stopped = new Error(
        this.#closed
          ? 'PGlite is closed'
          : `The PGlite worker thread stopped${reason}; the outcome of the statements in flight is unknown`,
        crash ? { cause: crash } : undefined,
      );
      this.#stopped = stopped;
      this.#closed = true;
      if (!ready) readyReject(stopped);
      for (const p of this.#pending.values()) p.reject(stopped);
      this.#pending.clear();
    });
  }

  /** Starts the worker and its PGlite; resolves once the database is ready. */
  static async open(opts: { dataDir?: string; loadDataDir?: Blob }): Promise<RemotePglite> {
    const init: WorkerInit = {
      ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
      ...(opts.loadDataDir
        ? { loadDataDir: { data: await opts.loadDataDir.arrayBuffer(), type: opts.loadDataDir.type } }
        : {}),
    };
    const remote = new RemotePglite(init, init.loadDataDir ? [init.loadDataDir.data] : []);
    try {
      await remote.waitReady;
    } catch (err) {
      await remote.#worker.terminate();
      throw err;
    }
    return remote;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Not referenced while idle: an open database alone does not keep the process running. */
  #idle(): void {
    if (this.#pending.size === 0) this.#worker.unref();
  }

  #settle(msg: Extract<Reply, { op: 'reply' }>): void {
    const p = this.#pending.get(msg.id);
    if (!p) return;
    this.#pending.delete(msg.id);
    this.#idle();
    if (msg.ok) p.resolve(msg.value);
    else p.reject(toError(msg.error));
  }

  /** Sends one request; its promise settles with the worker's reply. */
  call(req: Call, transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    if (this.#closed) return Promise.reject(new Error('PGlite is closed'));
    const id = ++this.#lastId;
    return new Promise((resolve, reject) => {
      try {
        this.#worker.postMessage({ ...req, id } as Request, transfer);
      } catch (err) {
        // A parameter that does not clone (a function, a symbol): refused here, nothing was sent.
        reject(err as Error);
        return;
      }
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, { resolve, reject });
    });
  }

  async queryIn<T>(
    tx: number | null,
    text: string,
    params?: unknown[],
    o?: QueryOptions,
  ): Promise<Results<T>> {
    const { options, transfer } = await wireOptions(o);
    const req: Call = { op: 'query', tx, text, params: params ?? [], ...(options ? { options } : {}) };
    return fromWire<T>((await this.call(req, transfer)) as WireResults);
  }

  async execIn(tx: number | null, text: string, o?: QueryOptions): Promise<Results[]> {
    const { options, transfer } = await wireOptions(o);
    const req: Call = { op: 'exec', tx, text, ...(options ? { options } : {}) };
    return ((await this.call(req, transfer)) as WireResults[]).map((r) => fromWire(r));
  }

  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.queryIn<T>(null, text, params, options);
  }

  exec(text: string, options?: QueryOptions): Promise<Results[]> {
    return this.execIn(null, text, options);
  }

  /**
   * PGlite's transaction(fn): commits when fn resolves, rolls back when it throws (and rethrows),
   * or when fn called tx.rollback(). A COMMIT that PostgreSQL turned into a rollback rejects.
   */
  async transaction<T>(fn: (tx: PgliteTx) => Promise<T>): Promise<T> {
    const id = (await this.call({ op: 'begin' })) as number;
    const tx = new RemoteTx(this, id);
    let result: T;
    try {
      result = await fn(tx);
    } catch (err) {
      tx.end();
      await this.call({ op: 'end', tx: id, commit: false }).catch(() => undefined);
      throw err;
    }
    tx.end();
    await this.call({ op: 'end', tx: id, commit: true });
    return result;
  }

  async dumpDataDir(compression: 'none' | 'gzip' | 'auto' = 'auto'): Promise<Blob> {
    return toBlob((await this.call({ op: 'dump', compression })) as WireBlob);
  }

  /**
   * Ends the worker thread at once, without closing PGlite: what a crash of the worker does (the
   * tests use it to prove that pending statements fail rather than hang). Not for the app.
   */
  async terminate(): Promise<void> {
    await this.#worker.terminate();
  }

  /** Closes PGlite (it writes its last files), then ends the worker thread. */
  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.call({ op: 'close' });
    } finally {
      this.#closed = true;
      await this.#worker.terminate();
    }
  }
}

class RemoteTx implements PgliteTx {
  #closed = false;
  readonly #remote: RemotePglite;
  readonly #id: number;
  constructor(remote: RemotePglite, id: number) {
    this.#remote = remote;
    this.#id = id;
  }
  get closed(): boolean {
    return this.#closed;
  }
  /** Called once the transaction's function has settled: the tx may not be used after it. */
  end(): void {
    this.#closed = true;
  }
  #check(): void {
    if (this.#closed) throw new Error('Transaction is closed');
  }
  async query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    this.#check();
    return this.#remote.queryIn<T>(this.#id, text, params, options);
  }
  async exec(text: string, options?: QueryOptions): Promise<Results[]> {
    this.#check();
    return this.#remote.execIn(this.#id, text, options);
  }
  async rollback(): Promise<void> {
    this.#check();
    await this.#remote.call({ op: 'rollback', tx: this.#id });
    this.#closed = true;
  }
}
