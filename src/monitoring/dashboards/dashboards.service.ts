import type { Actor } from '../../platform/auth/actor.ts';
import { cachedCompute, viewerKey } from '../../platform/cache/compute-cache.ts';
import type { Db } from '../../platform/db/database.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { today } from '../../platform/time/today.ts';
import { targetStatus } from '../engine/target-status.ts';
import { liveSetSlices } from '../indicators/indicator-values.service.ts';
import { authorize, can } from '../monitoring.policy.ts';
import { closedPart } from '../monitorings/dashboard-parts.ts';
import type { MonitoringRow } from '../monitorings/monitorings.repository.ts';
import {
  computeForTerritory,
  findMonitoring,
  frozenId,
  monitoringFigures,
  type PresentedIndicator,
  presentValues,
  type Territory,
  territoryOf,
} from '../monitorings/monitorings.service.ts';
import { pageSlices, type TSliceQuery } from '../monitorings/slices.ts';
import type { ComputedSet, SliceKind } from '../monitorings/snapshot.ts';
import { type ClusterResult, clusterOrganizations } from './clusters.ts';
import {
  closedMonitorings as closedMonitoringRows,
  findVisibleSet,
  frozenTotals,
  indicatorBaselines,
  organizationTerritory,
  regionMunicipalities,
  type SetRow,
  setFormulas,
  visibleOrganizations,
} from './dashboards.repository.ts';

/**
 * Dashboards of an indicator set (issue 4 item 6): value against target, dynamics over the years
 * from closed monitorings, problem zones, clusters of organizations, and the region's comparison
 * of its municipalities. Figures come from the year's closed monitoring when there is one (a
 * published number), otherwise from a live compute (`yearFigures`), the same for every section.
 */

export async function findSet(db: Db, actor: Actor, id: string): Promise<SetRow> {
  authorize(can(actor, 'read', 'monitorings'));
  const s = await findVisibleSet(db, actor, id);
  if (!s) throw notFound('Набор показателей не найден или недоступен.');
  return s;
}

/**
 * The territory whose figures a viewer's dashboard shows: their own municipality (a school head's
 * too — the school's line is then one of its organizations), the region for the region operator,
 * the set's own territory for the administrator.
 */
export async function viewerTerritory(db: Db, actor: Actor, set: SetRow): Promise<Territory> {
  switch (actor.role) {
    case 'municipal_methodist':
    case 'municipal_head':
      return { municipalityId: actor.municipalityId, regionId: actor.regionId };
    case 'org_head': {
      const o = await organizationTerritory(db, actor.organizationId);
      if (!o) throw forbidden('У учётной записи не указана организация.');
      return { municipalityId: o.municipality_id, regionId: o.region_id };
    }
    case 'region_admin':
      return { municipalityId: null, regionId: actor.regionId };
    default:
      return territoryOf(set);
  }
}

/** Closed monitorings of the set the viewer sees, their own territory's first, latest first. */
function closedMonitorings(db: Db, actor: Actor, setId: string): Promise<MonitoringRow[]> {
  const own = actor.role === 'region_admin' ? 'region' : actor.role === 'admin' ? null : 'municipality';
  return closedMonitoringRows(db, actor, setId, own);
}

/** A live compute for a calendar year: as of its end, or today while it runs. */
export async function liveFigures(
  db: Db,
  territory: Territory,
  setId: string,
  year: number,
  slices: readonly SliceKind[] = ['organization'],
): Promise<ComputedSet> {
  const end = `${year}-12-31`;
  const asOf = today() < end ? today() : end;
  return computeForTerritory(db, territory, setId, {
    asOf,
    periodStart: `${year}-01-01`,
    periodEnd: asOf,
    slices,
    withMembers: false,
  });
}

function gapOf(value: number, target: number, direction: string): number {
  return direction === 'down' ? value - target : target - value;
}

