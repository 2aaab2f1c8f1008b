import type { FastifyRequest } from 'fastify';
import { AppError, invalid } from '../errors.ts';

/**
 * Reading the one file of a multipart upload, whole or not at all. The multipart reader stops at
 * its size limit and marks the stream truncated; depending on where the limit falls in the last
 * chunk, `toBuffer()` may return the first part without an error. So the limit is checked three
 * ways — the reader's error, the truncated mark, the length — and a cut file is never returned.
 */

/** «20 МБ», «1,5 МБ», «64 КБ»: a byte limit as a person reads it. */
export function formatBytesRu(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1).replace('.', ',')} МБ`;
  return `${Math.max(1, Math.round(bytes / 1024))} КБ`;
}

export interface UploadedFile {
  fileName: string;
  mimetype: string;
  data: Uint8Array;
}

export async function readSingleFile(
  request: FastifyRequest,
  opts: {
    maxBytes: number;
    /** What to tell someone who sent no file in the form field «file». */
    attach: string;
    /** The refusal of a file over the limit; gets the limit in words («20 МБ»). */
    tooLarge: (limit: string) => string;
  },
): Promise<UploadedFile> {
  if (!request.isMultipart()) throw invalid(opts.attach);
  const refuse = () => new AppError('payload_too_large', opts.tooLarge(formatBytesRu(opts.maxBytes)));
  const part = await request.file({ limits: { fileSize: opts.maxBytes, files: 1 } });
  if (part?.fieldname !== 'file') throw invalid(opts.attach);
  let data: Buffer;
  try {
    data = await part.toBuffer();
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw refuse();
    throw err;
  }
  if (part.file.truncated || data.byteLength > opts.maxBytes) throw refuse();
  return {
    fileName: part.filename || 'file',
    mimetype: part.mimetype ?? '',
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}
