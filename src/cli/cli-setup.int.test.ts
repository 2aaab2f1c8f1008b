import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../tests/helpers/test-db.ts';
import { sql } from '../platform/db/database.ts';
import { runCli, type Target, Targets } from './cli.test-support.ts';
import { buildProgram } from './program.ts';

/**
 * A first run with one's own data from the command line, on an empty database without the demo:
 * `marshrut import orgs FILE --region …` creates the missing region and the file's
 * municipalities, then `marshrut setup` finds them, adds what is new and the first methodist.
 * Two child processes in all (each costs seconds), the second building on the first.
 */
const engine = testEngine();
const targets = new Targets(engine);
const SLOW = 300_000;
let target: Target;

beforeAll(async () => {
  target = await targets.fresh();
});
afterAll(async () => targets.cleanup());

async function inDb<T>(fn: (db: Awaited<ReturnType<Target['open']>>['db']) => Promise<T>): Promise<T> {
  const { db, close } = await target.open();
  try {
    return await fn(db);
  } finally {
    await close();
  }
}

describe(`marshrut setup on ${engine}`, () => {
  it('prints its help in Russian', () => {
    const setup = buildProgram(() => undefined).commands.find((c) => c.name() === 'setup')!;
    const help = setup.helpInformation();
    expect(help).toContain('Использование: marshrut setup [параметры]');
    expect(help).toContain('--municipality <название>');
    expect(help).not.toMatch(/Usage|Options|default/);
  });

  it(
    'import orgs --region creates the region and the municipalities; setup then reports them and adds the rest',
    async () => {
      const file = path.join(targets.root, 'организации.csv');
      writeFileSync(
        file,
        [
          'Код;Полное наименование;Краткое наименование;Тип;Муниципалитет',
          'ZSCH1;Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1»;МБОУ «СОШ № 1»;ОО;г. Зима',
          'ZDOO1;Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 5»;МБДОУ «Детский сад № 5»;ДОО;Зиминский район',
        ].join('\n'),
      );
      const imported = await runCli(['import', 'orgs', file, '--region', 'Иркутская область'], {
        env: { ...target.env, MARSHRUT_DEMO: '0' },
      });
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
      expect(imported.stdout).toContain('Регион «Иркутская область» создан (код 38).');
      expect(imported.stdout).toContain('Итог: создано: 2, обновлено: 0, без изменений: 0.');

      const setup = await runCli(
        [
          'setup',
          '--region',
          'Иркутская обл.',
          '--municipality',
          'г. Зима',
          '--municipality',
          'г. Саянск',
          '--methodist-email',
          'metodist@zima.test',
          '--methodist-name',
          'Петрова Ольга Ивановна',
        ],
        { env: { ...target.env, MARSHRUT_DEMO: '0', PORT: '3123' } },
      );
      expect(setup.stderr).toBe('');
      expect(setup.code).toBe(0);
      const lines = setup.stdout.split('\n');
      expect(lines.slice(0, 4)).toEqual([
        'Регион «Иркутская область» уже есть (код 38).',
        'Муниципалитет «г. Зима» уже есть.',
        'Муниципалитет «г. Саянск» добавлен.',
        'Создан методист metodist@zima.test (муниципалитет «г. Зима»).',
      ]);
      expect(lines[4]).toMatch(
        /^Ссылка для установки пароля \(действует до \d\d\.\d\d\.\d{4}\): http:\/\/127\.0\.0\.1:3123\/invite\/[\w-]{20,}$/,
      );
      expect(setup.stdout).toContain('marshrut import staff кадры.xlsx');

      const state = await inDb(async (db) => ({
        regions: await db.query<{ code: string; name: string }>(sql`SELECT code, name FROM regions`),
        municipalities: (await db.query<{ name: string }>(sql`SELECT name FROM municipalities`))
          .map((m) => m.name)
          .sort(),
        organizations: (await db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM organizations`))[0]!
          .n,
        methodist: await db.query<{ full_name: string; municipality: string; invitations: number }>(sql`
          SELECT u.full_name, m.name AS municipality,
                 (SELECT count(*)::int FROM invitations i WHERE i.user_id = u.id AND i.created_by IS NULL) AS invitations
          FROM users u JOIN municipalities m ON m.id = u.municipality_id WHERE u.role = 'municipal_methodist'`),
        audit: await db.query<{ entity: string; n: number }>(sql`
          SELECT entity, count(*)::int AS n FROM audit_log
          WHERE action = 'create' AND entity IN ('region', 'municipality') GROUP BY entity ORDER BY entity`),
      }));
      expect(state.regions).toEqual([{ code: '38', name: 'Иркутская область' }]);
      expect(state.municipalities).toEqual(['Зиминский район', 'г. Зима', 'г. Саянск']);
      expect(state.organizations).toBe(2);
      expect(state.methodist).toEqual([
        { full_name: 'Петрова Ольга Ивановна', municipality: 'г. Зима', invitations: 1 },
      ]);
      expect(state.audit).toEqual([
        { entity: 'municipality', n: 3 },
        { entity: 'region', n: 1 },
      ]);
    },
    SLOW,
  );
});
