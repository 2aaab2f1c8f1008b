import { z } from 'zod';
import { canManageRegistry, requireRole } from '../../platform/auth/scope.ts';
import { forbidden } from '../../platform/errors.ts';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { sendDownload } from '../../platform/import/import-template.ts';
import { importAnswer, readUploadedFile } from '../../platform/import/import-upload.ts';
import { importFile, importRoles, templateFile } from './import.service.ts';
import { IMPORT_KINDS } from './import.types.ts';

const ZIssue = z.object({
  row: z.number(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
});

export const ZImportReport = z.object({
  kind: z.enum(IMPORT_KINDS),
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

/** 422: the file was refused (with its report), or the request itself was invalid (without one). */
const ZRefused = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    reason: z.string().optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
  report: ZImportReport.optional(),
});

const ZKindParams = z.object({ kind: z.enum(IMPORT_KINDS) });

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .default(false);

export function registerImportRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/import/templates/:kind',
    {
      schema: {
        tags: ['directory'],
        summary: 'Шаблон файла загрузки (заголовки, строка-пример, лист «Справка»)',
        params: ZKindParams,
        querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
      },
    },
    async (request, reply) => {
      if (!canManageRegistry(actorOf(request))) throw forbidden();
      const file = await templateFile(request.params.kind, request.query.format);
      return sendDownload(reply, file);
    },
  );

  app.post(
    '/api/import/:kind',
    {
      schema: {
        tags: ['directory'],
        summary:
          'Загрузка реестра из XLSX или CSV (поле формы «file»): проверка каждой строки, запись одной транзакцией',
        description:
          'mode=all (по умолчанию) — ничего не записывается, если есть хоть одна ошибка; mode=valid — записываются верные строки; dryRun=true — только проверка и подсчёт. 422 с отчётом — если ничего не записано из-за ошибок.',
        consumes: ['multipart/form-data'],
        params: ZKindParams,
        querystring: z.object({
          dryRun: flag,
          mode: z.enum(['all', 'valid']).default('all'),
          regionId: z.uuid().optional(),
        }),
        response: { 200: ZImportReport, 422: ZRefused },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { kind } = request.params;
      requireRole(actor, importRoles(kind));
      const file = await readUploadedFile(request);
      const { dryRun, mode, regionId } = request.query;
      const report = await importFile(
        { db },
        {
          actor,
          kind,
          ...file,
          mode,
          dryRun,
          ...(regionId ? { regionId } : {}),
        },
      );
      const { status, body } = importAnswer(request, report, mode);
      return reply.status(status).send(body);
    },
  );
}
