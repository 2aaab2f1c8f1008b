import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireRole } from '../platform/auth/scope.ts';
import { type App, type AppDeps, actorOf } from '../platform/http/types.ts';
import { sendDownload } from '../platform/import/import-template.ts';
import { importAnswer, readUploadedFile } from '../platform/import/import-upload.ts';
import { type CatalogImporter, catalogTemplate, runCatalogImport } from './catalog.import.ts';
import { programsImporter } from './programs.importer.ts';
import { CATALOG_EDITORS } from './programs.policy.ts';

const ZIssue = z.object({
  row: z.number(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
});

export const ZCatalogImportReport = z.object({
  kind: z.enum(['programs', 'trainings']),
  fileName: z.string(),
  totalRows: z.number(),
  validRows: z.number(),
  errors: z.array(ZIssue),
  warnings: z.array(ZIssue),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  committed: z.boolean(),
  dryRun: z.boolean(),
});

const ZRefused = z.object({
  error: z.object({ code: z.string(), message: z.string(), requestId: z.string() }),
  report: ZCatalogImportReport,
});

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .default(false);

export const ZImportQuery = z.object({ dryRun: flag, mode: z.enum(['all', 'valid']).default('all') });

export const IMPORT_DESCRIPTION =
  'mode=all (по умолчанию) — ничего не записывается, если есть хоть одна ошибка; mode=valid — записываются верные строки; dryRun=true — только проверка и подсчёт. 422 с отчётом — если ничего не записано из-за ошибок.';

export const importResponses = { 200: ZCatalogImportReport, 422: ZRefused };

/** Reads the multipart `file`, runs the import and answers 200 with the report or 422 with it. */
export async function handleCatalogImport(
  db: AppDeps['db'],
  importer: CatalogImporter,
  request: FastifyRequest<{ Querystring: z.infer<typeof ZImportQuery> }>,
) {
  const actor = actorOf(request);
  const file = await readUploadedFile(request);
  const { dryRun, mode } = request.query;
  const report = await runCatalogImport(db, importer, {
    actor,
    ...file,
    mode,
    dryRun,
  });
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
      requireRole(actorOf(request), CATALOG_EDITORS);
      const file = await catalogTemplate(
        programsImporter,
        { sheet: 'Программы', file: 'programs' },
        request.query.format,
      );
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
      requireRole(actorOf(request), CATALOG_EDITORS);
      const { status, body } = await handleCatalogImport(db, programsImporter, request);
      return reply.status(status).send(body);
    },
  );
}
