import { mapHeaders } from '../directory/import/headers.ts';
import type { ColumnSpec, ImportIssue, ImportMode, RowOutcome } from '../directory/import/import.types.ts';
import { RowReader, specMap } from '../directory/import/row-reader.ts';
import type { AuditEntry } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { readTable } from '../platform/files/read-table.ts';
import { byRow, importTransaction, noDataRows, writeImportAudit } from '../platform/import/import-run.ts';
import { type DownloadFile, importTemplate } from '../platform/import/import-template.ts';

export { attachment } from '../platform/import/import-template.ts';

export type CatalogImportKind = 'programs' | 'trainings';

/** The report of a catalog import; the same shape as the registry imports' report. */
export interface CatalogImportReport {
  kind: CatalogImportKind;
  fileName: string;
  totalRows: number;
  validRows: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  created: number;
  updated: number;
  unchanged: number;
  committed: boolean;
  dryRun: boolean;
}

export interface CatalogPrepared {
  errors: ImportIssue[];
  warnings: ImportIssue[];
  outcomes: Map<number, RowOutcome>;
  /** Writes the valid rows' changes set-based and returns the audit entries to append. */
  commit(tx: Db): Promise<Omit<AuditEntry, 'actor'>[]>;
}

export interface CatalogImporter {
  kind: CatalogImportKind;
  columns: readonly ColumnSpec[];
  prepare(tx: Db, actor: Actor, rows: RowReader[], lock: boolean): Promise<CatalogPrepared>;
}

/**
 * Runs one catalog import: all-or-nothing by default, the valid rows in mode 'valid', only
 * checking and counting in a dry run; every write in one transaction.
 */
export async function runCatalogImport(
  db: Db,
  importer: CatalogImporter,
  input: { actor: Actor; fileName: string; data: Uint8Array; mode: ImportMode; dryRun: boolean },
): Promise<CatalogImportReport> {
  const table = await readTable({ fileName: input.fileName, data: input.data });
  const headers = mapHeaders(table.headers, importer.columns);
  const report: CatalogImportReport = {
    kind: importer.kind,
    fileName: input.fileName,
    totalRows: table.rows.length,
    validRows: 0,
    errors: headers.errors,
    warnings: headers.warnings,
    created: 0,
    updated: 0,
    unchanged: 0,
    committed: false,
    dryRun: input.dryRun,
  };
  if (headers.errors.length) return report;
  if (table.rows.length === 0) {
    report.errors = [noDataRows()];
    return report;
  }
  const specs = specMap(importer.columns);
  const readers = table.rows.map((row) => new RowReader(row, specs, headers.index));
  return importTransaction(
    db,
    'Данные изменились во время загрузки (совпали ключевые данные). Повторите загрузку.',
    async (tx) => {
      const prepared = await importer.prepare(tx, input.actor, readers, !input.dryRun);
      const badRows = new Set(prepared.errors.map((e) => e.row));
      report.validRows = table.rows.filter((r) => !badRows.has(r.rowNumber)).length;
      report.errors = [...prepared.errors].sort(byRow);
      report.warnings = [...headers.warnings, ...prepared.warnings].sort(byRow);
      const commit =
        !input.dryRun && report.validRows > 0 && (input.mode === 'valid' || prepared.errors.length === 0);
      if (commit || input.dryRun) for (const outcome of prepared.outcomes.values()) report[outcome]++;
      if (!commit) return report;
      const actor = { userId: input.actor.userId, email: input.actor.email };
      await writeImportAudit(tx, actor, await prepared.commit(tx), {
        kind: importer.kind,
        fileName: input.fileName,
        mode: input.mode,
        totalRows: report.totalRows,
        validRows: report.validRows,
        errors: prepared.errors.length,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
      });
      report.committed = true;
      return report;
    },
  );
}

/** The template: headers and one example row; in XLSX a second sheet «Справка». */
export function catalogTemplate(
  importer: CatalogImporter,
  title: { sheet: string; file: string },
  format: 'xlsx' | 'csv',
): Promise<DownloadFile> {
  return importTemplate(importer.columns, title, format);
}
