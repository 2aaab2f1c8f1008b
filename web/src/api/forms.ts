/**
 * Data-collection forms as the UI reads them: answer shapes of src/monitoring/forms/forms.routes.ts
 * and the query hooks the forms pages share.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from './api.ts';

export const FIELD_TYPES = ['integer', 'number', 'percent', 'boolean', 'text', 'date', 'select'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export type SubmissionStatus = 'pending' | 'draft' | 'submitted' | 'accepted' | 'returned';
export type FieldValue = string | number | boolean | null;
export type FormValues = Record<string, FieldValue>;

export interface FormField {
  code: string;
  label: string;
  type: FieldType;
  required: boolean;
  min?: number | null;
  max?: number | null;
  options?: string[];
  hint?: string;
  measureCode?: string | null;
}

export interface CollectionForm {
  id: string;
  name: string;
  description: string;
  ownerLevel: 'system' | 'region' | 'municipality' | 'organization';
  regionId: string | null;
  municipalityId: string | null;
  fields: FormField[];
  archived: boolean;
  assignmentCount: number;
  createdAt: string;
  updatedAt: string;
  canEdit: boolean;
}

export interface FormInput {
  name: string;
  description?: string;
  fields: FormField[];
}

export interface AssignmentCounts {
  total: number;
  pending: number;
  draft: number;
  submitted: number;
  accepted: number;
  returned: number;
  reminded: number;
}

export interface Assignment {
  id: string;
  formId: string;
  formName: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  createdAt: string;
  counts: AssignmentCounts;
}

export interface AssignmentOrg {
  submissionId: string;
  organizationId: string;
  organizationName: string;
  status: SubmissionStatus;
  savedAt: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  remindedAt: string | null;
}

export interface AssignmentCard extends Assignment {
  fields: FormField[];
  canReview: boolean;
  organizations: AssignmentOrg[];
}

export interface AssignmentInput {
  title: string;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  organizationIds: string[];
}

export interface SubmissionHead {
  id: string;
  assignment: {
    id: string;
    title: string;
    formName: string;
    description: string;
    periodStart: string;
    periodEnd: string;
    dueOn: string;
  };
  organization: { id: string; name: string };
  status: SubmissionStatus;
  version: number;
  savedAt: string | null;
  savedBy: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  remindedAt: string | null;
  permissions: { edit: boolean; review: boolean };
}

export interface Submission extends SubmissionHead {
  fields: FormField[];
  values: FormValues;
}

/** The 409 of a stale save: what is stored now. */
export interface SaveConflict {
  values: FormValues;
  version: number;
  status: SubmissionStatus;
  savedAt: string | null;
  savedBy: string | null;
}

export const formsKey = ['forms'] as const;

export function useForms(enabled = true) {
  return useQuery({
    queryKey: [...formsKey, 'list'],
    queryFn: () => api.get<{ items: CollectionForm[] }>('/api/forms'),
    enabled,
  });
}

export function useForm(id: string | undefined) {
  return useQuery({
    queryKey: [...formsKey, 'form', id],
    queryFn: () => api.get<CollectionForm>(`/api/forms/${id}`),
    enabled: !!id,
  });
}

/** A manual measure a field may feed: from the presets' catalogue and/or the caller's indicator sets. */
export interface ManualMeasureHint {
  code: string;
  label: string;
  field: { label: string; type: 'integer' | 'number' | 'percent'; hint: string } | null;
  indicators: string[];
}

export function useMeasureCodes(enabled = true) {
  return useQuery({
    queryKey: [...formsKey, 'measure-codes'],
    queryFn: () => api.get<{ items: ManualMeasureHint[] }>('/api/forms/measure-codes'),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useAssignments(formId?: string, enabled = true) {
  return useQuery({
    queryKey: [...formsKey, 'assignments', formId ?? null],
    queryFn: () => api.get<{ items: Assignment[] }>('/api/form-assignments', { formId }),
    enabled,
  });
}

export function useAssignment(id: string | undefined) {
  return useQuery({
    queryKey: [...formsKey, 'assignment', id],
    queryFn: () => api.get<AssignmentCard>(`/api/form-assignments/${id}`),
    enabled: !!id,
  });
}

export function useMySubmissions(enabled = true) {
  return useQuery({
    queryKey: [...formsKey, 'my'],
    queryFn: () => api.get<{ items: SubmissionHead[] }>('/api/my/form-submissions'),
    enabled,
  });
}

export function useSubmission(id: string | undefined) {
  return useQuery({
    queryKey: [...formsKey, 'submission', id],
    queryFn: () => api.get<Submission>(`/api/form-submissions/${id}`),
    enabled: !!id,
  });
}
