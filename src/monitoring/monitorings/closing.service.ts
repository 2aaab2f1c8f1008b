import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, forbidden } from '../../platform/errors.ts';
import { defineJob, enqueueJob } from '../../platform/jobs/jobs.queue.ts';
import { clustersPart, DEFAULT_K, territoryClusters } from '../dashboards/dashboards.service.ts';
import { territoryScope } from '../engine/compute.ts';
import { can } from '../monitoring.policy.ts';
import { FIGURES_PART, snapshotFigures, writePart } from './dashboard-parts.ts';
import { ownedBy } from './monitorings.presenter.ts';
import {
  activeJobFor,
  countOrganizations,
  indicatorFormulas,
  type MonitoringRow,
  markClosed,
} from './monitorings.repository.ts';
import {
  CLOSE_JOB_KIND,
  computeMonitoring,
  findMonitoring,
  territoryOf,
  userIdOf,
} from './monitorings.service.ts';

import { type ComputedSet, writeSnapshot } from './snapshot.ts';

/**
 * Closing a monitoring: its figures, targets and the ids behind them are frozen in one
 * transaction with the status change, at once for a small territory or in a background job for a
 * large one. A closed monitoring is final.
 */

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
  const running = await activeJobFor(db, CLOSE_JOB_KIND, id);
  if (running) throw conflict('Мониторинг уже закрывается: дождитесь окончания.', { jobId: running.id });
  return m;
}

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
  if ((await countOrganizations(db, territoryScope(t).scope('o'))) >= closeSettings.jobThresholdOrgs) {
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
  const formulas = await indicatorFormulas(db, m.set_id);
  return db.transaction(async (tx) => {
    if (!(await markClosed(tx, id, userIdOf(actor)))) throw conflict(ALREADY_CLOSED);
    const counts = await writeSnapshot(tx, id, result, formulas);
    // The dashboard's parts: the figures as they read back from the rows just written (rounded as
    // stored), and the clusters the closer sees — a closed monitoring never changes.
    const figures = await snapshotFigures(tx, m);
    await writePart(tx, id, FIGURES_PART, figures);
    const clustered = await territoryClusters(tx, actor, m.set_id, figures, DEFAULT_K);
    if (clustered) await writePart(tx, id, clustersPart(DEFAULT_K), clustered);
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
