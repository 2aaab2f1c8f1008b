import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../platform/http/types.ts';
import { sendDownload } from '../platform/import/import-template.ts';
import {
  ZAddedMembers,
  ZAddMembers,
  ZAttendanceInput,
  ZCommunity,
  ZCommunityFields,
  ZCommunityList,
  ZCommunityPatch,
  ZCommunityQuery,
  ZCommunityReport,
  ZDecisionsInput,
  ZLeave,
  ZMeetingCard,
  ZMeetingFields,
  ZMeetingList,
  ZMemberList,
  ZMemberQuery,
  ZMembershipCard,
  ZMembershipList,
  ZMembershipQuery,
  ZNominateMembership,
  ZPlanItem,
  ZPlanItemFields,
  ZPlanItemList,
  ZSuggestionQuery,
  ZSuggestions,
  ZTrainingFields,
  ZTransition,
  ZYearQuery,
} from './communities.schemas.ts';
import {
  addMeeting,
  addMembers,
  addPlanItem,
  communityMeetings,
  communityMembers,
  communityPlan,
  communityReport,
  createCommunity,
  editCommunity,
  editMeeting,
  editPlanItem,
  exportReport,
  getCommunity,
  getMeeting,
  leaveCommunity,
  listFor,
  markAttendance,
  myCommunities,
  removeCommunity,
  removeMeeting,
  removePlanItem,
  saveDecisions,
  suggestions,
} from './communities.service.ts';
import * as ms from './memberships.service.ts';

const ZId = z.object({ id: z.uuid() });
const tags = ['communities'];
const ok204 = { 204: z.null() };

