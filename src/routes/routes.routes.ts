/*
 * Learning routes: list, card, agreement, items with evidence and confirmation, effect, 003 measures.
 * Contract: «Route API contract / Routes». Additions to it (no field renamed or removed):
 * - every change (PATCH, agree, start, complete, cancel, items, comments) answers with the route card,
 *   the same object as GET /api/routes/:id; POST …/items and …/comments answer 201;
 * - progress is the share of items closed for completion: done and confirmed, or dropped (100 = the
 *   route may be completed); itemsDone counts status 'done' whether confirmed or not
 *   (itemsAwaitingConfirmation tells the unconfirmed apart); hoursPlanned leaves out dropped items;
 * - GET /api/routes/measures answers 003's route indicators from the indicator engine (measures.ts),
 *   for a year (default: the latest with targets), with their source; monitoring readers only;
 * - changing items of an agreed route (not yet started) returns it to draft and clears both agreements;
 * - RouteEvent.id is a string.
 */
import { z } from 'zod';
import { writeAudit } from '../platform/audit/audit.repository.ts';
import { sql } from '../platform/db/database.ts';
import { emit } from '../platform/events/events.ts';
import { registerStoredFileRoutes } from '../platform/files/stored-files.routes.ts';
import { type App, type AppDeps, actorOf } from '../platform/http/types.ts';
import { sendDownload } from '../platform/import/import-template.ts';
import { today as todayInZone } from '../platform/time/today.ts';
import { routeEffect, routeEffectSummary } from './effect.ts';
import { routeIndicators } from './measures.ts';
import { confirmItemMentor, listMentorSuggestions } from './routes.mentoring.ts';
import { ROUTE_SORTS, routeVisibility } from './routes.repository.ts';
import {
  addComment,
  addItem,
  agreeRoute,
  cancelRoute,
  completeRoute,
  deleteItem,
  editItem,
  exportRoutes,
  itemTransition,
  listRouteSummaries,
  myConfirmations,
  myCuratedRoutes,
  myRoutes,
  readRouteCard,
  resolveEvidence,
  startRoute,
  updateRoute,
} from './routes.service.ts';

const tags = ['routes'];
const ROUTE_STATUSES = ['draft', 'agreed', 'in_progress', 'completed', 'cancelled'] as const;
const ITEM_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
const ACTIVITY_KINDS = ['program', 'event', 'mentoring', 'self_education', 'internship'] as const;
const FORMS = ['formal', 'informal', 'self_education'] as const;
const EVENT_KINDS = [
  'created',
  'status',
  'agreed',
  'item_status',
  'evidence',
  'confirmed',
  'returned',
  'comment',
  'curator',
  'edited',
  'mentor',
] as const;

const ZPerson = z.object({ userId: z.string(), fullName: z.string() });
const ZCompetency = z.object({ id: z.string(), code: z.string(), name: z.string() });

const ZRouteSummary = z.object({
  id: z.string(),
  personId: z.string(),
  fullName: z.string(),
  organizationId: z.string().nullable(),
  organization: z.string().nullable(),
  status: z.enum(ROUTE_STATUSES),
  title: z.string(),
  curator: ZPerson.nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  itemsTotal: z.number(),
  itemsDone: z.number(),
  itemsAwaitingConfirmation: z.number(),
  hoursPlanned: z.number(),
  progress: z.number(),
  agreedByTeacherAt: z.string().nullable(),
  agreedByCuratorAt: z.string().nullable(),
  updatedAt: z.string(),
});

const ZEvidence = z.union([
  z.object({ kind: z.literal('link'), url: z.string(), note: z.string().optional() }),
  z.object({
    kind: z.literal('file'),
    fileId: z.string(),
    fileName: z.string(),
    size: z.number(),
    note: z.string().optional(),
  }),
  z
    .object({
      kind: z.literal('certificate'),
      certificateId: z.string(),
      serial: z.string(),
      verifyPath: z.string(),
      eventId: z.string(),
      registrationId: z.string(),
    })
    .describe('Сертификат участия: выполнение подтверждено отметкой о присутствии на мероприятии'),
  z
    .object({
      kind: z.literal('mentorship'),
      mentorshipId: z.string(),
      finishedOn: z.string(),
      mentorName: z.string(),
      outcome: z.string().nullable(),
    })
    .describe('Наставничество завершено с выполненной программой: пункт закрыт им'),
]);

