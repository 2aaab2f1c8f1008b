import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';
import { buildFixture, FIXTURE, type Fixture } from '../fixture/fixture.ts';
import {
  closedFigures,
  FIGURES_PART,
  forgetClosedParts,
  readPart,
  snapshotFigures,
} from '../monitorings/dashboard-parts.ts';
import type { MonitoringRow } from '../monitorings/monitorings.repository.ts';
import { computeForTerritory, computeMonitoring } from '../monitorings/monitorings.service.ts';
import type { ComputedSet } from '../monitorings/snapshot.ts';

/**
 * The dashboard at scale (issue 12) on the correctness fixture (S1: P1–P4, S2: P5, P6, D1: P8;
 * young specialists P1 and P5): a closed monitoring's stored parts equal its figures, a live
 * compute is cached until the data changes, problem zones come filtered and paged, and nobody
 * sees another territory's organizations.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

async function world() {
  const fx: Fixture = await buildFixture(t.ctx);
  const [set] = await t.db.query<{ id: string }>(sql`
    INSERT INTO indicator_sets (code, name, owner_level, region_id, municipality_id)
    VALUES ('kadry', 'Кадры (дашборд)', 'municipality', ${fx.regionId}, ${fx.municipalityId}) RETURNING id`);
  const setId = set!.id;
  const add = async (code: string, position: number, formula: unknown, target: number) => {
    const [row] = await t.db.query<{ id: string }>(sql`
      INSERT INTO indicators (set_id, code, name, position, formula, unit, direction)
      VALUES (${setId}, ${code}, ${`Показатель ${code}`}, ${position}, ${JSON.stringify(formula)}::jsonb, '%', 'up')
      RETURNING id`);
    await t.db.query(
      sql`INSERT INTO indicator_targets (indicator_id, year, value) VALUES (${row!.id}, 2026, ${target})`,
    );
    return row!.id;
  };
  const ind = {
    young: await add(
      '1.1',
      1,
      { kind: 'share', numerator: { measure: 'staff.young' }, denominator: { measure: 'staff.total' } },
      30,
    ),
    under35: await add(
      '1.2',
      2,
      {
        kind: 'share',
        numerator: { measure: 'staff.age', params: { max: 35 } },
        denominator: { measure: 'staff.total' },
      },
      60,
    ),
    total: await add('2.1', 3, { kind: 'count', of: { measure: 'staff.total' } }, 1),
  };
  const methodist = await t.login(fx.users.methodist);
  const head = await t.login(await t.ctx.newUser({ role: 'org_head', organizationId: fx.orgs.S1 }));
  const body = {
    setId,
    name: 'Мониторинг кадров 2026',
    periodStart: FIXTURE.periodStart,
    periodEnd: FIXTURE.periodEnd,
    asOf: FIXTURE.asOf,
    targetYear: 2026,
  };
  const open = async () => {
    const created = await methodist.post('/api/monitorings', body);
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const close = async () => {
    const id = await open();
    expect((await methodist.post(`/api/monitorings/${id}/close`)).status).toBe(200);
    return id;
  };
  return { fx, setId, ind, methodist, head, open, close };
}

async function monitoringRow(id: string): Promise<MonitoringRow> {
  const [m] = await t.db.query<MonitoringRow>(sql`
    SELECT m.id, m.set_id, '' AS set_name, m.name, m.owner_level, m.region_id, m.municipality_id,
           '' AS territory_name, m.period_start, m.period_end, m.as_of, m.target_year, m.schedule, m.responsible,
           m.status, m.created_at, m.closed_at
    FROM monitorings m WHERE m.id = ${id}`);
  return m!;
}

/** The figures with values rounded as the snapshot stores them, slices in a stable order. */
function rounded(set: ComputedSet) {
  const r = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);
  return set.indicators
    .map((i) => ({
      indicatorId: i.indicatorId,
      value: r(i.value),
      numerator: r(i.numerator),
      denominator: r(i.denominator),
      status: i.status,
      slices: Object.fromEntries(
        Object.entries(i.slices)
          .filter(([, list]) => (list ?? []).length > 0)
          .map(([kind, list]) => [
            kind,
            [...(list ?? [])]
              .map((s) => [s.key, s.label, r(s.value), r(s.numerator), r(s.denominator), s.status])
              .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
          ]),
      ),
    }))
    .sort((a, b) => a.indicatorId.localeCompare(b.indicatorId));
}