/** The communities context: associations and councils, their members, plans, meetings; memberships. */
export function registerCommunityRoutes(app: App, { db }: AppDeps): void {
  const deps = { db };

  app.get(
    '/api/communities',
    {
      schema: {
        tags,
        summary:
          'Методические объединения, советы и сообщества, видимые пользователю, с активностью за учебный год',
        querystring: ZCommunityQuery,
        response: { 200: ZCommunityList },
      },
    },
    async (request) => listFor(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/my/communities',
    {
      schema: {
        tags,
        summary: 'Мои объединения: где пользователь участник, руководитель или заместитель',
        querystring: ZYearQuery,
        response: { 200: ZCommunityList },
      },
    },
    async (request) => myCommunities(deps, actorOf(request), request.query.schoolYear),
  );

  app.post(
    '/api/communities',
    {
      schema: { tags, summary: 'Создать сообщество', body: ZCommunityFields, response: { 201: ZCommunity } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await createCommunity(deps, actor, request.body);
      return reply.status(201).send(await getCommunity(deps, actor, id));
    },
  );

  app.get(
    '/api/communities/:id',
    {
      schema: {
        tags,
        summary: 'Сообщество',
        params: ZId,
        querystring: ZYearQuery,
        response: { 200: ZCommunity },
      },
    },
    async (request) => getCommunity(deps, actorOf(request), request.params.id, request.query.schoolYear),
  );

  app.patch(
    '/api/communities/:id',
    {
      schema: {
        tags,
        summary: 'Изменить сообщество (руководитель, заместители, правило состава)',
        params: ZId,
        body: ZCommunityPatch,
        response: { 200: ZCommunity },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await editCommunity(deps, actor, request.params.id, request.body);
      return getCommunity(deps, actor, request.params.id);
    },
  );

  app.delete(
    '/api/communities/:id',
    { schema: { tags, summary: 'Удалить сообщество', params: ZId, response: ok204 } },
    async (request, reply) => {
      await removeCommunity(deps, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/communities/:id/members',
    {
      schema: {
        tags,
        summary: 'Участники (видят участники сообщества и те, кто его ведёт)',
        params: ZId,
        querystring: ZMemberQuery,
        response: { 200: ZMemberList },
      },
    },
    async (request) =>
      communityMembers(deps, actorOf(request), request.params.id, request.query.includeLeft ?? false),
  );

  app.post(
    '/api/communities/:id/members',
    {
      schema: {
        tags,
        summary: 'Добавить участников из реестра (409, если кто-то уже участник)',
        params: ZId,
        body: ZAddMembers,
        response: { 201: ZAddedMembers },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addMembers(deps, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/communities/:id/suggestions',
    {
      schema: {
        tags,
        summary: 'Предложить участников: педагоги территории по правилу сообщества, ещё не участники',
        params: ZId,
        querystring: ZSuggestionQuery,
        response: { 200: ZSuggestions },
      },
    },
    async (request) => suggestions(deps, actorOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/community-members/:id/leave',
    {
      schema: {
        tags,
        summary: 'Исключить участника (закрыть период членства)',
        params: ZId,
        body: ZLeave,
        response: ok204,
      },
    },
    async (request, reply) => {
      await leaveCommunity(deps, actorOf(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/communities/:id/plan',
    {
      schema: {
        tags,
        summary: 'План работы на учебный год',
        params: ZId,
        querystring: ZYearQuery,
        response: { 200: ZPlanItemList },
      },
    },
    async (request) => communityPlan(deps, actorOf(request), request.params.id, request.query.schoolYear),
  );

  app.post(
    '/api/communities/:id/plan',
    {
      schema: {
        tags,
        summary: 'Добавить пункт плана работы',
        params: ZId,
        body: ZPlanItemFields,
        response: { 201: ZPlanItem },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addPlanItem(deps, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/community-plan-items/:id',
    {
      schema: {
        tags,
        summary: 'Изменить пункт плана работы (в том числе отметить выполненным)',
        params: ZId,
        body: ZPlanItemFields.partial(),
        response: { 200: ZPlanItem },
      },
    },
    async (request) => editPlanItem(deps, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/community-plan-items/:id',
    { schema: { tags, summary: 'Удалить пункт плана работы', params: ZId, response: ok204 } },
    async (request, reply) => {
      await removePlanItem(deps, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/communities/:id/meetings',
    {
      schema: {
        tags,
        summary: 'Заседания за учебный год',
        params: ZId,
        querystring: ZYearQuery,
        response: { 200: ZMeetingList },
      },
    },
    async (request) => communityMeetings(deps, actorOf(request), request.params.id, request.query.schoolYear),
  );

  app.post(
    '/api/communities/:id/meetings',
    {
      schema: {
        tags,
        summary: 'Добавить заседание',
        params: ZId,
        body: ZMeetingFields,
        response: { 201: ZMeetingCard },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await addMeeting(deps, actor, request.params.id, request.body);
      return reply.status(201).send(await getMeeting(deps, actor, id));
    },
  );

  app.get(
    '/api/community-meetings/:id',
    {
      schema: {
        tags,
        summary: 'Заседание: повестка, присутствие, протокол',
        params: ZId,
        response: { 200: ZMeetingCard },
      },
    },
    async (request) => getMeeting(deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/community-meetings/:id',
    {
      schema: {
        tags,
        summary: 'Изменить заседание (дата, повестка, статус, текст протокола)',
        params: ZId,
        body: ZMeetingFields.partial(),
        response: { 200: ZMeetingCard },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await editMeeting(deps, actor, request.params.id, request.body);
      return getMeeting(deps, actor, request.params.id);
    },
  );

  app.delete(
    '/api/community-meetings/:id',
    { schema: { tags, summary: 'Удалить заседание', params: ZId, response: ok204 } },
    async (request, reply) => {
      await removeMeeting(deps, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/community-meetings/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Отметить присутствовавших участников (проведённое заседание)',
        params: ZId,
        body: ZAttendanceInput,
        response: { 200: ZMeetingCard },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await markAttendance(deps, actor, request.params.id, request.body.present);
      return getMeeting(deps, actor, request.params.id);
    },
  );

  app.put(
    '/api/community-meetings/:id/decisions',
    {
      schema: {
        tags,
        summary: 'Решения протокола: ответственный и срок (заменяет список)',
        params: ZId,
        body: ZDecisionsInput,
        response: { 200: ZMeetingCard },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await saveDecisions(deps, actor, request.params.id, request.body.decisions);
      return getMeeting(deps, actor, request.params.id);
    },
  );

  app.get(
    '/api/communities/:id/report',
    {
      schema: {
        tags,
        summary: 'Отчёт за учебный год: заседания проведено / запланировано, участники, активные участники',
        params: ZId,
        querystring: ZYearQuery,
        response: { 200: ZCommunityReport },
      },
    },
    async (request) => communityReport(deps, actorOf(request), request.params.id, request.query.schoolYear),
  );

  app.get(
    '/api/communities/:id/report/export',
    { schema: { tags, summary: 'Отчёт за учебный год в XLSX', params: ZId, querystring: ZYearQuery } },
    async (request, reply) =>
      sendDownload(
        reply,
        await exportReport(deps, actorOf(request), request.params.id, request.query.schoolYear),
      ),
  );

  // ---- memberships: актив, эксперты, резерв, тьюторы ----

  app.get(
    '/api/memberships',
    {
      schema: {
        tags,
        summary: 'Методический актив, экспертное сообщество, кадровый резерв, тьюторы (фильтры)',
        querystring: ZMembershipQuery,
        response: { 200: ZMembershipList },
      },
    },
    async (request) => ms.listFor(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/memberships/export',
    { schema: { tags, summary: 'Выгрузка списка в XLSX', querystring: ZMembershipQuery } },
    async (request, reply) =>
      sendDownload(reply, await ms.exportMemberships(deps, actorOf(request), request.query)),
  );

  app.post(
    '/api/memberships',
    {
      schema: {
        tags,
        summary: 'Выдвинуть педагога (руководитель ОО — своих сотрудников, методист — из муниципалитета)',
        body: ZNominateMembership,
        response: { 201: ZMembershipCard },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await ms.nominate(deps, actor, request.body);
      return reply.status(201).send(await ms.getMembership(deps, actor, id));
    },
  );

  app.get(
    '/api/memberships/:id',
    {
      schema: {
        tags,
        summary: 'Запись о членстве: история и план подготовки',
        params: ZId,
        response: { 200: ZMembershipCard },
      },
    },
    async (request) => ms.getMembership(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/memberships/:id/transition',
    {
      schema: {
        tags,
        summary: 'Утвердить, отклонить, ввести в действие или завершить',
        params: ZId,
        body: ZTransition,
        response: { 200: ZMembershipCard },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await ms.transition(deps, actor, request.params.id, request.body);
      return ms.getMembership(deps, actor, request.params.id);
    },
  );

  app.post(
    '/api/memberships/:id/training',
    {
      schema: {
        tags,
        summary: 'Добавить пункт плана подготовки резервиста',
        params: ZId,
        body: ZTrainingFields,
        response: { 201: ZMembershipCard },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await ms.addTrainingItem(deps, actor, request.params.id, request.body);
      return reply.status(201).send(await ms.getMembership(deps, actor, request.params.id));
    },
  );

  app.patch(
    '/api/membership-training/:id',
    {
      schema: {
        tags,
        summary: 'Изменить пункт плана подготовки (отметить выполненным)',
        params: ZId,
        body: ZTrainingFields.partial(),
        response: { 200: ZMembershipCard },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const membershipId = await ms.editTrainingItem(deps, actor, request.params.id, request.body);
      return ms.getMembership(deps, actor, membershipId);
    },
  );

  app.delete(
    '/api/membership-training/:id',
    { schema: { tags, summary: 'Удалить пункт плана подготовки', params: ZId, response: ok204 } },
    async (request, reply) => {
      await ms.removeTrainingItem(deps, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
