import { z } from 'zod';
import { writeAudit } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { REGISTRY_MANAGERS, requireRole } from '../platform/auth/scope.ts';
import type { Db } from '../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../platform/errors.ts';
import { type App, type AppDeps, actorOf } from '../platform/http/types.ts';
import { IMPORT_DESCRIPTION, ZImportQuery } from '../platform/import/import.schemas.ts';
import { importerTemplate, sendDownload } from '../platform/import/import-template.ts';
import { hoursProblem, TRAINING_DOCUMENTS, type TrainingDocument } from './catalog.vocabulary.ts';
import { handleCatalogImport, importResponses } from './catalog-import.routes.ts';
import { trainingsImporter } from './trainings.importer.ts';
import {
  deleteTraining,
  findTraining,
  insertTraining,
  listTrainings,
  personAccess,
  programsByCodeOrName,
  type TrainingDb,
  type TrainingWrite,
} from './trainings.repository.ts';

const documents = Object.keys(TRAINING_DOCUMENTS) as [TrainingDocument, ...TrainingDocument[]];

const ZTraining = z.object({
  id: z.string(),
  personId: z.string(),
  programId: z.string().nullable(),
  programCode: z.string().nullable(),
  programName: z.string(),
  provider: z.string().nullable(),
  document: z.enum(documents),
  documentName: z.string(),
  documentNumber: z.string(),
  issuedOn: z.string(),
  hours: z.number(),
});

const presentTraining = (t: TrainingDb): z.infer<typeof ZTraining> => ({
  id: t.id,
  personId: t.person_id,
  programId: t.program_id,
  programCode: t.program_code,
  programName: t.program_name,
  provider: t.provider,
  document: t.document,
  documentName: TRAINING_DOCUMENTS[t.document],
  documentNumber: t.document_number,
  issuedOn: t.issued_on,
  hours: t.hours,
});

const ZTrainingInput = z.object({
  document: z.enum(documents),
  documentNumber: z.string().trim().min(1).max(100),
  issuedOn: z.iso.date(),
  hours: z.number().int().positive().max(10_000),
  /** A catalog program by code (or its exact name), or a name as written on the document. */
  program: z.string().trim().min(2).max(500),
  provider: z.string().trim().max(300).nullable().default(null),
});

async function visiblePerson(db: Db, actor: Actor, personId: string) {
  const access = await personAccess(db, actor, personId);
  if (!access) throw notFound('Сотрудник не найден или недоступен.');
  return access;
}

export function registerTrainingRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/people/:id/trainings',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Пройденное обучение сотрудника (удостоверения ПК, дипломы ПП)',
        params: z.object({ id: z.uuid() }),
        response: { 200: z.object({ items: z.array(ZTraining), total: z.number() }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const personId = request.params.id;
      await visiblePerson(db, actor, personId);
      const rows = await listTrainings(db, personId);
      await writeAudit(db, { actor, action: 'read', entity: 'trainings', entityId: personId, personId });
      return { items: rows.map(presentTraining), total: rows.length };
    },
  );

  app.post(
    '/api/people/:id/trainings',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Добавить документ об обучении сотрудника',
        params: z.object({ id: z.uuid() }),
        body: ZTrainingInput,
        response: { 201: ZTraining },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const personId = request.params.id;
      const access = await visiblePerson(db, actor, personId);
      if (!access.writable) throw forbidden('Сведения об обучении вносят те, кто ведёт реестр.');
      const input = request.body;
      const program = (await programsByCodeOrName(db, [input.program])).get(input.program);
      const problem = hoursProblem(input.document === 'diploma' ? 'retraining' : 'upgrade', input.hours);
      if (problem) throw invalid('Проверьте сведения о документе.', [{ path: 'hours', message: problem }]);
      const write: TrainingWrite = {
        programId: program?.id ?? null,
        programName: program?.name ?? input.program,
        provider: input.provider ?? program?.provider ?? null,
        document: input.document,
        documentNumber: input.documentNumber,
        issuedOn: input.issuedOn,
        hours: input.hours,
      };
      const id = await db.transaction(async (tx) => {
        const id = await insertTraining(tx, personId, write);
        if (!id) throw conflict(`У сотрудника уже есть документ с номером «${input.documentNumber}».`);
        await writeAudit(tx, {
          actor,
          action: 'create',
          entity: 'training',
          entityId: id,
          personId,
          after: write,
        });
        return id;
      });
      return reply.status(201).send(presentTraining((await findTraining(db, id))!));
    },
  );

  app.delete(
    '/api/trainings/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Удалить документ об обучении',
        params: z.object({ id: z.uuid() }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const training = await findTraining(db, request.params.id);
      const access = training ? await personAccess(db, actor, training.person_id) : null;
      if (!training || !access) throw notFound('Документ не найден или недоступен.');
      if (!access.writable) throw forbidden('Сведения об обучении вносят те, кто ведёт реестр.');
      await db.transaction(async (tx) => {
        await deleteTraining(tx, training.id);
        await writeAudit(tx, {
          actor,
          action: 'delete',
          entity: 'training',
          entityId: training.id,
          personId: training.person_id,
          before: presentTraining(training),
        });
      });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/trainings/template',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Шаблон файла загрузки удостоверений и дипломов',
        querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
      },
    },
    async (request, reply) => {
      requireRole(actorOf(request), REGISTRY_MANAGERS);
      const file = await importerTemplate(trainingsImporter, request.query.format);
      return sendDownload(reply, file);
    },
  );

  app.post(
    '/api/trainings/import',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Загрузка удостоверений и дипломов из XLSX или CSV (поле формы «file»)',
        description: IMPORT_DESCRIPTION,
        consumes: ['multipart/form-data'],
        querystring: ZImportQuery,
        response: importResponses,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireRole(actor, REGISTRY_MANAGERS);
      const { status, body } = await handleCatalogImport(db, trainingsImporter, request);
      return reply.status(status).send(body);
    },
  );
}
