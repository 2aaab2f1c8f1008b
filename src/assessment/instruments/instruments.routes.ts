import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import {
  ZInstrumentCard,
  ZInstrumentInput,
  ZInstrumentList,
  ZInstrumentQuery,
} from './instruments.schemas.ts';
import {
  createInstrument,
  exportInstrument,
  getInstrument,
  listInstrumentSummaries,
  loadInstrumentPreset,
  updateInstrument,
} from './instruments.service.ts';

const ZId = z.object({ id: z.uuid() });
const tags = ['assessment'];

export function registerInstrumentRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/instruments',
    {
      schema: {
        tags,
        summary: 'Методики диагностики: тесты, анкеты самооценки, опросники выгорания',
        querystring: ZInstrumentQuery,
        response: { 200: ZInstrumentList },
      },
    },
    async (request) => ({ items: await listInstrumentSummaries(db, actorOf(request), request.query) }),
  );

  app.get(
    '/api/instruments/:id',
    {
      schema: {
        tags,
        summary: 'Методика; ключи (верные ответы, баллы, шкалы) видят только составители',
        params: ZId,
        response: { 200: ZInstrumentCard },
      },
    },
    async (request) => getInstrument(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/instruments',
    {
      schema: {
        tags,
        summary: 'Создать методику из JSON',
        body: ZInstrumentInput,
        response: { 201: ZInstrumentCard },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await createInstrument(db, actor, request.body);
      return reply.status(201).send(await getInstrument(db, actor, id));
    },
  );

  app.put(
    '/api/instruments/:id',
    {
      schema: {
        tags,
        summary: 'Заменить содержание методики (новая версия)',
        params: ZId,
        body: ZInstrumentInput,
        response: { 200: ZInstrumentCard },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await updateInstrument(db, actor, request.params.id, request.body);
      return getInstrument(db, actor, request.params.id);
    },
  );

  app.get(
    '/api/instruments/:id/export',
    {
      schema: { tags, summary: 'Выгрузить методику с ключами в JSON-файл', params: ZId },
    },
    async (request, reply) => {
      const file = await exportInstrument(db, actorOf(request), request.params.id);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(JSON.stringify(file.document, null, 2));
    },
  );

  app.post(
    '/api/instruments/presets/:code',
    {
      schema: {
        tags,
        summary: 'Загрузить готовую методику (повторная загрузка не создаёт дубликат)',
        params: z.object({ code: z.string().max(100) }),
        response: { 200: ZInstrumentCard, 201: ZInstrumentCard },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id, created } = await loadInstrumentPreset(db, actor, request.params.code);
      return reply.status(created ? 201 : 200).send(await getInstrument(db, actor, id));
    },
  );
}
