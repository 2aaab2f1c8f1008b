/*
 * Data-collection forms (issue 4 contract, section 5): what the routes of the builder
 * (forms.routes.ts), the assignments (assignments.routes.ts) and the answers (answers.routes.ts)
 * take and answer. Additions to the contract (nothing renamed):
 * - a form has name and description; its fields carry the `code` (latin, unique in the form);
 * - POST /api/forms and PATCH /api/forms/:id answer with the form; PATCH also takes `archived`;
 * - POST …/assignments answers 201 with the assignment (as GET /api/form-assignments/:id);
 * - GET /api/form-assignments takes ?formId=; counts are over the organizations the caller sees;
 * - POST /api/form-submissions/:id/submit may carry { values, version } to save and submit at once;
 * - a 409 on a stale save carries `current: { values, version, status, savedAt, savedBy }`;
 * - GET /api/form-assignments/:id/export answers the XLSX of the answers;
 * - GET /api/forms/measure-codes lists manual measures for the builder: the presets' catalogue
 *   (presets/manual-measures.ts) and the codes the visible indicator sets use, with their indicators.
 */
import { z } from 'zod';
import { FIELD_TYPES } from './form-fields.ts';

const STATUSES = ['pending', 'draft', 'submitted', 'accepted', 'returned'] as const;
const Day = z.iso.date();

export const ZField = z.object({
  code: z.string().trim().min(1).max(60),
  label: z.string().trim().min(1, 'Укажите название поля').max(500),
  type: z.enum(FIELD_TYPES),
  required: z.boolean().default(false),
  min: z.number().finite().nullable().optional(),
  max: z.number().finite().nullable().optional(),
  options: z.array(z.string().max(300)).max(100).optional(),
  hint: z.string().max(1000).optional(),
  measureCode: z.string().max(120).nullable().optional(),
});

export const ZFormInput = z.object({
  name: z.string().trim().min(3, 'Название — не короче 3 знаков').max(300),
  description: z.string().max(5000).optional(),
  fields: z.array(ZField).max(200),
});

export const ZForm = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  ownerLevel: z.enum(['system', 'region', 'municipality', 'organization']),
  regionId: z.string().nullable(),
  municipalityId: z.string().nullable(),
  fields: z.array(ZField),
  archived: z.boolean(),
  assignmentCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
});

export const ZCounts = z.object({
  total: z.number(),
  pending: z.number(),
  draft: z.number(),
  submitted: z.number(),
  accepted: z.number(),
  returned: z.number(),
  reminded: z.number(),
});

export const ZAssignment = z.object({
  id: z.string(),
  formId: z.string(),
  formName: z.string(),
  title: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueOn: z.string(),
  createdAt: z.string(),
  counts: ZCounts,
});

export const ZAssignmentCard = ZAssignment.extend({
  fields: z.array(ZField),
  canReview: z.boolean(),
  organizations: z.array(
    z.object({
      submissionId: z.string(),
      organizationId: z.string(),
      organizationName: z.string(),
      status: z.enum(STATUSES),
      savedAt: z.string().nullable(),
      submittedAt: z.string().nullable(),
      reviewedAt: z.string().nullable(),
      reviewComment: z.string().nullable(),
      remindedAt: z.string().nullable(),
    }),
  ),
});

export const ZValue = z.union([z.string().max(5000), z.number().finite(), z.boolean(), z.null()]);
export const ZValues = z.record(z.string().max(60), ZValue);

export const ZSubmissionHead = z.object({
  id: z.string(),
  assignment: z.object({
    id: z.string(),
    title: z.string(),
    formName: z.string(),
    description: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    dueOn: z.string(),
  }),
  organization: z.object({ id: z.string(), name: z.string() }),
  status: z.enum(STATUSES),
  version: z.number(),
  savedAt: z.string().nullable(),
  savedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  remindedAt: z.string().nullable(),
  permissions: z.object({ edit: z.boolean(), review: z.boolean() }),
});
export const ZSubmission = ZSubmissionHead.extend({ fields: z.array(ZField), values: ZValues });

export const ZId = z.object({ id: z.uuid() });

export const ZMeasureCodes = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      field: z
        .object({
          label: z.string(),
          type: z.enum(['integer', 'number', 'percent']),
          hint: z.string(),
        })
        .nullable(),
      indicators: z.array(z.string()),
    }),
  ),
});

export const ZFormPatch = ZFormInput.partial().extend({ archived: z.boolean().optional() });

export const ZAssignmentInput = z.object({
  title: z.string().trim().min(3, 'Название — не короче 3 знаков').max(300),
  periodStart: Day,
  periodEnd: Day,
  dueOn: Day,
  organizationIds: z.array(z.uuid()).min(1, 'Выберите хотя бы одну организацию').max(5000),
});

export const ZDraft = z.object({ values: ZValues, version: z.number().int().min(0) });
