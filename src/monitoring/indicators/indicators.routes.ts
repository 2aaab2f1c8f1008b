import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { copySet, createSet, deleteSet, getSet, listSets, updateSet } from './indicator-sets.service.ts';
import { setValues } from './indicator-values.service.ts';
import {
  ZCreated,
  ZFormulaCheck,
  ZId,
  ZIndicator,
  ZIndicatorFields,
  ZIndicatorPatch,
  ZMeasures,
  ZSet,
  ZSetCard,
  ZSetCopy,
  ZSetCreate,
  ZSetList,
  ZSetPatch,
  ZSetValues,
  ZTargetsBody,
  ZValidateBody,
  ZValuesQuery,
} from './indicators.schemas.ts';
import {
  addIndicator,
  checkIndicatorFormula,
  deleteIndicator,
  listMeasures,
  setTargets,
  updateIndicator,
} from './indicators.service.ts';

const tags = ['monitoring'];

export function registerIndicatorSetRoutes(app: App, { db }: AppDeps): void {
  const deps = { db };

  app.get(
    '/api/measures',
    {
      schema: {
        tags,
        summary: 'Меры, из которых строятся формулы показателей (и известные ручные меры)',
        response: { 200: ZMeasures },
      },
    },
    async (request) => listMeasures(actorOf(request)),
  );

  app.get(
    '/api/indicator-sets',
    { schema: { tags, summary: 'Наборы показателей, видимые пользователю', response: { 200: ZSetList } } },
    async (request) => listSets(deps, actorOf(request)),
  );

  app.get(
    '/api/indicator-sets/:id',
    {
      schema: {
        tags,
        summary: 'Набор показателей: показатели с целями, график мониторинга',
        params: ZId,
        response: { 200: ZSetCard },
      },
    },
    async (request) => getSet(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/indicator-sets',
    {
      schema: {
        tags,
        summary: 'Создать пустой набор показателей своей территории',
        body: ZSetCreate,
        response: { 201: ZCreated },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ id: await createSet(deps, actorOf(request), request.body) }),
  );

  app.post(
    '/api/indicator-sets/:id/copy',
    {
      schema: {
        tags,
        summary: 'Копировать набор (с показателями, целями и графиком) на свою территорию',
        params: ZId,
        body: ZSetCopy,
        response: { 201: ZCreated },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ id: await copySet(deps, actorOf(request), request.params.id, request.body) }),
  );

  app.patch(
    '/api/indicator-sets/:id',
    {
      schema: {
        tags,
        summary: 'Изменить название, код или описание набора',
        params: ZId,
        body: ZSetPatch,
        response: { 200: ZSet },
      },
    },
    async (request) => updateSet(deps, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/indicator-sets/:id',
    {
      schema: {
        tags,
        summary: 'Удалить набор (нельзя, если по нему есть мониторинг)',
        params: ZId,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteSet(deps, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/indicator-sets/:id/indicators',
    {
      schema: {
        tags,
        summary: 'Добавить показатель в набор',
        params: ZId,
        body: ZIndicatorFields,
        response: { 201: ZIndicator },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addIndicator(deps, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/indicators/:id',
    {
      schema: {
        tags,
        summary: 'Изменить показатель',
        params: ZId,
        body: ZIndicatorPatch,
        response: { 200: ZIndicator },
      },
    },
    async (request) => updateIndicator(deps, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/indicators/:id',
    { schema: { tags, summary: 'Удалить показатель', params: ZId, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteIndicator(deps, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/indicators/:id/targets',
    {
      schema: {
        tags,
        summary: 'Целевые значения показателя по годам',
        params: ZId,
        body: ZTargetsBody,
        response: { 200: ZIndicator },
      },
    },
    async (request) => setTargets(deps, actorOf(request), request.params.id, request.body.targets),
  );

  app.post(
    '/api/indicators/validate',
    {
      schema: {
        tags,
        summary: 'Проверить формулу показателя',
        body: ZValidateBody,
        response: { 200: ZFormulaCheck },
      },
    },
    async (request) => checkIndicatorFormula(actorOf(request), request.body.formula, request.body.population),
  );

  app.get(
    '/api/indicator-sets/:id/values',
    {
      schema: {
        tags,
        summary: 'Значения показателей набора на дату (вживую) с целями года и статусом',
        params: ZId,
        querystring: ZValuesQuery,
        response: { 200: ZSetValues },
      },
    },
    async (request) => setValues(deps, actorOf(request), request.params.id, request.query),
  );
}
