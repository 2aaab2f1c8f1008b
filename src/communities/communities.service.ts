import { loadDerivedRules } from '../directory/derived/derived-rules.repository.ts';
import type { Target } from '../events/events.repository.ts';
import { writeAudit } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { conflict, type FieldIssue, forbidden, invalid, notFound } from '../platform/errors.ts';
import { exportTitle } from '../platform/files/export-title.ts';
import { writeTable } from '../platform/files/write-table.ts';
import { today as todayInZone } from '../platform/time/today.ts';
import { canManageCommunity, createsCommunities, ownsCommunity, seesMembers } from './communities.policy.ts';
import { presentCommunity, presentMeeting, presentMember, presentPlanItem } from './communities.presenter.ts';
import {
  type CommunityDb,
  type CommunityFilters,
  type CommunityWrite,
  deleteCommunity,
  deleteMeeting,
  deletePlanItem,
  endMember,
  eventTerritory,
  findCommunity,
  findMeeting,
  findMember,
  findPlanItem,
  insertCommunity,
  insertMeeting,
  insertMember,
  insertPlanItem,
  listCommunities,
  listDecisions,
  listMeetings,
  listMembers,
  listPlanItems,
  type MeetingWrite,
  meetingAttendance,
  municipalityRegion,
  organizationTerritory,
  type PlanItemWrite,
  peopleInTerritory,
  personNames,
  replaceDecisions,
  setAttendance,
  setDeputies,
  suggestMembers,
  type Territory,
  updateCommunity,
  updateMeeting,
  updatePlanItem,
  yearFigures,
} from './communities.repository.ts';
import type { CommunityInput, MeetingInput, PlanItemInput } from './communities.schemas.ts';
import {
  COMMUNITY_KINDS,
  COMMUNITY_LEVELS,
  type CommunityLevel,
  kindLevelProblem,
  MEETING_STATUSES,
  schoolYearBounds,
  schoolYearName,
  schoolYearOf,
} from './communities.vocabulary.ts';

/** `today` is the municipality's date; tests pass a fixed one. */
export type Deps = { db: Db; today?: () => string };
const dayOf = (deps: Deps) => (deps.today ?? todayInZone)();
const yearOf = (deps: Deps, asked?: number) => asked ?? schoolYearOf(dayOf(deps));

const NOT_FOUND = 'Сообщество не найдено.';
const MEMBERS_HIDDEN = 'Список участников видят участники сообщества и те, кто его ведёт.';

async function visible(db: Db, actor: Actor, id: string, year: number): Promise<CommunityDb> {
  const c = await findCommunity(db, actor, id, year);
  if (!c) throw notFound(NOT_FOUND);
  return c;
}

function requireManager(actor: Actor, c: CommunityDb): void {
  if (!canManageCommunity(actor, c))
    throw forbidden(
      'Участников, план и заседания ведут руководитель сообщества и методист, который его курирует.',
    );
}

function requireOwner(actor: Actor, c: CommunityDb): void {
  if (!ownsCommunity(actor, c))
    throw forbidden(
      c.level === 'institutional'
        ? 'Настройки ШМО меняют руководитель организации и методист муниципалитета.'
        : c.level === 'municipal'
          ? 'Настройки сообщества меняет методист муниципальной методической службы.'
          : 'Настройки регионального сообщества меняет региональный оператор.',
    );
}

// ---- communities ----

export async function listFor(
  deps: Deps,
  actor: Actor,
  q: CommunityFilters & { schoolYear?: number | undefined },
) {
  const year = yearOf(deps, q.schoolYear);
  const rows = await listCommunities(deps.db, actor, q, year);
  return {
    items: rows.map((c) => presentCommunity(actor, c, year)),
    total: rows.length,
    schoolYear: year,
    canCreate: createsCommunities(actor),
  };
}

