import { z } from 'zod';
import type { Actor } from '../platform/auth/actor.ts';
import { forbidden } from '../platform/errors.ts';
import { type App, type AppDeps, actorOf } from '../platform/http/types.ts';
import { IMPORT_DESCRIPTION, ZImportQuery } from '../platform/import/import.schemas.ts';
import { importerTemplate, sendDownload } from '../platform/import/import-template.ts';
import { can } from './catalog.policy.ts';
import { handleCatalogImport, importResponses } from './catalog-import.routes.ts';
import { trainingsImporter } from './trainings.importer.ts';
import { ZTraining, ZTrainingInput, ZTrainingList } from './trainings.schemas.ts';
import { addTraining, listPersonTrainings, removeTraining } from './trainings.service.ts';

const ZId = z.object({ id: z.uuid() });
const tags = ['catalog'];

function requireTrainingsImport(actor: Actor): void {
  if (!can(actor, 'import', 'trainings')) throw forbidden();
}

export function registerTrainingRoutes(app: App, { db }: AppDeps): void {
  const deps = { db };

  app.get(
    '/api/people/:id/trainings',
    {
      schema: {
        tags,
        summary: 'Пройденное обучение сотрудника (удостоверения ПК, дипломы ПП)',
        params: ZId,
        response: { 200: ZTrainingList },
      },
    },
    async (request) => listPersonTrainings(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/people/:id/trainings',
    {
      schema: {
        tags,
        summary: 'Добавить документ об обучении сотрудника',
        params: ZId,
        body: ZTrainingInput,
        response: { 201: ZTraining },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addTraining(deps, actorOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/trainings/:id',
    {
      schema: {
        tags,
        summary: 'Удалить документ об обучении',
        params: ZId,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeTraining(deps, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/trainings/template',
    {
      schema: {
        tags,
        summary: 'Шаблон файла загрузки удостоверений и дипломов',
        querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
      },
    },
    async (request, reply) => {
      requireTrainingsImport(actorOf(request));
      const file = await importerTemplate(trainingsImporter, request.query.format);
      return sendDownload(reply, file);
    },
  );

  app.post(
    '/api/trainings/import',
    {
      schema: {
        tags,
        summary: 'Загрузка удостоверений и дипломов из XLSX или CSV (поле формы «file»)',
        description: IMPORT_DESCRIPTION,
        consumes: ['multipart/form-data'],
        querystring: ZImportQuery,
        response: importResponses,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireTrainingsImport(actor);
      const { status, body } = await handleCatalogImport(db, trainingsImporter, request);
      return reply.status(status).send(body);
    },
  );
}
