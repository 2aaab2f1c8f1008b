/**
 * `npm run bench -- --suite registration` — the registration burst of issue 13: one webinar of
 * `--capacity` seats (3 000), `--teachers` distinct teachers (5 000) each with their own session,
 * registering at once from `--connections` keep-alive connections (200), with `--repeats` of them
 * (500) pressing a second time while their first request may still be in flight. `/api/health`
 * runs beside the burst on `--health-connections` (4) as the baseline of the same run, and alone
 * before it (idle).
 *
 *  1. A child process (bench/registration.server.ts) makes a fresh database, the burst's data
 *     (bench/registration.seed.ts: the people, accounts, sessions, the approved plan and the
 *     webinar) and starts `buildApp` on a port.
 *  2. Here: the idle baseline, then the burst; every request's status, registration status,
 *     waiting-list position and latency recorded.
 *  3. The database's state read by the server; both ends checked by bench/registration.check.ts:
 *     exactly `capacity` confirmed, the rest waitlisted 1..n, nobody twice, nothing lost.
 *
 * The load generator is node:http with one agent of `--connections` sockets (each worker keeps one
 * request in flight), not autocannon: every request carries a different person's cookie and each
 * is sent exactly once, which autocannon's request loop does not promise.
 *
 * `--engine pglite|postgres|both --teachers 5000 --capacity 3000 --repeats 500 --connections 200
 *  --health-connections 4 --idle 5 --timeout 30`
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { type BurstAnswer, type BurstVerdict, checkBurst } from './registration.check.ts';
import { burstOrder } from './registration.seed.ts';
import type {
  FromRegistrationServer,
  RegistrationServerOptions,
  ToRegistrationServer,
} from './registration.server.ts';
import { fmt, percentile } from './stats.ts';

export interface RegistrationOptions {
  engine: string;
  teachers: number;
  capacity: number;
  repeats: number;
  connections: number;
  healthConnections: number;
  idle: number;
  timeout: number;
  pgUrl: string;
}

type Ready = Extract<FromRegistrationServer, { type: 'ready' }>;

class Server {
  readonly #child: ChildProcess;
  #seq = 0;
  readonly #waiting = new Map<number, (m: FromRegistrationServer) => void>();
  readonly ready: Promise<Ready>;

  constructor(opts: RegistrationServerOptions) {
    this.#child = fork(new URL('./registration.server.ts', import.meta.url).pathname, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_REGISTRATION_SERVER: JSON.stringify(opts) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.ready = new Promise((resolve, reject) => {
      this.#child.on('exit', (code) => reject(new Error(`the bench server exited (${code})`)));
      this.#child.on('message', (m: FromRegistrationServer) => {
        if (m.type === 'ready') return resolve(m);
        if (m.type === 'failed' && m.seq === null) return reject(new Error(m.message));
        const seq = (m as { seq: number }).seq;
        this.#waiting.get(seq)?.(m);
        this.#waiting.delete(seq);
      });
    });
  }

  ask(type: ToRegistrationServer['type']): Promise<FromRegistrationServer> {
    const seq = ++this.#seq;
    return new Promise((resolve, reject) => {
      this.#waiting.set(seq, (a) => (a.type === 'failed' ? reject(new Error(a.message)) : resolve(a)));
      this.#child.send({ type, seq } as ToRegistrationServer);
    });
  }

  async stop(): Promise<void> {
    await this.ask('stop');
    await new Promise((resolve) => (this.#child.connected ? this.#child.once('exit', resolve) : resolve(0)));
  }
}

interface Answer {
  status: number;
  body: string;
  ms: number;
}

function call(
  agent: http.Agent,
  base: string,
  method: 'GET' | 'POST',
  path: string,
  cookie: string | null,
  timeoutMs: number,
): Promise<Answer> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      `${base}${path}`,
      { method, agent, headers: cookie ? { cookie } : {}, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - t0,
          }),
        );
        res.on('error', () => resolve({ status: 0, body: '', ms: performance.now() - t0 }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, body: '', ms: performance.now() - t0 }));
    req.end();
  });
}

export interface Latency {
  n: number;
  p50: number;
  p99: number;
  max: number;
  perSec: number;
}

function latency(ms: number[], seconds: number): Latency {
  const s = [...ms].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: s.length ? percentile(s, 50) : Number.NaN,
    p99: s.length ? percentile(s, 99) : Number.NaN,
    max: s.at(-1) ?? Number.NaN,
    perSec: s.length / seconds,
  };
}

/** `/api/health` from `connections` workers until `stop` resolves (or for `seconds`). */
async function healthLoop(
  base: string,
  connections: number,
  timeoutMs: number,
  stop: Promise<unknown>,
): Promise<{ ms: number[]; failed: number; seconds: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  let done = false;
  void stop.then(() => {
    done = true;
  });
  const ms: number[] = [];
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (!done) {
        const a = await call(agent, base, 'GET', '/api/health', null, timeoutMs);
        if (a.status === 200) ms.push(a.ms);
        else failed++;
      }
    }),
  );
  agent.destroy();
  return { ms, failed, seconds: (performance.now() - t0) / 1000 };
}

export interface EngineResult {
  engine: string;
  setupMs: Record<string, number>;
  sent: number;
  seconds: number;
  withinMinute: boolean;
  registration: Latency;
  /** The registrations that got a seat or a place in the queue (201) and the refused repeats (409). */
  created: Latency;
  refused: Latency;
  healthDuringBurst: Latency & { failed: number };
  healthIdle: Latency & { failed: number };
  p99Ratio: number;
  serverRssMaxMb: number;
  verdict: BurstVerdict;
}

