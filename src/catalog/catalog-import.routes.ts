import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireRole } from '../platform/auth/scope.ts';
import { invalid } from '../platform/errors.ts';
import { type App, type AppDeps, actorOf } from '../platform/http/types.ts';
import { attachment, type CatalogImporter, catalogTemplate, runCatalogImport } from './catalog.import.ts';
import { programsImporter } from './programs.importer.ts';
import { CATALOG_EDITORS } from './programs.routes.ts';

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
  if (!request.isMultipart()) throw invalid('Прикрепите файл .xlsx или .csv в поле формы «file».');
  const part = await request.file();
  if (part?.fieldname !== 'file') throw invalid('Прикрепите файл .xlsx или .csv в поле формы «file».');
  const data = await part.toBuffer();
  const { dryRun, mode } = request.query;
  const report = await runCatalogImport(db, importer, {
    actor,
    fileName: part.filename || 'file',
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    mode,
    dryRun,
  });
  if (report.committed || report.dryRun) return { status: 200 as const, body: report };
  const message =
    report.validRows === 0 && report.errors.length > 0 && mode === 'valid'
      ? 'Файл не загружен: в нём нет ни одной верной строки.'
      : `Файл не загружен: найдено ошибок — ${report.errors.length}. Исправьте их или загрузите только верные строки.`;
  return {
    status: 422 as const,
    body: { error: { code: 'validation', message, requestId: String(request.id) }, report },
  };
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
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachment(file.fileName))
        .send(Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength));
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
