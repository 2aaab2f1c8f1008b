/**
 * `npx tsx bench/indicators.ts` — issue 4 item 8: every indicator preset recomputed at region
 * scale (2 000 organizations, 50 000 staff) and country scale (90 000 organizations, 2 000 000
 * staff), in one run, against two baselines on the same data:
 *
 *  1. the engine: `computePreset` (src/monitoring/engine) for each preset, organization slice;
 *  2. a hand-written single-pass SQL (bench/indicators.sql.ts): one statement per preset, the
 *     same figures per organization with conditional aggregates;
 *  3. DuckDB (npm @duckdb/node-api, in-process, columnar) running the same single-pass SQL over
 *     the same tables, exported from PostgreSQL with COPY … TO.
 *
 * The three must give the SAME numbers per organization (asserted; mismatches are listed). Then
 * the dashboard's read: a closed monitoring's frozen values (monitoring_values) read back, p50/p99.
 *
 * Data is generated to CSV and loaded with COPY (bench/country.dataset.ts). PGlite runs the region
 * only (`--engine pglite|both`): 2 000 000 staff in WebAssembly memory is not a supported setup.
 *
 * `--scale region|country|both` (default both) `--engine postgres|pglite|both` (default postgres)
 * `--reuse` (keep the PostgreSQL databases and CSV of a previous run) `--repeat 3` `--samples 200`
 * `--presets p000,p003` (default: every preset plus one indicator per measure, `measures`)
 */
