import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../platform/http/types.ts';
import {
  ZAccess,
  ZClose,
  ZItemCreate,
  ZItemPatch,
  ZPlan,
  ZPlanList,
  ZPlanQuery,
  ZSummary,
  ZWellbeingSettings,
} from './wellbeing.schemas.ts';
import {
  addItem,
  changeItem,
  changeWellbeingSettings,
  closePlan,
  type Deps,
  getPlan,
  listSchoolPlans,
  mySupport,
  readWellbeingSettings,
  summary,
  wellbeingAccess,
} from './wellbeing.service.ts';

const ZId = z.object({ id: z.uuid() });
const tags = ['wellbeing'];

/** Burnout support: the school's plans, the teacher's own, the municipal counts, the follow-up setting. */
export function registerWellbeingRoutes(app: App, { db }: AppDeps, extra: Partial<Deps> = {}): void {
  const deps: Deps = { db, ...extra };

  app.get(
    '/api/wellbeing/access',
    {
      schema: {
        tags,
        summary: 'Что пользователю доступно в поддержке педагогов',
        response: { 200: ZAccess },
      },
    },
    async (request) => wellbeingAccess(deps, actorOf(request)),
  );

  app.get(
    '/api/wellbeing/plans',
    {
      schema: {
        tags,
        summary: 'Планы поддержки педагогов школы (руководитель, педагог-психолог)',
        querystring: ZPlanQuery,
        response: { 200: ZPlanList },
      },
    },
    async (request) => listSchoolPlans(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/wellbeing/plans/:id',
    { schema: { tags, summary: 'План поддержки', params: ZId, response: { 200: ZPlan } } },
    async (request) => getPlan(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/wellbeing/plans/:id/items',
    {
      schema: {
        tags,
        summary: 'Добавить пункт плана поддержки',
        params: ZId,
        body: ZItemCreate,
        response: { 201: ZPlan },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addItem(deps, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/wellbeing/plans/:id/items/:itemId',
    {
      schema: {
        tags,
        summary: 'Отметить выполнение или изменить пункт плана поддержки',
        params: z.object({ id: z.uuid(), itemId: z.uuid() }),
        body: ZItemPatch,
        response: { 200: ZPlan },
      },
    },
    async (request) =>
      changeItem(deps, actorOf(request), request.params.id, request.params.itemId, request.body),
  );

  app.post(
    '/api/wellbeing/plans/:id/close',
    {
      schema: {
        tags,
        summary: 'Закрыть план поддержки с итогом',
        params: ZId,
        body: ZClose,
        response: { 200: ZPlan },
      },
    },
    async (request) => closePlan(deps, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/my/support',
    { schema: { tags, summary: 'Мои планы поддержки', response: { 200: ZPlanList } } },
    async (request) => mySupport(deps, actorOf(request)),
  );

  app.get(
    '/api/wellbeing/summary',
    {
      schema: {
        tags,
        summary: 'Сводка по организациям: высокий риск, планы, повторные скрининги (без имён)',
        response: { 200: ZSummary },
      },
    },
    async (request) => summary(deps, actorOf(request)),
  );

  app.get(
    '/api/wellbeing/settings',
    { schema: { tags, summary: 'Срок повторного скрининга', response: { 200: ZWellbeingSettings } } },
    async () => readWellbeingSettings(db),
  );

  app.put(
    '/api/wellbeing/settings',
    {
      schema: {
        tags,
        summary: 'Изменить срок повторного скрининга (администратор)',
        body: ZWellbeingSettings,
        response: { 200: ZWellbeingSettings },
      },
    },
    async (request) => changeWellbeingSettings(deps, actorOf(request), request.body),
  );
}
