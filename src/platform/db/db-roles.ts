import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { Db } from './database.ts';

/**
 * Two roles on PostgreSQL. The **owner** runs the migrations and owns every table (the database
 * owner or a superuser). The **application role** `marshrut_app` is what the server should connect
 * as: it may read and write rows, owns nothing, so it can neither TRUNCATE, ALTER nor DROP
 * anything, nor disable the audit log's triggers; on `audit_log` it may only SELECT and INSERT.
 * PGlite has a single user: there the triggers alone protect the audit log.
 */

/** The login role the server connects as on PostgreSQL. */
export const APP_ROLE = 'marshrut_app';

/** Environment variable with the app role's password; unset → the role gets none (trust, peer, cert). */
export const APP_PASSWORD_ENV = 'MARSHRUT_APP_DB_PASSWORD';

/** Tables the app role may only read and append to. */
const APPEND_ONLY_TABLES = ['audit_log'];
/** Tables the app role may only read: the migrations journal belongs to the owner. */
const READ_ONLY_TABLES = ['schema_migrations'];

export function appRolePassword(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[APP_PASSWORD_ENV] || undefined;
}

/** Who a connection is: an owner may migrate; the app role (or any non-owner) only checks. */
export interface DbIdentity {
  user: string;
  /** Superuser, or owner of the migrations journal (of schema public while there is none). */
  owner: boolean;
  /** May create and alter roles (superuser or CREATEROLE). */
  manageRoles: boolean;
}

export async function dbIdentity(db: Db): Promise<DbIdentity> {
  if (db.kind === 'pglite') return { user: 'postgres', owner: true, manageRoles: false };
  const [row] = await db.queryText<{ user: string; owner: boolean; manage_roles: boolean }>(
    `SELECT current_user AS user,
            r.rolsuper OR r.rolcreaterole AS manage_roles,
            current_user <> $1 AND (r.rolsuper OR CASE WHEN m.relowner IS NULL
              THEN has_schema_privilege('public', 'CREATE')
              ELSE pg_has_role(m.relowner, 'USAGE') END) AS owner
     FROM pg_roles r
     LEFT JOIN pg_class m ON m.oid = to_regclass('public.schema_migrations')
     WHERE r.rolname = current_user`,
    [APP_ROLE],
  );
  return { user: row!.user, owner: row!.owner, manageRoles: row!.manage_roles };
}

/**
 * Creates the app role if it is missing (CREATE ROLE is cluster-wide and outside any
 * transaction here, so a concurrent creation by another database's migrate is tolerated) and
 * sets its password when one is given. Returns whether the role exists, and Russian lines to report.
 */
export async function ensureAppRole(
  db: Db,
  who: DbIdentity,
  password: string | undefined,
): Promise<{ exists: boolean; report: string[] }> {
  const report: string[] = [];
  if (!(await roleExists(db))) {
    if (!who.manageRoles) {
      report.push(
        `Внимание: роль ${APP_ROLE} не создана — у пользователя ${who.user} нет права создавать роли ` +
          '(нужен суперпользователь или CREATEROLE). Журнал аудита защищён только триггерами. ' +
          `Создайте роль администратором СУБД (CREATE ROLE ${APP_ROLE} LOGIN) и повторите «marshrut migrate».`,
      );
      return { exists: false, report };
    }
    try {
      await db.queryText(`CREATE ROLE ${APP_ROLE} LOGIN`);
      report.push(`Создана роль ${APP_ROLE} для подключения сервера.`);
    } catch (err) {
      // 42710: created meanwhile; 23505: a concurrent CREATE ROLE committed first.
      const code = (err as { code?: string }).code;
      if (code !== '42710' && code !== '23505') throw err;
    }
  }
  if (password) {
    try {
      // The verifier, not the password, travels in the statement: nothing secret in the server's log.
      await db.queryText(`ALTER ROLE ${APP_ROLE} LOGIN PASSWORD '${scramVerifier(password)}'`);
      report.push(`Пароль роли ${APP_ROLE} установлен из ${APP_PASSWORD_ENV}.`);
    } catch (err) {
      if ((err as { code?: string }).code !== '42501') throw err;
      report.push(
        `Внимание: пароль роли ${APP_ROLE} не изменён — у пользователя ${who.user} нет права менять эту роль.`,
      );
    }
  }
  return { exists: true, report };
}

async function roleExists(db: Db): Promise<boolean> {
  const rows = await db.queryText('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
  return rows.length > 0;
}

/**
 * Gives the app role exactly its rights on everything in schema public, from scratch each time
 * (so tables added by any migration are covered and nothing granted by hand survives): DML on
 * every table, only SELECT + INSERT on the append-only ones, only SELECT on the journal, USAGE on
 * sequences (nextval for serial ids). No TRUNCATE, REFERENCES or TRIGGER anywhere. Runs as the
 * last step of migrate(), inside its transaction and advisory lock.
 */
export async function grantAppRole(tx: Db): Promise<void> {
  const statements = [
    `GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`,
    ...APPEND_ONLY_TABLES.map((t) => `REVOKE UPDATE, DELETE ON ${t} FROM ${APP_ROLE}`),
    ...READ_ONLY_TABLES.map((t) => `REVOKE INSERT, UPDATE, DELETE ON ${t} FROM ${APP_ROLE}`),
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP_ROLE}`,
    `GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`,
  ];
  for (const statement of statements) await tx.queryText(statement);
}

/** A SCRAM-SHA-256 verifier as PostgreSQL stores it (RFC 5802/7677; the password NFKC-normalised). */
export function scramVerifier(password: string, salt = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();
  const storedKey = createHash('sha256').update(hmac(salted, 'Client Key')).digest();
  const serverKey = hmac(salted, 'Server Key');
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
