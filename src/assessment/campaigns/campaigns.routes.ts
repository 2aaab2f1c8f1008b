import { z } from 'zod';
import { emit, jobOf } from '../../platform/events/events.ts';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { sendDownload } from '../../platform/import/import-template.ts';
import { exportCampaignProgress } from './campaign-progress.export.ts';
import {
  ZAnswerBody,
  ZAnswerParams,
  ZCampaign,
  ZCampaignInput,
  ZCampaignList,
  ZCampaignProgress,
  ZClosedCampaign,
  ZMyAssessments,
  ZSavedAnswer,
  ZSheet,
  ZSitting,
  ZSubmitted,
} from './campaigns.schemas.ts';
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
const ZId = z.object({ id: z.uuid() });

export function registerCampaignRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/assessment-campaigns',
    {
      schema: {
        tags,
        summary: 'Кампании диагностики (волны) в зоне ответственности',
        response: { 200: ZCampaignList },
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
        body: ZCampaignInput,
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
      await emit('assessment.campaign-opened', { campaignId: request.params.id }, { db, actor });
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
        response: { 200: ZClosedCampaign },
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
        response: { 200: ZCampaignProgress },
      },
    },
    async (request) => ({ items: await campaignProgress(db, actorOf(request), request.params.id) }),
  );

  app.get(
    '/api/assessment-campaigns/:id/progress/export',
    {
      schema: {
        tags,
        summary: 'Выгрузка хода кампании по организациям в XLSX или CSV (та же область, что на странице)',
        params: ZId,
        querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
      },
    },
    async (request, reply) =>
      sendDownload(
        reply,
        await exportCampaignProgress(db, actorOf(request), request.params.id, request.query.format),
      ),
  );

  app.get(
    '/api/my/assessments',
    {
      schema: {
        tags,
        summary: 'Мои диагностики: кампании, где я участник, и статус каждой методики',
        response: { 200: ZMyAssessments },
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
        params: ZAnswerParams,
        body: ZAnswerBody,
        response: { 200: ZSavedAnswer },
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
        response: { 200: ZSubmitted },
      },
    },
    async (request) =>
      submitMyAssessment(db, actorOf(request), request.params.campaignId, request.params.instrumentId),
  );
}
