import type { AuditAction, AuditEntity } from '../audit/audit.labels.ts';
import {
  type AuditChange,
  type AuditEntry,
  copyAudit,
  copyCompactAudit,
  writeAudit,
} from '../audit/audit.repository.ts';
import { type Actor, SYSTEM_ACTOR } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';
import { conflict, forbidden } from '../errors.ts';
import { readTable } from '../files/read-table.ts';
import { today } from '../time/today.ts';
import { columnLetter } from './cells.ts';
import { mapHeaders, normalizeHeader } from './headers.ts';
import type { ImportCounts, ImportIssue, ImportMode, ImportReport, NoCounts } from './import.types.ts';
import { type ImportContext, type Importer, lapClock, readersFor } from './importer.ts';
import { specMap } from './row-reader.ts';

/** Rows per statement for the bulk writes: one import is a handful of statements, never one per row. */
export const CHUNK = 5000;

export async function inChunks<T>(items: readonly T[], fn: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) await fn(items.slice(i, i + CHUNK));
}

/** Issues sorted by row number. */
export const byRow = (a: { row: number }, b: { row: number }) => a.row - b.row;

/** The one error of a file that has headers but no data rows. */
export const noDataRows = () => ({
  row: 0,
  column: null,
  value: null,
  message: 'В файле нет строк с данными: заполните строки под заголовками',
});

/** The report lists at most this many errors and warnings; the rest are counted in a last line. */
export const MAX_LISTED_ISSUES = 1000;

function capped(issues: ImportIssue[], what: 'ошибок' | 'предупреждений'): ImportIssue[] {
  if (issues.length <= MAX_LISTED_ISSUES) return issues;
  return [
    ...issues.slice(0, MAX_LISTED_ISSUES),
    {
      row: 0,
      column: null,
      value: null,
      message: `Показаны первые ${MAX_LISTED_ISSUES} ${what} из ${issues.length}; исправьте их и загрузите файл снова`,
    },
  ];
}

const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === '23505';

/**
 * Runs an import in one transaction; a unique violation (someone wrote the same keys meanwhile)
 * becomes a conflict with the given message.
 */
export async function importTransaction<T>(
  db: Db,
  conflictMessage: string,
  fn: (tx: Db) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(conflictMessage);
    throw err;
  }
}

/**
 * Writes an import's audit entries and then its summary entry (action and entity 'import'). By
 * default one row per changed record, through COPY; `compact` writes the entries about people as
 * compact entries instead (one per action, entity and batch of people, each listing every record
 * with its before and after — see copyCompactAudit), the rest one by one.
 */
export async function writeImportAudit(
  tx: Db,
  actor: AuditEntry['actor'],
  entries: Omit<AuditEntry, 'actor'>[],
  details: Record<string, unknown>,
  compact = false,
): Promise<void> {
  const single = compact ? entries.filter((e) => !e.personId || !e.entityId) : entries;
  await copyAudit(
    tx,
    single.map((e) => ({ ...e, actor })),
  );
  if (compact) {
    const kinds = new Map<string, { action: AuditAction; entity: AuditEntity; changes: AuditChange[] }>();
    for (const e of entries) {
      if (!e.personId || !e.entityId) continue;
      const key = `${e.action}|${e.entity}`;
      let kind = kinds.get(key);
      if (!kind) {
        kind = { action: e.action, entity: e.entity, changes: [] };
        kinds.set(key, kind);
      }
      kind.changes.push({ personId: e.personId, entityId: e.entityId, before: e.before, after: e.after });
    }
    const common = { source: 'import', kind: details.kind, fileName: details.fileName };
    for (const k of kinds.values())
      await copyCompactAudit(tx, { actor, action: k.action, entity: k.entity, details: common }, k.changes);
  }
  await writeAudit(tx, { actor, action: 'import', entity: 'import', details });
}

/** 403 unless the actor's role may import this kind; the command line (actor null) always may. */
export function assertMayImport(importer: Pick<Importer, 'roles' | 'forbidden'>, actor: Actor | null): void {
  if (actor && !importer.roles.includes(actor.role)) throw forbidden(importer.forbidden);
}

