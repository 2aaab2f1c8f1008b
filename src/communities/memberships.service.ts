import { writeAudit } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../platform/errors.ts';
import { exportTitle } from '../platform/files/export-title.ts';
import { writeTable } from '../platform/files/write-table.ts';
import { today as todayInZone } from '../platform/time/today.ts';
import { decidesMembership, nominationScope } from './communities.policy.ts';
import {
  MEMBERSHIP_KINDS,
  MEMBERSHIP_STATUSES,
  MEMBERSHIP_TRANSITIONS,
  type MembershipKind,
  type MembershipStatus,
  transitionProblem,
} from './communities.vocabulary.ts';
import {
  deleteTrainingItem,
  findMembership,
  findTrainingItem,
  insertMembership,
  insertNominationTransition,
  insertTrainingItem,
  listMemberships,
  type MembershipDb,
  type MembershipFilters,
  moveMembership,
  personPlace,
  type TrainingWrite,
  trainingItems,
  transitions,
  updateTrainingItem,
  worksIn,
} from './memberships.repository.ts';

export type Deps = { db: Db; today?: () => string };
const dayOf = (deps: Deps) => (deps.today ?? todayInZone)();
const NOT_FOUND = 'Запись о членстве не найдена.';

function present(actor: Actor, m: MembershipDb) {
  const canDecide = decidesMembership(actor, m);
  return {
    id: m.id,
    kind: m.kind,
    kindName: MEMBERSHIP_KINDS[m.kind],
    personId: m.person_id,
    personName: m.person_name,
    organizationId: m.organization_id,
    organizationName: m.organization_name,
    municipalityId: m.municipality_id,
    municipalityName: m.municipality_name,
    status: m.status,
    statusName: MEMBERSHIP_STATUSES[m.status],
    direction: m.direction,
    note: m.note,
    fromOn: m.from_on,
    toOn: m.to_on,
    reason: m.reason,
    nominatedByName: m.nominated_by_name,
    nominatedAt: m.nominated_at,
    decidedByName: m.decided_by_name,
    decidedAt: m.decided_at,
    training: { items: m.training_items, done: m.training_done },
    canDecide,
    next: canDecide ? [...MEMBERSHIP_TRANSITIONS[m.status]] : [],
  };
}

const nominates = (actor: Actor) =>
  ['admin', 'region_admin', 'municipal_methodist', 'org_head'].includes(actor.role);

export async function listFor({ db }: Deps, actor: Actor, f: MembershipFilters) {
  const rows = await listMemberships(db, actor, f);
  if (rows.length > 0)
    await writeAudit(db, {
      actor,
      action: 'read',
      entity: 'membership',
      details: { ...f, rows: rows.length },
    });
  return { items: rows.map((m) => present(actor, m)), total: rows.length, canNominate: nominates(actor) };
}

async function visible(db: Db, actor: Actor, id: string): Promise<MembershipDb> {
  const m = await findMembership(db, actor, id);
  if (!m) throw notFound(NOT_FOUND);
  return m;
}

export async function getMembership({ db }: Deps, actor: Actor, id: string) {
  const m = await visible(db, actor, id);
  return {
    ...present(actor, m),
    transitions: (await transitions(db, id)).map((t) => ({
      from: t.from,
      to: t.to,
      byName: t.by_name,
      at: t.at,
      reason: t.reason,
    })),
    trainingItems: (await trainingItems(db, id)).map((t) => ({
      id: t.id,
      title: t.title,
      dueOn: t.due_on,
      doneOn: t.done_on,
      note: t.note,
    })),
  };
}

