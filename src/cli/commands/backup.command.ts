import { existsSync } from 'node:fs';
import path from 'node:path';
import { migrate } from '../../platform/db/migrate.ts';
import { BackupFormatError } from '../backup/backup.format.ts';
import { hasMigrationsTable } from '../backup/backup.repository.ts';
import { BackupError, createBackup, readBackupHeader, restoreBackup } from '../backup/backup.service.ts';
import { withDatabase } from '../cli-database.ts';
import { CliError } from '../cli-error.ts';
import type { CliIo } from '../io.ts';

const total = (rows: Record<string, number>) => Object.values(rows).reduce((a, b) => a + b, 0);

function asCliError(err: unknown): never {
  if (err instanceof BackupError || err instanceof BackupFormatError) throw new CliError(err.message);
  throw err;
}

export async function backupCommand(io: CliIo, file: string, opts: { force: boolean }): Promise<number> {
  const target = path.resolve(file);
  if (existsSync(target) && !opts.force)
    throw new CliError(
      `Файл ${target} уже существует. Укажите другое имя или добавьте --force, чтобы перезаписать его.`,
    );
  return withDatabase('backup', io, async (db, where) => {
    const s = await createBackup(db, target).catch(asCliError);
    io.out(`Резервная копия записана: ${target}`);
    io.out(
      `  база: ${where}; версия схемы: ${s.migrations.at(-1) ?? '—'}; таблиц: ${s.tables}; строк: ${total(s.rows)}.`,
    );
    return 0;
  });
}

export async function restoreCommand(io: CliIo, file: string): Promise<number> {
  const source = path.resolve(file);
  if (!existsSync(source)) throw new CliError(`Файл не найден: ${source}`);
  const header = await readBackupHeader(source).catch(asCliError);
  return withDatabase('restore', io, async (db, where) => {
    if (!(await hasMigrationsTable(db))) {
      const applied = await migrate(db);
      if (applied.length) io.info(`База была пуста; применены миграции: ${applied.join(', ')}.`);
    }
    const s = await restoreBackup(db, source).catch(asCliError);
    io.out(`Восстановлено из ${source}`);
    io.out(
      `  база: ${where}; копия от ${header.createdAt} (${header.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'}); ` +
        `таблиц: ${s.tables}; ` +
        `строк: ${total(s.rows)}; счётчиков обновлено: ${s.sequences}.`,
    );
    return 0;
  });
}
