import type { SQL } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit/audit.repository.ts';
import { type Actor, SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { orgScope } from '../../platform/auth/scope.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { defineJob, enqueueJob } from '../../platform/jobs/jobs.queue.ts';
import { computeIndicators, territoryScope } from '../engine/compute.ts';
import { type Formula, isDerived } from '../engine/formula.ts';
import { type TargetStatus, targetStatus } from '../engine/target-status.ts';
import { authorize, can, setVisibility } from '../monitoring.policy.ts';
import {
  type ComputedIndicator,
  type ComputedSet,
  readSnapshot,
  SLICE_KINDS,
  type SliceKind,
  type SliceValue,
  writeSnapshot,
} from './snapshot.ts';

/**
 * Monitoring campaigns (000 table 3; issue 4 item 5): an indicator set over a period, as of a date,
 * compared with one year's targets. Live while open; closing freezes a snapshot of every figure
 * and of the ids behind it, and a closed monitoring is final.
 */

type OwnerLevel = 'system' | 'region' | 'municipality' | 'organization';

export interface MonitoringRow {
  id: string;
  set_id: string;
  set_name: string;
  name: string;
  owner_level: OwnerLevel;
  region_id: string | null;
  municipality_id: string | null;
  territory_name: string;
  period_start: string;
  period_end: string;
  as_of: string;
  target_year: number;
  schedule: string;
  responsible: string;
  status: 'open' | 'closed';
  created_at: string;
  closed_at: string | null;
}

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

/** Monitorings the actor may see (`m` = monitorings alias): they carry a set's territory columns. */
export function monitoringReadScope(actor: Actor, m = 'm'): SQL {
  return setVisibility(actor, m);
}

/** A monitoring's territory columns, as the policy reads them. */
const ownedBy = (m: Pick<MonitoringRow, 'owner_level' | 'region_id' | 'municipality_id'>) => ({
  ownerLevel: m.owner_level,
  regionId: m.region_id,
  municipalityId: m.municipality_id,
});

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
  const list = await db.query<{
    id: string;
    code: string;
    name: string;
    formula: unknown;
    population: unknown;
  }>(
    sql`SELECT id, code, name, formula, population FROM indicators
        WHERE set_id = ${setId} ${opts.indicatorId ? sql`AND id = ${opts.indicatorId}` : sql``}
        ORDER BY position, code`,
  );
  const result = await computeIndicators(db, territoryScope(territory), list, {
    asOf: opts.asOf,
    periodStart: opts.periodStart,
    periodEnd: opts.periodEnd,
    slices: opts.slices,
    withMembers: opts.withMembers,
  });
  return result as ComputedSet;
}

const SELECT = sql`
  SELECT m.id, m.set_id, s.name AS set_name, m.name, m.owner_level, m.region_id, m.municipality_id,
         COALESCE(mu.name, r.name, 'Все территории') AS territory_name,
         m.period_start, m.period_end, m.as_of, m.target_year, m.schedule, m.responsible, m.status,
         m.created_at, m.closed_at
  FROM monitorings m
  JOIN indicator_sets s ON s.id = m.set_id
  LEFT JOIN municipalities mu ON mu.id = m.municipality_id
  LEFT JOIN regions r ON r.id = m.region_id`;

export function presentMonitoring(actor: Actor, r: MonitoringRow) {
  return {
    id: r.id,
    setId: r.set_id,
    setName: r.set_name,
    name: r.name,
    ownerLevel: r.owner_level,
    regionId: r.region_id,
    municipalityId: r.municipality_id,
    territoryName: r.territory_name,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    asOf: r.as_of,
    targetYear: r.target_year,
    schedule: r.schedule,
    responsible: r.responsible,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
    closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
    canManage: can(actor, 'manage', { monitoring: ownedBy(r) }),
  };
}

export async function findMonitoring(db: Db, actor: Actor, id: string): Promise<MonitoringRow> {
  authorize(can(actor, 'read', 'monitorings'));
  const [r] = await db.query<MonitoringRow>(
    sql`${SELECT} WHERE m.id = ${id} AND ${monitoringReadScope(actor)}`,
  );
  if (!r) throw notFound('Мониторинг не найден или недоступен.');
  return r;
}

export async function listMonitorings(db: Db, actor: Actor, q: { setId?: string | undefined } = {}) {
  authorize(can(actor, 'read', 'monitorings'));
  const rows = await db.query<MonitoringRow>(sql`${SELECT}
    WHERE ${monitoringReadScope(actor)} ${q.setId ? sql`AND m.set_id = ${q.setId}` : sql``}
    ORDER BY m.as_of DESC, m.created_at DESC, m.id`);
  return rows.map((r) => presentMonitoring(actor, r));
}

