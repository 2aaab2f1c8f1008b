import { loadDemoIfEmpty } from '../../demo/demo.service.ts';
import { withDatabase } from '../cli-database.ts';
import { CliError } from '../cli-error.ts';
import type { CliIo } from '../io.ts';

export async function demoCommand(io: CliIo): Promise<number> {
  return withDatabase(
    'demo',
    io,
    async (db) => {
      const started = performance.now();
      const demo = await loadDemoIfEmpty(db);
      if (!demo)
        throw new CliError(
          'В базе уже есть организации или пользователи — демонстрационный муниципалитет загружается только ' +
            'в пустую базу. Ничего не изменено.',
        );
      const seconds = ((performance.now() - started) / 1000).toFixed(1).replace('.', ',');
      io.out(`Загружен демонстрационный муниципалитет г. Зима: 19 организаций и их кадры (${seconds} с).`);
      const c = demo.content;
      io.out(
        `Диагностика: ${c.campaigns} кампании, ${c.participants} участников сентябрьской, с дефицитами — ${c.peopleWithDeficit}; ` +
          `маршрутов: ${c.routes}; каталог: ${c.programs} программ, ${c.cohorts} потоков; удостоверений о повышении квалификации: ${c.trainings}.`,
      );
      io.out('Учётные записи (пароль у всех одинаковый):');
      for (const login of demo.logins)
        io.out(`  ${login.roleLabel.padEnd(46)} ${login.email}  /  ${login.password}`);
      return 0;
    },
    { migrate: true },
  );
}
