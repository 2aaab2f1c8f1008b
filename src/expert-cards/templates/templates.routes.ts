import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { sendDownload } from '../../platform/import/import-template.ts';
import { today } from '../../platform/time/today.ts';
import { ZTemplateCard, ZTemplateCopy, ZTemplateEdit, ZTemplateList } from './templates.schemas.ts';
import {
  copyTemplate,
  editTemplate,
  exportTemplate,
  getTemplateView,
  listTemplateViews,
  publishTemplate,
} from './templates.service.ts';

const ZId = z.object({ id: z.uuid() });
const tags = ['expert-cards'];

/** Templates of expert cards (004): list, card with the document's discrepancies, copy, edit, publish. */
export function registerExpertTemplateRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/expert-cards/templates',
    {
      schema: {
        tags,
        summary: 'Шаблоны экспертных карт: типовые карты 004 и копии своей территории (последние версии)',
        querystring: z.object({ allVersions: z.enum(['true', 'false']).optional() }),
        response: { 200: ZTemplateList },
      },
    },
    async (request) =>
      listTemplateViews(db, actorOf(request), { allVersions: request.query.allVersions === 'true' }),
  );

  app.get(
    '/api/expert-cards/templates/:id',
    {
      schema: {
        tags,
        summary: 'Шаблон: направления и показатели, расхождения максимумов документа, уровни в баллах',
        params: ZId,
        response: { 200: ZTemplateCard },
      },
    },
    async (request) => getTemplateView(db, actorOf(request), request.params.id),
  );

  app.get(
    '/api/expert-cards/templates/:id/export',
    { schema: { tags, summary: 'Шаблон в XLSX: показатели, методики, баллы, источники', params: ZId } },
    async (request, reply) =>
      sendDownload(reply, await exportTemplate(db, actorOf(request), request.params.id, today())),
  );

  app.post(
    '/api/expert-cards/templates/:id/copy',
    {
      schema: {
        tags,
        summary: 'Сделать копию (новое семейство версий, черновик) для своей территории',
        params: ZId,
        body: ZTemplateCopy,
        response: { 201: ZTemplateCard },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await copyTemplate(db, actor, request.params.id, request.body);
      return reply.status(201).send(await getTemplateView(db, actor, id));
    },
  );

  app.put(
    '/api/expert-cards/templates/:id',
    {
      schema: {
        tags,
        summary:
          'Изменить копию целиком; версия, которую использует кампания, не меняется — создаётся следующая версия',
        params: ZId,
        body: ZTemplateEdit,
        response: { 200: ZTemplateCard },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const r = await editTemplate(db, actor, request.params.id, request.body);
      return { ...(await getTemplateView(db, actor, r.id)), newVersion: r.newVersion };
    },
  );

  app.post(
    '/api/expert-cards/templates/:id/publish',
    {
      schema: {
        tags,
        summary: 'Опубликовать версию (прежняя опубликованная версия уходит в архив)',
        params: ZId,
        response: { 200: ZTemplateCard },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await publishTemplate(db, actor, request.params.id);
      return getTemplateView(db, actor, request.params.id);
    },
  );
}
