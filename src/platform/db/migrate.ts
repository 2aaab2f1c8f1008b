import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { grantJobQueue, installJobQueue } from '../jobs/jobs.boss.ts';
import type { Db } from './database.ts';
import { APP_ROLE, appRolePassword, dbIdentity, ensureAppRole, grantAppRole } from './db-roles.ts';

export const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../db/migrations',
);

interface Journal {
  entries: { idx: number; tag: string }[];
}

export interface MigrateOptions {
  /** The app role's password (PostgreSQL); by default from MARSHRUT_APP_DB_PASSWORD. */
  appRolePassword?: string | undefined;
  /** Russian lines about the app role (created, password set, could not be created). */
  report?: (line: string) => void;
  /** Called once the app role's rights have been (re)granted. */
  onGranted?: () => void;
}

/** A connection that may not migrate (the app role): the owner must run `marshrut migrate`. */
export class MigrationsNotAllowedError extends Error {
  constructor(user: string) {
    super(
      `Роль ${user} не владеет базой данных и не может применять миграции: выполните ` +
        '`npx marshrut migrate` от имени владельца базы (DATABASE_URL с пользователем-владельцем, ' +
        'например postgres).',
    );
    this.name = 'MigrationsNotAllowedError';
  }
}

/** The database is behind the code and this connection may not migrate it: refuse to start. */
export class DatabaseNotMigratedError extends Error {
  constructor(
    user: string,
    readonly pending: string[],
  ) {
    super(
      `База данных не обновлена: не применены миграции (${pending.length}): ${pending.join(', ')}. ` +
        `Сервер подключён от имени роли ${user}, которая не может применять миграции: выполните ` +
        '`npx marshrut migrate` от имени владельца базы (DATABASE_URL с пользователем-владельцем) ' +
        'и запустите сервер снова.',
    );
    this.name = 'DatabaseNotMigratedError';
  }
}

async function readJournal(dir: string): Promise<string[]> {
  const journal = JSON.parse(await readFile(path.join(dir, 'meta/_journal.json'), 'utf8')) as Journal;
  return [...journal.entries].sort((a, b) => a.idx - b.idx).map((e) => e.tag);
}

/**
 * Applies the SQL files that drizzle-kit generated in db/migrations, in journal order, each in
 * its own transaction, and records them in schema_migrations. On a server an advisory lock keeps
 * two app processes from migrating at once, and the last step (re)grants the app role its rights
 * (db-roles.ts), creating the role first when this owner may. The app role itself is refused.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR, opts: MigrateOptions = {}): Promise<string[]> {
  const tags = await readJournal(dir);
  let appRole = false;
  if (db.kind === 'postgres') {
    const who = await dbIdentity(db);
    if (!who.owner) throw new MigrationsNotAllowedError(who.user);
    const password = opts.appRolePassword ?? appRolePassword();
    const role = await ensureAppRole(db, who, password);
    for (const line of role.report) opts.report?.(line);
    appRole = role.exists;
  }
  await db.queryText(
    `CREATE TABLE IF NOT EXISTS schema_migrations (tag text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    if (tx.kind === 'postgres') await tx.queryText('SELECT pg_advisory_xact_lock(727274)');
    const done = new Set(
      (await tx.queryText<{ tag: string }>('SELECT tag FROM schema_migrations')).map((r) => r.tag),
    );
    for (const tag of tags) {
      if (done.has(tag)) continue;
      const text = await readFile(path.join(dir, `${tag}.sql`), 'utf8');
      for (const statement of text.split('--> statement-breakpoint')) {
        if (statement.trim()) await tx.queryText(statement);
      }
      await tx.queryText('INSERT INTO schema_migrations (tag) VALUES ($1)', [tag]);
      applied.push(tag);
    }
    if (appRole) await grantAppRole(tx);
  });
  // The job queue's own schema (pgboss), created and migrated by pg-boss itself, as the owner.
  await installJobQueue(db);
  if (appRole) await db.transaction((tx) => grantJobQueue(tx, APP_ROLE));
  if (appRole) opts.onGranted?.();
  return applied;
}

/** Migrations of `dir` not yet recorded in the database, in journal order. */
export async function pendingMigrations(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const tags = await readJournal(dir);
  const [journal] = await db.queryText<{ ok: boolean }>(
    `SELECT to_regclass('public.schema_migrations') IS NOT NULL AS ok`,
  );
  if (!journal?.ok) return tags;
  const done = new Set(
    (await db.queryText<{ tag: string }>('SELECT tag FROM schema_migrations')).map((r) => r.tag),
  );
  return tags.filter((t) => !done.has(t));
}

/** What the start-up rule did: migrated as an owner, or only checked as a connection that may not. */
export interface PrepareResult {
  migrated: boolean;
  applied: string[];
  /** The database user connected (PostgreSQL); `postgres` on PGlite. */
  user: string;
}

/**
 * The start-up rule (server and CLI commands): an owner (and PGlite) migrates; a connection that
 * may not (the app role) only checks that every migration is applied, and otherwise refuses with
 * a Russian message naming what to run.
 */
export async function migrateOrCheck(
  db: Db,
  dir = MIGRATIONS_DIR,
  opts: MigrateOptions = {},
): Promise<PrepareResult> {
  const who = await dbIdentity(db);
  if (who.owner) return { migrated: true, applied: await migrate(db, dir, opts), user: who.user };
  const pending = await pendingMigrations(db, dir);
  if (pending.length) throw new DatabaseNotMigratedError(who.user, pending);
  return { migrated: false, applied: [], user: who.user };
}
