import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import {
  ZContest,
  ZCriterionInput,
  ZCriterionPatch,
  ZEntry,
  ZEntryInput,
  ZEntryPatch,
  ZEntryTable,
  ZNominationInput,
  ZNominationPatch,
  ZOutcomesInput,
  ZPublishResult,
  ZResults,
  ZScoreSheetInput,
} from './contests.schemas.ts';
import {
  addCriterion,
  addNomination,
  contestResults,
  editCriterion,
  editEntry,
  editNomination,
  entryTable,
  getContest,
  publishResults,
  removeCriterion,
  removeNomination,
  saveScoreSheet,
  setOutcomes,
  submitEntry,
  withdrawEntry,
} from './contests.service.ts';

const ZId = z.object({ id: z.uuid() });
const tags = ['events'];

/** Contests: nominations, criteria, entries, the jury's score sheets, outcomes and results. */
export function registerContestRoutes(app: App, { db }: AppDeps): void {
  const deps = { db };

  app.get(
    '/api/events/:id/contest',
    {
      schema: {
        tags,
        summary: 'Конкурс: номинации, критерии, мои работы и что мне доступно',
        params: ZId,
        response: { 200: ZContest },
      },
    },
    async (request) => getContest(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/events/:id/contest/nominations',
    {
      schema: {
        tags,
        summary: 'Добавить номинацию (организатор)',
        params: ZId,
        body: ZNominationInput,
        response: { 200: ZContest },
      },
    },
    async (request) => addNomination(deps, actorOf(request), request.params.id, request.body),
  );

  app.patch(
    '/api/contest-nominations/:id',
    {
      schema: {
        tags,
        summary: 'Изменить номинацию (организатор)',
        params: ZId,
        body: ZNominationPatch,
        response: { 200: ZContest },
      },
    },
    async (request) => editNomination(deps, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/contest-nominations/:id',
    {
      schema: {
        tags,
        summary: 'Удалить номинацию без работ (организатор)',
        params: ZId,
        response: { 200: ZContest },
      },
    },
    async (request) => removeNomination(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/events/:id/contest/criteria',
    {
      schema: {
        tags,
        summary: 'Добавить критерий оценки (организатор)',
        params: ZId,
        body: ZCriterionInput,
        response: { 200: ZContest },
      },
    },
    async (request) => addCriterion(deps, actorOf(request), request.params.id, request.body),
  );

  app.patch(
    '/api/contest-criteria/:id',
    {
      schema: {
        tags,
        summary: 'Изменить критерий (организатор)',
        params: ZId,
        body: ZCriterionPatch,
        response: { 200: ZContest },
      },
    },
    async (request) => editCriterion(deps, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/contest-criteria/:id',
    {
      schema: {
        tags,
        summary: 'Удалить критерий без оценок (организатор)',
        params: ZId,
        response: { 200: ZContest },
      },
    },
    async (request) => removeCriterion(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/events/:id/contest/entries',
    {
      schema: {
        tags,
        summary:
          'Работы участников: организатору — средние баллы и предложенные итоги, члену жюри — свои оценочные листы',
        params: ZId,
        response: { 200: ZEntryTable },
      },
    },
    async (request) => entryTable(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/events/:id/contest/entries',
    {
      schema: {
        tags,
        summary: 'Подать свою работу в номинацию',
        params: ZId,
        body: ZEntryInput,
        response: { 200: ZEntry },
      },
    },
    async (request) => submitEntry(deps, actorOf(request), request.params.id, request.body),
  );

  app.patch(
    '/api/contest-entries/:id',
    {
      schema: {
        tags,
        summary: 'Изменить свою работу (до публикации итогов)',
        params: ZId,
        body: ZEntryPatch,
        response: { 200: ZEntry },
      },
    },
    async (request) => editEntry(deps, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/contest-entries/:id',
    { schema: { tags, summary: 'Отозвать свою работу (до публикации итогов)', params: ZId } },
    async (request, reply) => {
      await withdrawEntry(deps, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.put(
    '/api/contest-entries/:id/scores',
    {
      schema: {
        tags,
        summary: 'Оценочный лист члена жюри: баллы по всем критериям (до публикации итогов)',
        params: ZId,
        body: ZScoreSheetInput,
        response: { 200: ZEntryTable },
      },
    },
    async (request) => saveScoreSheet(deps, actorOf(request), request.params.id, request.body),
  );

  app.put(
    '/api/events/:id/contest/outcomes',
    {
      schema: {
        tags,
        summary: 'Итоги работ: участник, лауреат, призёр, победитель (организатор)',
        params: ZId,
        body: ZOutcomesInput,
        response: { 200: ZEntryTable },
      },
    },
    async (request) => setOutcomes(deps, actorOf(request), request.params.id, request.body.items),
  );

  app.post(
    '/api/events/:id/contest/publish',
    {
      schema: {
        tags,
        summary:
          'Опубликовать итоги: оценки замораживаются, победителям, призёрам и лауреатам выдаются дипломы',
        params: ZId,
        response: { 200: ZPublishResult },
      },
    },
    async (request) => publishResults(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/events/:id/contest/results',
    {
      schema: { tags, summary: 'Опубликованные итоги конкурса', params: ZId, response: { 200: ZResults } },
    },
    async (request) => contestResults(deps, actorOf(request), request.params.id),
  );
}