/** «Мои объединения»: the communities the caller belongs to, leads or deputizes. */
export async function myCommunities(deps: Deps, actor: Actor, schoolYear?: number) {
  const year = yearOf(deps, schoolYear);
  if (!actor.personId) return { items: [], total: 0, schoolYear: year, canCreate: false };
  const rows = await listCommunities(deps.db, actor, {}, year, { mineOnly: true });
  return {
    items: rows.map((c) => presentCommunity(actor, c, year)),
    total: rows.length,
    schoolYear: year,
    canCreate: false,
  };
}

export async function getCommunity(deps: Deps, actor: Actor, id: string, schoolYear?: number) {
  const year = yearOf(deps, schoolYear);
  return presentCommunity(actor, await visible(deps.db, actor, id, year), year);
}

/** The level and territory of a new community, from the caller's role and what they named. */
async function newTerritory(db: Db, actor: Actor, input: CommunityInput): Promise<Territory> {
  const asked = input.level;
  const refuse = (message: string) => {
    throw forbidden(message);
  };
  const fromOrg = async (organizationId: string): Promise<Territory> => {
    const o = await organizationTerritory(db, organizationId);
    if (!o)
      throw invalid('Проверьте сведения о сообществе.', [
        { path: 'organizationId', message: 'Организация не найдена' },
      ]);
    return {
      level: 'institutional',
      region_id: o.region_id,
      municipality_id: o.municipality_id,
      organization_id: organizationId,
    };
  };
  switch (actor.role) {
    case 'admin': {
      if (input.organizationId) return fromOrg(input.organizationId);
      if (input.municipalityId && asked !== 'regional') {
        const regionId = await municipalityRegion(db, input.municipalityId);
        if (regionId)
          return {
            level: 'municipal',
            region_id: regionId,
            municipality_id: input.municipalityId,
            organization_id: null,
          };
      }
      if (input.regionId)
        return { level: 'regional', region_id: input.regionId, municipality_id: null, organization_id: null };
      throw invalid('Укажите организацию, муниципалитет или регион сообщества.', [
        { path: 'municipalityId', message: 'Укажите территорию' },
      ]);
    }
    case 'region_admin':
      if (asked && asked !== 'regional')
        refuse('Региональный оператор создаёт региональные сообщества; муниципальные ведут муниципалитеты.');
      if (!actor.regionId) refuse('У пользователя не указан регион');
      return { level: 'regional', region_id: actor.regionId!, municipality_id: null, organization_id: null };
    case 'municipal_methodist': {
      if (!actor.municipalityId) refuse('У пользователя не указан муниципалитет');
      if (asked === 'regional') refuse('Региональные сообщества создаёт региональный оператор.');
      if (input.organizationId || asked === 'institutional') {
        if (!input.organizationId)
          throw invalid('Проверьте сведения о сообществе.', [
            { path: 'organizationId', message: 'Укажите организацию ШМО' },
          ]);
        const t = await fromOrg(input.organizationId);
        if (t.municipality_id !== actor.municipalityId)
          throw invalid('Проверьте сведения о сообществе.', [
            { path: 'organizationId', message: 'Организация не из вашего муниципалитета' },
          ]);
        return t;
      }
      const regionId = await municipalityRegion(db, actor.municipalityId!);
      return {
        level: 'municipal',
        region_id: regionId!,
        municipality_id: actor.municipalityId,
        organization_id: null,
      };
    }
    case 'org_head':
      if (!actor.organizationId) refuse('У пользователя не указана организация');
      if (asked && asked !== 'institutional')
        refuse(
          'Руководитель организации создаёт сообщества своей организации (ШМО); муниципальные — методист.',
        );
      if (input.organizationId && input.organizationId !== actor.organizationId)
        refuse('Руководитель организации создаёт сообщества только своей организации.');
      return fromOrg(actor.organizationId!);
    default:
      throw forbidden('Сообщества создают методисты муниципальной службы и руководители организаций.');
  }
}

const territoryMessage = (t: Territory) =>
  t.organization_id
    ? 'должен работать в организации сообщества'
    : t.municipality_id
      ? 'должен работать в организации муниципалитета сообщества'
      : 'должен работать в организации региона сообщества';

