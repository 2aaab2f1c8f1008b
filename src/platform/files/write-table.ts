import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { platformTimeZone } from '../time/today.ts';

/**
 * Writes one table as .xlsx, .csv (for Russian Excel: UTF-8 with BOM, `;`, decimal comma) or
 * .json. Text that Excel would take for a formula (= + - @, tab, CR at the start) is prefixed
 * with an apostrophe in both spreadsheet formats; readTable takes that apostrophe off again.
 */

export type ColumnType = 'text' | 'number' | 'date';

/**
 * How a number column is shown and rounded. `percent` takes percentage points (0–100): the
 * XLSX cell holds a real percentage (85.3 → 0.853 shown as «85,3 %»), the CSV the points.
 */
export type NumberFormat = 'integer' | 'decimal1' | 'decimal2' | 'percent';

const NUMBER_FORMATS: Record<NumberFormat, { numFmt: string; decimals: number }> = {
  integer: { numFmt: '#,##0', decimals: 0 },
  decimal1: { numFmt: '#,##0.0', decimals: 1 },
  decimal2: { numFmt: '#,##0.00', decimals: 2 },
  percent: { numFmt: '0.0%', decimals: 1 },
};

/**
 * What a sheet shows, written above the table in XLSX (never in CSV, which stays a plain table
 * for re-import): the title, then one «label | value» row for each field given.
 */
export interface TitleBlock {
  title: string;
  territory?: string | null;
  period?: string | null;
  /** 'YYYY-MM-DD' or a Date: written as a real date. */
  asOf?: string | Date | null;
  /** Frozen figures of a closed campaign (with the day they were fixed) or a live computation. */
  state?: { frozen: true; on?: string | Date | null } | { frozen: false };
  /** Who exported; the time is `exportedAt` (now by default) in the platform's time zone. */
  exportedBy?: string | null;
  exportedAt?: Date;
}

export interface TableColumn {
  key: string;
  header: string;
  /** In characters; computed from the header and the first rows when absent. */
  width?: number;
  /** Without a type, a cell's JS value decides: number → number, Date → date, else text. */
  type?: ColumnType;
  /** A number column's display and rounding (implies type 'number'). */
  format?: NumberFormat;
}

export interface SheetInput {
  sheetName: string;
  columns: TableColumn[];
  rows: Record<string, unknown>[];
  /** XLSX only: rows above the header saying what the table is. */
  titleBlock?: TitleBlock;
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

const roundTo = (n: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round((n + Number.EPSILON * Math.sign(n)) * f) / f;
};

/** One typed cell, the same for XLSX and CSV; a formatted number is rounded to its format. */
export function toCell(value: unknown, type: ColumnType | undefined, format?: NumberFormat): Cell {
  if (value === null || value === undefined || value === '') return { kind: 'empty' };
  if (format) {
    const n = asNumber(value);
    if (n !== null) return { kind: 'number', n: roundTo(n, NUMBER_FORMATS[format].decimals) };
  }
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
    lines.push(sheet.columns.map((c) => csvField(toCell(row[c.key], c.type, c.format))).join(';'));
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
    const cell = toCell(row[c.key], c.type, c.format);
    const len = cell.kind === 'text' ? cell.text.length : cell.kind === 'empty' ? 0 : 10;
    if (len > longest) longest = len;
  }
  return Math.min(60, Math.max(8, longest + 2));
}

const DATE_FORMAT = 'dd.mm.yyyy';

/** 'dd.mm.yyyy hh:mm' in the platform's time zone. */
export function ruDateTime(at: Date, timeZone: string = platformTimeZone()): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}`;
}

/** The «label | value» rows of a title block, in the order they are written. */
export function titleRows(block: TitleBlock): [string, string | Date][] {
  const rows: [string, string | Date][] = [];
  if (block.territory) rows.push(['Территория', block.territory]);
  if (block.period) rows.push(['Период', block.period]);
  const asOf = block.asOf ? asDate(block.asOf) : null;
  if (asOf) rows.push(['По состоянию на', asOf]);
  if (block.state) {
    const on = block.state.frozen && block.state.on ? asDate(block.state.on) : null;
    rows.push([
      'Данные',
      block.state.frozen
        ? `зафиксированы${on ? ` ${ruDate(on)}` : ''} (мониторинг закрыт)`
        : 'текущий расчёт',
    ]);
  }
  if (block.exportedBy !== undefined) {
    const at = ruDateTime(block.exportedAt ?? new Date());
    rows.push(['Выгрузил(а)', block.exportedBy ? `${block.exportedBy}, ${at}` : at]);
  }
  return rows;
}

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: SheetInput, taken: Set<string>): void {
  let name = safeSheetName(sheet.sheetName);
  for (let i = 2; taken.has(name.toLowerCase()); i++)
    name = `${safeSheetName(sheet.sheetName).slice(0, 27)} (${i})`;
  taken.add(name.toLowerCase());
  const n = sheet.columns.length;
  const block = sheet.titleBlock;
  const blockRows = block ? titleRows(block) : [];
  // title, its fields, one blank row, then the header
  const headerRow = block ? blockRows.length + 3 : 1;
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
  });
  ws.columns = sheet.columns.map((c) => ({
    key: c.key,
    width: columnWidth(sheet, c),
    ...(c.format
      ? { style: { numFmt: NUMBER_FORMATS[c.format].numFmt } }
      : c.type === 'text'
        ? { style: { numFmt: '@' } }
        : c.type === 'date'
          ? { style: { numFmt: DATE_FORMAT } }
          : {}),
  }));
  if (n > 0) ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: n } };
  if (block) {
    const title = ws.addRow([neutralizeFormula(block.title)]);
    title.font = { bold: true, size: 14 };
    title.commit();
    for (const [label, value] of blockRows) {
      const row = ws.addRow([]);
      const a = row.getCell(1);
      a.value = label;
      a.font = { bold: true };
      const b = row.getCell(2);
      if (value instanceof Date) {
        b.value = value;
        b.numFmt = DATE_FORMAT;
        b.alignment = { horizontal: 'left' };
      } else {
        b.value = neutralizeFormula(value);
        b.numFmt = '@';
      }
      row.commit();
    }
    ws.addRow([]).commit();
  }
  const header = ws.addRow(sheet.columns.map((c) => neutralizeFormula(c.header)));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.commit();
  for (const source of sheet.rows) {
    const row = ws.addRow([]);
    sheet.columns.forEach((c, i) => {
      const cell = toCell(source[c.key], c.type, c.format);
      if (cell.kind === 'empty') return;
      const target = row.getCell(i + 1);
      if (cell.kind === 'text') target.value = cell.text;
      else if (cell.kind === 'number') {
        if (c.format === 'percent') {
          target.value = roundTo(cell.n / 100, 6);
          target.numFmt = NUMBER_FORMATS.percent.numFmt;
        } else {
          target.value = cell.n;
          if (c.format) target.numFmt = NUMBER_FORMATS[c.format].numFmt;
        }
      } else {
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
