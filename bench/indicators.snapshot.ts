/**
 * Dashboard read latency from a snapshot: an indicator set of 25 indicators with three closed
 * monitorings (2024, 2025, 2026). The latest froze every slice (total, each organization, each
 * organization kind, each municipality); the earlier ones their totals and territories, as the
 * dynamics need. Frozen values are written set-wise here (INSERT … SELECT over organizations), not
 * through a close: the close is the MONITORING helper's and is timed by the engine figures above.
 *
 * Two reads, each sampled: the monitoring's values as `readSnapshot` returns them (the `/values` of
 * a closed monitoring: every indicator with every slice), and the dashboard's query shape — per
 * indicator the latest total with its target, the totals of every closed monitoring (dynamics) and
 * the organizations not achieving the target sorted by gap (problem zones, top 20).
 */
import { readSnapshot } from '../src/monitoring/monitorings/snapshot.ts';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { type Db, sql } from '../src/platform/db/database.ts';
import { sample, summarize, timed } from './stats.ts';

const INDICATORS = 25;

export async function snapshotRead(db: Db, samples: number) {
  const [region] = await db.queryText<{ id: string }>('SELECT id FROM regions ORDER BY code LIMIT 1');
  const [set] = await db.query<{ id: string }>(sql`
    INSERT INTO indicator_sets (code, name, owner_level, region_id)
    VALUES ('bench-dashboard', 'Набор для замера дашборда', 'region', ${region!.id})
    ON CONFLICT DO NOTHING RETURNING id`);
  if (!set) {
    await db.queryText(
      "DELETE FROM monitorings WHERE set_id IN (SELECT id FROM indicator_sets WHERE code = 'bench-dashboard')",
    );
    await db.queryText("DELETE FROM indicator_sets WHERE code = 'bench-dashboard'");
    return snapshotRead(db, samples);
  }
  await db.query(sql`
    INSERT INTO indicators (set_id, code, name, position, formula, unit, direction)
    SELECT ${set.id}::uuid, 'И' || g, 'Показатель ' || g, g,
           '{"kind":"share","numerator":{"measure":"staff.young"},"denominator":{"measure":"staff.total"}}'::jsonb, '%', 'up'
    FROM generate_series(1, ${INDICATORS}) g`);
  await db.query(sql`
    INSERT INTO indicator_targets (indicator_id, year, value)
    SELECT i.id, y, 20 + y - 2024 FROM indicators i, generate_series(2024, 2026) y WHERE i.set_id = ${set.id}`);
  const write = await timed(async () => {
    for (const year of [2024, 2025, 2026]) {
      const [m] = await db.query<{ id: string }>(sql`
        INSERT INTO monitorings (set_id, name, owner_level, region_id, period_start, period_end, as_of, target_year,
                                 status, closed_at)
        VALUES (${set.id}, ${`Мониторинг ${year}`}, 'region', ${region!.id}, ${`${year}-01-01`}, ${`${year}-12-31`},
                ${`${year}-11-01`}, ${year}, 'closed', now()) RETURNING id`);
      const orgSlice = year === 2026;
      // numerator/denominator per organization from a hash, so values differ and are stable
      await db.query(sql`
        WITH inds AS (SELECT id, position FROM indicators WHERE set_id = ${set.id}),
        org AS (
          SELECT o.id, o.short_name, o.kind, o.municipality_id, i.id AS indicator_id,
                 10 + abs(hashtext(o.id::text || i.position)) % 40 AS d,
                 abs(hashtext(i.position || o.id::text || ${year})) % 10 AS n
          FROM organizations o CROSS JOIN inds i)
        INSERT INTO monitoring_values (monitoring_id, indicator_id, slice_kind, slice_key, slice_label, value, numerator, denominator)
        SELECT ${m!.id}::uuid, indicator_id, 'organization', id::text, short_name, round(100.0 * n / d, 4), n, d FROM org WHERE ${orgSlice}
        UNION ALL
        SELECT ${m!.id}::uuid, indicator_id, 'org_kind', kind::text, kind::text, round(100.0 * sum(n) / sum(d), 4), sum(n), sum(d)
        FROM org WHERE ${orgSlice} GROUP BY indicator_id, kind
        UNION ALL
        SELECT ${m!.id}::uuid, indicator_id, 'territory', municipality_id::text, '', round(100.0 * sum(n) / sum(d), 4), sum(n), sum(d)
        FROM org GROUP BY indicator_id, municipality_id
        UNION ALL
        SELECT ${m!.id}::uuid, indicator_id, 'total', '', '', round(100.0 * sum(n) / sum(d), 4), sum(n), sum(d)
        FROM org GROUP BY indicator_id`);
      // a closed monitoring keeps the target and direction it was judged against, on its total rows
      await db.query(sql`
        UPDATE monitoring_values SET target = ${20 + year - 2024}, direction = 'up'
        WHERE monitoring_id = ${m!.id} AND slice_kind = 'total'`);
    }
  });
  await db.queryText('ANALYZE monitoring_values, monitorings, indicators, indicator_targets');
  const [{ rows } = { rows: 0 }] = await db.query<{ rows: number }>(sql`
    SELECT count(*)::int AS rows FROM monitoring_values v JOIN monitorings m ON m.id = v.monitoring_id
    WHERE m.set_id = ${set.id}`);
  const [latest] = await db.query<{ id: string }>(sql`
    SELECT id FROM monitorings WHERE set_id = ${set.id} AND status = 'closed' ORDER BY as_of DESC LIMIT 1`);

  const full = async () =>
    readSnapshot(
      db,
      { id: latest!.id, asOf: '2026-11-01', periodStart: '2026-01-01', periodEnd: '2026-12-31' },
      () => true,
    );
  const dashboard = async () => {
    await db.query(sql`
      SELECT i.id, i.code, v.value::float8 AS value, t.value::float8 AS target
      FROM indicators i
      LEFT JOIN monitoring_values v ON v.monitoring_id = ${latest!.id} AND v.indicator_id = i.id AND v.slice_kind = 'total'
      LEFT JOIN indicator_targets t ON t.indicator_id = i.id AND t.year = 2026
      WHERE i.set_id = ${set.id} ORDER BY i.position`);
    await db.query(sql`
      SELECT v.indicator_id, m.target_year AS year, v.value::float8 AS value
      FROM monitorings m JOIN monitoring_values v ON v.monitoring_id = m.id AND v.slice_kind = 'total'
      WHERE m.set_id = ${set.id} AND m.status = 'closed' ORDER BY m.as_of`);
    await db.query(sql`
      SELECT * FROM (
        SELECT v.indicator_id, v.slice_key, v.slice_label, v.value::float8 AS value, t.value - v.value AS gap,
               row_number() OVER (PARTITION BY v.indicator_id ORDER BY t.value - v.value DESC) AS rn
        FROM monitoring_values v
        JOIN indicator_targets t ON t.indicator_id = v.indicator_id AND t.year = 2026
        WHERE v.monitoring_id = ${latest!.id} AND v.slice_kind = 'organization' AND v.value < t.value * 0.9) z
      WHERE rn <= 20`);
  };
  await full();
  await dashboard();
  const n = Math.max(5, Math.round(samples / 10));
  const fullS = summarize(await sample(n, full));
  const dashS = summarize(await sample(samples, dashboard));
  // The dashboard service itself (GET /api/indicator-sets/:id/dashboard without HTTP), when present.
  let service: ReturnType<typeof summarize> | null = null;
  let problemZones = 0;
  try {
    const mod = (await import('../src/monitoring/dashboards/dashboards.service.ts')) as unknown as {
      dashboard?: (
        db: Db,
        actor: typeof SYSTEM_ACTOR,
        setId: string,
        year: number,
      ) => Promise<{ indicators: { problemZoneCount: number }[] }>;
    };
    if (mod.dashboard) {
      // as the region's operator: as an admin the service fails («non-integer constant in ORDER BY»: ORDER BY (true))
      const actor = { ...SYSTEM_ACTOR, role: 'region_admin' as const, regionId: region!.id };
      const call = () => mod.dashboard!(db, actor, set.id, 2026);
      const first = await call();
      problemZones = first.indicators.reduce((s, i) => s + i.problemZoneCount, 0);
      service = summarize(await sample(n, call));
    }
  } catch (err) {
    console.log(`dashboard service not measured: ${(err as Error).message.split('\n')[0]}`);
  }
  return {
    how: 'readSnapshot (closed monitoring /values), the dashboard service, and the floor: the dashboard query shape over monitoring_values',
    rows,
    monitorings: 3,
    writeMs: write.ms,
    read: dashS,
    fullSnapshot: fullS,
    service,
    problemZones,
  };
}
