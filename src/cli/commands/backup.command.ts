import { existsSync } from 'node:fs';
import path from 'node:path';
import { migrate } from '../../platform/db/migrate.ts';
import { readEncryptionHeader, type UnlockedBackup, unlockBackup } from '../backup/backup.crypto.ts';
import { BackupFormatError, type BackupHeader } from '../backup/backup.format.ts';
import { hasMigrationsTable } from '../backup/backup.repository.ts';
import { BackupError, createBackup, readBackupHeader, restoreBackup } from '../backup/backup.service.ts';
import { withDatabase } from '../cli-database.ts';
import { CliError } from '../cli-error.ts';
import type { CliIo } from '../io.ts';
import { readBackupPassphrase } from '../prompt.ts';

const total = (rows: Record<string, number>) => Object.values(rows).reduce((a, b) => a + b, 0);

function asCliError(err: unknown): never {
  if (err instanceof BackupError || err instanceof BackupFormatError) throw new CliError(err.message);
  throw err;
}

export async function backupCommand(
  io: CliIo,
  file: string,
  opts: { force: boolean; encrypt?: boolean },
): Promise<number> {
  const target = path.resolve(file);
  if (existsSync(target) && !opts.force)
    throw new CliError(
      `Файл ${target} уже существует. Укажите другое имя или добавьте --force, чтобы перезаписать его.`,
    );
  let passphrase: string | undefined;
  return withDatabase(
    'backup',
    io,
    async (db, where) => {
      const s = await createBackup(db, target, { passphrase }).catch(asCliError);
      io.out(`Резервная копия записана${passphrase !== undefined ? ' (зашифрована)' : ''}: ${target}`);
      io.out(
        `  база: ${where}; версия схемы: ${s.migrations.at(-1) ?? '—'}; таблиц: ${s.tables}; строк: ${total(s.rows)}.`,
      );
      return 0;
    },
    {
      // After the lock, as `admin create` asks for a password: no typing for a command that cannot run.
      beforeOpen: async () => {
        if (opts.encrypt) passphrase = await readBackupPassphrase({ confirm: true });
      },
    },
  );
}

export async function restoreCommand(io: CliIo, file: string): Promise<number> {
  const source = path.resolve(file);
  if (!existsSync(source)) throw new CliError(`Файл не найден: ${source}`);
  // An encrypted file is told by its first bytes; a plain one's header is read at once.
  const sealed = await readEncryptionHeader(source).catch(asCliError);
  let unlocked: UnlockedBackup | undefined;
  let header: BackupHeader | undefined = sealed
    ? undefined
    : await readBackupHeader(source).catch(asCliError);
  return withDatabase(
    'restore',
    io,
    async (db, where) => {
      if (!header) throw new Error('the backup header was not read');
      if (!(await hasMigrationsTable(db))) {
        const applied = await migrate(db);
        if (applied.length) io.info(`База была пуста; применены миграции: ${applied.join(', ')}.`);
      }
      const s = await restoreBackup(db, source, { unlocked }).catch(asCliError);
      io.out(`Восстановлено из ${source}${unlocked ? ' (зашифрованная копия)' : ''}`);
      io.out(
        `  база: ${where}; копия от ${header.createdAt} (${header.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'}); ` +
          `таблиц: ${s.tables}; ` +
          `строк: ${total(s.rows)}; счётчиков обновлено: ${s.sequences}.`,
      );
      return 0;
    },
    {
      // A wrong passphrase is refused here, by the key check, before the database is opened.
      beforeOpen: async () => {
        if (!sealed) return;
        const passphrase = await readBackupPassphrase({ confirm: false });
        unlocked = await unlockBackup(source, sealed, passphrase).catch(asCliError);
        header = await readBackupHeader(source, unlocked).catch(asCliError);
      },
    },
  );
}
