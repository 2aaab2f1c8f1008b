/**
 * The messages between the main thread's RemotePglite (pglite-remote.ts) and the worker thread
 * that owns the PGlite instance (pglite-worker.ts). Types only: both sides import them with
 * `import type`, so the worker loads as plain erasable TypeScript.
 */

/** A Blob crossing threads: its bytes (transferred, not copied) and its MIME type. */
export interface WireBlob {
  data: ArrayBuffer;
  type: string;
}

/** The QueryOptions that can cross: functions (parsers, serializers, onNotice) cannot. */
export interface WireQueryOptions {
  rowMode?: 'array' | 'object';
  paramTypes?: number[];
  blob?: WireBlob;
}

export interface WireResults {
  rows: unknown[];
  affectedRows?: number;
  fields: { name: string; dataTypeID: number }[];
  blob?: WireBlob;
}

/**
 * An error thrown in the worker: its name, message and stack, and every own field that can be
 * cloned (for a PostgreSQL error: code, detail, hint, constraint, table, column, severity, query…).
 */
export interface WireError {
  name: string;
  message: string;
  stack?: string;
  fields: Record<string, unknown>;
}

export interface WorkerInit {
  dataDir?: string;
  loadDataDir?: WireBlob;
}

/** `tx` names the transaction a statement belongs to; null runs it outside (waiting for any). */
export type Request =
  | {
      id: number;
      op: 'query';
      tx: number | null;
      text: string;
      params: unknown[];
      options?: WireQueryOptions;
    }
  | { id: number; op: 'exec'; tx: number | null; text: string; options?: WireQueryOptions }
  | { id: number; op: 'begin' }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'rollback'; tx: number }
  | { id: number; op: 'dump'; compression: 'none' | 'gzip' | 'auto' }
  | { id: number; op: 'close' };

export type Reply =
  | { op: 'ready' }
  | { op: 'init-failed'; error: WireError }
  | { op: 'reply'; id: number; ok: true; value: unknown }
  | { op: 'reply'; id: number; ok: false; error: WireError };
