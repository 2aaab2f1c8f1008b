import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { orgScope, orgWriteScope } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db/database.ts';
import { forbidden, notFound } from '../../platform/errors.ts';

/**
 * Refuses unless the actor keeps the registry of this organization. An organization the actor
 * cannot even see answers 404, so ids of other schools cannot be probed.
 */
export async function assertOrgWritable(db: Db, actor: Actor, organizationId: string): Promise<void> {
  const rows = await db.query<{ visible: boolean; writable: boolean }>(sql`
    SELECT ${orgScope(actor, 'o')} AS visible, ${orgWriteScope(actor, 'o')} AS writable
    FROM organizations o WHERE o.id = ${organizationId}`);
  const row = rows[0];
  if (!row?.visible) throw notFound('Организация не найдена или недоступна.');
  if (!row.writable) throw forbidden();
}