const ZItemMentor = z
  .object({
    personId: z.string(),
    fullName: z.string(),
    state: z.enum(['suggested', 'active', 'finished']),
    mentorshipId: z.string().nullable(),
    startedOn: z.string().nullable(),
    finishedOn: z.string().nullable(),
  })
  .describe(
    'Наставник пункта «наставничество»: предложен, работает с педагогом или наставничество завершено',
  );

const ZItemEvent = z
  .object({
    id: z.string(),
    title: z.string(),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    registration: z
      .object({
        id: z.string(),
        status: z.enum(['pending', 'confirmed', 'waitlisted', 'cancelled', 'rejected']),
        statusName: z.string(),
        attended: z.boolean().nullable(),
      })
      .nullable()
      .describe('Последняя регистрация педагога маршрута на мероприятие (действующая — первой)'),
  })
  .describe('Мероприятие плана, на которое указывает пункт маршрута вида «event»');

const ZRouteItem = z.object({
  id: z.string(),
  position: z.number(),
  competency: ZCompetency.nullable(),
  competencies: z.array(ZCompetency),
  activityKind: z.enum(ACTIVITY_KINDS),
  activityId: z.string().nullable(),
  title: z.string(),
  form: z.enum(FORMS),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  hours: z.number(),
  expectedResult: z.string(),
  reason: z.string(),
  baselinePercent: z.number().nullable(),
  status: z.enum(ITEM_STATUSES),
  evidence: ZEvidence.nullable(),
  confirmedAt: z.string().nullable(),
  confirmedBy: ZPerson.nullable(),
  droppedReason: z.string().nullable(),
  event: ZItemEvent.nullable(),
  mentor: ZItemMentor.nullable(),
  material: z
    .object({ id: z.string(), title: z.string(), url: z.string().nullable() })
    .nullable()
    .describe('Материал банка практик, на который указывает пункт самообразования'),
});

const ZRouteEvent = z.object({
  id: z.string(),
  at: z.string(),
  author: ZPerson.nullable(),
  kind: z.enum(EVENT_KINDS),
  itemId: z.string().nullable(),
  text: z.string(),
  data: z.record(z.string(), z.unknown()),
});

const ZRouteCard = ZRouteSummary.extend({
  frameworkId: z.string().nullable(),
  campaignId: z.string().nullable(),
  baselineOn: z.string().nullable(),
  cancelledReason: z.string().nullable(),
  items: z.array(ZRouteItem),
  events: z.array(ZRouteEvent),
  permissions: z.object({
    agreeAsTeacher: z.boolean(),
    agreeAsCurator: z.boolean(),
    edit: z.boolean(),
    start: z.boolean(),
    complete: z.boolean(),
    cancel: z.boolean(),
    comment: z.boolean(),
    confirm: z.boolean(),
    assignCurator: z.boolean(),
  }),
});

const ZFilters = z.object({
  status: z.enum(ROUTE_STATUSES).optional(),
  organizationId: z.uuid().optional(),
  curatorUserId: z.uuid().optional(),
  withoutCurator: z.enum(['true']).optional().describe('Только маршруты без куратора (незавершённые)'),
  campaignId: z.uuid().optional(),
  competencyId: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
});

const ZId = z.object({ id: z.uuid() });
const ZItemId = z.object({ id: z.uuid(), itemId: z.uuid() });
const date = z.iso.date();

const ZItemInput = z.object({
  competencyId: z.uuid().nullable().optional(),
  activityKind: z.enum(ACTIVITY_KINDS),
  activityId: z.uuid().nullable().optional(),
  title: z.string().trim().min(2).max(500),
  form: z.enum(FORMS),
  plannedStart: date.nullable().optional(),
  plannedEnd: date.nullable().optional(),
  hours: z.number().int().min(0).max(2000),
  expectedResult: z.string().trim().max(2000).optional(),
});

const ZEvidenceInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('link'),
    url: z.string().trim().min(1).max(2000),
    note: z.string().max(1000).optional(),
  }),
  z.object({ kind: z.literal('file'), fileId: z.uuid(), note: z.string().max(1000).optional() }),
]);

