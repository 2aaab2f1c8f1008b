import { z } from 'zod';
import { emit } from '../../platform/events/events.ts';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { sendDownload } from '../../platform/import/import-template.ts';
import {
  assignForm,
  exportAssignment,
  getAssignment,
  listAssignments,
  remind,
} from './assignments.service.ts';
import { ZAssignment, ZAssignmentCard, ZAssignmentInput, ZId } from './forms.schemas.ts';

const tags = ['monitoring'];

/** Assignments of forms to organizations: progress per organization, reminders, export. */
export function registerAssignmentRoutes(app: App, { db }: AppDeps): void {
  app.post(
    '/api/forms/:id/assignments',
    {
      schema: {
        tags,
        summary: 'Назначить форму организациям на период со сроком сдачи',
        params: ZId,
        body: ZAssignmentInput,
        response: { 201: ZAssignmentCard },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await assignForm(db, actor, request.params.id, request.body);
      await emit('monitoring.form-assigned', { assignmentId: id }, { db, actor });
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
}
