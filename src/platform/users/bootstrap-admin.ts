import { writeAudit } from '../audit/audit.repository.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import type { Config } from '../config.ts';
import { type Db, sql } from '../db/database.ts';

/**
 * The first administrator from MARSHRUT_ADMIN_EMAIL / MARSHRUT_ADMIN_PASSWORD, created only if
 * that address has no account yet; an existing account's password is never overwritten.
 */
export async function bootstrapAdmin(
  db: Db,
  config: Pick<Config, 'adminEmail' | 'adminPassword'>,
): Promise<boolean> {
  if (!config.adminEmail || !config.adminPassword) return false;
  const problem = passwordProblem(config.adminPassword);
  if (problem) throw new Error(`MARSHRUT_ADMIN_PASSWORD: ${problem}`);
  return createAdmin(db, {
    email: config.adminEmail,
    password: config.adminPassword,
    fullName: 'Администратор',
  });
}

export async function createAdmin(
  db: Db,
  p: { email: string; password: string; fullName: string },
): Promise<boolean> {
  const hash = await hashPassword(p.password);
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string }>(sql`
      INSERT INTO users (email, full_name, password_hash, role)
      VALUES (${p.email.trim()}, ${p.fullName}, ${hash}, 'admin')
      ON CONFLICT (lower(email)) DO NOTHING RETURNING id`);
    const id = rows[0]?.id;
    if (!id) return false;
    await writeAudit(tx, {
      actor: null,
      action: 'create',
      entity: 'user',
      entityId: id,
      after: { email: p.email, role: 'admin' },
    });
    return true;
  });
}

/** Whether anyone can sign in as the administrator (an empty install without the demo has nobody). */
export async function hasActiveAdmin(db: Db): Promise<boolean> {
  const rows = await db.query(sql`SELECT 1 FROM users WHERE role = 'admin' AND active LIMIT 1`);
  return rows.length > 0;
}
