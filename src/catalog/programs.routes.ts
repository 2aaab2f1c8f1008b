import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../platform/http/types.ts';
import { sendDownload } from '../platform/import/import-template.ts';
import {
  ZCohort,
  ZCohortFields,
  ZCohortInput,
  ZProgramCard,
  ZProgramCreate,
  ZProgramFields,
  ZProgramList,
  ZProgramQuery,
} from './programs.schemas.ts';
import {
  addCohort,
  createProgram,
  editCohort,
  editProgram,
  exportCatalog,
  getProgramCard,
  listCatalog,
  removeCohort,
} from './programs.service.ts';

const ZId = z.object({ id: z.uuid() });
const tags = ['catalog'];

export function registerProgramRoutes(app: App, { db }: AppDeps): void {
  const deps = { db };

  app.get(
    '/api/programs',
    {
      schema: {
        tags,
        summary: 'Каталог дополнительных профессиональных программ',
        querystring: ZProgramQuery,
        response: { 200: ZProgramList },
      },
    },
    async (request) => listCatalog(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/programs/export',
    {
      schema: {
        tags,
        summary: 'Выгрузка каталога программ в XLSX или CSV (с фильтрами страницы)',
        querystring: ZProgramQuery.extend({ fileFormat: z.enum(['xlsx', 'csv']).default('xlsx') }),
      },
    },
    async (request, reply) => {
      const { fileFormat, ...filters } = request.query;
      return sendDownload(reply, await exportCatalog(deps, actorOf(request), filters, fileFormat));
    },
  );

  app.get(
    '/api/programs/:id',
    {
      schema: {
        tags,
        summary: 'Программа с потоками и компетенциями',
        params: ZId,
        response: { 200: ZProgramCard },
      },
    },
    async (request) => getProgramCard(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/programs',
    {
      schema: {
        tags,
        summary: 'Добавить программу',
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

  app.patch(
    '/api/programs/:id',
    {
      schema: {
        tags,
        summary: 'Изменить программу',
        params: ZId,
        body: ZProgramFields.partial(),
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
    '/api/programs/:id/cohorts',
    {
      schema: {
        tags,
        summary: 'Добавить поток программы',
        params: ZId,
        body: ZCohortInput,
        response: { 201: ZCohort },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addCohort(deps, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/cohorts/:id',
    {
      schema: {
        tags,
        summary: 'Изменить поток',
        params: ZId,
        body: ZCohortFields.partial(),
        response: { 200: ZCohort },
      },
    },
    async (request) => editCohort(deps, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/cohorts/:id',
    {
      schema: {
        tags,
        summary: 'Удалить поток',
        params: ZId,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeCohort(deps, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
