import type { SQL } from 'drizzle-orm';
import type { AuditAction } from '../platform/audit/audit.labels.ts';
import { writeAudit } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { type Db, sql } from '../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../platform/errors.ts';
import { exportTitle } from '../platform/files/export-title.ts';
import { writeTable } from '../platform/files/write-table.ts';
import { today } from '../platform/time/today.ts';
import {
  COMMENT_REFUSAL,
  canComment,
  isOpen,
  ROUTE_CURATOR_ROLES,
  ROUTE_STATUS_LABELS,
  type RouteRoles,
  routeRoles,
} from './routes.policy.ts';
import { type Evidence, presentCard, presentItem, presentSummary, routeFacts } from './routes.presenter.ts';
import {
  findItem,
  findRoute,
  type ItemStatus,
  insertEvent,
  itemEvents,
  listEvents,
  listItems,
  listRoutes,
  lockRoute,
  type RouteFilters,
  type RouteItemDb,
  type RouteSort,
  type RouteSummaryDb,
} from './routes.repository.ts';

const NOT_FOUND = 'Маршрут не найден или недоступен.';
const ITEM_NOT_FOUND = 'Мероприятие маршрута не найдено.';

async function visibleRoute(db: Db, actor: Actor, id: string): Promise<RouteSummaryDb> {
  const route = await findRoute(db, actor, id);
  if (!route) throw notFound(NOT_FOUND);
  return route;
}

/** The route card as the caller sees it now (answer of every change). */
export async function routeCard(db: Db, actor: Actor, id: string) {
  const route = await visibleRoute(db, actor, id);
  const [items, events] = await Promise.all([listItems(db, [id]), listEvents(db, id)]);
  const eventIds = [
    ...new Set(items.flatMap((i) => (i.activity_kind === 'event' && i.activity_id ? [i.activity_id] : []))),
  ];
  const linked = await itemEvents(db, route.person_id, eventIds);
  return presentCard(actor, route, items, events, new Map(linked.map((e) => [e.id, e])));
}

export async function readRouteCard(db: Db, actor: Actor, id: string) {
  const card = await routeCard(db, actor, id);
  await writeAudit(db, {
    actor,
    action: 'read',
    entity: 'learning_route',
    entityId: id,
    personId: card.personId,
  });
  return card;
}

export async function listRouteSummaries(
  db: Db,
  actor: Actor,
  f: RouteFilters & {
    page: number;
    pageSize: number;
    sort?: RouteSort;
    order?: 'asc' | 'desc';
    after?: string | undefined;
  },
) {
  const { page, pageSize, sort, order, after, ...filters } = f;
  const { rows, total, nextCursor } = await listRoutes(db, actor, filters, {
    limit: pageSize,
    offset: (page - 1) * pageSize,
    sort,
    order,
    after,
  });
  await writeAudit(db, {
    actor,
    action: 'read',
    entity: 'learning_routes',
    details: { ...filters, page, rows: rows.length },
  });
  return { total, items: rows.map(presentSummary), nextCursor };
}

