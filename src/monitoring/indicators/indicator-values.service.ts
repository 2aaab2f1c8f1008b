import type { Actor } from '../../platform/auth/actor.ts';
import { cachedCompute, viewerKey } from '../../platform/cache/compute-cache.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid } from '../../platform/errors.ts';
import { today } from '../../platform/time/today.ts';
import { computeSet, type SliceKind } from '../engine/compute.ts';
import { targetStatus } from '../engine/target-status.ts';
import { authorize, can } from '../monitoring.policy.ts';
import { findSet } from './indicator-sets.service.ts';
import { presentIndicator } from './indicators.presenter.ts';
import { listIndicators } from './indicators.repository.ts';
import type { TValuesQuery } from './indicators.schemas.ts';

/**
 * A set's values computed live as of a date (today by default) over the actor's scope, with the
 * year's target and its status per indicator, and the slices asked for.
 */
export async function setValues({ db }: { db: Db }, actor: Actor, setId: string, q: TValuesQuery) {
  authorize(can(actor, 'read', 'sets'));
  const asOf = q.asOf ?? today();
  if (q.periodStart && q.periodEnd && q.periodStart > q.periodEnd) {
    throw invalid('Период задан неверно.', [{ path: 'periodEnd', message: 'Конец периода раньше начала' }]);
  }
  const set = await findSet(db, actor, setId);
  const slices = q.slice ? (q.slice.split(',') as SliceKind[]) : [];
  // Kept per viewer's scope and question while the data the engine reads holds (compute-cache):
  // reopening the set page, or its hundred viewers, cost one compute.
  const key = JSON.stringify([set.id, asOf, q.periodStart, q.periodEnd, slices, ...viewerKey(actor)]);
  const result = await cachedCompute(
    db,
    key,
    () =>
      computeSet(db, actor, {
        setId: set.id,
        asOf,
        periodStart: q.periodStart,
        periodEnd: q.periodEnd,
        slices,
      }),
    'set-values',
  );
  const meta = new Map((await listIndicators(db, set.id)).map((i) => [i.id, presentIndicator(i)]));
  const year = Number(asOf.slice(0, 4));
  return {
    setId: set.id,
    asOf: result.asOf,
    periodStart: result.periodStart,
    periodEnd: result.periodEnd,
    indicators: result.indicators.map((v) => {
      const m = v.indicatorId ? meta.get(v.indicatorId) : undefined;
      const target = m?.targets.find((t) => t.year === year)?.value ?? null;
      const { members: _members, ...rest } = v;
      return {
        ...rest,
        name: m?.name ?? v.name,
        unit: m?.unit ?? '',
        direction: m?.direction ?? 'up',
        target,
        targetStatus: targetStatus(v.value, target, m?.direction ?? 'up'),
      };
    }),
  };
}
