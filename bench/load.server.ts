/**
 * The server side of the load bench (bench/load.ts forks it): its own process, so the load
 * generator does not share the event loop (or, on PGlite, the process) with the server. It builds
 * the data, starts `buildApp` on a port, signs the three users in and then answers the parent's
 * messages: run a job's work here, in the server's process (as `MARSHRUT_JOBS=inline` does),
 * report the memory sampled since the last report, stop.
 *
 * PGlite lives in the process that opens it, so the data, the server and the jobs are all here.
 */
import type { AddressInfo } from 'node:net';
import { ensureFrameworkPreset } from '../src/assessment/frameworks/frameworks.service.ts';
import { loadDataset } from '../src/demo/dataset.loader.ts';
import { type Dataset, materialize } from '../src/demo/dataset.ts';
import { regionDatasetStream } from '../src/demo/region.dataset.ts';
import { importFile } from '../src/directory/import/import.service.ts';
import { closeMonitoring, closeSettings } from '../src/monitoring/monitorings/closing.service.ts';
import { createMonitoring } from '../src/monitoring/monitorings/monitorings.service.ts';
import { loadPreset } from '../src/monitoring/presets/presets.service.ts';
import { type Actor, SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { hashPassword } from '../src/platform/auth/password.ts';
import { loadConfig } from '../src/platform/config.ts';
import { type Db, openDatabase, sql } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { writeTable } from '../src/platform/files/write-table.ts';
import { generateRoutes } from '../src/routes/generation/generation.service.ts';
import { buildApp } from '../src/server/app.ts';
import { COLUMNS, rosterRows } from './roster.ts';
import { seedCatalog, seedCurators, seedResults } from './route-generation.ts';
import { timed } from './stats.ts';

export type Engine = 'pglite' | 'postgres';
export type JobName = 'generate' | 'close' | 'import';

export interface ServerOptions {
  engine: Engine;
  orgs: number;
  staff: number;
  pgUrl: string;
  dbName: string;
}

/** What the parent needs to build the mix. */
export interface Ready {
  base: string;
  cookies: { operator: string; methodist: string; teacher: string };
  ids: {
    frameworkId: string;
    campaignId: string;
    setId: string;
    closedMonitoringId: string;
    liveMonitoringId: string;
    personId: string;
    municipalityId: string;
  };
  setupMs: Record<string, number>;
  counts: Record<string, number>;
}

export type ToServer =
  | { type: 'job'; seq: number; job: JobName }
  | { type: 'memory'; seq: number }
  | { type: 'drain'; seq: number }
  | { type: 'stop'; seq: number };

export type FromServer =
  | { type: 'ready'; ready: Ready }
  | { type: 'job'; seq: number; ms: number; summary: Record<string, unknown> }
  | { type: 'memory'; seq: number; rss: number[] }
  | { type: 'drained'; seq: number; ms: number; left: number }
  | { type: 'stopped'; seq: number }
  | { type: 'failed'; seq: number | null; message: string };

const PASSWORD = 'bench-load-pass-1';

async function freshDb(o: ServerOptions): Promise<Db> {
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

const LOAD: (typeof COLUMNS)[number] = 'Нагрузка';

/** A copy of the roster with every fourth row's weekly load changed: the import has work to write. */
function changedRoster(ds: Dataset) {
  const rows = rosterRows(ds);
  rows.forEach((r, i) => {
    if (i % 4 === 0) r[LOAD] = Number(r[LOAD] ?? 0) + 1;
  });
  return writeTable({
    format: 'csv',
    sheetName: 'roster',
    columns: COLUMNS.map((c) => ({ key: c, header: c })),
    rows,
  });
}

async function start(o: ServerOptions) {
  const setupMs: Record<string, number> = {};
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = await timed(fn);
    setupMs[name] = Math.round(t.ms);
    return t.value;
  };
  const db = await step('migrate', async () => {
    const d = await freshDb(o);
    await migrate(d);
    return d;
  });
  const ds = materialize(regionDatasetStream({ organizations: o.orgs, staff: o.staff, seed: 74 }));
  await step('region', () => loadDataset(db, ds));
  const today = new Date().toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  const [region] = await db.queryText<{ id: string }>('SELECT id FROM regions LIMIT 1');
  const regionId = region!.id;
  const framework = await ensureFrameworkPreset(db, SYSTEM_ACTOR, 'teacher-544n');
  const seeded = await step('results', () => seedResults(db, framework.id, regionId, today));
  await step('catalog', () => seedCatalog(db, framework.id, regionId, today));
  await seedCurators(db);

  // The three people who sign in. Accounts are rows (as bench/run.ts makes them); the data behind
  // them comes from the services below.
  const hash = await hashPassword(PASSWORD);
  const [operator] = await db.query<{ id: string }>(sql`
    INSERT INTO users (email, full_name, password_hash, role, region_id)
    VALUES ('operator@load.bench', 'Региональный оператор', ${hash}, 'region_admin', ${regionId}) RETURNING id`);
  const operatorActor: Actor = {
    ...SYSTEM_ACTOR,
    userId: operator!.id,
    email: 'operator@load.bench',
    fullName: 'Региональный оператор',
    role: 'region_admin',
    regionId,
  };
  await db.queryText('ANALYZE');
  const params = { frameworkId: framework.id, campaignId: seeded.campaignId, today };
  const generated = await step('generation', () => generateRoutes(db, operatorActor, params));

  // The teacher: a pedagogical worker with a route; the methodist: of that teacher's municipality.
  const [teacher] = await db.query<{
    person_id: string;
    organization_id: string;
    municipality_id: string;
  }>(sql`
    SELECT r.person_id, e.organization_id, o.municipality_id
    FROM learning_routes r
    JOIN employments e ON e.person_id = r.person_id AND e.end_date IS NULL
    JOIN organizations o ON o.id = e.organization_id
    ORDER BY r.person_id LIMIT 1`);
  await db.query(sql`
    INSERT INTO users (email, full_name, password_hash, role, region_id, municipality_id) VALUES
      ('methodist@load.bench', 'Методист ММС', ${hash}, 'municipal_methodist', ${regionId}, ${teacher!.municipality_id})`);
  await db.query(sql`
    INSERT INTO users (email, full_name, password_hash, role, region_id, municipality_id, organization_id, person_id) VALUES
      ('teacher@load.bench', 'Педагог', ${hash}, 'teacher', ${regionId}, ${teacher!.municipality_id},
       ${teacher!.organization_id}, ${teacher!.person_id})`);

  // 003 in the region: the preset loaded by the operator, one closed monitoring, one live (open),
  // and one more open one that the «close» phase closes.
  const setId = await loadPreset(db, operatorActor, 'p003');
  const monitoring = (name: string) =>
    createMonitoring(db, operatorActor, {
      setId,
      name,
      periodStart: `${year - 1}-09-01`,
      periodEnd: `${year}-08-31`,
      asOf: today,
      targetYear: year,
    });
  const closedId = await monitoring('Мониторинг 003 (закрыт)');
  const liveId = await monitoring('Мониторинг 003 (идёт)');
  const toCloseId = await monitoring('Мониторинг 003 (закрывается под нагрузкой)');
  // The job's work in this process: a large territory's close is a background job in the server
  // (closeMonitoringJob); raising the threshold runs the same compute + freeze directly.
  closeSettings.jobThresholdOrgs = Number.POSITIVE_INFINITY;
  const closed = await step('close', () => closeMonitoring(db, operatorActor, closedId));
  const roster = await step('roster', () => changedRoster(ds));
  await db.queryText('ANALYZE');

  const app = await buildApp({
    db,
    config: { ...loadConfig({ MARSHRUT_DEMO: '0' }), logLevel: 'silent' },
    logger: false,
  });
  // Requests whose handler still works (an abandoned request's handler runs on): the parent waits
  // for none before the next level, so one level's leftovers do not load the next.
  const working = new Set<unknown>();
  app.addHook('preHandler', async (request) => {
    working.add(request);
  });
  app.addHook('onSend', async (request) => {
    working.delete(request);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const signIn = async (email: string) => {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
    return res.headers.getSetCookie()[0]!.split(';')[0]!;
  };
  const ready: Ready = {
    base,
    cookies: {
      operator: await signIn('operator@load.bench'),
      methodist: await signIn('methodist@load.bench'),
      teacher: await signIn('teacher@load.bench'),
    },
    ids: {
      frameworkId: framework.id,
      campaignId: seeded.campaignId,
      setId,
      closedMonitoringId: closedId,
      liveMonitoringId: liveId,
      personId: teacher!.person_id,
      municipalityId: teacher!.municipality_id,
    },
    setupMs,
    counts: {
      organizations: ds.organizations.length,
      people: ds.people.length,
      employments: ds.employments.length,
      results: seeded.results,
      routes: generated.routesCreated,
      routeItems: generated.itemsCreated,
      frozenValues: closed.values,
    },
  };

  const jobs: Record<JobName, () => Promise<Record<string, unknown>>> = {
    // Regeneration over the drafts the setup generated: every route is rebuilt.
    generate: async () => {
      const r = await generateRoutes(db, operatorActor, params);
      return {
        routesCreated: r.routesCreated,
        routesRegenerated: r.routesRegenerated,
        items: r.itemsCreated,
      };
    },
    close: async () => closeMonitoring(db, operatorActor, toCloseId),
    import: async () => {
      const r = await importFile(
        { db },
        { actor: null, kind: 'staff', fileName: 'roster.csv', data: roster.data },
      );
      if (!r.committed) throw new Error(`import not committed: ${JSON.stringify(r.errors.slice(0, 3))}`);
      return { committed: r.committed, unchanged: r.unchanged, errors: r.errors.length };
    },
  };
  return { db, app, ready, jobs, working };
}

async function main() {
  const o = JSON.parse(process.env.BENCH_LOAD_SERVER ?? '{}') as ServerOptions;
  const send = (m: FromServer) => process.send!(m);
  let rss: number[] = [];
  const sampler = setInterval(() => rss.push(process.memoryUsage().rss), 250);
  let s: Awaited<ReturnType<typeof start>>;
  try {
    s = await start(o);
  } catch (err) {
    send({ type: 'failed', seq: null, message: String((err as Error).stack ?? err) });
    process.exit(1);
  }
  process.on('message', async (m: ToServer) => {
    try {
      if (m.type === 'memory') {
        send({ type: 'memory', seq: m.seq, rss });
        rss = [];
      } else if (m.type === 'drain') {
        const t0 = performance.now();
        while (s.working.size > 0 && performance.now() - t0 < 180_000)
          await new Promise((resolve) => setTimeout(resolve, 100));
        send({ type: 'drained', seq: m.seq, ms: performance.now() - t0, left: s.working.size });
      } else if (m.type === 'job') {
        const t = await timed(s.jobs[m.job]);
        send({ type: 'job', seq: m.seq, ms: t.ms, summary: t.value });
      } else if (m.type === 'stop') {
        clearInterval(sampler);
        await s.app.close();
        await s.db.close();
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
  send({ type: 'ready', ready: s.ready });
}

if (process.send) await main();
