import { z } from 'zod';
import { forbidden } from '../../platform/errors.ts';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import {
  IMPORT_DESCRIPTION,
  importRefusedSchema,
  importReportSchema,
  ZImportQuery,
} from '../../platform/import/import.schemas.ts';
import { sendDownload } from '../../platform/import/import-template.ts';
import { importAnswer, readUploadedFile } from '../../platform/import/import-upload.ts';
import { can } from '../directory.policy.ts';
import { IMPORT_KINDS } from './import.columns.ts';
import { importFile, templateFile } from './import.service.ts';

export const ZImportReport = importReportSchema(z.enum(IMPORT_KINDS));

const ZRefused = importRefusedSchema(ZImportReport);

const ZKindParams = z.object({ kind: z.enum(IMPORT_KINDS) });

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
      if (!can(actorOf(request), 'manage', 'registry')) throw forbidden();
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
        description: IMPORT_DESCRIPTION,
        consumes: ['multipart/form-data'],
        params: ZKindParams,
        querystring: ZImportQuery.extend({ regionId: z.uuid().optional() }),
        response: { 200: ZImportReport, 422: ZRefused },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { kind } = request.params;
      if (!can(actor, 'import', kind)) throw forbidden();
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