const EXPORT_CAP = 50_000;
export async function exportRoutes(db: Db, actor: Actor, f: RouteFilters, format: 'xlsx' | 'csv') {
  const { rows } = await listRoutes(db, actor, f, { limit: EXPORT_CAP, offset: 0 });
  const table = await writeTable({
    format,
    sheetName: 'Маршруты',
    titleBlock: await exportTitle(db, actor, {
      title: 'Индивидуальные образовательные маршруты',
      asOf: today(),
      filter: f,
    }),
    columns: [
      { key: 'fullName', header: 'ФИО', width: 36 },
      { key: 'organization', header: 'Организация', width: 36 },
      { key: 'title', header: 'Маршрут', width: 40 },
      { key: 'status', header: 'Статус', width: 14 },
      { key: 'curator', header: 'Куратор', width: 30 },
      { key: 'periodStart', header: 'Начало', type: 'date' },
      { key: 'periodEnd', header: 'Окончание', type: 'date' },
      { key: 'itemsTotal', header: 'Мероприятий', type: 'number' },
      { key: 'itemsDone', header: 'Выполнено', type: 'number' },
      { key: 'awaiting', header: 'Ждут подтверждения', type: 'number' },
      { key: 'hours', header: 'Часов', type: 'number' },
      { key: 'progress', header: 'Прогресс, %', format: 'percent' },
    ],
    rows: rows.map((r) => {
      const s = presentSummary(r);
      return {
        fullName: s.fullName,
        organization: s.organization ?? '',
        title: s.title,
        status: ROUTE_STATUS_LABELS[s.status],
        curator: s.curator?.fullName ?? '',
        periodStart: s.periodStart,
        periodEnd: s.periodEnd,
        itemsTotal: s.itemsTotal,
        itemsDone: s.itemsDone,
        awaiting: s.itemsAwaitingConfirmation,
        hours: s.hoursPlanned,
        progress: s.progress,
      };
    }),
  });
  await writeAudit(db, {
    actor,
    action: 'export',
    entity: 'learning_routes',
    details: { ...f, format, rows: rows.length },
  });
  return {
    fileName: `marshrut-routes-${today()}.${table.extension}`,
    contentType: table.contentType,
    data: table.data,
  };
}

// ——— changes ———

interface ChangeCtx {
  tx: Db;
  route: RouteSummaryDb;
  who: RouteRoles;
}

/**
 * Runs one change of a route: visible (else 404), allowed (else 403), then inside a transaction
 * with the route row locked, so two clicks or two users apply one after the other.
 */
async function change(
  db: Db,
  actor: Actor,
  id: string,
  allowed: (who: RouteRoles, route: RouteSummaryDb) => string | null,
  fn: (c: ChangeCtx) => Promise<void>,
) {
  const route = await visibleRoute(db, actor, id);
  const who = routeRoles(actor, routeFacts(route));
  const refusal = allowed(who, route);
  if (refusal) throw forbidden(refusal);
  await db.transaction(async (tx) => {
    const locked = await lockRoute(tx, id);
    await fn({ tx, route: { ...route, ...locked }, who });
    await tx.query(sql`UPDATE learning_routes SET updated_at = now() WHERE id = ${id}`);
  });
  return routeCard(db, actor, id);
}

const audit = (
  tx: Db,
  actor: Actor,
  route: RouteSummaryDb,
  action: AuditAction,
  details: Record<string, unknown>,
) =>
  writeAudit(tx, {
    actor,
    action,
    entity: 'learning_route',
    entityId: route.id,
    personId: route.person_id,
    details,
  });

const closedRoute = (route: RouteSummaryDb) =>
  conflict(`Маршрут ${ROUTE_STATUS_LABELS[route.status]}: изменить его уже нельзя.`);

const MANAGERS_ONLY = 'Это могут сделать методист или администратор, ведущие маршруты.';

export interface RoutePatch {
  title?: string | undefined;
  periodStart?: string | undefined;
  periodEnd?: string | undefined;
  curatorUserId?: string | null | undefined;
}

