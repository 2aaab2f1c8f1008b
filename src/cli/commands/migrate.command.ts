import { migrate } from '../../platform/db/migrate.ts';
import { withDatabase } from '../cli-database.ts';
import type { CliIo } from '../io.ts';

export async function migrateCommand(io: CliIo): Promise<number> {
  return withDatabase('migrate', io, async (db, where) => {
    const applied = await migrate(db);
    io.out(
      applied.length
        ? `Применены миграции (${where}): ${applied.join(', ')}.`
        : `База данных уже в актуальном состоянии (${where}).`,
    );
    return 0;
  });
}