export interface ImportInput {
  /** null = the command-line tool, acting as the system administrator. */
  actor: Actor | null;
  fileName: string;
  data: Uint8Array;
  /** 'all' by default. */
  mode?: ImportMode | undefined;
  dryRun?: boolean | undefined;
  regionId?: string | undefined;
  /** Filled with milliseconds per phase (read, validate, match, plan, write, audit), for the benchmark. */
  timings?: Record<string, number> | undefined;
}

/**
 * Runs one spreadsheet import. By default (mode 'all') nothing is written unless every row is
 * valid; mode 'valid' writes the valid rows and reports the others; a dry run only validates and
 * counts. Every write of one import, and its audit, happens in one transaction.
 */
export async function runImport<K extends string, X extends ImportCounts = NoCounts>(
  db: Db,
  importer: Importer<K, X>,
  input: ImportInput,
): Promise<ImportReport<K, X>> {
  assertMayImport(importer, input.actor);
  const mode: ImportMode = input.mode ?? 'all';
  const dryRun = input.dryRun ?? false;
  const lap = input.timings ? lapClock(input.timings) : undefined;
  const table = await readTable({ fileName: input.fileName, data: input.data });
  lap?.('read');
  const headers = mapHeaders(table.headers, importer.columns);
  const headerWarnings = importer.unknownColumn ? [] : headers.warnings;
  const report = {
    kind: importer.kind,
    fileName: input.fileName,
    totalRows: table.rows.length,
    validRows: 0,
    errors: [...headers.errors],
    warnings: headerWarnings,
    created: 0,
    updated: 0,
    unchanged: 0,
    ...importer.counts,
    committed: false,
    dryRun,
  } as ImportReport<K, X>;
  if (importer.unknownColumn) {
    const known = new Set(importer.columns.map((c) => normalizeHeader(c.header)));
    table.headers.forEach((header, i) => {
      if (header.trim() && !known.has(normalizeHeader(header)))
        report.errors.push({
          row: 1,
          column: header,
          value: null,
          message: importer.unknownColumn!(header, columnLetter(i)),
        });
    });
  }
  if (report.errors.length) return report;
  if (table.rows.length === 0) {
    report.errors = [noDataRows()];
    return report;
  }

  const readers = readersFor(table.rows, specMap(importer.columns), headers.index);
  const ctx: ImportContext = {
    actor: input.actor,
    scope: input.actor ?? SYSTEM_ACTOR,
    today: today(),
    regionId: input.regionId,
    lock: !dryRun,
    lap,
  };
  return importTransaction(db, importer.conflict, async (tx) => {
    const prepared = await importer.prepare(tx, ctx, readers);
    const badRows = new Set(prepared.errors.map((e) => e.row));
    report.validRows = table.rows.filter((r) => !badRows.has(r.rowNumber)).length;
    report.errors = capped([...prepared.errors].sort(byRow), 'ошибок');
    report.warnings = capped([...headerWarnings, ...prepared.warnings].sort(byRow), 'предупреждений');

    const commit = !dryRun && report.validRows > 0 && (mode === 'valid' || prepared.errors.length === 0);
    if (commit || dryRun) {
      for (const outcome of prepared.outcomes.values()) report[outcome]++;
      Object.assign(report, prepared.counts);
    }
    if (!commit) return report;

    const actor = input.actor ? { userId: input.actor.userId, email: input.actor.email } : null;
    lap?.('prepare');
    const entries = await prepared.commit(tx);
    lap?.('write');
    await writeImportAudit(
      tx,
      actor,
      entries,
      {
        kind: importer.kind,
        ...importer.auditDetails,
        fileName: input.fileName,
        mode,
        totalRows: report.totalRows,
        validRows: report.validRows,
        errors: prepared.errors.length,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        ...prepared.counts,
      },
      importer.compactAudit,
    );
    lap?.('audit');
    report.committed = true;
    return report;
  });
}
