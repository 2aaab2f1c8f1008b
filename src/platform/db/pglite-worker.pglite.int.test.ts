import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { createTestDb } from '../../../tests/helpers/test-db.ts';
import { type Db, openDatabase, pgliteOf, sql } from './database.ts';
import { RemotePglite } from './pglite-remote.ts';

/**
 * PGlite runs in a worker thread of its own (pglite-worker.ts) and the app talks to it by messages
 * (pglite-remote.ts): the server's event loop keeps turning while a statement runs, errors cross
 * with their PostgreSQL fields, and transactions keep PGlite's semantics.
 */

/** A statement that keeps PGlite busy for a few seconds: 9 million rows summed. */
const HEAVY = 'SELECT sum(a::int8 * b) AS total FROM generate_series(1, 3000) a, generate_series(1, 3000) b';
const HEAVY_TOTAL = ((3000 * 3001) / 2) ** 2;

describe('the HTTP server keeps answering while PGlite runs a query', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('GET /api/health answers several times before a heavy query finishes', async () => {
    expect(pgliteOf(t.db)).toBeInstanceOf(RemotePglite);
    const order: string[] = [];
    let heavyDone = false;
    const heavy = t.db.queryText<{ total: number }>(HEAVY).then((rows) => {
      heavyDone = true;
      order.push('heavy');
      return rows;
    });
    const client = t.client();
    for (let i = 0; i < 5 && !heavyDone; i++) {
      const res = await client.get('/api/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
      order.push('health');
    }
    const [row] = await heavy;
    expect(row!.total).toBe(HEAVY_TOTAL);
    expect(order).toEqual(['health', 'health', 'health', 'health', 'health', 'heavy']);
  });
});

