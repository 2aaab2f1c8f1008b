/**
 * The worker thread that owns the embedded database: PGlite (PostgreSQL compiled to WASM) runs
 * every statement synchronously on the thread it lives on, so it lives here and not on the
 * server's main thread, which keeps answering HTTP while a query runs. The main thread talks to
 * it through RemotePglite (pglite-remote.ts) with the messages of pglite-protocol.ts.
 *
 * Plain erasable TypeScript importing only erasable files: Node 24 loads it without a compiler
 * (under tsx, vitest and `npx marshrut` alike).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type {
  Reply,
  Request,
  WireBlob,
  WireError,
  WireQueryOptions,
  WireResults,
  WorkerInit,
} from './pglite-protocol.ts';
import { pgliteParsers } from './pglite-types.ts';

const port = parentPort;
if (!port) throw new Error('pglite-worker.ts runs as a worker thread (see pglite-remote.ts)');
const init = workerData as WorkerInit;

const toBlob = (b: WireBlob) => new Blob([b.data], { type: b.type });
const fromBlob = async (b: Blob): Promise<WireBlob> => ({ data: await b.arrayBuffer(), type: b.type });

const PRIMITIVE = new Set(['string', 'number', 'boolean', 'bigint', 'undefined']);

/** An error as data: a PostgreSQL error keeps every field (code, detail, constraint, table…). */
function wireError(err: unknown): WireError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(err)) {
    if (key === 'name' || key === 'message' || key === 'stack' || key === 'queryOptions') continue;
    if (value === null || PRIMITIVE.has(typeof value)) fields[key] = value;
    else if (key === 'params') {
      try {
        fields[key] = structuredClone(value);
      } catch {
        // Parameters that do not clone are left out of the error; the statement is still there.
      }
    }
  }
  return { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}), fields };
}

function queryOptions(o: WireQueryOptions | undefined): QueryOptions | undefined {
  if (!o) return undefined;
  return {
    ...(o.rowMode ? { rowMode: o.rowMode } : {}),
    ...(o.paramTypes ? { paramTypes: o.paramTypes } : {}),
    ...(o.blob ? { blob: toBlob(o.blob) } : {}),
  };
}

/** Rows cross as they are (structured clone keeps Date, Uint8Array, objects); a blob as bytes. */
async function wireResults(r: Results<unknown>): Promise<{ value: WireResults; transfer: ArrayBuffer[] }> {
  const value: WireResults = {
    rows: r.rows,
    fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
    ...(r.affectedRows !== undefined ? { affectedRows: r.affectedRows } : {}),
  };
  if (!r.blob) return { value, transfer: [] };
  value.blob = await fromBlob(r.blob);
  return { value, transfer: [value.blob.data] };
}

const post = (reply: Reply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);
const fail = (id: number, err: unknown) => post({ op: 'reply', id, ok: false, error: wireError(err) });
function ok(id: number, value: unknown, transfer: ArrayBuffer[] = []): void {
  try {
    post({ op: 'reply', id, ok: true, value }, transfer);
  } catch (err) {
    // A value that does not clone (never a row of ours): the caller gets the reason, not a hang.
    fail(id, err);
  }
}

const db = new PGlite({
  ...(init.dataDir ? { dataDir: init.dataDir } : {}),
  ...(init.loadDataDir ? { loadDataDir: toBlob(init.loadDataDir) } : {}),
  parsers: pgliteParsers,
  // The extensions the migrations create (db/migrations): a PGlite has only those it was opened with.
  extensions: { pg_trgm },
});

/**
 * Open transactions by id. PGlite's transaction(callback) holds its mutex until the callback
 * settles: here the callback waits for the main thread's `end` (commit, or rollback when the
 * main thread's function threw). Statements outside any transaction wait for it in PGlite itself.
 */
interface OpenTx {
  tx: Transaction;
  /** The `end` request to answer once the transaction has committed or rolled back. */
  endId: number | null;
  finish(commit: boolean): void;
}
const transactions = new Map<number, OpenTx>();
let lastTx = 0;
/** What the callback rejects with to make PGlite roll back; not an error of the transaction. */
const ROLLBACK = { rollback: true };

function begin(id: number): void {
  const txId = ++lastTx;
  let started = false;
  db.transaction(
    (tx) =>
      new Promise<void>((resolve, reject) => {
        started = true;
        transactions.set(txId, {
          tx,
          endId: null,
          finish: (commit) => (commit ? resolve() : reject(ROLLBACK)),
        });
        ok(id, txId);
      }),
  ).then(
    () => settle(txId, null),
    (err: unknown) => {
      if (!started) fail(id, err);
      else settle(txId, err === ROLLBACK ? null : err);
    },
  );
}

function settle(txId: number, err: unknown): void {
  const open = transactions.get(txId);
  transactions.delete(txId);
  if (open?.endId == null) return;
  if (err === null) ok(open.endId, null);
  else fail(open.endId, err);
}

function runner(tx: number | null): Pick<Transaction, 'query' | 'exec'> {
  if (tx === null) return db;
  const open = transactions.get(tx);
  if (!open) throw new Error('Transaction is closed');
  return open.tx;
}

async function handle(req: Request): Promise<void> {
  switch (req.op) {
    case 'query': {
      const res = await runner(req.tx).query(req.text, req.params, queryOptions(req.options));
      const { value, transfer } = await wireResults(res);
      return ok(req.id, value, transfer);
    }
    case 'exec': {
      const results = await runner(req.tx).exec(req.text, queryOptions(req.options));
      const wired = await Promise.all(results.map(wireResults));
      return ok(
        req.id,
        wired.map((w) => w.value),
        wired.flatMap((w) => w.transfer),
      );
    }
    case 'begin':
      return begin(req.id);
    case 'end': {
      const open = transactions.get(req.tx);
      if (!open) throw new Error('Transaction is closed');
      open.endId = req.id;
      return open.finish(req.commit);
    }
    case 'rollback': {
      const open = transactions.get(req.tx);
      if (!open) throw new Error('Transaction is closed');
      await open.tx.rollback();
      return ok(req.id, null);
    }
    case 'dump': {
      const blob = await fromBlob(await db.dumpDataDir(req.compression));
      return ok(req.id, blob, [blob.data]);
    }
    case 'close':
      await db.close();
      return ok(req.id, null);
  }
}

port.on('message', (req: Request) => {
  handle(req).catch((err: unknown) => fail(req.id, err));
});

db.waitReady.then(
  () => post({ op: 'ready' }),
  (err: unknown) => post({ op: 'init-failed', error: wireError(err) }),
);
