import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../tests/helpers/pg-urls.ts';
import { createTestDb, testEngine } from '../../../tests/helpers/test-db.ts';
import { type Db, openDatabase } from './database.ts';
import { APP_ROLE, scramVerifier } from './db-roles.ts';
import {
  DatabaseNotMigratedError,
  MIGRATIONS_DIR,
  MigrationsNotAllowedError,
  migrate,
  migrateOrCheck,
} from './migrate.ts';

/**
 * The audit log against the application's own database role: on both engines a trigger refuses
 * TRUNCATE even to the owner; on PostgreSQL the app role may only read and append to it, owns
 * nothing, and at start-up only checks that the owner has migrated.
 */
const engine = testEngine();

let owner: Db;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db: owner, drop } = await createTestDb());
});
afterAll(async () => drop());

const auditRows = async (db: Db) =>
  Number((await db.queryText<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]!.n);

describe(`audit log TRUNCATE on ${engine}`, () => {
  it('is refused by the trigger even as the owner, with a Russian message, and nothing is lost', async () => {
    await owner.queryText(`INSERT INTO audit_log (action, entity) VALUES ('test.truncate', 'test')`);
    const before = await auditRows(owner);
    await expect(owner.queryText('TRUNCATE audit_log')).rejects.toThrow(
      /Журнал аудита только дополняется: очистка таблицы audit_log \(TRUNCATE\) запрещена/,
    );
    await expect(owner.queryText('TRUNCATE audit_log RESTART IDENTITY CASCADE')).rejects.toThrow(/запрещена/);
    expect(await auditRows(owner)).toBe(before);
  });

  it('the start-up rule migrates as the owner (nothing left to apply)', async () => {
    expect(await migrateOrCheck(owner)).toMatchObject({ migrated: true, applied: [] });
  });
});

/** A test database's address with another user and no password (the server trusts 127.0.0.1). */
async function urlAs(db: Db, user: string): Promise<string> {
  const [row] = await db.queryText<{ name: string }>('SELECT current_database() AS name');
  const u = new URL(withDatabase(row!.name));
  u.username = user;
  u.password = '';
  return u.toString();
}

const PERMISSION_DENIED = { code: '42501' };