/** Where a screen's figures come from: a closed monitoring or a live compute, as of a date. */
export interface FiguresSource {
  kind: 'monitoring' | 'live';
  monitoringId: string | null;
  name: string | null;
  asOf: string;
}

export interface YearFigures {
  figures: ComputedSet;
  /** The closed monitoring the figures are frozen in; none for a live compute. */
  latest: MonitoringRow | undefined;
  source: FiguresSource;
}

function sameTerritory(a: Territory, b: Territory): boolean {
  return a.municipalityId
    ? a.municipalityId === b.municipalityId
    : !b.municipalityId && a.regionId === b.regionId;
}

/**
 * The figures a viewer's screens show for a set and a year: the year's closed monitoring of the
 * viewer's territory when there is one, else a live compute over that territory. The dashboard, its clusters and the route indicators («Эффект маршрутов») all take
 * them from here, so one screen never shows a frozen figure beside a live one.
 */
export async function yearFigures(
  db: Db,
  actor: Actor,
  set: SetRow,
  year: number,
  slices: readonly SliceKind[] = ['organization'],
): Promise<YearFigures> {
  const territory = await viewerTerritory(db, actor, set);
  // a closed monitoring of the viewer's own territory: a region's one is not a municipality's figure
  const closed = await closedMonitorings(db, actor, set.id);
  const latest = closed.find((m) => m.target_year === year && sameTerritory(territoryOf(m), territory));
  if (latest) {
    return {
      figures: await monitoringFigures(db, latest),
      latest,
      source: { kind: 'monitoring', monitoringId: latest.id, name: latest.name, asOf: latest.as_of },
    };
  }
  const figures = await liveFigures(db, territory, set.id, year, slices);
  return {
    figures,
    latest: undefined,
    source: { kind: 'live', monitoringId: null, name: null, asOf: figures.asOf },
  };
}

/** A problem zone: an organization behind an indicator's target, with how far. */
export interface ProblemZone {
  indicatorId: string;
  code: string;
  organizationId: string;
  name: string;
  value: number;
  target: number;
  targetStatus: 'not_achieved' | 'at_risk';
  gap: number;
}

const collator = new Intl.Collator('ru', { numeric: true });
const zonesMemo = new WeakMap<PresentedIndicator[], ProblemZone[]>();

/**
 * The problem zones of presented figures (already cut to what the viewer sees), largest gap
 * first; once per presented figures (they are kept while the data holds). Not to be changed.
 */
function zonesOf(indicators: PresentedIndicator[]): ProblemZone[] {
  let zones = zonesMemo.get(indicators);
  if (!zones) {
    zones = findZones(indicators);
    zonesMemo.set(indicators, zones);
  }
  return zones;
}

function findZones(indicators: PresentedIndicator[]): ProblemZone[] {
  const out: ProblemZone[] = [];
  for (const i of indicators) {
    if (i.target === null || i.direction === 'none') continue;
    for (const s of i.slices.organization ?? []) {
      if (s.value === null) continue;
      const st = targetStatus(s.value, i.target, i.direction);
      if (st !== 'not_achieved' && st !== 'at_risk') continue;
      out.push({
        indicatorId: i.indicatorId,
        code: i.code,
        organizationId: s.key,
        name: s.label,
        value: s.value,
        target: i.target,
        targetStatus: st,
        gap: Math.round(gapOf(s.value, i.target, i.direction) * 100) / 100,
      });
    }
  }
  return out.sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap) || collator.compare(a.name, b.name));
}

/** The year's figures as the viewer sees them (their organizations only), with their source. */
async function presentedYear(db: Db, actor: Actor, set: SetRow, year: number) {
  const { figures, latest, source } = await yearFigures(db, actor, set, year);
  const values = await presentValues(db, actor, set.id, year, figures, latest ? frozenId(latest) : undefined);
  return { values, source };
}

/**
 * The dashboard of a year: this year (in the municipality's time zone) unless one is asked.
 * Totals, targets and dynamics only — the organizations' values (problem zones, slices,
 * clusters) come page by page from their own endpoints, so the answer stays small at any scale.
 */
