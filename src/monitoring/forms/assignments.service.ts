import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { writeTable } from '../../platform/files/write-table.ts';
import { authorize, can } from '../monitoring.policy.ts';
import { presentAssignment, presentAssignmentOrg } from './assignments.presenter.ts';
import {
  type AssignmentDb,
  countOrgsInScope,
  findVisibleAssignment,
  insertAssignment,
  listAssignmentOrgs,
  listVisibleAssignments,
  markReminded,
  type SubmissionStatus,
} from './assignments.repository.ts';
import type { FieldValue, FormField } from './form-fields.ts';
import { iso } from './forms.presenter.ts';
import { findForm } from './forms.service.ts';

/**
 * Assignments (issue 4, item 4): a form given to organizations in the methodist's scope for a
 * period with a due date; progress per organization, reminders, the answers as XLSX.
 */

export interface AssignmentInput {
  title: string;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  organizationIds: string[];
}

export const STATUS_LABELS: Record<SubmissionStatus, string> = {
  pending: 'не начата',
  draft: 'черновик',
  submitted: 'отправлена',
  accepted: 'принята',
  returned: 'возвращена',
};

export async function assignForm(
  db: Db,
  actor: Actor,
  formId: string,
  input: AssignmentInput,
): Promise<string> {
  authorize(can(actor, 'manage', 'forms'));
  const form = await findForm(db, actor, formId);
  if (form.archived) throw conflict('Форма в архиве: верните её из архива, чтобы назначить.');
  if (input.periodEnd < input.periodStart)
    throw invalid('Окончание периода раньше начала.', [
      { path: 'periodEnd', message: 'Окончание не раньше начала' },
    ]);
  const ids = [...new Set(input.organizationIds)];
  if ((await countOrgsInScope(db, actor, ids)) !== ids.length)
    throw invalid('Часть организаций вне вашей зоны ответственности или не существует.', [
      { path: 'organizationIds', message: 'Выберите организации своей территории' },
    ]);
  return db.transaction(async (tx) => {
    const id = await insertAssignment(tx, { formId, ...input }, form.fields, ids, actor.userId);
    await writeAudit(tx, {
      actor,
      action: 'assign',
      entity: 'form_assignments',
      entityId: id,
      after: { formId, ...input, organizationIds: ids },
    });
    return id;
  });
}

async function findAssignment(db: Db, actor: Actor, id: string): Promise<AssignmentDb> {
  const r = await findVisibleAssignment(db, actor, id);
  if (!r) throw notFound('Назначение формы не найдено или недоступно.');
  return r;
}

export async function listAssignments(db: Db, actor: Actor, f: { formId?: string | undefined }) {
  authorize(can(actor, 'read', 'forms'));
  const rows = await listVisibleAssignments(db, actor, f);
  return rows.map(presentAssignment);
}

const naturalOrder = new Intl.Collator('ru', { numeric: true });

/** Organizations of an assignment in natural order: «Детский сад № 4» before «№ 10». */
async function assignmentOrgs(db: Db, actor: Actor, id: string) {
  const rows = await listAssignmentOrgs(db, actor, id);
  return rows.sort((a, b) => naturalOrder.compare(a.organization_name, b.organization_name));
}

export async function getAssignment(db: Db, actor: Actor, id: string) {
  authorize(can(actor, 'read', 'forms'));
  const a = await findAssignment(db, actor, id);
  const orgs = await assignmentOrgs(db, actor, id);
  return {
    ...presentAssignment(a),
    fields: a.fields,
    canReview: can(actor, 'manage', 'forms'),
    organizations: orgs.map(presentAssignmentOrg),
  };
}

/**
 * Marks the not-yet-submitted answers as reminded. No e-mail leaves the machine: the school
 * head sees the reminder in «Формы для заполнения».
 */
export async function remind(db: Db, actor: Actor, id: string, organizationIds?: string[]) {
  authorize(can(actor, 'manage', 'forms'));
  await findAssignment(db, actor, id);
  return db.transaction(async (tx) => {
    const rows = await markReminded(tx, actor, id, organizationIds);
    await writeAudit(tx, {
      actor,
      action: 'remind',
      entity: 'form_assignments',
      entityId: id,
      details: { organizationIds: rows.map((r) => r.organization_id) },
    });
    return { reminded: rows.length };
  });
}

export async function exportAssignment(db: Db, actor: Actor, id: string) {
  authorize(can(actor, 'read', 'forms'));
  const a = await findAssignment(db, actor, id);
  const orgs = await assignmentOrgs(db, actor, id);
  const show = (f: FormField, v: FieldValue | undefined) =>
    v === undefined || v === null ? '' : f.type === 'boolean' ? (v ? 'да' : 'нет') : v;
  const table = await writeTable({
    format: 'xlsx',
    sheetName: 'Ответы',
    columns: [
      { key: '_org', header: 'Организация', width: 40 },
      { key: '_status', header: 'Статус', width: 14 },
      { key: '_submitted', header: 'Отправлена', type: 'date' },
      ...a.fields.map((f) => ({
        key: `f_${f.code}`,
        header: f.label,
        ...(f.type === 'date' ? { type: 'date' as const } : {}),
      })),
      { key: '_comment', header: 'Комментарий методиста', width: 30 },
    ],
    rows: orgs.map((r) => ({
      _org: r.organization_name,
      _status: STATUS_LABELS[r.status],
      _submitted: r.submitted_at ? iso(r.submitted_at)!.slice(0, 10) : '',
      ...Object.fromEntries(a.fields.map((f) => [`f_${f.code}`, show(f, r.values[f.code])])),
      _comment: r.review_comment ?? '',
    })),
  });
  await writeAudit(db, {
    actor,
    action: 'export',
    entity: 'form_assignments',
    entityId: id,
    details: { rows: orgs.length },
  });
  return {
    fileName: `marshrut-form-${a.due_on}.${table.extension}`,
    contentType: table.contentType,
    data: table.data,
  };
}