const ZReason = z.string().trim().min(3, 'Укажите причину').max(2000);

const ZEffect = z.object({
  baselineOn: z.string().nullable(),
  competencies: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      before: z.number().nullable(),
      beforeLevel: z.enum(['deficit', 'partial', 'none']).nullable(),
      after: z.number().nullable(),
      afterLevel: z.enum(['deficit', 'partial', 'none']).nullable(),
      afterOn: z.string().nullable(),
      closed: z.boolean(),
    }),
  ),
});

const ZEffectSummary = z.object({
  competencies: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      withDeficitBefore: z.number(),
      reassessed: z.number(),
      closed: z.number(),
      stillDeficit: z.number(),
    }),
  ),
  routes: z.object({ total: z.number(), completed: z.number() }),
});

const ZNullableNumber = z.number().nullable();
const ZMeasures = z.object({
  year: z.number(),
  set: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
  source: z.object({
    kind: z.enum(['monitoring', 'live']),
    monitoringId: z.string().nullable(),
    name: z.string().nullable(),
    asOf: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
  }),
  organization: z.object({ id: z.string(), name: z.string() }).nullable(),
  indicators: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      value: ZNullableNumber,
      numerator: ZNullableNumber,
      denominator: ZNullableNumber,
      status: z.enum(['ok', 'empty_denominator', 'manual_missing', 'invalid_formula', 'no_data']),
      message: z.string(),
      target: ZNullableNumber,
      targetStatus: z.enum(['achieved', 'at_risk', 'not_achieved', 'no_data']).nullable(),
    }),
  ),
});

