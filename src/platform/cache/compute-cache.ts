import { appDbOf, type Db, sql } from '../db/database.ts';

/**
 * A cache of live computes (issue 12 item 2): a set's figures over a territory, as of a date and
 * over a period, a dashboard's answer, a deficits heatmap — kept until the data they read changes.
 *
 * Invalidation: statement triggers on every table the engine reads (people, employments,
 * organizations, results, routes, trainings, forms, manual values, indicators and their targets,
 * settings — migration 0013) insert one row per writing transaction into engine_data_writes; the
 * data version is that table's row count. A row is visible only once its transaction commits, so
 * the count grows with every committed write and never comes back to an older value. The version
 * is read before the compute, in a statement of its own: the compute's snapshots are at least as
 * new, so a cached value is never older than its version (at worst newer — the next request
 * recomputes). Cost: one index probe per writing statement; per read one count(*) over one row
 * per writing transaction since the migration (an index-only scan). Writers never wait on one
 * another (a key per transaction, not one counter row).
 *
 * Closing or opening a monitoring writes `monitorings` (also watched): a dashboard's answer, kept
 * in its own space, names the year's closed monitoring and the dynamics over the closed ones.
 *
 * The cache lives in this process (the product runs one server process), per database, with at
 * most MAX_ENTRIES sets of figures (a region's set with every slice is a few megabytes). A compute
 * in progress is shared by the requests asking for it at the same time. Inside a transaction
 * nothing is cached: its own uncommitted writes may be rolled back.
 */

const MAX_ENTRIES = 24;

interface Entry<T> {
  version: number;
  value: Promise<T>;
}

/**
 * The part of a key that names whose view it is: two viewers with the same role and territory
 * see the same figures; a curator's or a teacher's view is their own.
 */
export const viewerKey = (actor: {
  role: string;
  userId: string;
  regionId: string | null;
  municipalityId: string | null;
  organizationId: string | null;
  personId: string | null;
}) => [actor.role, actor.userId, actor.regionId, actor.municipalityId, actor.organizationId, actor.personId];

const caches = new WeakMap<Db, Map<string, Map<string, Entry<unknown>>>>();

/**
 * The engine's data version: how many transactions wrote what it reads — those folded by the
 * nightly compaction plus the rows since (one statement, one snapshot of both).
 */
export async function engineDataVersion(db: Db): Promise<number> {
  const [r] = await db.query<{ n: number }>(sql`
    SELECT (coalesce((SELECT folded FROM engine_data_version WHERE id = 1), 0)
            + (SELECT count(*) FROM engine_data_writes))::int AS n`);
  return r?.n ?? 0;
}

/**
 * Folds the recorded writes into engine_data_version (nightly): the version stays the same, the
 * table the version is counted over stays a day's writes long. Returns the rows folded.
 */
export async function compactEngineDataWrites(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    // One transaction: a reader sees the rows or their fold, never both nor neither. The row of
    // engine_data_version appears at the first fold (an empty database stays empty).
    const [r] = await tx.query<{ n: number }>(sql`
      WITH gone AS (DELETE FROM engine_data_writes RETURNING 1),
           n AS (SELECT count(*)::int AS n FROM gone),
           up AS (
             INSERT INTO engine_data_version (id, folded) SELECT 1, n FROM n WHERE n > 0
             ON CONFLICT (id) DO UPDATE SET folded = engine_data_version.folded + EXCLUDED.folded)
      SELECT n FROM n`);
    return r?.n ?? 0;
  });
}

/**
 * The value under `key` computed at the current data version, else `compute()` (and kept); each
 * `space` (the engine's computes, the dashboards' answers) holds its own MAX_ENTRIES.
 */
export async function cachedCompute<T>(
  db: Db,
  key: string,
  compute: () => Promise<T>,
  space = 'compute',
  /** Entries the space keeps, most recently used last. */
  maxEntries = MAX_ENTRIES,
): Promise<T> {
  if (db.inTransaction) return compute();
  let spaces = caches.get(appDbOf(db));
  if (!spaces) {
    spaces = new Map();
    caches.set(appDbOf(db), spaces);
  }
  let cache = spaces.get(space);
  if (!cache) {
    cache = new Map();
    spaces.set(space, cache);
  }
  const version = await engineDataVersion(db);
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    // most recently used last
    cache.delete(key);
    cache.set(key, hit);
    return hit.value as Promise<T>;
  }
  const value = compute();
  const entry: Entry<unknown> = { version, value };
  cache.delete(key);
  cache.set(key, entry);
  while (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
  const own = cache;
  value.catch(() => {
    if (own.get(key) === entry) own.delete(key);
  });
  return value;
}

/** Forgets every cached compute of a database (tests, a restore). */
export function clearComputeCache(db: Db): void {
  caches.delete(appDbOf(db));
}
