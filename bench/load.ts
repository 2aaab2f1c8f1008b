/**
 * `npm run bench -- --suite load` — the server under a realistic mix of concurrent users, with
 * `/api/health` in the same mix as the baseline.
 *
 *  1. A child process (bench/load.server.ts) builds the region (seed 74), the teacher framework
 *     with one closed campaign's results, the catalog and curators (as bench/route-generation.ts),
 *     generated routes, 003 loaded by the region's operator with a closed and a live monitoring;
 *     starts `buildApp` on a port and signs in the operator, a municipal methodist and a teacher.
 *     The server is a separate process so that the load generator (autocannon, here) does not
 *     share its event loop; on PGlite the database has to live in the server's process anyway.
 *  2. Levels: the mix at each `--connections` level for `--duration` seconds; per endpoint p50 /
 *     p99, req/s, errors, timeouts, bytes, p99 ÷ health p99; the server's RSS sampled.
 *  3. Phases at `--phase-connections`: idle, then while a job's work runs in the server's process
 *     — route regeneration, a monitoring close, a roster import — the mix runs until the job ends.
 *  Before each run the bench waits until no request handler is still working (a request the load
 *  generator gave up on keeps its handler running), so one run's leftovers do not load the next.
 *
 * `--engine pglite|postgres|both --orgs 2000 --staff 50000 --connections 10,50,100 --duration 15
 *  --phase-connections 50 --phases true|false --timeout 10 --warmup 3`
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import autocannon, { type Request } from 'autocannon';
import type { Engine, FromServer, JobName, Ready, ServerOptions, ToServer } from './load.server.ts';
import {
  EndpointRecorder,
  type EndpointRow,
  endpointRows,
  type MemorySummary,
  memorySummary,
  renderRows,
  totals,
} from './load.stats.ts';
import { fmt } from './stats.ts';

export interface LoadOptions {
  engine: string;
  orgs: number;
  staff: number;
  connections: number[];
  duration: number;
  phaseConnections: number;
  /** false: the levels only, no idle and job phases (a quick profile). */
  phases: boolean;
  timeout: number;
  warmup: number;
  pgUrl: string;
}

const HEALTH = 'health';

interface MixEntry {
  label: string;
  path: string;
  who: keyof Ready['cookies'] | null;
}

/** The mix: one pass of it per connection cycle; lighter pages appear more often. */
export function mix(r: Ready, asOf: string): MixEntry[] {
  const i = r.ids;
  const staff = (q: Record<string, string>) => `/api/staff?${new URLSearchParams({ ...q, asOf })}`;
  const e = (label: string, who: MixEntry['who'], path: string): MixEntry => ({ label, who, path });
  return [
    e(HEALTH, null, '/api/health'),
    e('staff list, region, filters', 'operator', staff({ category: 'highest', young: 'true' })),
    e('staff list, region, search', 'operator', staff({ q: 'иван' })),
    e('staff list, municipality', 'methodist', staff({ subject: 'Математика', sort: 'age' })),
    e('person card', 'operator', `/api/people/${i.personId}`),
    e(
      'deficits heatmap, region',
      'operator',
      `/api/deficits/heatmap?frameworkId=${i.frameworkId}&by=organization`,
    ),
    e('deficits heatmap, municipality', 'methodist', `/api/deficits/heatmap?frameworkId=${i.frameworkId}`),
    e('routes list, region', 'operator', '/api/routes?page=1&pageSize=50'),
    e('routes list, municipality', 'methodist', '/api/routes?page=1&pageSize=50&sort=fullName'),
    e('003 dashboard (set)', 'operator', `/api/indicator-sets/${i.setId}/dashboard`),
    e('003 monitoring, closed', 'operator', `/api/monitorings/${i.closedMonitoringId}`),
    e('003 monitoring, live', 'operator', `/api/monitorings/${i.liveMonitoringId}`),
    e('003 set page values (live)', 'operator', `/api/indicator-sets/${i.setId}/values`),
    e('campaign progress', 'methodist', `/api/assessment-campaigns/${i.campaignId}/progress`),
    e(HEALTH, null, '/api/health'),
    e('teacher: my routes', 'teacher', '/api/my/routes'),
    e('teacher: my assessments', 'teacher', '/api/my/assessments'),
    e('teacher: home', 'teacher', '/api/home/work'),
    e('teacher: me', 'teacher', '/api/auth/me'),
  ];
}

