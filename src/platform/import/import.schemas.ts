import { z } from 'zod';

/** The report of every spreadsheet import as sent by the API (see `ImportReport`). */

export const ZImportIssue = z.object({
  row: z.number(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
});

/**
 * The report schema of an import: `kind` says which import, `counts` adds the importer's own
 * counts (kept next to the rows' counts).
 */
export function importReportSchema<
  K extends z.ZodType<string>,
  C extends z.ZodRawShape = Record<never, never>,
>(kind: K, counts?: C) {
  return z.object({
    kind,
    fileName: z.string(),
    totalRows: z.number(),
    validRows: z.number(),
    errors: z.array(ZImportIssue),
    warnings: z.array(ZImportIssue),
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    ...(counts as C),
    committed: z.boolean(),
    dryRun: z.boolean(),
  });
}

/** 422: the file was refused (with its report), or the request itself was invalid (without one). */
export function importRefusedSchema<R extends z.ZodType>(report: R) {
  return z.object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      requestId: z.string(),
      reason: z.string().optional(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
    report: report.optional(),
  });
}

/** A yes/no query flag: true, false, 1 or 0. */
export const ZImportFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .default(false);

/** The query of every import upload. */
export const ZImportQuery = z.object({ dryRun: ZImportFlag, mode: z.enum(['all', 'valid']).default('all') });

export const IMPORT_DESCRIPTION =
  'mode=all (по умолчанию) — ничего не записывается, если есть хоть одна ошибка; mode=valid — записываются верные строки; dryRun=true — только проверка и подсчёт. 422 с отчётом — если ничего не записано из-за ошибок.';
