import { openRouteMentorship } from '../mentoring/route-mentorships.service.ts';
import { type AuditEntry, writeAudit, writeAuditMany } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { personScope } from '../platform/auth/scope.ts';
import { type Db, sql } from '../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../platform/errors.ts';
import type { EventMap } from '../platform/events/events.ts';
import { readMentorPool } from './generation/generation.repository.ts';
import {
  CATEGORY_NAMES,
  freePlaces,
  loadWithReservations,
  type MentorCandidate,
  rankMentors,
} from './generation/mentor-suggestion.ts';
import type { Evidence } from './routes.presenter.ts';
import { findItem, findRoute, insertEvent } from './routes.repository.ts';

/**
 * Routes with people in them: a route's mentoring item carries the mentor generation suggested
 * (mentor-suggestion.ts). The school head sees the pending suggestions of their school (the
 * methodist — of the municipality, read only) and confirms one, or picks another mentor: that opens
 * the mentorship in the school's program (openRouteMentorship) and links the item. When the
 * mentorship finishes with its program done (`mentoring.finished`), the item closes — done and
 * confirmed, the mentorship its evidence; finished otherwise (a transfer), the item is unlinked and
 * waits for a new mentor.
 */

export const ROUTE_MENTORING_JOB = 'routes-mentoring';

const SUGGESTION_READERS = ['admin', 'municipal_methodist', 'org_head'] as const;
const LIVE = sql`('draft', 'agreed', 'in_progress')`;

interface SuggestionDb {
  route_id: string;
  item_id: string;
  route_status: string;
  person_id: string;
  person_name: string;
  organization_id: string | null;
  organization: string | null;
  municipality_id: string | null;
  subjects: string[];
  competency_id: string | null;
  competency_code: string | null;
  competency_name: string | null;
  baseline_percent: number | null;
  reason: string;
  title: string;
  mentor_person_id: string | null;
}

async function pendingItems(db: Db, actor: Actor, itemId?: string): Promise<SuggestionDb[]> {
  return db.query<SuggestionDb>(sql`
    SELECT r.id AS route_id, i.id AS item_id, r.status::text AS route_status, p.id AS person_id,
           concat_ws(' ', p.last_name, p.first_name, NULLIF(p.patronymic, '')) AS person_name,
           w.organization_id, w.organization, w.municipality_id,
           COALESCE((SELECT array_agg(DISTINCT s ORDER BY s) FROM employments e, unnest(e.subjects) s
                     WHERE e.person_id = p.id AND e.end_date IS NULL), '{}') AS subjects,
           i.competency_id, c.code AS competency_code, c.name AS competency_name,
           i.baseline_percent::float8 AS baseline_percent, i.reason, i.title, i.mentor_person_id
    FROM learning_route_items i
    JOIN learning_routes r ON r.id = i.route_id
    JOIN people p ON p.id = r.person_id
    LEFT JOIN competencies c ON c.id = i.competency_id
    LEFT JOIN LATERAL (
      SELECT e.organization_id, COALESCE(NULLIF(o.short_name, ''), o.full_name) AS organization, o.municipality_id
      FROM employments e JOIN organizations o ON o.id = e.organization_id
      WHERE e.person_id = p.id AND e.end_date IS NULL
        ${actor.role === 'org_head' && actor.organizationId ? sql`AND e.organization_id = ${actor.organizationId}` : sql``}
      ORDER BY (e.kind = 'main') DESC, e.start_date NULLS LAST, e.id LIMIT 1
    ) w ON true
    WHERE i.activity_kind = 'mentoring' AND i.mentorship_id IS NULL AND i.status IN ('planned', 'in_progress')
      AND r.status IN ${LIVE} AND ${personScope(actor, 'p')}
      ${itemId ? sql`AND i.id = ${itemId}` : sql``}
    ORDER BY p.last_name, p.first_name, p.patronymic, p.id, i.position, i.id`);
}

const presentCandidate = (c: MentorCandidate, fits: boolean) => ({
  personId: c.personId,
  fullName: c.fullName,
  organization: c.organization,
  category: CATEGORY_NAMES[c.category],
  subjects: c.subjects,
  freePlaces: freePlaces(c),
  capacity: c.capacity,
  fits,
});

