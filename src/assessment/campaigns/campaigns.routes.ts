import { z } from 'zod';
import { emit, jobOf } from '../../platform/events/events.ts';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { ZContent } from '../instruments/content.ts';
import {
  campaignProgress,
  closeCampaign,
  createCampaign,
  getCampaign,
  listCampaigns,
  openCampaign,
} from './campaigns.service.ts';
import { myAssessments, openMyAssessment, saveMyAnswer, submitMyAssessment } from './taking.service.ts';

const tags = ['assessment'];
const OWNER_LEVELS = ['system', 'region', 'municipality', 'organization'] as const;
const ORG_KINDS = ['preschool', 'school', 'additional', 'vocational', 'dpo', 'methodical_service'] as const;

const ZTarget = z.object({
  organizationIds: z.array(z.uuid()).max(5000).optional(),
  orgKinds: z.array(z.enum(ORG_KINDS)).max(10).optional(),
  subjects: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
  positions: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
  youngOnly: z.boolean().optional(),
});

const ZCampaign = z.object({
  id: z.string(),
  name: z.string(),
  ownerLevel: z.enum(OWNER_LEVELS),
  regionId: z.string().nullable(),
  municipalityId: z.string().nullable(),
  organizationId: z.string().nullable(),
  frameworkId: z.string().nullable(),
  status: z.enum(['draft', 'open', 'closed']),
  opensAt: z.string(),
  closesAt: z.string(),
  target: ZTarget.extend({ orgKinds: z.array(z.string()).optional() }),
  participantCount: z.number(),
  instruments: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  canManage: z.boolean(),
});

const ZInput = z.object({
  name: z.string().trim().min(3).max(300),
  frameworkId: z.uuid().nullable().optional(),
  instrumentIds: z.array(z.uuid()).min(1, 'Выберите хотя бы одну методику').max(20),
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
  target: ZTarget.default({}),
});

const ZId = z.object({ id: z.uuid() });
const ZSitting = z.object({ campaignId: z.uuid(), instrumentId: z.uuid() });
const ZAnswer = z.union([z.string().max(50), z.array(z.string().max(50)).max(30), z.number().finite()]);

const ZSheet = z.object({
  instrument: z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['test', 'self_assessment', 'burnout']),
    version: z.number(),
    content: ZContent,
  }),
  attempt: z.object({
    id: z.string(),
    status: z.enum(['started', 'submitted']),
    answers: z.record(z.string(), ZAnswer),
    startedAt: z.string(),
    submittedAt: z.string().nullable(),
  }),
  inWindow: z.boolean(),
});

export function registerCampaignRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/assessment-campaigns',
    {
      schema: {
        tags,
        summary: 'Кампании диагностики (волны) в зоне ответственности',
        response: { 200: z.object({ items: z.array(ZCampaign) }) },
      },
    },
    async (request) => ({ items: await listCampaigns(db, actorOf(request)) }),
  );

  app.post(
    '/api/assessment-campaigns',
    {
      schema: {
        tags,
        summary: 'Создать кампанию диагностики (уровень — по роли создателя)',
        body: ZInput,
        response: { 201: ZCampaign },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await createCampaign(db, actor, request.body);
      return reply.status(201).send(await getCampaign(db, actor, id));
    },
  );

  app.get(
    '/api/assessment-campaigns/:id',
    { schema: { tags, summary: 'Кампания диагностики', params: ZId, response: { 200: ZCampaign } } },
    async (request) => getCampaign(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/assessment-campaigns/:id/open',
    {
      schema: {
        tags,
        summary: 'Открыть кампанию: зафиксировать состав участников',
        params: ZId,
        response: { 200: ZCampaign },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await openCampaign(db, actor, request.params.id);
      return getCampaign(db, actor, request.params.id);
    },
  );

  app.post(
    '/api/assessment-campaigns/:id/close',
    {
      schema: {
        tags,
        summary: 'Закрыть кампанию и запустить формирование маршрутов по её результатам',
        params: ZId,
        response: { 200: ZCampaign.extend({ generationJobId: z.string().nullable() }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await closeCampaign(db, actor, request.params.id);
      const campaign = await getCampaign(db, actor, request.params.id);
      const outcome = await emit(
        'assessment.campaign-closed',
        { campaignId: campaign.id, frameworkId: campaign.frameworkId },
        { db, actor },
      );
      const generationJobId = jobOf(outcome, 'route-generation');
      return { ...campaign, generationJobId };
    },
  );

  app.get(
    '/api/assessment-campaigns/:id/progress',
    {
      schema: {
        tags,
        summary: 'Ход кампании по организациям: приглашены, начали, завершили',
        params: ZId,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                organizationId: z.string(),
                organizationName: z.string(),
                invited: z.number(),
                started: z.number(),
                submitted: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ items: await campaignProgress(db, actorOf(request), request.params.id) }),
  );

  app.get(
    '/api/my/assessments',
    {
      schema: {
        tags,
        summary: 'Мои диагностики: кампании, где я участник, и статус каждой методики',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                campaignId: z.string(),
                name: z.string(),
                status: z.enum(['draft', 'open', 'closed']),
                opensAt: z.string(),
                closesAt: z.string(),
                inWindow: z.boolean(),
                instruments: z.array(
                  z.object({
                    id: z.string(),
                    name: z.string(),
                    kind: z.string(),
                    status: z.enum(['not_started', 'started', 'submitted']),
                    submittedAt: z.string().nullable(),
                  }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ items: await myAssessments(db, actorOf(request)) }),
  );

  app.get(
    '/api/my/assessments/:campaignId/:instrumentId',
    {
      schema: {
        tags,
        summary: 'Пройти методику: вопросы без ключей и мои сохранённые ответы',
        params: ZSitting,
        response: { 200: ZSheet },
      },
    },
    async (request) =>
      openMyAssessment(db, actorOf(request), request.params.campaignId, request.params.instrumentId),
  );

  app.put(
    '/api/my/assessments/:campaignId/:instrumentId/answers/:itemId',
    {
      schema: {
        tags,
        summary: 'Сохранить ответ на один вопрос',
        params: ZSitting.extend({ itemId: z.string().min(1).max(50) }),
        body: z.object({ value: ZAnswer }),
        response: { 200: z.object({ itemId: z.string(), value: ZAnswer }) },
      },
    },
    async (request) =>
      saveMyAnswer(
        db,
        actorOf(request),
        request.params.campaignId,
        request.params.instrumentId,
        request.params.itemId,
        request.body.value,
      ),
  );

  app.post(
    '/api/my/assessments/:campaignId/:instrumentId/submit',
    {
      schema: {
        tags,
        summary: 'Отправить ответы (один раз): баллы по компетенциям и шкалам',
        params: ZSitting,
        response: {
          200: z.object({
            attemptId: z.string(),
            status: z.literal('submitted'),
            results: z.record(z.string(), z.number()),
            scales: z.unknown(),
          }),
        },
      },
    },
    async (request) =>
      submitMyAssessment(db, actorOf(request), request.params.campaignId, request.params.instrumentId),
  );
}
