import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { authorize, can } from '../monitoring.policy.ts';
import {
  listManualValues as listRows,
  type ManualTerritory,
  municipalityRegion,
  orgTerritory,
  replaceManualValue,
} from './manual-values.repository.ts';
import type { TManualInput, TManualQuery } from './manual-values.schemas.ts';

/**
 * Values of manual measures entered by hand for a period: for one organization or for the
 * territory as a whole (the methodist's municipality, the region). Forms feed the same measures.
 */

type Deps = { db: Db };

export async function listManualValues({ db }: Deps, actor: Actor, q: TManualQuery) {
  authorize(can(actor, 'read', 'sets'));
  const rows = await listRows(db, actor, q);
  return { items: rows.map((x) => ({ ...x, value: Number(x.value) })) };
}

/** What the value belongs to: the organization given, else the methodist's municipality, else the territory asked. */
async function territoryOf(db: Db, actor: Actor, b: TManualInput): Promise<ManualTerritory> {
  if (b.organizationId) {
    const o = await orgTerritory(db, actor, b.organizationId);
    if (!o) throw notFound('Организация не найдена.');
    return { regionId: o.region_id, municipalityId: o.municipality_id, organizationId: b.organizationId };
  }
  if (actor.role === 'municipal_methodist') {
    return {
      regionId: (await municipalityRegion(db, actor.municipalityId)) ?? null,
      municipalityId: actor.municipalityId,
      organizationId: null,
    };
  }
  const region = b.municipalityId
    ? await municipalityRegion(
        db,
        b.municipalityId,
        actor.role === 'region_admin' ? actor.regionId : undefined,
      )
    : undefined;
  if (b.municipalityId && !region) throw notFound('Муниципалитет не найден.');
  const regionId = region ?? actor.regionId;
  if (!regionId) {
    throw invalid('Укажите организацию или муниципалитет.', [
      { path: 'organizationId', message: 'Не указано, к чему относится значение' },
    ]);
  }
  return { regionId, municipalityId: b.municipalityId ?? null, organizationId: null };
}

/** Enters (or replaces) the value of a manual measure for a period, audited. */
export async function putManualValue({ db }: Deps, actor: Actor, b: TManualInput) {
  authorize(can(actor, 'enter', 'manual-values'));
  if (b.periodStart > b.periodEnd) {
    throw invalid('Период задан неверно.', [{ path: 'periodEnd', message: 'Конец периода раньше начала' }]);
  }
  const territory = await territoryOf(db, actor, b);
  const id = await db.transaction(async (tx) => {
    const { id, before } = await replaceManualValue(tx, b, territory, actor.userId);
    await writeAudit(tx, {
      actor,
      action: before ? 'update' : 'create',
      entity: 'manual_measure_value',
      entityId: id,
      before,
      after: { ...b, ...territory },
    });
    return id;
  });
  return {
    id,
    measureCode: b.measureCode,
    ...territory,
    periodStart: b.periodStart,
    periodEnd: b.periodEnd,
    value: b.value,
    note: b.note,
  };
}
