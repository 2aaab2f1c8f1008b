import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { writeAudit } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';
import { invalid, notFound } from '../errors.ts';
import { readSingleFile } from '../http/multipart.ts';
import { type App, type AppDeps, actorOf } from '../http/types.ts';
import { attachment } from '../import/import-template.ts';
import { findStoredFileMeta, insertStoredFile, readStoredFileData } from './stored-files.repository.ts';

export const MAX_STORED_FILE_BYTES = 10 * 1024 * 1024;

/** Extension → the content types a browser may send for it; the first one is what we serve. */
export const ALLOWED_FILE_TYPES: Record<string, readonly string[]> = {
  pdf: ['application/pdf'],
  jpg: ['image/jpeg', 'image/pjpeg'],
  jpeg: ['image/jpeg', 'image/pjpeg'],
  png: ['image/png'],
  doc: ['application/msword'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  xls: ['application/vnd.ms-excel'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  odt: ['application/vnd.oasis.opendocument.text'],
  ods: ['application/vnd.oasis.opendocument.spreadsheet'],
  txt: ['text/plain'],
};
/** Sent by browsers and tools that do not know the type; the extension decides then. */
const GENERIC_TYPES = ['', 'application/octet-stream', 'binary/octet-stream'];

const TYPES_TEXT = 'PDF, JPG, PNG, DOC, DOCX, XLS, XLSX, ODT, ODS, TXT';

/** The content type to store for a file, or a 422 naming what is accepted. */
export function acceptedContentType(fileName: string, sentType: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const types = ALLOWED_FILE_TYPES[ext];
  const sent = sentType.split(';')[0]!.trim().toLowerCase();
  if (!types) throw invalid(`Файлы такого типа не принимаются. Можно загрузить: ${TYPES_TEXT}.`);
  if (!GENERIC_TYPES.includes(sent) && !types.includes(sent)) {
    throw invalid(`Тип файла не совпадает с его расширением «.${ext}». Можно загрузить: ${TYPES_TEXT}.`);
  }
  return types[0]!;
}

async function readUpload(request: FastifyRequest) {
  const upload = await readSingleFile(request, {
    maxBytes: MAX_STORED_FILE_BYTES,
    attach: 'Прикрепите файл в поле формы «file».',
    tooLarge: (limit) => `Файл больше ${limit}: уменьшите его (например, сожмите скан) или дайте ссылку.`,
  });
  if (upload.data.byteLength === 0) throw invalid('Файл пустой.');
  const fileName = upload.fileName.replace(/[\\/]/g, '_').slice(0, 255);
  return { fileName, contentType: acceptedContentType(fileName, upload.mimetype), data: upload.data };
}

/** Whether someone other than the uploader may read a file (e.g. they see the route it proves). */
export type FileReadCheck = (db: Db, actor: Actor, fileId: string) => Promise<boolean>;

const ZFile = z.object({ id: z.string(), fileName: z.string(), size: z.number(), contentType: z.string() });

/** Checks other contexts add (a material of the bank of practices is read by whoever sees it). */
const extraReaders = new Set<FileReadCheck>();
export function registerFileReader(check: FileReadCheck): void {
  extraReaders.add(check);
}

export function registerStoredFileRoutes(app: App, { db }: AppDeps, mayRead: FileReadCheck[]): void {
  app.post(
    '/api/files',
    {
      schema: {
        tags: ['files'],
        summary: `Загрузить файл (поле формы «file», до 10 МБ: ${TYPES_TEXT})`,
        consumes: ['multipart/form-data'],
        response: { 201: ZFile },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const upload = await readUpload(request);
      const meta = await db.transaction(async (tx) => {
        const meta = await insertStoredFile(tx, {
          fileName: upload.fileName,
          contentType: upload.contentType,
          data: upload.data,
          uploadedBy: actor.userId,
        });
        await writeAudit(tx, {
          actor,
          action: 'create',
          entity: 'stored_file',
          entityId: meta.id,
          details: { fileName: meta.file_name, size: meta.size, sha256: meta.sha256 },
        });
        return meta;
      });
      return reply
        .status(201)
        .send({ id: meta.id, fileName: meta.file_name, size: meta.size, contentType: meta.content_type });
    },
  );

  app.get(
    '/api/files/:id',
    {
      schema: {
        tags: ['files'],
        summary: 'Скачать файл: его автору и тем, кто видит маршрут, где он приложен',
        params: z.object({ id: z.uuid() }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const meta = await findStoredFileMeta(db, request.params.id);
      let allowed = meta !== null && meta.uploaded_by === actor.userId;
      for (const check of [...mayRead, ...extraReaders]) {
        if (allowed || !meta) break;
        allowed = await check(db, actor, meta.id);
      }
      if (!meta || !allowed) throw notFound('Файл не найден или недоступен.');
      const data = await readStoredFileData(db, meta.id);
      if (!data) throw notFound('Файл не найден или недоступен.');
      await writeAudit(db, {
        actor,
        action: 'download',
        entity: 'stored_file',
        entityId: meta.id,
        details: { fileName: meta.file_name },
      });
      return reply
        .header('content-type', meta.content_type)
        .header('content-disposition', attachment(meta.file_name))
        .send(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    },
  );
}
