/**
 * `npm run bench` — the registry at region scale, measured against baselines of the same run.
 *
 *  1. A deterministic region (2 000 organizations, 50 000 staff) is generated.
 *  2. Roster import: the region's staff as one CSV in the import format → `importFile` (parse,
 *     validate, match, write, audit) in rows/s, against PostgreSQL `COPY` of the same bytes into a
 *     table of the same columns.
 *  3. Filtered staff list through the HTTP API (signed in, region scope) p50/p99, against the
 *     exact SQL the endpoint runs replayed on the raw driver, and a hello-world endpoint.
 *
 * Engines: the PostgreSQL server (BENCH_DATABASE_URL, default the local one) and PGlite.
 * `npm run bench -- --engine pglite|postgres|both --staff 50000 --orgs 2000 --samples 60`
 * Other suites (`--suite import|route-generation|pglite-thread|load|registration`): `import` below, the rest in their files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { from as copyFrom } from 'pg-copy-streams';
import { loadDataset } from '../src/demo/dataset.loader.ts';
import { type Dataset, materialize } from '../src/demo/dataset.ts';
import { regionDatasetStream } from '../src/demo/region.dataset.ts';
import { loadDerivedRules } from '../src/directory/derived/derived-rules.repository.ts';
import { importFile } from '../src/directory/import/import.service.ts';
import { ZStaffListQuery } from '../src/directory/staff/staff.filters.ts';
import { listStaff } from '../src/directory/staff/staff.repository.ts';
import { type Actor, SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { hashPassword } from '../src/platform/auth/password.ts';
import { loadConfig } from '../src/platform/config.ts';
import { type Db, openDatabase, pgliteOf, pgPoolOf, sql } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { writeTable } from '../src/platform/files/write-table.ts';
import { buildApp } from '../src/server/app.ts';
import { loadBench } from './load.ts';
import { pgliteThreadBench } from './pglite-thread.ts';
import { plansCountryBench } from './plans.country.ts';
import { plansBench } from './plans.ts';
import { recordingDb } from './recording-db.ts';
import { COLUMNS, rosterRows } from './roster.ts';
import { routeGenerationBench } from './route-generation.ts';
import { fmt, sample, summarize, timed } from './stats.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const ENGINE = arg('engine', 'both');
const STAFF = Number(arg('staff', '50000'));
const ORGS = Number(arg('orgs', '2000'));
const SAMPLES = Number(arg('samples', '60'));
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function freshDb(engine: 'pglite' | 'postgres'): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (engine === 'pglite') {
    const db = await openDatabase({});
    return { db, drop: () => db.close() };
  }
  const admin = await openDatabase({ url: PG_URL, poolSize: 1 });
  await admin.queryText('DROP DATABASE IF EXISTS marshrut_bench WITH (FORCE)');
  await admin.queryText('CREATE DATABASE marshrut_bench');
  await admin.close();
  const u = new URL(PG_URL);
  u.pathname = '/marshrut_bench';
  const db = await openDatabase({ url: u.toString(), poolSize: 10 });
  return { db, drop: () => db.close() };
}

async function copyBaseline(db: Db, csv: Uint8Array): Promise<number> {
  const cols = COLUMNS.map((_, i) => `c${i} text`).join(', ');
  await db.queryText('DROP TABLE IF EXISTS bench_roster');
  await db.queryText(`CREATE TABLE bench_roster (${cols})`);
  const body = csv[0] === 0xef ? csv.subarray(3) : csv; // the BOM is for Excel
  const copySql = "COPY bench_roster FROM STDIN WITH (FORMAT csv, DELIMITER ';', HEADER true)";
  const pool = pgPoolOf(db);
  if (pool) {
    const client = await pool.connect();
    try {
      const { ms } = await timed(
        () =>
          new Promise<void>((resolve, reject) => {
            const stream = client.query(copyFrom(copySql));
            stream.on('error', reject);
            stream.on('finish', () => resolve());
            stream.end(Buffer.from(body));
          }),
      );
      return ms;
    } finally {
      client.release();
    }
  }
  const pglite = pgliteOf(db)!;
  const { ms } = await timed(() =>
    pglite.query(copySql.replace('STDIN', "'/dev/blob'"), [], { blob: new Blob([body as BlobPart]) }),
  );
  return ms;
}

const FILTERS: Record<string, string>[] = [
  {},
  { category: 'highest', young: 'true' },
  { subject: 'Математика', loadOver30: 'true' },
  { orgKind: 'school', ageBand: '55-64', sort: 'age' },
  { q: 'иван' },
  { pensionAge: 'true', staffCategory: 'pedagogical' },
  { partTime: 'true', sort: 'load', order: 'desc' },
  { offset: '20000' },
];

async function benchEngine(engine: 'pglite' | 'postgres', ds: Dataset, csv: Uint8Array) {
  console.log(`\n== ${engine} ==`);
  const { db, drop } = await freshDb(engine);
  await migrate(db);
  await loadDataset(db, { ...ds, people: [], employments: [], vacancies: [], staffing: [] });

  const copyMs = await copyBaseline(db, csv);
  const rows = ds.employments.length;
  const imp = await timed(() =>
    importFile({ db }, { actor: null, kind: 'staff', fileName: 'roster.csv', data: csv }),
  );
  const report = imp.value;
  if (!report.committed || report.errors.length) {
    throw new Error(`import failed: ${JSON.stringify(report.errors.slice(0, 5))}`);
  }
  const again = await timed(() =>
    importFile({ db }, { actor: null, kind: 'staff', fileName: 'roster.csv', data: csv }),
  );
  console.log(
    `import ${rows} rows: ${fmt(imp.ms)} ms (${Math.round((rows / imp.ms) * 1000)} rows/s); ` +
      `COPY ${fmt(copyMs)} ms (${Math.round((rows / copyMs) * 1000)} rows/s); ratio ×${(imp.ms / copyMs).toFixed(1)}; ` +
      `re-import (no change) ${fmt(again.ms)} ms, unchanged ${again.value.unchanged}`,
  );
  await db.queryText('ANALYZE');

  // An account with the region's scope: it sees all 50 000.
  const [region] = await db.queryText<{ id: string }>('SELECT id FROM regions LIMIT 1');
  await db.query(sql`INSERT INTO users (email, full_name, password_hash, role, region_id)
    VALUES ('bench@region.ru', 'Региональный оператор', ${await hashPassword('bench-pass-1')}, 'region_admin', ${region!.id})`);
  const app = await buildApp({
    db,
    config: { ...loadConfig({ MARSHRUT_DEMO: '0' }), logLevel: 'silent' },
    logger: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@region.ru', password: 'bench-pass-1' }),
  });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const [userRow] = await db.queryText<{ id: string }>(
    "SELECT id FROM users WHERE email = 'bench@region.ru'",
  );
  const actor: Actor = { ...SYSTEM_ACTOR, userId: userRow!.id, role: 'region_admin', regionId: region!.id };

  const get = async (path: string) => {
    const res = await fetch(base + path, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    await res.arrayBuffer();
  };
  await sample(10, () => get('/api/health'));
  const hello = summarize(await sample(SAMPLES * 2, () => get('/api/health')));

  // The exact statements the endpoint runs, recorded once per filter, replayed on the raw driver.
  const rules = await loadDerivedRules(db);
  const asOf = new Date().toISOString().slice(0, 10);
  const recorded: { text: string; params: unknown[] }[][] = [];
  for (const f of FILTERS) {
    const rec = recordingDb(db);
    await listStaff(rec.db, actor, rules, { ...ZStaffListQuery.parse(f), asOf });
    recorded.push(rec.statements);
  }
  const pool = pgPoolOf(db);
  const pglite = pgliteOf(db);
  const raw = async (text: string, params: unknown[]) =>
    pool ? pool.query(text, params as unknown[]) : pglite!.query(text, params);
  const perFilter = Math.max(5, Math.round(SAMPLES / FILTERS.length) * 2);
  const apiSamples: number[] = [];
  const rawSamples: number[] = [];
  const byFilter: { filter: string; apiP50: number; rawP50: number }[] = [];
  for (let k = 0; k < FILTERS.length; k++) {
    const qs = new URLSearchParams({ ...FILTERS[k], asOf }).toString();
    await get(`/api/staff?${qs}`);
    const a = await sample(perFilter, () => get(`/api/staff?${qs}`));
    const r = await sample(perFilter, async () => {
      for (const s of recorded[k]!) await raw(s.text, s.params);
    });
    apiSamples.push(...a);
    rawSamples.push(...r);
    const label = decodeURIComponent(new URLSearchParams(FILTERS[k]).toString()) || '(без фильтров)';
    byFilter.push({ filter: label, apiP50: summarize(a).p50, rawP50: summarize(r).p50 });
    console.log(
      `  ${label.padEnd(48)} API p50 ${fmt(summarize(a).p50)} ms, raw p50 ${fmt(summarize(r).p50)} ms`,
    );
  }
  const api = summarize(apiSamples);
  const rawS = summarize(rawSamples);
  console.log(
    `staff list via API p50 ${fmt(api.p50)} ms p99 ${fmt(api.p99)} ms (n=${api.n}); ` +
      `same SQL raw p50 ${fmt(rawS.p50)} p99 ${fmt(rawS.p99)}; ratio p50 ×${(api.p50 / rawS.p50).toFixed(2)}; ` +
      `hello p50 ${fmt(hello.p50)} p99 ${fmt(hello.p99)}`,
  );
  await app.close();
  await drop();
  return {
    engine,
    rows,
    importMs: imp.ms,
    importRowsPerSec: (rows / imp.ms) * 1000,
    copyMs,
    copyRowsPerSec: (rows / copyMs) * 1000,
    importToCopy: imp.ms / copyMs,
    reimportMs: again.ms,
    api,
    raw: rawS,
    hello,
    byFilter,
  };
}

const ms = (t: Record<string, number>) =>
  Object.entries(t)
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join(', ');

/**
 * `--suite import`: the roster import alone, phase by phase — a fresh import, the same file again
 * (nothing changes), and the file with a tenth of the rows changed (load hours) — against COPY of
 * the same bytes into 20 text columns and against the write floor: the final people and
 * employments inserted by one INSERT … SELECT into copies of the tables with all their indexes.
 */
