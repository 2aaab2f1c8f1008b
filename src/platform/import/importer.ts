import type { AuditEntry } from '../audit/audit.repository.ts';
import type { Actor, Role } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';
import type { TableRow } from '../files/read-table.ts';
import type { ColumnSpec, ImportCounts, ImportIssue, NoCounts, RowOutcome } from './import.types.ts';
import { RowReader } from './row-reader.ts';

/** What every importer gets: who imports, today's date, and whether rows it reads should be locked. */
export interface ImportContext {
  /** null = the command-line tool, acting as the system administrator. */
  actor: Actor | null;
  /** The actor whose scope applies: the caller, or SYSTEM_ACTOR for the command line. */
  scope: Actor;
  /** Today in the municipality's time zone. */
  today: string;
  regionId?: string | undefined;
  /**
   * Lock the rows read for matching (a real import, not a dry run). Small tables take row locks;
   * an import of tens of thousands of rows checks row versions (xmin) on update instead.
   */
  lock: boolean;
  /** Where the time went, for the benchmark: adds the milliseconds since the last lap to `name`. */
  lap?: ((name: string) => void) | undefined;
}

/** A lap clock over a record of phase → milliseconds (see ImportContext.lap). */
export function lapClock(into: Record<string, number>): (name: string) => void {
  let last = performance.now();
  return (name) => {
    const now = performance.now();
    into[name] = (into[name] ?? 0) + now - last;
    last = now;
  };
}

/** An importer's verdict on the file: the problems, the planned outcome of each valid row, and the write. */
export interface Prepared<X extends ImportCounts = NoCounts> {
  errors: ImportIssue[];
  warnings: ImportIssue[];
  outcomes: Map<number, RowOutcome>;
  /** The importer's own counts for the report (e.g. results written), when it has any. */
  counts?: X;
  /** Writes the valid rows' changes (set-based) and returns the audit entries to append. */
  commit(tx: Db): Promise<Omit<AuditEntry, 'actor'>[]>;
}

/**
 * One kind of spreadsheet import. The runner (`runImport`) reads the file, maps the headers, hands
 * the rows to `prepare` inside the transaction and writes, checks or refuses as the mode says.
 */
export interface Importer<K extends string = string, X extends ImportCounts = NoCounts> {
  kind: K;
  columns: readonly ColumnSpec[];
  /** Roles that may import this kind (the command line always may). */
  roles: readonly Role[];
  /** The 403 message for any other role; the generic one if not given. */
  forbidden?: string;
  /** The template's sheet and file names and the general notes of its «Справка». */
  template: { sheet: string; file: string; notes?: readonly string[] };
  /** The 409 message when someone wrote the same keys during the import. */
  conflict: string;
  /**
   * When given, a column the importer does not know is an error with this message (data must not
   * silently fall off); by default it is a warning and the column is skipped.
   */
  unknownColumn?: (header: string, letter: string) => string;
  /** The importer's own counts, zero, for a report of a file refused before `prepare`. */
  counts?: X;
  /**
   * Audit the changed people's records as compact entries (one per kind of change and batch of
   * people, every record with its before and after) rather than one row each: for bulk imports.
   */
  compactAudit?: boolean;
  /** Further fields of the summary audit entry (the framework, the campaign…). */
  auditDetails?: Record<string, unknown>;
  prepare(tx: Db, ctx: ImportContext, rows: RowReader[]): Promise<Prepared<X>>;
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
