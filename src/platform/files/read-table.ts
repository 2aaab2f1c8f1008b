import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import yauzl from 'yauzl';
import { AppError } from '../errors.ts';
import { parseCsvFast } from './csv-fast.ts';

/**
 * Reads the first sheet of an untrusted spreadsheet (.xlsx or .csv) into trimmed text cells.
 *
 * An .xlsx file is a zip: before any XML is parsed, its central directory is inspected
 * (entry count, declared unpacked size), and only the four parts needed are inflated — through
 * yauzl, which also refuses an entry that inflates to more than it declared. The XML itself is
 * parsed by ExcelJS's streaming readers, fed from those checked entries, so a sheet is never held
 * in memory as a workbook model and nothing is written to disk.
 */

export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const MAX_ZIP_ENTRIES = 1000;
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
export const MAX_ROWS = 300_000;
export const MAX_COLUMNS = 200;

export interface TableRow {
  /** The spreadsheet's own row number: the header is row 1 (in a CSV, the record's number). */
  rowNumber: number;
  /** One trimmed string per header column, '' when empty. */
  cells: string[];
}

export interface Table {
  headers: string[];
  rows: TableRow[];
}

export interface ReadTableInput {
  fileName: string;
  data: Uint8Array;
  maxBytes?: number;
}

export type TableFormat = 'xlsx' | 'csv';

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} МБ`;

const unreadable = (what: string) =>
  new AppError('validation', `Не удалось прочитать файл: ${what}.`, { reason: 'unreadable_file' });

export async function readTable(input: ReadTableInput): Promise<Table> {
  const maxBytes = input.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  if (input.data.byteLength > maxBytes) {
    throw new AppError(
      'payload_too_large',
      `Файл слишком велик: ${mb(input.data.byteLength)}, допускается не больше ${mb(maxBytes)}.`,
    );
  }
  if (input.data.byteLength === 0) throw unreadable('файл пустой');
  const format = detectFormat(input.fileName, input.data);
  const grid = format === 'xlsx' ? await readXlsxGrid(input.data) : readCsvGrid(input.data);
  return toTable(format === 'xlsx' ? skipTitleBlock(grid) : grid);
}

const XLSX_EXT = /\.(xlsx|xlsm)$/i;
const CSV_EXT = /\.(csv|tsv|txt)$/i;

/** By content first (a zip is .xlsx, an OLE2 file is old .xls), then by the file's extension. */
export function detectFormat(fileName: string, data: Uint8Array): TableFormat {
  const isZip = data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
  const isOle = data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0;
  if (isOle) {
    throw new AppError(
      'validation',
      'Файл в старом формате Excel 97–2003 (.xls) или защищён паролем. Снимите пароль и сохраните файл как «Книга Excel (.xlsx)» или «CSV (разделители — точки с запятой)».',
      { reason: 'unsupported_format' },
    );
  }
  if (isZip) {
    if (XLSX_EXT.test(fileName) || !CSV_EXT.test(fileName)) return 'xlsx';
    throw unreadable('файл назван .csv, но это архив (возможно, книга Excel — сохраните её как .xlsx)');
  }
  if (XLSX_EXT.test(fileName)) throw unreadable('файл повреждён или не является книгой Excel (.xlsx)');
  if (CSV_EXT.test(fileName)) return 'csv';
  throw new AppError('validation', 'Поддерживаются файлы .xlsx и .csv.', { reason: 'unsupported_format' });
}

// ---------- cells ----------

/** A leading apostrophe that our own exports put before = + - @ is taken off again. */
const NEUTRALIZED = /^'[=+\-@\t\r]/;

export function cleanCell(text: string): string {
  const t = text.replace(/[\u00a0\u2007\u202f]/g, ' ').trim();
  return NEUTRALIZED.test(t) ? t.slice(1) : t;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Dates come out as ДД.ММ.ГГГГ, the way a Russian user typed and sees them. */
export function formatRuDate(d: Date): string {
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${pad(d.getUTCFullYear(), 4)}`;
}

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  // 0.1 + 0.2 stored by Excel reads back as 0.3, and 12345678901 stays digits.
  return String(Number(n.toPrecision(15)));
}

/** Excel's rule: a number format with d, m, y (outside quotes and brackets) shows a date. */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[dmy]/i.test(bare) && !/^general$/i.test(bare);
}

function excelSerialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

type CellValue = ExcelJS.CellValue | undefined;

function cellText(value: CellValue, numFmt: string | undefined, date1904: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    return isDateFormat(numFmt) ? formatRuDate(excelSerialToDate(value, date1904)) : formatNumber(value);
  }
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : formatRuDate(value);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) {
      return value.richText.map((r) => r.text ?? '').join('');
    }
    if ('formula' in value || 'sharedFormula' in value) {
      return cellText((value as { result?: CellValue }).result, numFmt, date1904);
    }
    if ('error' in value) return String(value.error);
    if ('text' in value) return cellText((value as { text: CellValue }).text, numFmt, date1904);
  }
  return '';
}

