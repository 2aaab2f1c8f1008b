import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { ZCalendar, ZCalendarQuery, ZFeedCreated, ZFeedState, ZRangeQuery } from './calendar.schemas.ts';
import {
  type CalendarDeps,
  createFeed,
  FEED_PATH,
  feedCalendar,
  feedState,
  personalCalendar,
  removeFeed,
  territoryCalendar,
} from './calendar.service.ts';

const tags = ['events'];

/** The calendar of events: the territory's, the caller's own, and the iCal feed behind a secret link. */
export function registerCalendarRoutes(app: App, { db, config }: AppDeps, extra: Partial<CalendarDeps> = {}) {
  const deps: CalendarDeps = { db, ...extra };
  const origin = (request: FastifyRequest) => config.publicUrl ?? `${request.protocol}://${request.host}`;

  app.get(
    '/api/events/calendar',
    {
      schema: {
        tags,
        summary: 'Календарь мероприятий утверждённых планов территории (с отметкой о своей регистрации)',
        querystring: ZCalendarQuery,
        response: { 200: ZCalendar },
      },
    },
    async (request) => territoryCalendar(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/events/calendar/mine',
    {
      schema: {
        tags,
        summary: 'Мой календарь: мероприятия, на которые я зарегистрирован, и мероприятия моих маршрутов',
        querystring: ZRangeQuery,
        response: { 200: ZCalendar },
      },
    },
    async (request) => personalCalendar(deps, actorOf(request), request.query),
  );

  app.get(
    FEED_PATH,
    {
      schema: {
        tags,
        summary: 'Есть ли у меня ссылка на календарь (iCal)',
        response: { 200: ZFeedState },
      },
    },
    async (request) => feedState(deps, actorOf(request)),
  );

  app.post(
    FEED_PATH,
    {
      schema: {
        tags,
        summary: 'Создать секретную ссылку на мой календарь (iCal); прежняя перестаёт работать',
        response: { 201: ZFeedCreated },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createFeed(deps, actorOf(request), origin(request))),
  );

  app.delete(
    FEED_PATH,
    {
      schema: { tags, summary: 'Отключить ссылку на календарь', response: { 204: z.null() } },
    },
    async (request, reply) => {
      await removeFeed(deps, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${FEED_PATH}/:token.ics`,
    {
      config: { auth: false },
      schema: {
        tags,
        summary: 'Календарь iCal по секретной ссылке (для Google, Яндекс, Outlook, Apple)',
        params: z.object({ token: z.string().min(20).max(100) }),
      },
    },
    async (request, reply) => {
      const body = await feedCalendar(deps, request.params.token, origin(request));
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="marshrut.ics"')
        .header('cache-control', 'private, max-age=300')
        .send(body);
    },
  );
}