async function benchEngine(engine: 'pglite' | 'postgres', o: RegistrationOptions): Promise<EngineResult> {
  console.log(`\n== ${engine} ==`);
  const server = new Server({
    engine,
    teachers: o.teachers,
    capacity: o.capacity,
    pgUrl: o.pgUrl,
    dbName: 'bench_registration',
  });
  const ready = await server.ready;
  const { base, burst } = ready;
  console.log(`server at ${base}; setup ms ${JSON.stringify(ready.setupMs)}`);
  const timeoutMs = o.timeout * 1000;

  // Warm-up and the idle baseline: health alone.
  const wait = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
  await healthLoop(base, o.healthConnections, timeoutMs, wait(2));
  const idle = await healthLoop(base, o.healthConnections, timeoutMs, wait(o.idle));

  // The burst: each worker keeps one request in flight on its own socket.
  const order = burstOrder(o.teachers, o.repeats);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const answers: BurstAnswer[] = [];
  const regMs: number[] = [];
  const createdMs: number[] = [];
  const refusedMs: number[] = [];
  let next = 0;
  let finish!: () => void;
  const finished = new Promise<void>((r) => {
    finish = r;
  });
  const health = healthLoop(base, o.healthConnections, timeoutMs, finished);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: o.connections }, async () => {
      while (next < order.length) {
        const k = order[next++]!;
        const a = await call(
          agent,
          base,
          'POST',
          `/api/events/${burst.eventId}/register`,
          burst.cookies[k]!,
          timeoutMs,
        );
        let body: { status?: string; waitlistPosition?: number | null } = {};
        try {
          body = JSON.parse(a.body);
        } catch {}
        answers.push({
          who: burst.personIds[k]!,
          status: a.status,
          registration: a.status === 201 ? body.status : null,
          waitlistPosition: a.status === 201 ? body.waitlistPosition : null,
        });
        if (a.status !== 0) regMs.push(a.ms);
        if (a.status === 201) createdMs.push(a.ms);
        else if (a.status === 409) refusedMs.push(a.ms);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  finish();
  const h = await health;
  agent.destroy();

  const st = await server.ask('state');
  if (st.type !== 'state') throw new Error(`unexpected answer ${st.type}`);
  const verdict = checkBurst(
    { capacity: o.capacity, sent: order.length, people: o.teachers },
    answers,
    st.state,
  );
  const r: EngineResult = {
    engine,
    setupMs: ready.setupMs,
    sent: order.length,
    seconds,
    withinMinute: seconds <= 60,
    registration: latency(regMs, seconds),
    created: latency(createdMs, seconds),
    refused: latency(refusedMs, seconds),
    healthDuringBurst: { ...latency(h.ms, h.seconds), failed: h.failed },
    healthIdle: { ...latency(idle.ms, idle.seconds), failed: idle.failed },
    p99Ratio: Number.NaN,
    serverRssMaxMb: st.rssMaxMb,
    verdict,
  };
  r.p99Ratio = r.registration.p99 / r.healthDuringBurst.p99;
  await server.stop();

  const row = (name: string, l: Latency) =>
    `| ${name} | ${l.n} | ${fmt(l.p50)} | ${fmt(l.p99)} | ${fmt(l.max)} | ${l.perSec.toFixed(0)} |`;
  console.log(
    `\n### ${engine}: ${order.length} requests (${o.teachers} teachers + ${o.repeats} repeats) from ${o.connections} connections in ${seconds.toFixed(1)} s` +
      `; server RSS max ${fmt(r.serverRssMaxMb)} MB`,
  );
  console.log('| requests | n | p50 ms | p99 ms | max ms | per s |\n|---|---:|---:|---:|---:|---:|');
  console.log(row('register (all answers)', r.registration));
  console.log(row('register → 201', r.created));
  console.log(row('register → 409 (repeat)', r.refused));
  console.log(row(`/api/health during the burst (${o.healthConnections} conn.)`, r.healthDuringBurst));
  console.log(row(`/api/health idle (${o.healthConnections} conn.)`, r.healthIdle));
  console.log(
    `p99 register ÷ p99 health (same run): ${r.p99Ratio.toFixed(1)}; answers ${JSON.stringify(verdict.answers)}; ` +
      `database ${JSON.stringify(st.state)}`,
  );
  console.log(verdict.ok ? 'invariants: OK' : `invariants FAILED:\n  ${verdict.failures.join('\n  ')}`);
  return r;
}

export async function registrationBench(o: RegistrationOptions) {
  console.log(
    `Маршрут bench, registration: ${o.teachers} teachers (+${o.repeats} repeats) for ${o.capacity} seats from ${o.connections} connections`,
  );
  const engines: ('pglite' | 'postgres')[] =
    o.engine === 'both' ? ['postgres', 'pglite'] : [o.engine as 'pglite' | 'postgres'];
  const out: EngineResult[] = [];
  for (const e of engines) out.push(await benchEngine(e, o));
  mkdirSync('bench/.out', { recursive: true });
  const file = `bench/.out/registration-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  const { pgUrl: _, ...opts } = o;
  writeFileSync(file, JSON.stringify({ ...opts, node: process.version, engines: out }, null, 2));
  console.log(`\nresults: ${file}`);
  if (out.some((r) => !r.verdict.ok)) process.exitCode = 1;
}
