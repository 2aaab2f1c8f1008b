/**
 * `npx tsx bench/dashboard.ts` — issue 12: the dashboard of 003 at region scale on PostgreSQL.
 * Answer sizes (dashboard, a page of problem zones, clusters, comparison), the live compute cold
 * and cached, one municipality's compute, the close of the region's monitoring, and the closed
 * dashboard read from its stored parts, alone and 100 at once (service calls, no HTTP).
 *
 * `--staff 50000 --orgs 2000 --municipalities 40 --regions 1` (the region of the other benches)
 * `--reuse` keeps the database of a previous run.
 */
import { mkdirSync } from 'node:fs';
import { ensureFrameworkPreset } from '../src/assessment/frameworks/frameworks.service.ts';
import {
  clusters,
  compare,
  dashboard,
  problemZones,
} from '../src/monitoring/dashboards/dashboards.service.ts';
import { closeMonitoring, closeSettings } from '../src/monitoring/monitorings/closing.service.ts';
import { forgetClosedParts } from '../src/monitoring/monitorings/dashboard-parts.ts';
import { computeForTerritory, createMonitoring } from '../src/monitoring/monitorings/monitorings.service.ts';
import { loadPreset } from '../src/monitoring/presets/presets.service.ts';
import { type Actor, SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { clearComputeCache } from '../src/platform/cache/compute-cache.ts';
import { type Db, openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { type CountryOptions, copyCountry, generateCountry, REGION_SCALE } from './country.dataset.ts';
import { fmt, timed } from './stats.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const REUSE = process.argv.includes('--reuse');
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const opts: CountryOptions = {
  ...REGION_SCALE,
  staff: Number(arg('staff', String(REGION_SCALE.staff))),
  organizations: Number(arg('orgs', String(REGION_SCALE.organizations))),
  municipalities: Number(arg('municipalities', String(REGION_SCALE.municipalities))),
  regions: Number(arg('regions', String(REGION_SCALE.regions))),
};
const NAME = `marshrut_bench_dash_${opts.staff}`;
const log = (s: string) => console.log(s);
const size = (x: unknown) => Buffer.byteLength(JSON.stringify(x));
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function openPg(): Promise<Db> {
  const admin = await openDatabase({ url: PG_URL, poolSize: 1 });
  const [exists] = await admin.queryText<{ n: number }>(
    'SELECT count(*)::int AS n FROM pg_database WHERE datname = $1',
    [NAME],
  );
  if (!REUSE || !exists?.n) {
    await admin.queryText(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
    await admin.queryText(`CREATE DATABASE ${NAME}`);
  }
  await admin.close();
  const u = new URL(PG_URL);
  u.pathname = `/${NAME}`;
  return openDatabase({ url: u.toString(), poolSize: 10 });
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function main() {
  const db = await openPg();
  await migrate(db);
  const [have] = await db.queryText<{ n: number }>('SELECT count(*)::int AS n FROM people');
  if (!REUSE || have!.n < opts.staff) {
    const fw = await ensureFrameworkPreset(db, SYSTEM_ACTOR, 'teacher-544n');
    const comps = await db.queryText<{ id: string }>(
      'SELECT id FROM competencies WHERE framework_id = $1 ORDER BY position, code',
      [fw.id],
    );
    const [f] = await db.queryText<{ deficit_below: number }>(
      'SELECT deficit_below FROM competency_frameworks WHERE id = $1',
      [fw.id],
    );
    const dir = `bench/.out/dashboard-${opts.staff}`;
    mkdirSync(dir, { recursive: true });
    const gen = generateCountry(
      dir,
      opts,
      { id: fw.id, competencyIds: comps.map((c) => c.id), deficitBelow: Number(f!.deficit_below) },
      () => {},
    );
    const copy = await timed(() => copyCountry(db, gen));
    await db.queryText('ANALYZE');
    log(
      `loaded ${opts.organizations} organizations, ${opts.staff} staff: generate ${fmt(gen.ms)} ms, COPY ${fmt(copy.ms)} ms`,
    );
  }
  const [region] = await db.queryText<{ id: string }>('SELECT id FROM regions ORDER BY id LIMIT 1');
  const [mun] = await db.queryText<{ id: string; n: number }>(
    `
    SELECT o.municipality_id AS id, count(*)::int AS n FROM organizations o WHERE o.region_id = $1
    GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    [region!.id],
  );
  const [orgs] = await db.queryText<{ n: number }>(
    'SELECT count(*)::int AS n FROM organizations WHERE region_id = $1',
    [region!.id],
  );
  let [user] = await db.queryText<{ id: string }>(
    "SELECT id FROM users WHERE email = 'bench.region@bench.local'",
  );
  if (!user) {
    [user] = await db.queryText<{ id: string }>(
      `INSERT INTO users (email, full_name, password_hash, role, region_id)
       VALUES ('bench.region@bench.local', 'Региональный оператор', 'x', 'region_admin', $1) RETURNING id`,
      [region!.id],
    );
  }
  const actor: Actor = { ...SYSTEM_ACTOR, userId: user!.id, role: 'region_admin', regionId: region!.id };
  let [set] = await db.queryText<{ id: string }>(
    "SELECT id FROM indicator_sets WHERE code = 'p003' AND region_id = $1",
    [region!.id],
  );
  if (!set) set = { id: await loadPreset(db, actor, 'p003', 'region') };
  const setId = set.id;
  // a reused database: the previous run's monitorings go, so «live» is a live compute again
  await db.queryText("DELETE FROM monitorings WHERE name LIKE 'Бенчмарк %'");
  log(`region: ${orgs!.n} organizations; largest municipality ${mun!.n} organizations`);

  // the live dashboard of the current year: cold, then from the cache
  const year = Number(arg('year', '2025'));
  clearComputeCache(db);
  const cold = await timed(() => dashboard(db, actor, setId, year));
  const warm = await timed(() => dashboard(db, actor, setId, year));
  const zones = await timed(() => problemZones(db, actor, setId, { year }));
  const cl = await timed(() => clusters(db, actor, setId, { year }));
  const cmp = await timed(() => compare(db, actor, setId, { year }));
  log(
    `live: dashboard cold ${fmt(cold.ms)} ms, cached ${fmt(warm.ms)} ms, ${kb(size(cold.value))}; ` +
      `problem zones page ${fmt(zones.ms)} ms, ${kb(size(zones.value))} (${zones.value.total} zones); ` +
      `clusters ${fmt(cl.ms)} ms, ${kb(size(cl.value))}; compare ${fmt(cmp.ms)} ms, ${kb(size(cmp.value))}`,
  );

  // one municipality's compute of 003, cold and cached
  const territory = { municipalityId: mun!.id, regionId: region!.id };
  const computeOpts = {
    asOf: opts.asOf,
    periodStart: '2026-01-01',
    periodEnd: opts.asOf,
    slices: ['organization'] as const,
    withMembers: false,
  };
  clearComputeCache(db);
  const munCold = await timed(() => computeForTerritory(db, territory, setId, computeOpts));
  const munWarm = await timed(() => computeForTerritory(db, territory, setId, computeOpts));
  log(`municipality compute of 003: cold ${fmt(munCold.ms)} ms, cached ${fmt(munWarm.ms)} ms`);

  // the region's monitoring of the year, closed inline (as the job does)
  const id = await createMonitoring(db, actor, {
    setId,
    name: `Бенчмарк ${Date.now()}`,
    periodStart: '2026-01-01',
    periodEnd: opts.asOf,
    asOf: opts.asOf,
    targetYear: year,
  });
  closeSettings.jobThresholdOrgs = Number.MAX_SAFE_INTEGER;
  const closed = await timed(() => closeMonitoring(db, actor, id));
  log(`close: ${fmt(closed.ms)} ms (${closed.value.values} values, ${closed.value.members} member rows)`);

  forgetClosedParts(db);
  const first = await timed(() => dashboard(db, actor, setId, year));
  const again = await timed(() => dashboard(db, actor, setId, year));
  const cz = await timed(() => problemZones(db, actor, setId, { year }));
  const ccl = await timed(() => clusters(db, actor, setId, { year }));
  log(
    `closed: dashboard first read (stored part) ${fmt(first.ms)} ms, then ${fmt(again.ms)} ms, ${kb(size(first.value))}; ` +
      `problem zones ${fmt(cz.ms)} ms, ${kb(size(cz.value))}; clusters ${fmt(ccl.ms)} ms, ${kb(size(ccl.value))}`,
  );
  for (const n of [10, 100]) {
    const times: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: n }, async () => {
        const s = performance.now();
        await dashboard(db, actor, setId, year);
        times.push(performance.now() - s);
      }),
    );
    log(
      `closed dashboard, ${n} at once: p50 ${fmt(pct(times, 50))} ms, p99 ${fmt(pct(times, 99))} ms, ` +
        `${((n / (performance.now() - t0)) * 1000).toFixed(1)} req/s`,
    );
  }
  await db.close();
}

await main();
