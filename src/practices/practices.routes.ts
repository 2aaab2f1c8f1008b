import { z } from 'zod';
import { registerFileReader } from '../platform/files/stored-files.routes.ts';
import { type App, type AppDeps, actorOf } from '../platform/http/types.ts';
import { sendDownload } from '../platform/import/import-template.ts';
import { fileVisible } from './practices.repository.ts';
import {
  ZLinkFields,
  ZMaterialCard,
  ZMaterialFields,
  ZMaterialList,
  ZPracticeQuery,
  ZReturn,
  ZUse,
} from './practices.schemas.ts';
import {
  createMaterial,
  editMaterial,
  exportMaterials,
  getMaterial,
  linkMaterial,
  listFor,
  publishMaterial,
  removeMaterial,
  returnMaterial,
  submitMaterial,
  useMaterial,
} from './practices.service.ts';

const ZId = z.object({ id: z.uuid() });
const tags = ['practices'];
const ok204 = { 204: z.null() };

/** The bank of practices and materials: search, the card, own materials, moderation, uses, links. */
export function registerPracticeRoutes(app: App, { db }: AppDeps): void {
  const deps = { db };
  // A material's file is readable by whoever sees the material.
  registerFileReader(fileVisible);

  app.get(
    '/api/practices',
    {
      schema: {
        tags,
        summary:
          'Банк практик: поиск (название, описание, тема) и фильтры — предмет, компетенция, уровень апробации, вид, организация',
        querystring: ZPracticeQuery,
        response: { 200: ZMaterialList },
      },
    },
    async (request) => listFor(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/practices/export',
    { schema: { tags, summary: 'Банк практик в XLSX (те же фильтры)', querystring: ZPracticeQuery } },
    async (request, reply) =>
      sendDownload(reply, await exportMaterials(deps, actorOf(request), request.query)),
  );

  app.post(
    '/api/practices',
    {
      schema: {
        tags,
        summary: 'Добавить материал (черновик)',
        body: ZMaterialFields,
        response: { 201: ZMaterialCard },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await createMaterial(deps, actor, request.body);
      return reply.status(201).send(await getMaterial(deps, actor, id));
    },
  );

  app.get(
    '/api/practices/:id',
    {
      schema: {
        tags,
        summary: 'Карточка материала: авторы, компетенции, где использован, просмотры (просмотр считается)',
        params: ZId,
        response: { 200: ZMaterialCard },
      },
    },
    async (request) => getMaterial(deps, actorOf(request), request.params.id, { countView: true }),
  );

  app.put(
    '/api/practices/:id',
    {
      schema: {
        tags,
        summary: 'Изменить материал (черновик или возвращённый на доработку)',
        params: ZId,
        body: ZMaterialFields,
        response: { 200: ZMaterialCard },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await editMaterial(deps, actor, request.params.id, request.body);
      return getMaterial(deps, actor, request.params.id);
    },
  );

  app.delete(
    '/api/practices/:id',
    { schema: { tags, summary: 'Удалить черновик', params: ZId, response: ok204 } },
    async (request, reply) => {
      await removeMaterial(deps, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/practices/:id/submit',
    { schema: { tags, summary: 'Отправить на модерацию', params: ZId, response: { 200: ZMaterialCard } } },
    async (request) => {
      const actor = actorOf(request);
      await submitMaterial(deps, actor, request.params.id);
      return getMaterial(deps, actor, request.params.id);
    },
  );

  app.post(
    '/api/practices/:id/publish',
    {
      schema: {
        tags,
        summary: 'Опубликовать (методический совет, методист)',
        params: ZId,
        response: { 200: ZMaterialCard },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await publishMaterial(deps, actor, request.params.id);
      return getMaterial(deps, actor, request.params.id);
    },
  );

  app.post(
    '/api/practices/:id/return',
    {
      schema: {
        tags,
        summary: 'Вернуть на доработку с причиной (автору приходит уведомление)',
        params: ZId,
        body: ZReturn,
        response: { 200: ZMaterialCard },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await returnMaterial(deps, actor, request.params.id, request.body.reason);
      return getMaterial(deps, actor, request.params.id);
    },
  );

  app.post(
    '/api/practices/:id/uses',
    {
      schema: {
        tags,
        summary: 'Отметить скачивание или переход по ссылке',
        params: ZId,
        body: ZUse,
        response: ok204,
      },
    },
    async (request, reply) => {
      await useMaterial(deps, actorOf(request), request.params.id, request.body.kind);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/practices/:id/links',
    {
      schema: {
        tags,
        summary: 'Прикрепить к выступлению на мероприятии или к сообществу',
        params: ZId,
        body: ZLinkFields,
        response: { 200: ZMaterialCard },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await linkMaterial(deps, actor, request.params.id, request.body);
      return getMaterial(deps, actor, request.params.id);
    },
  );
}
