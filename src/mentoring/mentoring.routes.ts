import { z } from 'zod';
import { emit } from '../platform/events/events.ts';
import { type App, type AppDeps, actorOf } from '../platform/http/types.ts';
import {
  ZDeficitList,
  ZFinish,
  ZGoalCreate,
  ZMentor,
  ZMentorCreate,
  ZMentoringSettings,
  ZMentorPatch,
  ZMyMentoring,
  ZPairCard,
  ZPairCreate,
  ZPairList,
  ZPairQuery,
  ZPersonHistory,
  ZPlanItemCreate,
  ZPlanItemPatch,
  ZProgramCard,
  ZProgramCreate,
  ZProgramFields,
  ZProgramList,
  ZReportCreate,
  ZSummary,
  ZWarningList,
  ZWarningQuery,
} from './mentoring.schemas.ts';
import {
  appointMentor,
  changeMentorCapacity,
  createProgram,
  type Deps,
  editProgram,
  getProgramCard,
  listProgramsFor,
} from './mentoring.service.ts';
import {
  changeMentoringSettings,
  readMentoringSettings,
  summary,
  warnings,
} from './mentoring-warnings.service.ts';
import {
  addGoal,
  addPlanItem,
  addReport,
  createPair,
  finish,
  getPairCard,
  listPairsFor,
  markPlan,
  myMentoring,
  pairDeficits,
  personHistory,
} from './mentorships.service.ts';

const ZId = z.object({ id: z.uuid() });
const tags = ['mentoring'];

