import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { sendDownload } from '../../platform/import/import-template.ts';
import { ZCampaignResults } from './results.schemas.ts';
import { campaignWorkbook, cardDocument, resultsOf } from './results.service.ts';

const ZId = z.object({ id: z.uuid() });
const tags = ['expert-cards'];

/** Results of a campaign, its XLSX of every card, one card as DOCX to sign. */
export function registerExpertResultRoutes(app: App, { db }: AppDeps): void {
  // Links to evidence files in the documents point back at this server.
  const origin = (r: { protocol: string; headers: { host?: string } }) =>
    `${r.protocol}://${r.headers.host ?? ''}`;

  app.get(
    '/api/expert-cards/campaigns/:id/results',
    {
      schema: {
        tags,
        summary:
          'Итоги кампании: уровни по группам, рейтинг, слабые направления и показатели, сравнение с прошлым годом',
        params: ZId,
        response: { 200: ZCampaignResults },
      },
    },
    async (request) => resultsOf(db, actorOf(request), request.params.id),
  );

  app.get(
    '/api/expert-cards/campaigns/:id/export.xlsx',
    { schema: { tags, summary: 'Все карты кампании с каждым показателем (XLSX)', params: ZId } },
    async (request, reply) =>
      sendDownload(reply, await campaignWorkbook(db, actorOf(request), request.params.id, origin(request))),
  );

  app.get(
    '/api/expert-cards/cards/:id/card.docx',
    {
      schema: {
        tags,
        summary: 'Заполненная и проверенная карта организации для подписи (DOCX)',
        params: ZId,
      },
    },
    async (request, reply) =>
      sendDownload(reply, await cardDocument(db, actorOf(request), request.params.id, origin(request))),
  );
}
