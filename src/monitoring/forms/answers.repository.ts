import type { SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { orgScope } from '../../platform/auth/scope.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import type { SubmissionStatus } from './assignments.repository.ts';
import type { FormField, FormValues } from './form-fields.ts';

/** Answers of organizations to assigned forms: SQL only. Saves are conditional on the version read. */

export interface SubmissionDb {
  id: string;
  assignment_id: string;
  title: string;
  form_name: string;
  form_description: string;
  period_start: string;
  period_end: string;
  due_on: string;
  fields: FormField[];
  organization_id: string;
  organization_name: string;
  status: SubmissionStatus;
  values: FormValues;
  version: number;
  saved_at: string | null;
  saved_by_name: string | null;
  submitted_at: string | null;
  reviewed_at: string | null;
  review_comment: string | null;
  reminded_at: string | null;
}

const SUBMISSION_SELECT = sql`
  SELECT s.id, s.assignment_id, a.title, f.name AS form_name, f.description AS form_description,
         a.period_start, a.period_end, a.due_on, a.fields,
         s.organization_id, coalesce(o.short_name, o.full_name) AS organization_name, s.status, s.values, s.version,
         s.saved_at, su.full_name AS saved_by_name, s.submitted_at, s.reviewed_at, s.review_comment, s.reminded_at
  FROM form_submissions s
  JOIN form_assignments a ON a.id = s.assignment_id
  JOIN collection_forms f ON f.id = a.form_id
  JOIN organizations o ON o.id = s.organization_id
  LEFT JOIN users su ON su.id = s.saved_by`;

/** The school head: their own organization's answers only. Reviewers: organizations in their scope. */
function submissionScope(actor: Actor): SQL {
  if (actor.role === 'org_head')
    return actor.organizationId ? sql`s.organization_id = ${actor.organizationId}` : sql`false`;
  return orgScope(actor);
}

export async function findVisibleSubmission(
  db: Db,
  actor: Actor,
  id: string,
): Promise<SubmissionDb | undefined> {
  const [r] = await db.query<SubmissionDb>(
    sql`${SUBMISSION_SELECT} WHERE s.id = ${id} AND ${submissionScope(actor)}`,
  );
  return r;
}

/** The answer as stored now, whoever asks (for the 409 of a stale save, after the scope was checked). */
export async function findSubmission(db: Db, id: string): Promise<SubmissionDb | undefined> {
  const [r] = await db.query<SubmissionDb>(sql`${SUBMISSION_SELECT} WHERE s.id = ${id}`);
  return r;
}

/** The actor's answers: the open ones first, by due date. */
export async function listOwnSubmissions(db: Db, actor: Actor): Promise<SubmissionDb[]> {
  return db.query<SubmissionDb>(sql`
    ${SUBMISSION_SELECT} WHERE ${submissionScope(actor)}
    ORDER BY (s.status IN ('pending', 'draft', 'returned')) DESC, a.due_on, a.created_at DESC, s.id`);
}

/** Saves a draft if the answer is still at `version` and editable; false otherwise. */
export async function saveDraft(
  db: Db,
  id: string,
  values: FormValues,
  version: number,
  userId: string | null,
): Promise<boolean> {
  const rows = await db.query<{ version: number }>(sql`
    UPDATE form_submissions
    SET values = ${JSON.stringify(values)}::jsonb, version = version + 1, saved_by = ${userId}, saved_at = now(),
        status = CASE WHEN status = 'pending' THEN 'draft'::submission_status ELSE status END
    WHERE id = ${id} AND version = ${version} AND status IN ('pending', 'draft', 'returned')
    RETURNING version`);
  return rows.length > 0;
}

/** Submits with these values if the answer is still at `version` and editable; false otherwise. */
export async function markSubmitted(
  db: Db,
  id: string,
  values: FormValues,
  version: number,
  userId: string | null,
): Promise<boolean> {
  const rows = await db.query<{ id: string }>(sql`
    UPDATE form_submissions
    SET values = ${JSON.stringify(values)}::jsonb, status = 'submitted', version = version + 1,
        saved_by = ${userId}, saved_at = now(),
        submitted_by = ${userId}, submitted_at = now(), review_comment = NULL
    WHERE id = ${id} AND version = ${version} AND status IN ('pending', 'draft', 'returned')
    RETURNING id`);
  return rows.length > 0;
}

/** Accepts or returns a submitted answer; false when it is no longer submitted. */
export async function markReviewed(
  db: Db,
  id: string,
  to: 'accepted' | 'returned',
  comment: string | null,
  userId: string | null,
): Promise<boolean> {
  const rows = await db.query<{ id: string }>(sql`
    UPDATE form_submissions
    SET status = ${to}::submission_status, reviewed_by = ${userId}, reviewed_at = now(),
        review_comment = ${comment}, version = version + 1
    WHERE id = ${id} AND status = 'submitted'
    RETURNING id`);
  return rows.length > 0;
}
