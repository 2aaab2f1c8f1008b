import { randomUUID } from 'node:crypto';
import type { ImportIssue } from '../../platform/import/import.types.ts';
import type { Importer, Prepared } from '../../platform/import/importer.ts';
import { REGISTRY_MANAGERS } from '../directory.policy.ts';
import { type ImportKind, registryImport } from './import.columns.ts';
import { resolveRowOrganizations } from './resolve-orgs.ts';
import { parseVacancyRow, planVacancies, type VacancyRecord, type VacancyRow } from './vacancies.rows.ts';
import { insertVacancies, listVacanciesOf, updateVacancies } from './vacancies-import.repository.ts';

export const vacanciesImporter: Importer<ImportKind> = {
  ...registryImport('vacancies'),
  roles: REGISTRY_MANAGERS,
  async prepare(tx, ctx, readers): Promise<Prepared> {
    const errors: ImportIssue[] = [];
    const rows: VacancyRow[] = [];
    for (const r of readers) {
      const row = parseVacancyRow(r, ctx.today);
      errors.push(...r.issues);
      if (row) rows.push(row);
    }
    const { resolved, errors: orgErrors } = await resolveRowOrganizations(tx, ctx, rows);
    errors.push(...orgErrors);
    const existing = await listVacanciesOf(tx, [...new Set(resolved.map((r) => r.org.id))], ctx.lock);
    const plan = planVacancies({ rows: resolved, existing, newId: randomUUID });
    errors.push(...plan.errors);
    return {
      errors,
      warnings: [],
      outcomes: plan.outcomes,
      async commit(db) {
        await insertVacancies(db, plan.create);
        await updateVacancies(
          db,
          plan.update.map((u) => u.record),
        );
        return [
          ...plan.create.map((v) => ({
            action: 'create' as const,
            entity: 'vacancy' as const,
            entityId: v.id,
            after: withoutId(v),
            details: { source: 'import' },
          })),
          ...plan.update.map((u) => ({
            action: 'update' as const,
            entity: 'vacancy' as const,
            entityId: u.record.id,
            before: u.before,
            after: u.after,
            details: { source: 'import' },
          })),
        ];
      },
    };
  },
};

function withoutId(v: VacancyRecord): Omit<VacancyRecord, 'id'> {
  const { id: _, ...rest } = v;
  return rest;
}
