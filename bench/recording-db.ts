import type { SQL } from 'drizzle-orm';
import { type Db, toQuery } from '../src/platform/db/database.ts';

/** Wraps a Db and records every statement it runs, so a benchmark can replay the exact SQL raw. */
export function recordingDb(inner: Db): { db: Db; statements: { text: string; params: unknown[] }[] } {
  const statements: { text: string; params: unknown[] }[] = [];
  const db: Db = {
    kind: inner.kind,
    inTransaction: inner.inTransaction,
    async query<T>(q: SQL) {
      statements.push(toQuery(q));
      return inner.query<T>(q);
    },
    async queryText<T>(text: string, params: unknown[] = []) {
      statements.push({ text, params });
      return inner.queryText<T>(text, params);
    },
    transaction: (fn) => inner.transaction(fn),
    close: () => inner.close(),
  };
  return { db, statements };
}
