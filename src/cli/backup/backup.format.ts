/**
 * The portable backup: gzipped JSON lines, the same for PGlite and PostgreSQL and readable by
 * either. Line 1 is the header (format, schema version as the rows of schema_migrations, the
 * tables in load order); then, per table, a `{"table", "columns"}` line followed by one JSON
 * array per row holding each column's text form (what COPY writes; null for NULL); the last line
 * `{"end": true, "rows": {...}}` lets a restore notice a truncated file.
 */
export const BACKUP_FORMAT = 'marshrut-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  engine: 'pglite' | 'postgres';
  migrations: { tag: string; appliedAt: string }[];
  tables: string[];
}

export interface TableStart {
  table: string;
  columns: string[];
}

export interface BackupEnd {
  end: true;
  rows: Record<string, number>;
}

export type BackupLine =
  | { kind: 'row'; values: (string | null)[] }
  | { kind: 'table'; start: TableStart }
  | { kind: 'end'; end: BackupEnd };

export class BackupFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFormatError';
  }
}

export function parseHeader(line: string | undefined): BackupHeader {
  let h: Partial<BackupHeader>;
  try {
    h = JSON.parse(line ?? '') as Partial<BackupHeader>;
  } catch {
    throw new BackupFormatError(
      'Файл не похож на резервную копию Маршрута (не удалось прочитать заголовок).',
    );
  }
  if (h?.format !== BACKUP_FORMAT)
    throw new BackupFormatError('Файл не похож на резервную копию Маршрута (неизвестный формат).');
  if (h.version !== BACKUP_VERSION)
    throw new BackupFormatError(
      `Версия формата копии ${h.version} не поддерживается этой версией Маршрута (ожидается ${BACKUP_VERSION}).`,
    );
  if (!Array.isArray(h.migrations) || !Array.isArray(h.tables))
    throw new BackupFormatError('Заголовок резервной копии повреждён.');
  return h as BackupHeader;
}

export function parseLine(line: string): BackupLine {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    throw new BackupFormatError('Резервная копия повреждена: строка не читается.');
  }
  if (Array.isArray(v)) return { kind: 'row', values: v as (string | null)[] };
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (o.end === true && o.rows && typeof o.rows === 'object')
      return { kind: 'end', end: o as unknown as BackupEnd };
    if (typeof o.table === 'string' && Array.isArray(o.columns))
      return { kind: 'table', start: o as unknown as TableStart };
  }
  throw new BackupFormatError('Резервная копия повреждена: неизвестная строка.');
}

/**
 * Tables in an order that loads every referenced table before the tables referring to it
 * (Kahn's algorithm; ties by name, so the order is stable). A table's reference to itself is
 * ignored; a cycle between tables cannot be loaded without deferrable keys and is an error.
 */
export function loadOrder(tables: readonly { name: string; dependsOn: readonly string[] }[]): string[] {
  const names = new Set(tables.map((t) => t.name));
  const pending = new Map(
    tables.map((t) => [t.name, new Set(t.dependsOn.filter((d) => d !== t.name && names.has(d)))]),
  );
  const order: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending]
      .filter(([, deps]) => deps.size === 0)
      .map(([n]) => n)
      .sort();
    if (ready.length === 0)
      throw new Error(`cyclic foreign keys between tables: ${[...pending.keys()].sort().join(', ')}`);
    for (const n of ready) {
      order.push(n);
      pending.delete(n);
      for (const deps of pending.values()) deps.delete(n);
    }
  }
  return order;
}

/** Schema versions match when both databases applied exactly the same migrations. */
export function sameSchema(a: readonly string[], b: readonly string[]): boolean {
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((t, i) => t === y[i]);
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
