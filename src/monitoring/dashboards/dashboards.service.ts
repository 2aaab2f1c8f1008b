import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { today } from '../../platform/time/today.ts';
import { type TargetStatus, targetStatus } from '../engine/target-status.ts';
import { authorize, can } from '../monitoring.policy.ts';
import type { MonitoringRow } from '../monitorings/monitorings.repository.ts';
import {
  computeForTerritory,
  findMonitoring,
  frozenId,
  monitoringFigures,
  presentValues,
  type Territory,
  territoryOf,
} from '../monitorings/monitorings.service.ts';
import type { ComputedSet, SliceKind } from '../monitorings/snapshot.ts';
import { clusterOrganizations } from './clusters.ts';
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

/** The dashboard of a year: this year (in the municipality's time zone) unless one is asked. */
export async function dashboard(db: Db, actor: Actor, setId: string, askedYear?: number | undefined) {
  const set = await findSet(db, actor, setId);
  const year = askedYear ?? Number(today().slice(0, 4));
  const { figures, latest, source } = await yearFigures(db, actor, set, year);
  const values = await presentValues(db, actor, setId, year, figures, latest ? frozenId(latest) : undefined);

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
    const problemZones =
      i.target === null || i.direction === 'none'
        ? []
        : (i.slices.organization ?? [])
            .map((s) => ({
              organizationId: s.key,
              name: s.label,
              value: s.value,
              targetStatus: targetStatus(s.value, i.target, i.direction) as TargetStatus | null,
            }))
            .filter(
              (z): z is typeof z & { value: number } =>
                z.value !== null && (z.targetStatus === 'not_achieved' || z.targetStatus === 'at_risk'),
            )
            .map((z) => ({ ...z, gap: Math.round(gapOf(z.value, i.target!, i.direction) * 100) / 100 }))
            .sort((a, b) => b.gap - a.gap || a.name.localeCompare(b.name, 'ru'));
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
      problemZones,
    };
  });
  return {
    set: { id: set.id, code: set.code, name: set.name },
    year,
    source,
    indicators,
  };
}

/** Organizations' profiles over the set's derived shares, grouped by k-means. */
export async function clusters(
  db: Db,
  actor: Actor,
  setId: string,
  q: { monitoringId?: string | undefined; k?: number | undefined; year?: number | undefined },
) {
  const set = await findSet(db, actor, setId);
  let figures: ComputedSet;
  let source: FiguresSource;
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
  } else {
    // the dashboard's source for the year: its closed monitoring, else the live compute
    ({ figures, source } = await yearFigures(db, actor, set, q.year ?? Number(today().slice(0, 4))));
  }
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
  const k = Math.min(Math.max(q.k ?? 3, 1), 10);
  const result = clusterOrganizations(
    shares.map((i) => ({ id: i.id, code: i.code, name: i.name })),
    orgs,
    k,
  );
  const clusterOf = new Map(
    result.clusters.flatMap((c) => c.organizations.map((o) => [o.id, c.index] as const)),
  );
  return {
    source,
    ...result,
    organizations: orgs.map((o) => ({
      id: o.id,
      name: o.name,
      cluster: clusterOf.get(o.id) ?? null,
      values: shares.map((i) => ({ indicatorId: i.id, code: i.code, value: o.values[i.id] ?? null })),
    })),
  };
}

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
