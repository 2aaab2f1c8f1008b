import { sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { today as todayInZone } from '../../platform/time/today.ts';
import { issueDiploma } from '../certificates/certificates.service.ts';
import { canManagePlan } from '../events.policy.ts';
import { findEvent, findPlan, liveRegistration, type RegistrationDb } from '../events.repository.ts';
import {
  criterionTitleTaken,
  type EntryDb,
  findCriterion,
  findEntry,
  findNomination,
  insertEntry,
  jurorSheets,
  listCriteria,
  listEntries,
  listNominations,
  lockContest,
  markPublished,
  nominationTitleTaken,
  publishedAt,
  replaceSheet,
} from './contests.repository.ts';
import {
  CONTEST_OUTCOMES,
  type ContestOutcome,
  DIPLOMA_TITLES,
  sheetIssues,
  suggestOutcomes,
} from './contests.rules.ts';
import type { EntryOut } from './contests.schemas.ts';

/**
 * Contests: the organizer (who keeps the event's plan) sets nominations and criteria, confirms the
 * outcomes and publishes the results; confirmed registrations with the role «жюри» score entries;
 * a confirmed participant submits their own entries. Before publication a juror sees only their
 * own sheets and a participant no scores at all; publication freezes scores and outcomes and
 * issues the diplomas in the same transaction.
 */

export type Deps = { db: Db; today?: () => string };
const dayOf = (deps: Deps) => (deps.today ?? todayInZone)();

const PUBLISHED = 'Итоги конкурса опубликованы: изменить уже ничего нельзя.';
const MANAGE = 'Конкурсом управляет организатор мероприятия.';
const ENTRY_NOT_FOUND = 'Работа не найдена.';

interface ContestCtx {
  eventId: string;
  eventTitle: string;
  manages: boolean;
  mine: RegistrationDb | null;
  juror: RegistrationDb | null;
  published: string | null;
}

/** The contest if the actor sees its event (404 otherwise, and for an event of another kind). */
async function contestOf(db: Db, actor: Actor, eventId: string): Promise<ContestCtx> {
  const event = await findEvent(db, actor, eventId);
  const plan = event ? await findPlan(db, actor, event.plan_id) : null;
  if (!event || !plan || event.kind !== 'contest') throw notFound('Конкурс не найден.');
  const mine = actor.personId ? await liveRegistration(db, eventId, actor.personId) : null;
  const juror = mine && mine.status === 'confirmed' && mine.role === 'jury' ? mine : null;
  return {
    eventId,
    eventTitle: event.title,
    manages: canManagePlan(actor, plan),
    mine,
    juror,
    published: await publishedAt(db, eventId),
  };
}

async function managedContest(db: Db, actor: Actor, eventId: string): Promise<ContestCtx> {
  const c = await contestOf(db, actor, eventId);
  if (!c.manages) throw forbidden(MANAGE);
  if (c.published) throw conflict(PUBLISHED);
  return c;
}

function presentEntry(e: EntryDb, show: { outcome: boolean; average: boolean }): EntryOut {
  const outcome = show.outcome ? e.outcome : null;
  return {
    id: e.id,
    nominationId: e.nomination_id,
    nominationTitle: e.nomination_title,
    registrationId: e.registration_id,
    personName: e.person_name,
    organizationName: e.organization_name,
    title: e.title,
    materialsUrl: e.materials_url,
    submittedAt: e.submitted_at,
    updatedAt: e.updated_at,
    outcome,
    outcomeName: outcome ? CONTEST_OUTCOMES[outcome] : null,
    averageScore: show.average ? e.average : null,
    diploma:
      show.outcome && e.diploma_certificate_id && e.diploma_serial
        ? { id: e.diploma_certificate_id, serial: e.diploma_serial }
        : null,
  };
}

function submitReason(c: ContestCtx, nominations: number): string | null {
  if (c.published) return 'Итоги конкурса опубликованы, приём работ закрыт.';
  if (!c.mine) return 'Чтобы подать работу, зарегистрируйтесь на конкурс.';
  if (c.mine.status !== 'confirmed') return 'Работу можно подать после подтверждения регистрации.';
  if (c.mine.role === 'jury') return 'Члены жюри не подают работы.';
  if (nominations === 0) return 'Организатор ещё не добавил номинации.';
  return null;
}

export async function getContest(deps: Deps, actor: Actor, eventId: string) {
  const { db } = deps;
  const c = await contestOf(db, actor, eventId);
  const nominations = await listNominations(db, eventId);
  const criteria = await listCriteria(db, eventId);
  const mine = c.mine ? await listEntries(db, eventId, { registrationId: c.mine.id }) : [];
  const shown = { outcome: !!c.published, average: !!c.published };
  return {
    eventId,
    eventTitle: c.eventTitle,
    publishedAt: c.published,
    nominations,
    criteria: criteria.map((k) => ({
      id: k.id,
      title: k.title,
      maxScore: k.max_score,
      position: k.position,
    })),
    maxTotal: criteria.reduce((s, k) => s + k.max_score, 0),
    canManage: c.manages,
    isJuror: !!c.juror,
    submitReason: actor.personId ? submitReason(c, nominations.length) : 'Работы подают педагоги.',
    myEntries: mine.map((e) => presentEntry(e, shown)),
  };
}

// ---- nominations and criteria (the organizer, before publication) ----

export async function addNomination(
  deps: Deps,
  actor: Actor,
  eventId: string,
  input: { title: string; position?: number | undefined },
) {
  const { db } = deps;
  await managedContest(db, actor, eventId);
  if (await nominationTitleTaken(db, eventId, input.title, null))
    throw conflict(`Номинация «${input.title}» уже есть.`);
  const position = input.position ?? (await listNominations(db, eventId)).length;
  await db.query(
    sql`INSERT INTO contest_nominations (event_id, title, position) VALUES (${eventId}, ${input.title}, ${position})`,
  );
  return getContest(deps, actor, eventId);
}

export async function editNomination(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { title?: string | undefined; position?: number | undefined },
) {
  const { db } = deps;
  const n = await findNomination(db, id);
  if (!n) throw notFound('Номинация не найдена.');
  await managedContest(db, actor, n.event_id);
  if (input.title && (await nominationTitleTaken(db, n.event_id, input.title, id)))
    throw conflict(`Номинация «${input.title}» уже есть.`);
  await db.query(sql`UPDATE contest_nominations SET title = ${input.title ?? n.title},
    position = ${input.position ?? n.position} WHERE id = ${id}`);
  return getContest(deps, actor, n.event_id);
}

export async function removeNomination(deps: Deps, actor: Actor, id: string) {
  const { db } = deps;
  const n = await findNomination(db, id);
  if (!n) throw notFound('Номинация не найдена.');
  await managedContest(db, actor, n.event_id);
  const [row] = await db.query<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM contest_entries WHERE nomination_id = ${id}`,
  );
  if (row!.n > 0) throw conflict('В номинации уже есть работы: удалить её нельзя.');
  await db.query(sql`DELETE FROM contest_nominations WHERE id = ${id}`);
  return getContest(deps, actor, n.event_id);
}

export async function addCriterion(
  deps: Deps,
  actor: Actor,
  eventId: string,
  input: { title: string; maxScore: number; position?: number | undefined },
) {
  const { db } = deps;
  await managedContest(db, actor, eventId);
  if (await criterionTitleTaken(db, eventId, input.title, null))
    throw conflict(`Критерий «${input.title}» уже есть.`);
  const position = input.position ?? (await listCriteria(db, eventId)).length;
  await db.query(sql`INSERT INTO contest_criteria (event_id, title, max_score, position)
    VALUES (${eventId}, ${input.title}, ${input.maxScore}, ${position})`);
  return getContest(deps, actor, eventId);
}

export async function editCriterion(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { title?: string | undefined; maxScore?: number | undefined; position?: number | undefined },
) {
  const { db } = deps;
  const k = await findCriterion(db, id);
  if (!k) throw notFound('Критерий не найден.');
  await managedContest(db, actor, k.event_id);
  if (input.title && (await criterionTitleTaken(db, k.event_id, input.title, id)))
    throw conflict(`Критерий «${input.title}» уже есть.`);
  if (input.maxScore !== undefined && input.maxScore !== k.max_score) {
    const scored = (await listCriteria(db, k.event_id)).find((c) => c.id === id)?.scored ?? 0;
    if (scored > 0) throw conflict('По критерию уже выставлены оценки: максимальный балл изменить нельзя.');
  }
  await db.query(sql`UPDATE contest_criteria SET title = COALESCE(${input.title ?? null}, title),
    max_score = COALESCE(${input.maxScore ?? null}::int, max_score),
    position = COALESCE(${input.position ?? null}::int, position) WHERE id = ${id}`);
  return getContest(deps, actor, k.event_id);
}

export async function removeCriterion(deps: Deps, actor: Actor, id: string) {
  const { db } = deps;
  const k = await findCriterion(db, id);
  if (!k) throw notFound('Критерий не найден.');
  await managedContest(db, actor, k.event_id);
  const scored = (await listCriteria(db, k.event_id)).find((c) => c.id === id)?.scored ?? 0;
  if (scored > 0) throw conflict('По критерию уже выставлены оценки: удалить его нельзя.');
  await db.query(sql`DELETE FROM contest_criteria WHERE id = ${id}`);
  return getContest(deps, actor, k.event_id);
}

// ---- entries (the participant's own) ----

export async function submitEntry(
  deps: Deps,
  actor: Actor,
  eventId: string,
  input: { nominationId: string; title: string; materialsUrl?: string | null | undefined },
): Promise<EntryOut> {
  const { db } = deps;
  const c = await contestOf(db, actor, eventId);
  const nominations = await listNominations(db, eventId);
  const reason = actor.personId ? submitReason(c, nominations.length) : 'Работы подают педагоги.';
  if (reason) throw c.published ? conflict(reason) : forbidden(reason);
  if (!nominations.some((n) => n.id === input.nominationId))
    throw invalid('Нет такой номинации у конкурса.', [
      { path: 'nominationId', message: 'Выберите номинацию' },
    ]);
  const id = await db.transaction(async (tx) => {
    if (await lockContest(tx, eventId)) throw conflict(PUBLISHED);
    const id = await insertEntry(tx, {
      eventId,
      nominationId: input.nominationId,
      registrationId: c.mine!.id,
      title: input.title,
      materialsUrl: input.materialsUrl ?? null,
    });
    if (!id) throw conflict('Работа в этой номинации уже подана: её можно изменить.');
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'contest_entry',
      entityId: id,
      personId: c.mine!.person_id,
      after: {
        nominationId: input.nominationId,
        title: input.title,
        materialsUrl: input.materialsUrl ?? null,
      },
    });
    return id;
  });
  return presentEntry((await findEntry(db, id))!, { outcome: false, average: false });
}

/** The entry if the actor is its author; 403 to the organizer and jurors, who see it; 404 to others. */
async function ownEntry(db: Db, actor: Actor, id: string): Promise<{ e: EntryDb; c: ContestCtx }> {
  const e = await findEntry(db, id);
  if (!e) throw notFound(ENTRY_NOT_FOUND);
  const c = await contestOf(db, actor, e.event_id).catch(() => null);
  if (!c) throw notFound(ENTRY_NOT_FOUND);
  if (c.mine?.id === e.registration_id) return { e, c };
  if (c.manages || c.juror) throw forbidden('Работу изменяет только её автор.');
  throw notFound(ENTRY_NOT_FOUND);
}

export async function editEntry(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { title?: string | undefined; materialsUrl?: string | null | undefined },
): Promise<EntryOut> {
  const { db } = deps;
  const { e } = await ownEntry(db, actor, id);
  await db.transaction(async (tx) => {
    if (await lockContest(tx, e.event_id)) throw conflict(PUBLISHED);
    const title = input.title ?? e.title;
    const materialsUrl = input.materialsUrl === undefined ? e.materials_url : input.materialsUrl;
    await tx.query(sql`UPDATE contest_entries SET title = ${title}, materials_url = ${materialsUrl}, updated_at = now()
      WHERE id = ${id}`);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'contest_entry',
      entityId: id,
      personId: e.person_id,
      before: { title: e.title, materialsUrl: e.materials_url },
      after: { title, materialsUrl },
    });
  });
  return presentEntry((await findEntry(db, id))!, { outcome: false, average: false });
}

export async function withdrawEntry(deps: Deps, actor: Actor, id: string): Promise<void> {
  const { db } = deps;
  const { e } = await ownEntry(db, actor, id);
  await db.transaction(async (tx) => {
    if (await lockContest(tx, e.event_id)) throw conflict(PUBLISHED);
    await tx.query(sql`DELETE FROM contest_entries WHERE id = ${id}`);
    await writeAudit(tx, {
      actor,
      action: 'delete',
      entity: 'contest_entry',
      entityId: id,
      personId: e.person_id,
      before: { title: e.title, nominationId: e.nomination_id },
    });
  });
}

// ---- the jury's and the organizer's table ----

export async function entryTable(deps: Deps, actor: Actor, eventId: string) {
  const { db } = deps;
  const c = await contestOf(db, actor, eventId);
  if (!c.manages && !c.juror) throw forbidden('Работы участников видят организатор и жюри конкурса.');
  const entries = await listEntries(db, eventId);
  const published = !!c.published;
  if (c.manages) {
    const maxTotal = (await listCriteria(db, eventId)).reduce((s, k) => s + k.max_score, 0);
    const suggested = suggestOutcomes(
      entries.map((e) => ({ id: e.id, nominationId: e.nomination_id, average: e.average })),
      maxTotal,
    );
    const items = entries.map((e) => ({
      ...presentEntry(e, { outcome: true, average: true }),
      sheets: e.sheets,
      suggestedOutcome: suggested.get(e.id) ?? null,
      mySheet: null,
    }));
    return { view: 'organizer' as const, publishedAt: c.published, items, total: items.length };
  }
  const rows = await jurorSheets(db, eventId, c.juror!.id);
  const sheets = new Map<
    string,
    { scores: { criterionId: string; score: number }[]; total: number; updatedAt: string }
  >();
  for (const r of rows) {
    const s = sheets.get(r.entry_id) ?? { scores: [], total: 0, updatedAt: r.updated_at };
    s.scores.push({ criterionId: r.criterion_id, score: r.score });
    s.total += r.score;
    if (r.updated_at > s.updatedAt) s.updatedAt = r.updated_at;
    sheets.set(r.entry_id, s);
  }
  const items = entries.map((e) => ({
    ...presentEntry(e, { outcome: published, average: published }),
    sheets: null,
    suggestedOutcome: null,
    mySheet: sheets.get(e.id) ?? null,
  }));
  return { view: 'juror' as const, publishedAt: c.published, items, total: items.length };
}

/** A juror's score sheet of an entry: replaced whole, until the results are published. */
export async function saveScoreSheet(
  deps: Deps,
  actor: Actor,
  entryId: string,
  input: { scores: { criterionId: string; score: number }[] },
) {
  const { db } = deps;
  const e = await findEntry(db, entryId);
  if (!e) throw notFound(ENTRY_NOT_FOUND);
  const c = await contestOf(db, actor, e.event_id).catch(() => null);
  if (!c) throw notFound(ENTRY_NOT_FOUND);
  if (!c.juror) throw forbidden('Оценивают работы члены жюри этого конкурса.');
  if (c.published) throw conflict(PUBLISHED);
  const criteria = (await listCriteria(db, e.event_id)).map((k) => ({
    id: k.id,
    title: k.title,
    maxScore: k.max_score,
  }));
  const issues = sheetIssues(criteria, input.scores);
  if (issues.length) throw invalid(issues[0]!.message, issues);
  await db.transaction(async (tx) => {
    if (await lockContest(tx, e.event_id)) throw conflict(PUBLISHED);
    await replaceSheet(tx, entryId, c.juror!.id, input.scores);
    await writeAudit(tx, {
      actor,
      action: 'save',
      entity: 'contest_score_sheet',
      entityId: entryId,
      personId: e.person_id,
      after: { jurorRegistrationId: c.juror!.id, scores: input.scores },
    });
  });
  return entryTable(deps, actor, e.event_id);
}

// ---- outcomes and publication (the organizer) ----

export async function setOutcomes(
  deps: Deps,
  actor: Actor,
  eventId: string,
  items: { entryId: string; outcome: ContestOutcome | null }[],
) {
  const { db } = deps;
  await managedContest(db, actor, eventId);
  const entries = new Map((await listEntries(db, eventId)).map((e) => [e.id, e]));
  const issues = items.flatMap((it, i) =>
    entries.has(it.entryId) ? [] : [{ path: `items.${i}.entryId`, message: 'Нет такой работы у конкурса' }],
  );
  if (issues.length) throw invalid(issues[0]!.message, issues);
  await db.transaction(async (tx) => {
    if (await lockContest(tx, eventId)) throw conflict(PUBLISHED);
    for (const it of items) {
      const before = entries.get(it.entryId)!;
      if (before.outcome === it.outcome) continue;
      await tx.query(sql`UPDATE contest_entries SET outcome = ${it.outcome}, outcome_set_by = ${actor.userId},
        outcome_set_at = now() WHERE id = ${it.entryId}`);
      await writeAudit(tx, {
        actor,
        action: 'update',
        entity: 'contest_entry',
        entityId: it.entryId,
        personId: before.person_id,
        before: { outcome: before.outcome },
        after: { outcome: it.outcome },
      });
    }
  });
  return entryTable(deps, actor, eventId);
}

/** Publishes the results: scores and outcomes freeze, diplomas are issued in the same transaction. */
export async function publishResults(deps: Deps, actor: Actor, eventId: string) {
  const { db } = deps;
  await managedContest(db, actor, eventId);
  const entries = await listEntries(db, eventId);
  if (entries.length === 0) throw invalid('В конкурсе нет ни одной работы.');
  const missing = entries.filter((e) => !e.outcome);
  if (missing.length)
    throw invalid(
      `Не выбран итог у работ: ${missing.length} («${missing[0]!.title}»${missing.length > 1 ? ' и др.' : ''}).`,
    );
  const today = dayOf(deps);
  return db.transaction(async (tx) => {
    if (await lockContest(tx, eventId)) throw conflict(PUBLISHED);
    if (!(await markPublished(tx, eventId, actor.userId))) throw conflict(PUBLISHED);
    let diplomas = 0;
    // Re-read under the lock: an outcome set meanwhile is the one published.
    for (const e of await listEntries(tx, eventId)) {
      const title = e.outcome ? DIPLOMA_TITLES[e.outcome] : null;
      if (!title || e.diploma_certificate_id) continue;
      const d = await issueDiploma(
        tx,
        actor,
        { registrationId: e.registration_id, title, nomination: e.nomination_title },
        today,
      );
      if (!d) continue;
      await tx.query(sql`UPDATE contest_entries SET diploma_certificate_id = ${d.id} WHERE id = ${e.id}`);
      for (const a of d.entries) await writeAudit(tx, { actor, ...a });
      diplomas++;
    }
    await writeAudit(tx, {
      actor,
      action: 'publish',
      entity: 'contest',
      entityId: eventId,
      details: { entries: entries.length, diplomas },
    });
    const [row] = await tx.query<{ published_at: string }>(
      sql`SELECT published_at::text AS published_at FROM contests WHERE event_id = ${eventId}`,
    );
    return { publishedAt: row!.published_at, diplomas };
  });
}

/** The published results, to everyone who sees the event; empty before publication. */
export async function contestResults(deps: Deps, actor: Actor, eventId: string) {
  const { db } = deps;
  const c = await contestOf(db, actor, eventId);
  const maxTotal = (await listCriteria(db, eventId)).reduce((s, k) => s + k.max_score, 0);
  const base = { eventId, eventTitle: c.eventTitle, publishedAt: c.published, maxTotal };
  if (!c.published) return { ...base, nominations: [] };
  const entries = await listEntries(db, eventId);
  const rank: Record<ContestOutcome, number> = { winner: 0, prize_winner: 1, laureate: 2, participant: 3 };
  const nominations = (await listNominations(db, eventId)).map((n) => ({
    id: n.id,
    title: n.title,
    entries: entries
      .filter((e) => e.nomination_id === n.id)
      .map((e) => {
        const outcome = e.outcome ?? 'participant';
        return {
          id: e.id,
          title: e.title,
          personName: e.person_name,
          organizationName: e.organization_name,
          outcome,
          outcomeName: CONTEST_OUTCOMES[outcome],
          averageScore: e.average,
        };
      })
      .sort((a, b) => rank[a.outcome] - rank[b.outcome] || (b.averageScore ?? -1) - (a.averageScore ?? -1)),
  }));
  return { ...base, nominations };
}
