import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { today } from '../../platform/time/today.ts';
import { loadDerivedRules } from '../derived/derived-rules.repository.ts';
import type { StaffListQuery } from './staff.filters.ts';
import { presentStaffRow, type StaffRow } from './staff.presenter.ts';
import { listStaff } from './staff.repository.ts';

export async function findStaff(
  deps: { db: Db },
  actor: Actor,
  query: StaffListQuery,
): Promise<{
  items: StaffRow[];
  total: number;
  people: number;
  asOf: string;
  nextCursor: string | null;
}> {
  const rules = await loadDerivedRules(deps.db);
  const asOf = query.asOf ?? today();
  const { rows, total, people, nextCursor } = await listStaff(deps.db, actor, rules, { ...query, asOf });
  // Reading personal data is logged (152-ФЗ); one entry per page, with the filters used.
  const { limit, offset, sort, order, after, ...filters } = query;
  await writeAudit(deps.db, {
    actor,
    action: 'read',
    entity: 'staff_list',
    details: { filters, offset: after ? null : offset, returned: rows.length, total },
  });
  return { items: rows.map((r) => presentStaffRow(actor, rules, r)), total, people, asOf, nextCursor };
}
