import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * Writes one table as .xlsx, .csv (for Russian Excel: UTF-8 with BOM, `;`, decimal comma) or
 * .json. Text that Excel would take for a formula (= + - @, tab, CR at the start) is prefixed
 * with an apostrophe in both spreadsheet formats; readTable takes that apostrophe off again.
 */

export type ColumnType = 'text' | 'number' | 'date';

export interface TableColumn {
  key: string;
  header: string;
  /** In characters; computed from the header and the first rows when absent. */
  width?: number;
  /** Without a type, a cell's JS value decides: number → number, Date → date, else text. */
  type?: ColumnType;
}

export interface SheetInput {
  sheetName: string;
  columns: TableColumn[];
  rows: Record<string, unknown>[];
}

export interface WriteTableInput extends SheetInput {
  format: 'xlsx' | 'csv' | 'json';
  /** More sheets after the first (XLSX only), e.g. a «Справка» sheet of a template. */
  extraSheets?: SheetInput[];
}

export interface WrittenTable {
  data: Uint8Array;
  contentType: string;
  extension: string;
}

export const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes text that a spreadsheet would run as a formula. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function asDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'string') {
    const m = ISO_DATE.exec(value);
    if (m) {
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return Number.isNaN(d.getTime()) ? null : d;
    }
  }
  return null;
}

function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^-?\d+([.,]\d+)?$/.test(value.trim())) {
    return Number(value.trim().replace(',', '.'));
  }
  return null;
}

function plainText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (Array.isArray(value)) return value.map(plainText).join('; ');
  if (value instanceof Date) return ruDate(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const ruDate = (d: Date) =>
  `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${pad(d.getUTCFullYear(), 4)}`;

type Cell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; n: number }
  | { kind: 'date'; d: Date };

/** One typed cell, the same for XLSX and CSV. */
export function toCell(value: unknown, type: ColumnType | undefined): Cell {
  if (value === null || value === undefined || value === '') return { kind: 'empty' };
  if (type === 'date' || (type === undefined && value instanceof Date)) {
    const d = asDate(value);
    if (d) return { kind: 'date', d };
  }
  if (type === 'number' || (type === undefined && typeof value === 'number')) {
    const n = asNumber(value);
    if (n !== null) return { kind: 'number', n };
  }
  return { kind: 'text', text: neutralizeFormula(plainText(value)) };
}

// ---------- CSV ----------

const csvNumber = (n: number) => String(Number(n.toPrecision(15))).replace('.', ',');

function csvField(cell: Cell): string {
  const text =
    cell.kind === 'empty'
      ? ''
      : cell.kind === 'number'
        ? csvNumber(cell.n)
        : cell.kind === 'date'
          ? ruDate(cell.d)
          : cell.text;
  return /[;"\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function writeCsv(sheet: SheetInput): Uint8Array {
  const lines = [sheet.columns.map((c) => csvField(toCell(c.header, 'text'))).join(';')];
  for (const row of sheet.rows) {
    lines.push(sheet.columns.map((c) => csvField(toCell(row[c.key], c.type))).join(';'));
  }
  const body = Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
}

// ---------- JSON ----------

function jsonValue(value: unknown, type: ColumnType | undefined): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (type === 'number') return asNumber(value) ?? value;
  return value;
}

function writeJson(sheet: SheetInput): Uint8Array {
  const rows = sheet.rows.map((r) =>
    Object.fromEntries(sheet.columns.map((c) => [c.key, jsonValue(r[c.key], c.type)])),
  );
  return new TextEncoder().encode(JSON.stringify(rows));
}

// ---------- XLSX ----------

/** Excel allows 31 characters and none of : \ / ? * [ ] in a sheet name. */
export function safeSheetName(name: string, fallback = 'Лист1'): string {
  const clean = name
    .replace(/[:\\/?*[\]]/g, ' ')
    .trim()
    .slice(0, 31);
  return clean || fallback;
}

const SAMPLE_ROWS = 200;

function columnWidth(sheet: SheetInput, c: TableColumn): number {
  if (c.width) return c.width;
  let longest = c.header.length;
  for (const row of sheet.rows.slice(0, SAMPLE_ROWS)) {
    const cell = toCell(row[c.key], c.type);
    const len = cell.kind === 'text' ? cell.text.length : cell.kind === 'empty' ? 0 : 10;
    if (len > longest) longest = len;
  }
  return Math.min(60, Math.max(8, longest + 2));
}

const DATE_FORMAT = 'dd.mm.yyyy';

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: SheetInput, taken: Set<string>): void {
  let name = safeSheetName(sheet.sheetName);
  for (let i = 2; taken.has(name.toLowerCase()); i++)
    name = `${safeSheetName(sheet.sheetName).slice(0, 27)} (${i})`;
  taken.add(name.toLowerCase());
  const n = sheet.columns.length;
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  });
  ws.columns = sheet.columns.map((c) => ({
    key: c.key,
    width: columnWidth(sheet, c),
    ...(c.type === 'text'
      ? { style: { numFmt: '@' } }
      : c.type === 'date'
        ? { style: { numFmt: DATE_FORMAT } }
        : {}),
  }));
  if (n > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: n } };
  const header = ws.addRow(sheet.columns.map((c) => neutralizeFormula(c.header)));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.commit();
  for (const source of sheet.rows) {
    const row = ws.addRow([]);
    sheet.columns.forEach((c, i) => {
      const cell = toCell(source[c.key], c.type);
      if (cell.kind === 'empty') return;
      const target = row.getCell(i + 1);
      if (cell.kind === 'text') target.value = cell.text;
      else if (cell.kind === 'number') target.value = cell.n;
      else {
        target.value = cell.d;
        target.numFmt = DATE_FORMAT;
      }
    });
    row.commit();
  }
  ws.commit();
}

async function writeXlsx(input: WriteTableInput): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Маршрут';
  const taken = new Set<string>();
  addSheet(workbook, input, taken);
  for (const extra of input.extraSheets ?? []) addSheet(workbook, extra, taken);
  await workbook.commit();
  await ended;
  const data = Buffer.concat(chunks);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export async function writeTable(input: WriteTableInput): Promise<WrittenTable> {
  switch (input.format) {
    case 'csv':
      return { data: writeCsv(input), contentType: CONTENT_TYPES.csv, extension: 'csv' };
    case 'json':
      return { data: writeJson(input), contentType: CONTENT_TYPES.json, extension: 'json' };
    case 'xlsx':
      return { data: await writeXlsx(input), contentType: CONTENT_TYPES.xlsx, extension: 'xlsx' };
  }
}