async function checkPeople(
  db: Db,
  t: Territory,
  leader: string | null,
  deputies: string[],
  issues: FieldIssue[],
) {
  const ids = [...new Set([...(leader ? [leader] : []), ...deputies])];
  const inside = await peopleInTerritory(db, ids, t);
  if (leader && !inside.has(leader))
    issues.push({ path: 'leaderPersonId', message: `Руководитель ${territoryMessage(t)}` });
  if (deputies.some((d) => !inside.has(d)))
    issues.push({ path: 'deputyPersonIds', message: `Заместитель ${territoryMessage(t)}` });
}

export async function createCommunity(deps: Deps, actor: Actor, input: CommunityInput): Promise<string> {
  const { db } = deps;
  const t = await newTerritory(db, actor, input);
  const issues: FieldIssue[] = [];
  const kindProblem = kindLevelProblem(input.kind, t.level);
  if (kindProblem) issues.push({ path: 'kind', message: kindProblem });
  const deputies = input.deputyPersonIds ?? [];
  await checkPeople(db, t, input.leaderPersonId ?? null, deputies, issues);
  if (issues.length) throw invalid('Проверьте сведения о сообществе.', issues);
  const write: CommunityWrite = {
    kind: input.kind,
    level: t.level,
    regionId: t.region_id,
    municipalityId: t.municipality_id,
    organizationId: t.organization_id,
    name: input.name,
    subject: input.subject ?? null,
    direction: input.direction ?? null,
    description: input.description ?? null,
    leaderPersonId: input.leaderPersonId ?? null,
    rule: input.rule ?? (input.subject ? { subjects: [input.subject] } : {}),
  };
  return db.transaction(async (tx) => {
    const id = await insertCommunity(tx, write, actor.userId);
    await setDeputies(tx, id, deputies);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'community',
      entityId: id,
      after: { ...write, deputies },
    });
    return id;
  });
}

const fieldsOf = (c: CommunityDb): CommunityWrite => ({
  kind: c.kind,
  level: c.level,
  regionId: c.region_id,
  municipalityId: c.municipality_id,
  organizationId: c.organization_id,
  name: c.name,
  subject: c.subject,
  direction: c.direction,
  description: c.description,
  leaderPersonId: c.leader_person_id,
  rule: c.rule ?? {},
});

export async function editCommunity(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: Partial<Omit<CommunityInput, 'level' | 'organizationId' | 'municipalityId' | 'regionId'>>,
): Promise<void> {
  const { db } = deps;
  const c = await visible(db, actor, id, yearOf(deps));
  requireOwner(actor, c);
  const before = fieldsOf(c);
  const given = Object.fromEntries(
    Object.entries(patch).filter(([k, v]) => v !== undefined && k !== 'deputyPersonIds'),
  ) as Partial<CommunityWrite>;
  const next: CommunityWrite = {
    ...before,
    ...given,
    rule: (patch.rule as Target | undefined) ?? before.rule,
  };
  const deputies = patch.deputyPersonIds ?? c.deputies.map((d) => d.id);
  const issues: FieldIssue[] = [];
  const kindProblem = kindLevelProblem(next.kind, c.level);
  if (kindProblem) issues.push({ path: 'kind', message: kindProblem });
  await checkPeople(
    db,
    c,
    patch.leaderPersonId !== undefined ? next.leaderPersonId : null,
    patch.deputyPersonIds ?? [],
    issues,
  );
  if (issues.length) throw invalid('Проверьте сведения о сообществе.', issues);
  await db.transaction(async (tx) => {
    await updateCommunity(tx, id, next);
    if (patch.deputyPersonIds) await setDeputies(tx, id, deputies);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'community',
      entityId: id,
      before: { ...before, deputies: c.deputies.map((d) => d.id) },
      after: { ...next, deputies },
    });
  });
}

export async function removeCommunity(deps: Deps, actor: Actor, id: string): Promise<void> {
  const { db } = deps;
  const c = await visible(db, actor, id, yearOf(deps));
  requireOwner(actor, c);
  await db.transaction(async (tx) => {
    await deleteCommunity(tx, id);
    await writeAudit(tx, { actor, action: 'delete', entity: 'community', entityId: id, before: fieldsOf(c) });
  });
}