/** The forked server and a request/answer channel to it. */
class Server {
  readonly #child: ChildProcess;
  #seq = 0;
  readonly #waiting = new Map<number, (m: FromServer) => void>();
  readonly ready: Promise<Ready>;

  constructor(opts: ServerOptions) {
    this.#child = fork(new URL('./load.server.ts', import.meta.url).pathname, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_LOAD_SERVER: JSON.stringify(opts) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.ready = new Promise((resolve, reject) => {
      this.#child.on('exit', (code) => reject(new Error(`the bench server exited (${code})`)));
      this.#child.on('message', (m: FromServer) => {
        if (m.type === 'ready') return resolve(m.ready);
        if (m.type === 'failed' && m.seq === null) return reject(new Error(m.message));
        const seq = (m as { seq: number }).seq;
        this.#waiting.get(seq)?.(m);
        this.#waiting.delete(seq);
      });
    });
  }

  get pid() {
    return this.#child.pid!;
  }

  ask(
    m: { type: 'job'; job: JobName } | { type: 'memory' } | { type: 'drain' } | { type: 'stop' },
  ): Promise<FromServer> {
    const seq = ++this.#seq;
    return new Promise((resolve, reject) => {
      this.#waiting.set(seq, (a) => (a.type === 'failed' ? reject(new Error(a.message)) : resolve(a)));
      this.#child.send({ ...m, seq } as ToServer);
    });
  }

  async memory(): Promise<number[]> {
    const a = await this.ask({ type: 'memory' });
    return a.type === 'memory' ? a.rss : [];
  }

  /** Waits until no handler is working (the last level's abandoned requests are done). */
  async drain(): Promise<{ ms: number; left: number }> {
    const a = await this.ask({ type: 'drain' });
    return a.type === 'drained' ? { ms: a.ms, left: a.left } : { ms: 0, left: -1 };
  }

  async job(job: JobName): Promise<{ ms: number; summary: Record<string, unknown> }> {
    const a = await this.ask({ type: 'job', job });
    if (a.type !== 'job') throw new Error(`unexpected answer ${a.type}`);
    return { ms: a.ms, summary: a.summary };
  }

  async stop(): Promise<void> {
    await this.ask({ type: 'stop' });
    await new Promise((resolve) => (this.#child.connected ? this.#child.once('exit', resolve) : resolve(0)));
  }
}

export interface RunResult {
  name: string;
  connections: number;
  seconds: number;
  rows: EndpointRow[];
  total: ReturnType<typeof totals>;
  memory: MemorySummary;
  job?: { name: JobName; ms: number; summary: Record<string, unknown> };
}

/**
 * Runs the mix with `connections` for `seconds`, or until `until` settles (then it stops the
 * load as soon as the job ends). Each connection starts at a different place in the mix.
 */
async function runMix(
  base: string,
  requests: Request[],
  connections: number,
  timeout: number,
  seconds: number,
  until?: Promise<unknown>,
): Promise<{ rec: EndpointRecorder; seconds: number }> {
  const rec = new EndpointRecorder([...new Set(requests.map((r) => r.label!))]);
  let k = 0;
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const inst = autocannon(
      {
        url: base,
        connections,
        duration: until ? 3600 : seconds,
        timeout,
        requests,
        setupClient(client) {
          // Spread evenly over the mix: with fewer connections than entries every entry still runs.
          const it = client.requestIterator;
          const start = Math.floor(((k++ % connections) * it.requests.length) / connections);
          it.currentRequestIndex = start;
          it.currentRequest = it.requests[start]!;
          const label = () => it.currentRequest.label!;
          client.on('response', (status: number, bytes: number, ms: number) =>
            rec.response(label(), status, bytes, ms),
          );
          client.on('timeout', () => rec.timeout(label()));
          client.on('connError', () => rec.error(label()));
        },
      },
      (err) => (err ? reject(err) : resolve()),
    );
    until?.finally(() => inst.stop());
  });
  return { rec, seconds: (performance.now() - t0) / 1000 };
}

