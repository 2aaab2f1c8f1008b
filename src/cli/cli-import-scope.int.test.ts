import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../tests/helpers/factories.ts';
import { testEngine } from '../../tests/helpers/test-db.ts';
import {
  buildScopeWorld,
  personState,
  type ScopeWorld,
  staffCsv,
  staffRow,
} from '../directory/import/import-scope.test-support.ts';
import { runCli, type Target, Targets } from './cli.test-support.ts';

/**
 * `marshrut import … --as <e-mail>` acts with that user's role and scope, under the same rules as
 * the web: a school head's, another municipality's methodist's and the region operator's files do
 * not rewrite people they do not keep. One database for the file (a PGlite folder costs seconds).
 */
const engine = testEngine();
const targets = new Targets(engine);
const SLOW = 300_000;

let target: Target;
let w: ScopeWorld;

async function inDb<T>(fn: (db: Awaited<ReturnType<Target['open']>>['db']) => Promise<T>): Promise<T> {
  const { db, close } = await target.open();
  try {
    return await fn(db);
  } finally {
    await close();
  }
}

function file(name: string, rows: Record<string, string>[]): string {
  const p = path.join(targets.root, name);
  writeFileSync(p, staffCsv(rows));
  return p;
}

beforeAll(async () => {
  target = await targets.fresh();
  const migrated = await runCli(['migrate'], { env: target.env });
  expect(migrated.code, migrated.stderr).toBe(0);
  w = await inDb((db) => buildScopeWorld(factories(db), 'кс'));
}, SLOW);
afterAll(async () => targets.cleanup());

describe(`marshrut import --as on ${engine}`, () => {
  it(
    'a school head’s file does not rewrite the lyceum’s teacher; the row is reported in Russian',
    async () => {
      const before = await inDb((db) => personState(db, w.lyceumTeacher.id));
      const csv = file('head.csv', [
        staffRow({
          organization: w.school1.code,
          lastName: 'Подменная',
          birthDate: '01.01.1990',
          snils: w.lyceumTeacher.snils,
          kind: 'внешнее совместительство',
        }),
      ]);
      const run = await runCli(['import', 'staff', csv, '--as', w.users.schoolHead.email], {
        env: target.env,
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        'Педагог с таким СНИЛС уже работает в другой организации: изменить его данные может методист муниципалитета',
      );
      expect(await inDb((db) => personState(db, w.lyceumTeacher.id))).toEqual(before);
    },
    SLOW,
  );

  it(
    'another municipality’s methodist and the region operator are refused the same way',
    async () => {
      const before = await inDb((db) => personState(db, w.lyceumTeacher.id));
      const methodist = await runCli(
        [
          'import',
          'staff',
          file('b.csv', [
            staffRow({
              organization: w.schoolB.code,
              lastName: 'Подменная',
              snils: w.lyceumTeacher.snils,
              kind: 'внешнее совместительство',
            }),
          ]),
          '--as',
          w.users.methodistB.email,
          '--skip-invalid',
        ],
        { env: target.env },
      );
      expect(methodist.code).toBe(1);
      expect(methodist.stdout).toContain('изменить его данные может региональный оператор');
      expect(await inDb((db) => personState(db, w.lyceumTeacher.id))).toEqual(before);

      const border = await inDb((db) => personState(db, w.borderTeacher.id));
      const operator = await runCli(
        [
          'import',
          'staff',
          file('r.csv', [
            staffRow({
              organization: w.lyceum.code,
              lastName: 'Переименованная',
              snils: w.borderTeacher.snils,
            }),
          ]),
          '--as',
          w.users.regionOperator.email,
        ],
        { env: target.env },
      );
      expect(operator.code).toBe(1);
      expect(operator.stdout).toContain(
        'изменить его СНИЛС, ФИО или дату рождения может администратор системы',
      );
      expect(await inDb((db) => personState(db, w.borderTeacher.id))).toEqual(border);
    },
    SLOW,
  );

  it(
    'an unknown user is refused before anything is read; a role that keeps no registry is refused',
    async () => {
      const csv = file('x.csv', [staffRow({ organization: w.school1.code, lastName: 'Новая', snils: null })]);
      const unknown = await runCli(['import', 'staff', csv, '--as', 'nobody@example.ru'], {
        env: target.env,
      });
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('Пользователь nobody@example.ru не найден или отключён.');
      const teacher = await inDb((db) =>
        factories(db).newUser({ role: 'teacher', personId: w.lyceumTeacher.id, organizationId: w.lyceum.id }),
      );
      const refused = await runCli(['import', 'staff', csv, '--as', teacher.email], { env: target.env });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('Загружать этот реестр может только тот, кто его ведёт.');
      const created = await inDb((db) =>
        db.queryText<{ n: number }>(`SELECT count(*)::int AS n FROM people WHERE last_name = 'Новая'`),
      );
      expect(created[0]!.n).toBe(0);
    },
    SLOW,
  );
});