// ---------- grid → table ----------

interface Grid {
  rows: { rowNumber: number; cells: string[] }[];
}

const filled = (cells: string[]) => cells.filter((c) => c !== '').length;
const MAX_TITLE_ROWS = 12;

/**
 * Drops a title block above the table — ours (write-table's TitleBlock) or one typed by hand:
 * a first row with only its first cell filled, a few rows of at most two filled cells, one blank
 * row, then a header of three or more columns. Anything else is read from the first row.
 */
export function skipTitleBlock(grid: Grid): Grid {
  const rows = grid.rows.filter((r) => filled(r.cells) > 0);
  const first = rows[0];
  if (!first || filled(first.cells) !== 1 || first.cells[0] === '') return grid;
  for (let i = 1; i < rows.length && i <= MAX_TITLE_ROWS; i++) {
    const row = rows[i]!;
    const gap = row.rowNumber > rows[i - 1]!.rowNumber + 1;
    if (gap && filled(row.cells) >= 3) return { rows: rows.slice(i) };
    if (filled(row.cells) > 2) return grid;
  }
  return grid;
}

function toTable(grid: Grid): Table {
  const nonBlank = grid.rows.filter((r) => r.cells.some((c) => c !== ''));
  const [headerRow, ...dataRows] = nonBlank;
  if (!headerRow) throw unreadable('в файле нет ни одной заполненной строки');
  const headers = [...headerRow.cells];
  while (headers.length && headers[headers.length - 1] === '') headers.pop();
  if (headers.length > MAX_COLUMNS) {
    throw new AppError(
      'validation',
      `В первой строке ${headers.length} столбцов; допускается не больше ${MAX_COLUMNS}.`,
    );
  }
  if (dataRows.length > MAX_ROWS) {
    throw new AppError(
      'payload_too_large',
      `В файле ${dataRows.length} строк; за один раз можно загрузить не больше ${MAX_ROWS}. Разделите файл на части.`,
    );
  }
  return {
    headers,
    rows: dataRows.map((r) => ({
      rowNumber: r.rowNumber,
      cells: headers.map((_, i) => r.cells[i] ?? ''),
    })),
  };
}

// ---------- CSV ----------

/** UTF-8 with or without BOM, UTF-16 with BOM, otherwise Windows-1251 (Russian Excel's «CSV»). */
export function decodeText(data: Uint8Array): string {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  if (buf[0] === 0xff && buf[1] === 0xfe) return iconv.decode(buf.subarray(2), 'utf16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return iconv.decode(buf.subarray(2), 'utf16be');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return iconv.decode(buf, 'win1251');
  }
}

/** The delimiter that occurs most often, outside quotes, in the header line; `;` on a tie. */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  let seenContent = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (seenContent) break;
    } else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch]++;
    if (ch.trim() !== '') seenContent = true;
  }
  const best = (['\t', ','] as const).reduce<';' | ',' | '\t'>(
    (acc, d) => (counts[d] > counts[acc] ? d : acc),
    ';',
  );
  return best;
}

/** Excel's «sep=;» first line names the delimiter; Excel hides it, so rows count after it. */
const SEP_LINE = /^sep=([;,\t|])[ \t]*\r?\n/i;

function readCsvGrid(data: Uint8Array): Grid {
  let text = decodeText(data).replace(/^\ufeff/, '');
  const sep = SEP_LINE.exec(text);
  if (sep) text = text.slice(sep[0].length);
  const delimiter = sep ? sep[1]! : detectDelimiter(text);
  let records: string[][];
  try {
    records =
      parseCsvFast(text, delimiter) ??
      (parseCsv(text, {
        delimiter,
        relax_quotes: true,
        relax_column_count: true,
        skip_empty_lines: false,
        bom: false,
      }) as string[][]);
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw unreadable(`CSV-файл повреждён${line ? ` около строки ${line}` : ''} (проверьте кавычки)`);
  }
  if (records.length > MAX_ROWS + 1) {
    throw new AppError(
      'payload_too_large',
      `В файле больше ${MAX_ROWS} строк; за один раз можно загрузить не больше. Разделите файл на части.`,
    );
  }
  return {
    rows: records.map((cells, i) => ({ rowNumber: i + 1, cells: cells.map(cleanCell) })),
  };
}

// ---------- XLSX ----------

interface SheetRef {
  name: string;
  rId: string;
  state?: string;
}

