import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { ZForm, ZFormInput, ZFormPatch, ZId, ZMeasureCodes } from './forms.schemas.ts';
import { createForm, getForm, listForms, measureCodes, updateForm } from './forms.service.ts';

const tags = ['monitoring'];

/** The form builder: forms of the caller's territory and above, created and changed by their owners. */
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
        response: { 200: ZMeasureCodes },
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
        body: ZFormPatch,
        response: { 200: ZForm },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await updateForm(db, actor, request.params.id, request.body);
      return getForm(db, actor, request.params.id);
    },
  );
}
