import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../tests/helpers/test-db.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, loadDemoIfEmpty } from '../demo/demo.service.ts';
import { copyCompactAudit } from '../platform/audit/audit.repository.ts';
import { verifyPassword } from '../platform/auth/password.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { looseModes, loosenModes } from '../platform/db/private-data-dir.test-support.ts';
import { ENCRYPTED_HEADER_BYTES, TAG_BYTES, WRONG_PASSPHRASE } from './backup/backup.crypto.ts';
import { createBackup } from './backup/backup.service.ts';
import { countAllRows, rowCounts, runCli, type Target, Targets } from './cli.test-support.ts';

/**
 * The real `marshrut` run as a child process, against the engine of the project: a PGlite folder,
 * or (with TEST_DATABASE_URL) a PostgreSQL database made for the test. The steps build on each
 * other — a fresh database is migrated, the demo goes into it, it is backed up and restored — so
 * that each slow step (a new PGlite folder costs seconds) runs once.
 */
const engine = testEngine();
const targets = new Targets(engine);
const SLOW = 300_000;
/** Fingerprints of whole tables with personal data and secrets, to compare two databases row for row. */
async function digests(target: Target): Promise<Record<string, string>> {
  const { db, close } = await target.open();
  try {
    const out: Record<string, string> = {};
    for (const table of ['people', 'users', 'employments']) {
      const [row] = await db.queryText<{ d: string }>(
        `SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS d FROM ${table} t`,
      );
      out[table] = row!.d;
    }
    return out;
  } finally {
    await close();
  }
}

/** A test that belongs to one engine only is defined on that engine's run, not skipped on the other. */
const onEngine = (e: typeof engine): typeof it =>
  engine === e ? it : ((() => undefined) as unknown as typeof it);

/** A file's permission bits. */
const modeOf = (file: string) => statSync(file).mode & 0o777;
/** A Node stack trace in the output: the person at the console must get words only. */
const STACK = /\n\s+at /;

let main: Target;
/** An empty database kept for the restore. */
let empty: Target;

beforeAll(async () => {
  main = await targets.fresh();
});
afterAll(async () => targets.cleanup());

