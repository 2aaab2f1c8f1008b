import type { Db } from '../../platform/db/database.ts';
import type { ImportIssue } from '../../platform/import/import.types.ts';
import type { ImportContext } from '../../platform/import/importer.ts';
import { findOrgCandidates } from './import.repository.ts';
import { makeOrgResolver, orgRefKeys } from './org-refs.ts';

/**
 * Gives each row its organization (by code or full name, in one query) or an error in the
 * «Организация» column: not found, ambiguous, or outside the caller's write scope.
 */
export async function resolveRowOrganizations<T extends { rowNumber: number; organization: string }>(
  db: Db,
  ctx: ImportContext,
  rows: T[],
): Promise<{ resolved: (T & { org: { id: string; regionId: string } })[]; errors: ImportIssue[] }> {
  const candidates = await findOrgCandidates(
    db,
    ctx.scope,
    orgRefKeys(rows.map((r) => r.organization)),
    ctx.regionId,
  );
  const resolve = makeOrgResolver(candidates);
  const resolved: (T & { org: { id: string; regionId: string } })[] = [];
  const errors: ImportIssue[] = [];
  for (const row of rows) {
    const r = resolve(row.organization);
    if (r.ok) resolved.push({ ...row, org: { id: r.org.id, regionId: r.org.region_id } });
    else
      errors.push({ row: row.rowNumber, column: 'Организация', value: row.organization, message: r.message });
  }
  return { resolved, errors };
}
