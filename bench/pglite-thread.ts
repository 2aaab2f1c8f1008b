/**
 * What the PGlite worker thread is for: `/api/health` latency of a server on PGlite, idle and while
 * a heavy query runs, with PGlite in the server's thread (as before) and in its worker thread (the
 * default). `npm run bench -- --suite pglite-thread [--rounds 3] [--series 3000]`.
 *
 * The heavy query sums a `series`² cross join (9 million rows: seconds in PGlite). While it runs a
 * ticker in the same process asks for `/api/health` every 20 ms (the next tick once the answer is
 * in); every answer's latency is kept. In the server's thread the first request waits for the whole
 * query; in the worker thread they answer as on an idle server. The heavy query is also timed
 * alone, to show what the messages cost it.
 */
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase, pgliteOf } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { buildApp } from '../src/server/app.ts';
import { fmt, sample, summarize, timed } from './stats.ts';

interface ModeResult {
  mode: 'in-thread' | 'worker';
  idle: ReturnType<typeof summarize>;
  busy: ReturnType<typeof summarize>;
  busyMaxMs: number;
  /** Health answers received while the heavy query ran, over all rounds. */
  answeredDuring: number;
  heavyMs: number[];
  /** The heavy query with no ticker. */
  aloneMs: number;
  /** What a statement's trip costs: `SELECT 1`, and 10 000 rows of three columns. */
  select1: ReturnType<typeof summarize>;
  rows10k: ReturnType<typeof summarize>;
}

const TICK_MS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function measure(mode: ModeResult['mode'], template: Blob, series: number, rounds: number) {
  const db = await openDatabase({ loadDataDir: template, inThread: mode === 'in-thread' });
  const app = await buildApp({
    db,
    config: { ...loadConfig({ MARSHRUT_DEMO: '0' }), logLevel: 'silent' },
    logger: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const health = async () => {
    const res = await fetch(`${base}/api/health`);
    if (res.status !== 200) throw new Error(`/api/health: ${res.status}`);
    await res.arrayBuffer();
  };
  try {
    await sample(20, health);
    const idle = summarize(await sample(200, health));
    const busy: number[] = [];
    const heavyMs: number[] = [];
    let answeredDuring = 0;
    const heavySql = `SELECT sum(a::int8 * b) FROM generate_series(1, ${series}) a, generate_series(1, ${series}) b`;
    const select1 = summarize(await sample(500, () => db.queryText('SELECT 1')));
    const rowsSql =
      "SELECT g AS id, 'строка ' || g AS name, DATE '2026-01-01' + g % 365 AS day FROM generate_series(1, 10000) g";
    const rows10k = summarize(await sample(30, () => db.queryText(rowsSql)));
    const alone = await timed(() => db.queryText(heavySql));
    for (let r = 0; r < rounds; r++) {
      let done = false;
      const heavy = timed(() => db.queryText(heavySql)).then((t) => {
        done = true;
        return t.ms;
      });
      while (!done) {
        const t0 = performance.now();
        await health();
        const ms = performance.now() - t0;
        busy.push(ms);
        if (!done) answeredDuring++;
        await sleep(Math.max(0, TICK_MS - ms));
      }
      heavyMs.push(await heavy);
    }
    return {
      mode,
      idle,
      busy: summarize(busy),
      busyMaxMs: Math.max(...busy),
      answeredDuring,
      heavyMs,
      aloneMs: alone.ms,
      select1,
      rows10k,
    } satisfies ModeResult;
  } finally {
    await app.close();
    await db.close();
  }
}

export async function pgliteThreadBench(opts: { rounds: number; series: number }): Promise<ModeResult[]> {
  console.log(`PGlite thread bench: ${opts.rounds} rounds of a ${opts.series}² generate_series sum`);
  const tpl = await openDatabase({});
  await migrate(tpl);
  const template = await pgliteOf(tpl)!.dumpDataDir('none');
  await tpl.close();
  const results: ModeResult[] = [];
  for (const mode of ['in-thread', 'worker'] as const) {
    const r = await measure(mode, template, opts.series, opts.rounds);
    results.push(r);
    console.log(
      `${mode.padEnd(9)}  idle health p50 ${fmt(r.idle.p50)} ms p99 ${fmt(r.idle.p99)} ms; ` +
        `during the heavy query: ${r.answeredDuring} answers before it ended, health p50 ${fmt(r.busy.p50)} ms ` +
        `p99 ${fmt(r.busy.p99)} ms max ${fmt(r.busyMaxMs)} ms (n=${r.busy.n}); ` +
        `heavy query ${r.heavyMs.map(fmt).join(' / ')} ms (alone ${fmt(r.aloneMs)} ms); ` +
        `SELECT 1 p50 ${fmt(r.select1.p50)} ms, 10 000 rows p50 ${fmt(r.rows10k.p50)} ms`,
    );
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1]! : fallback;
  };
  await pgliteThreadBench({ rounds: Number(arg('rounds', '3')), series: Number(arg('series', '3000')) });
}
