import { type Db, sql } from '../db/database.ts';

/** Key/value settings stored as JSON; each context owns and validates its own keys. */
export async function readSetting(db: Db, key: string): Promise<unknown | undefined> {
  const rows = await db.query<{ value: unknown }>(sql`SELECT value FROM settings WHERE key = ${key}`);
  return rows[0]?.value;
}

export async function writeSetting(
  db: Db,
  key: string,
  value: unknown,
  userId: string | null,
): Promise<void> {
  await db.query(sql`
    INSERT INTO settings (key, value, updated_by) VALUES (${key}, ${JSON.stringify(value)}::jsonb, ${userId})
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by`);
}
