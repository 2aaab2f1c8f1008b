/**
 * The server side of the registration bench (bench/registration.ts forks it): a fresh database,
 * the burst's data (bench/registration.seed.ts), `buildApp` on a port; then it answers the parent:
 * the database's state after the burst, the memory sampled, stop. Its own process, so the load
 * generator does not share its event loop — and on PGlite the database lives here anyway.
 */
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/platform/config.ts';
import { type Db, openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { buildApp } from '../src/server/app.ts';
import { type Burst, type BurstState, readBurst, seedBurst } from './registration.seed.ts';
import { timed } from './stats.ts';

export interface RegistrationServerOptions {
  engine: 'pglite' | 'postgres';
  teachers: number;
  capacity: number;
  pgUrl: string;
  dbName: string;
}

export type ToRegistrationServer = { type: 'state'; seq: number } | { type: 'stop'; seq: number };
export type FromRegistrationServer =
  | { type: 'ready'; base: string; burst: Burst; setupMs: Record<string, number> }
  | { type: 'state'; seq: number; state: BurstState; rssMaxMb: number }
  | { type: 'stopped'; seq: number }
  | { type: 'failed'; seq: number | null; message: string };

async function freshDb(o: RegistrationServerOptions): Promise<Db> {
  if (o.engine === 'pglite') return openDatabase({});
  const admin = await openDatabase({ url: o.pgUrl, poolSize: 1 });
  await admin.queryText(`DROP DATABASE IF EXISTS ${o.dbName} WITH (FORCE)`);
  await admin.queryText(`CREATE DATABASE ${o.dbName}`);
  await admin.close();
  const u = new URL(o.pgUrl);
  u.pathname = `/${o.dbName}`;
  // The server's default pool (as `npm start` opens it).
  return openDatabase({ url: u.toString() });
}

async function main() {
  const o = JSON.parse(process.env.BENCH_REGISTRATION_SERVER ?? '{}') as RegistrationServerOptions;
  const send = (m: FromRegistrationServer) => process.send!(m);
  let rssMax = 0;
  const sampler = setInterval(() => {
    rssMax = Math.max(rssMax, process.memoryUsage().rss);
  }, 250);
  let db: Db;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let burst: Burst;
  const setupMs: Record<string, number> = {};
  try {
    const m = await timed(async () => {
      const d = await freshDb(o);
      await migrate(d);
      return d;
    });
    db = m.value;
    setupMs.migrate = Math.round(m.ms);
    const s = await timed(() => seedBurst(db, { teachers: o.teachers, capacity: o.capacity, tag: 'bench' }));
    burst = s.value;
    setupMs.seed = Math.round(s.ms);
    app = await buildApp({
      db,
      config: { ...loadConfig({ MARSHRUT_DEMO: '0' }), logLevel: 'silent' },
      logger: false,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (err) {
    send({ type: 'failed', seq: null, message: String((err as Error).stack ?? err) });
    process.exit(1);
  }
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  process.on('message', async (m: ToRegistrationServer) => {
    try {
      if (m.type === 'state') {
        send({
          type: 'state',
          seq: m.seq,
          state: await readBurst(db, burst.eventId),
          rssMaxMb: rssMax / 1e6,
        });
        rssMax = 0;
      } else if (m.type === 'stop') {
        clearInterval(sampler);
        await app.close();
        await db.close();
        if (o.engine === 'postgres') {
          const admin = await openDatabase({ url: o.pgUrl, poolSize: 1 });
          await admin.queryText(`DROP DATABASE IF EXISTS ${o.dbName} WITH (FORCE)`);
          await admin.close();
        }
        send({ type: 'stopped', seq: m.seq });
        process.disconnect();
      }
    } catch (err) {
      send({ type: 'failed', seq: m.seq, message: String((err as Error).stack ?? err) });
    }
  });
  send({ type: 'ready', base, burst, setupMs });
}

if (process.send) await main();
