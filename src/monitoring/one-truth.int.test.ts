import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../demo/demo.service.ts';
import { MONITORING_PERIOD } from '../demo/monitoring.demo.ts';
import { sql } from '../platform/db/database.ts';

/**
 * One truth per figure (issue 11 item 1), on the demo: for 003 the same indicator, period and
 * scope give the same value on every API that shows it — the monitoring's figures, the dashboard,
 * «Эффект маршрутов» (/api/routes/measures), the clusters and the comparison of municipalities —
 * both from a closed monitoring (target year 2025: the latest the set has targets for) and from a
 * live compute (2026: no monitoring of that year).
 */
let t: TestApp;
let methodist: Client;
let region: Client;
let licey: Client;
let setId: string;
let monitoringId: string;
let regionMonitoringId: string;
let townOnlyId: string;
let liceyId: string;

type Figure = { value: number | null; numerator: number | null; denominator: number | null; status: string };
const figure = (x: Figure): Figure => ({
  value: x.value,
  numerator: x.numerator,
  denominator: x.denominator,
  status: x.status,
});
const ROUTE_CODES = ['2.1', '3.1', '6.1', '6.2', '6.3', '6.4', '6.5', '6.6'];

/** Every organization line of a monitoring's indicator the viewer sees (the answer carries counts only). */
async function orgLines(as: Client, monitoring: string, indicatorId: string): Promise<any[]> {
  const out: any[] = [];
  for (let page = 1; ; page++) {
    const res = await as.get(
      `/api/monitorings/${monitoring}/indicators/${indicatorId}/slices?kind=organization&pageSize=200&page=${page}`,
    );
    expect(res.status).toBe(200);
    out.push(...res.body.items);
    if (page * res.body.pageSize >= res.body.found) return out;
  }
}

async function closedMonitoring(as: Client, name: string, targetYear = 2025): Promise<string> {
  const created = await as.post('/api/monitorings', {
    setId,
    name,
    periodStart: MONITORING_PERIOD.start,
    periodEnd: MONITORING_PERIOD.end,
    asOf: MONITORING_PERIOD.end,
    targetYear,
  });
  expect(created.status).toBe(201);
  const closed = await as.post(`/api/monitorings/${created.body.id}/close`);
  expect(closed.status).toBe(200);
  return created.body.id;
}

beforeAll(async () => {
  t = await startTestApp();
  await loadDemoIfEmpty(t.db);
  methodist = await t.login({ email: 'metodist@zima.demo', password: DEMO_PASSWORD });
  region = await t.login({ email: 'region@zima.demo', password: DEMO_PASSWORD });
  licey = await t.login({ email: 'licey@zima.demo', password: DEMO_PASSWORD });
  const loaded = await methodist.post('/api/indicator-presets/p003/load', {});
  expect(loaded.status).toBe(201);
  setId = loaded.body.setId;
  monitoringId = await closedMonitoring(methodist, 'Мониторинг 003 за 2025/2026 учебный год');
  regionMonitoringId = await closedMonitoring(region, 'Мониторинг 003 региона за 2025/2026 учебный год');
  // a year only the town closed
  townOnlyId = await closedMonitoring(methodist, 'Мониторинг 003 города с целями 2023 года', 2023);
  const [o] = await t.db.query<{ id: string }>(sql`
    SELECT u.organization_id::text AS id FROM users u WHERE u.email = 'licey@zima.demo'`);
  liceyId = o!.id;
});
afterAll(async () => t?.close());

