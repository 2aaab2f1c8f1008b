import { mapHeaders } from '../directory/import/headers.ts';
import type { ColumnSpec, ImportIssue, ImportMode, RowOutcome } from '../directory/import/import.types.ts';
import { RowReader, specMap } from '../directory/import/row-reader.ts';
import { type AuditEntry, writeAudit, writeAuditMany } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { conflict } from '../platform/errors.ts';
import { readTable } from '../platform/files/read-table.ts';
import { writeTable } from '../platform/files/write-table.ts';

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

const byRow = (a: ImportIssue, b: ImportIssue) => a.row - b.row;
const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === '23505';

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
    report.errors = [
      {
        row: 0,
        column: null,
        value: null,
        message: 'В файле нет строк с данными: заполните строки под заголовками',
      },
    ];
    return report;
  }
  const specs = specMap(importer.columns);
  const readers = table.rows.map((row) => new RowReader(row, specs, headers.index));
  try {
    return await db.transaction(async (tx) => {
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
      const entries: AuditEntry[] = (await prepared.commit(tx)).map((e) => ({ ...e, actor }));
      for (let i = 0; i < entries.length; i += 1000) await writeAuditMany(tx, entries.slice(i, i + 1000));
      await writeAudit(tx, {
        actor,
        action: 'import',
        entity: 'import',
        details: {
          kind: importer.kind,
          fileName: input.fileName,
          mode: input.mode,
          totalRows: report.totalRows,
          validRows: report.validRows,
          errors: prepared.errors.length,
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
        },
      });
      report.committed = true;
      return report;
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw conflict('Данные изменились во время загрузки (совпали ключевые данные). Повторите загрузку.');
    }
    throw err;
  }
}

/** The template: headers and one example row; in XLSX a second sheet «Справка». */
export async function catalogTemplate(
  importer: CatalogImporter,
  title: { sheet: string; file: string },
  format: 'xlsx' | 'csv',
): Promise<{ fileName: string; contentType: string; data: Uint8Array }> {
  const specs = importer.columns;
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
        rows: specs.map((s) => ({ column: s.header, required: s.required ? 'да' : 'нет', help: s.help })),
      },
    ],
  });
  return {
    fileName: `marshrut-${title.file}-template.${table.extension}`,
    contentType: table.contentType,
    data: table.data,
  };
}

/** RFC 6266: an ASCII name for old clients and the exact one in UTF-8. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
