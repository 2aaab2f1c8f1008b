import { z } from 'zod';
import type { Actor } from '../platform/auth/actor.ts';
import { forbidden, notFound } from '../platform/errors.ts';
import { emit } from '../platform/events/events.ts';
import { type App, type AppDeps, actorOf } from '../platform/http/types.ts';
import {
  IMPORT_DESCRIPTION,
  importRefusedSchema,
  importReportSchema,
  ZImportQuery,
} from '../platform/import/import.schemas.ts';
import { runImport } from '../platform/import/import-run.ts';
import { importerTemplate, sendDownload } from '../platform/import/import-template.ts';
import { importAnswer, readUploadedFile } from '../platform/import/import-upload.ts';
import { registerAttendanceRoutes } from './attendance.routes.ts';
import { registerCheckInRoutes } from './check-in/check-in.routes.ts';
import { registerContestRoutes } from './contests/contests.routes.ts';
import { PLAN_COLUMNS, PLAN_TEMPLATE, planImporter } from './events.importer.ts';
import { canManagePlan } from './events.policy.ts';
import { findPlan } from './events.repository.ts';
import {
  ZEventCard,
  ZEventFields,
  ZEventList,
  ZEventQuery,
  ZNominate,
  ZPlan,
  ZPlanCreate,
  ZPlanList,
  ZPlanPatch,
  ZPlanQuery,
  ZRegistration,
  ZRegistrationList,
  ZRegistrationResult,
} from './events.schemas.ts';
import {
  approve,
  cancelRegistration,
  createEvent,
  createPlan,
  decideRegistration,
  editEvent,
  eventRegistrations,
  exportPlan,
  exportPlanDocx,
  getEventCard,
  getPlan,
  listPlanEvents,
  listPlansFor,
  myRegistrations,
  nominate,
  registerSelf,
  removeEvent,
  renamePlan,
} from './events.service.ts';
import { registerPlanResultRoutes } from './results/results.routes.ts';

const ZId = z.object({ id: z.uuid() });
const tags = ['events'];

export const ZPlanImportReport = importReportSchema(z.enum(['event_plan']));

