/*
 * Data-collection forms (issue 4 contract, section 5). Additions to the contract (nothing renamed):
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
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { sendDownload } from '../../platform/import/import-template.ts';
import { FIELD_TYPES } from './form-fields.ts';
import {
  acceptSubmission,
  assignForm,
  createForm,
  exportAssignment,
  getAssignment,
  getForm,
  getSubmission,
  listAssignments,
  listForms,
  measureCodes,
  mySubmissions,
  remind,
  returnSubmission,
  saveSubmission,
  submitSubmission,
  updateForm,
} from './forms.service.ts';

const tags = ['monitoring'];
const STATUSES = ['pending', 'draft', 'submitted', 'accepted', 'returned'] as const;
const Day = z.iso.date();

const ZField = z.object({
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

const ZFormInput = z.object({
  name: z.string().trim().min(3, 'Название — не короче 3 знаков').max(300),
  description: z.string().max(5000).optional(),
  fields: z.array(ZField).max(200),
});

const ZForm = z.object({
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

const ZCounts = z.object({
  total: z.number(),
  pending: z.number(),
  draft: z.number(),
  submitted: z.number(),
  accepted: z.number(),
  returned: z.number(),
  reminded: z.number(),
});

const ZAssignment = z.object({
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

const ZAssignmentCard = ZAssignment.extend({
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

const ZValue = z.union([z.string().max(5000), z.number().finite(), z.boolean(), z.null()]);
const ZValues = z.record(z.string().max(60), ZValue);

const ZSubmissionHead = z.object({
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
const ZSubmission = ZSubmissionHead.extend({ fields: z.array(ZField), values: ZValues });

const ZId = z.object({ id: z.uuid() });

export function registerFormRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/forms',
    {
      schema: {
        tags,
        summary: 'Формы сбора данных своей территории и вышестоящих',
        response: { 200: z.object({ items: z.array(ZForm) }) },
      },
    },
    async (request) => ({ items: await listForms(db, actorOf(request)) }),
  );

  app.post(
    '/api/forms',
    {
      schema: {
        tags,
        summary: 'Создать форму сбора данных (уровень — по роли создателя)',
        body: ZFormInput,
        response: { 201: ZForm },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await createForm(db, actor, request.body);
      return reply.status(201).send(await getForm(db, actor, id));
    },
  );

  app.get(
    '/api/forms/measure-codes',
    {
      schema: {
        tags,
        summary: 'Ручные меры наборов показателей, которые может питать поле формы',
        response: {
          200: z.object({
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
          }),
        },
      },
    },
    async (request) => ({ items: await measureCodes(db, actorOf(request)) }),
  );

  app.get(
    '/api/forms/:id',
    { schema: { tags, summary: 'Форма сбора данных', params: ZId, response: { 200: ZForm } } },
    async (request) => getForm(db, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/forms/:id',
    {
      schema: {
        tags,
        summary: 'Изменить форму (назначенные раньше сохраняют свои поля)',
        params: ZId,
        body: ZFormInput.partial().extend({ archived: z.boolean().optional() }),
        response: { 200: ZForm },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await updateForm(db, actor, request.params.id, request.body);
      return getForm(db, actor, request.params.id);
    },
  );

  app.post(
    '/api/forms/:id/assignments',
    {
      schema: {
        tags,
        summary: 'Назначить форму организациям на период со сроком сдачи',
        params: ZId,
        body: z.object({
          title: z.string().trim().min(3, 'Название — не короче 3 знаков').max(300),
          periodStart: Day,
          periodEnd: Day,
          dueOn: Day,
          organizationIds: z.array(z.uuid()).min(1, 'Выберите хотя бы одну организацию').max(5000),
        }),
        response: { 201: ZAssignmentCard },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await assignForm(db, actor, request.params.id, request.body);
      return reply.status(201).send(await getAssignment(db, actor, id));
    },
  );

  app.get(
    '/api/form-assignments',
    {
      schema: {
        tags,
        summary: 'Назначенные формы и ход их заполнения',
        querystring: z.object({ formId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(ZAssignment) }) },
      },
    },
    async (request) => ({ items: await listAssignments(db, actorOf(request), request.query) }),
  );

  app.get(
    '/api/form-assignments/:id',
    {
      schema: {
        tags,
        summary: 'Назначение формы: статус по каждой организации',
        params: ZId,
        response: { 200: ZAssignmentCard },
      },
    },
    async (request) => getAssignment(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/form-assignments/:id/remind',
    {
      schema: {
        tags,
        summary: 'Напомнить организациям, не отправившим ответ (уведомление в их списке форм)',
        params: ZId,
        body: z.object({ organizationIds: z.array(z.uuid()).max(5000).optional() }),
        response: { 200: z.object({ reminded: z.number() }) },
      },
    },
    async (request) => remind(db, actorOf(request), request.params.id, request.body.organizationIds),
  );

  app.get(
    '/api/form-assignments/:id/export',
    {
      schema: {
        tags,
        summary: 'Ответы организаций в XLSX',
        params: ZId,
        querystring: z.object({ format: z.enum(['xlsx']).default('xlsx') }),
      },
    },
    async (request, reply) =>
      sendDownload(reply, await exportAssignment(db, actorOf(request), request.params.id)),
  );

  app.get(
    '/api/my/form-submissions',
    {
      schema: {
        tags,
        summary: 'Формы для заполнения: ответы моей организации',
        response: { 200: z.object({ items: z.array(ZSubmissionHead) }) },
      },
    },
    async (request) => ({ items: await mySubmissions(db, actorOf(request)) }),
  );

  app.get(
    '/api/form-submissions/:id',
    { schema: { tags, summary: 'Ответ организации на форму', params: ZId, response: { 200: ZSubmission } } },
    async (request) => getSubmission(db, actorOf(request), request.params.id),
  );

  app.put(
    '/api/form-submissions/:id',
    {
      schema: {
        tags,
        summary: 'Сохранить черновик (409 при устаревшей версии — с текущими значениями)',
        params: ZId,
        body: z.object({ values: ZValues, version: z.number().int().min(0) }),
        response: { 200: ZSubmission },
      },
    },
    async (request) =>
      saveSubmission(db, actorOf(request), request.params.id, request.body.values, request.body.version),
  );

  app.post(
    '/api/form-submissions/:id/submit',
    {
      schema: {
        tags,
        summary: 'Отправить ответ на проверку (все поля проверяются)',
        params: ZId,
        body: z
          .object({ values: ZValues, version: z.number().int().min(0) })
          .partial()
          .optional(),
        response: { 200: ZSubmission },
      },
    },
    async (request) => {
      const b = request.body;
      const draft =
        b?.values && b.version !== undefined ? { values: b.values, version: b.version } : undefined;
      return submitSubmission(db, actorOf(request), request.params.id, draft);
    },
  );

  app.post(
    '/api/form-submissions/:id/accept',
    { schema: { tags, summary: 'Принять ответ', params: ZId, response: { 200: ZSubmission } } },
    async (request) => acceptSubmission(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/form-submissions/:id/return',
    {
      schema: {
        tags,
        summary: 'Вернуть ответ на доработку с комментарием',
        params: ZId,
        body: z.object({ comment: z.string().trim().min(3, 'Напишите, что исправить').max(2000) }),
        response: { 200: ZSubmission },
      },
    },
    async (request) => returnSubmission(db, actorOf(request), request.params.id, request.body.comment),
  );
}
