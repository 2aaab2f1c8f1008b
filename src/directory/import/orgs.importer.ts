import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../platform/audit/audit.repository.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import type { ImportIssue } from '../../platform/import/import.types.ts';
import type { ImportContext, Importer, Prepared } from '../../platform/import/importer.ts';
import { ORGANIZATION_KEEPERS } from '../directory.policy.ts';
import { type ImportKind, registryImport } from './import.columns.ts';
import { findMunicipalityRegion, findRegion, listRegions } from './import.repository.ts';
import { ORG_FIELDS, type OrgRow, parseOrgRow, planOrgs } from './orgs.rows.ts';
import {
  findOrgsByCode,
  insertMunicipalities,
  listRegionMunicipalities,
  upsertOrganizations,
} from './orgs-import.repository.ts';

/**
 * The region the organizations go to: the caller's own, or for the system administrator the
 * one given, or the only region there is.
 */
export async function importRegion(db: Db, ctx: ImportContext): Promise<string> {
  const a = ctx.scope;
  if (a.role === 'region_admin') {
    if (!a.regionId || (ctx.regionId && ctx.regionId !== a.regionId)) throw forbidden();
    return a.regionId;
  }
  if (a.role === 'municipal_methodist') {
    const region = a.municipalityId ? await findMunicipalityRegion(db, a.municipalityId) : null;
    if (!region || (ctx.regionId && ctx.regionId !== region)) throw forbidden();
    return region;
  }
  if (ctx.regionId) {
    if (!(await findRegion(db, ctx.regionId))) throw new AppError('validation', 'Регион загрузки не найден.');
    return ctx.regionId;
  }
  const regions = await listRegions(db);
  if (regions.length === 1) return regions[0]!.id;
  if (regions.length === 0) {
    throw new AppError(
      'validation',
      'В системе нет ни одного региона: сначала добавьте его на странице «Начало работы» ' +
        '(в командной строке — marshrut setup --region «…» или marshrut import orgs ФАЙЛ --region «…»).',
    );
  }
  throw new AppError(
    'validation',
    `В системе несколько регионов (${regions.map((r) => r.name).join(', ')}): укажите, в какой регион загружать организации.`,
    { reason: 'region_required' },
  );
}

export const orgsImporter: Importer<ImportKind> = {
  ...registryImport('orgs'),
  roles: ORGANIZATION_KEEPERS,
  async prepare(tx, ctx, readers): Promise<Prepared> {
    const regionId = await importRegion(tx, ctx);
    const errors: ImportIssue[] = [];
    const rows: OrgRow[] = [];
    for (const r of readers) {
      const row = parseOrgRow(r);
      errors.push(...r.issues);
      if (row) rows.push(row);
    }
    const existing = await findOrgsByCode(
      tx,
      regionId,
      rows.map((r) => r.code),
      ctx.lock,
    );
    const municipalities = await listRegionMunicipalities(tx, regionId);
    const plan = planOrgs({
      rows,
      regionId,
      existing,
      municipalities,
      municipalityScope: ctx.scope.role === 'municipal_methodist' ? ctx.scope.municipalityId : null,
      newId: randomUUID,
    });
    errors.push(...plan.errors);
    return {
      errors,
      warnings: plan.warnings,
      outcomes: plan.outcomes,
      async commit(db) {
        await insertMunicipalities(db, plan.newMunicipalities);
        await upsertOrganizations(db, [...plan.create, ...plan.update.map((u) => u.record)]);
        const audit: Omit<AuditEntry, 'actor'>[] = [
          ...plan.newMunicipalities.map((m) => ({
            action: 'create' as const,
            entity: 'municipality' as const,
            entityId: m.id,
            after: { regionId: m.regionId, code: m.code, name: m.name },
            details: { source: 'import' },
          })),
          ...plan.create.map((o) => ({
            action: 'create' as const,
            entity: 'organization' as const,
            entityId: o.id,
            after: { code: o.code, ...Object.fromEntries(ORG_FIELDS.map((f) => [f, o[f]])) },
            details: { source: 'import' },
          })),
          ...plan.update.map((u) => ({
            action: 'update' as const,
            entity: 'organization' as const,
            entityId: u.record.id,
            before: u.before,
            after: u.after,
            details: { source: 'import' },
          })),
        ];
        return audit;
      },
    };
  },
};