export async function createMonitoring(db: Db, actor: Actor, input: MonitoringInput): Promise<string> {
  authorize(can(actor, 'create', 'monitorings'));
  const [set] = await db.query<{
    id: string;
    owner_level: OwnerLevel;
    region_id: string | null;
    municipality_id: string | null;
  }>(sql`SELECT s.id, s.owner_level, s.region_id, s.municipality_id FROM indicator_sets s
         WHERE s.id = ${input.setId} AND ${setVisibility(actor)}`);
  if (!set) throw notFound('Набор показателей не найден или недоступен.');
  const issues = [];
  if (input.periodStart > input.periodEnd)
    issues.push({ path: 'periodEnd', message: 'Конец периода раньше его начала' });
  if (issues.length) throw invalid('Проверьте параметры мониторинга.', issues);
  // The owner is the creator's territory; the administrator runs it at the set's own level.
  let owner: { level: OwnerLevel; regionId: string | null; municipalityId: string | null };
  if (actor.role === 'municipal_methodist') {
    const [mu] = await db.query<{ region_id: string }>(
      sql`SELECT region_id FROM municipalities WHERE id = ${actor.municipalityId}`,
    );
    if (!mu) throw forbidden('У учётной записи не указан муниципалитет.');
    owner = { level: 'municipality', regionId: mu.region_id, municipalityId: actor.municipalityId };
  } else if (actor.role === 'region_admin') {
    if (!actor.regionId) throw forbidden('У учётной записи не указан регион.');
    owner = { level: 'region', regionId: actor.regionId, municipalityId: null };
  } else {
    let regionId = set.region_id;
    if (!regionId && set.municipality_id) {
      const [mu] = await db.query<{ region_id: string }>(
        sql`SELECT region_id FROM municipalities WHERE id = ${set.municipality_id}`,
      );
      regionId = mu?.region_id ?? null;
    }
    owner = { level: set.owner_level, regionId, municipalityId: set.municipality_id };
  }
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO monitorings (set_id, name, owner_level, region_id, municipality_id, period_start, period_end, as_of,
                             target_year, schedule, responsible, created_by)
    VALUES (${set.id}, ${input.name}, ${owner.level}, ${owner.regionId}, ${owner.municipalityId}, ${input.periodStart},
            ${input.periodEnd}, ${input.asOf}, ${input.targetYear}, ${input.schedule ?? ''}, ${input.responsible ?? ''},
            ${actor.userId === SYSTEM_ACTOR.userId ? null : actor.userId})
    RETURNING id`);
  return row!.id;
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

interface IndicatorMeta {
  id: string;
  name: string;
  unit: string;
  direction: 'up' | 'down' | 'none';
  formula: Formula;
  position: number;
  target: number | null;
}

/** Indicators with the year's target; for a closed monitoring, the target and direction frozen at closing. */
export async function indicatorMeta(
  db: Db,
  setId: string,
  year: number,
  frozenMonitoringId?: string,
): Promise<Map<string, IndicatorMeta>> {
  const rows = frozenMonitoringId
    ? await db.query<IndicatorMeta>(sql`
        SELECT i.id, i.name, i.unit, COALESCE(mv.direction, i.direction::text) AS direction, i.formula, i.position,
               mv.target::float8 AS target
        FROM indicators i
        LEFT JOIN monitoring_values mv ON mv.monitoring_id = ${frozenMonitoringId} AND mv.indicator_id = i.id
                                      AND mv.slice_kind = 'total'
        WHERE i.set_id = ${setId} ORDER BY i.position, i.code`)
    : await db.query<IndicatorMeta>(sql`
        SELECT i.id, i.name, i.unit, i.direction, i.formula, i.position,
               (SELECT t.value::float8 FROM indicator_targets t WHERE t.indicator_id = i.id AND t.year = ${year}) AS target
        FROM indicators i WHERE i.set_id = ${setId} ORDER BY i.position, i.code`);
  return new Map(rows.map((r) => [r.id, r]));
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
export async function presentValues(
  db: Db,
  viewer: Actor,
  setId: string,
  year: number,
  result: ComputedSet,
  frozenMonitoringId?: string,
): Promise<{ asOf: string; periodStart: string; periodEnd: string; indicators: PresentedIndicator[] }> {
  const meta = await indicatorMeta(db, setId, year, frozenMonitoringId);
  const orgIds = [
    ...new Set(result.indicators.flatMap((i) => (i.slices.organization ?? []).map((s) => s.key))),
  ];
  const visible = new Set(
    orgIds.length
      ? (
          await db.query<{ id: string }>(
            sql`SELECT o.id FROM organizations o WHERE o.id = ANY(${sql.param(orgIds)}::uuid[]) AND ${orgScope(viewer)}`,
          )
        ).map((r) => r.id)
      : [],
  );
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
  if (m.status === 'closed') {
    return readSnapshot(
      db,
      { id: m.id, asOf: m.as_of, periodStart: m.period_start, periodEnd: m.period_end },
      isDerived,
    );
  }
  return computeMonitoring(db, m, false);
}

export async function getMonitoring(db: Db, actor: Actor, id: string) {
  const m = await findMonitoring(db, actor, id);
  const figures = await monitoringFigures(db, m);
  return {
    ...presentMonitoring(actor, m),
    values: {
      ...(await presentValues(db, actor, m.set_id, m.target_year, figures, frozenId(m))),
      frozen: m.status === 'closed',
    },
  };
}

/**
 * Territories with at least this many organizations are closed in a background job with progress
 * (the request answers 202 with the job's id); smaller ones answer at once. Tests lower it.
 */
export const closeSettings = { jobThresholdOrgs: 300 };

const ALREADY_CLOSED = 'Мониторинг уже закрыт: его значения зафиксированы и не меняются.';

async function checkClosable(db: Db, actor: Actor, id: string): Promise<MonitoringRow> {
  const m = await findMonitoring(db, actor, id);
  if (!can(actor, 'manage', { monitoring: ownedBy(m) }))
    throw forbidden('Закрыть мониторинг может только тот, кто его ведёт.');
  if (m.status === 'closed') throw conflict(ALREADY_CLOSED);
  const [running] = await db.query<{ id: string }>(sql`
    SELECT id FROM jobs WHERE kind = ${CLOSE_JOB_KIND} AND status IN ('queued', 'running')
      AND params->>'monitoringId' = ${id}`);
  if (running) throw conflict('Мониторинг уже закрывается: дождитесь окончания.', { jobId: running.id });
  return m;
}

export const CLOSE_JOB_KIND = 'monitoring-close';

/**
 * Closes a monitoring: at once for a small territory (returns the counts written), or in a job for
 * a large one (returns the job's id; the monitoring turns closed when the job commits).
 */
export async function closeMonitoring(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ jobId: string | null; values: number; members: number }> {
  const m = await checkClosable(db, actor, id);
  const t = territoryOf(m);
  const [size] = await db.query<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM organizations o WHERE ${territoryScope(t).scope('o')}`);
  if ((size?.n ?? 0) >= closeSettings.jobThresholdOrgs) {
    const jobId = await enqueueJob(db, { kind: CLOSE_JOB_KIND, params: { monitoringId: id }, actor });
    return { jobId, values: 0, members: 0 };
  }
  const written = await freeze(db, actor, m, await computeMonitoring(db, m, true));
  return { jobId: null, ...written };
}

