import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { forbidden } from '../platform/errors.ts';
import { type App, type AppDeps, actorOf } from '../platform/http/types.ts';
import {
  IMPORT_DESCRIPTION,
  importRefusedSchema,
  importReportSchema,
  ZImportQuery,
} from '../platform/import/import.schemas.ts';
import { runImport } from '../platform/import/import-run.ts';
import { importerTemplate, sendDownload } from '../platform/import/import-template.ts';
import { importAnswer, readUploadedFile } from '../platform/import/import-upload.ts';
import type { Importer } from '../platform/import/importer.ts';
import type { CatalogImportKind } from './catalog.import.ts';
import { can } from './catalog.policy.ts';
import { programsImporter } from './programs.importer.ts';

export const ZCatalogImportReport = importReportSchema(z.enum(['programs', 'trainings']));

export const importResponses = { 200: ZCatalogImportReport, 422: importRefusedSchema(ZCatalogImportReport) };

/** Reads the multipart `file`, runs the import and answers 200 with the report or 422 with it. */
export async function handleCatalogImport(
  db: AppDeps['db'],
  importer: Importer<CatalogImportKind>,
  request: FastifyRequest<{ Querystring: z.infer<typeof ZImportQuery> }>,
) {
  const actor = actorOf(request);
  const file = await readUploadedFile(request);
  const { dryRun, mode } = request.query;
  const report = await runImport(db, importer, { actor, ...file, mode, dryRun });
  return importAnswer(request, report, mode);
}

export function registerProgramImportRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/programs/template',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Шаблон файла загрузки программ (заголовки, строка-пример, лист «Справка»)',
        querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
      },
    },
    async (request, reply) => {
      if (!can(actorOf(request), 'import', 'programs')) throw forbidden();
      const file = await importerTemplate(programsImporter, request.query.format);
      return sendDownload(reply, file);
    },
  );

  app.post(
    '/api/programs/import',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Загрузка каталога программ из XLSX или CSV (поле формы «file»)',
        description: IMPORT_DESCRIPTION,
        consumes: ['multipart/form-data'],
        querystring: ZImportQuery,
        response: importResponses,
      },
    },
    async (request, reply) => {
      if (!can(actorOf(request), 'import', 'programs')) throw forbidden();
      const { status, body } = await handleCatalogImport(db, programsImporter, request);
      return reply.status(status).send(body);
    },
  );
}
