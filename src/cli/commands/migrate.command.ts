import { APP_ROLE } from '../../platform/db/db-roles.ts';
import { MigrationsNotAllowedError, migrate } from '../../platform/db/migrate.ts';
import { withDatabase } from '../cli-database.ts';
import { CliError } from '../cli-error.ts';
import type { CliIo } from '../io.ts';

export async function migrateCommand(io: CliIo): Promise<number> {
  return withDatabase('migrate', io, async (db, where) => {
    let granted = false;
    const applied = await migrate(db, undefined, {
      report: (line) => io.out(line),
      onGranted: () => {
        granted = true;
      },
    }).catch((err: unknown) => {
      throw err instanceof MigrationsNotAllowedError ? new CliError(err.message) : err;
    });
    io.out(
      applied.length
        ? `Применены миграции (${where}): ${applied.join(', ')}.`
        : `База данных уже в актуальном состоянии (${where}).`,
    );
    if (granted)
      io.out(
        `Права роли ${APP_ROLE} обновлены: чтение и изменение строк таблиц, журнал аудита — только чтение и добавление.`,
      );
    return 0;
  });
}
