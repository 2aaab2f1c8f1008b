import type { SQL } from 'drizzle-orm';
import { cachedCompute } from '../cache/compute-cache.ts';
import { type Db, toQuery } from './database.ts';

/**
 * The lists' counts («Найдено: 52 000 записей») cached per database, scope and filter. Counting a
 * region's whole scope costs more than reading its page; a count is reused until the data it
 * counts changes — the engine's data version (compute-cache.ts), which every transaction that
 * writes people, employments, organizations, curator assignments, routes or their items moves on
 * at its commit. So there is no window in which a count taken before a commit outlives it.
 * Requests that need the same count at the same time share one query.
 */

const MAX_ENTRIES = 2_000;

/**
 * `count()` once per (key SQL, data version), shared by concurrent callers; `key` is the fragment
 * the count depends on (its WHERE with the scope and filters), compared by its text and parameters.
 * Inside a transaction nothing is cached: the transaction may see its own uncommitted writes.
 */
export async function cachedCount<T>(db: Db, name: string, key: SQL, count: () => Promise<T>): Promise<T> {
  const q = toQuery(key);
  return cachedCompute(
    db,
    `${name}\u0000${q.text}\u0000${JSON.stringify(q.params)}`,
    count,
    'list-counts',
    MAX_ENTRIES,
  );
}
