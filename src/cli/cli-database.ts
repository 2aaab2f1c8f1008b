import { loadConfig } from '../platform/config.ts';
import { type Db, openDatabase } from '../platform/db/database.ts';
import { DataDirLockedError, lockDataDir } from '../platform/db/lock.ts';
import { DatabaseNotMigratedError, migrateOrCheck } from '../platform/db/migrate.ts';
import { CliError, EXIT } from './cli-error.ts';
import type { CliIo } from './io.ts';

/**
 * Opens the database exactly as the server does: DATABASE_URL → PostgreSQL; otherwise PGlite in
 * MARSHRUT_DATA_DIR (./data by default), and then only after taking the folder's lock — PGlite
 * must never be opened by two processes, so while the server runs the command refuses (exit 2).
 */
export async function withDatabase<T>(
  command: string,
  io: CliIo,
  fn: (db: Db, where: string) => Promise<T>,
  opts: { migrate?: boolean; beforeOpen?: () => Promise<void>; poolSize?: number } = {},
): Promise<T> {
  const config = loadConfig();
  let lock: { release(): void } | null = null;
  if (!config.databaseUrl) {
    try {
      lock = lockDataDir(config.dataDir, `команда marshrut ${command}`);
    } catch (err) {
      if (err instanceof DataDirLockedError) throw new CliError(err.message, EXIT.locked);
      throw err;
    }
  }
  const where = config.databaseUrl
    ? `PostgreSQL (${redactUrl(config.databaseUrl)})`
    : `встроенная база PGlite в ${config.dataDir}`;
  try {
    // After the lock, before the database: e.g. asking for a password only once we know we may go on.
    await opts.beforeOpen?.();
    let db: Db;
    try {
      db = await openDatabase({
        url: config.databaseUrl,
        dataDir: config.databaseUrl ? undefined : config.dataDir,
        poolSize: opts.poolSize ?? 2,
      });
    } catch (err) {
      throw new CliError(`Не удалось открыть базу данных (${where}): ${(err as Error).message}`);
    }
    try {
      if (opts.migrate) {
        // As the owner: migrate; as the app role: only check that nothing is pending.
        const prepared = await migrateOrCheck(db).catch((err: unknown) => {
          throw err instanceof DatabaseNotMigratedError ? new CliError(err.message) : err;
        });
        if (prepared.applied.length) io.info(`Применены миграции: ${prepared.applied.join(', ')}`);
      }
      return await fn(db, where);
    } finally {
      await db.close();
    }
  } finally {
    lock?.release();
  }
}

/** The address without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'адрес из DATABASE_URL';
  }
}
