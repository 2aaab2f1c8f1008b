/**
 * `npm run bench -- --suite heatmap` — the deficits heatmap at region scale, against the request
 * floor of the same run (`/api/health`) and the per-request computation it replaced.
 *
 *  1. The deterministic region (2 000 organizations, 50 000 staff, seed 74), the teacher framework
 *     preset, one campaign's results for every pedagogical worker (≈17 competencies each).
 *  2. Before: the previous per-request query (latest result of everyone in scope, grouped by
 *     organization) for the region's operator, its time and the size of the rows it produced.
 *  3. The kept aggregates built once (what an import's transaction does), then the API: the region
 *     (municipalities), one municipality drilled into, a methodist of one municipality, the export;
 *     p50/p99 and bytes; 100 concurrent connections against `/api/health` under the same load;
 *     one teacher's new results refreshed into the aggregates.
 *
 * `--engine pglite|postgres|both --staff 50000 --orgs 2000 --samples 40`
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { presentHeatmapRows } from '../src/assessment/deficits/deficits.presenter.ts';
import { heatmap } from '../src/assessment/deficits/deficits.repository.ts';
import { refreshHeatCells } from '../src/assessment/deficits/heat-cells.repository.ts';
import { ensureFrameworkPreset } from '../src/assessment/frameworks/frameworks.service.ts';
import { loadDataset } from '../src/demo/dataset.loader.ts';
import { createRng } from '../src/demo/prng.ts';
import { regionDatasetStream } from '../src/demo/region.dataset.ts';
import { type Actor, SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { hashPassword } from '../src/platform/auth/password.ts';
import { loadConfig } from '../src/platform/config.ts';
import { type Db, openDatabase, sql } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { buildApp } from '../src/server/app.ts';
import { fmt, sample, summarize, timed } from './stats.ts';

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'marshrut_bench_heatmap';

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

/** One campaign's results: person ability + competency difficulty + noise, seeded. */
async function seedResults(db: Db, frameworkId: string) {
  const comps = await db.query<{ id: string }>(
    sql`SELECT id FROM competencies WHERE framework_id = ${frameworkId} ORDER BY position, code`,
  );
  const people = await db.query<{ person_id: string }>(sql`
    SELECT DISTINCT person_id FROM employments WHERE staff_category = 'pedagogical' AND end_date IS NULL
    ORDER BY person_id`);
  const rng = createRng(2026);
  const difficulty = comps.map(() => rng.normal(0, 8));
  let rows: { p: string; c: string; v: number }[] = [];
  let total = 0;
  const flush = async () => {
    await db.query(sql`
      INSERT INTO competency_results (person_id, competency_id, source, assessed_on, percent)
      SELECT x.p, x.c, 'platform', '2026-10-01', x.v
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(p uuid, c uuid, v numeric)`);
    total += rows.length;
    rows = [];
  };
  for (const { person_id } of people) {
    const ability = rng.normal(65, 10);
    comps.forEach((c, k) => {
      const v =
        Math.round(Math.min(100, Math.max(0, ability + difficulty[k]! + rng.normal(0, 10))) * 10) / 10;
      rows.push({ p: person_id, c: c.id, v });
    });
    if (rows.length >= 20_000) await flush();
  }
  if (rows.length) await flush();
  return { people: people.length, results: total, competencies: comps.length };
}

