import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../platform/audit/audit.repository.ts';
import { nextLevelUp } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict } from '../../platform/errors.ts';
import type { ImportIssue } from '../../platform/import/import.types.ts';
import type { Importer, Prepared } from '../../platform/import/importer.ts';
import { REGISTRY_MANAGERS } from '../directory.policy.ts';
import { type ImportKind, registryImport } from './import.columns.ts';
import { resolveRowOrganizations } from './resolve-orgs.ts';
import { createdFields, planStaff, type ResolvedStaffRow } from './staff.plan.ts';
import { parseStaffRow, type StaffRow } from './staff.rows.ts';
import {
  findActiveEmployments,
  findPeopleByIdentity,
  findPeopleBySnils,
  insertEmployments,
  insertPeople,
  updateEmployments,
  updatePeople,
} from './staff-import.repository.ts';

const changedMeanwhile = () =>
  conflict('Пока шла загрузка, сведения о сотрудниках изменили в реестре. Повторите загрузку.');

/** Staff: one row = one employment of one person. */
export const staffImporter: Importer<ImportKind> = {
  ...registryImport('staff'),
  roles: REGISTRY_MANAGERS,
  compactAudit: true,
  async prepare(tx, ctx, readers): Promise<Prepared> {
    const errors: ImportIssue[] = [];
    const parsed: StaffRow[] = [];
    let n = 0;
    for (const r of readers) {
      // A region's roster is 50 000 rows of checks on the server's thread: other users' pages
      // get a turn of the event loop every 1 000 rows (a few milliseconds) instead of waiting.
      if (++n % 1_000 === 0) await new Promise((resolve) => setImmediate(resolve));
      const row = parseStaffRow(r, ctx.today);
      errors.push(...r.issues);
      if (row) parsed.push(row);
    }

    ctx.lap?.('validate');
    const orgs = await resolveRowOrganizations(tx, ctx, parsed);
    ctx.lap?.('organizations');
    errors.push(...orgs.errors);
    const resolved: ResolvedStaffRow[] = orgs.resolved;

    // By СНИЛС first; by full name and birth date only for rows whose СНИЛС is absent or new.
    const bySnils = await findPeopleBySnils(
      tx,
      ctx.scope,
      resolved.flatMap((r) => (r.person.snils ? [{ regionId: r.org.regionId, snils: r.person.snils }] : [])),
    );
    ctx.lap?.('match by СНИЛС');
    const known = new Set(bySnils.map((p) => `${p.regionId}|${p.snils}`));
    const byIdentity = await findPeopleByIdentity(
      tx,
      ctx.scope,
      resolved
        .filter((r) => !r.person.snils || !known.has(`${r.org.regionId}|${r.person.snils}`))
        .map((r) => ({
          regionId: r.org.regionId,
          lastName: r.person.lastName,
          firstName: r.person.firstName,
          patronymic: r.person.patronymic,
          birthDate: r.person.birthDate,
        })),
    );
    ctx.lap?.('match by name');
    const people = [...new Map([...bySnils, ...byIdentity].map((p) => [p.id, p])).values()];
    const employments = await findActiveEmployments(
      tx,
      ctx.scope,
      people.map((p) => p.id),
    );
    ctx.lap?.('match employments');
    const plan = planStaff({
      rows: resolved,
      people,
      employments,
      today: ctx.today,
      newId: randomUUID,
      nextLevelUp: nextLevelUp(ctx.scope),
    });
    errors.push(...plan.errors);
    ctx.lap?.('plan');

    return {
      errors,
      warnings: [],
      outcomes: plan.outcomes,
      async commit(db: Db) {
        await insertPeople(db, plan.people.create);
        const peopleUpdates = plan.people.update.map((c) => c.record);
        let updated = await updatePeople(db, peopleUpdates);
        ctx.lap?.('write people');
        // Demotions before promotions, so «one main employment» holds after every statement.
        const updates = plan.employments.update.map((c) => c.record);
        const demoted = updates.filter((e) => e.kind !== 'main');
        const promoted = updates.filter((e) => e.kind === 'main');
        updated += await updateEmployments(db, demoted);
        updated += await updateEmployments(db, promoted);
        if (updated !== peopleUpdates.length + updates.length) throw changedMeanwhile();
        await insertEmployments(db, plan.employments.create);
        ctx.lap?.('write employments');

        const audit: Omit<AuditEntry, 'actor'>[] = [];
        for (const p of plan.people.create) {
          audit.push({
            action: 'create',
            entity: 'person',
            entityId: p.id,
            personId: p.id,
            after: createdFields(p, 'person'),
            details: { source: 'import' },
          });
        }
        for (const c of plan.people.update) {
          audit.push({
            action: 'update',
            entity: 'person',
            entityId: c.record.id,
            personId: c.record.id,
            before: c.before,
            after: c.after,
            details: { source: 'import' },
          });
        }
        for (const e of plan.employments.create) {
          audit.push({
            action: 'create',
            entity: 'employment',
            entityId: e.id,
            personId: e.personId,
            after: createdFields(e, 'employment'),
            details: { source: 'import' },
          });
        }
        for (const c of plan.employments.update) {
          audit.push({
            action: 'update',
            entity: 'employment',
            entityId: c.record.id,
            personId: c.record.personId,
            before: c.before,
            after: c.after,
            details: { source: 'import' },
          });
        }
        return audit;
      },
    };
  },
};