/** The parts of ExcelJS's streaming WorkbookReader we drive (ExcelJS 4.4.0, pinned). */
interface ExcelWorkbookReader {
  model?: { sheets?: SheetRef[] };
  properties?: { model?: { date1904?: boolean } } | undefined;
  workbookRels?: { Id: string; Target: string; Type?: string }[];
  _parseRels(stream: Readable): Promise<void>;
  _parseWorkbook(stream: Readable): Promise<void>;
  _parseSharedStrings(stream: Readable): AsyncGenerator<unknown>;
  _parseStyles(stream: Readable): Promise<void>;
  _parseWorksheet(
    iterable: AsyncIterable<unknown>,
    sheetNo: string,
  ): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
}

const zipTooBig = (what: string) =>
  new AppError(
    'payload_too_large',
    `Книга Excel слишком велика или подозрительна: ${what}. Сохраните данные на одном листе без лишнего содержимого.`,
    { reason: 'zip_limits' },
  );

/** Inspects the zip's central directory; refuses before anything is inflated. */
export async function inspectZip(
  data: Uint8Array,
  limits = { maxEntries: MAX_ZIP_ENTRIES, maxUnpackedBytes: MAX_UNPACKED_BYTES },
): Promise<{ zip: yauzl.ZipFile; entries: Map<string, yauzl.Entry> }> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
      lazyEntries: true,
      validateEntrySizes: true,
    });
  } catch {
    throw unreadable('файл повреждён или не является книгой Excel (.xlsx)');
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw zipTooBig(`${zip.entryCount} частей в архиве (допускается до ${limits.maxEntries})`);
  }
  const entries = new Map<string, yauzl.Entry>();
  let unpacked = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      unpacked += entry.uncompressedSize;
      if (unpacked > limits.maxUnpackedBytes) {
        throw zipTooBig(
          `в распакованном виде больше ${mb(limits.maxUnpackedBytes)} (архив обещает ${mb(unpacked)} и более)`,
        );
      }
      if (entry.isEncrypted()) throw unreadable('книга зашифрована; снимите пароль');
      entries.set(entry.fileName, entry);
    }
  } catch (err) {
    zip.close();
    if (err instanceof AppError) throw err;
    throw unreadable('файл повреждён или не является книгой Excel (.xlsx)');
  }
  return { zip, entries };
}

async function readXlsxGrid(data: Uint8Array): Promise<Grid> {
  const { zip, entries } = await inspectZip(data);
  try {
    const open = async (path: string): Promise<Readable> => {
      const entry = entries.get(path);
      if (!entry) throw unreadable('файл повреждён или не является книгой Excel (.xlsx)');
      const stream = await zip.openReadStreamPromise(entry);
      // Decode with a StringDecoder so a Cyrillic letter split between chunks stays whole.
      stream.setEncoding('utf8');
      return stream;
    };
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(null as unknown as string, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      entries: 'ignore',
    }) as unknown as ExcelWorkbookReader;

    await reader._parseRels(await open('xl/_rels/workbook.xml.rels'));
    await reader._parseWorkbook(await open('xl/workbook.xml'));
    if (entries.has('xl/sharedStrings.xml')) {
      for await (const _ of reader._parseSharedStrings(await open('xl/sharedStrings.xml'))) {
        // 'cache' mode: the strings are kept on the reader
      }
    }
    if (entries.has('xl/styles.xml')) await reader._parseStyles(await open('xl/styles.xml'));

    const sheets = reader.model?.sheets ?? [];
    const sheet = sheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? sheets[0];
    const rel = sheet && reader.workbookRels?.find((r) => r.Id === sheet.rId);
    if (!rel) throw unreadable('в книге нет листов');
    const target = rel.Target.startsWith('/') ? rel.Target.slice(1) : `xl/${rel.Target}`;
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(target)) {
      throw unreadable('первый лист книги — не таблица (например, диаграмма)');
    }
    const date1904 = Boolean(reader.properties?.model?.date1904);
    const rows: Grid['rows'] = [];
    const generated = reader._parseWorksheet(await open(target), '1').next();
    const worksheet = generated.done ? null : generated.value.value;
    if (!worksheet) throw unreadable('в книге нет листов');
    for await (const row of worksheet) {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        if (col > MAX_COLUMNS * 4) return;
        cells[col - 1] = cleanCell(cellText(cell.value, cell.numFmt, date1904));
      });
      if (cells.some((c) => c))
        rows.push({ rowNumber: row.number, cells: Array.from(cells, (c) => c ?? '') });
      if (rows.length > MAX_ROWS + 1) {
        throw new AppError(
          'payload_too_large',
          `На листе больше ${MAX_ROWS} строк; за один раз можно загрузить не больше. Разделите файл на части.`,
        );
      }
    }
    return { rows };
  } catch (err) {
    if (err instanceof AppError) throw err;
    const message = err instanceof Error ? err.message : '';
    if (/too many bytes|too few bytes|invalid|unexpected|signature/i.test(message)) {
      throw unreadable('архив книги повреждён или не соответствует своему оглавлению');
    }
    throw unreadable('файл повреждён или не является книгой Excel (.xlsx)');
  } finally {
    zip.close();
  }
}
