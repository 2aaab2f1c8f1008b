import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import {
  addCompetency,
  addGroup,
  copyFramework,
  editCompetency,
  editFramework,
  editGroup,
  getFrameworkView,
  listFrameworkViews,
  loadFrameworkPreset,
  removeCompetency,
  removeGroup,
} from './frameworks.service.ts';

const ZCompetency = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  position: z.number(),
});
export const ZFramework = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  audience: z.string(),
  ownerLevel: z.enum(['system', 'region', 'municipality', 'organization']),
  regionId: z.string().nullable(),
  municipalityId: z.string().nullable(),
  deficitBelow: z.number(),
  partialBelow: z.number(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
  groups: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      position: z.number(),
      competencies: z.array(ZCompetency),
    }),
  ),
});

const ZCode = z
  .string()
  .trim()
  .min(1)
  .max(30)
  .regex(/^[A-Za-z0-9_.-]+$/, 'Код: латинские буквы, цифры, «-», «_», «.»');
const ZPercent = z.number().min(0).max(100);
const ZId = z.object({ id: z.uuid() });
const ZGroupBody = z.object({
  code: ZCode,
  name: z.string().trim().min(2).max(200),
  position: z.number().int().min(0).max(1000).optional(),
});
const ZCompetencyBody = z.object({
  groupId: z.uuid(),
  code: ZCode,
  name: z.string().trim().min(2).max(300),
  description: z.string().trim().max(2000).optional(),
  position: z.number().int().min(0).max(1000).optional(),
});

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
        response: { 200: z.object({ items: z.array(ZFramework) }) },
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
        body: z
          .object({
            name: z.string().trim().min(3).max(300).optional(),
            regionId: z.uuid().optional(),
            municipalityId: z.uuid().optional(),
          })
          .default({}),
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
        body: z.object({
          name: z.string().trim().min(3).max(300).optional(),
          description: z.string().trim().max(4000).optional(),
          deficitBelow: ZPercent.optional(),
          partialBelow: ZPercent.optional(),
        }),
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
