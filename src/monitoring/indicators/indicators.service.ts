import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { validateFormula } from '../engine/formula.ts';
import { MEASURES } from '../measures/registry.ts';
import { authorize, can } from '../monitoring.policy.ts';
import { MANUAL_MEASURES } from '../presets/manual-measures.ts';
import { findEditableSet } from './indicator-sets.service.ts';
import { presentIndicator, setOwner } from './indicators.presenter.ts';
import {
  deleteIndicator as deleteIndicatorRow,
  findIndicator,
  findVisibleSet,
  type IndicatorRow,
  type IndicatorWrite,
  indicatorHasFrozenValues,
  insertIndicator,
  replaceTargets,
  updateIndicator as updateIndicatorRow,
} from './indicators.repository.ts';
import type { TIndicatorFields, TIndicatorPatch, TTarget } from './indicators.schemas.ts';

/**
 * Indicators of a set (issue 4): add, change, delete, targets, a formula's check, and the measures
 * formulas are built from. The set's editors change them (403); the set is indicator-sets.service.ts.
 */

type Deps = { db: Db };

const requireReader = (actor: Actor) => authorize(can(actor, 'read', 'sets'));

/** A formula that does not validate is refused with the Russian issues (422). */
function checkFormula(formula: unknown, population: unknown): void {
  const issues = validateFormula(formula, population);
  if (issues.length) {
    throw invalid(
      'Формула показателя задана неверно.',
      issues.map((i) => ({ path: `formula.${i.path}`, message: i.message })),
    );
  }
}

function checkTargets(targets: { year: number }[]): void {
  const years = targets.map((t) => t.year);
  if (new Set(years).size !== years.length) {
    throw invalid('Цели заданы неверно.', [{ path: 'targets', message: 'Год цели повторяется' }]);
  }
}

function toWrite(b: TIndicatorFields): IndicatorWrite {
  return {
    code: b.code,
    name: b.name,
    track: b.track,
    criterion: b.criterion,
    position: b.position,
    formula: b.formula,
    population: b.population ?? {},
    unit: b.unit,
    direction: b.direction,
    dataSource: b.dataSource,
    method: b.method,
    representativeness: b.representativeness,
    periodicity: b.periodicity,
    responsible: b.responsible,
    baselineValue: b.baselineValue,
    baselineYear: b.baselineYear,
    notes: b.notes,
  };
}

function fromRow(i: IndicatorRow): IndicatorWrite {
  return {
    code: i.code,
    name: i.name,
    track: i.track,
    criterion: i.criterion,
    position: i.position,
    formula: i.formula,
    population: i.population,
    unit: i.unit,
    direction: i.direction,
    dataSource: i.data_source,
    method: i.method,
    representativeness: i.representativeness,
    periodicity: i.periodicity,
    responsible: i.responsible,
    baselineValue: i.baseline_value === null ? null : Number(i.baseline_value),
    baselineYear: i.baseline_year,
    notes: i.notes,
  };
}

/** The indicator and the check that the actor may edit its set (404 / 403). */
async function editableIndicator(db: Db, actor: Actor, id: string): Promise<IndicatorRow> {
  const ind = await findIndicator(db, id);
  if (!ind) throw notFound('Показатель не найден.');
  const set = await findVisibleSet(db, actor, ind.set_id);
  if (!set) throw notFound('Показатель не найден.');
  authorize(
    can(actor, 'update', { set: setOwner(set) }),
    'Изменять этот набор показателей может только его владелец.',
  );
  return ind;
}

async function presentedIndicator(db: Db, id: string) {
  return presentIndicator((await findIndicator(db, id)) as IndicatorRow);
}

/** The measures formulas are built from, and the manual measures forms and hand entry feed. */
export function listMeasures(actor: Actor) {
  requireReader(actor);
  return {
    items: MEASURES.map((m) => ({
      code: m.code,
      label: m.label,
      memberKind: m.memberKind,
      params: m.params,
      module: m.module,
      population: m.population,
    })),
    manual: MANUAL_MEASURES.map((m) => ({
      code: `manual:${m.code}`,
      label: m.label,
      unit: m.unit,
      field: m.field.label,
      fieldType: m.field.type,
      hint: m.field.hint,
    })),
  };
}

export async function addIndicator({ db }: Deps, actor: Actor, setId: string, input: TIndicatorFields) {
  requireReader(actor);
  const set = await findEditableSet(db, actor, setId);
  checkFormula(input.formula, input.population);
  checkTargets(input.targets ?? []);
  const id = await db.transaction(async (tx) => {
    const id = await insertIndicator(tx, set.id, toWrite(input));
    if (!id) throw conflict(`Показатель с кодом «${input.code}» в наборе уже есть.`);
    await replaceTargets(tx, id, input.targets ?? []);
    await writeAudit(tx, { actor, action: 'create', entity: 'indicator', entityId: id, after: input });
    return id;
  });
  return presentedIndicator(db, id);
}

export async function updateIndicator({ db }: Deps, actor: Actor, id: string, patch: TIndicatorPatch) {
  requireReader(actor);
  const ind = await editableIndicator(db, actor, id);
  const defined = Object.fromEntries(
    Object.entries(patch).filter(([k, v]) => v !== undefined && k !== 'targets'),
  );
  const next: IndicatorWrite = { ...fromRow(ind), ...defined } as IndicatorWrite;
  checkFormula(next.formula, next.population);
  if (patch.targets) checkTargets(patch.targets);
  await db.transaction(async (tx) => {
    if (!(await updateIndicatorRow(tx, ind.id, next))) {
      throw conflict(`Показатель с кодом «${next.code}» в наборе уже есть.`);
    }
    if (patch.targets) await replaceTargets(tx, ind.id, patch.targets);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'indicator',
      entityId: ind.id,
      before: presentIndicator(ind),
      after: patch,
    });
  });
  return presentedIndicator(db, ind.id);
}

/** Deletes an indicator no closed monitoring froze values of (409 otherwise). */
export async function deleteIndicator({ db }: Deps, actor: Actor, id: string): Promise<void> {
  requireReader(actor);
  const ind = await editableIndicator(db, actor, id);
  await db.transaction(async (tx) => {
    if (await indicatorHasFrozenValues(tx, ind.id))
      throw conflict('Значения показателя зафиксированы в закрытом мониторинге: удалить его нельзя.');
    await deleteIndicatorRow(tx, ind.id);
    await writeAudit(tx, {
      actor,
      action: 'delete',
      entity: 'indicator',
      entityId: ind.id,
      before: presentIndicator(ind),
    });
  });
}

export async function setTargets({ db }: Deps, actor: Actor, id: string, targets: TTarget[]) {
  requireReader(actor);
  const ind = await editableIndicator(db, actor, id);
  checkTargets(targets);
  await db.transaction(async (tx) => {
    await replaceTargets(tx, ind.id, targets);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'indicator_targets',
      entityId: ind.id,
      before: ind.targets,
      after: targets,
    });
  });
  return presentedIndicator(db, ind.id);
}

/** Checks a formula without saving it: the builder's live validation. */
export function checkIndicatorFormula(actor: Actor, formula: unknown, population: unknown) {
  requireReader(actor);
  const issues = validateFormula(formula, population ?? {});
  return { ok: issues.length === 0, issues };
}
