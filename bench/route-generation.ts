/**
 * `npm run bench -- --suite route-generation` — route generation at region scale, against the
 * floor of the same run: the time to just read its inputs.
 *
 *  1. The deterministic region (2 000 organizations, 50 000 staff, seed 74), the teacher framework
 *     preset, one campaign's results for every pedagogical worker (≈20 competencies each, spread so
 *     that ≈40 % have a deficit), a catalog of 60 programs with cohorts, 3 curators per municipality.
 *  2. Generation as the region's operator (`generateRoutes`, the job's work): records every
 *     statement it runs outside its write transactions — exactly the reads.
 *  3. Routes removed; the floor: those recorded reads replayed on the raw driver; then generation
 *     timed again from scratch (fresh routes), and once more over its own drafts (regeneration).
 *     The from-scratch run reports its profile: reads, planning (this thread), waiting for writes,
 *     the write transactions' sizes and durations.
 *  4. Routes removed once more, and generation again with a server on the same database: while it
 *     runs a ticker asks `/api/health` every 20 ms (the event loop: planning blocks it) and another
 *     runs `SELECT 1` on the database every 20 ms (what any list request waits for: on PGlite, one
 *     connection, every statement and transaction of the job). The worst waits are the figure.
 *
 * `--engine pglite|postgres|both --staff 50000 --orgs 2000`
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { ensureFrameworkPreset } from '../src/assessment/frameworks/frameworks.service.ts';
import { loadDataset } from '../src/demo/dataset.loader.ts';
import { createRng } from '../src/demo/prng.ts';
import { regionDatasetStream } from '../src/demo/region.dataset.ts';
import { type Actor, SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { loadConfig } from '../src/platform/config.ts';
import { type Db, openDatabase, pgliteOf, pgPoolOf, sql } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { type GenerationTimings, generateRoutes } from '../src/routes/generation/generation.service.ts';
import { addMonths } from '../src/routes/generation/planner.ts';
import { buildApp } from '../src/server/app.ts';
import { recordingDb } from './recording-db.ts';
import { fmt, summarize, timed } from './stats.ts';

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'marshrut_bench_routes';
const PROGRAMS = 60;

async function freshDb(engine: 'pglite' | 'postgres'): Promise<Db> {
  if (engine === 'pglite') return openDatabase({});
  const admin = await openDatabase({ url: PG_URL, poolSize: 1 });
  await admin.queryText(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.queryText(`CREATE DATABASE ${DB_NAME}`);
  await admin.close();
  const u = new URL(PG_URL);
  u.pathname = `/${DB_NAME}`;
  return openDatabase({ url: u.toString(), poolSize: 10 });
}

/** Results of one closed campaign: person ability + competency difficulty + noise, seeded. */
export async function seedResults(db: Db, frameworkId: string, regionId: string, today: string) {
  const [campaign] = await db.query<{ id: string }>(sql`
    INSERT INTO assessment_campaigns (name, owner_level, region_id, framework_id, status, opens_at, closes_at, closed_at)
    VALUES ('Региональная диагностика педагогов', 'region', ${regionId}, ${frameworkId}, 'closed',
            now() - interval '30 days', now() - interval '1 day', now()) RETURNING id`);
  const comps = await db.query<{ id: string }>(
    sql`SELECT id FROM competencies WHERE framework_id = ${frameworkId} ORDER BY position, code`,
  );
  const people = await db.query<{ person_id: string }>(sql`
    SELECT DISTINCT person_id FROM employments WHERE staff_category = 'pedagogical' AND end_date IS NULL
    ORDER BY person_id`);
  const rng = createRng(2026);
  const difficulty = comps.map(() => rng.normal(0, 5));
  const assessedOn = addMonths(today, -1);
  let rows: { p: string; c: string; v: number }[] = [];
  let total = 0;
  const flush = async () => {
    await db.query(sql`
      INSERT INTO competency_results (person_id, competency_id, campaign_id, source, assessed_on, percent)
      SELECT x.p, x.c, ${campaign!.id}, 'platform', ${assessedOn}, x.v
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(p uuid, c uuid, v numeric)`);
    total += rows.length;
    rows = [];
  };
  for (const { person_id } of people) {
    const ability = rng.normal(70, 8);
    comps.forEach((c, k) => {
      const v = Math.round(Math.min(100, Math.max(0, ability + difficulty[k]! + rng.normal(0, 8))) * 10) / 10;
      rows.push({ p: person_id, c: c.id, v });
    });
    if (rows.length >= 20_000) await flush();
  }
  if (rows.length) await flush();
  return { campaignId: campaign!.id, people: people.length, results: total, competencies: comps.length };
}