// ---- members ----

export async function communityMembers(deps: Deps, actor: Actor, id: string, includeLeft: boolean) {
  const { db } = deps;
  const c = await visible(db, actor, id, yearOf(deps));
  if (!seesMembers(actor, c)) throw forbidden(MEMBERS_HIDDEN);
  const rows = await listMembers(db, id, { includeLeft });
  if (rows.length > 0)
    await writeAudit(db, {
      actor,
      action: 'read',
      entity: 'community_member',
      details: { communityId: id, rows: rows.length },
    });
  return { items: rows.map(presentMember), total: rows.length };
}

/**
 * Adds members from the registry. Each gets an open membership period; a person who is a member
 * already (even one added a moment ago by someone else — the partial unique index decides) makes
 * the whole request a 409 naming them.
 */
export async function addMembers(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { personIds: string[]; joinedOn?: string | undefined },
) {
  const { db } = deps;
  const c = await visible(db, actor, id, yearOf(deps));
  requireManager(actor, c);
  const ids = [...new Set(input.personIds)];
  const joinedOn = input.joinedOn ?? dayOf(deps);
  const inside = await peopleInTerritory(db, ids, c);
  const outside = ids.filter((p) => !inside.has(p));
  if (outside.length)
    throw invalid('Проверьте состав участников.', [
      { path: 'personIds', message: `Участник ${territoryMessage(c)} (не подходят: ${outside.length})` },
    ]);
  const added = await db.transaction(async (tx) => {
    const made: string[] = [];
    const already: string[] = [];
    for (const personId of ids) {
      const memberId = await insertMember(tx, { communityId: id, personId, joinedOn, userId: actor.userId });
      if (!memberId) {
        already.push(personId);
        continue;
      }
      made.push(memberId);
      await writeAudit(tx, {
        actor,
        action: 'create',
        entity: 'community_member',
        entityId: memberId,
        personId,
        after: { communityId: id, joinedOn },
      });
    }
    if (already.length) {
      const names = await personNames(tx, already);
      throw conflict(
        `Уже ${already.length === 1 ? 'участник' : 'участники'} сообщества: ${[...names.values()].join(', ')}.`,
        {
          personIds: already,
        },
      );
    }
    return made;
  });
  const rows = (await listMembers(db, id)).filter((m) => added.includes(m.id));
  return { added: added.length, items: rows.map(presentMember) };
}

export async function leaveCommunity(
  deps: Deps,
  actor: Actor,
  memberId: string,
  input: { leftOn?: string | undefined; reason?: string | null | undefined },
) {
  const { db } = deps;
  const m = await findMember(db, memberId);
  if (!m) throw notFound('Участник не найден.');
  const c = await findCommunity(db, actor, m.community_id, yearOf(deps));
  if (!c || !seesMembers(actor, c)) throw notFound('Участник не найден.');
  requireManager(actor, c);
  const leftOn = input.leftOn ?? dayOf(deps);
  if (leftOn < m.joined_on)
    throw invalid('Проверьте дату выхода.', [
      { path: 'leftOn', message: 'Дата выхода раньше даты вступления' },
    ]);
  await db.transaction(async (tx) => {
    if (!(await endMember(tx, memberId, leftOn, input.reason ?? null)))
      throw conflict('Педагог уже вышел из сообщества.');
    await writeAudit(tx, {
      actor,
      action: 'end',
      entity: 'community_member',
      entityId: memberId,
      personId: m.person_id,
      details: { communityId: c.id, leftOn, reason: input.reason ?? null },
    });
  });
}

const SUGGESTION_LIMIT = 200;

/** People matching the community's rule in its territory who are not members yet. */
export async function suggestions(
  deps: Deps,
  actor: Actor,
  id: string,
  q: { q?: string | undefined; ruleOnly: boolean },
) {
  const { db } = deps;
  const c = await visible(db, actor, id, yearOf(deps));
  requireManager(actor, c);
  const rules = await loadDerivedRules(db);
  const rows = await suggestMembers(db, c, rules, dayOf(deps), { ...q, limit: SUGGESTION_LIMIT + 1 });
  const items = rows.slice(0, SUGGESTION_LIMIT).map((r) => ({
    personId: r.person_id,
    personName: r.person_name,
    organizationName: r.organization_name,
    position: r.position,
    subjects: r.subjects ?? [],
  }));
  return { items, total: items.length, truncated: rows.length > SUGGESTION_LIMIT };
}

