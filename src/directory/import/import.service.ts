import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { ImportReport } from '../../platform/import/import.types.ts';
import { runImport } from '../../platform/import/import-run.ts';
import { type DownloadFile, importerTemplate } from '../../platform/import/import-template.ts';
import type { Importer } from '../../platform/import/importer.ts';
import type { ImportKind } from './import.columns.ts';
import { orgsImporter } from './orgs.importer.ts';
import { staffImporter } from './staff.importer.ts';
import { staffingImporter } from './staffing.importer.ts';
import { vacanciesImporter } from './vacancies.importer.ts';

export type { ImportKind } from './import.columns.ts';
export { STAFF_COLUMNS } from './import.columns.ts';

const IMPORTERS: Record<ImportKind, Importer<ImportKind>> = {
  orgs: orgsImporter,
  staff: staffImporter,
  vacancies: vacanciesImporter,
  staffing: staffingImporter,
};

function importerOf(kind: ImportKind, unknown: 'validation' | 'not_found'): Importer<ImportKind> {
  const importer = IMPORTERS[kind];
  if (!importer)
    throw unknown === 'validation'
      ? new AppError('validation', `Неизвестный вид загрузки «${kind}».`)
      : new AppError('not_found', 'Неизвестный вид загрузки.');
  return importer;
}

/**
 * Imports one spreadsheet of the registry through the platform's runner: all-or-nothing by
 * default, the valid rows in mode 'valid', only checking and counting in a dry run.
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
    /** Milliseconds per phase, for the benchmark. */
    timings?: Record<string, number>;
  },
): Promise<ImportReport<ImportKind>> {
  return runImport(deps.db, importerOf(input.kind, 'validation'), input);
}

/** The template of a kind: headers and one example row; in XLSX a second sheet «Справка». */
export async function templateFile(kind: ImportKind, format: 'xlsx' | 'csv'): Promise<DownloadFile> {
  return importerTemplate(importerOf(kind, 'not_found'), format);
}