/** 60 programs (a third from the federal registry), 1–3 competencies each, 2–4 cohorts in the year. */
export async function seedCatalog(db: Db, frameworkId: string, regionId: string, today: string) {
  const rng = createRng(60);
  const comps = await db.query<{ id: string }>(
    sql`SELECT id FROM competencies WHERE framework_id = ${frameworkId}`,
  );
  const programs = [];
  const links = [];
  const cohorts = [];
  for (let i = 0; i < PROGRAMS; i++) {
    const id = rng.uuid();
    const federal = rng.chance(0.33);
    programs.push({
      id,
      code: `BENCH-${i + 1}`,
      name: `Программа повышения квалификации № ${i + 1}`,
      hours: rng.pick([16, 24, 36, 36, 72]),
      federal,
      number: federal ? `ФР-${1000 + i}` : null,
    });
    for (const c of rng.shuffle([...comps]).slice(0, rng.int(1, 3))) links.push({ p: id, c: c.id });
    for (let k = rng.int(2, 4); k > 0; k--) {
      const starts = addMonths(today, rng.int(0, 11));
      cohorts.push({
        p: id,
        s: starts,
        e: addMonths(starts, 1),
        seats: rng.chance(0.3) ? null : rng.int(25, 150),
      });
    }
  }
  await db.query(sql`
    INSERT INTO programs (id, region_id, code, name, kind, hours, provider, format, federal_registry, federal_registry_number)
    SELECT x.id, ${regionId}, x.code, x.name, 'upgrade', x.hours, 'ИРО', 'blended', x.federal, x.number
    FROM jsonb_to_recordset(${JSON.stringify(programs)}::jsonb) AS x(id uuid, code text, name text, hours int, federal boolean, number text)`);
  await db.query(sql`
    INSERT INTO program_competencies (program_id, competency_id)
    SELECT x.p, x.c FROM jsonb_to_recordset(${JSON.stringify(links)}::jsonb) AS x(p uuid, c uuid)`);
  await db.query(sql`
    INSERT INTO program_cohorts (program_id, starts_on, ends_on, seats)
    SELECT x.p, x.s, x.e, x.seats FROM jsonb_to_recordset(${JSON.stringify(cohorts)}::jsonb) AS x(p uuid, s date, e date, seats int)`);
  return { programs: programs.length, cohorts: cohorts.length };
}

/** 3 curators per municipality (accounts without a password: they are only assigned). */
export async function seedCurators(db: Db) {
  await db.queryText(`
    INSERT INTO users (email, full_name, role, region_id, municipality_id)
    SELECT 'curator' || k || '.' || m.code || '@bench.ru', 'Куратор ' || k || ' ' || m.name, 'curator', m.region_id, m.id
    FROM municipalities m CROSS JOIN generate_series(1, 3) AS k`);
}

async function clearRoutes(db: Db) {
  await db.queryText('DELETE FROM learning_routes');
  await db.queryText('DELETE FROM curator_assignments');
}