// PostgreSQL only: PGlite has a single user, there the triggers are the protection.
if (engine === 'postgres') {
  describe(`the application role ${APP_ROLE} on PostgreSQL`, () => {
    let app: Db;
    beforeAll(async () => {
      app = await openDatabase({ url: await urlAs(owner, APP_ROLE), poolSize: 2 });
    });
    afterAll(async () => app?.close());

    it('connects as itself and owns nothing in the database', async () => {
      expect((await app.queryText<{ u: string }>('SELECT current_user AS u'))[0]!.u).toBe(APP_ROLE);
      const [row] = await owner.queryText<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = $1`,
        [APP_ROLE],
      );
      expect(row!.n).toBe(0);
    });

    it('cannot TRUNCATE, disable or drop the triggers of, DELETE from or UPDATE the audit log', async () => {
      await owner.queryText(`INSERT INTO audit_log (action, entity) VALUES ('test.app', 'test')`);
      const before = await auditRows(owner);
      for (const statement of [
        'TRUNCATE audit_log',
        'ALTER TABLE audit_log DISABLE TRIGGER ALL',
        'ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only',
        'DROP TRIGGER audit_log_append_only ON audit_log',
        'DROP TRIGGER audit_log_no_truncate ON audit_log',
        'DROP TABLE audit_log',
        'DELETE FROM audit_log',
        `UPDATE audit_log SET action = 'forged'`,
        'SELECT id FROM audit_log FOR UPDATE',
        `ALTER TABLE audit_log OWNER TO ${APP_ROLE}`,
        `INSERT INTO schema_migrations (tag) VALUES ('9999_forged')`,
        'TRUNCATE settings',
      ]) {
        await expect(app.queryText(statement), statement).rejects.toMatchObject(PERMISSION_DENIED);
      }
      expect(await auditRows(owner)).toBe(before);
      const [trigger] = await owner.queryText<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_trigger
         WHERE tgrelid = 'audit_log'::regclass AND tgenabled = 'O'
           AND tgname IN ('audit_log_append_only', 'audit_log_no_truncate')`,
      );
      expect(trigger!.n).toBe(2);
    });

    it('may append to and read the audit log, and change rows of the other tables', async () => {
      const [entry] = await app.queryText<{ id: number }>(
        `INSERT INTO audit_log (action, entity, details) VALUES ('test.insert', 'test', '{"ok":true}') RETURNING id`,
      );
      expect(entry!.id).toBeGreaterThan(0);
      const rows = await app.queryText<{ action: string }>('SELECT action FROM audit_log WHERE id = $1', [
        entry!.id,
      ]);
      expect(rows).toEqual([{ action: 'test.insert' }]);
      await app.transaction(async (tx) => {
        await tx.queryText(`SET LOCAL work_mem = '64MB'`);
        await tx.queryText('SELECT pg_advisory_xact_lock(hashtext($1))', ['test-app-role']);
        await tx.queryText(`INSERT INTO settings (key, value) VALUES ('test.app-role', '1')`);
        await tx.queryText(`UPDATE settings SET value = '2' WHERE key = 'test.app-role'`);
        await tx.queryText(`SELECT key FROM settings WHERE key = 'test.app-role' FOR UPDATE`);
        await tx.queryText('CREATE TEMP TABLE test_app_scratch (n int) ON COMMIT DROP');
        await tx.queryText('INSERT INTO test_app_scratch VALUES (1)');
      });
      expect(await app.queryText(`SELECT value FROM settings WHERE key = 'test.app-role'`)).toEqual([
        { value: 2 },
      ]);
      await app.queryText(`DELETE FROM settings WHERE key = 'test.app-role'`);
      expect(await app.queryText(`SELECT 1 FROM settings WHERE key = 'test.app-role'`)).toEqual([]);
      expect(await app.queryText('SELECT tag FROM schema_migrations LIMIT 1')).toHaveLength(1);
    });

    it('may not migrate: migrate() refuses in Russian, naming the owner', async () => {
      await expect(migrate(app)).rejects.toBeInstanceOf(MigrationsNotAllowedError);
      await expect(migrate(app)).rejects.toThrow(
        /marshrut_app не владеет базой данных.*npx marshrut migrate/,
      );
    });

    it('start-up rule: an up-to-date database starts as the app role, without migrating', async () => {
      expect(await migrateOrCheck(app)).toEqual({ migrated: false, applied: [], user: APP_ROLE });
    });

    it('start-up rule: a migration missing → the Russian refusal that names it and the owner', async () => {
      const [last] = await owner.queryText<{ tag: string }>(
        'SELECT tag FROM schema_migrations ORDER BY tag DESC LIMIT 1',
      );
      await owner.queryText('DELETE FROM schema_migrations WHERE tag = $1', [last!.tag]);
      try {
        const refusal = migrateOrCheck(app);
        await expect(refusal).rejects.toBeInstanceOf(DatabaseNotMigratedError);
        await expect(migrateOrCheck(app)).rejects.toThrow(
          new RegExp(
            `^База данных не обновлена: не применены миграции \\(1\\): ${last!.tag}\\. ` +
              `Сервер подключён от имени роли ${APP_ROLE}.*выполните \`npx marshrut migrate\` от имени владельца базы`,
          ),
        );
      } finally {
        await owner.queryText('INSERT INTO schema_migrations (tag) VALUES ($1)', [last!.tag]);
      }
    });

    it("a later migration's new table is granted to the app role when the owner migrates", async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'marshrut-migrations-'));
      try {
        cpSync(MIGRATIONS_DIR, dir, { recursive: true });
        const journalFile = path.join(dir, 'meta/_journal.json');
        const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
        const idx = journal.entries.length;
        journal.entries.push({
          idx,
          version: '7',
          when: Date.now(),
          tag: '9000_test_later',
          breakpoints: true,
        });
        writeFileSync(journalFile, JSON.stringify(journal));
        writeFileSync(
          path.join(dir, '9000_test_later.sql'),
          'CREATE TABLE test_later (id bigserial PRIMARY KEY, note text NOT NULL)',
        );
        await expect(migrateOrCheck(app, dir)).rejects.toThrow(/9000_test_later/);
        let granted = 0;
        expect(await migrateOrCheck(owner, dir, { onGranted: () => granted++ })).toMatchObject({
          migrated: true,
          applied: ['9000_test_later'],
        });
        expect(granted).toBe(1);
        await app.queryText(`INSERT INTO test_later (note) VALUES ('granted')`);
        expect(await app.queryText('SELECT note FROM test_later')).toEqual([{ note: 'granted' }]);
        await expect(app.queryText('TRUNCATE test_later')).rejects.toMatchObject(PERMISSION_DENIED);
        expect(await migrateOrCheck(app, dir)).toMatchObject({ migrated: false });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('the password is sent as a SCRAM-SHA-256 verifier that PostgreSQL itself would store', async () => {
      const password = 'Пароль приложения 1';
      const stored = await owner
        .transaction(async (tx) => {
          await tx.queryText(`SET LOCAL password_encryption = 'scram-sha-256'`);
          await tx.queryText(`CREATE ROLE marshrut_t_scram_probe PASSWORD '${password}'`);
          const [row] = await tx.queryText<{ p: string }>(
            `SELECT rolpassword AS p FROM pg_authid WHERE rolname = 'marshrut_t_scram_probe'`,
          );
          throw Object.assign(new Error('rollback'), { stored: row!.p });
        })
        .catch((err: { stored?: string }) => err.stored!);
      const [, iterations, salt] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(stored)!;
      expect(scramVerifier(password, Buffer.from(salt!, 'base64'), Number(iterations))).toBe(stored);
    });
  });
}