// ---- the work plan ----

export async function communityPlan(deps: Deps, actor: Actor, id: string, schoolYear?: number) {
  const year = yearOf(deps, schoolYear);
  await visible(deps.db, actor, id, year);
  return { items: (await listPlanItems(deps.db, id, year)).map(presentPlanItem), schoolYear: year };
}

async function checkPlanItem(db: Db, c: CommunityDb, p: PlanItemWrite): Promise<void> {
  const issues: FieldIssue[] = [];
  if (p.endsOn && p.endsOn < p.startsOn)
    issues.push({ path: 'endsOn', message: 'Дата окончания раньше даты начала' });
  if (p.endsOn && schoolYearOf(p.endsOn) !== schoolYearOf(p.startsOn))
    issues.push({ path: 'endsOn', message: 'Пункт плана должен укладываться в один учебный год' });
  if (
    p.responsiblePersonId &&
    !(await peopleInTerritory(db, [p.responsiblePersonId], c)).has(p.responsiblePersonId)
  )
    issues.push({ path: 'responsiblePersonId', message: `Ответственный ${territoryMessage(c)}` });
  if (p.eventId) {
    const e = await eventTerritory(db, p.eventId);
    const fits =
      !!e &&
      (c.municipality_id ? e.municipality_id === c.municipality_id : e.region_id === c.region_id) &&
      (!e.organization_id || !c.organization_id || e.organization_id === c.organization_id);
    if (!fits)
      issues.push({ path: 'eventId', message: 'Мероприятие не найдено в планах территории сообщества' });
  }
  if (issues.length) throw invalid('Проверьте пункт плана.', issues);
}

const planWrite = (input: Partial<PlanItemInput>, base: PlanItemWrite): PlanItemWrite => ({
  startsOn: input.startsOn ?? base.startsOn,
  endsOn: input.endsOn !== undefined ? input.endsOn : base.endsOn,
  title: input.title ?? base.title,
  responsiblePersonId:
    input.responsiblePersonId !== undefined ? input.responsiblePersonId : base.responsiblePersonId,
  eventId: input.eventId !== undefined ? input.eventId : base.eventId,
  doneOn: input.doneOn !== undefined ? input.doneOn : base.doneOn,
});

export async function addPlanItem(deps: Deps, actor: Actor, id: string, input: PlanItemInput) {
  const { db } = deps;
  const c = await visible(db, actor, id, yearOf(deps));
  requireManager(actor, c);
  const write = planWrite(input, {
    startsOn: input.startsOn,
    endsOn: null,
    title: input.title,
    responsiblePersonId: null,
    eventId: null,
    doneOn: null,
  });
  await checkPlanItem(db, c, write);
  return db.transaction(async (tx) => {
    const itemId = await insertPlanItem(tx, id, schoolYearOf(write.startsOn), write);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'community_plan_item',
      entityId: itemId,
      after: { communityId: id, ...write },
    });
    return presentPlanItem((await findPlanItem(tx, itemId))!);
  });
}

async function planItemFor(deps: Deps, actor: Actor, itemId: string) {
  const item = await findPlanItem(deps.db, itemId);
  const c = item ? await findCommunity(deps.db, actor, item.community_id, yearOf(deps)) : null;
  if (!item || !c) throw notFound('Пункт плана не найден.');
  requireManager(actor, c);
  return { item, c };
}

