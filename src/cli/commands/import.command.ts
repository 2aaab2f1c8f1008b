import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { importFile } from '../../directory/import/import.service.ts';
import { withDatabase } from '../cli-database.ts';
import { CliError } from '../cli-error.ts';
import { formatImportReport, type ImportKindArg, importExitCode } from '../import-report.ts';
import type { CliIo } from '../io.ts';

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
  const fileName = path.basename(file);
  return withDatabase(
    `import ${kind}`,
    io,
    async (db) => {
      const report = await importFile(
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
