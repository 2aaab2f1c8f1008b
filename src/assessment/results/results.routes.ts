import { z } from 'zod';
import { forbidden } from '../../platform/errors.ts';
import { emit, jobOf } from '../../platform/events/events.ts';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import {
  importRefusedSchema,
  importReportSchema,
  ZImportQuery as ZImportQueryBase,
} from '../../platform/import/import.schemas.ts';
import { sendDownload } from '../../platform/import/import-template.ts';
import { importAnswer, readUploadedFile } from '../../platform/import/import-upload.ts';
import { can } from '../assessment.policy.ts';
import { importResults, resultsTemplate } from './results.import.ts';

const tags = ['assessment'];

const ZReport = importReportSchema(z.literal('assessment-results'), { results: z.number() });

/** A refused file carries its report; a wrong query is the usual validation error without one. */
const ZRefused = importRefusedSchema(ZReport);

const ZImportQuery = z.object({
  frameworkId: z.string().uuid(),
  campaignId: z.string().uuid().optional(),
  ...ZImportQueryBase.shape,
});

export function registerResultRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/assessment-results/template',
    {
      schema: {
        tags,
        summary:
          'Шаблон файла результатов диагностики: столбцы педагога, процедуры и по одному на код компетенции',
        querystring: z.object({
          frameworkId: z.string().uuid(),
          format: z.enum(['xlsx', 'csv']).default('xlsx'),
        }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!can(actor, 'import', 'results')) throw forbidden();
      const file = await resultsTemplate(db, actor, request.query.frameworkId, request.query.format);
      return sendDownload(reply, file);
    },
  );

  app.post(
    '/api/assessment-results/import',
    {
      schema: {
        tags,
        summary: 'Загрузка результатов диагностики из XLSX или CSV (поле формы «file»)',
        description:
          'mode=all (по умолчанию) — ничего не записывается, если есть хоть одна ошибка; mode=valid — записываются верные строки; dryRun=true — только проверка и подсчёт. Повторная загрузка тех же результатов (педагог, компетенция, дата, процедура) ничего не меняет. 422 с отчётом — если ничего не записано из-за ошибок.',
        consumes: ['multipart/form-data'],
        querystring: ZImportQuery,
        response: { 200: ZReport.extend({ generationJobId: z.string().nullable() }), 422: ZRefused },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!can(actor, 'import', 'results')) throw forbidden();
      const file = await readUploadedFile(request);
      const { frameworkId, campaignId, dryRun, mode } = request.query;
      const report = await importResults(db, {
        actor,
        frameworkId,
        campaignId: campaignId ?? null,
        ...file,
        mode,
        dryRun,
      });
      const { status, body } = importAnswer(request, report, mode);
      if (status !== 200) return reply.status(status).send(body);
      // Committed results start route generation for the caller's scope (the campaign's, if named).
      const generationJobId =
        report.committed && !dryRun && report.results > 0
          ? jobOf(
              await emit(
                'assessment.results-imported',
                { frameworkId, campaignId: campaignId ?? null, results: report.results },
                { db, actor },
              ),
              'route-generation',
            )
          : null;
      return reply.status(200).send({ ...report, generationJobId });
    },
  );
}