/** The mentoring context: programs, mentors, pairs and groups, their goals, plans and reports. */
export function registerMentoringRoutes(app: App, { db }: AppDeps, extra: Partial<Deps> = {}): void {
  const deps: Deps = { db, ...extra };

  app.get(
    '/api/mentoring/programs',
    {
      schema: {
        tags,
        summary: 'Программы наставничества, видимые пользователю',
        querystring: z.object({ organizationId: z.uuid().optional() }),
        response: { 200: ZProgramList },
      },
    },
    async (request) => listProgramsFor(deps, actorOf(request), request.query),
  );

  app.post(
    '/api/mentoring/programs',
    {
      schema: {
        tags,
        summary: 'Создать программу наставничества организации (руководитель ОО)',
        body: ZProgramCreate,
        response: { 201: ZProgramCard },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await createProgram(deps, actor, request.body);
      return reply.status(201).send(await getProgramCard(deps, actor, id));
    },
  );

  app.get(
    '/api/mentoring/programs/:id',
    {
      schema: {
        tags,
        summary: 'Программа наставничества с наставниками и их загрузкой',
        params: ZId,
        response: { 200: ZProgramCard },
      },
    },
    async (request) => getProgramCard(deps, actorOf(request), request.params.id),
  );

  app.put(
    '/api/mentoring/programs/:id',
    {
      schema: {
        tags,
        summary: 'Изменить программу наставничества',
        params: ZId,
        body: ZProgramFields,
        response: { 200: ZProgramCard },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await editProgram(deps, actor, request.params.id, request.body);
      return getProgramCard(deps, actor, request.params.id);
    },
  );

  app.post(
    '/api/mentoring/programs/:id/mentors',
    {
      schema: {
        tags,
        summary: 'Назначить наставника программы (по приказу), с числом мест',
        params: ZId,
        body: ZMentorCreate,
        response: { 201: ZProgramCard },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await appointMentor(deps, actor, request.params.id, request.body);
      return reply.status(201).send(await getProgramCard(deps, actor, request.params.id));
    },
  );

  app.patch(
    '/api/mentoring/mentors/:id',
    {
      schema: {
        tags,
        summary: 'Изменить число мест наставника',
        params: ZId,
        body: ZMentorPatch,
        response: { 200: ZMentor },
      },
    },
    async (request) => changeMentorCapacity(deps, actorOf(request), request.params.id, request.body.capacity),
  );

  app.get(
    '/api/mentoring/pairs',
    {
      schema: {
        tags,
        summary: 'Пары и группы наставничества (фильтры: программа, статус, форма, наставник, поиск)',
        querystring: ZPairQuery,
        response: { 200: ZPairList },
      },
    },
    async (request) => listPairsFor(deps, actorOf(request), request.query),
  );

  app.post(
    '/api/mentoring/programs/:id/pairs',
    {
      schema: {
        tags,
        summary: 'Назначить наставника педагогу (пара) или группе',
        params: ZId,
        body: ZPairCreate,
        response: { 201: ZPairCard },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await createPair(deps, actor, request.params.id, request.body);
      // The mentor and the mentees are told (after the pair's transaction committed).
      await emit('mentoring.pair-opened', { mentorshipId: id }, { db: deps.db, actor });
      return reply.status(201).send(await getPairCard(deps, actor, id));
    },
  );

  app.get(
    '/api/mentoring/pairs/:id',
    {
      schema: {
        tags,
        summary: 'Наставничество: цели (до и после), план, отчёты',
        params: ZId,
        response: { 200: ZPairCard },
      },
    },
    async (request) => getPairCard(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/mentoring/pairs/:id/deficits',
    {
      schema: {
        tags,
        summary: 'Текущие дефициты наставляемых: из них выбирают цели',
        params: ZId,
        response: { 200: ZDeficitList },
      },
    },
    async (request) => pairDeficits(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/mentoring/pairs/:id/goals',
    {
      schema: {
        tags,
        summary: 'Поставить цель по дефициту наставляемого',
        params: ZId,
        body: ZGoalCreate,
        response: { 201: ZPairCard },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await addGoal(deps, actor, request.params.id, request.body);
      return reply.status(201).send(await getPairCard(deps, actor, request.params.id));
    },
  );

  app.post(
    '/api/mentoring/pairs/:id/plan',
    {
      schema: {
        tags,
        summary: 'Добавить встречу или задание в план наставничества',
        params: ZId,
        body: ZPlanItemCreate,
        response: { 201: ZPairCard },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await addPlanItem(deps, actor, request.params.id, request.body);
      return reply.status(201).send(await getPairCard(deps, actor, request.params.id));
    },
  );

  app.patch(
    '/api/mentoring/plan-items/:id',
    {
      schema: {
        tags,
        summary: 'Отметить встречу или задание выполненным (наставник)',
        params: ZId,
        body: ZPlanItemPatch,
        response: { 200: ZPairCard },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const pairId = await markPlan(deps, actor, request.params.id, request.body.done);
      return getPairCard(deps, actor, pairId);
    },
  );

  app.post(
    '/api/mentoring/pairs/:id/reports',
    {
      schema: {
        tags,
        summary: 'Отчёт наставника или наставляемого',
        params: ZId,
        body: ZReportCreate,
        response: { 201: ZPairCard },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await addReport(deps, actor, request.params.id, request.body);
      return reply.status(201).send(await getPairCard(deps, actor, request.params.id));
    },
  );

  app.post(
    '/api/mentoring/pairs/:id/finish',
    {
      schema: {
        tags,
        summary: 'Завершить наставничество: причина и достижение целей',
        params: ZId,
        body: ZFinish,
        response: { 200: ZPairCard },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await finish(deps, actor, request.params.id, request.body);
      await emit('mentoring.finished', { mentorshipId: request.params.id }, { db, actor });
      return getPairCard(deps, actor, request.params.id);
    },
  );

  app.get(
    '/api/my/mentoring',
    {
      schema: {
        tags,
        summary: 'Мой наставник и мои наставляемые',
        response: { 200: ZMyMentoring },
      },
    },
    async (request) => myMentoring(deps, actorOf(request)),
  );

  app.get(
    '/api/people/:id/mentorships',
    {
      schema: {
        tags,
        summary: 'История наставничества педагога во всех организациях',
        params: ZId,
        response: { 200: ZPersonHistory },
      },
    },
    async (request) => personHistory(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/mentoring/warnings',
    {
      schema: {
        tags,
        summary: 'Молодые специалисты без наставника через N недель после начала работы',
        querystring: ZWarningQuery,
        response: { 200: ZWarningList },
      },
    },
    async (request) => warnings(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/mentoring/summary',
    {
      schema: {
        tags,
        summary: 'Наставничество по организациям: программы, наставники, пары, молодые специалисты',
        response: { 200: ZSummary },
      },
    },
    async (request) => summary(deps, actorOf(request)),
  );

  app.get(
    '/api/mentoring/settings',
    {
      schema: { tags, summary: 'Настройки наставничества', response: { 200: ZMentoringSettings } },
    },
    async (request) => {
      actorOf(request);
      return readMentoringSettings(db);
    },
  );

  app.put(
    '/api/mentoring/settings',
    {
      schema: {
        tags,
        summary: 'Изменить настройки наставничества (администратор)',
        body: ZMentoringSettings,
        response: { 200: ZMentoringSettings },
      },
    },
    async (request) => changeMentoringSettings(deps, actorOf(request), request.body),
  );
}
