import { z } from 'zod';
import { registerFileReader } from '../../platform/files/stored-files.routes.ts';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { evidenceFileVisible } from './cards.repository.ts';
import {
  ZAssign,
  ZCandidates,
  ZCard,
  ZCardItem,
  ZDelegates,
  ZItemReview,
  ZItemSave,
  ZMyCards,
  ZReopen,
} from './cards.schemas.ts';
import {
  addDelegate,
  assignExpert,
  expertCandidates,
  getCard,
  listDelegates,
  listMyCards,
  removeDelegate,
  reopenCard,
  reviewItem,
  saveItem,
  submitCard,
  unassignExpert,
} from './cards.service.ts';

const ZId = z.object({ id: z.uuid() });
const ZItem = z.object({ id: z.uuid(), itemId: z.uuid() });
const tags = ['expert-cards'];

/** One organization's card: the head fills and submits, experts review, the methodist reopens and assigns. */
export function registerExpertCardRoutes(app: App, { db }: AppDeps): void {
  // Evidence files (uploaded by the head through /api/files) are read by whoever sees the card.
  registerFileReader(evidenceFileVisible);

  app.get(
    '/api/expert-cards/cards',
    {
      schema: {
        tags,
        summary: 'Мои экспертные карты: руководителя — своей организации, эксперта — назначенные',
        querystring: z.object({ campaignId: z.uuid().optional() }),
        response: { 200: ZMyCards },
      },
    },
    async (request) => listMyCards(db, actorOf(request), request.query),
  );

  app.get(
    '/api/expert-cards/cards/:id',
    {
      schema: {
        tags,
        summary: 'Экспертная карта: направления, показатели, ответы, проверка, история',
        params: ZId,
        response: { 200: ZCard },
      },
    },
    async (request) => getCard(db, actorOf(request), request.params.id),
  );

  app.put(
    '/api/expert-cards/cards/:id/items/:itemId',
    {
      schema: {
        tags,
        summary: 'Сохранить показатель (автосохранение; 409, если изменён другим, с текущим значением)',
        params: ZItem,
        body: ZItemSave,
        response: { 200: ZCardItem },
      },
    },
    async (request) => saveItem(db, actorOf(request), request.params.id, request.params.itemId, request.body),
  );

  app.post(
    '/api/expert-cards/cards/:id/submit',
    {
      schema: {
        tags,
        summary: 'Отправить карту на проверку (проверка полноты)',
        params: ZId,
        response: { 200: ZCard },
      },
    },
    async (request) => submitCard(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/expert-cards/cards/:id/items/:itemId/review',
    {
      schema: {
        tags,
        summary: 'Эксперт: принять показатель, изменить баллы с причиной или вернуть на исправление',
        params: ZItem,
        body: ZItemReview,
        response: { 200: ZCard },
      },
    },
    async (request) =>
      reviewItem(db, actorOf(request), request.params.id, request.params.itemId, request.body),
  );

  app.post(
    '/api/expert-cards/cards/:id/reopen',
    {
      schema: {
        tags,
        summary: 'Методист: открыть карту снова для руководителя (с причиной)',
        params: ZId,
        body: ZReopen,
        response: { 200: ZCard },
      },
    },
    async (request) => reopenCard(db, actorOf(request), request.params.id, request.body.reason),
  );

  app.get(
    '/api/expert-cards/cards/:id/expert-candidates',
    {
      schema: {
        tags,
        summary: 'Кого можно назначить экспертом карты (кроме работников этой организации)',
        params: ZId,
        response: { 200: ZCandidates },
      },
    },
    async (request) => expertCandidates(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/expert-cards/cards/:id/experts',
    {
      schema: {
        tags,
        summary: 'Назначить эксперта на карту',
        params: ZId,
        body: ZAssign,
        response: { 200: ZCard },
      },
    },
    async (request) => assignExpert(db, actorOf(request), request.params.id, request.body.expertId),
  );

  app.delete(
    '/api/expert-cards/cards/:id/experts/:expertId',
    {
      schema: {
        tags,
        summary: 'Снять эксперта с карты',
        params: z.object({ id: z.uuid(), expertId: z.uuid() }),
        response: { 200: ZCard },
      },
    },
    async (request) => unassignExpert(db, actorOf(request), request.params.id, request.params.expertId),
  );

  app.get(
    '/api/expert-cards/delegates',
    {
      schema: {
        tags,
        summary: 'Заместители, которым руководитель поручил заполнение экспертной карты',
        response: { 200: ZDelegates },
      },
    },
    async (request) => listDelegates(db, actorOf(request)),
  );

  app.post(
    '/api/expert-cards/delegates',
    {
      schema: {
        tags,
        summary: 'Поручить заполнение карты работнику своей организации',
        body: z.object({ userId: z.uuid() }),
        response: { 200: ZDelegates },
      },
    },
    async (request) => addDelegate(db, actorOf(request), request.body.userId),
  );

  app.delete(
    '/api/expert-cards/delegates/:userId',
    {
      schema: {
        tags,
        summary: 'Снять поручение',
        params: z.object({ userId: z.uuid() }),
        response: { 200: ZDelegates },
      },
    },
    async (request) => removeDelegate(db, actorOf(request), request.params.userId),
  );
}