/** The pending mentoring items in the actor's scope with the suggested mentor and the others to choose from. */
export async function listMentorSuggestions(db: Db, actor: Actor, today: string) {
  if (!(SUGGESTION_READERS as readonly string[]).includes(actor.role))
    throw forbidden('Предложения наставников видят руководитель школы и методист.');
  const rows = await pendingItems(db, actor);
  const municipalities = [...new Set(rows.flatMap((r) => (r.municipality_id ? [r.municipality_id] : [])))];
  const pool = new Map<string, (MentorCandidate & { reservedFor: string[] })[]>();
  for (const m of await readMentorPool(db, municipalities, today)) {
    const list = pool.get(m.municipality_id) ?? [];
    list.push({
      personId: m.person_id,
      fullName: m.full_name,
      category: m.category,
      subjects: m.subjects,
      organizationIds: m.organization_ids,
      organization: m.organization,
      capacity: m.capacity,
      load: m.load,
      reservedFor: m.reserved_for,
    });
    pool.set(m.municipality_id, list);
  }
  const items = rows.map((r) => {
    // Places held by other pending suggestions count as taken; this item's own does not.
    const candidates = (r.municipality_id ? (pool.get(r.municipality_id) ?? []) : [])
      .filter((c) => c.personId !== r.person_id)
      .map(({ reservedFor, ...c }) => ({
        ...c,
        load: loadWithReservations(c.load, reservedFor, (id) => id === r.person_id),
      }));
    const ranked = rankMentors(
      { personId: r.person_id, organizationId: r.organization_id, subjects: r.subjects },
      candidates,
    );
    const fitting = new Set(ranked.map((c) => c.personId));
    const others = candidates
      .filter((c) => !fitting.has(c.personId) && freePlaces(c) > 0)
      .sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru'));
    const suggested = candidates.find((c) => c.personId === r.mentor_person_id) ?? null;
    return {
      routeId: r.route_id,
      itemId: r.item_id,
      routeStatus: r.route_status,
      person: { id: r.person_id, fullName: r.person_name, organization: r.organization },
      competency: r.competency_id
        ? { id: r.competency_id, code: r.competency_code ?? '', name: r.competency_name ?? '' }
        : null,
      baselinePercent: r.baseline_percent,
      title: r.title,
      reason: r.reason,
      mentor: suggested ? presentCandidate(suggested, fitting.has(suggested.personId)) : null,
      candidates: [
        ...ranked.map((c) => presentCandidate(c, true)),
        ...others.map((c) => presentCandidate(c, false)),
      ],
      canConfirm:
        actor.role === 'admin' || (actor.role === 'org_head' && r.organization_id === actor.organizationId),
    };
  });
  await writeAudit(db, {
    actor,
    action: 'read',
    entity: 'mentor_suggestions',
    details: { rows: items.length },
  });
  return { items };
}

/**
 * The school head confirms the mentoring item's mentor (the suggested one, or `mentorPersonId`):
 * the mentorship opens in the school's program, with the item's competency as its goal, and the
 * item points at it. Another school's route answers 404 (it is not visible), a methodist 403.
 */