/** The close of a large territory as a durable job; a run after a committed close changes nothing. */
export const closeMonitoringJob = defineJob<{ monitoringId: string }>({
  kind: CLOSE_JOB_KIND,
  async run(job) {
    const m = await findMonitoring(job.db, job.actor, job.params.monitoringId);
    if (m.status === 'closed') return { values: 0, members: 0 };
    await job.progress(0, 2, 'Расчёт показателей', true);
    const result = await computeMonitoring(job.db, m, true);
    await job.progress(1, 2, 'Запись значений и списков', true);
    return freeze(job.db, job.actor, m, result);
  },
});

/**
 * Freezes: the figures and the member ids are written with the status change in one transaction,
 * so a monitoring is either open or closed with its whole snapshot. The compute runs before, outside
 * the transaction; the conditional UPDATE makes a concurrent second close a 409.
 */
async function freeze(db: Db, actor: Actor, m: MonitoringRow, result: ComputedSet) {
  const id = m.id;
  const formulas = new Map(
    (
      await db.query<{ id: string; formula: Formula }>(
        sql`SELECT id, formula FROM indicators WHERE set_id = ${m.set_id}`,
      )
    ).map((r) => [r.id, r.formula]),
  );
  return db.transaction(async (tx) => {
    const closed = await tx.query<{ id: string }>(sql`
      UPDATE monitorings SET status = 'closed', closed_at = now(),
             closed_by = ${actor.userId === SYSTEM_ACTOR.userId ? null : actor.userId}
      WHERE id = ${id} AND status = 'open' RETURNING id`);
    if (!closed.length) throw conflict(ALREADY_CLOSED);
    const counts = await writeSnapshot(tx, id, result, formulas);
    await writeAudit(tx, {
      actor,
      action: 'close',
      entity: 'monitorings',
      entityId: id,
      details: { values: counts.values, memberRows: counts.members },
    });
    return counts;
  });
}
