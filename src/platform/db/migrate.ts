import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './database.ts';

export const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../db/migrations',
);

interface Journal {
  entries: { idx: number; tag: string }[];
}

/**
 * Applies the SQL files that drizzle-kit generated in db/migrations, in journal order, each in
 * its own transaction, and records them in schema_migrations. On a server an advisory lock keeps
 * two app processes from migrating at once.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const journal = JSON.parse(await readFile(path.join(dir, 'meta/_journal.json'), 'utf8')) as Journal;
  await db.queryText(
    `CREATE TABLE IF NOT EXISTS schema_migrations (tag text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    if (tx.kind === 'postgres') await tx.queryText('SELECT pg_advisory_xact_lock(727274)');
    const done = new Set(
      (await tx.queryText<{ tag: string }>('SELECT tag FROM schema_migrations')).map((r) => r.tag),
    );
    for (const entry of [...journal.entries].sort((a, b) => a.idx - b.idx)) {
      if (done.has(entry.tag)) continue;
      const text = await readFile(path.join(dir, `${entry.tag}.sql`), 'utf8');
      for (const statement of text.split('--> statement-breakpoint')) {
        if (statement.trim()) await tx.queryText(statement);
      }
      await tx.queryText('INSERT INTO schema_migrations (tag) VALUES ($1)', [entry.tag]);
      applied.push(entry.tag);
    }
  });
  return applied;
}