describe('a closed monitoring stores its dashboard', () => {
  it('the close writes the figures and the clusters; they equal the snapshot and a recompute', async () => {
    const w = await world();
    const id = await w.close();
    const m = await monitoringRow(id);
    const stored = await readPart<ComputedSet>(t.db, id, FIGURES_PART);
    expect(stored).toBeDefined();
    expect(stored).toEqual(await snapshotFigures(t.db, m));
    // the same figures computed again over the monitoring's territory, date and period
    const again = await computeMonitoring(t.db, { ...m, status: 'open' }, false);
    expect(rounded(stored!)).toEqual(rounded(again));
    expect(await readPart(t.db, id, 'clusters:3')).toMatchObject({ clusters: expect.any(Array) });

    // the dashboard and the clusters of the year read it
    const dash = await w.methodist.get(`/api/indicator-sets/${w.setId}/dashboard?year=2026`);
    expect(dash.body.source).toMatchObject({ kind: 'monitoring', monitoringId: id });
    const young = dash.body.indicators.find((i: any) => i.indicatorId === w.ind.young);
    expect(young.value).toBe(stored!.indicators.find((i) => i.indicatorId === w.ind.young)!.value);
    const clusters = await w.methodist.get(`/api/indicator-sets/${w.setId}/clusters?year=2026`);
    expect(clusters.status).toBe(200);
    expect(clusters.body.source).toMatchObject({ kind: 'monitoring', monitoringId: id });
    expect(clusters.body.clusters.reduce((s: number, c: any) => s + c.size, 0)).toBe(3);
  });

  it('a monitoring closed before the parts existed: built on the first read, stored, the same figures', async () => {
    const w = await world();
    const id = await w.close();
    const m = await monitoringRow(id);
    const before = await w.methodist.get(`/api/monitorings/${id}`);
    await t.db.query(sql`DELETE FROM monitoring_dashboard_parts WHERE monitoring_id = ${id}`);
    forgetClosedParts(t.db);
    const after = await w.methodist.get(`/api/monitorings/${id}`);
    expect(after.body.values).toEqual(before.body.values);
    expect(await readPart(t.db, id, FIGURES_PART)).toEqual(await snapshotFigures(t.db, m));
    expect(await closedFigures(t.db, m)).toEqual(await snapshotFigures(t.db, m));
  });
});

describe('a live compute is cached until the data changes', () => {
  it('the same answer while nothing changes; fresh after an employment ends or begins', async () => {
    const w = await world();
    const territory = { municipalityId: w.fx.municipalityId, regionId: w.fx.regionId };
    const opts = {
      asOf: FIXTURE.asOf,
      periodStart: FIXTURE.periodStart,
      periodEnd: FIXTURE.periodEnd,
      slices: ['organization'] as const,
      withMembers: false,
    };
    const total = (s: ComputedSet) => s.indicators.find((i) => i.indicatorId === w.ind.total)!.value;
    const one = await computeForTerritory(t.db, territory, w.setId, opts);
    const two = await computeForTerritory(t.db, territory, w.setId, opts);
    expect(two).toBe(one); // from the cache
    expect(total(one)).toBe(7);

    // an employment ends: the next read recomputes
    await t.db.query(sql`UPDATE employments SET end_date = '2026-09-01' WHERE person_id = ${w.fx.people.P4}`);
    const three = await computeForTerritory(t.db, territory, w.setId, opts);
    expect(three).not.toBe(one);
    expect(total(three)).toBe(6);

    // a new employment (a new person at S1): the open monitoring's live page counts them
    const id = await w.open();
    const page = async () =>
      (await w.methodist.get(`/api/monitorings/${id}`)).body.values.indicators.find(
        (i: any) => i.indicatorId === w.ind.total,
      ).value;
    expect(await page()).toBe(6);
    await t.ctx.newPerson({ organizationId: w.fx.orgs.S1 });
    expect(await page()).toBe(7);
    // a changed target is a write too: the figures are recomputed, the value stays
    await t.db.query(sql`UPDATE indicator_targets SET value = 2 WHERE indicator_id = ${w.ind.total}`);
    expect(await page()).toBe(7);
  });
});

