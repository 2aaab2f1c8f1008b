import type { AssignmentDb, OrgRowDb } from './assignments.repository.ts';
import { iso } from './forms.presenter.ts';

export function presentAssignment(r: AssignmentDb) {
  const c = r.counts;
  return {
    id: r.id,
    formId: r.form_id,
    formName: r.form_name,
    title: r.title,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    dueOn: r.due_on,
    createdAt: iso(r.created_at)!,
    counts: {
      total: Number(c.total),
      pending: Number(c.pending),
      draft: Number(c.draft),
      submitted: Number(c.submitted),
      accepted: Number(c.accepted),
      returned: Number(c.returned),
      reminded: Number(c.reminded),
    },
  };
}

export const presentAssignmentOrg = (r: OrgRowDb) => ({
  submissionId: r.submission_id,
  organizationId: r.organization_id,
  organizationName: r.organization_name,
  status: r.status,
  savedAt: iso(r.saved_at),
  submittedAt: iso(r.submitted_at),
  reviewedAt: iso(r.reviewed_at),
  reviewComment: r.review_comment,
  remindedAt: iso(r.reminded_at),
});
