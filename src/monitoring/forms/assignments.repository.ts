import type { SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { orgScope } from '../../platform/auth/scope.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import type { FormField, FormValues } from './form-fields.ts';

/** Assignments of forms to organizations: SQL only. Counts and lists are cut to the actor's organizations. */

export type SubmissionStatus = 'pending' | 'draft' | 'submitted' | 'accepted' | 'returned';

export interface AssignmentDb {
  id: string;
  form_id: string;
  form_name: string;
  title: string;
  period_start: string;
  period_end: string;
  due_on: string;
  fields: FormField[];
  created_at: string;
  counts: Record<SubmissionStatus, number> & { total: number; reminded: number };
}

/** Assignments the actor reviews: those with at least one organization in their scope. */
const assignmentScope = (actor: Actor): SQL => sql`EXISTS (
  SELECT 1 FROM form_submissions vs JOIN organizations o ON o.id = vs.organization_id
  WHERE vs.assignment_id = a.id AND ${orgScope(actor)})`;

/** Counts over the organizations the actor sees, so a region and a municipality read different totals. */
const ASSIGNMENT_SELECT = (actor: Actor) => sql`
  SELECT a.id, a.form_id, f.name AS form_name, a.title, a.period_start, a.period_end, a.due_on, a.fields, a.created_at,
         (SELECT jsonb_build_object(
                   'total', count(*), 'pending', count(*) FILTER (WHERE s.status = 'pending'),
                   'draft', count(*) FILTER (WHERE s.status = 'draft'),
                   'submitted', count(*) FILTER (WHERE s.status = 'submitted'),
                   'accepted', count(*) FILTER (WHERE s.status = 'accepted'),
                   'returned', count(*) FILTER (WHERE s.status = 'returned'),
                   'reminded', count(*) FILTER (WHERE s.reminded_at IS NOT NULL))
          FROM form_submissions s JOIN organizations o ON o.id = s.organization_id
          WHERE s.assignment_id = a.id AND ${orgScope(actor)}) AS counts
  FROM form_assignments a JOIN collection_forms f ON f.id = a.form_id`;

export async function findVisibleAssignment(
  db: Db,
  actor: Actor,
  id: string,
): Promise<AssignmentDb | undefined> {
  const [r] = await db.query<AssignmentDb>(
    sql`${ASSIGNMENT_SELECT(actor)} WHERE a.id = ${id} AND ${assignmentScope(actor)}`,
  );
  return r;
}

export async function listVisibleAssignments(
  db: Db,
  actor: Actor,
  f: { formId?: string | undefined },
): Promise<AssignmentDb[]> {
  return db.query<AssignmentDb>(sql`
    ${ASSIGNMENT_SELECT(actor)}
    WHERE ${assignmentScope(actor)} ${f.formId ? sql`AND a.form_id = ${f.formId}` : sql``}
    ORDER BY a.due_on DESC, a.created_at DESC, a.id`);
}

/** How many of these organizations the actor sees. */
export async function countOrgsInScope(db: Db, actor: Actor, ids: string[]): Promise<number> {
  const rows = await db.query<{ id: string }>(sql`
    SELECT o.id FROM organizations o WHERE o.id = ANY(${sql.param(ids)}::uuid[]) AND ${orgScope(actor)}`);
  return rows.length;
}

/** The assignment with the form's fields as of now, and an empty answer for each organization. */
export async function insertAssignment(
  db: Db,
  input: { formId: string; title: string; periodStart: string; periodEnd: string; dueOn: string },
  fields: FormField[],
  organizationIds: string[],
  userId: string | null,
): Promise<string> {
  const [a] = await db.query<{ id: string }>(sql`
    INSERT INTO form_assignments (form_id, title, period_start, period_end, due_on, fields, created_by)
    VALUES (${input.formId}, ${input.title}, ${input.periodStart}, ${input.periodEnd}, ${input.dueOn},
            ${JSON.stringify(fields)}::jsonb, ${userId})
    RETURNING id`);
  await db.query(sql`
    INSERT INTO form_submissions (assignment_id, organization_id)
    SELECT ${a!.id}, unnest(${sql.param(organizationIds)}::uuid[])`);
  return a!.id;
}

export interface OrgRowDb {
  submission_id: string;
  organization_id: string;
  organization_name: string;
  status: SubmissionStatus;
  values: FormValues;
  saved_at: string | null;
  submitted_at: string | null;
  reviewed_at: string | null;
  review_comment: string | null;
  reminded_at: string | null;
}

/** The answers of an assignment from the organizations the actor sees. */
export async function listAssignmentOrgs(db: Db, actor: Actor, id: string): Promise<OrgRowDb[]> {
  return db.query<OrgRowDb>(sql`
    SELECT s.id AS submission_id, s.organization_id, coalesce(o.short_name, o.full_name) AS organization_name, s.status,
           s.values, s.saved_at, s.submitted_at, s.reviewed_at, s.review_comment, s.reminded_at
    FROM form_submissions s JOIN organizations o ON o.id = s.organization_id
    WHERE s.assignment_id = ${id} AND ${orgScope(actor)}
    ORDER BY organization_name, s.organization_id`);
}

/** Marks the not-yet-submitted answers in the actor's scope (or of these organizations) as reminded. */
export async function markReminded(
  db: Db,
  actor: Actor,
  id: string,
  organizationIds?: string[],
): Promise<{ id: string; organization_id: string }[]> {
  return db.query<{ id: string; organization_id: string }>(sql`
    UPDATE form_submissions s SET reminded_at = now()
    FROM organizations o
    WHERE o.id = s.organization_id AND s.assignment_id = ${id} AND ${orgScope(actor)}
      AND s.status IN ('pending', 'draft', 'returned')
      ${organizationIds ? sql`AND s.organization_id = ANY(${sql.param(organizationIds)}::uuid[])` : sql``}
    RETURNING s.id, s.organization_id`);
}
