import { type Actor, SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { readTable } from '../../platform/files/read-table.ts';
import { byRow, importTransaction, noDataRows, writeImportAudit } from '../../platform/import/import-run.ts';
import { type DownloadFile, importTemplate } from '../../platform/import/import-template.ts';
import { today } from '../../platform/time/today.ts';
import { mapHeaders } from './headers.ts';
import { COLUMN_SPECS, KIND_TITLES } from './import.columns.ts';
import { type Importer, readersFor } from './import.pipeline.ts';
import { CHUNK } from './import.repository.ts';
import type { ImportIssue, ImportKind, ImportMode, ImportReport } from './import.types.ts';
import { orgsImporter } from './orgs.importer.ts';
import { specMap } from './row-reader.ts';
import { staffImporter } from './staff.importer.ts';
import { staffingImporter } from './staffing.importer.ts';
import { vacanciesImporter } from './vacancies.importer.ts';

export { STAFF_COLUMNS } from './import.columns.ts';
export type { ImportIssue, ImportKind, ImportReport } from './import.types.ts';

const IMPORTERS: Record<ImportKind, Importer> = {
  orgs: orgsImporter,
  staff: staffImporter,
  vacancies: vacanciesImporter,
  staffing: staffingImporter,
};

/** The roles that may import each kind (the command line, actor null, always may). */
export function importRoles(kind: ImportKind) {
  return IMPORTERS[kind].roles;
}

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

/**
 * Imports one spreadsheet of the registry. By default (mode 'all') nothing is written unless
 * every row is valid; mode 'valid' writes the valid rows and reports the others; a dry run only
 * validates and counts. Every write of one import happens in one transaction.
 */
export async function importFile(
  deps: { db: Db },
  input: {
    actor: Actor | null;
    kind: ImportKind;
    fileName: string;
    data: Uint8Array;
    mode?: 'all' | 'valid';
    dryRun?: boolean;
    regionId?: string;
  },
): Promise<ImportReport> {
  const importer = IMPORTERS[input.kind];
  if (!importer) throw new AppError('validation', `Неизвестный вид загрузки «${input.kind}».`);
  if (input.actor && !importer.roles.includes(input.actor.role)) {
    throw forbidden('Загружать этот реестр может только тот, кто его ведёт.');
  }
  const mode: ImportMode = input.mode ?? 'all';
  const dryRun = input.dryRun ?? false;
  const table = await readTable({ fileName: input.fileName, data: input.data });
  const headers = mapHeaders(table.headers, importer.columns);
  const report: ImportReport = {
    kind: input.kind,
    fileName: input.fileName,
    totalRows: table.rows.length,
    validRows: 0,
    errors: headers.errors,
    warnings: headers.warnings,
    created: 0,
    updated: 0,
    unchanged: 0,
    committed: false,
    dryRun,
  };
  if (headers.errors.length) return report;
  if (table.rows.length === 0) {
    report.errors = [noDataRows()];
    return report;
  }

  const readers = readersFor(table.rows, specMap(importer.columns), headers.index);
  const ctx = {
    actor: input.actor,
    scope: input.actor ?? SYSTEM_ACTOR,
    today: today(),
    regionId: input.regionId,
    lock: !dryRun,
  };
  return importTransaction(
    deps.db,
    'Реестр изменился во время загрузки (совпали ключевые данные). Повторите загрузку.',
    async (tx) => {
      const prepared = await importer.prepare(tx, ctx, readers);
      const badRows = new Set(prepared.errors.map((e) => e.row));
      report.validRows = table.rows.filter((r) => !badRows.has(r.rowNumber)).length;
      report.errors = capped([...prepared.errors].sort(byRow), 'ошибок');
      report.warnings = capped([...headers.warnings, ...prepared.warnings].sort(byRow), 'предупреждений');

      const commit = !dryRun && report.validRows > 0 && (mode === 'valid' || prepared.errors.length === 0);
      if (commit || dryRun) {
        for (const outcome of prepared.outcomes.values()) report[outcome]++;
      }
      if (!commit) return report;

      const actor = input.actor ? { userId: input.actor.userId, email: input.actor.email } : null;
      await writeImportAudit(
        tx,
        actor,
        await prepared.commit(tx),
        {
          kind: input.kind,
          fileName: input.fileName,
          mode,
          totalRows: report.totalRows,
          validRows: report.validRows,
          errors: prepared.errors.length,
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
        },
        CHUNK,
      );
      report.committed = true;
      return report;
    },
  );
}

/** The template of a kind: headers and one example row; in XLSX a second sheet «Справка». */
export async function templateFile(kind: ImportKind, format: 'xlsx' | 'csv'): Promise<DownloadFile> {
  const specs = COLUMN_SPECS[kind];
  if (!specs) throw new AppError('not_found', 'Неизвестный вид загрузки.');
  const notes = [
    'Первая строка — заголовки столбцов; порядок столбцов любой, лишние столбцы пропускаются.',
    'Одна строка файла — одна запись; пустые строки пропускаются. Строку-пример замените своими данными.',
    'Даты — в виде ДД.ММ.ГГГГ; дробные числа — с запятой или точкой; да/нет — словами.',
    'Повторная загрузка того же файла ничего не меняет; исправленный файл обновляет записи, а не дублирует их.',
  ];
  return importTemplate(specs, { ...KIND_TITLES[kind], notes }, format);
}