/** The events context: plans of methodical events, their events and registrations. */
export function registerEventRoutes(app: App, { db, config }: AppDeps): void {
  const deps = { db };
  /** Those given a seat from the waiting list hear of it (after the change has committed). */
  const tellPromoted = async (registrationIds: string[], actor: Actor) => {
    if (registrationIds.length > 0)
      await emit('events.registrations-changed', { registrationIds, change: 'promoted' }, { db, actor });
  };

  app.get(
    '/api/event-plans',
    {
      schema: {
        tags,
        summary: 'Планы мероприятий, видимые пользователю',
        querystring: ZPlanQuery,
        response: { 200: ZPlanList },
      },
    },
    async (request) => listPlansFor(deps, actorOf(request), request.query),
  );

  app.post(
    '/api/event-plans',
    {
      schema: {
        tags,
        summary: 'Создать план мероприятий на учебный год (черновик)',
        body: ZPlanCreate,
        response: { 201: ZPlan },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await createPlan(deps, actor, request.body);
      return reply.status(201).send(await getPlan(deps, actor, id));
    },
  );

  app.get(
    '/api/event-plans/:id',
    { schema: { tags, summary: 'План мероприятий', params: ZId, response: { 200: ZPlan } } },
    async (request) => getPlan(deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/event-plans/:id',
    {
      schema: {
        tags,
        summary: 'Переименовать план',
        params: ZId,
        body: ZPlanPatch,
        response: { 200: ZPlan },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await renamePlan(deps, actor, request.params.id, request.body.title);
      return getPlan(deps, actor, request.params.id);
    },
  );

  app.post(
    '/api/event-plans/:id/approve',
    {
      schema: {
        tags,
        summary: 'Утвердить план (руководитель органа управления образованием)',
        params: ZId,
        response: { 200: ZPlan },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await approve(deps, actor, request.params.id);
      return getPlan(deps, actor, request.params.id);
    },
  );

  app.get(
    '/api/event-plans/:id/events',
    {
      schema: {
        tags,
        summary: 'Мероприятия плана (фильтры: вид, уровень, месяц, поиск)',
        params: ZId,
        querystring: ZEventQuery,
        response: { 200: ZEventList },
      },
    },
    async (request) => listPlanEvents(deps, actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/event-plans/:id/export',
    {
      schema: {
        tags,
        summary: 'Выгрузка плана в XLSX (форма таблицы «Планирование мероприятий»)',
        params: ZId,
        querystring: ZEventQuery,
      },
    },
    async (request, reply) =>
      sendDownload(reply, await exportPlan(deps, actorOf(request), request.params.id, request.query)),
  );

  app.get(
    '/api/event-plans/:id/docx',
    {
      schema: {
        tags,
        summary: 'План в DOCX для подписи («УТВЕРЖДАЮ» или «ПРОЕКТ», форма таблицы 2)',
        params: ZId,
      },
    },
    async (request, reply) =>
      sendDownload(reply, await exportPlanDocx(deps, actorOf(request), request.params.id)),
  );

  app.post(
    '/api/event-plans/:id/events',
    {
      schema: {
        tags,
        summary: 'Добавить мероприятие в план',
        params: ZId,
        body: ZEventFields,
        response: { 201: ZEventCard },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await createEvent(deps, actor, request.params.id, request.body);
      return reply.status(201).send(await getEventCard(deps, actor, id));
    },
  );

  app.get(
    '/api/event-plans/template',
    {
      schema: {
        tags,
        summary: 'Шаблон файла загрузки плана мероприятий',
        querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
      },
    },
    async (request, reply) => {
      const file = await importerTemplate(
        { columns: PLAN_COLUMNS, template: PLAN_TEMPLATE },
        request.query.format,
      );
      return sendDownload(reply, file);
    },
  );

  app.post(
    '/api/event-plans/:id/import',
    {
      schema: {
        tags,
        summary: 'Загрузка мероприятий плана из XLSX или CSV (поле формы «file»)',
        description: IMPORT_DESCRIPTION,
        consumes: ['multipart/form-data'],
        params: ZId,
        querystring: ZImportQuery,
        response: { 200: ZPlanImportReport, 422: importRefusedSchema(ZPlanImportReport) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const plan = await findPlan(db, actor, request.params.id);
      if (!plan) throw notFound('План мероприятий не найден.');
      if (!canManagePlan(actor, plan)) throw forbidden('Загрузить мероприятия может тот, кто ведёт план.');
      const file = await readUploadedFile(request);
      const { dryRun, mode } = request.query;
      const report = await runImport(db, planImporter(plan), { actor, ...file, mode, dryRun });
      const { status, body } = importAnswer(request, report, mode);
      return reply.status(status).send(body);
    },
  );

  app.get(
    '/api/events/:id',
    {
      schema: {
        tags,
        summary: 'Мероприятие: сведения и регистрация для пользователя',
        params: ZId,
        response: { 200: ZEventCard },
      },
    },
    async (request) => getEventCard(deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/events/:id',
    {
      schema: {
        tags,
        summary: 'Изменить мероприятие',
        params: ZId,
        body: ZEventFields.partial(),
        response: { 200: ZEventCard },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { promotedIds } = await editEvent(deps, actor, request.params.id, request.body);
      await tellPromoted(promotedIds, actor);
      return getEventCard(deps, actor, request.params.id);
    },
  );

  app.delete(
    '/api/events/:id',
    {
      schema: {
        tags,
        summary: 'Удалить мероприятие без регистраций',
        params: ZId,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeEvent(deps, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/events/:id/registrations',
    {
      schema: {
        tags,
        summary:
          'Регистрации на мероприятие: все (организатору), сотрудников (руководителю ОО), свои (педагогу)',
        params: ZId,
        response: { 200: ZRegistrationList },
      },
    },
    async (request) => eventRegistrations(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/events/:id/register',
    {
      schema: {
        tags,
        summary: 'Зарегистрироваться на мероприятие (педагог из целевой группы)',
        params: ZId,
        response: { 201: ZRegistrationResult },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await registerSelf(deps, actorOf(request), request.params.id)),
  );

  app.post(
    '/api/events/:id/nominations',
    {
      schema: {
        tags,
        summary: 'Направить сотрудника на мероприятие (руководитель ОО)',
        params: ZId,
        body: ZNominate,
        response: { 201: ZRegistrationResult },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const r = await nominate(deps, actor, request.params.id, request.body.personId);
      await emit(
        'events.registrations-changed',
        { registrationIds: [r.id], change: 'nominated' },
        { db, actor },
      );
      return reply.status(201).send(r);
    },
  );

  app.get(
    '/api/my/event-registrations',
    { schema: { tags, summary: 'Мои регистрации на мероприятия', response: { 200: ZRegistrationList } } },
    async (request) => myRegistrations(deps, actorOf(request)),
  );

  app.post(
    '/api/event-registrations/:id/cancel',
    { schema: { tags, summary: 'Отменить регистрацию', params: ZId, response: { 200: ZRegistration } } },
    async (request) => {
      const actor = actorOf(request);
      const { promotedIds, ...r } = await cancelRegistration(deps, actor, request.params.id);
      await tellPromoted(promotedIds, actor);
      return r;
    },
  );

  app.post(
    '/api/event-registrations/:id/decision',
    {
      schema: {
        tags,
        summary: 'Подтвердить или отклонить заявку (организатор)',
        params: ZId,
        body: z.object({ decision: z.enum(['confirmed', 'rejected']) }),
        response: { 200: ZRegistration },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { decision } = request.body;
      const { promotedIds, ...r } = await decideRegistration(deps, actor, request.params.id, decision);
      await emit(
        'events.registrations-changed',
        { registrationIds: [r.id], change: decision },
        { db, actor },
      );
      await tellPromoted(promotedIds, actor);
      return r;
    },
  );

  registerAttendanceRoutes(app, { db, config });
  registerPlanResultRoutes(app, { db, config });
  registerContestRoutes(app, { db, config });
  registerCheckInRoutes(app, { db, config });
}