export async function editPlanItem(deps: Deps, actor: Actor, itemId: string, patch: Partial<PlanItemInput>) {
  const { item, c } = await planItemFor(deps, actor, itemId);
  const before: PlanItemWrite = {
    startsOn: item.starts_on,
    endsOn: item.ends_on,
    title: item.title,
    responsiblePersonId: item.responsible_person_id,
    eventId: item.event_id,
    doneOn: item.done_on,
  };
  const next = planWrite(patch, before);
  await checkPlanItem(deps.db, c, next);
  return deps.db.transaction(async (tx) => {
    await updatePlanItem(tx, itemId, schoolYearOf(next.startsOn), next);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'community_plan_item',
      entityId: itemId,
      before,
      after: next,
    });
    return presentPlanItem((await findPlanItem(tx, itemId))!);
  });
}

export async function removePlanItem(deps: Deps, actor: Actor, itemId: string): Promise<void> {
  const { item } = await planItemFor(deps, actor, itemId);
  await deps.db.transaction(async (tx) => {
    await deletePlanItem(tx, itemId);
    await writeAudit(tx, {
      actor,
      action: 'delete',
      entity: 'community_plan_item',
      entityId: itemId,
      before: presentPlanItem(item),
    });
  });
}

// ---- meetings ----

export async function communityMeetings(deps: Deps, actor: Actor, id: string, schoolYear?: number) {
  const year = yearOf(deps, schoolYear);
  await visible(deps.db, actor, id, year);
  return { items: (await listMeetings(deps.db, id, year)).map(presentMeeting), schoolYear: year };
}

function checkMeeting(deps: Deps, m: MeetingWrite): void {
  if (m.status === 'held' && m.heldOn > dayOf(deps))
    throw invalid('Заседание ещё не состоялось: отметить проведённым можно в день заседания или позже.', [
      { path: 'status', message: 'Дата заседания ещё не наступила' },
    ]);
}

export async function addMeeting(deps: Deps, actor: Actor, id: string, input: MeetingInput) {
  const { db } = deps;
  const c = await visible(db, actor, id, yearOf(deps));
  requireManager(actor, c);
  const write: MeetingWrite = {
    heldOn: input.heldOn,
    title: input.title,
    agenda: input.agenda ?? null,
    status: input.status ?? 'planned',
    minutes: input.minutes ?? null,
    planItemId: input.planItemId ?? null,
  };
  checkMeeting(deps, write);
  if (write.planItemId) {
    const item = await findPlanItem(db, write.planItemId);
    if (item?.community_id !== id)
      throw invalid('Проверьте заседание.', [
        { path: 'planItemId', message: 'Пункт плана из другого сообщества' },
      ]);
  }
  return db.transaction(async (tx) => {
    const meetingId = await insertMeeting(tx, id, schoolYearOf(write.heldOn), write);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'community_meeting',
      entityId: meetingId,
      after: { communityId: id, ...write },
    });
    return meetingId;
  });
}

async function meetingFor(deps: Deps, actor: Actor, meetingId: string) {
  const m = await findMeeting(deps.db, meetingId);
  const c = m ? await findCommunity(deps.db, actor, m.community_id, yearOf(deps)) : null;
  if (!m || !c) throw notFound('Заседание не найдено.');
  return { m, c };
}

export async function getMeeting(deps: Deps, actor: Actor, meetingId: string) {
  const { m, c } = await meetingFor(deps, actor, meetingId);
  const names = seesMembers(actor, c);
  const attendance = names
    ? (await meetingAttendance(deps.db, c.id, m.id, m.held_on)).map((a) => ({
        personId: a.person_id,
        personName: a.person_name,
        organizationName: a.organization_name,
        attended: a.attended,
      }))
    : null;
  const decisions = (await listDecisions(deps.db, m.id)).map((d) => ({
    id: d.id,
    text: d.text,
    responsiblePersonId: d.responsible_person_id,
    responsibleName: d.responsible_name,
    dueOn: d.due_on,
    doneOn: d.done_on,
  }));
  return {
    ...presentMeeting(m),
    communityId: c.id,
    canManage: canManageCommunity(actor, c),
    attendance,
    decisionList: decisions,
  };
}

