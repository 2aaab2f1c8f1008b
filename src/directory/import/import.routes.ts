import { z } from 'zod';
import { canManageRegistry, requireRole } from '../../platform/auth/scope.ts';
import { forbidden, invalid } from '../../platform/errors.ts';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
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

/** RFC 6266: an ASCII name for old clients and the exact one in UTF-8. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

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
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachment(file.fileName))
        .send(Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength));
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
      if (!request.isMultipart()) throw invalid('Прикрепите файл .xlsx или .csv в поле формы «file».');
      const part = await request.file();
      if (part?.fieldname !== 'file') throw invalid('Прикрепите файл .xlsx или .csv в поле формы «file».');
      const data = await part.toBuffer();
      const { dryRun, mode, regionId } = request.query;
      const report = await importFile(
        { db },
        {
          actor,
          kind,
          fileName: part.filename || 'file',
          data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
          mode,
          dryRun,
          ...(regionId ? { regionId } : {}),
        },
      );
      if (report.committed || report.dryRun) return reply.status(200).send(report);
      const message =
        report.validRows === 0 && report.errors.length > 0 && mode === 'valid'
          ? 'Файл не загружен: в нём нет ни одной верной строки.'
          : `Файл не загружен: найдено ошибок — ${report.errors.length}. Исправьте их или загрузите только верные строки.`;
      return reply.status(422).send({
        error: { code: 'validation', message, requestId: String(request.id) },
        report,
      });
    },
  );
}