export async function confirmItemMentor(
  db: Db,
  actor: Actor,
  routeId: string,
  itemId: string,
  input: { mentorPersonId?: string | undefined; startedOn?: string | undefined },
  today: string,
): Promise<{ mentorshipId: string }> {
  const route = await findRoute(db, actor, routeId);
  if (!route) throw notFound('Маршрут не найден или недоступен.');
  if (actor.role !== 'admin' && actor.role !== 'org_head')
    throw forbidden('Наставника по маршруту подтверждает руководитель школы педагога.');
  const item = await findItem(db, routeId, itemId);
  if (!item) throw notFound('Мероприятие маршрута не найдено.');
  if (item.activity_kind !== 'mentoring')
    throw invalid('Наставника подтверждают только для пункта «наставничество».', [
      { path: 'itemId', message: 'Пункт не наставничество' },
    ]);
  const [pending] = await pendingItems(db, actor, itemId);
  if (item.mentorship_id) throw conflict('Наставничество по этому пункту уже открыто.');
  if (!pending || pending.route_id !== routeId)
    throw conflict('Пункт закрыт или маршрут уже не действует: наставника подтвердить нельзя.');
  if (actor.role === 'org_head' && pending.organization_id !== actor.organizationId)
    throw forbidden('Наставника подтверждает руководитель школы, где работает педагог.');
  const organizationId = pending.organization_id;
  if (!organizationId) throw conflict('У педагога нет текущего места работы.');
  if (!item.competency_id)
    throw invalid('У пункта не указана компетенция: цель наставничества не поставить.', [
      { path: 'itemId', message: 'Нет компетенции' },
    ]);
  const mentorPersonId = input.mentorPersonId ?? item.mentor_person_id;
  if (!mentorPersonId)
    throw invalid('Наставник не предложен: выберите наставника.', [
      { path: 'mentorPersonId', message: 'Выберите наставника' },
    ]);
  if (mentorPersonId === pending.person_id)
    throw invalid('Педагог не может быть своим наставником.', [
      { path: 'mentorPersonId', message: 'Выберите другого наставника' },
    ]);
  const pool = await readMentorPool(db, pending.municipality_id ? [pending.municipality_id] : [], today);
  const mentor = pool.find((m) => m.person_id === mentorPersonId);
  if (!mentor)
    throw invalid('Наставник должен быть назначен в программе наставничества одной из школ территории.', [
      { path: 'mentorPersonId', message: 'Выберите наставника из списка' },
    ]);
  const startedOn = input.startedOn ?? today;

  return db.transaction(async (tx) => {
    // The item's row first: two confirmations of one item take turns, the second sees it linked.
    const [locked] = await tx.query<{ mentorship_id: string | null }>(sql`
      SELECT mentorship_id FROM learning_route_items WHERE id = ${itemId} FOR UPDATE`);
    if (locked?.mentorship_id) throw conflict('Наставничество по этому пункту уже открыто.');
    const mentorshipId = await openRouteMentorship(tx, actor, {
      organizationId,
      menteePersonId: pending.person_id,
      menteeName: pending.person_name,
      mentorPersonId,
      competencyId: item.competency_id!,
      baselinePercent: item.baseline_percent ?? 0,
      baselineOn: route.baseline_on ?? startedOn,
      startedOn,
      goalTitle: item.title,
    });
    await tx.query(sql`
      UPDATE learning_route_items SET mentorship_id = ${mentorshipId}, mentor_person_id = ${mentorPersonId},
             status = CASE WHEN ${route.status} = 'in_progress' THEN 'in_progress' ELSE status END::route_item_status
      WHERE id = ${itemId}`);
    const changed = item.mentor_person_id && item.mentor_person_id !== mentorPersonId;
    await insertEvent(tx, {
      routeId,
      itemId,
      authorUserId: actor.userId,
      kind: 'mentor',
      text: `Наставник ${mentor.full_name} подтверждён руководителем школы${changed ? ' (выбран вместо предложенного)' : ''}: наставничество с ${startedOn.split('-').reverse().join('.')}`,
      data: { action: 'mentor', mentorshipId, mentorPersonId, suggested: item.mentor_person_id },
    });
    await writeAudit(tx, {
      actor,
      action: 'assign',
      entity: 'learning_route',
      entityId: routeId,
      personId: pending.person_id,
      before: { mentorPersonId: item.mentor_person_id },
      after: { itemId, mentorPersonId, mentorshipId },
    });
    return { mentorshipId };
  });
}

const OUTCOME_WORDS = {
  reached: 'цель достигнута',
  partly: 'цель достигнута частично',
  not_reached: 'цель не достигнута',
} as const;

/**
 * The mentorship finished: its live route items close. With the program done — done and confirmed,
 * the mentorship (and the goal's outcome on the item's competency) the evidence; otherwise the item
 * is unlinked and waits for a new mentor. Safe to run again (only linked, open items change).
 */