describe('003 on the demo: one value per indicator, period and scope', () => {
  it('a closed monitoring: its figures, the dashboard, the effect page and the clusters agree', async () => {
    const m = await methodist.get(`/api/monitorings/${monitoringId}`);
    expect(m.status).toBe(200);
    expect(m.body.values.frozen).toBe(true);
    const frozen = new Map<string, any>(m.body.values.indicators.map((i: any) => [i.code, i]));
    expect(frozen.size).toBe(27);

    const dash = await methodist.get(`/api/indicator-sets/${setId}/dashboard?year=2025`);
    expect(dash.status).toBe(200);
    expect(dash.body.source).toMatchObject({ kind: 'monitoring', monitoringId, asOf: MONITORING_PERIOD.end });
    for (const i of dash.body.indicators) expect(i.value, i.code).toBe(frozen.get(i.code).value);

    const effect = await methodist.get('/api/routes/measures?year=2025');
    expect(effect.status).toBe(200);
    expect(effect.body.source).toMatchObject({
      kind: 'monitoring',
      monitoringId,
      periodStart: MONITORING_PERIOD.start,
      periodEnd: MONITORING_PERIOD.end,
    });
    expect(effect.body.indicators.map((i: any) => i.code)).toEqual(ROUTE_CODES);
    for (const i of effect.body.indicators) expect(figure(i), i.code).toEqual(figure(frozen.get(i.code)));
    // the pilot cycle's routes were realised: several 6.x have people who completed them
    const realised = effect.body.indicators.filter((i: any) => i.code.startsWith('6.') && i.numerator > 0);
    expect(realised.length).toBeGreaterThanOrEqual(3);

    const clusters = await methodist.get(`/api/indicator-sets/${setId}/clusters?year=2025&k=3`);
    expect(clusters.status).toBe(200);
    expect(clusters.body.source).toMatchObject({ kind: 'monitoring', monitoringId });
    expect(clusters.body.indicators.length).toBeGreaterThan(0);
    const lines = new Map<string, any[]>();
    for (const i of clusters.body.indicators) lines.set(i.id, await orgLines(methodist, monitoringId, i.id));
    let compared = 0;
    for (const o of clusters.body.organizations) {
      for (const v of o.values) {
        const slice = lines.get(v.indicatorId)!.find((s: any) => s.key === o.id);
        expect(v.value, `${v.code} ${o.name}`).toBe(slice?.value ?? null);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it("a school head: the dashboard's municipal figure and the effect page's school line are the monitoring's", async () => {
    const m = await licey.get(`/api/monitorings/${monitoringId}`);
    expect(m.status).toBe(200);
    const frozen = new Map<string, any>(m.body.values.indicators.map((i: any) => [i.code, i]));
    const dash = await licey.get(`/api/indicator-sets/${setId}/dashboard?year=2025`);
    expect(dash.body.source.monitoringId).toBe(monitoringId);
    for (const i of dash.body.indicators) expect(i.value, i.code).toBe(frozen.get(i.code).value);

    const effect = await licey.get('/api/routes/measures?year=2025');
    expect(effect.status).toBe(200);
    expect(effect.body.organization.id).toBe(liceyId);
    for (const i of effect.body.indicators) {
      const own = await orgLines(licey, monitoringId, frozen.get(i.code).indicatorId);
      expect(
        own.map((s: any) => s.key),
        i.code,
      ).toEqual([liceyId]);
      expect(frozen.get(i.code).sliceCounts.organization, i.code).toBe(1);
      const line = own.find((s: any) => s.key === liceyId);
      expect(line, i.code).toBeDefined();
      expect(figure(i), i.code).toEqual(figure(line));
    }
    // the same line on the methodist's effect page for the lyceum
    const asked = await methodist.get(`/api/routes/measures?year=2025&organizationId=${liceyId}`);
    expect(asked.body.indicators.map(figure)).toEqual(effect.body.indicators.map(figure));
  });

  it("the region's comparison reads the region's closed monitoring: the town's line equals the town's monitoring", async () => {
    const cmp = await region.get(`/api/indicator-sets/${setId}/compare?year=2025`);
    expect(cmp.status).toBe(200);
    expect(cmp.body.source).toMatchObject({ kind: 'monitoring', monitoringId: regionMonitoringId });
    // the region's dashboard on the same screen reads the same (region's) monitoring, not the town's
    const dash = await region.get(`/api/indicator-sets/${setId}/dashboard?year=2025`);
    expect(dash.body.source).toMatchObject({ kind: 'monitoring', monitoringId: regionMonitoringId });
    // a year only the town closed: the town's screens read it, the region's read a live compute
    const town = await methodist.get(`/api/indicator-sets/${setId}/dashboard?year=2023`);
    expect(town.body.source).toMatchObject({ kind: 'monitoring', monitoringId: townOnlyId });
    const regionDash = await region.get(`/api/indicator-sets/${setId}/dashboard?year=2023`);
    const regionCmp = await region.get(`/api/indicator-sets/${setId}/compare?year=2023`);
    expect(regionDash.body.source).toMatchObject({ kind: 'live', monitoringId: null });
    expect(regionCmp.body.source).toMatchObject({ kind: 'live', asOf: regionDash.body.source.asOf });
    const townMonitoring = await methodist.get(`/api/monitorings/${monitoringId}`);
    const frozen = new Map<string, any>(
      townMonitoring.body.values.indicators.map((i: any) => [i.indicatorId, i]),
    );
    const [zima] = await t.db.query<{ id: string }>(sql`
      SELECT o.municipality_id::text AS id FROM organizations o WHERE o.id = ${liceyId}`);
    const line = cmp.body.municipalities.find((x: any) => x.id === zima!.id);
    expect(line).toBeDefined();
    // derived figures: each person is counted at one organization, so the region's slice for the
    // town is the town's own count (manual values entered for the town count only in its own total)
    const derived = townMonitoring.body.values.indicators
      .filter((i: any) => i.derived)
      .map((i: any) => i.indicatorId);
    expect(derived.length).toBe(20);
    for (const id of derived) {
      const v = line.values.find((x: any) => x.indicatorId === id);
      expect(figure(v), frozen.get(id).code).toEqual(figure(frozen.get(id)));
    }
  });

  it('a live compute (no monitoring of 2026): the dashboard, the effect page and the clusters agree', async () => {
    const dash = await methodist.get(`/api/indicator-sets/${setId}/dashboard?year=2026`);
    expect(dash.body.source).toMatchObject({ kind: 'live', monitoringId: null });
    const value = new Map<string, number | null>(dash.body.indicators.map((i: any) => [i.code, i.value]));
    const effect = await methodist.get('/api/routes/measures?year=2026');
    expect(effect.body.source).toMatchObject({ kind: 'live', asOf: dash.body.source.asOf });
    for (const i of effect.body.indicators) expect(i.value, i.code).toBe(value.get(i.code));
    const clusters = await methodist.get(`/api/indicator-sets/${setId}/clusters?year=2026`);
    expect(clusters.body.source).toMatchObject({ kind: 'live', asOf: dash.body.source.asOf });
    // the school head's effect line is the live organization slice of the same compute
    const mine = await licey.get('/api/routes/measures?year=2026');
    expect(mine.body.source.asOf).toBe(dash.body.source.asOf);
    const lyceum = clusters.body.organizations.find((o: any) => o.id === liceyId);
    for (const v of lyceum.values.filter((x: any) => ROUTE_CODES.includes(x.code))) {
      expect(mine.body.indicators.find((i: any) => i.code === v.code).value, v.code).toBe(v.value);
    }
  });

  it('1.1: kindergartens the school campaign did not reach have no data — not 0 %, not a problem zone', async () => {
    const kinds = new Map(
      (
        await t.db.query<{ id: string; kind: string }>(sql`
          SELECT o.id::text AS id, o.kind::text AS kind FROM organizations o`)
      ).map((o) => [o.id, o.kind]),
    );
    const m = await methodist.get(`/api/monitorings/${monitoringId}`);
    const i11 = m.body.values.indicators.find((i: any) => i.code === '1.1');
    expect(i11.status).toBe('ok');
    const i11Lines = await orgLines(methodist, monitoringId, i11.indicatorId);
    expect(i11Lines.length).toBe(i11.sliceCounts.organization);
    const preschools = i11Lines.filter((s: any) => kinds.get(s.key) === 'preschool');
    expect(preschools.length).toBeGreaterThan(0);
    for (const s of preschools)
      expect(s, s.label).toMatchObject({ value: null, status: 'no_data', numerator: 0 });
    const schools = i11Lines.filter((s: any) => kinds.get(s.key) === 'school');
    // the three pilot schools of the 2025 diagnosis
    expect(schools.filter((s: any) => s.status === 'ok' && s.value > 0).length).toBeGreaterThanOrEqual(3);

    const dash = await methodist.get(`/api/indicator-sets/${setId}/dashboard?year=2025`);
    const zones = await methodist.get(
      `/api/indicator-sets/${setId}/problem-zones?year=2025&indicatorId=${i11.indicatorId}&pageSize=100`,
    );
    expect(zones.status).toBe(200);
    expect(zones.body.items.filter((z: any) => kinds.get(z.organizationId) === 'preschool')).toEqual([]);
    // 1.2 (no managers' diagnosis) is «нет данных», counted apart from the failures
    const i12 = dash.body.indicators.find((i: any) => i.code === '1.2');
    expect(i12).toMatchObject({
      value: null,
      status: 'no_data',
      targetStatus: 'no_data',
      problemZoneCount: 0,
    });
  });
});
