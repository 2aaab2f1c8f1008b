import type { Actor } from '../../platform/auth/actor.ts';
import { cachedCompute, viewerKey } from '../../platform/cache/compute-cache.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { today } from '../../platform/time/today.ts';
import { type ComputeResult, computeSet, type SliceKind, setScope } from '../engine/compute.ts';
import { targetStatus } from '../engine/target-status.ts';
import { authorize, can } from '../monitoring.policy.ts';
import { pageSlices, type TSliceQuery } from '../monitorings/slices.ts';
import { findSet } from './indicator-sets.service.ts';
import { presentIndicator } from './indicators.presenter.ts';
import { listIndicators, type SetRow, scopeSliceCounts } from './indicators.repository.ts';
import type { TValuesQuery } from './indicators.schemas.ts';

/**
 * A set's values computed live as of a date (today by default) over the actor's scope, with the
 * year's target and its status per indicator, how many lines each slice has, and the lines of the
 * slices asked for (an API client's choice: the set page asks for none and opens one indicator's
 * lines page by page through GET /api/indicator-sets/:id/slices with the same dates).
 */

export interface LiveDates {
  asOf?: string | undefined;
  periodStart?: string | undefined;
  periodEnd?: string | undefined;
}

function checkPeriod(q: LiveDates): void {
  if (q.periodStart && q.periodEnd && q.periodStart > q.periodEnd) {
    throw invalid('Период задан неверно.', [{ path: 'periodEnd', message: 'Конец периода раньше начала' }]);
  }
}

/**
 * The live compute of a set over the actor's scope, kept per viewer's scope and question while
 * the data the engine reads holds (compute-cache): reopening the set page, or its hundred viewers,
 * cost one compute. The set values and their slices' pages share it.
 */
function liveCompute(
  db: Db,
  actor: Actor,
  set: SetRow,
  q: LiveDates & { asOf: string },
  slices: SliceKind[],
): Promise<ComputeResult> {
  const key = JSON.stringify([set.id, q.asOf, q.periodStart, q.periodEnd, slices, ...viewerKey(actor)]);
  return cachedCompute(
    db,
    key,
    () =>
      computeSet(db, actor, {
        setId: set.id,
        asOf: q.asOf,
        periodStart: q.periodStart,
        periodEnd: q.periodEnd,
        slices,
      }),
    'set-values',
  );
}

async function indicatorMeta(db: Db, setId: string) {
  return new Map((await listIndicators(db, setId)).map((i) => [i.id, presentIndicator(i)]));
}

export async function setValues({ db }: { db: Db }, actor: Actor, setId: string, q: TValuesQuery) {
  authorize(can(actor, 'read', 'sets'));
  const asOf = q.asOf ?? today();
  checkPeriod(q);
  const set = await findSet(db, actor, setId);
  const slices = q.slice ? (q.slice.split(',') as SliceKind[]) : [];
  const result = await liveCompute(db, actor, set, { ...q, asOf }, slices);
  const meta = await indicatorMeta(db, set.id);
  // The organization, kind and municipality slices' lengths without computing them; the subject
  // slice's only when it was computed.
  const scope = setScope(actor, {
    // the scope reads the territory only (a system set has none)
    ownerLevel: set.owner_level === 'system' ? 'region' : set.owner_level,
    regionId: set.region_id,
    municipalityId: set.municipality_id,
  });
  const counted = await scopeSliceCounts(db, scope.scope);
  const year = Number(asOf.slice(0, 4));
  return {
    setId: set.id,
    asOf: result.asOf,
    periodStart: result.periodStart,
    periodEnd: result.periodEnd,
    indicators: result.indicators.map((v) => {
      const m = v.indicatorId ? meta.get(v.indicatorId) : undefined;
      const target = m?.targets.find((t) => t.year === year)?.value ?? null;
      const { members: _members, memberKind: _memberKind, ...rest } = v;
      const valid = v.status !== 'invalid_formula';
      return {
        ...rest,
        name: m?.name ?? v.name,
        unit: m?.unit ?? '',
        direction: m?.direction ?? 'up',
        target,
        targetStatus: targetStatus(v.value, target, m?.direction ?? 'up'),
        sliceCounts: {
          organization: valid ? counted.organizations : 0,
          org_kind: valid ? counted.kinds : 0,
          territory: valid ? counted.territories : 0,
          subject: v.slices.subject ? v.slices.subject.length : null,
        },
      };
    }),
  };
}

/**
 * A page of one indicator's lines of a live compute as of a date (the set page's figures): over
 * the viewer's own scope, so a school head's lines are their school's.
 */
export async function liveSetSlices(
  db: Db,
  actor: Actor,
  setId: string,
  q: TSliceQuery & LiveDates & { asOf: string; indicatorId: string },
) {
  authorize(can(actor, 'read', 'sets'));
  checkPeriod(q);
  const set = await findSet(db, actor, setId);
  const kind = q.kind ?? 'organization';
  const result = await liveCompute(db, actor, set, q, [kind]);
  const v = result.indicators.find((i) => i.indicatorId === q.indicatorId);
  const m = (await indicatorMeta(db, set.id)).get(q.indicatorId);
  if (!v || !m) throw notFound('Показатель не найден в наборе.');
  const year = Number(q.asOf.slice(0, 4));
  const target = m.targets.find((t) => t.year === year)?.value ?? null;
  return {
    set,
    result,
    page: {
      indicatorId: q.indicatorId,
      code: v.code,
      name: m.name,
      unit: m.unit,
      direction: m.direction,
      target,
      ...pageSlices({ slices: v.slices, target, direction: m.direction }, kind, q),
    },
  };
}