describe(`marshrut on ${engine}`, () => {
  it(
    'migrate: creates the schema in a new database, then finds nothing to do',
    async () => {
      const first = await runCli(['migrate'], { env: main.env });
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/Применены миграции .*0000_init/);
      const again = await runCli(['migrate'], { env: main.env });
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('уже в актуальном состоянии');
      // An empty database to restore into later: a copy of the migrated folder, or a new server database
      // (restore migrates that one itself).
      empty = engine === 'pglite' ? targets.copyOf(main) : await targets.fresh();
    },
    SLOW,
  );

  onEngine('pglite')(
    "the data folder is the owner's only (0700, files 0600) after a command; a loose one is tightened by the next",
    async () => {
      expect(looseModes(main.env.MARSHRUT_DATA_DIR!)).toEqual([]);
      // A folder of an older version: every folder 0777 and file 0666.
      const old = targets.copyOf(main);
      const dir = old.env.MARSHRUT_DATA_DIR!;
      loosenModes(dir);
      expect(looseModes(dir).length).toBeGreaterThan(500);
      const run = await runCli(['migrate'], { env: old.env });
      expect(run.code).toBe(0);
      expect(looseModes(dir)).toEqual([]);
    },
    SLOW,
  );

  it(
    'demo: loads the town into the empty database with its logins, and refuses the second time',
    async () => {
      const run = await runCli(['demo'], { env: main.env });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Загружен демонстрационный муниципалитет г. Зима');
      for (const login of DEMO_LOGINS) expect(run.stdout).toContain(login.email);
      expect(run.stdout).toContain(DEMO_PASSWORD);

      const again = await runCli(['demo'], { env: main.env });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('загружается только в пустую базу');
    },
    SLOW,
  );

  it(
    'export staff: CSV to stdout, XLSX into a file',
    async () => {
      const csv = await runCli(['export', 'staff', '--format', 'csv'], { env: main.env });
      expect(csv.code).toBe(0);
      const lines = csv.stdout
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/);
      expect(lines[0]).toMatch(/^Фамилия;Имя;Отчество;/);
      expect(lines).toHaveLength(1 + 547);
      expect(csv.stderr).toContain('Выгружено строк: 547.');
      writeFileSync(path.join(targets.root, 'staff.csv'), csv.stdout);

      const out = path.join(targets.root, 'staff.xlsx');
      const xlsx = await runCli(['export', 'staff', '--format', 'xlsx', '--out', out], { env: main.env });
      expect(xlsx.code).toBe(0);
      expect(xlsx.stdout).toContain(out);
      expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
      expect(modeOf(out)).toBe(0o600);

      // An existing file is overwritten readable by its owner only.
      const existing = path.join(targets.root, 'staff-existing.csv');
      writeFileSync(existing, 'old', { mode: 0o666 });
      const over = await runCli(['export', 'staff', '--format', 'csv', '--out', existing], { env: main.env });
      expect(over.code).toBe(0);
      expect(readFileSync(existing, 'utf8')).toMatch(/^\uFEFF?Фамилия;/);
      expect(modeOf(existing)).toBe(0o600);
    },
    SLOW,
  );

  it(
    'import: a dry run of the exported list changes nothing; a broken file is refused with exit 1',
    async () => {
      const dry = await runCli(['import', 'staff', path.join(targets.root, 'staff.csv'), '--dry-run'], {
        env: main.env,
      });
      expect(dry.stderr).toBe('');
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('без изменений: 547');
      expect(dry.stdout).toContain('Пробный запуск: ничего не записано.');

      const broken = path.join(targets.root, 'broken.csv');
      writeFileSync(broken, 'Код;Полное наименование;Тип\n;Школа без кода;школа\n');
      const refused = await runCli(['import', 'orgs', broken], { env: main.env });
      expect(refused.code).toBe(1);
      expect(refused.stdout).toMatch(/Ошибки \(\d+\):/);
      expect(refused.stdout).toMatch(/строка \d+/);
      expect(refused.stdout).toContain('Ничего не записано');

      const missing = await runCli(['import', 'orgs', path.join(targets.root, 'no-such.xlsx')], {
        env: main.env,
      });
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('Файл не найден');
    },
    SLOW,
  );

  it(
    'import assessment-results: the sample regional file into the demo — strangers refused, then the valid rows',
    async () => {
      const sample = path.resolve(import.meta.dirname, '../../docs/samples/regional-results-zima.csv');
      const noFramework = await runCli(['import', 'assessment-results', sample], { env: main.env });
      expect(noFramework.code).toBe(1);
      expect(noFramework.stderr).toContain('--framework');

      const unknown = await runCli(['import', 'assessment-results', sample, '--framework', 'no-such'], {
        env: main.env,
      });
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('Карта компетенций «no-such» не найдена');

      const all = await runCli(['import', 'assessment-results', sample, '--framework', 'teacher-544n'], {
        env: main.env,
      });
      expect(all.code).toBe(1);
      expect(all.stdout).toContain('Импорт: результаты диагностики, файл regional-results-zima.csv');
      expect(all.stdout).toContain('Ошибки (2):');
      expect(all.stdout).toContain('строка 27, столбец «СНИЛС»');
      expect(all.stdout).toContain('с такими ФИО и датой рождения не найден');
      expect(all.stdout).toContain('Ничего не записано');

      const dry = await runCli(
        [
          'import',
          'assessment-results',
          sample,
          '--framework',
          'teacher-544n',
          '--mode',
          'valid',
          '--dry-run',
        ],
        { env: main.env },
      );
      // A dry run of a file with errors exits with 1, as for the other kinds, and says what would be loaded.
      expect(dry.code).toBe(1);
      expect(dry.stdout).toContain('Пробный запуск: ничего не записано.');
      expect(dry.stdout).toContain('Результатов по компетенциям было бы записано: 150.');

      const run = await runCli(
        ['import', 'assessment-results', sample, '--framework', 'teacher-544n', '--mode', 'valid'],
        { env: main.env },
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Итог: создано: 25, обновлено: 0, без изменений: 0.');
      expect(run.stdout).toContain('Результатов по компетенциям записано: 150.');
      // The same effect as the web's import: the committed results start route generation.
      expect(run.stdout).toMatch(
        /Формирование маршрутов: создано \d+, пересобрано \d+ \(задание [0-9a-f-]{36}\)\./,
      );

      const again = await runCli(
        ['import', 'assessment-results', sample, '--framework', 'teacher-544n', '--skip-invalid'],
        { env: main.env },
      );
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('без изменений: 25');

      const { db, close } = await main.open();
      try {
        const [r] = await db.queryText<{ n: number; people: number }>(
          `SELECT count(*)::int AS n, count(DISTINCT person_id)::int AS people FROM competency_results
           WHERE procedure = 'Региональная диагностика ЦНППМ Иркутской области' AND source = 'import'`,
        );
        expect(r).toEqual({ n: 150, people: 25 });
        // One generation job per committed import (the repeat committed nothing new: no job).
        const jobs = await db.queryText<{ status: string }>(
          `SELECT status FROM jobs WHERE kind = 'route-generation'`,
        );
        expect(jobs.map((j) => j.status)).toContain('succeeded');
      } finally {
        await close();
      }
    },
    SLOW,
  );

  it(
    'admin create: stores an argon2id hash, reads the password from stdin, refuses duplicates and weak passwords',
    async () => {
      const created = await runCli(
        ['admin', 'create', '--email', 'root@example.org', '--password', 'secret-2026'],
        {
          env: main.env,
        },
      );
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      expect(created.stdout).toContain('Создан администратор root@example.org');

      const piped = await runCli(
        ['admin', 'create', '--email', 'second@example.org', '--name', 'Петрова А. А.'],
        {
          env: main.env,
          input: 'piped-pass-42\n',
        },
      );
      expect(piped.code).toBe(0);

      const duplicate = await runCli(
        ['admin', 'create', '--email', 'ROOT@example.org', '--password', 'other-pass-1'],
        {
          env: main.env,
        },
      );
      expect(duplicate.code).toBe(1);
      expect(duplicate.stderr).toContain('уже существует');

      const weak = await runCli(['admin', 'create', '--email', 'weak@example.org', '--password', 'short'], {
        env: main.env,
      });
      expect(weak.code).toBe(1);
      expect(weak.stderr).toContain('не короче 8 символов');

      const { db, close } = await main.open();
      try {
        const rows = await db.queryText<{
          email: string;
          role: string;
          full_name: string;
          password_hash: string;
        }>(
          `SELECT email, role::text, full_name, password_hash FROM users WHERE email LIKE '%@example.org' ORDER BY email`,
        );
        expect(rows.map((r) => [r.email, r.role, r.full_name])).toEqual([
          ['root@example.org', 'admin', 'Администратор'],
          ['second@example.org', 'admin', 'Петрова А. А.'],
        ]);
        for (const r of rows) expect(r.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
        expect(await verifyPassword(rows[0]!.password_hash, 'secret-2026')).toBe(true);
        expect(await verifyPassword(rows[1]!.password_hash, 'piped-pass-42')).toBe(true);
        const [audit] = await db.queryText<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'user' AND after->>'email' LIKE '%@example.org'`,
        );
        expect(audit!.n).toBe(2);
      } finally {
        await close();
      }
    },
    SLOW,
  );

  it(
    'backup → restore into an empty database gives the same rows, and the ids keep counting',
    async () => {
      // A compact import audit entry (person_ids, changes) must travel with the rest.
      const compact = `SELECT person_ids::text AS ids, changes::text AS changes FROM audit_log
        WHERE person_ids IS NOT NULL ORDER BY id`;
      const source = await main.open();
      let compactBefore: unknown[];
      try {
        await copyCompactAudit(
          source.db,
          { actor: null, action: 'update', entity: 'person', details: { source: 'import' } },
          [
            {
              personId: randomUUID(),
              entityId: randomUUID(),
              before: { email: null },
              after: { email: 'a@b.ru' },
            },
            { personId: randomUUID(), entityId: randomUUID(), after: { snils: '12345678901' } },
          ],
        );
        compactBefore = await source.db.queryText(compact);
      } finally {
        await source.close();
      }
      expect(compactBefore).toHaveLength(1);

      const file = path.join(targets.root, 'backup.jsonl.gz');
      const backup = await runCli(['backup', file], { env: main.env });
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      expect(backup.stdout).toContain('Резервная копия записана');
      // It holds personal data and password hashes: for its owner only.
      expect(modeOf(file)).toBe(0o600);

      const exists = await runCli(['backup', file], { env: main.env });
      expect(exists.code).toBe(1);
      expect(exists.stderr).toContain('--force');

      const forced = path.join(targets.root, 'forced.jsonl.gz');
      writeFileSync(forced, 'old', { mode: 0o666 });
      const overwrite = await runCli(['backup', forced, '--force'], { env: main.env });
      expect(overwrite.code).toBe(0);
      expect(modeOf(forced)).toBe(0o600);
      expect(gunzipSync(readFileSync(forced)).length).toBeGreaterThan(0);

      const restore = await runCli(['restore', file], { env: empty.env });
      expect(restore.stderr).toBe('');
      expect(restore.code).toBe(0);
      expect(restore.stdout).toContain('Восстановлено из');

      const before = await rowCounts(main);
      const after = await rowCounts(empty);
      expect(after).toEqual(before);
      const restored = await empty.open();
      try {
        expect(await restored.db.queryText(compact)).toEqual(compactBefore);
      } finally {
        await restored.close();
      }
      expect(after.people).toBe(534);
      expect(after.users).toBe(DEMO_LOGINS.length + 2);

      // The audit log is append-only, and its sequence continues after the restored ids.
      const { db, close } = await empty.open();
      try {
        const [max] = await db.queryText<{ id: number }>('SELECT max(id)::int AS id FROM audit_log');
        const [next] = await db.queryText<{ id: number }>(
          `INSERT INTO audit_log (action, entity) VALUES ('test', 'restore') RETURNING id::int AS id`,
        );
        expect(next!.id).toBe(max!.id + 1);
      } finally {
        await close();
      }

      const again = await runCli(['restore', file], { env: empty.env });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('База данных не пуста');

      const notBackup = path.join(targets.root, 'not-a-backup.gz');
      writeFileSync(notBackup, 'hello');
      const wrong = await runCli(['restore', notBackup], { env: empty.env });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('не является резервной копией');
    },
    SLOW,
  );

  it(
    'backup --encrypt → restore: same rows; no plaintext; wrong passphrase and a changed byte restore nothing',
    async () => {
      const PASS = 'Длинная фраза для копии 2026';
      const withPass = (t: Target, pass = PASS) => ({ ...t.env, MARSHRUT_BACKUP_PASSPHRASE: pass });
      const file = path.join(targets.root, 'backup.jsonl.gz.enc');

      // No terminal (stdin is a pipe here) and no variable: refused, nothing written.
      const noPass = await runCli(['backup', '--encrypt', file], { env: main.env });
      expect(noPass.code).toBe(1);
      expect(noPass.stderr).toContain('MARSHRUT_BACKUP_PASSPHRASE');
      expect(noPass.stderr).not.toMatch(STACK);
      const short = await runCli(['backup', '--encrypt', file], { env: withPass(main, 'short') });
      expect(short.code).toBe(1);
      expect(short.stderr).toContain('не короче 8 символов');

      const backup = await runCli(['backup', '--encrypt', file], { env: withPass(main) });
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      expect(backup.stdout).toContain('Резервная копия записана (зашифрована)');
      expect(modeOf(file)).toBe(0o600);

      // A known СНИЛС is in the plain backup's data and nowhere in the encrypted file's bytes.
      const { db, close } = await main.open();
      let snils: string;
      try {
        const [row] = await db.queryText<{ snils: string }>(
          'SELECT snils FROM people WHERE snils IS NOT NULL ORDER BY id LIMIT 1',
        );
        snils = row!.snils;
      } finally {
        await close();
      }
      expect(gunzipSync(readFileSync(path.join(targets.root, 'backup.jsonl.gz'))).includes(snils)).toBe(true);
      const bytes = readFileSync(file);
      expect(bytes.subarray(0, 12).toString('ascii')).toBe('MARSHRUT-ENC');
      expect(bytes.includes(Buffer.from(snils))).toBe(false);
      expect(bytes.includes(Buffer.from('$argon2id$'))).toBe(false);
      // The body is not the gzip stream in the clear.
      expect(() => gunzipSync(bytes.subarray(ENCRYPTED_HEADER_BYTES, -TAG_BYTES))).toThrow();

      const target = await targets.fresh();
      const nothingRestored = async () => {
        const counts = await rowCounts(target);
        expect(Object.entries(counts).filter(([, n]) => n > 0)).toEqual([]);
      };

      const noPassRestore = await runCli(['restore', file], { env: target.env });
      expect(noPassRestore.code).toBe(1);
      expect(noPassRestore.stderr).toContain('MARSHRUT_BACKUP_PASSPHRASE');

      const wrong = await runCli(['restore', file], { env: withPass(target, 'другая фраза 2026') });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr.trim()).toBe(WRONG_PASSPHRASE);

      // One flipped bit: at the start of the data (the backup's own header line), in the middle,
      // and in the tag at the very end — there every row is read and inserted before the check
      // fails, and the transaction must roll back. A changed value may first break a line or be
      // refused by the database (a number out of range): the message still names the cause.
      for (const at of [ENCRYPTED_HEADER_BYTES + 10, Math.floor(bytes.length / 2), bytes.length - 1]) {
        const tampered = Buffer.from(bytes);
        tampered[at] = tampered[at]! ^ 0x01;
        const changed = path.join(targets.root, `tampered-${at}.enc`);
        writeFileSync(changed, tampered);
        const run = await runCli(['restore', changed], { env: withPass(target) });
        expect(run.code, run.stderr).toBe(1);
        expect(run.stderr.trim()).toBe(WRONG_PASSPHRASE);
        expect(run.stdout).not.toContain('Восстановлено');
        await nothingRestored();
      }

      const restore = await runCli(['restore', file], { env: withPass(target) });
      expect(restore.stderr).toBe('');
      expect(restore.code).toBe(0);
      expect(restore.stdout).toContain('Восстановлено из');
      expect(restore.stdout).toContain('(зашифрованная копия)');
      expect(await rowCounts(target)).toEqual(await rowCounts(main));
      expect(await digests(target)).toEqual(await digests(main));
    },
    SLOW * 2,
  );

  onEngine('pglite')(
    'refuses, with exit code 2, a folder that a live process holds',
    async () => {
      const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      try {
        const lockFile = path.join(main.env.MARSHRUT_DATA_DIR!, 'marshrut.lock');
        writeFileSync(
          lockFile,
          JSON.stringify({ pid: holder.pid, holder: 'сервер Маршрут', since: new Date().toISOString() }),
        );
        const run = await runCli(['migrate'], { env: main.env });
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('уже открыта другим процессом (сервер Маршрут');
        expect(run.stderr).toContain(`PID ${holder.pid}`);
        expect(run.stdout).toBe('');
        const backup = await runCli(['backup', path.join(targets.root, 'never.gz')], { env: main.env });
        expect(backup.code).toBe(2);
      } finally {
        holder.kill();
        await new Promise((resolve) => holder.once('exit', resolve));
      }
      // Its holder gone, the lock is stale and the next command takes it.
      const after = await runCli(['migrate'], { env: main.env });
      expect(after.code).toBe(0);
    },
    SLOW,
  );

  onEngine('postgres')(
    'moves a PGlite backup to PostgreSQL (the way off the embedded database)',
    async () => {
      const file = path.join(targets.root, 'from-pglite.jsonl.gz');
      const pglite = await openDatabase({});
      let expected: Record<string, number>;
      try {
        await migrate(pglite);
        await loadDemoIfEmpty(pglite);
        await createBackup(pglite, file);
        expected = await countAllRows(pglite);
      } finally {
        await pglite.close();
      }
      const server = await targets.fresh();
      const run = await runCli(['restore', file], { env: server.env });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('(PGlite)');
      expect(await rowCounts(server)).toEqual(expected);
    },
    SLOW,
  );
});