export async function updateRoute(db: Db, actor: Actor, id: string, patch: RoutePatch) {
  return change(
    db,
    actor,
    id,
    (who) => (who.manager ? null : MANAGERS_ONLY),
    async ({ tx, route }) => {
      if (!isOpen(route.status)) throw closedRoute(route);
      const start = patch.periodStart ?? route.period_start;
      const end = patch.periodEnd ?? route.period_end;
      if (end < start) {
        throw invalid('Проверьте сроки маршрута.', [
          { path: 'periodEnd', message: 'Окончание маршрута раньше его начала' },
        ]);
      }
      const curatorChanged =
        patch.curatorUserId !== undefined && patch.curatorUserId !== route.curator_user_id;
      let curatorName: string | null = null;
      if (curatorChanged && patch.curatorUserId) {
        const [u] = await tx.query<{ full_name: string }>(sql`
          SELECT full_name FROM users WHERE id = ${patch.curatorUserId} AND active
            AND role::text = ANY(${sql.param([...ROUTE_CURATOR_ROLES])}::text[])`);
        if (!u) {
          throw invalid('Куратор не найден.', [
            { path: 'curatorUserId', message: 'Выберите действующего куратора, тьютора или методиста' },
          ]);
        }
        curatorName = u.full_name;
        // The curator's scope reads curator_assignments: assigning a route makes its person visible to them.
        await tx.query(sql`INSERT INTO curator_assignments (curator_user_id, person_id)
                           VALUES (${patch.curatorUserId}, ${route.person_id}) ON CONFLICT DO NOTHING`);
      }
      const planChanged =
        (patch.title !== undefined && patch.title !== route.title) ||
        start !== route.period_start ||
        end !== route.period_end;
      // Agreements are to a plan: while a draft, a changed plan (or curator) needs agreeing again.
      const resetTeacher = route.status === 'draft' && planChanged;
      const resetCurator = route.status === 'draft' && (planChanged || curatorChanged);
      await tx.query(sql`
        UPDATE learning_routes SET
          title = ${patch.title ?? route.title}, period_start = ${start}, period_end = ${end},
          curator_user_id = ${curatorChanged ? (patch.curatorUserId ?? null) : route.curator_user_id},
          agreed_by_teacher_at = ${resetTeacher ? sql`NULL` : sql`agreed_by_teacher_at`},
          agreed_by_curator_at = ${resetCurator ? sql`NULL` : sql`agreed_by_curator_at`}
        WHERE id = ${id}`);
      if (planChanged) {
        await insertEvent(tx, {
          routeId: id,
          authorUserId: actor.userId,
          kind: 'edited',
          text: 'Изменены название или сроки маршрута',
          data: { title: patch.title ?? route.title, periodStart: start, periodEnd: end },
        });
      }
      if (curatorChanged) {
        await insertEvent(tx, {
          routeId: id,
          authorUserId: actor.userId,
          kind: 'curator',
          text: curatorName ? `Назначен куратор: ${curatorName}` : 'Куратор снят',
          data: { curatorUserId: patch.curatorUserId ?? null },
        });
      }
      await audit(tx, actor, route, 'update', {
        before: {
          title: route.title,
          periodStart: route.period_start,
          periodEnd: route.period_end,
          curatorUserId: route.curator_user_id,
        },
        after: patch,
      });
    },
  );
}

