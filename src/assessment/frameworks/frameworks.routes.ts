import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import {
  addCompetency,
  addGroup,
  editCompetency,
  editGroup,
  removeCompetency,
  removeGroup,
} from './framework-tree.service.ts';
import {
  ZCompetencyBody,
  ZFramework,
  ZFrameworkCopy,
  ZFrameworkEdit,
  ZFrameworkList,
  ZFrameworkPresetList,
  ZGroupBody,
} from './frameworks.schemas.ts';
import {
  copyFramework,
  editFramework,
  getFrameworkView,
  listFrameworkPresets,
  listFrameworkViews,
  loadFrameworkPreset,
} from './frameworks.service.ts';

const ZId = z.object({ id: z.uuid() });
const tags = ['assessment'];

export function registerFrameworkRoutes(app: App, { db }: AppDeps): void {
  const view = (request: { params: { id: string } }, actor: ReturnType<typeof actorOf>) =>
    getFrameworkView(db, actor, request.params.id);

  app.get(
    '/api/competency-frameworks',
    {
      schema: {
        tags,
        summary: 'Карты компетенций с группами и компетенциями',
        response: { 200: ZFrameworkList },
      },
    },
    async (request) => ({ items: await listFrameworkViews(db, actorOf(request)) }),
  );

  app.get(
    '/api/competency-frameworks/:id',
    {
      schema: { tags, summary: 'Карта компетенций', params: ZId, response: { 200: ZFramework } },
    },
    async (request) => view(request, actorOf(request)),
  );

  app.get(
    '/api/competency-frameworks/presets',
    {
      schema: {
        tags,
        summary: 'Типовые карты компетенций, которые можно загрузить одной кнопкой, и загружены ли они',
        response: { 200: ZFrameworkPresetList },
      },
    },
    async (request) => listFrameworkPresets(db, actorOf(request)),
  );

  app.post(
    '/api/competency-frameworks/presets/:code',
    {
      schema: {
        tags,
        summary: 'Загрузить типовую карту компетенций (повторная загрузка не создаёт дубликат)',
        params: z.object({ code: z.string().max(100) }),
        response: { 200: ZFramework, 201: ZFramework },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id, created } = await loadFrameworkPreset(db, actor, request.params.code);
      return reply.status(created ? 201 : 200).send(await getFrameworkView(db, actor, id));
    },
  );

  app.post(
    '/api/competency-frameworks/:id/copy',
    {
      schema: {
        tags,
        summary: 'Скопировать карту компетенций в свой регион или муниципалитет',
        params: ZId,
        body: ZFrameworkCopy,
        response: { 201: ZFramework },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await copyFramework(db, actor, request.params.id, request.body);
      return reply.status(201).send(await getFrameworkView(db, actor, id));
    },
  );

  app.patch(
    '/api/competency-frameworks/:id',
    {
      schema: {
        tags,
        summary: 'Изменить название, описание и пороги дефицита',
        params: ZId,
        body: ZFrameworkEdit,
        response: { 200: ZFramework },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await editFramework(db, actor, request.params.id, request.body);
      return view(request, actor);
    },
  );

  app.post(
    '/api/competency-frameworks/:id/groups',
    {
      schema: {
        tags,
        summary: 'Добавить группу компетенций',
        params: ZId,
        body: ZGroupBody,
        response: { 201: ZFramework },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await addGroup(db, actor, request.params.id, request.body);
      return reply.status(201).send(await view(request, actor));
    },
  );

  const ZGroupParams = z.object({ id: z.uuid(), groupId: z.uuid() });
  app.patch(
    '/api/competency-frameworks/:id/groups/:groupId',
    {
      schema: {
        tags,
        summary: 'Изменить группу компетенций',
        params: ZGroupParams,
        body: ZGroupBody.partial(),
        response: { 200: ZFramework },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await editGroup(db, actor, request.params.id, request.params.groupId, request.body);
      return view(request, actor);
    },
  );

  app.delete(
    '/api/competency-frameworks/:id/groups/:groupId',
    {
      schema: {
        tags,
        summary: 'Удалить группу компетенций вместе с её компетенциями',
        params: ZGroupParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeGroup(db, actorOf(request), request.params.id, request.params.groupId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/competency-frameworks/:id/competencies',
    {
      schema: {
        tags,
        summary: 'Добавить компетенцию',
        params: ZId,
        body: ZCompetencyBody,
        response: { 201: ZFramework },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await addCompetency(db, actor, request.params.id, request.body);
      return reply.status(201).send(await view(request, actor));
    },
  );

  const ZCompetencyParams = z.object({ id: z.uuid(), competencyId: z.uuid() });
  app.patch(
    '/api/competency-frameworks/:id/competencies/:competencyId',
    {
      schema: {
        tags,
        summary: 'Изменить компетенцию',
        params: ZCompetencyParams,
        body: ZCompetencyBody.partial(),
        response: { 200: ZFramework },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await editCompetency(db, actor, request.params.id, request.params.competencyId, request.body);
      return view(request, actor);
    },
  );

  app.delete(
    '/api/competency-frameworks/:id/competencies/:competencyId',
    {
      schema: {
        tags,
        summary: 'Удалить компетенцию',
        params: ZCompetencyParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removeCompetency(db, actorOf(request), request.params.id, request.params.competencyId);
      return reply.status(204).send(null);
    },
  );
}