export async function dashboard(db: Db, actor: Actor, setId: string, askedYear?: number | undefined) {
  const set = await findSet(db, actor, setId);
  const year = askedYear ?? Number(today().slice(0, 4));
  // One answer per viewer's scope, year and day while the data holds (the version counts writes
  // to what the engine reads and to monitorings): a hundred viewers cost one count each.
  const key = JSON.stringify([set.id, year, today(), ...viewerKey(actor)]);
  return cachedCompute(db, key, () => dashboardNow(db, actor, set, year), 'dashboard');
}

async function dashboardNow(db: Db, actor: Actor, set: SetRow, year: number) {
  const setId = set.id;
  const { values, source } = await presentedYear(db, actor, set, year);
  const zoneCount = new Map<string, number>();
  for (const z of zonesOf(values.indicators))
    zoneCount.set(z.indicatorId, (zoneCount.get(z.indicatorId) ?? 0) + 1);

  // One closed monitoring of the viewer's territory per year (the latest) makes the dynamics, so
  // the point of the shown year is the value shown.
  const territory = await viewerTerritory(db, actor, set);
  const closed = (await closedMonitorings(db, actor, setId)).filter((m) =>
    sameTerritory(territoryOf(m), territory),
  );
  const perYear = new Map<number, MonitoringRow>();
  for (const m of closed) if (!perYear.has(m.target_year)) perYear.set(m.target_year, m);
  const ids = [...perYear.values()].map((m) => m.id);
  const frozen = await frozenTotals(db, ids);
  const yearOf = new Map([...perYear].map(([y, m]) => [m.id, y]));
  const meta = await indicatorBaselines(db, setId);
  const metaOf = new Map(meta.map((m) => [m.id, m]));

  const indicators = values.indicators.map((i) => {
    const m = metaOf.get(i.indicatorId);
    const points = new Map<
      number,
      { year: number; value: number | null; target: number | null; source: string }
    >();
    const point = (y: number) => {
      let p = points.get(y);
      if (!p) {
        p = { year: y, value: null, target: null, source: '' };
        points.set(y, p);
      }
      return p;
    };
    for (const t of m?.targets ?? []) point(t.year).target = t.value;
    if (m?.baseline_year != null && m.baseline_value != null) {
      Object.assign(point(m.baseline_year), { value: m.baseline_value, source: 'baseline' });
    }
    for (const f of frozen) {
      if (f.indicator_id !== i.indicatorId) continue;
      Object.assign(point(yearOf.get(f.monitoring_id)!), { value: f.value, source: 'monitoring' });
    }
    return {
      indicatorId: i.indicatorId,
      code: i.code,
      name: i.name,
      unit: i.unit,
      direction: i.direction,
      derived: i.derived,
      value: i.value,
      status: i.status,
      message: i.message,
      target: i.target,
      targetStatus: i.targetStatus,
      dynamics: [...points.values()].sort((a, b) => a.year - b.year),
      problemZoneCount: zoneCount.get(i.indicatorId) ?? 0,
    };
  });
  return {
    set: { id: set.id, code: set.code, name: set.name },
    year,
    source,
    indicators,
  };
}

export const ZONE_SORTS = ['code', 'organization', 'value', 'target', 'gap', 'status'] as const;
export type ZoneSort = (typeof ZONE_SORTS)[number];
const STATUS_RANK: Record<string, number> = { not_achieved: 0, at_risk: 1 };

