import type { AuditEntry } from '../../platform/audit/audit.repository.ts';
import type { Actor, Role } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import type { TableRow } from '../../platform/files/read-table.ts';
import type { ColumnSpec, ImportIssue, ImportKind, RowOutcome } from './import.types.ts';
import { RowReader } from './row-reader.ts';

/** What every importer gets: who imports, today's date, and whether rows it reads should be locked. */
export interface ImportContext {
  /** null = the command-line tool, acting as the system administrator. */
  actor: Actor | null;
  /** The actor whose scope applies: the caller, or SYSTEM_ACTOR for the command line. */
  scope: Actor;
  today: string;
  regionId?: string | undefined;
  /**
   * Lock the registry rows read for matching (a real import, not a dry run). Organizations,
   * vacancies and staffing are few and take row locks; the staff import, tens of thousands of
   * rows, checks row versions (xmin) on update instead.
   */
  lock: boolean;
}

/** An importer's verdict on the file: the problems, the planned outcome of each valid row, and the write. */
export interface Prepared {
  errors: ImportIssue[];
  warnings: ImportIssue[];
  outcomes: Map<number, RowOutcome>;
  /** Writes the valid rows' changes (set-based) and returns the audit entries to append. */
  commit(tx: Db): Promise<Omit<AuditEntry, 'actor'>[]>;
}

export interface Importer {
  kind: ImportKind;
  columns: readonly ColumnSpec[];
  /** Roles that may import this kind (the command line always may). */
  roles: readonly Role[];
  prepare(tx: Db, ctx: ImportContext, rows: RowReader[]): Promise<Prepared>;
}

export function readersFor(
  rows: TableRow[],
  specs: ReadonlyMap<string, ColumnSpec>,
  index: ReadonlyMap<string, number>,
): RowReader[] {
  return rows.map((row) => new RowReader(row, specs, index));
}

/** Rows of the same key after the first: «повторяет строку N». */
export function findRepeats<T extends { rowNumber: number }>(
  items: readonly T[],
  key: (item: T) => string,
): { item: T; first: T }[] {
  const seen = new Map<string, T>();
  const repeats: { item: T; first: T }[] = [];
  for (const item of items) {
    const k = key(item);
    const first = seen.get(k);
    if (first) repeats.push({ item, first });
    else seen.set(k, item);
  }
  return repeats;
}

/** Only the fields that differ, for the audit and for counting. */
export function changedFields<T extends object>(
  before: T,
  after: T,
  fields: readonly (keyof T)[],
): { before: Partial<T>; after: Partial<T> } | null {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const f of fields) {
    if (!sameValue(before[f], after[f])) {
      b[f] = before[f];
      a[f] = after[f];
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}

/** Equality of field values: primitives, and arrays of primitives element by element. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return false;
}