const TICK_MS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` while ticking `probe` every TICK_MS (the next tick once the answer is in); every latency. */
async function whileTicking<T>(work: () => Promise<T>, probes: Record<string, () => Promise<unknown>>) {
  let done = false;
  const lat: Record<string, number[]> = {};
  const tickers = Object.entries(probes).map(async ([name, probe]) => {
    const out: number[] = [];
    lat[name] = out;
    while (!done) {
      const t0 = performance.now();
      await probe();
      const ms = performance.now() - t0;
      out.push(ms);
      await sleep(Math.max(0, TICK_MS - ms));
    }
  });
  const value = await timed(work).finally(() => {
    done = true;
  });
  await Promise.all(tickers);
  return {
    ...value,
    waits: Object.fromEntries(
      Object.entries(lat).map(([name, l]) => [name, { ...summarize(l), max: Math.max(0, ...l) }]),
    ),
  };
}

async function benchEngine(engine: 'pglite' | 'postgres', opts: { orgs: number; staff: number }) {
  console.log(`\n== ${engine} ==`);
  const db = await freshDb(engine);
  await migrate(db);
  const load = await timed(() =>
    loadDataset(db, regionDatasetStream({ organizations: opts.orgs, staff: opts.staff, seed: 74 })),
  );
  const today = new Date().toISOString().slice(0, 10);
  const [region] = await db.queryText<{ id: string }>('SELECT id FROM regions LIMIT 1');
  const framework = await ensureFrameworkPreset(db, SYSTEM_ACTOR, 'teacher-544n');
  const seeded = await timed(() => seedResults(db, framework.id, region!.id, today));
  const catalog = await seedCatalog(db, framework.id, region!.id, today);
  await seedCurators(db);
  const [operator] = await db.query<{ id: string }>(sql`
    INSERT INTO users (email, full_name, role, region_id)
    VALUES ('operator@bench.ru', 'Региональный оператор', 'region_admin', ${region!.id}) RETURNING id`);
  await db.queryText('ANALYZE');
  console.log(
    `loaded in ${fmt(load.ms)} ms; ${seeded.value.people} pedagogical workers × ${seeded.value.competencies} competencies = ` +
      `${seeded.value.results} results in ${fmt(seeded.ms)} ms; ${catalog.programs} programs, ${catalog.cohorts} cohorts`,
  );

  const actor: Actor = { ...SYSTEM_ACTOR, userId: operator!.id, role: 'region_admin', regionId: region!.id };
  const params = { frameworkId: framework.id, campaignId: seeded.value.campaignId, today };

  // Warm-up and recording: the statements outside the write transactions are the reads.
  const rec = recordingDb(db);
  const warm = await timed(() => generateRoutes(rec.db, actor, params));
  await clearRoutes(db);
  const reads = rec.statements;

  const pool = pgPoolOf(db);
  const pglite = pgliteOf(db);
  const raw = async (text: string, p: unknown[]) =>
    pool ? pool.query(text, p as unknown[]) : pglite!.query(text, p);
  const floor = await timed(async () => {
    for (const s of reads) await raw(s.text, s.params);
  });
  const timings: GenerationTimings = { readMs: 0, planMs: 0, writeWaitMs: 0, batches: [] };
  const gen = await timed(() => generateRoutes(db, actor, params, undefined, { timings }));
  const regen = await timed(() => generateRoutes(db, actor, params));
  const r = gen.value;
  const [counts] = await db.queryText<{ routes: number; items: number }>(
    'SELECT (SELECT count(*)::int FROM learning_routes) AS routes, (SELECT count(*)::int FROM learning_route_items) AS items',
  );
  const ratio = gen.ms / floor.ms;
  console.log(
    `generation: ${r.peopleWithDeficits} people with deficits → ${r.routesCreated} routes, ${r.itemsCreated} items ` +
      `(${counts!.routes} / ${counts!.items} in the database) in ${fmt(gen.ms)} ms = ${Math.round((r.routesCreated / gen.ms) * 1000)} routes/s; ` +
      `floor (${reads.length} read statements replayed raw) ${fmt(floor.ms)} ms; ratio ×${ratio.toFixed(1)}; ` +
      `regeneration of the drafts ${fmt(regen.ms)} ms; first run (cold) ${fmt(warm.ms)} ms`,
  );
  const b = timings.batches;
  const batchMs = b.map((x) => x.ms);
  const writeMs = batchMs.reduce((sum, x) => sum + x, 0);
  console.log(
    `  profile: reads ${fmt(timings.readMs)} ms, planning (this thread) ${fmt(timings.planMs)} ms, ` +
      `waiting for writes ${fmt(timings.writeWaitMs)} ms; ${b.length} write transactions, ${fmt(writeMs)} ms in all ` +
      `(${Math.min(...b.map((x) => x.people))}–${Math.max(...b.map((x) => x.people))} people, ` +
      `median ${fmt(summarize(batchMs).p50)} ms, longest ${fmt(Math.max(...batchMs))} ms); by statement ` +
      Object.entries(timings.writes ?? {})
        .map(([k, v]) => `${k} ${fmt(v)}`)
        .join(', '),
  );

  // Generation with a server on the same database, its waits measured.
  await clearRoutes(db);
  const app = await buildApp({
    db,
    config: { ...loadConfig({ MARSHRUT_DEMO: '0', MARSHRUT_JOBS: 'off' }), logLevel: 'silent' },
    logger: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const busy = await whileTicking(() => generateRoutes(db, actor, params), {
    health: async () => {
      const res = await fetch(`${base}/api/health`);
      await res.arrayBuffer();
    },
    select1: () => db.queryText('SELECT 1'),
  });
  await app.close();
  const w = busy.waits;
  console.log(
    `  waits during generation (${fmt(busy.ms)} ms): /api/health p50 ${fmt(w.health!.p50)} p99 ${fmt(w.health!.p99)} ` +
      `max ${fmt(w.health!.max)} ms (n=${w.health!.n}); SELECT 1 p50 ${fmt(w.select1!.p50)} p99 ${fmt(w.select1!.p99)} ` +
      `max ${fmt(w.select1!.max)} ms (n=${w.select1!.n})`,
  );
  console.log(
    `  uncovered: ${r.uncovered.map((u) => `${u.competencyCode} ${u.people}`).join(', ') || 'none'}; curators ${r.curators.length}, ` +
      `without curator ${r.routesWithoutCurator}; skipped ${JSON.stringify(r.skipped)}`,
  );
  await db.close();
  return {
    engine,
    people: seeded.value.people,
    results: seeded.value.results,
    peopleWithDeficits: r.peopleWithDeficits,
    routes: r.routesCreated,
    items: r.itemsCreated,
    generationMs: gen.ms,
    floorMs: floor.ms,
    ratio,
    routesPerSec: (r.routesCreated / gen.ms) * 1000,
    regenerationMs: regen.ms,
    coldMs: warm.ms,
    readStatements: reads.length,
    profile: {
      readMs: timings.readMs,
      planMs: timings.planMs,
      writeWaitMs: timings.writeWaitMs,
      writeTransactions: b.length,
      writeMs,
      longestWriteMs: Math.max(...batchMs),
    },
    busy: { generationMs: busy.ms, waits: w },
  };
}

export async function routeGenerationBench(opts: { engine: string; orgs: number; staff: number }) {
  console.log(`Маршрут bench, route generation: ${opts.orgs} organizations, ${opts.staff} staff`);
  const engines =
    opts.engine === 'both' ? (['postgres', 'pglite'] as const) : [opts.engine as 'postgres' | 'pglite'];
  const results = [];
  for (const e of engines) results.push(await benchEngine(e, opts));
  mkdirSync('bench/.out', { recursive: true });
  const file = `bench/.out/route-generation-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, JSON.stringify({ ...opts, node: process.version, results }, null, 2));
  console.log(`\nresults: ${file}`);
}