async function benchEngine(
  engine: 'pglite' | 'postgres',
  opts: { orgs: number; staff: number; samples: number },
) {
  console.log(`\n== ${engine} ==`);
  const db = await freshDb(engine);
  await migrate(db);
  await loadDataset(db, regionDatasetStream({ organizations: opts.orgs, staff: opts.staff, seed: 74 }));
  const [region] = await db.queryText<{ id: string }>('SELECT id FROM regions LIMIT 1');
  const framework = await ensureFrameworkPreset(db, SYSTEM_ACTOR, 'teacher-544n');
  const seeded = await timed(() => seedResults(db, framework.id));
  await db.queryText('ANALYZE');
  const [muni] = await db.queryText<{ id: string; orgs: number }>(`
    SELECT o.municipality_id AS id, count(*)::int AS orgs FROM organizations o
    GROUP BY 1 ORDER BY 2 DESC LIMIT 1`);
  const password = await hashPassword('bench-pass-1');
  const [operator] = await db.query<{ id: string }>(sql`
    INSERT INTO users (email, full_name, password_hash, role, region_id)
    VALUES ('operator@bench.ru', 'Региональный оператор', ${password}, 'region_admin', ${region!.id}) RETURNING id`);
  await db.query(sql`
    INSERT INTO users (email, full_name, password_hash, role, region_id, municipality_id)
    VALUES ('metodist@bench.ru', 'Методист', ${password}, 'municipal_methodist', ${region!.id}, ${muni!.id})`);
  console.log(
    `${seeded.value.people} pedagogical workers × ${seeded.value.competencies} competencies = ` +
      `${seeded.value.results} results in ${fmt(seeded.ms)} ms (with the dirty-marking triggers)`,
  );

  // Before: the per-request query the endpoint ran, for the region's operator.
  const actor: Actor = { ...SYSTEM_ACTOR, userId: operator!.id, role: 'region_admin', regionId: region!.id };
  const thresholds = { deficitBelow: 50, partialBelow: 75 };
  let beforeBytes = 0;
  const before = summarize(
    await sample(3, async () => {
      const cells = await heatmap(db, actor, { frameworkId: framework.id, by: 'organization' }, thresholds);
      beforeBytes = JSON.stringify({ rows: presentHeatmapRows(cells) }).length;
    }),
  );
  console.log(
    `before: per-request query p50 ${fmt(before.p50)} ms, rows JSON ${(beforeBytes / 1e6).toFixed(2)} MB`,
  );

  // The aggregates built once, as the import's transaction would.
  const build = await timed(() => refreshHeatCells(db, framework.id));
  console.log(`aggregates built for ${build.value} organizations in ${fmt(build.ms)} ms`);
  // What autovacuum does soon after a bulk write: the planner sees the new table's size.
  await db.queryText('ANALYZE deficit_heat_cells');

  const app = await buildApp({
    db,
    config: { ...loadConfig({ MARSHRUT_DEMO: '0' }), logLevel: 'silent' },
    logger: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const login = async (email: string) => {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'bench-pass-1' }),
    });
    return res.headers.getSetCookie()[0]!.split(';')[0]!;
  };
  const op = await login('operator@bench.ru');
  const met = await login('metodist@bench.ru');
  let bytes = 0;
  const get = async (path: string, cookie: string) => {
    const res = await fetch(base + path, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    bytes = (await res.arrayBuffer()).byteLength;
  };
  const q = `/api/deficits/heatmap?frameworkId=${framework.id}`;
  const measure = async (label: string, path: string, cookie: string, n = opts.samples) => {
    await get(path, cookie);
    const s = summarize(await sample(n, () => get(path, cookie)));
    console.log(
      `  ${label.padEnd(44)} p50 ${fmt(s.p50)} ms p99 ${fmt(s.p99)} ms, ${(bytes / 1000).toFixed(1)} KB`,
    );
    return { ...s, bytes };
  };
  const hello = await measure('/api/health', '/api/health', op, opts.samples * 2);
  const regionMap = await measure('region: municipalities', q, op);
  const regionSorted = await measure('region: sorted by deficit share', `${q}&sort=deficit&dir=desc`, op);
  const drill = await measure(
    'region → one municipality (organizations)',
    `${q}&territoryId=${muni!.id}`,
    op,
  );
  const methodist = await measure(`methodist of that municipality (${muni!.orgs} orgs)`, q, met);
  const subjects = await measure('region: by subject', `${q}&by=subject`, op);
  const [org] = await db.query<{ id: string }>(
    sql`SELECT id FROM organizations WHERE municipality_id = ${muni!.id} LIMIT 1`,
  );
  const people = await measure('one organization (people)', `${q}&organizationId=${org!.id}`, met);
  const exp = await measure(
    'export CSV, one municipality',
    `/api/deficits/heatmap/export?frameworkId=${framework.id}&territoryId=${muni!.id}&format=csv`,
    op,
    5,
  );

  // 100 concurrent connections, a few rounds: the heatmap against the health check.
  const concurrent = async (path: string, cookie: string, rounds = 5, width = 100) => {
    const all: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const batch = await Promise.all(
        Array.from({ length: width }, async () => {
          const t0 = process.hrtime.bigint();
          await get(path, cookie);
          return Number(process.hrtime.bigint() - t0) / 1e6;
        }),
      );
      all.push(...batch);
    }
    return summarize(all);
  };
  const cHello = await concurrent('/api/health', op);
  const cRegion = await concurrent(q, op);
  const cMethodist = await concurrent(q, met);
  console.log(
    `  100 concurrent: health p50 ${fmt(cHello.p50)} p99 ${fmt(cHello.p99)} ms; region heatmap p50 ${fmt(cRegion.p50)} ` +
      `p99 ${fmt(cRegion.p99)} ms (×${(cRegion.p99 / cHello.p99).toFixed(1)} of health p99); methodist p50 ` +
      `${fmt(cMethodist.p50)} p99 ${fmt(cMethodist.p99)} ms (×${(cMethodist.p99 / cHello.p99).toFixed(1)})`,
  );

  // One teacher's new results: the trigger lists their school, the refresh rewrites it.
  const [teacher] = await db.query<{ person_id: string }>(sql`
    SELECT person_id FROM employments WHERE organization_id = ${org!.id} AND end_date IS NULL LIMIT 1`);
  const update = await timed(() =>
    db.transaction(async (tx) => {
      await tx.query(sql`
        INSERT INTO competency_results (person_id, competency_id, source, assessed_on, percent)
        SELECT ${teacher!.person_id}, c.id, 'platform', '2026-11-01', 10
        FROM competencies c WHERE c.framework_id = ${framework.id}`);
      return refreshHeatCells(
        tx,
        framework.id,
        sql`SELECT organization_id FROM employments WHERE person_id = ${teacher!.person_id} AND end_date IS NULL`,
      );
    }),
  );
  console.log(
    `  one teacher's results written and ${update.value} organization(s) refreshed in ${fmt(update.ms)} ms`,
  );
  await app.close();
  await db.close();
  return {
    engine,
    results: seeded.value.results,
    before: { ...before, bytes: beforeBytes },
    buildMs: build.ms,
    hello,
    regionMap,
    regionSorted,
    drill,
    methodist,
    subjects,
    people,
    export: exp,
    concurrent: { hello: cHello, region: cRegion, methodist: cMethodist },
    updateMs: update.ms,
  };
}

export async function heatmapBench(opts: { engine: string; orgs: number; staff: number; samples: number }) {
  console.log(`Маршрут bench, deficits heatmap: ${opts.orgs} organizations, ${opts.staff} staff`);
  const engines =
    opts.engine === 'both' ? (['postgres', 'pglite'] as const) : [opts.engine as 'postgres' | 'pglite'];
  const results = [];
  for (const e of engines) results.push(await benchEngine(e, opts));
  mkdirSync('bench/.out', { recursive: true });
  const file = `bench/.out/heatmap-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, JSON.stringify({ ...opts, node: process.version, results }, null, 2));
  console.log(`\nresults: ${file}`);
}
