import path from 'node:path';
import { exportStaff } from '../../directory/staff/staff.export.ts';
import { writePrivateFile } from '../../platform/private-files.ts';
import { withDatabase } from '../cli-database.ts';
import { CliError } from '../cli-error.ts';
import type { CliIo } from '../io.ts';

export type ExportFormat = 'xlsx' | 'csv' | 'json';

/**
 * The staff list with no filters, as the system (actor null; the export writes its own audit
 * entry). CSV and JSON go to stdout unless --out is given; XLSX is binary and goes to a file.
 * A file holds personal data and is written 0600.
 */
export async function exportStaffCommand(
  io: CliIo,
  opts: { format: ExportFormat; out?: string },
): Promise<number> {
  return withDatabase(
    'export staff',
    io,
    async (db) => {
      const result = await exportStaff({ db }, { actor: null, format: opts.format, filters: {} });
      const target = opts.out ?? (opts.format === 'xlsx' ? path.resolve(result.fileName) : null);
      if (target) {
        try {
          await writePrivateFile(target, result.data);
        } catch (err) {
          throw new CliError(`Не удалось записать файл ${target}: ${(err as Error).message}`);
        }
        io.info(`Выгружено строк: ${result.rows}. Файл: ${target}`);
      } else {
        await io.writeData(result.data);
        io.info(`Выгружено строк: ${result.rows}.`);
      }
      return 0;
    },
    { migrate: true },
  );
}
