import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../platform/http/types.ts';
import {
  ZNotification,
  ZNotificationList,
  ZNotificationsQuery,
  ZOutbox,
  ZOutboxQuery,
  ZPreferences,
  ZPreferencesInput,
  ZReadAll,
  ZReminded,
  ZResent,
} from './notifications.schemas.ts';
import {
  listMyNotifications,
  myPreferences,
  readAllNotifications,
  readNotification,
  readOutbox,
  remindCampaignParticipants,
  resendUnsentLetters,
  saveMyPreferences,
} from './notifications.service.ts';

const tags = ['notifications'];
const ZId = z.object({ id: z.uuid() });

/** The caller's notifications and e-mail preferences, the admin's outbox, reminders of a campaign. */
export function registerNotificationRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: 'Мои уведомления (новые сверху) и число непрочитанных',
        querystring: ZNotificationsQuery,
        response: { 200: ZNotificationList },
      },
    },
    async (request) => listMyNotifications(db, actorOf(request), request.query),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Отметить уведомление прочитанным',
        params: ZId,
        response: { 200: ZNotification },
      },
    },
    async (request) => readNotification(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Отметить все мои уведомления прочитанными',
        response: { 200: ZReadAll },
      },
    },
    async (request) => readAllNotifications(db, actorOf(request)),
  );

  app.get(
    '/api/notifications/preferences',
    {
      schema: {
        tags,
        summary: 'Какие уведомления приходят мне на почту: сразу, в ежедневной сводке или не приходят',
        response: { 200: ZPreferences },
      },
    },
    async (request) => myPreferences(db, actorOf(request)),
  );

  app.put(
    '/api/notifications/preferences',
    {
      schema: {
        tags,
        summary: 'Изменить доставку уведомлений на почту по видам',
        body: ZPreferencesInput,
        response: { 200: ZPreferences },
      },
    },
    async (request) => saveMyPreferences(db, actorOf(request), request.body.items),
  );

  app.get(
    '/api/notifications/outbox',
    {
      schema: {
        tags,
        summary: 'Почтовый журнал: все письма платформы и их отправка (только администратор)',
        querystring: ZOutboxQuery,
        response: { 200: ZOutbox },
      },
    },
    async (request) => readOutbox(db, actorOf(request), request.query),
  );

  app.post(
    '/api/notifications/outbox/resend',
    {
      schema: {
        tags,
        summary:
          'Отправить заново неотправленные письма последней недели (только администратор, нужен почтовый сервер)',
        body: z.object({}).optional(),
        response: { 200: ZResent },
      },
    },
    async (request) => resendUnsentLetters(db, actorOf(request)),
  );

  app.post(
    '/api/assessment-campaigns/:id/remind',
    {
      schema: {
        tags,
        summary: 'Напомнить участникам, которые ещё не начали диагностику (не чаще раза в день)',
        params: ZId,
        response: { 200: ZReminded },
      },
    },
    async (request) => remindCampaignParticipants(db, actorOf(request), request.params.id),
  );
}