describe('problem zones and slices: paged and filtered on the server, within the viewer scope', () => {
  it('pages, filters by indicator and organization, sorts', async () => {
    const w = await world();
    await w.close();
    const base = `/api/indicator-sets/${w.setId}/problem-zones?year=2026`;
    const all = await w.methodist.get(`${base}&pageSize=100`);
    expect(all.status).toBe(200);
    // 1.1: D1 0 % and S1 25 % below 30; 1.2: S1 25 % and S2 50 % below 60 (D1 100 %)
    expect(all.body.total).toBe(all.body.items.length);
    expect(all.body.counts.map((c: any) => [c.code, c.count])).toEqual([
      ['1.1', 2],
      ['1.2', 2],
    ]);
    const young = await w.methodist.get(`${base}&indicatorId=${w.ind.young}&pageSize=1`);
    expect(young.body).toMatchObject({ total: 4, found: 2, page: 1, pageSize: 1 });
    expect(young.body.items.map((z: any) => z.organizationId)).toEqual([w.fx.orgs.D1]);
    const second = await w.methodist.get(`${base}&indicatorId=${w.ind.young}&pageSize=1&page=2`);
    expect(second.body.items.map((z: any) => [z.organizationId, z.gap])).toEqual([[w.fx.orgs.S1, 5]]);
    const [s1] = await t.db.query<{ short_name: string }>(
      sql`SELECT short_name FROM organizations WHERE id = ${w.fx.orgs.S1}`,
    );
    const byName = await w.methodist.get(`${base}&q=${encodeURIComponent(s1!.short_name.toUpperCase())}`);
    expect(byName.body.found).toBe(2);
    expect(new Set(byName.body.items.map((z: any) => z.organizationId))).toEqual(new Set([w.fx.orgs.S1]));
    const byValue = await w.methodist.get(`${base}&sort=value&order=asc&pageSize=100`);
    const vs = byValue.body.items.map((z: any) => z.value);
    expect(vs).toEqual([...vs].sort((a, b) => a - b));
  });

  it("a school head sees their school's lines only; another municipality's methodist sees nothing", async () => {
    const w = await world();
    await w.close();
    const zones = await w.head.get(`/api/indicator-sets/${w.setId}/problem-zones?year=2026&pageSize=100`);
    expect(zones.status).toBe(200);
    expect(new Set(zones.body.items.map((z: any) => z.organizationId))).toEqual(new Set([w.fx.orgs.S1]));
    const slices = await w.head.get(
      `/api/indicator-sets/${w.setId}/slices?year=2026&indicatorId=${w.ind.young}`,
    );
    expect(slices.status).toBe(200);
    expect(slices.body.items.map((s: any) => s.key)).toEqual([w.fx.orgs.S1]);
    const clusters = await w.head.get(`/api/indicator-sets/${w.setId}/clusters?year=2026`);
    expect(clusters.body.organizations.map((o: any) => o.id)).toEqual([w.fx.orgs.S1]);
    // the methodist sees every organization of the municipality
    const full = await w.methodist.get(
      `/api/indicator-sets/${w.setId}/slices?year=2026&indicatorId=${w.ind.young}&pageSize=2`,
    );
    expect(full.body).toMatchObject({ total: 3, pageSize: 2 });
    expect(full.body.items).toHaveLength(2);

    const stranger = await t.login(
      await t.ctx.newUser({ role: 'municipal_methodist', municipalityId: w.fx.otherMunicipalityId }),
    );
    for (const path of ['problem-zones', 'clusters', `slices?indicatorId=${w.ind.young}`]) {
      const res = await stranger.get(
        `/api/indicator-sets/${w.setId}/${path}${path.includes('?') ? '&' : '?'}year=2026`,
      );
      expect([403, 404], path).toContain(res.status);
    }
  });

  it("the set page's figures: counts in the values, one indicator's live lines as of the page's date", async () => {
    const w = await world();
    const dates = `asOf=${FIXTURE.asOf}&periodStart=${FIXTURE.periodStart}&periodEnd=${FIXTURE.periodEnd}`;
    const values = await w.methodist.get(`/api/indicator-sets/${w.setId}/values?${dates}`);
    expect(values.status).toBe(200);
    const young = values.body.indicators.find((i: any) => i.indicatorId === w.ind.young);
    expect(young.slices).toEqual({});
    // the subject slice is counted only when computed
    expect(young.sliceCounts).toEqual({ organization: 3, org_kind: 2, territory: 1, subject: null });
    const url = `/api/indicator-sets/${w.setId}/slices?${dates}&indicatorId=${w.ind.young}`;
    const lines = await w.methodist.get(`${url}&sort=value&order=asc`);
    expect(lines.status).toBe(200);
    expect(lines.body).toMatchObject({ source: { kind: 'live', asOf: FIXTURE.asOf }, total: 3, found: 3 });
    expect(lines.body.items.map((s: any) => [s.key, s.numerator, s.denominator])).toEqual([
      [w.fx.orgs.D1, 0, 1],
      [w.fx.orgs.S1, 1, 4],
      [w.fx.orgs.S2, 1, 2],
    ]);
    // the counts are the lines' numbers, for every kind
    for (const kind of ['org_kind', 'territory'] as const) {
      const k = await w.methodist.get(`${url}&kind=${kind}`);
      expect(k.body.total, kind).toBe(young.sliceCounts[kind]);
    }
    const withSubjects = await w.methodist.get(
      `/api/indicator-sets/${w.setId}/values?${dates}&slice=subject`,
    );
    const counted = withSubjects.body.indicators.find((i: any) => i.indicatorId === w.ind.young).sliceCounts;
    expect(counted.subject).toBe((await w.methodist.get(`${url}&kind=subject`)).body.total);

    // live: a person leaving shows at once
    await t.db.query(sql`UPDATE employments SET end_date = '2026-09-01' WHERE person_id = ${w.fx.people.P4}`);
    const after = await w.methodist.get(`${url}&q=${encodeURIComponent('СОШ № 1')}`);
    expect(after.body.items.find((s: any) => s.key === w.fx.orgs.S1)).toMatchObject({ denominator: 3 });

    // a school head: their school's line only, and counts to match
    const mine = await w.head.get(url);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((s: any) => s.key)).toEqual([w.fx.orgs.S1]);
    const headValues = await w.head.get(`/api/indicator-sets/${w.setId}/values?${dates}`);
    expect(
      headValues.body.indicators.find((i: any) => i.indicatorId === w.ind.young).sliceCounts.organization,
    ).toBe(1);
    // another municipality's methodist does not see the set at all
    const stranger = await t.login(
      await t.ctx.newUser({ role: 'municipal_methodist', municipalityId: w.fx.otherMunicipalityId }),
    );
    expect((await stranger.get(url)).status).toBe(404);
  });
});