/** A school head nominates their staff, a methodist anyone working in the municipality. */
export async function nominate(
  deps: Deps,
  actor: Actor,
  input: {
    kind: MembershipKind;
    personId: string;
    direction?: string | null | undefined;
    note?: string | null | undefined;
    fromOn?: string | null | undefined;
    toOn?: string | null | undefined;
  },
): Promise<string> {
  const { db } = deps;
  const scope = nominationScope(actor, input.kind);
  let place: { organization_id: string; municipality_id: string; region_id: string } | null;
  if (scope === 'all') place = await personPlace(db, input.personId);
  else if (scope === 'region') place = await worksIn(db, input.personId, { regionId: actor.regionId! });
  else if (scope === 'municipality')
    place = await worksIn(db, input.personId, { municipalityId: actor.municipalityId! });
  else if (scope === 'staff')
    place = await worksIn(db, input.personId, { organizationId: actor.organizationId! });
  else throw forbidden(scope.endsWith('.') ? scope : `${scope}.`);
  if (!place) throw notFound('Сотрудник не найден.');
  if (input.fromOn && input.toOn && input.toOn < input.fromOn)
    throw invalid('Проверьте период.', [{ path: 'toOn', message: 'Окончание периода раньше начала' }]);
  return db.transaction(async (tx) => {
    const id = await insertMembership(tx, {
      kind: input.kind,
      personId: input.personId,
      regionId: place.region_id,
      municipalityId: place.municipality_id,
      organizationId: place.organization_id,
      direction: input.direction ?? null,
      note: input.note ?? null,
      fromOn: input.fromOn ?? null,
      toOn: input.toOn ?? null,
      userId: actor.userId,
    });
    if (!id) throw conflict(`Педагог уже выдвинут или состоит: «${MEMBERSHIP_KINDS[input.kind]}».`);
    await insertNominationTransition(tx, id, actor.userId);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'membership',
      entityId: id,
      personId: input.personId,
      after: {
        kind: input.kind,
        status: 'nominated',
        fromOn: input.fromOn ?? null,
        toOn: input.toOn ?? null,
      },
    });
    return id;
  });
}

/** nomination → approved → active → ended (or nomination → rejected), by the decider. */
export async function transition(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { to: MembershipStatus; reason?: string | null | undefined; on?: string | undefined },
) {
  const { db } = deps;
  const m = await visible(db, actor, id);
  if (!decidesMembership(actor, m))
    throw forbidden(
      m.kind === 'regional_reserve_bank'
        ? 'Решение о банке кадрового резерва региона принимает региональный оператор.'
        : 'Решение принимает методист муниципальной методической службы.',
    );
  const problem = transitionProblem(m.status, input.to, input.reason);
  if (problem) {
    if (problem.status === 409) throw conflict(problem.message);
    throw invalid(problem.message, [{ path: 'reason', message: problem.message }]);
  }
  const on = input.on ?? dayOf(deps);
  const dates =
    input.to === 'active' ? { fromOn: m.from_on ?? on } : input.to === 'ended' ? { toOn: on } : {};
  if (input.to === 'ended' && m.from_on && on < m.from_on)
    throw invalid('Проверьте дату.', [{ path: 'on', message: 'Окончание раньше начала периода' }]);
  await db.transaction(async (tx) => {
    const moved = await moveMembership(tx, id, m.status, input.to, {
      userId: actor.userId,
      reason: input.reason?.trim() || null,
      ...dates,
    });
    if (!moved) throw new AppError('conflict', 'Статус уже изменён другим пользователем: обновите страницу.');
    await writeAudit(tx, {
      actor,
      action: 'status',
      entity: 'membership',
      entityId: id,
      personId: m.person_id,
      details: { from: m.status, to: input.to, reason: input.reason ?? null, ...dates },
    });
  });
}