export interface ZonesQuery {
  year?: number | undefined;
  indicatorId?: string | undefined;
  q?: string | undefined;
  sort?: ZoneSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

/**
 * The problem zones of a year, filtered (an indicator, part of an organization's name), sorted
 * and paged here: the viewer's organizations only; with the count per indicator for the filter.
 */
export async function problemZones(db: Db, actor: Actor, setId: string, q: ZonesQuery) {
  const set = await findSet(db, actor, setId);
  const year = q.year ?? Number(today().slice(0, 4));
  const { values, source } = await presentedYear(db, actor, set, year);
  const all = zonesOf(values.indicators);
  const byId = new Map(values.indicators.map((i) => [i.indicatorId, i]));
  const counts = values.indicators
    .map((i) => ({
      indicatorId: i.indicatorId,
      code: i.code,
      name: i.name,
      count: all.filter((z) => z.indicatorId === i.indicatorId).length,
    }))
    .filter((c) => c.count > 0);
  const needle = q.q?.trim().toLocaleLowerCase('ru') ?? '';
  const found = all.filter(
    (z) =>
      (!q.indicatorId || z.indicatorId === q.indicatorId) &&
      (!needle || z.name.toLocaleLowerCase('ru').includes(needle)),
  );
  if (q.sort) {
    const key: Record<ZoneSort, (z: ProblemZone) => string | number> = {
      code: (z) => z.code,
      organization: (z) => z.name,
      value: (z) => z.value,
      target: (z) => z.target,
      gap: (z) => Math.abs(z.gap),
      status: (z) => STATUS_RANK[z.targetStatus] ?? 9,
    };
    const k = key[q.sort];
    const sign = q.order === 'desc' ? -1 : 1;
    found.sort((a, b) => {
      const x = k(a);
      const y = k(b);
      const c =
        typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      return sign * c || collator.compare(a.name, b.name) || collator.compare(a.code, b.code);
    });
  }
  const pageSize = Math.min(Math.max(q.pageSize ?? 15, 1), 100);
  const pages = Math.max(1, Math.ceil(found.length / pageSize));
  const page = Math.min(Math.max(q.page ?? 1, 1), pages);
  return {
    year,
    source,
    total: all.length,
    found: found.length,
    page,
    pageSize,
    counts,
    items: found.slice((page - 1) * pageSize, page * pageSize).map((z) => {
      const i = byId.get(z.indicatorId)!;
      return { ...z, indicatorName: i.name, unit: i.unit };
    }),
  };
}

/**
 * One indicator's values by organization (or by kind, municipality, subject), filtered by name,
 * sorted and paged: what a screen asks for when it opens an indicator — never every indicator's
 * slices at once. Of the year's figures (the dashboard's source), or live as of a date (the set
 * page's figures) when `asOf` is given.
 */
export async function indicatorSlices(
  db: Db,
  actor: Actor,
  setId: string,
  q: TSliceQuery & {
    indicatorId: string;
    year?: number | undefined;
    asOf?: string | undefined;
    periodStart?: string | undefined;
    periodEnd?: string | undefined;
  },
) {
  if (q.asOf) {
    const { result, page } = await liveSetSlices(db, actor, setId, { ...q, asOf: q.asOf });
    const source: FiguresSource = { kind: 'live', monitoringId: null, name: null, asOf: result.asOf };
    return { year: Number(result.asOf.slice(0, 4)), source, ...page };
  }
  const set = await findSet(db, actor, setId);
  const year = q.year ?? Number(today().slice(0, 4));
  const kind = q.kind ?? 'organization';
  const { figures, latest, source } = await yearFigures(db, actor, set, year, [kind]);
  const values = await presentValues(db, actor, setId, year, figures, latest ? frozenId(latest) : undefined);
  const ind = values.indicators.find((i) => i.indicatorId === q.indicatorId);
  if (!ind) throw notFound('Показатель не найден в наборе.');
  return {
    year,
    source,
    indicatorId: ind.indicatorId,
    code: ind.code,
    name: ind.name,
    unit: ind.unit,
    direction: ind.direction,
    target: ind.target,
    ...pageSlices(ind, kind, q),
  };
}

export const DEFAULT_K = 3;
export const clustersPart = (k: number) => `clusters:${k}`;
/** Scatter points carry names up to this many organizations (beyond, the answer would grow past a page). */
const NAMED_POINTS = 300;

/** The set's derived shares and the organizations (the viewer sees) with their values of them. */
async function clusterInput(db: Db, actor: Actor, setId: string, figures: ComputedSet) {
  const inds = await setFormulas(db, setId);
  const byId = new Map(figures.indicators.map((i) => [i.indicatorId, i]));
  const shares = inds.filter((i) => i.formula?.kind === 'share' && byId.get(i.id)?.derived);
  const orgIds = [
    ...new Set(shares.flatMap((i) => (byId.get(i.id)?.slices.organization ?? []).map((s) => s.key))),
  ];
  const visible = await visibleOrganizations(db, actor, orgIds);
  const sliceOf = new Map(
    shares.map((i) => [
      i.id,
      new Map((byId.get(i.id)?.slices.organization ?? []).map((s) => [s.key, s.value])),
    ]),
  );
  const orgs = visible.map((o) => ({
    id: o.id,
    name: o.short_name,
    values: Object.fromEntries(shares.map((i) => [i.id, sliceOf.get(i.id)?.get(o.id) ?? null])),
  }));
  return { shares, orgs, all: visible.length === orgIds.length };
}

/**
 * The clusters of a territory's organizations as this actor sees them, or nothing when they do
 * not see every one (what a closed monitoring stores: the territory's clusters).
 */
export async function territoryClusters(
  db: Db,
  actor: Actor,
  setId: string,
  figures: ComputedSet,
  k: number,
): Promise<ClusterResult | undefined> {
  const { shares, orgs, all } = await clusterInput(db, actor, setId, figures);
  if (!all) return undefined;
  return clusterOrganizations(
    shares.map((i) => ({ id: i.id, code: i.code, name: i.name })),
    orgs,
    k,
  );
}

/**
 * Organizations' profiles over the set's derived shares, grouped by k-means: the clusters (their
 * centres, sizes and first organizations), the scatter's points over two indicators (x, y), and
 * one page of the organizations with their values. A closed monitoring's clusters are read from
 * what its close stored.
 */
export async function clusters(
  db: Db,
  actor: Actor,
  setId: string,
  q: {
    monitoringId?: string | undefined;
    k?: number | undefined;
    year?: number | undefined;
    x?: string | undefined;
    y?: string | undefined;
    page?: number | undefined;
    pageSize?: number | undefined;
  },
) {
  const set = await findSet(db, actor, setId);
  let figures: ComputedSet;
  let source: FiguresSource;
  let closedId: string | null = null;
  if (q.monitoringId) {
    const m = await findMonitoring(db, actor, q.monitoringId);
    if (m.set_id !== setId) throw notFound('Мониторинг не относится к этому набору показателей.');
    figures = await monitoringFigures(db, m);
    source = {
      kind: m.status === 'closed' ? 'monitoring' : 'live',
      monitoringId: m.id,
      name: m.name,
      asOf: m.as_of,
    };
    if (m.status === 'closed') closedId = m.id;
  } else {
    // the dashboard's source for the year: its closed monitoring, else the live compute
    const got = await yearFigures(db, actor, set, q.year ?? Number(today().slice(0, 4)));
    ({ figures, source } = got);
    closedId = got.latest?.id ?? null;
  }
  const { shares, orgs, all } = await clusterInput(db, actor, setId, figures);
  const k = Math.min(Math.max(q.k ?? DEFAULT_K, 1), 10);
  const run = async () =>
    clusterOrganizations(
      shares.map((i) => ({ id: i.id, code: i.code, name: i.name })),
      orgs,
      k,
    );
  const result = closedId && all ? await closedPart(db, closedId, clustersPart(k), run) : await run();
  const clusterOf = new Map(
    result.clusters.flatMap((c) => c.organizations.map((o) => [o.id, c.index] as const)),
  );
  // The scatter's axes: those asked, else the first two shares some organization has a value of.
  const withValues = shares.filter((i) => orgs.some((o) => o.values[i.id] !== null));
  const x = shares.find((i) => i.id === q.x) ?? withValues[0] ?? shares[0];
  const y = shares.find((i) => i.id === q.y) ?? withValues[1] ?? withValues[0] ?? shares[1] ?? shares[0];
  const named = orgs.length <= NAMED_POINTS;
  const points = orgs.flatMap((o) => {
    const vx = x ? o.values[x.id] : null;
    const vy = y ? o.values[y.id] : null;
    const c = clusterOf.get(o.id);
    if (vx === null || vx === undefined || vy === null || vy === undefined || c === undefined) return [];
    return [{ x: vx, y: vy, cluster: c, name: named ? o.name : null }];
  });
  const sorted = [...orgs].sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 100);
  const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
  const page = Math.min(Math.max(q.page ?? 1, 1), pages);
  return {
    source,
    k: result.k,
    indicators: result.indicators,
    withValues: withValues.map((i) => i.id),
    x: x?.id ?? null,
    y: y?.id ?? null,
    clusters: result.clusters.map((c) => ({
      ...c,
      organizations: c.organizations.slice(0, CLUSTER_NAMES),
    })),
    unplaced: result.unplaced.slice(0, CLUSTER_NAMES),
    unplacedCount: result.unplaced.length,
    points,
    organizationsTotal: sorted.length,
    page,
    pageSize,
    organizations: sorted.slice((page - 1) * pageSize, page * pageSize).map((o) => ({
      id: o.id,
      name: o.name,
      cluster: clusterOf.get(o.id) ?? null,
      values: shares.map((i) => ({ indicatorId: i.id, code: i.code, value: o.values[i.id] ?? null })),
    })),
  };
}