async function benchEngine(engine: Engine, o: LoadOptions) {
  console.log(`\n== ${engine} ==`);
  const server = new Server({
    engine,
    orgs: o.orgs,
    staff: o.staff,
    pgUrl: o.pgUrl,
    dbName: 'bench_load',
  });
  const ready = await server.ready;
  console.log(
    `server pid ${server.pid} at ${ready.base}; setup ms ${JSON.stringify(ready.setupMs)}; ${JSON.stringify(ready.counts)}`,
  );
  const asOf = new Date().toISOString().slice(0, 10);
  const entries = mix(ready, asOf);
  const requests: Request[] = entries.map((m) => ({
    method: 'GET',
    path: m.path,
    label: m.label,
    headers: m.who ? { cookie: ready.cookies[m.who] } : ({} as Record<string, string>),
  }));
  // Every endpoint answers 200 before the load starts (a wrong URL would only show as errors).
  for (const m of entries) {
    const res = await fetch(ready.base + m.path, {
      headers: m.who ? { cookie: ready.cookies[m.who] } : {},
    });
    if (res.status !== 200) throw new Error(`${m.label} ${m.path}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  }
  if (o.warmup > 0) await runMix(ready.base, requests, 10, o.timeout, o.warmup);

  const results: RunResult[] = [];
  const report = async (
    name: string,
    connections: number,
    run: Promise<{ rec: EndpointRecorder; seconds: number }>,
    job?: RunResult['job'],
  ) => {
    const { rec, seconds } = await run;
    const rows = endpointRows(rec, seconds, HEALTH);
    const r: RunResult = {
      name,
      connections,
      seconds,
      rows,
      total: totals(rows),
      memory: memorySummary(await server.memory()),
      ...(job ? { job } : {}),
    };
    results.push(r);
    console.log(
      `\n### ${engine}, ${name}: ${connections} connections, ${seconds.toFixed(1)} s; ` +
        `${r.total.n} answers, ${r.total.reqPerSec.toFixed(0)} req/s, ${r.total.errors} errors, ${r.total.timeouts} timeouts; ` +
        `server RSS max ${fmt(r.memory.rssMaxMb)} MB mean ${fmt(r.memory.rssMeanMb)} MB` +
        (job ? `; ${job.name} took ${fmt(job.ms)} ms ${JSON.stringify(job.summary)}` : ''),
    );
    console.log(renderRows(rows));
  };

  const settle = async () => {
    const d = await server.drain();
    drains.push(Math.round(d.ms));
    if (d.left) console.log(`  (${d.left} requests still working after ${fmt(d.ms)} ms)`);
    await server.memory();
  };
  const drains: number[] = [];
  for (const c of o.connections) {
    await settle();
    await report(`level ${c}`, c, runMix(ready.base, requests, c, o.timeout, o.duration));
  }
  const pc = o.phaseConnections;
  const phases: [string, JobName][] = o.phases
    ? [
        ['phase route generation', 'generate'],
        ['phase monitoring close', 'close'],
        ['phase roster import', 'import'],
      ]
    : [];
  await settle();
  if (o.phases) await report('phase idle', pc, runMix(ready.base, requests, pc, o.timeout, o.duration));
  for (const [name, job] of phases) {
    await settle();
    const running = server.job(job);
    const load = runMix(
      ready.base,
      requests,
      pc,
      o.timeout,
      o.duration,
      running.catch(() => undefined),
    );
    const done = await running;
    await report(name, pc, load, { name: job, ...done });
  }
  await settle();
  await server.stop();
  console.log(`waited for leftover requests before each run: ${drains.join(' / ')} ms`);
  return { engine, setupMs: ready.setupMs, counts: ready.counts, results, drainMs: drains };
}

export async function loadBench(o: LoadOptions) {
  console.log(
    `Маршрут bench, load: ${o.orgs} organizations, ${o.staff} staff; connections ${o.connections.join('/')}, ` +
      `${o.duration} s per level; phases at ${o.phaseConnections}; timeout ${o.timeout} s`,
  );
  const engines: Engine[] = o.engine === 'both' ? ['postgres', 'pglite'] : [o.engine as Engine];
  const out = [];
  for (const e of engines) out.push(await benchEngine(e, o));
  mkdirSync('bench/.out', { recursive: true });
  const file = `bench/.out/load-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  const { pgUrl: _, ...opts } = o;
  writeFileSync(file, JSON.stringify({ ...opts, node: process.version, engines: out }, null, 2));
  console.log(`\nresults: ${file}`);
}