async function importBench(engine: 'pglite' | 'postgres', ds: Dataset, csv: Uint8Array, changed: Uint8Array) {
  console.log(`\n== ${engine} ==`);
  const { db, drop } = await freshDb(engine);
  await migrate(db);
  await loadDataset(db, { ...ds, people: [], employments: [], vacancies: [], staffing: [] });
  const copyMs = await copyBaseline(db, csv);
  const rows = ds.employments.length;
  const auditRows = async () =>
    (await db.queryText<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]!.n;
  const run = async (label: string, data: Uint8Array) => {
    const timings: Record<string, number> = {};
    const audit0 = await auditRows();
    // The event loop's longest stall while the import runs: what every other page waits.
    const stall = monitorEventLoopDelay({ resolution: 10 });
    stall.enable();
    const r = await timed(() =>
      importFile({ db }, { actor: null, kind: 'staff', fileName: 'roster.csv', data, timings }),
    );
    stall.disable();
    const stallMs = stall.max / 1e6;
    if (!r.value.committed || r.value.errors.length)
      throw new Error(`import failed: ${JSON.stringify(r.value.errors.slice(0, 5))}`);
    const audit = (await auditRows()) - audit0;
    console.log(
      `${label.padEnd(9)} ${fmt(r.ms)} ms, ${Math.round((rows / r.ms) * 1000)} rows/s, ×${(r.ms / copyMs).toFixed(1)} COPY; ` +
        `created ${r.value.created}, updated ${r.value.updated}, unchanged ${r.value.unchanged}; audit rows ${audit}; ` +
        `longest event-loop stall ${fmt(stallMs)} ms\n          ${ms(timings)}`,
    );
    return { ms: r.ms, rowsPerSec: (rows / r.ms) * 1000, timings, audit, stallMs, report: r.value };
  };
  const fresh = await run('fresh', csv);
  const again = await run('again', csv);
  const tenth = await run('changed', changed);
  // The write floor: what the database itself needs to add these rows to tables with these indexes.
  await db.queryText('CREATE TABLE bench_people (LIKE people INCLUDING ALL)');
  await db.queryText('CREATE TABLE bench_employments (LIKE employments INCLUDING ALL)');
  const floorPeople = await timed(() => db.queryText('INSERT INTO bench_people SELECT * FROM people'));
  const floorJobs = await timed(() =>
    db.queryText('INSERT INTO bench_employments SELECT * FROM employments'),
  );
  const floorMs = floorPeople.ms + floorJobs.ms;
  console.log(
    `COPY baseline ${fmt(copyMs)} ms (${Math.round((rows / copyMs) * 1000)} rows/s); write floor ${fmt(floorMs)} ms ` +
      `(people ${fmt(floorPeople.ms)}, employments ${fmt(floorJobs.ms)}; ${Math.round((rows / floorMs) * 1000)} rows/s)`,
  );
  await drop();
  const strip = (x: typeof fresh) => ({
    ms: x.ms,
    rowsPerSec: x.rowsPerSec,
    timings: x.timings,
    audit: x.audit,
  });
  return { engine, rows, copyMs, floorMs, fresh: strip(fresh), again: strip(again), changed: strip(tenth) };
}

