/**
 * `npm run bench -- --suite plans-country [--regions 10]` — issue 12 item 6: the staff list of one
 * municipality inside a country-scale database. The country of bench/country.dataset.ts (≈23 500
 * staff and ≈27 municipalities per region; 85 regions = 2 000 000 staff) is loaded with COPY at
 * `--regions` of its 85 regions, then a municipal methodist's first page, next page and count
 * are timed through listStaff (the endpoint's code), the count both fresh and cached, and the
 * page's plan printed. PostgreSQL only (PGlite is not meant for a country).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureFrameworkPreset } from '../src/assessment/frameworks/frameworks.service.ts';
import { loadDerivedRules } from '../src/directory/derived/derived-rules.repository.ts';
import { ZStaffListQuery } from '../src/directory/staff/staff.filters.ts';
import { listStaff } from '../src/directory/staff/staff.repository.ts';
import { type Actor, SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { type Db, openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { COUNTRY_SCALE, copyCountry, generateCountry } from './country.dataset.ts';
import { inline } from './plans.queries.ts';
import { recordingDb } from './recording-db.ts';
import { fmt, summarize, timed } from './stats.ts';

export async function plansCountryBench(o: { regions: number; pgUrl: string }): Promise<void> {
  const share = o.regions / COUNTRY_SCALE.regions;
  const opts = {
    ...COUNTRY_SCALE,
    regions: o.regions,
    organizations: Math.round(COUNTRY_SCALE.organizations * share),
    staff: Math.round(COUNTRY_SCALE.staff * share),
    municipalities: Math.round(COUNTRY_SCALE.municipalities * share),
  };
  const admin = await openDatabase({ url: o.pgUrl, poolSize: 1 });
  await admin.queryText('DROP DATABASE IF EXISTS marshrut_plans_country WITH (FORCE)');
  await admin.queryText('CREATE DATABASE marshrut_plans_country');
  await admin.close();
  const u = new URL(o.pgUrl);
  u.pathname = '/marshrut_plans_country';
  const db = await openDatabase({ url: u.toString(), poolSize: 2 });
  const dir = mkdtempSync(path.join(tmpdir(), 'marshrut-country-'));
  try {
    await migrate(db);
    const fw = await ensureFrameworkPreset(db, SYSTEM_ACTOR, 'teacher-544n');
    const comps = await db.queryText<{ id: string }>(
      'SELECT id FROM competencies WHERE framework_id = $1 ORDER BY position, code',
      [fw.id],
    );
    const gen = generateCountry(dir, opts, {
      id: fw.id,
      competencyIds: comps.map((c) => c.id),
      deficitBelow: 60,
    });
    const copy = await timed(() => copyCountry(db, gen));
    await db.queryText('ANALYZE');
    const [n] = await db.queryText<{ people: number; employments: number; municipalities: number }>(`
      SELECT (SELECT count(*) FROM people)::int AS people, (SELECT count(*) FROM employments)::int AS employments,
             (SELECT count(*) FROM municipalities)::int AS municipalities`);
    console.log(
      `country at ${o.regions}/85 regions: ${JSON.stringify(n)}; generate ${fmt(gen.ms)} ms, COPY ${fmt(copy.ms)} ms`,
    );
    // a municipality of median size
    const ms = await db.queryText<{ municipality_id: string; region_id: string; n: number }>(`
      SELECT o.municipality_id, o.region_id, count(*)::int AS n FROM employments e
      JOIN organizations o ON o.id = e.organization_id WHERE e.end_date IS NULL GROUP BY 1, 2 ORDER BY 3, 1`);
    const m = ms[Math.floor(ms.length / 2)]!;
    const actor: Actor = {
      ...SYSTEM_ACTOR,
      role: 'municipal_methodist',
      regionId: m.region_id,
      municipalityId: m.municipality_id,
    };
    const rules = await loadDerivedRules(db);
    const q = { ...ZStaffListQuery.parse({}), asOf: COUNTRY_SCALE.asOf };
    const fresh: number[] = [];
    const cached: number[] = [];
    const next: number[] = [];
    for (let i = 0; i < 10; i++) {
      await aWriteElsewhere(db); // the count is recounted
      fresh.push((await timed(() => listStaff(db, actor, rules, q))).ms);
      const first = await timed(() => listStaff(db, actor, rules, q));
      cached.push(first.ms);
      const after = first.value.nextCursor ?? undefined;
      next.push((await timed(() => listStaff(db, actor, rules, { ...q, after }))).ms);
    }
    console.log(
      `municipality with ${m.n} current employments: page 1 with a fresh count p50 ${fmt(summarize(fresh).p50)} ms ` +
        `(max ${fmt(Math.max(...fresh))}), with the cached count p50 ${fmt(summarize(cached).p50)} ms, ` +
        `next page by cursor p50 ${fmt(summarize(next).p50)} ms`,
    );
    const rec = recordingDb(db);
    await aWriteElsewhere(db);
    await listStaff(rec.db, actor, rules, q);
    for (const s of rec.statements.filter(
      (x) => /^\s*(WITH|SELECT)/i.test(x.text) && !x.text.includes('engine_data_writes'),
    )) {
      const plan = await db.queryText<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE) ${inline(s)}`);
      console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
    }
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a write to the counted tables leaves: the data version moves on (compute-cache.ts). */
async function aWriteElsewhere(db: Db): Promise<void> {
  await db.queryText(
    'INSERT INTO engine_data_writes (txid) VALUES (pg_current_xact_id()::text::bigint) ON CONFLICT DO NOTHING',
  );
}