import { createWriteStream, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { to as copyTo } from 'pg-copy-streams';
import { ensureFrameworkPreset } from '../src/assessment/frameworks/frameworks.service.ts';
import { loadDerivedRules } from '../src/directory/derived/derived-rules.repository.ts';
import { DEFAULT_DERIVED_RULES, type DerivedRules } from '../src/directory/derived/derived-rules.ts';
import type { Formula, MeasureRef, Population } from '../src/monitoring/engine/formula.ts';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { type Db, openDatabase, pgPoolOf } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import {
  COUNTRY_SCALE,
  type CountryOptions,
  copyCountry,
  type Generated,
  generateCountry,
  REGION_SCALE,
  TABLES,
  type TableName,
} from './country.dataset.ts';
import { baselineSql, refKey } from './indicators.sql.ts';
import { fmt, timed } from './stats.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const SCALE = arg('scale', 'both');
const ENGINE = arg('engine', 'postgres');
const REUSE = process.argv.includes('--reuse');
const REPEAT = Number(arg('repeat', '3'));
const SAMPLES = Number(arg('samples', '200'));
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const OUT = 'bench/.out';
const WORK_MEM = arg('work-mem', '64MB');
const PERIOD = { periodStart: '2026-01-01', periodEnd: '2026-12-31' };

interface PresetIndicator {
  code: string;
  formula: Formula;
  population?: Population;
}
interface Preset {
  code: string;
  name: string;
  indicators: PresetIndicator[];
}

const log = (msg: string) => console.log(msg);

async function loadPresets(): Promise<Preset[]> {
  try {
    const mod = (await import('../src/monitoring/presets/index.ts')) as { PRESETS?: Preset[] };
    if (mod.PRESETS?.length) return [...mod.PRESETS, MEASURES_PRESET];
  } catch (err) {
    log(
      `presets registry not available (${(err as Error).message.split('\n')[0]}); reading the preset files`,
    );
  }
  // The registry may not be complete yet: each preset file on its own.
  const found: Preset[] = [];
  for (const f of readdirSync('src/monitoring/presets')
    .filter((n) => /^p\d{3}\.ts$/.test(n))
    .sort()) {
    try {
      const mod = (await import(`../src/monitoring/presets/${f}`)) as Record<string, unknown>;
      for (const v of Object.values(mod))
        if (v && typeof v === 'object' && 'indicators' in v && 'code' in v) found.push(v as Preset);
    } catch (err) {
      log(`preset ${f} not loadable (${(err as Error).message.split('\n')[0]})`);
    }
  }
  return [...found, MEASURES_PRESET];
}

/** Every derived measure once (typical params), so the comparison covers the whole catalogue. */
const MEASURES_PRESET: Preset = {
  code: 'measures',
  name: 'каждая мера каталога',
  indicators: (
    [
      ['staff.total', {}],
      ['staff.age', { max: 35 }],
      ['staff.age', { min: 55, max: 65 }],
      ['staff.young', {}],
      ['staff.pension_age', {}],
      ['staff.education', { level: 'higher_pedagogical' }],
      ['staff.education', { levels: ['secondary_vocational_pedagogical', 'secondary_vocational'] }],
      ['staff.category', { category: 'highest' }],
      ['staff.category', { category: 'first', valid: true }],
      ['staff.experience', { max: 3 }],
      ['staff.experience', { min: 20 }],
      ['staff.load_over', {}],
      ['staff.rates_over', {}],
      ['staff.outside_profile', {}],
      ['staff.part_time', { kind: 'internal' }],
      ['staff.part_time', { kind: 'any' }],
      ['staff.retrained', {}],
      ['assessment.assessed', {}],
      ['assessment.with_deficit', {}],
      ['routes.formed', {}],
      ['routes.total', {}],
      ['routes.with_curator', {}],
      ['routes.completed', {}],
      ['routes.with_topic', { direction: 'talents' }],
      ['routes.completed_with_topic', { direction: 'talents' }],
      ['trainings.people', {}],
      ['trainings.people', { federalRegistry: true }],
      ['trainings.people', { direction: 'functional_literacy' }],
      ['trainings.due', {}],
      ['orgs.total', {}],
      ['orgs.flag', { flag: 'rural' }],
      ['vacancies.open', {}],
      ['staffing.rates', { category: 'pedagogical', what: 'total' }],
    ] as [string, Record<string, string | number | boolean | string[]>][]
  ).map(([measure, params], i) => ({
    code: `M${i + 1}`,
    formula: { kind: 'count', of: { measure, params } } as Formula,
  })),
};

/** The measure refs of a preset's derived indicators, as canonical keys (bench/indicators.sql.ts). */
function presetKeys(p: Preset): string[] {
  const keys = new Set<string>();
  for (const ind of p.indicators)
    for (const r of derivedRefs(ind.formula)) keys.add(refKey(r, ind.population));
  return [...keys];
}

function derivedRefs(f: Formula): MeasureRef[] {
  switch (f.kind) {
    case 'share':
    case 'ratio':
      return [f.numerator, f.denominator].filter((r) => !r.measure.startsWith('manual:'));
    case 'count':
      return f.of.measure.startsWith('manual:') ? [] : [f.of];
    case 'sum':
      return f.terms.every((r) => !r.measure.startsWith('manual:')) ? f.terms : [];
    case 'manual':
      return [];
  }
}

async function openPg(name: string, fresh: boolean): Promise<Db> {
  const admin = await openDatabase({ url: PG_URL, poolSize: 1 });
  const [exists] = await admin.queryText<{ n: number }>(
    'SELECT count(*)::int AS n FROM pg_database WHERE datname = $1',
    [name],
  );
  if (fresh || !exists?.n) {
    await admin.queryText(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.queryText(`CREATE DATABASE ${name}`);
  }
  await admin.close();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return openDatabase({ url: u.toString(), poolSize: 4 });
}

interface Loaded {
  db: Db;
  gen: Generated | null;
  generateMs: number;
  copyMs: Record<string, number> | null;
  analyzeMs: number;
  rows: Record<string, number>;
}

async function loadScale(db: Db, label: string, opts: CountryOptions, dir: string): Promise<Loaded> {
  await migrate(db);
  const [have] = await db.queryText<{ n: number }>('SELECT count(*)::int AS n FROM people');
  if (REUSE && have!.n >= opts.staff) {
    log(`${label}: reusing the loaded database (${have!.n} people)`);
    return { db, gen: null, generateMs: 0, copyMs: null, analyzeMs: 0, rows: await tableRows(db) };
  }
  const fw = await ensureFrameworkPreset(db, SYSTEM_ACTOR, 'teacher-544n');
  const comps = await db.queryText<{ id: string }>(
    'SELECT id FROM competencies WHERE framework_id = $1 ORDER BY position, code',
    [fw.id],
  );
  const [f] = await db.queryText<{ deficit_below: number }>(
    'SELECT deficit_below FROM competency_frameworks WHERE id = $1',
    [fw.id],
  );
  mkdirSync(dir, { recursive: true });
  const gen = generateCountry(
    dir,
    opts,
    { id: fw.id, competencyIds: comps.map((c) => c.id), deficitBelow: Number(f!.deficit_below) },
    log,
  );
  log(`${label}: generated CSV in ${fmt(gen.ms)} ms: ${JSON.stringify(gen.rows)}`);
  const copy = await timed(() => copyCountry(db, gen));
  log(
    `${label}: COPY ${fmt(copy.ms)} ms (${Object.entries(copy.value)
      .map(([t, ms]) => `${t} ${fmt(ms)}`)
      .join(', ')})`,
  );
  const analyze = await timed(() => db.queryText('ANALYZE'));
  return {
    db,
    gen,
    generateMs: gen.ms,
    copyMs: { total: copy.ms, ...copy.value },
    analyzeMs: analyze.ms,
    rows: gen.rows,
  };
}

async function tableRows(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of Object.keys(TABLES)) {
    const [r] = await db.queryText<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`);
    out[t] = r!.n;
  }
  return out;
}

type OrgFigures = Map<string, number[]>;

/** Runs the baseline for a preset: rows per organization, columns in key order. */
async function runBaselinePg(db: Db, keys: string[], rules: DerivedRules, asOf: string) {
  const { text } = baselineSql(keys, { asOf, ...PERIOD, rules }, 'postgres');
  // the same memory the engine gives its measures (computeIndicators: SET LOCAL work_mem 64MB)
  const rows = await db.transaction(async (tx) => {
    await tx.queryText(`SET LOCAL work_mem = '${WORK_MEM}'`);
    return tx.queryText<Record<string, unknown>>(text);
  });
  return toFigures(rows, keys.length);
}

function toFigures(rows: Record<string, unknown>[], n: number): OrgFigures {
  const m: OrgFigures = new Map();
  for (const r of rows) {
    const v: number[] = [];
    for (let i = 0; i < n; i++) v.push(r[`c${i}`] === null ? Number.NaN : Number(r[`c${i}`]));
    m.set(String(r.organization_id), v);
  }
  return m;
}

/** Equal up to float summation order (rates are decimals summed in different orders). */
const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));

function compareFigures(a: OrgFigures, b: OrgFigures, keys: string[], what: string): string[] {
  const issues: string[] = [];
  const totalsA = keys.map(() => 0);
  const totalsB = keys.map(() => 0);
  for (const [org, va] of a) {
    const vb = b.get(org) ?? keys.map(() => 0);
    va.forEach((x, i) => {
      const y = vb[i]!;
      totalsA[i] = totalsA[i]! + (Number.isNaN(x) ? 0 : x);
      totalsB[i] = totalsB[i]! + (Number.isNaN(y) ? 0 : y);
      const same = (Number.isNaN(x) && Number.isNaN(y)) || close(x, y);
      if (!same && issues.length < 10) issues.push(`${what}: org ${org} ${keys[i]}: ${x} vs ${y}`);
    });
  }
  keys.forEach((k, i) => {
    if (Math.abs(totalsA[i]! - totalsB[i]!) > 1e-6)
      issues.push(`${what}: total ${k}: ${totalsA[i]} vs ${totalsB[i]}`);
  });
  return issues;
}

// ---- DuckDB ----

const DUCK_TYPES: Record<string, string> = {
  id: 'UUID',
  region_id: 'UUID',
  municipality_id: 'UUID',
  organization_id: 'UUID',
  person_id: 'UUID',
  competency_id: 'UUID',
  campaign_id: 'UUID',
  framework_id: 'UUID',
  route_id: 'UUID',
  program_id: 'UUID',
  activity_id: 'UUID',
  curator_user_id: 'UUID',
};

/** The tables the measures read, and the columns, exported from PostgreSQL as CSV. */
const DUCK_EXPORT: Record<string, string> = {
  organizations:
    'id, region_id, municipality_id, kind, rural, low_results, innovation_platform, internship_platform, mentoring_regulation',
  municipalities: 'id, region_id',
  people:
    'id, birth_date, sex, education, ped_experience_years, ped_experience_as_of, category, category_date',
  employments:
    "id, person_id, organization_id, position, staff_category, kind, array_to_string(subjects, '|') AS subjects, load_hours, rate, start_date, end_date, outside_profile",
  vacancies: 'id, organization_id, subject, zemsky, opened_on, closed_on',
  staffing: 'organization_id, year, ped_total, ped_occupied, adm_total, adm_occupied',
  programs: "id, federal_registry, array_to_string(priority_directions, '|') AS priority_directions",
  program_cohorts: 'id, program_id',
  trainings: 'id, person_id, program_id, document, issued_on',
  competency_frameworks: 'id, code, deficit_below',
  competencies: 'id, framework_id',
  competency_results: 'id, person_id, competency_id, assessed_on, percent',
  learning_routes:
    'id, person_id, campaign_id, baseline_on, curator_user_id, status, created_at::date AS created_at, completed_at::date AS completed_at',
  learning_route_items:
    'id, route_id, activity_kind, activity_id, status, confirmed_at IS NOT NULL AS confirmed',
};

/** Column types for DuckDB's CSV reader (the rest are sniffed as text / numbers / dates / booleans). */
const DUCK_COLUMN_TYPES: Record<string, Record<string, string>> = {
  people: {
    ped_experience_years: 'DECIMAL(4,1)',
    category_date: 'DATE',
    ped_experience_as_of: 'DATE',
    birth_date: 'DATE',
  },
  employments: {
    load_hours: 'DECIMAL(5,2)',
    rate: 'DECIMAL(4,2)',
    start_date: 'DATE',
    end_date: 'DATE',
    subjects: 'VARCHAR',
  },
  vacancies: { subject: 'VARCHAR', opened_on: 'DATE', closed_on: 'DATE' },
  staffing: {
    ped_total: 'DECIMAL(7,2)',
    ped_occupied: 'DECIMAL(7,2)',
    adm_total: 'DECIMAL(7,2)',
    adm_occupied: 'DECIMAL(7,2)',
  },
  competency_results: { percent: 'DECIMAL(5,2)', assessed_on: 'DATE', id: 'BIGINT' },
  competency_frameworks: { deficit_below: 'DECIMAL(5,2)' },
  learning_routes: { baseline_on: 'DATE', created_at: 'DATE', completed_at: 'DATE' },
  trainings: { issued_on: 'DATE' },
  organizations: { innovation_platform: 'VARCHAR' },
  programs: { priority_directions: 'VARCHAR' },
};

async function exportForDuck(db: Db, dir: string): Promise<number> {
  const pool = pgPoolOf(db)!;
  const t0 = performance.now();
  for (const [table, cols] of Object.entries(DUCK_EXPORT)) {
    const client = await pool.connect();
    try {
      await pipeline(
        client.query(copyTo(`COPY (SELECT ${cols} FROM ${table}) TO STDOUT WITH (FORMAT csv, HEADER true)`)),
        createWriteStream(`${dir}/duck_${table}.csv`),
      );
    } finally {
      client.release();
    }
  }
  return performance.now() - t0;
}

async function openDuck(dir: string) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const con = await instance.connect();
  const t0 = performance.now();
  for (const table of Object.keys(DUCK_EXPORT)) {
    const types = {
      ...Object.fromEntries(Object.keys(DUCK_TYPES).map((c) => [c, DUCK_TYPES[c]!])),
      ...(DUCK_COLUMN_TYPES[table] ?? {}),
    };
    const header = (
      await con.runAndReadAll(
        `SELECT * FROM read_csv('${dir}/duck_${table}.csv', header = true, all_varchar = true) LIMIT 0`,
      )
    ).columnNames();
    const colTypes = Object.fromEntries(header.filter((c) => types[c]).map((c) => [c, types[c]!]));
    const typeSpec = Object.entries(colTypes)
      .map(([c, t]) => `'${c}': '${t}'`)
      .join(', ');
    await con.run(
      `CREATE TABLE ${table} AS SELECT * FROM read_csv('${dir}/duck_${table}.csv', header = true${typeSpec ? `, types = {${typeSpec}}` : ''})`,
    );
  }
  // Arrays were exported as 'a|b' text; lists in DuckDB.
  await con.run(
    "CREATE OR REPLACE TABLE programs AS SELECT id, federal_registry, CASE WHEN priority_directions IS NULL OR priority_directions = '' THEN []::VARCHAR[] ELSE string_split(priority_directions, '|') END AS priority_directions FROM programs",
  );
  await con.run('ALTER TABLE learning_route_items ADD COLUMN confirmed_at DATE');
  await con.run(
    "UPDATE learning_route_items SET confirmed_at = CASE WHEN confirmed THEN DATE '2000-01-01' END",
  );
  return { instance, con, loadMs: performance.now() - t0 };
}

async function runBaselineDuck(
  con: Awaited<ReturnType<typeof openDuck>>['con'],
  keys: string[],
  rules: DerivedRules,
  asOf: string,
) {
  const { text } = baselineSql(keys, { asOf, ...PERIOD, rules }, 'duckdb');
  const reader = await con.runAndReadAll(text);
  const rows = reader.getRowObjectsJS() as Record<string, unknown>[];
  return toFigures(
    rows.map((r) => ({ ...r, organization_id: String(r.organization_id) })),
    keys.length,
  );
}

// ---- the engine ----

type ComputeResult = {
  indicators: {
    code: string;
    value: number | null;
    numerator: number | null;
    denominator: number | null;
    status: string;
    slices?: {
      organization?: {
        key: string;
        value: number | null;
        numerator: number | null;
        denominator: number | null;
      }[];
    };
  }[];
};

async function engineCompute(
  db: Db,
  preset: Preset,
  asOf: string,
  slices: string[],
): Promise<ComputeResult | null> {
  let mod: {
    computePreset?: (...a: unknown[]) => Promise<ComputeResult>;
    computeIndicators?: (...a: unknown[]) => Promise<ComputeResult>;
    territoryScope?: (t: object) => unknown;
  };
  try {
    mod = (await import('../src/monitoring/engine/compute.ts')) as typeof mod;
  } catch (err) {
    log(`engine not available (${(err as Error).message.split('\n')[0]})`);
    return null;
  }
  // The preset passed in (the same objects the registry holds), the whole loaded territory in scope.
  if (!mod.computePreset) return null;
  return mod.computePreset(db, {
    preset: {
      indicators: preset.indicators.map((i) => ({ ...i, id: null, population: i.population ?? {} })),
    },
    asOf,
    ...PERIOD,
    slices,
  });
}

/** The engine's per-organization figures in the baseline's key order (numerator/denominator/count). */
function engineFigures(preset: Preset, result: ComputeResult, keys: string[]): OrgFigures {
  const m: OrgFigures = new Map();
  const at = (org: string) => {
    let v = m.get(org);
    if (!v) {
      v = keys.map(() => Number.NaN);
      m.set(org, v);
    }
    return v;
  };
  for (const ind of preset.indicators) {
    const res = result.indicators.find((r) => r.code === ind.code);
    const f = ind.formula;
    const refs = derivedRefs(f);
    if (!res || refs.length === 0 || f.kind === 'sum') continue;
    for (const s of res.slices?.organization ?? []) {
      const row = at(s.key);
      if (f.kind === 'share' || f.kind === 'ratio') {
        row[keys.indexOf(refKey(f.numerator, ind.population))] = s.numerator ?? Number.NaN;
        row[keys.indexOf(refKey(f.denominator, ind.population))] = s.denominator ?? Number.NaN;
      } else if (f.kind === 'count') {
        row[keys.indexOf(refKey(f.of, ind.population))] = s.numerator ?? s.value ?? Number.NaN;
      }
    }
  }
  return m;
}

/** Restricts baseline figures to the columns the engine reported (sum formulas are compared by total only). */
function project(fig: OrgFigures, like: OrgFigures): OrgFigures {
  const out: OrgFigures = new Map();
  const sampleRow = like.values().next().value as number[] | undefined;
  for (const [org, v] of fig) {
    const e = like.get(org);
    out.set(
      org,
      v.map((x, i) =>
        e
          ? Number.isNaN(e[i]!)
            ? Number.NaN
            : x
          : sampleRow && Number.isNaN(sampleRow[i]!)
            ? Number.NaN
            : x,
      ),
    );
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function benchScale(scale: 'region' | 'country', engine: 'postgres' | 'pglite', presets: Preset[]) {
  const opts = scale === 'region' ? REGION_SCALE : COUNTRY_SCALE;
  const label = `${scale}/${engine}`;
  const dir = `${OUT}/indicators-${scale}`;
  log(`\n== ${label}: ${opts.organizations} organizations, ${opts.staff} staff, ${opts.regions} regions ==`);
  const db =
    engine === 'pglite' ? await openDatabase({}) : await openPg(`marshrut_bench_ind_${scale}`, !REUSE);
  let loaded: Loaded;
  if (engine === 'pglite' && existsSync(`${dir}/people.csv`)) {
    // same CSV as the PostgreSQL run: the same ids, the same framework id is re-created
    loaded = await loadScale(db, label, opts, `${dir}-pglite`);
  } else {
    loaded = await loadScale(db, label, opts, engine === 'pglite' ? `${dir}-pglite` : dir);
  }
  const rules = await loadDerivedRules(db).catch(() => DEFAULT_DERIVED_RULES);
  const asOf = opts.asOf;
  const out: Record<string, unknown> = {
    scale,
    engine,
    organizations: opts.organizations,
    staff: opts.staff,
    rows: loaded.rows,
    generateMs: loaded.generateMs,
    copyMs: loaded.copyMs,
    analyzeMs: loaded.analyzeMs,
    presets: [] as unknown[],
  };
  const presetResults = out.presets as Record<string, unknown>[];
  const mismatches: string[] = [];

  let duck: Awaited<ReturnType<typeof openDuck>> | null = null;
  if (engine === 'postgres') {
    const exp = await timed(() => exportForDuck(db, dir));
    duck = await openDuck(dir);
    log(
      `${label}: DuckDB: export from PostgreSQL ${fmt(exp.ms)} ms, load into DuckDB ${fmt(duck.loadMs)} ms`,
    );
    out.duckExportMs = exp.ms;
    out.duckLoadMs = duck.loadMs;
  }

  const allKeys = [...new Set(presets.flatMap(presetKeys))];
  for (const preset of [
    ...presets,
    { code: 'all', name: 'все пресеты одним запросом', indicators: [] } as Preset,
  ]) {
    const keys = preset.code === 'all' ? allKeys : presetKeys(preset);
    if (keys.length === 0) continue;
    const pg: number[] = [];
    let pgFig: OrgFigures | null = null;
    for (let i = 0; i < REPEAT; i++) {
      const r = await timed(() => runBaselinePg(db, keys, rules, asOf));
      pg.push(r.ms);
      pgFig = r.value;
    }
    const row: Record<string, unknown> = {
      preset: preset.code,
      measures: keys.length,
      indicators: preset.indicators.length,
      singlePassMs: median(pg),
    };
    if (duck) {
      const dk: number[] = [];
      let dkFig: OrgFigures | null = null;
      for (let i = 0; i < REPEAT; i++) {
        const r = await timed(() => runBaselineDuck(duck!.con, keys, rules, asOf));
        dk.push(r.ms);
        dkFig = r.value;
      }
      row.duckdbMs = median(dk);
      mismatches.push(
        ...compareFigures(pgFig!, dkFig!, keys, `${label} ${preset.code} single-pass vs DuckDB`),
      );
    }
    if (preset.code !== 'all') {
      const en: number[] = [];
      let res: ComputeResult | null = null;
      for (let i = 0; i < REPEAT; i++) {
        const r = await timed(() => engineCompute(db, preset, asOf, ['organization']));
        if (!r.value) break;
        en.push(r.ms);
        res = r.value;
      }
      if (res) {
        row.engineMs = median(en);
        const ef = engineFigures(preset, res, keys);
        mismatches.push(
          ...compareFigures(project(pgFig!, ef), ef, keys, `${label} ${preset.code} single-pass vs engine`),
        );
      }
    }
    presetResults.push(row);
    log(
      `${label} ${preset.code.padEnd(5)} ${String(keys.length).padStart(3)} measures: ` +
        `engine ${row.engineMs === undefined ? '—' : `${fmt(row.engineMs as number)} ms`}, ` +
        `single-pass SQL ${fmt(row.singlePassMs as number)} ms` +
        (row.duckdbMs !== undefined ? `, DuckDB ${fmt(row.duckdbMs as number)} ms` : '') +
        (row.engineMs !== undefined
          ? `; engine ÷ SQL ×${((row.engineMs as number) / (row.singlePassMs as number)).toFixed(1)}`
          : '') +
        (row.duckdbMs !== undefined
          ? `; SQL ÷ DuckDB ×${((row.singlePassMs as number) / (row.duckdbMs as number)).toFixed(1)}`
          : ''),
    );
  }
  out.mismatches = mismatches;
  log(
    mismatches.length
      ? `${label}: ${mismatches.length} MISMATCHES:\n  ${mismatches.join('\n  ')}`
      : `${label}: all figures agree`,
  );

  out.dashboard = await dashboardLatency(db, label);
  duck?.con.closeSync();
  await db.close();
  return out;
}

/**
 * Dashboard read from a snapshot: a closed monitoring's frozen values for a set, read as the
 * dashboard reads them. Uses the snapshot writer when present, else writes the rows itself.
 */
async function dashboardLatency(db: Db, label: string) {
  const { snapshotRead } = await import('./indicators.snapshot.ts');
  const r = await snapshotRead(db, SAMPLES);
  if (!r) return null;
  log(
    `${label}: dashboard read from a snapshot (${r.rows} frozen values, ${r.monitorings} closed monitorings): ` +
      `dashboard query p50 ${fmt(r.read.p50)} ms p99 ${fmt(r.read.p99)} ms (n=${r.read.n}); ` +
      `whole snapshot via readSnapshot p50 ${fmt(r.fullSnapshot.p50)} ms p99 ${fmt(r.fullSnapshot.p99)} ms (n=${r.fullSnapshot.n}); ` +
      (r.service
        ? `dashboard service p50 ${fmt(r.service.p50)} ms p99 ${fmt(r.service.p99)} ms (n=${r.service.n}, ${r.problemZones} problem zones); `
        : '') +
      `written in ${fmt(r.writeMs)} ms`,
  );
  return r;
}

async function main() {
  const only = arg('presets', '');
  const presets = (await loadPresets()).filter((p) => !only || only.split(',').includes(p.code));
  log(`presets: ${presets.map((p) => `${p.code} (${p.indicators.length})`).join(', ') || 'none'}`);
  const scales = SCALE === 'both' ? (['region', 'country'] as const) : [SCALE as 'region' | 'country'];
  const engines = ENGINE === 'both' ? (['postgres', 'pglite'] as const) : [ENGINE as 'postgres' | 'pglite'];
  const results = [];
  for (const s of scales)
    for (const e of engines) {
      if (e === 'pglite' && s === 'country') {
        log(
          '\n(PGlite at country scale is not run: 2 000 000 staff in WebAssembly memory is not a supported setup)',
        );
        continue;
      }
      results.push(await benchScale(s, e, presets));
    }
  mkdirSync(OUT, { recursive: true });
  const file = `${OUT}/indicators-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, JSON.stringify({ node: process.version, results }, null, 2));
  log(`\nresults: ${file}`);
  const bad = results.some((r) => (r.mismatches as string[]).length > 0);
  if (bad) process.exitCode = 2;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

export type { TableName };