async function main() {
  if (arg('suite', 'registry') === 'import') {
    const ds = materialize(regionDatasetStream({ organizations: ORGS, staff: STAFF, seed: 74 }));
    const table = (rows: Record<string, unknown>[]) =>
      writeTable({
        format: 'csv',
        sheetName: 'roster',
        columns: COLUMNS.map((c) => ({ key: c, header: c })),
        rows,
      });
    const base = rosterRows(ds);
    // Every tenth row with one more hour of load: an employment update each.
    const changed = base.map((r, i) => (i % 10 === 0 ? { ...r, Нагрузка: Number(r.Нагрузка) + 1 } : r));
    const csv = (await table(base)).data;
    const csv2 = (await table(changed)).data;
    console.log(`Маршрут import bench: ${ds.organizations.length} orgs, ${ds.employments.length} rows`);
    const engines = ENGINE === 'both' ? (['postgres', 'pglite'] as const) : [ENGINE as 'postgres' | 'pglite'];
    const results = [];
    for (const e of engines) results.push(await importBench(e, ds, csv, csv2));
    mkdirSync('bench/.out', { recursive: true });
    const file = `bench/.out/import-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    writeFileSync(
      file,
      JSON.stringify({ orgs: ORGS, staff: STAFF, node: process.version, results }, null, 2),
    );
    console.log(`\nresults: ${file}`);
    return;
  }
  if (arg('suite', 'registry') === 'route-generation')
    return routeGenerationBench({ engine: ENGINE, orgs: ORGS, staff: STAFF });
  if (arg('suite', 'registry') === 'plans')
    return plansBench({
      engine: arg('engine', 'postgres'),
      staff: STAFF,
      orgs: ORGS,
      check: process.argv.includes('--check'),
      write: arg('write', 'true') !== 'false',
      pgUrl: PG_URL,
    });
  if (arg('suite', 'registry') === 'plans-country')
    return plansCountryBench({ regions: Number(arg('regions', '10')), pgUrl: PG_URL });
  if (arg('suite', 'registry') === 'load')
    return loadBench({
      engine: ENGINE,
      orgs: ORGS,
      staff: STAFF,
      connections: arg('connections', '10,50,100').split(',').map(Number),
      duration: Number(arg('duration', '15')),
      phaseConnections: Number(arg('phase-connections', '50')),
      phases: arg('phases', 'true') !== 'false',
      timeout: Number(arg('timeout', '10')),
      warmup: Number(arg('warmup', '3')),
      pgUrl: PG_URL,
    });
  if (arg('suite', 'registry') === 'registration')
    return (await import('./registration.ts')).registrationBench({
      engine: ENGINE,
      teachers: Number(arg('teachers', '5000')),
      capacity: Number(arg('capacity', '3000')),
      repeats: Number(arg('repeats', '500')),
      connections: Number(arg('connections', '200')),
      healthConnections: Number(arg('health-connections', '4')),
      idle: Number(arg('idle', '5')),
      timeout: Number(arg('timeout', '30')),
      pgUrl: PG_URL,
    });
  if (arg('suite', 'registry') === 'pglite-thread')
    return pgliteThreadBench({ rounds: Number(arg('rounds', '3')), series: Number(arg('series', '3000')) });
  if (arg('suite', 'registry') === 'heatmap')
    return (await import('./heatmap.ts')).heatmapBench({
      engine: ENGINE,
      orgs: ORGS,
      staff: STAFF,
      samples: Number(arg('samples', '40')),
    });
  console.log(`Маршрут bench: ${ORGS} organizations, ${STAFF} staff, ${SAMPLES} samples`);
  const gen = await timed(async () =>
    materialize(regionDatasetStream({ organizations: ORGS, staff: STAFF, seed: 74 })),
  );
  const ds = gen.value;
  console.log(
    `generated ${ds.organizations.length} orgs, ${ds.people.length} people, ${ds.employments.length} employments in ${fmt(gen.ms)} ms`,
  );
  const csv = await timed(() =>
    writeTable({
      format: 'csv',
      sheetName: 'roster',
      columns: COLUMNS.map((c) => ({ key: c, header: c })),
      rows: rosterRows(ds),
    }),
  );
  console.log(`roster CSV ${(csv.value.data.byteLength / 1e6).toFixed(1)} MB written in ${fmt(csv.ms)} ms`);
  const engines = ENGINE === 'both' ? (['postgres', 'pglite'] as const) : [ENGINE as 'postgres' | 'pglite'];
  const results = [];
  for (const e of engines) results.push(await benchEngine(e, ds, csv.value.data));
  mkdirSync('bench/.out', { recursive: true });
  const file = `bench/.out/results-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(
    file,
    JSON.stringify({ orgs: ORGS, staff: STAFF, samples: SAMPLES, node: process.version, results }, null, 2),
  );
  console.log(`\nresults: ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