export async function editMeeting(deps: Deps, actor: Actor, meetingId: string, patch: Partial<MeetingInput>) {
  const { m, c } = await meetingFor(deps, actor, meetingId);
  requireManager(actor, c);
  const before: MeetingWrite = {
    heldOn: m.held_on,
    title: m.title,
    agenda: m.agenda,
    status: m.status,
    minutes: m.minutes,
    planItemId: m.plan_item_id,
  };
  const next: MeetingWrite = {
    heldOn: patch.heldOn ?? before.heldOn,
    title: patch.title ?? before.title,
    agenda: patch.agenda !== undefined ? patch.agenda : before.agenda,
    status: patch.status ?? before.status,
    minutes: patch.minutes !== undefined ? patch.minutes : before.minutes,
    planItemId: patch.planItemId !== undefined ? patch.planItemId : before.planItemId,
  };
  checkMeeting(deps, next);
  if (next.status !== 'held' && m.attended > 0)
    throw conflict(
      `На заседании уже отмечены участники: статус «${MEETING_STATUSES[next.status]}» не подходит.`,
    );
  await deps.db.transaction(async (tx) => {
    await updateMeeting(tx, meetingId, schoolYearOf(next.heldOn), next);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'community_meeting',
      entityId: meetingId,
      before,
      after: next,
    });
  });
}

export async function removeMeeting(deps: Deps, actor: Actor, meetingId: string): Promise<void> {
  const { m, c } = await meetingFor(deps, actor, meetingId);
  requireManager(actor, c);
  await deps.db.transaction(async (tx) => {
    await deleteMeeting(tx, meetingId);
    await writeAudit(tx, {
      actor,
      action: 'delete',
      entity: 'community_meeting',
      entityId: meetingId,
      before: presentMeeting(m),
    });
  });
}

/** Who attended a held meeting: members on its day only. */
export async function markAttendance(deps: Deps, actor: Actor, meetingId: string, present: string[]) {
  const { m, c } = await meetingFor(deps, actor, meetingId);
  requireManager(actor, c);
  if (m.status !== 'held') throw conflict('Отметьте заседание проведённым, затем отмечайте присутствие.');
  const members = new Set((await meetingAttendance(deps.db, c.id, m.id, m.held_on)).map((a) => a.person_id));
  const ids = [...new Set(present)];
  const strangers = ids.filter((p) => !members.has(p));
  if (strangers.length)
    throw invalid('Проверьте список присутствовавших.', [
      { path: 'present', message: `Не участники сообщества на день заседания: ${strangers.length}` },
    ]);
  await deps.db.transaction(async (tx) => {
    await setAttendance(tx, meetingId, ids);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'community_meeting',
      entityId: meetingId,
      details: { attendance: ids.length },
    });
  });
}

/** The minutes' decisions, replaced as a whole. */
export async function saveDecisions(
  deps: Deps,
  actor: Actor,
  meetingId: string,
  list: {
    text: string;
    responsiblePersonId?: string | null | undefined;
    dueOn?: string | null | undefined;
    doneOn?: string | null | undefined;
  }[],
) {
  const { m, c } = await meetingFor(deps, actor, meetingId);
  requireManager(actor, c);
  const decisions = list.map((d) => ({
    text: d.text,
    responsiblePersonId: d.responsiblePersonId ?? null,
    dueOn: d.dueOn ?? null,
    doneOn: d.doneOn ?? null,
  }));
  const responsible = [
    ...new Set(decisions.flatMap((d) => (d.responsiblePersonId ? [d.responsiblePersonId] : []))),
  ];
  const inside = await peopleInTerritory(deps.db, responsible, c);
  const issues: FieldIssue[] = [];
  decisions.forEach((d, i) => {
    if (d.responsiblePersonId && !inside.has(d.responsiblePersonId))
      issues.push({
        path: `decisions.${i}.responsiblePersonId`,
        message: `Ответственный ${territoryMessage(c)}`,
      });
    if (d.dueOn && d.dueOn < m.held_on)
      issues.push({ path: `decisions.${i}.dueOn`, message: 'Срок раньше даты заседания' });
  });
  if (issues.length) throw invalid('Проверьте решения протокола.', issues);
  await deps.db.transaction(async (tx) => {
    await replaceDecisions(tx, meetingId, decisions);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'community_meeting',
      entityId: meetingId,
      details: { decisions: decisions.length },
    });
  });
}

