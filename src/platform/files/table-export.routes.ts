import { z } from 'zod';
import { writeAudit } from '../audit/audit.repository.ts';
import { type App, type AppDeps, actorOf } from '../http/types.ts';
import { sendDownload } from '../import/import-template.ts';
import { writeTable } from './write-table.ts';

const MAX_ROWS = 50_000;
const MAX_COLUMNS = 60;

const ZCell = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

const ZTableExport = z.object({
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^[^/\\]+$/, 'Имя файла без косых черт'),
  sheetName: z.string().trim().min(1).max(31).optional(),
  header: z.array(z.string().max(200)).min(1).max(MAX_COLUMNS),
  rows: z.array(z.array(ZCell).max(MAX_COLUMNS)).max(MAX_ROWS),
});

/**
 * A table the user already sees on a page (dashboards, slices, lists computed in the browser),
 * written as XLSX by the server so that ExcelJS stays off the page. It reveals nothing new —
 * the caller sends the rows — but it needs a session, and the export is logged like any other.
 */
export function registerTableExportRoutes(app: App, { db }: AppDeps): void {
  app.post(
    '/api/export/table',
    {
      bodyLimit: 32 * 1024 * 1024,
      schema: {
        tags: ['platform'],
        summary: 'Таблица со страницы в XLSX (строки передаёт страница)',
        body: ZTableExport,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { header, rows, sheetName } = request.body;
      const columns = header.map((h, i) => ({ key: `c${i}`, header: h }));
      const table = await writeTable({
        format: 'xlsx',
        sheetName: sheetName ?? 'Таблица',
        columns,
        rows: rows.map((r) => Object.fromEntries(columns.map((c, i) => [c.key, r[i] ?? null]))),
      });
      const base = request.body.fileName.replace(/\.(csv|xlsx)$/i, '');
      await writeAudit(db, {
        actor,
        action: 'export',
        entity: 'table',
        details: { fileName: `${base}.xlsx`, rows: rows.length, columns: header.length },
      });
      return sendDownload(reply, {
        fileName: `${base}.xlsx`,
        contentType: table.contentType,
        data: table.data,
      });
    },
  );
}
