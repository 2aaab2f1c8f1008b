import type { FastifyRequest } from 'fastify';
import { readSingleFile } from '../http/multipart.ts';

/**
 * Reads the multipart form field `file` of an import request — the whole file, or a 413 naming the
 * limit: a file cut at the limit is never imported.
 */
export async function readUploadedFile(
  request: FastifyRequest,
): Promise<{ fileName: string; data: Uint8Array }> {
  const file = await readSingleFile(request, {
    maxBytes: request.server.maxUploadBytes,
    attach: 'Прикрепите файл .xlsx или .csv в поле формы «file».',
    tooLarge: (limit) =>
      `Файл больше ${limit} и не загружен: ничего не записано. Разделите таблицу на несколько файлов ` +
      'или сохраните её в XLSX (он меньше CSV).',
  });
  return { fileName: file.fileName, data: file.data };
}

interface ReportOutcome {
  committed: boolean;
  dryRun: boolean;
  validRows: number;
  errors: readonly unknown[];
}

/** The answer to an import: 200 with the report when written or only checked, else 422 with it. */
export function importAnswer<R extends ReportOutcome>(
  request: FastifyRequest,
  report: R,
  mode: 'all' | 'valid',
) {
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
