import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { withDatabase } from '../cli-database.ts';
import { CliError } from '../cli-error.ts';
import {
  formatImportReport,
  type ImportKindArg,
  type ImportReportLike,
  importExitCode,
} from '../import-report.ts';
import type { CliIo } from '../io.ts';

/** The import module's entry point, as its owners promised it (src/directory/import/import.service.ts). */
interface ImportModule {
  importFile(
    deps: { db: Db },
    input: {
      actor: Actor | null;
      kind: ImportKindArg;
      fileName: string;
      data: Uint8Array;
      mode?: 'all' | 'valid';
      dryRun?: boolean;
    },
  ): Promise<ImportReportLike>;
}

const IMPORT_SERVICE = new URL('../../directory/import/import.service.ts', import.meta.url);

/** Loaded at run time so that the CLI works, and says so clearly, while the import is being written. */
async function loadImportModule(): Promise<ImportModule> {
  try {
    return (await import(IMPORT_SERVICE.href)) as ImportModule;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes('import.service'))
      throw new CliError('Импорт таблиц ещё не входит в эту сборку Маршрута.');
    throw err;
  }
}

export async function importCommand(
  io: CliIo,
  kind: ImportKindArg,
  file: string,
  opts: { dryRun: boolean; skipInvalid: boolean },
): Promise<number> {
  let data: Uint8Array;
  try {
    data = new Uint8Array(await readFile(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOENT'
        ? `Файл не найден: ${file}`
        : `Не удалось прочитать файл ${file}: ${(err as Error).message}`,
    );
  }
  const module = await loadImportModule();
  const fileName = path.basename(file);
  return withDatabase(
    `import ${kind}`,
    io,
    async (db) => {
      const report = await module.importFile(
        { db },
        {
          actor: null,
          kind,
          fileName,
          data,
          mode: opts.skipInvalid ? 'valid' : 'all',
          dryRun: opts.dryRun,
        },
      );
      for (const line of formatImportReport(report, { kind, fileName, ...opts })) io.out(line);
      return importExitCode(report);
    },
    { migrate: true },
  );
}
