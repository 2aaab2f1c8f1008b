import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addSyntheticRoutes,
  type HotQuery,
  inline,
  PLANS_AS_OF,
  planContext,
  recordHotQueries,
  seqScans,
} from '../../../bench/plans.queries.ts';
import { createTestDb } from '../../../tests/helpers/test-db.ts';
import { loadDataset } from '../../demo/dataset.loader.ts';
import { regionDataset } from '../../demo/region.dataset.ts';
import type { Db } from '../../platform/db/database.ts';

/**
 * Guard: every hot query (staff list with its filters and name search, its next page by cursor,
 * routes list, person card, header search — bench/plans.queries.ts, the statements the code
 * really sends) can be answered without reading people, employments or competency_results
 * whole. With sequential scans priced out (`enable_seqscan = off`) the planner still chooses a
 * Seq Scan only where no index serves the statement, so the check does not depend on the size
 * of the data or its statistics; the plans at region scale are checked in beside the code
 * (`*.plan.md`, `npm run bench -- --suite plans`). VACUUM after the load, as autovacuum does after
 * an import: until then new names wait in the GIN index's pending list, which the planner prices high.
 */
let db: Db;
let drop: () => Promise<void>;
let queries: HotQuery[];

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  await loadDataset(db, regionDataset({ organizations: 40, staff: 800, seed: 74, asOf: PLANS_AS_OF }));
  await addSyntheticRoutes(db);
  await db.queryText('VACUUM ANALYZE');
  queries = await recordHotQueries(db, await planContext(db));
}, 180_000);

afterAll(async () => {
  await drop?.();
});

describe('hot queries have an index for every guarded table', () => {
  it('no statement falls back to a Seq Scan of people, employments or competency_results', async () => {
    expect(queries.map((q) => q.name)).toContain('staff.list-name-search');
    const found: string[] = [];
    for (const q of queries) {
      expect(q.statements.length, q.name).toBeGreaterThan(0);
      for (const [i, s] of q.statements.entries()) {
        const plan = await db.transaction(async (tx) => {
          await tx.queryText('SET LOCAL enable_seqscan = off');
          const [row] = await tx.queryText<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${inline(s)}`);
          return row!['QUERY PLAN'];
        });
        for (const table of seqScans(plan)) found.push(`${q.name} #${i + 1}: ${table}`);
      }
    }
    expect(found).toEqual([]);
  }, 120_000);

  it('the name searches read the trigram index, not every name in order', async () => {
    // Without it a full walk of people_name_order_idx would pass the check above.
    for (const name of ['staff.list-name-search', 'search']) {
      const q = queries.find((x) => x.name === name)!;
      // usable at all: priced as above, since at this size reading everyone is cheaper
      const plan = await db.transaction(async (tx) => {
        await tx.queryText('SET LOCAL enable_seqscan = off');
        const [row] = await tx.queryText<{ 'QUERY PLAN': unknown }>(
          `EXPLAIN (FORMAT JSON) ${inline(q.statements[0]!)}`,
        );
        return row!['QUERY PLAN'];
      });
      expect(JSON.stringify(plan), name).toContain('people_full_name_trgm_idx');
    }
  }, 60_000);
});