export async function closeItemsByMentorship(
  db: Db,
  actor: Actor,
  p: EventMap['mentoring.finished'],
): Promise<{ closed: number; unlinked: number }> {
  return db.transaction(async (tx) => {
    const [ms] = await tx.query<{
      finished_on: string | null;
      finish_reason: string | null;
      mentor_name: string;
    }>(sql`
      SELECT ms.finished_on::text AS finished_on, ms.finish_reason::text AS finish_reason,
             concat_ws(' ', pp.last_name, pp.first_name, NULLIF(pp.patronymic, '')) AS mentor_name
      FROM mentorships ms JOIN mentoring_mentors mm ON mm.id = ms.mentor_id JOIN people pp ON pp.id = mm.person_id
      WHERE ms.id = ${p.mentorshipId}`);
    if (!ms?.finished_on) return { closed: 0, unlinked: 0 };
    const items = await tx.query<{
      id: string;
      route_id: string;
      person_id: string;
      title: string;
      outcome: keyof typeof OUTCOME_WORDS | null;
    }>(sql`
      SELECT i.id, i.route_id, r.person_id, i.title,
             (SELECT g.outcome::text FROM mentorship_goals g
              WHERE g.mentorship_id = ${p.mentorshipId} AND g.mentee_person_id = r.person_id
                AND g.competency_id = i.competency_id) AS outcome
      FROM learning_route_items i JOIN learning_routes r ON r.id = i.route_id
      WHERE i.mentorship_id = ${p.mentorshipId} AND i.status IN ('planned', 'in_progress')
        AND r.status IN ${LIVE}
      ORDER BY i.route_id, i.position
      FOR UPDATE OF i`);
    if (items.length === 0) return { closed: 0, unlinked: 0 };
    const done = ms.finish_reason === 'completed';
    const ruDay = ms.finished_on.split('-').reverse().join('.');
    const rows = items.map((i) => {
      const evidence: Evidence = {
        kind: 'mentorship',
        mentorshipId: p.mentorshipId,
        finishedOn: ms.finished_on!,
        mentorName: ms.mentor_name,
        outcome: i.outcome ? OUTCOME_WORDS[i.outcome] : null,
      };
      return {
        id: i.id,
        route_id: i.route_id,
        evidence,
        text: done
          ? `Наставничество завершено ${ruDay} (наставник — ${ms.mentor_name}), программа выполнена${i.outcome ? `: ${OUTCOME_WORDS[i.outcome]}` : ''}`
          : `Наставничество прекращено ${ruDay} (наставник — ${ms.mentor_name}): пункт ждёт нового наставника`,
        person_id: i.person_id,
      };
    });
    if (done)
      await tx.query(sql`
        UPDATE learning_route_items i SET status = 'done', evidence = x.evidence, confirmed_at = now(), confirmed_by = NULL
        FROM jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ id: r.id, evidence: r.evidence })))}::jsonb)
          AS x(id uuid, evidence jsonb)
        WHERE i.id = x.id`);
    else
      await tx.query(sql`
        UPDATE learning_route_items SET mentorship_id = NULL
        WHERE id = ANY(${sql.param(rows.map((r) => r.id))}::uuid[])`);
    await tx.query(sql`
      INSERT INTO learning_route_events (route_id, item_id, author_user_id, kind, text, data)
      SELECT x.route_id, x.item_id, NULL, ${done ? 'confirmed' : 'mentor'}, x.text, x.data
      FROM jsonb_to_recordset(${JSON.stringify(
        rows.map((r) => ({
          route_id: r.route_id,
          item_id: r.id,
          text: r.text,
          data: {
            action: 'mentorship_finished',
            mentorshipId: p.mentorshipId,
            ...(done ? { evidence: r.evidence } : {}),
          },
        })),
      )}::jsonb) AS x(route_id uuid, item_id uuid, text text, data jsonb)`);
    await writeAuditMany(
      tx,
      rows.map(
        (r): AuditEntry => ({
          actor,
          action: done ? 'item_confirm' : 'update',
          entity: 'learning_route',
          entityId: r.route_id,
          personId: r.person_id,
          details: { itemId: r.id, source: 'mentorship', mentorshipId: p.mentorshipId },
        }),
      ),
    );
    return done ? { closed: rows.length, unlinked: 0 } : { closed: 0, unlinked: rows.length };
  });
}