export async function agreeRoute(db: Db, actor: Actor, id: string) {
  return change(
    db,
    actor,
    id,
    (who) => (who.teacher || who.curator ? null : 'Согласовать маршрут могут только педагог и его куратор.'),
    async ({ tx, route, who }) => {
      if (route.status !== 'draft') {
        throw conflict(`Маршрут ${ROUTE_STATUS_LABELS[route.status]}: согласовать можно только черновик.`);
      }
      const [items] = await tx.query<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM learning_route_items WHERE route_id = ${id}`,
      );
      if (!items?.n) throw conflict('В маршруте нет ни одного мероприятия: сначала добавьте их.');
      const side =
        who.teacher && !route.agreed_by_teacher_at ? 'teacher' : who.curator ? 'curator' : 'teacher';
      const done = side === 'teacher' ? route.agreed_by_teacher_at : route.agreed_by_curator_at;
      if (done) throw conflict('Вы уже согласовали этот маршрут; ждём согласования второй стороны.');
      const other = side === 'teacher' ? route.agreed_by_curator_at : route.agreed_by_teacher_at;
      const col = sql.raw(side === 'teacher' ? 'agreed_by_teacher_at' : 'agreed_by_curator_at');
      const [row] = await tx.query<{ status: string }>(sql`
        UPDATE learning_routes SET ${col} = now(),
               status = CASE WHEN ${other !== null} THEN 'agreed'::route_status ELSE status END
        WHERE id = ${id} AND status = 'draft' AND ${col} IS NULL RETURNING status`);
      if (!row) throw conflict('Маршрут уже изменился: обновите страницу.');
      await insertEvent(tx, {
        routeId: id,
        authorUserId: actor.userId,
        kind: 'agreed',
        text: side === 'teacher' ? 'Маршрут согласован педагогом' : 'Маршрут согласован куратором',
        data: { side },
      });
      if (row.status === 'agreed') {
        await insertEvent(tx, {
          routeId: id,
          authorUserId: actor.userId,
          kind: 'status',
          text: 'Маршрут согласован обеими сторонами',
          data: { from: 'draft', to: 'agreed' },
        });
      }
      await audit(tx, actor, route, 'agree', { side, status: row.status });
    },
  );
}

async function setStatus(
  tx: Db,
  actor: Actor,
  route: RouteSummaryDb,
  from: string,
  to: string,
  text: string,
  extra: SQL = sql``,
) {
  const [row] = await tx.query(sql`
    UPDATE learning_routes SET status = ${to}::route_status ${extra}
    WHERE id = ${route.id} AND status = ${from}::route_status RETURNING id`);
  if (!row) throw conflict('Маршрут уже изменился: обновите страницу.');
  await insertEvent(tx, {
    routeId: route.id,
    authorUserId: actor.userId,
    kind: 'status',
    text,
    data: { from, to },
  });
  await audit(tx, actor, route, 'status', { from, to });
}

export async function startRoute(db: Db, actor: Actor, id: string) {
  return change(
    db,
    actor,
    id,
    (who) =>
      who.teacher || who.curator || who.manager
        ? null
        : 'Начать маршрут могут педагог, куратор или методист.',
    async ({ tx, route }) => {
      if (route.status !== 'agreed') {
        throw conflict(
          route.status === 'draft'
            ? 'Маршрут ещё не согласован: начать его можно после согласования педагогом и куратором.'
            : `Маршрут ${ROUTE_STATUS_LABELS[route.status]}: начать можно только согласованный маршрут.`,
        );
      }
      await setStatus(tx, actor, route, 'agreed', 'in_progress', 'Маршрут начат');
    },
  );
}

export async function completeRoute(db: Db, actor: Actor, id: string) {
  return change(
    db,
    actor,
    id,
    (who) => (who.curator || who.manager ? null : 'Завершить маршрут могут куратор или методист.'),
    async ({ tx, route }) => {
      if (route.status !== 'in_progress') {
        throw conflict(
          `Маршрут ${ROUTE_STATUS_LABELS[route.status]}: завершить можно только выполняемый маршрут.`,
        );
      }
      const [open] = await tx.query<{ n: number; awaiting: number }>(sql`
        SELECT count(*) FILTER (WHERE NOT (status = 'dropped' OR (status = 'done' AND confirmed_at IS NOT NULL)))::int AS n,
               count(*) FILTER (WHERE status = 'done' AND confirmed_at IS NULL)::int AS awaiting
        FROM learning_route_items WHERE route_id = ${id}`);
      if (open && open.n > 0) {
        throw conflict(
          `Маршрут нельзя завершить: не закрыто мероприятий — ${open.n}` +
            (open.awaiting ? ` (ждут подтверждения — ${open.awaiting})` : '') +
            '. Подтвердите выполненные мероприятия или исключите оставшиеся с указанием причины.',
          { openItems: open.n },
        );
      }
      await setStatus(
        tx,
        actor,
        route,
        'in_progress',
        'completed',
        'Маршрут завершён',
        sql`, completed_at = now()`,
      );
    },
  );
}

export async function cancelRoute(db: Db, actor: Actor, id: string, reason: string) {
  return change(
    db,
    actor,
    id,
    (who) => (who.manager ? null : MANAGERS_ONLY),
    async ({ tx, route }) => {
      if (!isOpen(route.status)) throw closedRoute(route);
      await setStatus(
        tx,
        actor,
        route,
        route.status,
        'cancelled',
        `Маршрут отменён: ${reason}`,
        sql`, cancelled_reason = ${reason}`,
      );
    },
  );
}

// ——— items ———

export interface ItemInput {
  competencyId?: string | null | undefined;
  activityKind: RouteItemDb['activity_kind'];
  activityId?: string | null | undefined;
  title: string;
  form: RouteItemDb['form'];
  plannedStart?: string | null | undefined;
  plannedEnd?: string | null | undefined;
  hours: number;
  expectedResult?: string | undefined;
}

const EDITORS = 'Мероприятия маршрута меняют куратор или методист.';

async function checkItemInput(tx: Db, i: Partial<ItemInput>, current?: RouteItemDb) {
  const start = i.plannedStart !== undefined ? i.plannedStart : (current?.planned_start ?? null);
  const end = i.plannedEnd !== undefined ? i.plannedEnd : (current?.planned_end ?? null);
  if (start && end && end < start) {
    throw invalid('Проверьте сроки мероприятия.', [
      { path: 'plannedEnd', message: 'Окончание раньше начала' },
    ]);
  }
  if (i.competencyId) {
    const [c] = await tx.query(sql`SELECT 1 FROM competencies WHERE id = ${i.competencyId}`);
    if (!c)
      throw invalid('Компетенция не найдена.', [{ path: 'competencyId', message: 'Нет такой компетенции' }]);
  }
}

/** A changed plan needs agreeing again; an agreed route goes back to a draft. */
async function resetAgreements(tx: Db, route: RouteSummaryDb) {
  if (route.status !== 'draft' && route.status !== 'agreed') return;
  await tx.query(sql`UPDATE learning_routes SET agreed_by_teacher_at = NULL, agreed_by_curator_at = NULL,
                     status = 'draft' WHERE id = ${route.id}`);
  if (route.status === 'agreed') {
    await insertEvent(tx, {
      routeId: route.id,
      authorUserId: null,
      kind: 'status',
      text: 'План изменён: маршрут нужно согласовать заново',
      data: { from: 'agreed', to: 'draft' },
    });
  }
}

export async function addItem(db: Db, actor: Actor, id: string, input: ItemInput) {
  return change(
    db,
    actor,
    id,
    (who) => (who.manager || who.curator ? null : EDITORS),
    async ({ tx, route }) => {
      if (!isOpen(route.status)) throw closedRoute(route);
      await checkItemInput(tx, input);
      const [item] = await tx.query<{ id: string }>(sql`
        INSERT INTO learning_route_items (route_id, competency_id, competency_ids, activity_kind, activity_id, title, form,
                                          planned_start, planned_end, hours, expected_result, position)
        VALUES (${id}, ${input.competencyId ?? null},
                ${sql.param(input.competencyId ? [input.competencyId] : [])}::uuid[], ${input.activityKind},
                ${input.activityId ?? null}, ${input.title}, ${input.form}, ${input.plannedStart ?? null},
                ${input.plannedEnd ?? null}, ${input.hours}, ${input.expectedResult ?? ''},
                (SELECT COALESCE(max(position), 0) + 1 FROM learning_route_items WHERE route_id = ${id}))
        RETURNING id`);
      await resetAgreements(tx, route);
      await insertEvent(tx, {
        routeId: id,
        itemId: item!.id,
        authorUserId: actor.userId,
        kind: 'edited',
        text: `Добавлено мероприятие «${input.title}»`,
        data: { action: 'add' },
      });
      await audit(tx, actor, route, 'add_item', { itemId: item!.id, after: input });
    },
  );
}

async function draftItem(c: ChangeCtx, itemId: string) {
  const item = await findItem(c.tx, c.route.id, itemId);
  if (!item) throw notFound(ITEM_NOT_FOUND);
  if (c.route.status !== 'draft') {
    throw conflict(
      `Маршрут ${ROUTE_STATUS_LABELS[c.route.status]}: менять и удалять мероприятия можно только в черновике. ` +
        'Исключите мероприятие с указанием причины или добавьте новое.',
    );
  }
  return item;
}

export async function editItem(db: Db, actor: Actor, id: string, itemId: string, input: Partial<ItemInput>) {
  return change(
    db,
    actor,
    id,
    (who) => (who.manager || who.curator ? null : EDITORS),
    async (c) => {
      const item = await draftItem(c, itemId);
      await checkItemInput(c.tx, input, item);
      const competency = input.competencyId !== undefined;
      await c.tx.query(sql`
        UPDATE learning_route_items SET
          competency_id = ${competency ? (input.competencyId ?? null) : item.competency_id},
          competency_ids = ${
            competency
              ? sql`${sql.param(input.competencyId ? [input.competencyId] : [])}::uuid[]`
              : sql`competency_ids`
          },
          activity_kind = ${input.activityKind ?? item.activity_kind},
          activity_id = ${input.activityId !== undefined ? input.activityId : item.activity_id},
          title = ${input.title ?? item.title}, form = ${input.form ?? item.form},
          planned_start = ${input.plannedStart !== undefined ? input.plannedStart : item.planned_start},
          planned_end = ${input.plannedEnd !== undefined ? input.plannedEnd : item.planned_end},
          hours = ${input.hours ?? item.hours}, expected_result = ${input.expectedResult ?? item.expected_result}
        WHERE id = ${itemId}`);
      await resetAgreements(c.tx, c.route);
      await insertEvent(c.tx, {
        routeId: id,
        itemId,
        authorUserId: actor.userId,
        kind: 'edited',
        text: `Изменено мероприятие «${input.title ?? item.title}»`,
        data: { action: 'edit', fields: Object.keys(input) },
      });
      await audit(c.tx, actor, c.route, 'edit_item', { itemId, before: presentItem(item), after: input });
    },
  );
}

export async function deleteItem(db: Db, actor: Actor, id: string, itemId: string) {
  return change(
    db,
    actor,
    id,
    (who) => (who.manager || who.curator ? null : EDITORS),
    async (c) => {
      const item = await draftItem(c, itemId);
      await c.tx.query(sql`DELETE FROM learning_route_items WHERE id = ${itemId}`);
      await resetAgreements(c.tx, c.route);
      await insertEvent(c.tx, {
        routeId: id,
        authorUserId: actor.userId,
        kind: 'edited',
        text: `Удалено мероприятие «${item.title}»`,
        data: { action: 'delete', itemId },
      });
      await audit(c.tx, actor, c.route, 'delete_item', { itemId, before: presentItem(item) });
    },
  );
}

type ItemAction = 'start' | 'done' | 'confirm' | 'return' | 'drop';

export const DROP_REFUSAL =
  'Исключить мероприятие из согласованного маршрута может только куратор или методист. Напишите куратору ' +
  'комментарий к этому мероприятию, почему его нужно исключить: он исключит его с указанием причины.';

const ITEM_RULES: Record<
  ItemAction,
  { roles: (w: RouteRoles) => boolean; refusal: string; from: (i: RouteItemDb) => boolean; state: string }
> = {
  start: {
    roles: (w) => w.teacher || w.curator || w.manager,
    refusal: 'Отметить начало мероприятия могут педагог, куратор или методист.',
    from: (i) => i.status === 'planned',
    state: 'Начать можно только запланированное мероприятие.',
  },
  done: {
    roles: (w) => w.teacher,
    refusal: 'Отметить выполнение мероприятия может только педагог, чей это маршрут.',
    from: (i) => i.status === 'planned' || i.status === 'in_progress',
    state: 'Мероприятие уже отмечено выполненным или исключено.',
  },
  confirm: {
    roles: (w) => w.curator || w.manager,
    refusal: 'Подтвердить выполнение могут куратор маршрута или методист.',
    from: (i) => i.status === 'done' && i.confirmed_at === null,
    state: 'Подтвердить можно только выполненное и ещё не подтверждённое мероприятие.',
  },
  return: {
    roles: (w) => w.curator || w.manager,
    refusal: 'Вернуть мероприятие на доработку могут куратор маршрута или методист.',
    from: (i) => i.status === 'done' && i.confirmed_at === null,
    state: 'Вернуть на доработку можно только выполненное и ещё не подтверждённое мероприятие.',
  },
  // The plan is agreed by both sides: the teacher does not take an item out alone. They write to the
  // curator in the item's comments; the curator (or the methodist) drops it with the reason.
  drop: {
    roles: (w) => w.curator || w.manager,
    refusal: DROP_REFUSAL,
    from: (i) => i.status !== 'dropped' && !(i.status === 'done' && i.confirmed_at !== null),
    state: 'Мероприятие уже исключено или его выполнение подтверждено.',
  },
};

/** One item transition: route state, item state checked again in the UPDATE (… AND status = …). */
export async function itemTransition(
  db: Db,
  actor: Actor,
  id: string,
  itemId: string,
  action: ItemAction,
  payload: { evidence?: Evidence; text?: string } = {},
) {
  const rule = ITEM_RULES[action];
  return change(
    db,
    actor,
    id,
    (who) => (rule.roles(who) ? null : rule.refusal),
    async ({ tx, route }) => {
      const item = await findItem(tx, id, itemId);
      if (!item) throw notFound(ITEM_NOT_FOUND);
      if (action === 'drop' ? !isOpen(route.status) : route.status !== 'in_progress') {
        throw conflict(
          route.status === 'draft' || route.status === 'agreed'
            ? 'Маршрут ещё не начат: сначала согласуйте и начните его.'
            : `Маршрут ${ROUTE_STATUS_LABELS[route.status]}: мероприятия менять уже нельзя.`,
        );
      }
      if (!rule.from(item)) throw conflict(rule.state);
      const set = {
        start: sql`status = 'in_progress'`,
        done: sql`status = 'done', evidence = ${JSON.stringify(payload.evidence ?? null)}::jsonb,
                  confirmed_at = NULL, confirmed_by = NULL`,
        confirm: sql`confirmed_at = now(), confirmed_by = ${actor.userId}`,
        return: sql`status = 'in_progress'`,
        drop: sql`status = 'dropped', dropped_reason = ${payload.text ?? ''}`,
      }[action];
      const expected: ItemStatus = item.status;
      const [row] = await tx.query(sql`
        UPDATE learning_route_items SET ${set}
        WHERE id = ${itemId} AND status = ${expected}::route_item_status
          AND (confirmed_at IS NULL) = ${item.confirmed_at === null}
        RETURNING id`);
      if (!row) throw conflict('Мероприятие уже изменилось: обновите страницу.');
      const event = {
        start: { kind: 'item_status', text: `Начато мероприятие «${item.title}»` },
        done: { kind: 'evidence', text: `Мероприятие «${item.title}» выполнено, ждёт подтверждения` },
        confirm: { kind: 'confirmed', text: `Выполнение мероприятия «${item.title}» подтверждено` },
        return: { kind: 'returned', text: payload.text ?? '' },
        drop: { kind: 'item_status', text: `Мероприятие «${item.title}» исключено: ${payload.text ?? ''}` },
      }[action] as { kind: 'item_status' | 'evidence' | 'confirmed' | 'returned'; text: string };
      await insertEvent(tx, {
        routeId: id,
        itemId,
        authorUserId: actor.userId,
        kind: event.kind,
        text: event.text,
        data: {
          action,
          from: item.status,
          ...(payload.evidence ? { evidence: payload.evidence } : {}),
        },
      });
      await audit(tx, actor, route, `item_${action}` as const, {
        itemId,
        from: item.status,
        ...(payload.evidence ? { evidence: payload.evidence } : {}),
        ...(payload.text ? { text: payload.text } : {}),
      });
    },
  );
}

/** Evidence of a done item: an http(s) link, or a file the teacher uploaded themselves. */
export async function resolveEvidence(
  db: Db,
  actor: Actor,
  e:
    | { kind: 'link'; url: string; note?: string | undefined }
    | { kind: 'file'; fileId: string; note?: string | undefined },
): Promise<Evidence> {
  const note = e.note?.trim() ? { note: e.note.trim() } : {};
  if (e.kind === 'link') {
    let url: URL;
    try {
      url = new URL(e.url);
    } catch {
      url = new URL('invalid:');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw invalid('Ссылка должна начинаться с http:// или https://.', [
        { path: 'evidence.url', message: 'Укажите адрес страницы в интернете' },
      ]);
    }
    return { kind: 'link', url: url.toString(), ...note };
  }
  const [file] = await db.query<{ file_name: string; size: number }>(
    sql`SELECT file_name, size FROM stored_files WHERE id = ${e.fileId} AND uploaded_by = ${actor.userId}`,
  );
  if (!file) {
    throw invalid('Файл не найден: загрузите его заново.', [
      { path: 'evidence.fileId', message: 'Нет такого файла' },
    ]);
  }
  return { kind: 'file', fileId: e.fileId, fileName: file.file_name, size: file.size, ...note };
}

export async function addComment(db: Db, actor: Actor, id: string, text: string, itemId?: string) {
  return change(
    db,
    actor,
    id,
    (_who, route) => (canComment(actor, routeFacts(route)) ? null : COMMENT_REFUSAL),
    async ({ tx, route }) => {
      if (itemId && !(await findItem(tx, id, itemId))) throw notFound(ITEM_NOT_FOUND);
      await insertEvent(tx, {
        routeId: id,
        itemId: itemId ?? null,
        authorUserId: actor.userId,
        kind: 'comment',
        text,
      });
      await audit(tx, actor, route, 'comment', { itemId: itemId ?? null });
    },
  );
}

// ——— cabinets ———

export async function myRoutes(db: Db, actor: Actor) {
  if (!actor.personId) return { items: [] };
  const { rows } = await listRoutes(db, actor, { personId: actor.personId }, { limit: 200, offset: 0 });
  return { items: rows.map(presentSummary) };
}

export async function myCuratedRoutes(db: Db, actor: Actor) {
  const { rows } = await listRoutes(db, actor, { curatorUserId: actor.userId }, { limit: 5000, offset: 0 });
  await writeAudit(db, {
    actor,
    action: 'read',
    entity: 'learning_routes',
    details: { curated: true, rows: rows.length },
  });
  return {
    items: rows.map(presentSummary),
    awaitingConfirmation: rows.reduce((n, r) => n + r.items_awaiting, 0),
  };
}

export async function myConfirmations(db: Db, actor: Actor) {
  const rows = await db.query<{ route_id: string }>(sql`
    SELECT DISTINCT r.id AS route_id FROM learning_routes r
    JOIN learning_route_items i ON i.route_id = r.id
    WHERE r.curator_user_id = ${actor.userId} AND r.status = 'in_progress'
      AND i.status = 'done' AND i.confirmed_at IS NULL`);
  const routeIds = rows.map((r) => r.route_id);
  if (routeIds.length === 0) return { items: [] };
  const { rows: routes } = await listRoutes(
    db,
    actor,
    { curatorUserId: actor.userId },
    { limit: 5000, offset: 0 },
  );
  const byId = new Map(routes.map((r) => [r.id, r]));
  const items = (await listItems(db, routeIds)).filter((i) => i.status === 'done' && i.confirmed_at === null);
  await writeAudit(db, {
    actor,
    action: 'read',
    entity: 'route_confirmations',
    details: { rows: items.length },
  });
  return {
    items: items
      .filter((i) => byId.has(i.route_id))
      .map((i) => {
        const r = byId.get(i.route_id)!;
        return { routeId: r.id, fullName: r.full_name, organization: r.organization, item: presentItem(i) };
      }),
  };
}