describe('PGlite in its worker thread', () => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await createTestDb());
    await db.queryText(`CREATE TABLE worker_probe (
      id int PRIMARY KEY,
      code text NOT NULL CONSTRAINT worker_probe_code_key UNIQUE,
      n int CONSTRAINT worker_probe_n_positive CHECK (n > 0)
    )`);
  });
  afterAll(() => drop?.());

  const count = async () =>
    (await db.queryText<{ n: number }>('SELECT count(*)::int AS n FROM worker_probe'))[0]!.n;

  it('rows keep the JS types of the in-thread PGlite', async () => {
    const [row] = await db.query<Record<string, unknown>>(sql`SELECT
      42::int8 AS big, 2.5::numeric AS num, DATE '2026-03-01' AS d,
      TIMESTAMPTZ '2026-03-01 10:00:00+03' AS at, TIMESTAMP '2026-03-01 10:00:00' AS local,
      ${Buffer.from([1, 2, 255])}::bytea AS bytes, ${JSON.stringify({ a: [1, 'б'] })}::jsonb AS doc,
      ARRAY['x', 'y'] AS list, ${new Date('2026-03-01T07:00:00Z')}::timestamptz AS param_at, NULL::int AS nothing`);
    expect(row).toEqual({
      big: 42,
      num: 2.5,
      d: '2026-03-01',
      at: '2026-03-01T07:00:00.000Z',
      local: '2026-03-01 10:00:00',
      bytes: new Uint8Array([1, 2, 255]),
      doc: { a: [1, 'б'] },
      list: ['x', 'y'],
      param_at: '2026-03-01T07:00:00.000Z',
      nothing: null,
    });
    expect(row!.bytes).toBeInstanceOf(Uint8Array);
  });

  it('a PostgreSQL error crosses as an Error with its code, constraint, table and detail', async () => {
    await db.queryText("INSERT INTO worker_probe (id, code, n) VALUES (1, 'a', 1)");
    const err = await db
      .queryText("INSERT INTO worker_probe (id, code, n) VALUES ($1, 'a', 1)", [2])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({
      code: '23505',
      constraint: 'worker_probe_code_key',
      table: 'worker_probe',
      schema: 'public',
      severity: 'ERROR',
      detail: 'Key (code)=(a) already exists.',
      message: 'duplicate key value violates unique constraint "worker_probe_code_key"',
      params: [2],
    });
    const check = await db
      .queryText("INSERT INTO worker_probe (id, code, n) VALUES (3, 'c', 0)")
      .catch((e: unknown) => e);
    expect(check).toMatchObject({ code: '23514', constraint: 'worker_probe_n_positive' });
    const syntax = await db.queryText('SELEC 1').catch((e: unknown) => e);
    expect(syntax).toMatchObject({ code: '42601', position: '1' });
    await db.queryText('DELETE FROM worker_probe');
  });

  it('a transaction commits when its function resolves', async () => {
    const out = await db.transaction(async (tx) => {
      expect(tx.inTransaction).toBe(true);
      await tx.queryText("INSERT INTO worker_probe (id, code) VALUES (10, 'c10')");
      return (await tx.queryText<{ n: number }>('SELECT count(*)::int AS n FROM worker_probe'))[0]!.n;
    });
    expect(out).toBe(1);
    expect(await count()).toBe(1);
    await db.queryText('DELETE FROM worker_probe');
  });

  it('a transaction rolls back when its function throws, and the same error comes out', async () => {
    const boom = new Error('boom');
    await expect(
      db.transaction(async (tx) => {
        await tx.queryText("INSERT INTO worker_probe (id, code) VALUES (20, 'c20')");
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await count()).toBe(0);
    // A failing statement inside: its PostgreSQL error comes out, and the transaction rolls back.
    const err = await db
      .transaction(async (tx) => {
        await tx.queryText("INSERT INTO worker_probe (id, code) VALUES (21, 'c21')");
        await tx.queryText("INSERT INTO worker_probe (id, code) VALUES (22, 'c21')");
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: '23505', constraint: 'worker_probe_code_key' });
    expect(await count()).toBe(0);
  });

  it('a COMMIT that PostgreSQL turned into a rollback rejects (25P02)', async () => {
    const err = await db
      .transaction(async (tx) => {
        await tx.queryText("INSERT INTO worker_probe (id, code) VALUES (30, 'c30')");
        await tx.queryText('SELECT 1/0').catch(() => undefined);
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ code: '25P02' });
    expect(await count()).toBe(0);
  });

  it('a statement outside the transaction waits for it; a nested transaction runs inline', async () => {
    let outsideDone = false;
    let outside: Promise<number> | null = null;
    await db.transaction(async (tx) => {
      await tx.queryText("INSERT INTO worker_probe (id, code) VALUES (40, 'c40')");
      outside = count().then((n) => {
        outsideDone = true;
        return n;
      });
      // Several round trips inside the transaction while the outside statement is queued.
      for (let i = 0; i < 5; i++) await tx.queryText('SELECT pg_sleep(0.02)');
      expect(outsideDone).toBe(false);
      const nested = await tx.transaction(async (inner) => {
        expect(inner).toBe(tx);
        await inner.queryText("INSERT INTO worker_probe (id, code) VALUES (41, 'c41')");
        return 'inner';
      });
      expect(nested).toBe('inner');
      expect(outsideDone).toBe(false);
    });
    // It ran after the commit: it sees both rows.
    expect(await outside).toBe(2);
    // The nested one was part of the outer transaction: rolled back with it.
    await db
      .transaction(async (tx) => {
        await tx.transaction(async (inner) => {
          await inner.queryText("INSERT INTO worker_probe (id, code) VALUES (42, 'c42')");
        });
        throw new Error('undo both');
      })
      .catch(() => undefined);
    expect(await count()).toBe(2);
    await db.queryText('DELETE FROM worker_probe');
  });

  it('COPY from a blob and dumpDataDir go through the worker', async () => {
    const pglite = pgliteOf(db)!;
    await pglite.query("COPY worker_probe (id, code) FROM '/dev/blob' WITH (FORMAT csv)", [], {
      blob: new Blob(['50,c50\n51,c51\n']),
    });
    expect(await count()).toBe(2);
    const dump = await pglite.dumpDataDir('none');
    expect(dump).toBeInstanceOf(Blob);
    const copy = await openDatabase({ loadDataDir: dump });
    try {
      const rows = await copy.queryText<{ code: string }>('SELECT code FROM worker_probe ORDER BY id');
      expect(rows.map((r) => r.code)).toEqual(['c50', 'c51']);
    } finally {
      await copy.close();
    }
    await db.queryText('DELETE FROM worker_probe');
  });

  it('a crash of the worker rejects the pending statement and every later one, with the reason', async () => {
    const own = await openDatabase({});
    const remote = pgliteOf(own) as RemotePglite;
    const pending = own.queryText(HEAVY);
    await remote.terminate();
    await expect(pending).rejects.toThrow(/PGlite worker thread stopped/);
    await expect(own.queryText('SELECT 1')).rejects.toThrow(/PGlite worker thread stopped/);
    expect(remote.closed).toBe(true);
    await own.close();
  });

  it('close() ends the worker; a statement after it is refused', async () => {
    const own = await openDatabase({});
    await own.close();
    expect(pgliteOf(own)!.closed).toBe(true);
    await expect(own.queryText('SELECT 1')).rejects.toThrow(/closed/);
  });
});
