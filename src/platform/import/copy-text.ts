import { copyIn, type Db } from '../db/database.ts';

/**
 * Rows in PostgreSQL's COPY text format, for the bulk writes of imports: one line per row, values
 * separated by tabs, `\N` for null. Strings escape backslash, tab, newline and carriage return;
 * a string array becomes an array literal (text[]). A jsonb value is passed as its JSON text.
 */
export type CopyValue = string | number | boolean | null | undefined | readonly string[];

const SPECIAL = /[\\\t\n\r]/;

function escapeText(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

const arrayItem = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

export function copyValue(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return escapeText(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return escapeText(`{${v.map(arrayItem).join(',')}}`);
}

/** COPY's text of the rows: each row's values in the order of the columns. */
export function copyText(rows: readonly (readonly CopyValue[])[]): string {
  let out = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) line += (i ? '\t' : '') + copyValue(row[i]);
    out += `${line}\n`;
  }
  return out;
}

/** Rows per COPY: large enough to be a handful of statements, small enough to keep strings modest. */
const COPY_CHUNK = 20_000;

/**
 * Appends the rows to the table through COPY FROM STDIN (inside the caller's transaction). `columns`
 * are trusted identifiers from the code, never from a file.
 */
export async function copyRows(
  db: Db,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly CopyValue[])[],
): Promise<void> {
  const copySql = `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
  for (let i = 0; i < rows.length; i += COPY_CHUNK) {
    await copyIn(db, copySql, copyText(rows.slice(i, i + COPY_CHUNK)));
  }
}
