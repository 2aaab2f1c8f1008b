import { type Actor, SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { cachedCompute, engineDataVersion } from '../../platform/cache/compute-cache.ts';
import type { Db } from '../../platform/db/database.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import { computeIndicators, territoryScope } from '../engine/compute.ts';
import { type TargetStatus, targetStatus } from '../engine/target-status.ts';
import { authorize, can } from '../monitoring.policy.ts';
import { closedFigures } from './dashboard-parts.ts';
import { presentMonitoring } from './monitorings.presenter.ts';
import {
  activeJobFor,
  findMonitoringRow,
  findVisibleSetOwner,
  indicatorMeta,
  indicatorsToCompute,
  insertMonitoring,
  listMonitoringRows,
  type MonitoringRow,
  municipalityRegion,
  type OwnerLevel,
  visibleOrganizationIds,
} from './monitorings.repository.ts';
import { pageSlices, type TSliceQuery, withoutSlices } from './slices.ts';
import {
  type ComputedIndicator,
  type ComputedSet,
  SLICE_KINDS,
  type SliceKind,
  type SliceValue,
} from './snapshot.ts';

/**
 * Monitoring campaigns (000 table 3; issue 4 item 5): an indicator set over a period, as of a date,
 * compared with one year's targets. Live while open; closing freezes a snapshot of every figure
 * and of the ids behind it, and a closed monitoring is final.
 */

export interface MonitoringInput {
  setId: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  asOf: string;
  targetYear: number;
  schedule?: string | undefined;
  responsible?: string | undefined;
}

/** The user recorded as creator or closer: none for the command line. */
export const userIdOf = (actor: Actor) => (actor.userId === SYSTEM_ACTOR.userId ? null : actor.userId);

export interface Territory {
  municipalityId: string | null;
  regionId: string | null;
}

/**
 * The territory a monitoring covers: its figures are computed over that territory whoever looks
 * or closes (an administrator closing a municipality's monitoring freezes the municipality's
 * figures, not the country's).
 */
export function territoryOf(
  m: Pick<MonitoringRow, 'owner_level' | 'region_id' | 'municipality_id'>,
): Territory {
  if (m.municipality_id) return { municipalityId: m.municipality_id, regionId: m.region_id };
  return { municipalityId: null, regionId: m.region_id };
}

/** Computes a set's indicators over a territory (the engine's measures, one SQL per measure). */
export async function computeForTerritory(
  db: Db,
  territory: Territory,
  setId: string,
  opts: {
    asOf: string;
    periodStart: string;
    periodEnd: string;
    slices: readonly SliceKind[];
    withMembers: boolean;
    /** Just this indicator (a live drill-down needs one). */
    indicatorId?: string | undefined;
  },
): Promise<ComputedSet> {
  const run = async () => {
    const list = await indicatorsToCompute(db, setId, opts.indicatorId);
    const result = await computeIndicators(db, territoryScope(territory), list, {
      asOf: opts.asOf,
      periodStart: opts.periodStart,
      periodEnd: opts.periodEnd,
      slices: opts.slices,
      withMembers: opts.withMembers,
    });
    return result as ComputedSet;
  };
  // The ids behind the figures are for a close or a drill-down, read once: not kept.
  if (opts.withMembers) return run();
  const key = JSON.stringify([
    territory.municipalityId,
    territory.regionId,
    setId,
    opts.asOf,
    opts.periodStart,
    opts.periodEnd,
    [...opts.slices].sort(),
    opts.indicatorId ?? null,
  ]);
  return cachedCompute(db, key, run);
}

export async function findMonitoring(db: Db, actor: Actor, id: string): Promise<MonitoringRow> {
  authorize(can(actor, 'read', 'monitorings'));
  const r = await findMonitoringRow(db, actor, id);
  if (!r) throw notFound('Мониторинг не найден или недоступен.');
  return r;
}

export async function listMonitorings(db: Db, actor: Actor, q: { setId?: string | undefined } = {}) {
  authorize(can(actor, 'read', 'monitorings'));
  const rows = await listMonitoringRows(db, actor, q.setId);
  return rows.map((r) => presentMonitoring(actor, r));
}

export async function createMonitoring(db: Db, actor: Actor, input: MonitoringInput): Promise<string> {
  authorize(can(actor, 'create', 'monitorings'));
  const set = await findVisibleSetOwner(db, actor, input.setId);
  if (!set) throw notFound('Набор показателей не найден или недоступен.');
  const issues = [];
  if (input.periodStart > input.periodEnd)
    issues.push({ path: 'periodEnd', message: 'Конец периода раньше его начала' });
  if (issues.length) throw invalid('Проверьте параметры мониторинга.', issues);
  // The owner is the creator's territory; the administrator runs it at the set's own level.
  let owner: { level: OwnerLevel; regionId: string | null; municipalityId: string | null };
  if (actor.role === 'municipal_methodist') {
    const regionId = await municipalityRegion(db, actor.municipalityId);
    if (!regionId) throw forbidden('У учётной записи не указан муниципалитет.');
    owner = { level: 'municipality', regionId, municipalityId: actor.municipalityId };
  } else if (actor.role === 'region_admin') {
    if (!actor.regionId) throw forbidden('У учётной записи не указан регион.');
    owner = { level: 'region', regionId: actor.regionId, municipalityId: null };
  } else {
    let regionId = set.region_id;
    if (!regionId && set.municipality_id) regionId = await municipalityRegion(db, set.municipality_id);
    owner = { level: set.owner_level, regionId, municipalityId: set.municipality_id };
  }
  return insertMonitoring(db, {
    setId: set.id,
    name: input.name,
    ownerLevel: owner.level,
    regionId: owner.regionId,
    municipalityId: owner.municipalityId,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    asOf: input.asOf,
    targetYear: input.targetYear,
    schedule: input.schedule ?? '',
    responsible: input.responsible ?? '',
    createdBy: userIdOf(actor),
  });
}

/** The figures behind a monitoring, computed over its territory; with the ids behind each when asked. */
export async function computeMonitoring(
  db: Db,
  m: MonitoringRow,
  withMembers: boolean,
  only: { indicatorId?: string; slices?: readonly SliceKind[] } = {},
): Promise<ComputedSet> {
  return computeForTerritory(db, territoryOf(m), m.set_id, {
    asOf: m.as_of,
    periodStart: m.period_start,
    periodEnd: m.period_end,
    slices: only.slices ?? SLICE_KINDS,
    withMembers,
    indicatorId: only.indicatorId,
  });
}

export interface PresentedIndicator extends Omit<ComputedIndicator, 'members'> {
  name: string;
  unit: string;
  direction: 'up' | 'down' | 'none';
  target: number | null;
  targetStatus: TargetStatus | null;
}

/**
 * The values as the API shows them: each indicator with its target and status; the organization
 * slice cut to the organizations the viewer sees (a school head sees the municipal figure and
 * their own school's line, not every other school's).
 */
export interface PresentedValues {
  asOf: string;
  periodStart: string;
  periodEnd: string;
  indicators: PresentedIndicator[];
}

/**
 * Presented values per set of figures (a closed monitoring's stored figures, a cached live
 * compute — the same object while it holds), per viewer's scope, year and data version: a region's
 * 55 000 slices are cut to the viewer once, not on every request. Callers must not change them.
 */
const presented = new WeakMap<ComputedSet, Map<string, Promise<PresentedValues>>>();
const PRESENTED_PER_FIGURES = 32;

export async function presentValues(
  db: Db,
  viewer: Actor,
  setId: string,
  year: number,
  result: ComputedSet,
  frozenMonitoringId?: string,
): Promise<PresentedValues> {
  if (db.inTransaction) return presentValuesNow(db, viewer, setId, year, result, frozenMonitoringId);
  const key = JSON.stringify([
    viewer.role,
    viewer.userId,
    viewer.regionId,
    viewer.municipalityId,
    viewer.organizationId,
    viewer.personId,
    setId,
    year,
    frozenMonitoringId ?? null,
    await engineDataVersion(db),
  ]);
  let byViewer = presented.get(result);
  if (!byViewer) {
    byViewer = new Map();
    presented.set(result, byViewer);
  }
  const hit = byViewer.get(key);
  if (hit) return hit;
  const value = presentValuesNow(db, viewer, setId, year, result, frozenMonitoringId);
  byViewer.set(key, value);
  while (byViewer.size > PRESENTED_PER_FIGURES) byViewer.delete(byViewer.keys().next().value as string);
  value.catch(() => byViewer.delete(key));
  return value;
}

async function presentValuesNow(
  db: Db,
  viewer: Actor,
  setId: string,
  year: number,
  result: ComputedSet,
  frozenMonitoringId?: string,
): Promise<PresentedValues> {
  const meta = await indicatorMeta(db, setId, year, frozenMonitoringId);
  const orgIds = [
    ...new Set(result.indicators.flatMap((i) => (i.slices.organization ?? []).map((s) => s.key))),
  ];
  const visible = await visibleOrganizationIds(db, viewer, orgIds);
  const indicators = result.indicators
    .filter((i) => meta.has(i.indicatorId))
    .map((i) => {
      const m = meta.get(i.indicatorId)!;
      // The slice fields a snapshot keeps, listed: a live compute's slices carry more (their messages).
      const slices: Partial<Record<SliceKind, SliceValue[]>> = {};
      for (const [kind, list] of Object.entries(i.slices) as [SliceKind, SliceValue[] | undefined][]) {
        if (!list) continue;
        slices[kind] = list
          .filter((s) => kind !== 'organization' || visible.has(s.key))
          .map((s) => ({
            key: s.key,
            label: s.label,
            value: s.value,
            numerator: s.numerator,
            denominator: s.denominator,
            status: s.status,
          }));
      }
      return {
        indicatorId: i.indicatorId,
        code: i.code,
        name: m.name,
        unit: m.unit,
        direction: m.direction,
        value: i.value,
        numerator: i.numerator,
        denominator: i.denominator,
        status: i.status,
        message: i.message,
        derived: i.derived,
        target: m.target,
        targetStatus: targetStatus(i.value, m.target, m.direction),
        slices,
      };
    });
  return { asOf: result.asOf, periodStart: result.periodStart, periodEnd: result.periodEnd, indicators };
}

/** The monitoring whose frozen targets apply: a closed one's own id. */
export const frozenId = (m: { id: string; status: string }) => (m.status === 'closed' ? m.id : undefined);

/** Frozen figures when closed, a live compute while open. */
export async function monitoringFigures(db: Db, m: MonitoringRow): Promise<ComputedSet> {
  if (m.status === 'closed') return closedFigures(db, m);
  return computeMonitoring(db, m, false);
}

/** The job kind that closes a large territory's monitoring (closing.service.ts). */
export const CLOSE_JOB_KIND = 'monitoring-close';

/** The monitoring's figures as this viewer sees them (frozen when closed, live while open). */
async function viewerValues(db: Db, actor: Actor, m: MonitoringRow): Promise<PresentedValues> {
  return presentValues(db, actor, m.set_id, m.target_year, await monitoringFigures(db, m), frozenId(m));
}

/**
 * The monitoring and each indicator's total, target and status — with how many lines each slice
 * has, not the lines (a region's organizations would make megabytes): the page asks for one
 * indicator's lines when it opens them (`monitoringSlices`); the XLSX export has them all.
 */
export async function getMonitoring(db: Db, actor: Actor, id: string) {
  const m = await findMonitoring(db, actor, id);
  const values = await viewerValues(db, actor, m);
  // A close still running: the page shows its progress again after a reload.
  const closing = m.status === 'open' ? await activeJobFor(db, CLOSE_JOB_KIND, m.id) : null;
  return {
    ...presentMonitoring(actor, m),
    closingJobId: closing?.id ?? null,
    values: { ...values, indicators: values.indicators.map(withoutSlices), frozen: m.status === 'closed' },
  };
}

/**
 * A page of one indicator's slice lines of a monitoring: from the frozen snapshot once it is
 * closed, from the (cached) live compute while open; cut to the viewer's organizations (a school
 * head gets their school's line) — another territory's monitoring is not found.
 */
export async function monitoringSlices(
  db: Db,
  actor: Actor,
  id: string,
  indicatorId: string,
  q: TSliceQuery,
) {
  const m = await findMonitoring(db, actor, id);
  const values = await viewerValues(db, actor, m);
  const ind = values.indicators.find((i) => i.indicatorId === indicatorId);
  if (!ind) throw notFound('Показатель не найден в этом мониторинге.');
  return {
    monitoringId: m.id,
    frozen: m.status === 'closed',
    indicatorId: ind.indicatorId,
    code: ind.code,
    name: ind.name,
    unit: ind.unit,
    direction: ind.direction,
    target: ind.target,
    ...pageSlices(ind, q.kind ?? 'organization', q),
  };
}
