import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { ZContent } from './content.ts';
import {
  createInstrument,
  exportInstrument,
  getInstrument,
  listInstrumentSummaries,
  loadInstrumentPreset,
  updateInstrument,
} from './instruments.service.ts';

const KINDS = ['test', 'self_assessment', 'burnout'] as const;

const ZSummary = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(KINDS),
  frameworkId: z.string().nullable(),
  frameworkCode: z.string().nullable(),
  ownerLevel: z.enum(['system', 'region', 'municipality', 'organization']),
  regionId: z.string().nullable(),
  municipalityId: z.string().nullable(),
  version: z.number(),
  itemCount: z.number(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
});
const ZCard = ZSummary.extend({ keysIncluded: z.boolean(), content: ZContent });

const ZInput = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[A-Za-z0-9_.-]+$/, 'Код: латинские буквы, цифры, «-», «_», «.»'),
  name: z.string().trim().min(3).max(300),
  kind: z.enum(KINDS),
  frameworkId: z.uuid().nullable().optional(),
  content: ZContent,
});

const ZId = z.object({ id: z.uuid() });
const tags = ['assessment'];

export function registerInstrumentRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/instruments',
    {
      schema: {
        tags,
        summary: 'Методики диагностики: тесты, анкеты самооценки, опросники выгорания',
        querystring: z.object({ kind: z.enum(KINDS).optional() }),
        response: { 200: z.object({ items: z.array(ZSummary) }) },
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
        response: { 200: ZCard },
      },
    },
    async (request) => getInstrument(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/instruments',
    {
      schema: { tags, summary: 'Создать методику из JSON', body: ZInput, response: { 201: ZCard } },
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
        body: ZInput,
        response: { 200: ZCard },
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
        response: { 200: ZCard, 201: ZCard },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id, created } = await loadInstrumentPreset(db, actor, request.params.code);
      return reply.status(created ? 201 : 200).send(await getInstrument(db, actor, id));
    },
  );
}
