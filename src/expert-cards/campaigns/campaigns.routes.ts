import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { ZBoard, ZCampaign, ZCampaignInput, ZCampaignList, ZOverdue, ZStarted } from './campaigns.schemas.ts';
import {
  campaignBoard,
  closeCampaign,
  createCampaign,
  getCampaign,
  listCampaigns,
  overdueList,
  scoreCampaign,
  startCampaign,
} from './campaigns.service.ts';

const ZId = z.object({ id: z.uuid() });
const tags = ['expert-cards'];

/** Campaigns of expert cards (004 §3.3): create, start, board, overdue, score, publish. */
export function registerExpertCampaignRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/expert-cards/campaigns',
    {
      schema: {
        tags,
        summary: 'Кампании экспертных карт (муниципалитета, региона — по роли)',
        response: { 200: ZCampaignList },
      },
    },
    async (request) => listCampaigns(db, actorOf(request)),
  );

  app.post(
    '/api/expert-cards/campaigns',
    {
      schema: {
        tags,
        summary: 'Создать кампанию учебного года: сроки этапов, шаблоны групп, основа максимума',
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
    '/api/expert-cards/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'Доска кампании: карты организаций, статусы, сроки, эксперты, баллы',
        params: ZId,
        response: { 200: ZBoard },
      },
    },
    async (request) => campaignBoard(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/expert-cards/campaigns/:id/start',
    {
      schema: {
        tags,
        summary: 'Начать кампанию: карта каждой организации группы, предзаполнение из данных платформы',
        params: ZId,
        response: { 200: ZStarted },
      },
    },
    async (request) => startCampaign(db, actorOf(request), request.params.id),
  );

  app.get(
    '/api/expert-cards/campaigns/:id/overdue',
    {
      schema: {
        tags,
        summary: 'Просроченные карты: не отправлены к сроку, не проверены к сроку',
        params: ZId,
        response: { 200: ZOverdue },
      },
    },
    async (request) => overdueList(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/expert-cards/campaigns/:id/score',
    {
      schema: {
        tags,
        summary: 'Подвести итоги: баллы по направлениям, уровень, место в группе',
        params: ZId,
        response: { 200: ZBoard },
      },
    },
    async (request) => scoreCampaign(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/expert-cards/campaigns/:id/close',
    {
      schema: {
        tags,
        summary: 'Опубликовать итоги и закрыть кампанию',
        params: ZId,
        response: { 200: ZCampaign },
      },
    },
    async (request) => closeCampaign(db, actorOf(request), request.params.id),
  );
}
