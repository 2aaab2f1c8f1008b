/**
 * Data-collection forms as the UI reads and writes them (src/monitoring/forms/** routes): the
 * methodist's forms, their assignments to organizations and review of the answers; the school
 * head's answers with autosave. Reads are query hooks over the typed client; writes are functions
 * here, and the `after…` helpers invalidate by the key factory.
 */
import { useQuery, type useQueryClient } from '@tanstack/react-query';
import { toQuery } from './api.ts';
import { type Answer, type Body, client, ok } from './client.ts';
import { keys } from './keys.ts';

type QueryClient = ReturnType<typeof useQueryClient>;

export type CollectionForm = Answer<'/api/forms/{id}', 'get'>;
export type FormField = CollectionForm['fields'][number];
export type FieldType = FormField['type'];
export type FormInput = Body<'/api/forms', 'post'>;

export type Assignment = Answer<'/api/form-assignments', 'get'>['items'][number];
export type AssignmentCounts = Assignment['counts'];
export type AssignmentCard = Answer<'/api/form-assignments/{id}', 'get'>;
export type AssignmentOrg = AssignmentCard['organizations'][number];
export type AssignmentInput = Body<'/api/forms/{id}/assignments', 'post'>;

export type SubmissionHead = Answer<'/api/my/form-submissions', 'get'>['items'][number];
export type Submission = Answer<'/api/form-submissions/{id}', 'get'>;
export type SubmissionStatus = Submission['status'];
export type FormValues = Submission['values'];
export type FieldValue = FormValues[string];

/**
 * The 409 of a stale save: what is stored now, under `error.current`. The OpenAPI document
 * describes only the routes' successful answers, so this is picked from the submission's shape.
 */
export type SaveConflict = Pick<Submission, 'values' | 'version' | 'status' | 'savedAt' | 'savedBy'>;

/** A manual measure a field may feed: from the presets' catalogue and/or the caller's indicator sets. */
export type ManualMeasureHint = Answer<'/api/forms/measure-codes', 'get'>['items'][number];

// ---------- forms ----------

export function useForms(enabled = true) {
  return useQuery({
    queryKey: keys.forms.list,
    queryFn: () => ok(client.GET('/api/forms')),
    enabled,
  });
}

/** One form (named so as not to be confused with @mantine/form's `useForm`). */
export function useCollectionForm(id: string | undefined) {
  return useQuery({
    queryKey: keys.forms.detail(id ?? ''),
    queryFn: () => ok(client.GET('/api/forms/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: Boolean(id),
  });
}

export function useMeasureCodes(enabled = true) {
  return useQuery({
    queryKey: keys.forms.measureCodes,
    queryFn: () => ok(client.GET('/api/forms/measure-codes')),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** Creates (id = null) or updates a form; answers the form as saved. */
export function saveForm(id: string | null, body: FormInput) {
  if (id) return ok(client.PATCH('/api/forms/{id}', { params: { path: { id } }, body }));
  return ok(client.POST('/api/forms', { body }));
}

/** A form's name and fields show in its card, the list and the assignments made from it. */
export async function afterFormSaved(qc: QueryClient, saved: CollectionForm): Promise<void> {
  qc.setQueryData(keys.forms.detail(saved.id), saved);
  await qc.invalidateQueries({ queryKey: keys.forms.list });
  void qc.invalidateQueries({ queryKey: keys.formAssignments.all });
}

// ---------- assignments ----------

export function useAssignments(formId?: string, enabled = true) {
  return useQuery({
    queryKey: keys.formAssignments.list(formId ?? null),
    queryFn: () => ok(client.GET('/api/form-assignments', { params: { query: { formId } } })),
    enabled,
  });
}

export function useAssignment(id: string | undefined) {
  return useQuery({
    queryKey: keys.formAssignments.detail(id ?? ''),
    queryFn: () => ok(client.GET('/api/form-assignments/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: Boolean(id),
  });
}

/** Sends a form to organizations for a period with a deadline; answers the new assignment. */
export function assignForm(formId: string, body: AssignmentInput) {
  return ok(client.POST('/api/forms/{id}/assignments', { params: { path: { id: formId } }, body }));
}

/** A new assignment: the assignment lists and the form's count of them. */
export async function afterFormAssigned(qc: QueryClient): Promise<void> {
  await qc.invalidateQueries({ queryKey: keys.formAssignments.all });
  void qc.invalidateQueries({ queryKey: keys.forms.list });
}

/** Reminds the chosen organizations (all that have not sent their answer when none are named). */
export function remindOrganizations(assignmentId: string, organizationIds: string[] | undefined) {
  return ok(
    client.POST('/api/form-assignments/{id}/remind', {
      params: { path: { id: assignmentId } },
      body: { organizationIds },
    }),
  );
}

/** The organizations' answers as a workbook (a file download, so a link rather than a call). */
export const assignmentExportHref = (id: string) =>
  `/api/form-assignments/${id}/export${toQuery({ format: 'xlsx' })}`;

// ---------- answers ----------

export function useMySubmissions(enabled = true) {
  return useQuery({
    queryKey: keys.formSubmissions.mine,
    queryFn: () => ok(client.GET('/api/my/form-submissions')),
    enabled,
  });
}

export function useSubmission(id: string | undefined) {
  return useQuery({
    queryKey: keys.formSubmissions.detail(id ?? ''),
    queryFn: () => ok(client.GET('/api/form-submissions/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: Boolean(id),
  });
}

export type DraftBody = Body<'/api/form-submissions/{id}', 'put'>;

/** Saves a draft based on `version`; a 409 carries what is stored now (SaveConflict). */
export function saveDraft(id: string, body: DraftBody) {
  return ok(client.PUT('/api/form-submissions/{id}', { params: { path: { id } }, body }));
}

/** Sends the answer for review; every field is checked (422 issues by `values.<code>`). */
export function submitAnswer(id: string, body: DraftBody) {
  return ok(client.POST('/api/form-submissions/{id}/submit', { params: { path: { id } }, body }));
}

export function acceptAnswer(id: string) {
  return ok(client.POST('/api/form-submissions/{id}/accept', { params: { path: { id } } }));
}

export function returnAnswer(id: string, comment: string) {
  return ok(
    client.POST('/api/form-submissions/{id}/return', { params: { path: { id } }, body: { comment } }),
  );
}

/**
 * An answer moved on (sent, accepted, returned, reminded of): the answer itself, the assignment's
 * counts and statuses, and the head's list. The card the change answered with is stored as is.
 */
export async function afterAnswerChanged(qc: QueryClient, answer?: Submission): Promise<void> {
  if (answer) qc.setQueryData(keys.formSubmissions.detail(answer.id), answer);
  await qc.invalidateQueries({ queryKey: keys.formAssignments.all });
  void qc.invalidateQueries({ queryKey: keys.formSubmissions.all });
}
