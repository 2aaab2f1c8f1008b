import { loadDemoIfEmpty } from '../demo/demo.service.ts';
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { APP_ROLE } from '../platform/db/db-roles.ts';
import { type DataDirLock, lockDataDir } from '../platform/db/lock.ts';
import { migrateOrCheck } from '../platform/db/migrate.ts';
import { bootstrapAdmin, hasActiveAdmin } from '../platform/users/bootstrap-admin.ts';
import { buildApp } from './app.ts';

/** `npm start`: lock the data folder (PGlite), migrate (or, as the app role, check), seed, serve. */
export async function startServer(): Promise<void> {
  const config = loadConfig();
  let lock: DataDirLock | null = null;
  if (!config.databaseUrl) lock = lockDataDir(config.dataDir, 'сервер Маршрут');
  const db = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
  });
  let prepared: Awaited<ReturnType<typeof migrateOrCheck>>;
  try {
    prepared = await migrateOrCheck(db, undefined, { report: (line) => console.log(line) });
  } catch (err) {
    await db.close();
    lock?.release();
    throw err;
  }
  if (prepared.applied.length) console.log(`Применены миграции: ${prepared.applied.join(', ')}`);
  if (db.kind === 'postgres' && prepared.migrated)
    console.log(
      `Внимание: сервер подключён к PostgreSQL от имени владельца базы (${prepared.user}) и может изменять ` +
        `журнал аудита в обход прав. Для работы укажите в DATABASE_URL роль ${APP_ROLE}; миграции ` +
        'выполняйте командой «npx marshrut migrate» от имени владельца.',
    );
  await bootstrapAdmin(db, config);
  if (config.demo) {
    const demo = await loadDemoIfEmpty(db);
    if (demo) {
      console.log('\nЗагружен демонстрационный муниципалитет. Учётные записи (пароль у всех одинаковый):');
      for (const login of demo.logins)
        console.log(`  ${login.roleLabel.padEnd(46)} ${login.email}  /  ${login.password}`);
      console.log('');
    }
  }
  if (!(await hasActiveAdmin(db)))
    console.log(
      '\nВ базе нет администратора. Создайте его (при остановленном сервере, если база встроенная):\n' +
        '  npx marshrut admin create --email admin@example.ru\n' +
        'или задайте MARSHRUT_ADMIN_EMAIL и MARSHRUT_ADMIN_PASSWORD перед запуском. Войдя, администратор ' +
        'увидит страницу «Начало работы»: регион, муниципалитеты, методист и загрузка реестра.\n',
    );
  const app = await buildApp({ db, config });
  const shutdown = async () => {
    await app.close();
    await db.close();
    lock?.release();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? 'PostgreSQL' : `встроенная база PGlite в ${config.dataDir}`;
  console.log(
    `Маршрут работает: http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}  (${where})`,
  );
}
