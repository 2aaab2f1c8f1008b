import { type SQL, sql } from 'drizzle-orm';
import { type Db, toQuery } from './database.ts';

/**
 * The lists' counts («Найдено: 52 000 записей») cached per database, scope and filter. Counting a
 * region's whole scope costs more than reading its page; a count is reused while
 *  - the database has had no write to the tables the lists count (people, employments,
 *    organizations, curator assignments, routes and their items): every such statement moves the
 *    `list_counts_version` sequence on (migration 0012), and an entry remembers the version it
 *    was counted at;
 *  - and it is younger than the TTL: a write that commits after a count began but whose trigger
 *    fired before it (the sequence is not transactional) is seen at the latest then.
 * Requests that need the same count at the same time share one query.
 */

export const COUNT_TTL_MS = 30_000;
const MAX_ENTRIES = 2_000;

interface Entry {
  version: string;
  at: number;
  value: Promise<unknown>;
}

const caches = new WeakMap<object, Map<string, Entry>>();

/** The current version of the counted tables; moves on with every statement that writes them. */
export async function countsVersion(db: Db): Promise<string> {
  const [row] = await db.query<{ v: string | number | null }>(
    sql`SELECT pg_sequence_last_value('list_counts_version')::text AS v`,
  );
  return String(row?.v ?? '0');
}

/**
 * `count()` once per (key SQL, version), shared by concurrent callers; `key` is the fragment the
 * count depends on (its WHERE with the scope and filters), compared by its text and parameters.
 * Inside a transaction nothing is cached: the transaction may see its own uncommitted writes.
 */
export async function cachedCount<T>(
  db: Db,
  name: string,
  key: SQL,
  count: () => Promise<T>,
  now: () => number = Date.now,
): Promise<T> {
  if (db.inTransaction) return count();
  const q = toQuery(key);
  const id = `${name}\u0000${q.text}\u0000${JSON.stringify(q.params)}`;
  const version = await countsVersion(db);
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const hit = cache.get(id);
  const t = now();
  if (hit && hit.version === version && t - hit.at < COUNT_TTL_MS) return hit.value as Promise<T>;
  const value = count();
  cache.delete(id);
  if (cache.size >= MAX_ENTRIES) {
    // The oldest entry first (a Map keeps insertion order; a refreshed entry was re-inserted).
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(id, { version, at: t, value });
  value.catch(() => {
    if (cache.get(id)?.value === value) cache.delete(id);
  });
  return value;
}
