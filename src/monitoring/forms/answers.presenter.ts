import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../monitoring.policy.ts';
import type { SubmissionDb } from './answers.repository.ts';
import type { SubmissionStatus } from './assignments.repository.ts';
import { iso } from './forms.presenter.ts';

/** The head may change the answer only before it is submitted, or after it is returned. */
export const EDITABLE: readonly SubmissionStatus[] = ['pending', 'draft', 'returned'];

export function presentSubmission(actor: Actor, r: SubmissionDb) {
  const filler = can(actor, 'fill', 'submissions') && r.organization_id === actor.organizationId;
  return {
    id: r.id,
    assignment: {
      id: r.assignment_id,
      title: r.title,
      formName: r.form_name,
      description: r.form_description,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      dueOn: r.due_on,
    },
    organization: { id: r.organization_id, name: r.organization_name },
    fields: r.fields,
    values: r.values,
    status: r.status,
    version: r.version,
    savedAt: iso(r.saved_at),
    savedBy: r.saved_by_name,
    submittedAt: iso(r.submitted_at),
    reviewedAt: iso(r.reviewed_at),
    reviewComment: r.review_comment,
    remindedAt: iso(r.reminded_at),
    permissions: {
      edit: filler && EDITABLE.includes(r.status),
      review: can(actor, 'manage', 'forms') && r.status === 'submitted',
    },
  };
}

/** The list's line: the answer without its fields and values. */
export function presentSubmissionHead(actor: Actor, r: SubmissionDb) {
  const { fields: _f, values: _v, ...rest } = presentSubmission(actor, r);
  return rest;
}