export async function exportMemberships(deps: Deps, actor: Actor, f: MembershipFilters) {
  const { db } = deps;
  const rows = await listMemberships(db, actor, f);
  const table = await writeTable({
    format: 'xlsx',
    sheetName: 'Актив, эксперты, резерв',
    titleBlock: await exportTitle(db, actor, {
      title: f.kind ? MEMBERSHIP_KINDS[f.kind] : 'Методический актив, эксперты, кадровый резерв, тьюторы',
      asOf: dayOf(deps),
    }),
    columns: [
      { key: 'kind', header: 'Состав', width: 30 },
      { key: 'name', header: 'ФИО', width: 34 },
      { key: 'organization', header: 'Организация', width: 30 },
      { key: 'direction', header: 'Направление / предмет', width: 26 },
      { key: 'status', header: 'Статус', width: 14 },
      { key: 'fromOn', header: 'С', type: 'text', width: 12 },
      { key: 'toOn', header: 'По', type: 'text', width: 12 },
      { key: 'nominatedBy', header: 'Выдвинул', width: 26 },
      { key: 'decidedBy', header: 'Решение принял', width: 26 },
      { key: 'reason', header: 'Причина', width: 30 },
      { key: 'training', header: 'План подготовки (выполнено / всего)', type: 'text', width: 14 },
    ],
    rows: rows.map((m) => ({
      kind: MEMBERSHIP_KINDS[m.kind],
      name: m.person_name,
      organization: m.organization_name ?? '',
      direction: m.direction ?? '',
      status: MEMBERSHIP_STATUSES[m.status],
      fromOn: m.from_on ? ru(m.from_on) : '',
      toOn: m.to_on ? ru(m.to_on) : '',
      nominatedBy: m.nominated_by_name ?? '',
      decidedBy: m.decided_by_name ?? '',
      reason: m.reason ?? '',
      training: m.training_items ? `${m.training_done} / ${m.training_items}` : '',
    })),
  });
  await writeAudit(db, {
    actor,
    action: 'export',
    entity: 'membership',
    details: { ...f, rows: rows.length },
  });
  return {
    fileName: `aktiv-eksperty-rezerv-${dayOf(deps)}.${table.extension}`,
    contentType: table.contentType,
    data: table.data,
  };
}

const ru = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

// ---- a reservist's training plan ----

async function reservistFor(db: Db, actor: Actor, membershipId: string) {
  const m = await visible(db, actor, membershipId);
  if (!decidesMembership(actor, m))
    throw forbidden('План подготовки резервиста ведёт методист муниципальной службы.');
  if (m.kind !== 'manager_reserve' && m.kind !== 'regional_reserve_bank')
    throw invalid('План подготовки ведётся для кадрового резерва руководителей.');
  return m;
}

export async function addTrainingItem(
  deps: Deps,
  actor: Actor,
  membershipId: string,
  t: Partial<TrainingWrite> & { title: string },
) {
  const m = await reservistFor(deps.db, actor, membershipId);
  const write: TrainingWrite = {
    title: t.title,
    dueOn: t.dueOn ?? null,
    doneOn: t.doneOn ?? null,
    note: t.note ?? null,
  };
  return deps.db.transaction(async (tx) => {
    const id = await insertTrainingItem(tx, membershipId, write);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'membership_training_item',
      entityId: id,
      personId: m.person_id,
      after: write,
    });
    return id;
  });
}

async function trainingItemFor(deps: Deps, actor: Actor, id: string) {
  const item = await findTrainingItem(deps.db, id);
  if (!item) throw notFound('Пункт плана подготовки не найден.');
  const m = await reservistFor(deps.db, actor, item.membership_id).catch((e: unknown) => {
    if (e instanceof AppError && e.status === 404) throw notFound('Пункт плана подготовки не найден.');
    throw e;
  });
  return { item, m };
}

export async function editTrainingItem(deps: Deps, actor: Actor, id: string, patch: Partial<TrainingWrite>) {
  const { item, m } = await trainingItemFor(deps, actor, id);
  const before: TrainingWrite = {
    title: item.title,
    dueOn: item.due_on,
    doneOn: item.done_on,
    note: item.note,
  };
  const next: TrainingWrite = {
    title: patch.title ?? before.title,
    dueOn: patch.dueOn !== undefined ? patch.dueOn : before.dueOn,
    doneOn: patch.doneOn !== undefined ? patch.doneOn : before.doneOn,
    note: patch.note !== undefined ? patch.note : before.note,
  };
  await deps.db.transaction(async (tx) => {
    await updateTrainingItem(tx, id, next);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'membership_training_item',
      entityId: id,
      personId: m.person_id,
      before,
      after: next,
    });
  });
  return m.id;
}

export async function removeTrainingItem(deps: Deps, actor: Actor, id: string) {
  const { item, m } = await trainingItemFor(deps, actor, id);
  await deps.db.transaction(async (tx) => {
    await deleteTrainingItem(tx, id);
    await writeAudit(tx, {
      actor,
      action: 'delete',
      entity: 'membership_training_item',
      entityId: id,
      personId: m.person_id,
      before: item,
    });
  });
}
