import { appDbOf, type Db, sql } from '../../platform/db/database.ts';
import { isDerived } from '../engine/formula.ts';
import type { MonitoringRow } from './monitorings.repository.ts';
import { type ComputedSet, readSnapshot } from './snapshot.ts';

/**
 * The precomputed parts of a closed monitoring's screens (issue 12 item 2): a closed monitoring
 * never changes, so its figures in the compute's shape ('figures'), and its clusters
 * ('clusters:<k>'), are written once — by the close, in its transaction, or on the first read of a
 * monitoring closed before these parts existed — and then read as one JSONB document instead of
 * tens of thousands of frozen rows. The process keeps the last few read ones in memory too.
 */

export const FIGURES_PART = 'figures';
const MAX_IN_MEMORY = 16;
const memory = new WeakMap<Db, Map<string, Promise<unknown>>>();

function remembered(anyDb: Db): Map<string, Promise<unknown>> {
  const db = appDbOf(anyDb);
  let m = memory.get(db);
  if (!m) {
    m = new Map();
    memory.set(db, m);
  }
  return m;
}

export async function readPart<T>(db: Db, monitoringId: string, part: string): Promise<T | undefined> {
  const [row] = await db.query<{ payload: T }>(sql`
    SELECT payload FROM monitoring_dashboard_parts WHERE monitoring_id = ${monitoringId} AND part = ${part}`);
  return row?.payload;
}

/** Stores a part; a part already there stays (a closed monitoring's parts are final). */
export async function writePart(db: Db, monitoringId: string, part: string, payload: unknown): Promise<void> {
  await db.query(sql`
    INSERT INTO monitoring_dashboard_parts (monitoring_id, part, payload)
    VALUES (${monitoringId}, ${part}, ${JSON.stringify(payload)}::jsonb)
    ON CONFLICT (monitoring_id, part) DO NOTHING`);
}

/**
 * A part of a closed monitoring: from memory, else the table, else built (and stored). The
 * caller guarantees the monitoring is closed.
 */
export function closedPart<T>(
  db: Db,
  monitoringId: string,
  part: string,
  build: () => Promise<T>,
): Promise<T> {
  const mem = remembered(db);
  const key = `${monitoringId}:${part}`;
  const hit = mem.get(key);
  if (hit) {
    mem.delete(key);
    mem.set(key, hit);
    return hit as Promise<T>;
  }
  const value = (async () => {
    const stored = await readPart<T>(db, monitoringId, part);
    if (stored !== undefined) return stored;
    const built = await build();
    if (!db.inTransaction) await writePart(db, monitoringId, part, built);
    return built;
  })();
  if (db.inTransaction) return value;
  mem.set(key, value);
  while (mem.size > MAX_IN_MEMORY) mem.delete(mem.keys().next().value as string);
  value.catch(() => {
    if (mem.get(key) === value) mem.delete(key);
  });
  return value;
}

/** The frozen figures read back from the snapshot rows (what the 'figures' part holds). */
export function snapshotFigures(db: Db, m: MonitoringRow): Promise<ComputedSet> {
  return readSnapshot(
    db,
    { id: m.id, asOf: m.as_of, periodStart: m.period_start, periodEnd: m.period_end },
    isDerived,
  );
}

/** A closed monitoring's frozen figures, from its 'figures' part. */
export function closedFigures(db: Db, m: MonitoringRow): Promise<ComputedSet> {
  return closedPart(db, m.id, FIGURES_PART, () => snapshotFigures(db, m));
}

/** Forgets the parts held in memory for a database (tests; the table keeps them). */
export function forgetClosedParts(db: Db): void {
  memory.delete(appDbOf(db));
}
