import type { FastifyReply } from 'fastify';
import { writeTable } from '../files/write-table.ts';

/** What a template needs of a column spec (the imports' `ColumnSpec` fits). */
export interface TemplateColumn {
  key: string;
  header: string;
  required: boolean;
  example: string | number;
  help: string;
  type?: 'text' | 'number' | 'date';
}

export interface DownloadFile {
  fileName: string;
  contentType: string;
  data: Uint8Array;
}

/**
 * An import template: headers and one example row; in XLSX a second sheet «Справка» with a line
 * per column and then the general notes, if any. Named `marshrut-<file>-template.<ext>`.
 */
export async function importTemplate(
  specs: readonly TemplateColumn[],
  title: { sheet: string; file: string; notes?: readonly string[] },
  format: 'xlsx' | 'csv',
): Promise<DownloadFile> {
  const table = await writeTable({
    format,
    sheetName: title.sheet,
    columns: specs.map((s) => ({
      key: s.key,
      header: s.header,
      ...(s.type ? { type: s.type } : {}),
      width: Math.min(40, Math.max(12, s.header.length + 2)),
    })),
    rows: [Object.fromEntries(specs.map((s) => [s.key, s.example]))],
    extraSheets: [
      {
        sheetName: 'Справка',
        columns: [
          { key: 'column', header: 'Столбец', width: 32 },
          { key: 'required', header: 'Обязательный', width: 14 },
          { key: 'help', header: 'Что указывать', width: 100 },
        ],
        rows: [
          ...specs.map((s) => ({ column: s.header, required: s.required ? 'да' : 'нет', help: s.help })),
          ...(title.notes ?? []).map((help) => ({ column: 'Общее', required: '', help })),
        ],
      },
    ],
  });
  return {
    fileName: `marshrut-${title.file}-template.${table.extension}`,
    contentType: table.contentType,
    data: table.data,
  };
}

/** The template of an importer (its columns, sheet and file names, notes). */
export function importerTemplate(
  importer: {
    columns: readonly TemplateColumn[];
    template: { sheet: string; file: string; notes?: readonly string[] };
  },
  format: 'xlsx' | 'csv',
): Promise<DownloadFile> {
  return importTemplate(importer.columns, importer.template, format);
}

/** RFC 6266: an ASCII name for old clients and the exact one in UTF-8. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Sends a generated file as a download. */
export function sendDownload(reply: FastifyReply, file: DownloadFile) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', attachment(file.fileName))
    .send(Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength));
}
