import type { ImportIssue } from '../../platform/import/import.types.ts';
import type { Importer, Prepared } from '../../platform/import/importer.ts';
import { REGISTRY_MANAGERS } from '../directory.policy.ts';
import { type ImportKind, registryImport } from './import.columns.ts';
import { resolveRowOrganizations } from './resolve-orgs.ts';
import { parseStaffingRow, planStaffing, type StaffingRow } from './staffing.rows.ts';
import { listStaffingOf, upsertStaffing } from './staffing-import.repository.ts';

export const staffingImporter: Importer<ImportKind> = {
  ...registryImport('staffing'),
  roles: REGISTRY_MANAGERS,
  async prepare(tx, ctx, readers): Promise<Prepared> {
    const errors: ImportIssue[] = [];
    const rows: StaffingRow[] = [];
    for (const r of readers) {
      const row = parseStaffingRow(r, ctx.today);
      errors.push(...r.issues);
      if (row) rows.push(row);
    }
    const { resolved, errors: orgErrors } = await resolveRowOrganizations(tx, ctx, rows);
    errors.push(...orgErrors);
    const existing = await listStaffingOf(tx, [...new Set(resolved.map((r) => r.org.id))], ctx.lock);
    const plan = planStaffing({ rows: resolved, existing });
    errors.push(...plan.errors);
    return {
      errors,
      warnings: [],
      outcomes: plan.outcomes,
      async commit(db) {
        await upsertStaffing(db, [...plan.create, ...plan.update.map((u) => u.record)]);
        return [
          ...plan.create.map((s) => ({
            action: 'create' as const,
            entity: 'staffing' as const,
            entityId: `${s.organizationId}:${s.year}`,
            after: s,
            details: { source: 'import' },
          })),
          ...plan.update.map((u) => ({
            action: 'update' as const,
            entity: 'staffing' as const,
            entityId: `${u.record.organizationId}:${u.record.year}`,
            before: u.before,
            after: u.after,
            details: { source: 'import' },
          })),
        ];
      },
    };
  },
};