// ---- the yearly report ----

export async function communityReport(deps: Deps, actor: Actor, id: string, schoolYear?: number) {
  const year = yearOf(deps, schoolYear);
  const c = await visible(deps.db, actor, id, year);
  const { from, to } = schoolYearBounds(year);
  const f = await yearFigures(deps.db, id, year, from, to);
  return {
    communityId: id,
    name: c.name,
    schoolYear: year,
    schoolYearName: schoolYearName(year),
    meetingsPlanned: f.meetings_planned,
    meetingsHeld: f.meetings_held,
    meetingsCancelled: f.meetings_cancelled,
    planItems: f.plan_items,
    planItemsDone: f.plan_items_done,
    members: f.members,
    membersActive: f.members_active,
    decisions: f.decisions,
    decisionsDone: f.decisions_done,
  };
}

/** The yearly report as XLSX: the figures, then the year's members with the meetings each attended. */
export async function exportReport(deps: Deps, actor: Actor, id: string, schoolYear?: number) {
  const { db } = deps;
  const year = yearOf(deps, schoolYear);
  const c = await visible(db, actor, id, year);
  if (!seesMembers(actor, c)) throw forbidden(MEMBERS_HIDDEN);
  const report = await communityReport(deps, actor, id, year);
  const { from, to } = schoolYearBounds(year);
  const members = await listMembers(db, id, { from, to });
  const title = await exportTitle(db, actor, {
    title: `Отчёт о работе: ${c.name} (${COMMUNITY_KINDS[c.kind]}), ${schoolYearName(year)} учебный год`,
    asOf: dayOf(deps),
  });
  const table = await writeTable({
    format: 'xlsx',
    sheetName: 'Отчёт',
    titleBlock: {
      ...title,
      territory: c.organization_name ?? c.municipality_name ?? COMMUNITY_LEVELS[c.level],
    },
    columns: [
      { key: 'label', header: 'Показатель', width: 50 },
      { key: 'value', header: 'Значение', format: 'integer', width: 14 },
    ],
    rows: [
      { label: 'Заседаний запланировано', value: report.meetingsPlanned },
      { label: 'Заседаний проведено', value: report.meetingsHeld },
      { label: 'Заседаний отменено', value: report.meetingsCancelled },
      { label: 'Пунктов плана работы', value: report.planItems },
      { label: 'Пунктов плана выполнено', value: report.planItemsDone },
      { label: 'Участников за учебный год', value: report.members },
      { label: 'Активных участников (были хотя бы на одном заседании)', value: report.membersActive },
      { label: 'Решений в протоколах', value: report.decisions },
      { label: 'Решений выполнено', value: report.decisionsDone },
    ],
    extraSheets: [
      {
        sheetName: 'Участники',
        columns: [
          { key: 'name', header: 'ФИО', width: 36 },
          { key: 'organization', header: 'Организация', width: 30 },
          { key: 'joinedOn', header: 'Вступил(а)', type: 'text', width: 12 },
          { key: 'leftOn', header: 'Вышел(ла)', type: 'text', width: 12 },
          { key: 'attended', header: 'Посещено заседаний', format: 'integer', width: 12 },
          { key: 'of', header: 'Из проведённых', format: 'integer', width: 12 },
        ],
        rows: members.map((m) => ({
          name: m.person_name,
          organization: m.organization_name ?? '',
          joinedOn: ru(m.joined_on),
          leftOn: m.left_on ? ru(m.left_on) : '',
          attended: m.attended,
          of: report.meetingsHeld,
        })),
      },
    ],
  });
  await writeAudit(db, {
    actor,
    action: 'export',
    entity: 'community',
    entityId: id,
    details: { schoolYear: year, rows: members.length },
  });
  return {
    fileName: `otchet-soobshchestva-${year}-${dayOf(deps)}.${table.extension}`,
    contentType: table.contentType,
    data: table.data,
  };
}

const ru = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

export type { CommunityLevel };