/** A cluster's card names its first organizations; the page of organizations lists every one. */
const CLUSTER_NAMES = 40;

/** The region view: each municipality's values of the set's indicators, side by side. */
export async function compare(db: Db, actor: Actor, setId: string, q: { year?: number | undefined }) {
  const set = await findSet(db, actor, setId);
  authorize(can(actor, 'compare', 'municipalities'), 'Сравнение муниципалитетов доступно на уровне региона.');
  const regionId = actor.role === 'region_admin' ? actor.regionId : set.region_id;
  const year = q.year ?? Number(today().slice(0, 4));
  // The region's closed monitoring of the year (its territory slice is each municipality's frozen
  // figure), else a live compute: a mix of municipalities' own monitorings would not be one source.
  const closed = (await closedMonitorings(db, actor, setId)).find(
    (m) => m.target_year === year && m.municipality_id === null && m.region_id === regionId,
  );
  const figures = closed
    ? await monitoringFigures(db, closed)
    : await liveFigures(db, { municipalityId: null, regionId }, setId, year, ['territory']);
  const source: FiguresSource = closed
    ? { kind: 'monitoring', monitoringId: closed.id, name: closed.name, asOf: closed.as_of }
    : { kind: 'live', monitoringId: null, name: null, asOf: figures.asOf };
  const asOf = figures.asOf;
  const values = await presentValues(db, actor, setId, year, figures, closed ? frozenId(closed) : undefined);
  const municipalities = await regionMunicipalities(db, regionId);
  return {
    set: { id: set.id, code: set.code, name: set.name },
    source,
    asOf,
    municipalities: municipalities.map((mu) => ({
      id: mu.id,
      name: mu.name,
      values: values.indicators.map((i) => {
        const s = (i.slices.territory ?? []).find((x) => x.key === mu.id);
        const value = s?.value ?? null;
        return {
          indicatorId: i.indicatorId,
          value,
          numerator: s?.numerator ?? null,
          denominator: s?.denominator ?? null,
          status: s?.status ?? null,
          targetStatus: targetStatus(value, i.target, i.direction),
        };
      }),
    })),
    indicators: values.indicators.map((i) => ({
      indicatorId: i.indicatorId,
      code: i.code,
      name: i.name,
      unit: i.unit,
      direction: i.direction,
      target: i.target,
      value: i.value,
    })),
  };
}
