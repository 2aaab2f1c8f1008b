import type { FastifyRequest } from 'fastify';
import { invalid } from '../errors.ts';

const ATTACH_FILE = 'Прикрепите файл .xlsx или .csv в поле формы «file».';

/** Reads the multipart form field `file` of an import request. */
export async function readUploadedFile(
  request: FastifyRequest,
): Promise<{ fileName: string; data: Uint8Array }> {
  if (!request.isMultipart()) throw invalid(ATTACH_FILE);
  const part = await request.file();
  if (part?.fieldname !== 'file') throw invalid(ATTACH_FILE);
  const data = await part.toBuffer();
  return {
    fileName: part.filename || 'file',
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
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
