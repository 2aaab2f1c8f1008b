import { z } from 'zod';
import { emit } from '../../platform/events/events.ts';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import {
  acceptSubmission,
  getSubmission,
  mySubmissions,
  returnSubmission,
  saveSubmission,
  submitSubmission,
} from './answers.service.ts';
import { ZDraft, ZId, ZSubmission, ZSubmissionHead } from './forms.schemas.ts';

const tags = ['monitoring'];

/** Answers: the school head's drafts and submit; the methodist's accept and return. */
export function registerAnswerRoutes(app: App, { db }: AppDeps): void {
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
        body: ZDraft,
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
        body: ZDraft.partial().optional(),
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
    async (request) => {
      const actor = actorOf(request);
      const answer = await returnSubmission(db, actor, request.params.id, request.body.comment);
      await emit('monitoring.submission-returned', { submissionId: request.params.id }, { db, actor });
      return answer;
    },
  );
}
