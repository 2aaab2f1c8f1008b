import { type AuditEntry, writeAudit, writeAuditMany } from '../audit/audit.repository.ts';
import type { Db } from '../db/database.ts';
import { conflict } from '../errors.ts';

/** Issues sorted by row number. */
export const byRow = (a: { row: number }, b: { row: number }) => a.row - b.row;

/** The one error of a file that has headers but no data rows. */
export const noDataRows = () => ({
  row: 0,
  column: null,
  value: null,
  message: 'В файле нет строк с данными: заполните строки под заголовками',
});

const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === '23505';

/**
 * Runs an import in one transaction; a unique violation (someone wrote the same keys meanwhile)
 * becomes a conflict with the given message.
 */
export async function importTransaction<T>(
  db: Db,
  conflictMessage: string,
  fn: (tx: Db) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(conflictMessage);
    throw err;
  }
}

/** Writes an import's audit entries in chunks and then its summary entry (action and entity 'import'). */
export async function writeImportAudit(
  tx: Db,
  actor: AuditEntry['actor'],
  entries: Omit<AuditEntry, 'actor'>[],
  details: Record<string, unknown>,
  chunk = 1000,
): Promise<void> {
  const all: AuditEntry[] = entries.map((e) => ({ ...e, actor }));
  for (let i = 0; i < all.length; i += chunk) await writeAuditMany(tx, all.slice(i, i + chunk));
  await writeAudit(tx, { actor, action: 'import', entity: 'import', details });
}
