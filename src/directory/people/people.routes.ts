import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import {
  ZEmploymentFields,
  ZEmploymentInput,
  ZPersonCard,
  ZPersonCreate,
  ZPersonFields,
} from './people.schemas.ts';
import {
  addEmployment,
  createPerson,
  editEmployment,
  editPerson,
  finishEmployment,
  getPersonCard,
} from './people.service.ts';

const ZId = z.object({ id: z.uuid() });

export function registerPeopleRoutes(app: App, { db }: AppDeps): void {
  const deps = { db };

  app.get(
    '/api/people/:id',
    {
      schema: {
        tags: ['directory'],
        summary: 'Карточка сотрудника: сведения, места работы, квалификация, история изменений',
        params: ZId,
        response: { 200: ZPersonCard },
      },
    },
    async (request) => getPersonCard(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/people',
    {
      schema: {
        tags: ['directory'],
        summary: 'Добавить сотрудника с местом работы',
        body: ZPersonCreate,
        response: { 201: ZPersonCard },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await createPerson(deps, actor, request.body);
      return reply.status(201).send(await getPersonCard(deps, actor, id));
    },
  );

  app.patch(
    '/api/people/:id',
    {
      schema: {
        tags: ['directory'],
        summary: 'Изменить сведения о сотруднике (изменения попадают в журнал)',
        params: ZId,
        body: ZPersonFields.partial(),
        response: { 200: ZPersonCard },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await editPerson(deps, actor, request.params.id, request.body);
      return getPersonCard(deps, actor, request.params.id);
    },
  );

  app.post(
    '/api/people/:id/employments',
    {
      schema: {
        tags: ['directory'],
        summary: 'Добавить место работы',
        params: ZId,
        body: ZEmploymentInput,
        response: { 201: ZPersonCard },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await addEmployment(deps, actor, request.params.id, request.body);
      return reply.status(201).send(await getPersonCard(deps, actor, request.params.id));
    },
  );

  app.patch(
    '/api/employments/:id',
    {
      schema: {
        tags: ['directory'],
        summary: 'Изменить место работы',
        params: ZId,
        body: ZEmploymentFields.partial(),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await editEmployment(deps, actorOf(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/employments/:id/end',
    {
      schema: {
        tags: ['directory'],
        summary: 'Завершить место работы (увольнение, окончание совместительства)',
        params: ZId,
        body: z.object({ endDate: z.iso.date() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await finishEmployment(deps, actorOf(request), request.params.id, request.body.endDate);
      return reply.status(204).send(null);
    },
  );
}