export function registerRouteLifeRoutes(app: App, deps: AppDeps): void {
  const { db } = deps;

  // A file proving a route item is readable by whoever sees that route.
  registerStoredFileRoutes(app, deps, [
    async (db, actor, fileId) => {
      const rows = await db.query(sql`
        SELECT 1 FROM learning_route_items i JOIN learning_routes r ON r.id = i.route_id JOIN people p ON p.id = r.person_id
        WHERE i.evidence->>'kind' = 'file' AND i.evidence->>'fileId' = ${fileId} AND ${routeVisibility(actor)} LIMIT 1`);
      return rows.length > 0;
    },
  ]);

  app.get(
    '/api/routes',
    {
      schema: {
        tags,
        summary: 'Индивидуальные образовательные маршруты в зоне видимости',
        querystring: ZFilters.extend({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(500).default(50),
          sort: z.enum(ROUTE_SORTS).default('fullName').describe('Столбец, по которому упорядочен список'),
          order: z.enum(['asc', 'desc']).default('asc'),
          after: z
            .string()
            .max(2000)
            .optional()
            .describe('nextCursor предыдущей страницы: следующая страница без OFFSET (page не учитывается)'),
        }),
        response: {
          200: z.object({
            total: z.number(),
            items: z.array(ZRouteSummary),
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => listRouteSummaries(db, actorOf(request), request.query),
  );

  app.get(
    '/api/routes/export',
    {
      schema: {
        tags,
        summary: 'Выгрузка списка маршрутов в XLSX или CSV',
        querystring: ZFilters.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      return sendDownload(reply, await exportRoutes(db, actorOf(request), filters, format));
    },
  );

  app.get(
    '/api/routes/effect-summary',
    {
      schema: {
        tags,
        summary: 'Эффект маршрутов по компетенциям: дефицит до, переоценены, закрыты',
        querystring: z.object({ frameworkId: z.uuid(), organizationId: z.uuid().optional() }),
        response: { 200: ZEffectSummary },
      },
    },
    async (request) => routeEffectSummary(db, actorOf(request), request.query),
  );

  app.get(
    '/api/routes/measures',
    {
      schema: {
        tags,
        summary: 'Показатели 2.1, 3.1, 6.1–6.6 (приказ 003) из расчёта показателей, с источником значений',
        querystring: z.object({
          organizationId: z.uuid().optional(),
          year: z.coerce.number().int().min(2000).max(2100).optional(),
        }),
        response: { 200: ZMeasures },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const measures = await routeIndicators(db, actor, request.query);
      await writeAudit(db, { actor, action: 'read', entity: 'route_measures', details: request.query });
      return measures;
    },
  );

  const ZCandidate = z.object({
    personId: z.string(),
    fullName: z.string(),
    organization: z.string(),
    category: z.string(),
    subjects: z.array(z.string()),
    freePlaces: z.number(),
    capacity: z.number(),
    fits: z
      .boolean()
      .describe('Подходит по правилам: тот же предмет, высшая или первая категория, есть места'),
  });
  app.get(
    '/api/routes/mentor-suggestions',
    {
      schema: {
        tags,
        summary: 'Пункты «наставничество» без открытого наставничества: предложенный наставник и другие',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                routeId: z.string(),
                itemId: z.string(),
                routeStatus: z.string(),
                person: z.object({
                  id: z.string(),
                  fullName: z.string(),
                  organization: z.string().nullable(),
                }),
                competency: ZCompetency.nullable(),
                baselinePercent: z.number().nullable(),
                title: z.string(),
                reason: z.string(),
                mentor: ZCandidate.nullable(),
                candidates: z.array(ZCandidate),
                canConfirm: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => listMentorSuggestions(db, actorOf(request), todayInZone()),
  );

  app.post(
    '/api/routes/:id/items/:itemId/mentor',
    {
      schema: {
        tags,
        summary: 'Подтвердить наставника пункта маршрута: открыть наставничество в программе школы',
        params: ZItemId,
        body: z.object({
          mentorPersonId: z.uuid().optional().describe('Другой наставник вместо предложенного'),
          startedOn: date.optional(),
        }),
        response: { 201: z.object({ mentorshipId: z.string(), route: ZRouteCard }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id, itemId } = request.params;
      const { mentorshipId } = await confirmItemMentor(db, actor, id, itemId, request.body, todayInZone());
      await emit('mentoring.pair-opened', { mentorshipId }, { db, actor });
      return reply.status(201).send({ mentorshipId, route: await readRouteCard(db, actor, id) });
    },
  );

  app.get(
    '/api/routes/:id',
    {
      schema: { tags, summary: 'Карточка маршрута', params: ZId, response: { 200: ZRouteCard } },
    },
    async (request) => readRouteCard(db, actorOf(request), request.params.id),
  );

  app.get(
    '/api/routes/:id/effect',
    {
      schema: {
        tags,
        summary: 'Эффект маршрута: результат до и после',
        params: ZId,
        response: { 200: ZEffect },
      },
    },
    async (request) => routeEffect(db, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/routes/:id',
    {
      schema: {
        tags,
        summary: 'Изменить название, сроки или куратора маршрута',
        params: ZId,
        body: z.object({
          title: z.string().trim().min(3).max(300).optional(),
          periodStart: date.optional(),
          periodEnd: date.optional(),
          curatorUserId: z.uuid().nullable().optional(),
        }),
        response: { 200: ZRouteCard },
      },
    },
    async (request) => updateRoute(db, actorOf(request), request.params.id, request.body),
  );

  const simple = [
    ['agree', 'Согласовать маршрут (педагог или куратор)', agreeRoute],
    ['start', 'Начать выполнение маршрута', startRoute],
    ['complete', 'Завершить маршрут', completeRoute],
  ] as const;
  for (const [action, summary, fn] of simple) {
    app.post(
      `/api/routes/:id/${action}`,
      { schema: { tags, summary, params: ZId, response: { 200: ZRouteCard } } },
      async (request) => {
        const actor = actorOf(request);
        const card = await fn(db, actor, request.params.id);
        if (action === 'agree') await emit('routes.agreed', { routeId: request.params.id }, { db, actor });
        return card;
      },
    );
  }

  app.post(
    '/api/routes/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Отменить маршрут с указанием причины',
        params: ZId,
        body: z.object({ reason: ZReason }),
        response: { 200: ZRouteCard },
      },
    },
    async (request) => cancelRoute(db, actorOf(request), request.params.id, request.body.reason),
  );

  app.post(
    '/api/routes/:id/items',
    {
      schema: {
        tags,
        summary: 'Добавить мероприятие в маршрут',
        params: ZId,
        body: ZItemInput,
        response: { 201: ZRouteCard },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addItem(db, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/routes/:id/items/:itemId',
    {
      schema: {
        tags,
        summary: 'Изменить мероприятие (только в черновике)',
        params: ZItemId,
        body: ZItemInput.partial(),
        response: { 200: ZRouteCard },
      },
    },
    async (request) => editItem(db, actorOf(request), request.params.id, request.params.itemId, request.body),
  );

  app.delete(
    '/api/routes/:id/items/:itemId',
    {
      schema: {
        tags,
        summary: 'Удалить мероприятие (только в черновике)',
        params: ZItemId,
        response: { 200: ZRouteCard },
      },
    },
    async (request) => deleteItem(db, actorOf(request), request.params.id, request.params.itemId),
  );

  app.post(
    '/api/routes/:id/items/:itemId/start',
    { schema: { tags, summary: 'Начать мероприятие', params: ZItemId, response: { 200: ZRouteCard } } },
    async (request) =>
      itemTransition(db, actorOf(request), request.params.id, request.params.itemId, 'start'),
  );

  app.post(
    '/api/routes/:id/items/:itemId/done',
    {
      schema: {
        tags,
        summary: 'Отметить мероприятие выполненным со ссылкой или файлом-подтверждением',
        params: ZItemId,
        body: z.object({ evidence: ZEvidenceInput }),
        response: { 200: ZRouteCard },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const evidence = await resolveEvidence(db, actor, request.body.evidence);
      const card = await itemTransition(db, actor, request.params.id, request.params.itemId, 'done', {
        evidence,
      });
      await emit(
        'routes.item-done',
        { routeId: request.params.id, itemId: request.params.itemId },
        { db, actor },
      );
      return card;
    },
  );

  app.post(
    '/api/routes/:id/items/:itemId/confirm',
    {
      schema: {
        tags,
        summary: 'Подтвердить выполнение мероприятия',
        params: ZItemId,
        response: { 200: ZRouteCard },
      },
    },
    async (request) =>
      itemTransition(db, actorOf(request), request.params.id, request.params.itemId, 'confirm'),
  );

  app.post(
    '/api/routes/:id/items/:itemId/return',
    {
      schema: {
        tags,
        summary: 'Вернуть мероприятие на доработку с комментарием',
        params: ZItemId,
        body: z.object({ comment: z.string().trim().min(3, 'Напишите, что доработать').max(2000) }),
        response: { 200: ZRouteCard },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id, itemId } = request.params;
      const card = await itemTransition(db, actor, id, itemId, 'return', { text: request.body.comment });
      await emit('routes.item-returned', { routeId: id, itemId }, { db, actor });
      return card;
    },
  );

  app.post(
    '/api/routes/:id/items/:itemId/drop',
    {
      schema: {
        tags,
        summary: 'Исключить мероприятие с указанием причины',
        params: ZItemId,
        body: z.object({ reason: ZReason }),
        response: { 200: ZRouteCard },
      },
    },
    async (request) =>
      itemTransition(db, actorOf(request), request.params.id, request.params.itemId, 'drop', {
        text: request.body.reason,
      }),
  );

  app.post(
    '/api/routes/:id/comments',
    {
      schema: {
        tags,
        summary: 'Комментарий к маршруту или мероприятию',
        params: ZId,
        body: z.object({ text: z.string().trim().min(1).max(4000), itemId: z.uuid().optional() }),
        response: { 201: ZRouteCard },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await addComment(db, actorOf(request), request.params.id, request.body.text, request.body.itemId),
        ),
  );

  app.get(
    '/api/my/routes',
    {
      schema: {
        tags,
        summary: 'Мои маршруты (педагог)',
        response: { 200: z.object({ items: z.array(ZRouteSummary) }) },
      },
    },
    async (request) => myRoutes(db, actorOf(request)),
  );

  app.get(
    '/api/my/curated-routes',
    {
      schema: {
        tags,
        summary: 'Маршруты, где я куратор',
        response: { 200: z.object({ items: z.array(ZRouteSummary), awaitingConfirmation: z.number() }) },
      },
    },
    async (request) => myCuratedRoutes(db, actorOf(request)),
  );

  app.get(
    '/api/my/confirmations',
    {
      schema: {
        tags,
        summary: 'Мероприятия, ждущие моего подтверждения',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                routeId: z.string(),
                fullName: z.string(),
                organization: z.string().nullable(),
                item: ZRouteItem,
              }),
            ),
          }),
        },
      },
    },
    async (request) => myConfirmations(db, actorOf(request)),
  );
}
