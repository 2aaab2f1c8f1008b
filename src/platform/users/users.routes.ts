import { z } from 'zod';
import { writeAudit } from '../audit/audit.repository.ts';
import { ROLE_LABELS, ROLES, type Role } from '../auth/actor.ts';
import { deleteUserSessions, findUserById, forgetSessions, setPassword } from '../auth/auth.repository.ts';
import { startSession } from '../auth/auth.service.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { hashToken } from '../auth/tokens.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import { type App, type AppDeps, actorOf, SESSION_COOKIE } from '../http/types.ts';
import { can } from '../platform.policy.ts';
import {
  findOpenInvitation,
  listUsers,
  markInvitationUsed,
  setUserEmail,
  type UserListRow,
} from './users.repository.ts';
import { createUser, editUser, invitePerson, resetLink } from './users.service.ts';

const ZRole = z.enum(ROLES as [Role, ...Role[]]);

const ZUser = z.object({
  id: z.string(),
  /** Null: invited without an address; the invitee gives it when setting the password. */
  email: z.string().nullable(),
  fullName: z.string(),
  role: ZRole,
  roleLabel: z.string(),
  regionId: z.string().nullable(),
  municipalityId: z.string().nullable(),
  organizationId: z.string().nullable(),
  organizationName: z.string().nullable(),
  personId: z.string().nullable(),
  active: z.boolean(),
  lastLoginAt: z.string().nullable(),
});

const ZLink = z.object({ link: z.string(), expiresAt: z.string() });

function presentUser(u: UserListRow): z.infer<typeof ZUser> {
  return {
    id: u.id,
    email: u.email,
    fullName: u.full_name,
    role: u.role,
    roleLabel: ROLE_LABELS[u.role],
    regionId: u.region_id,
    municipalityId: u.municipality_id,
    organizationId: u.organization_id,
    organizationName: u.organization_name,
    personId: u.person_id,
    active: u.active,
    lastLoginAt: u.last_login_at,
  };
}

export function registerUserRoutes(app: App, deps: AppDeps): void {
  const { db } = deps;

  app.get(
    '/api/users',
    {
      schema: {
        tags: ['platform'],
        summary: 'Пользователи (администратор — все; методист и руководитель — в пределах своей области)',
        querystring: z.object({ q: z.string().trim().max(100).optional(), role: ZRole.optional() }),
        response: { 200: z.object({ items: z.array(ZUser), total: z.number() }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!can(actor, 'list', 'users')) throw forbidden();
      const rows = await listUsers(db, actor, request.query);
      return { items: rows.map(presentUser), total: rows.length };
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['platform'],
        summary: 'Создать пользователя (администратор); возвращает ссылку для установки пароля',
        body: z.object({
          email: z.email().max(200),
          fullName: z.string().trim().min(2).max(200),
          role: ZRole,
          regionId: z.uuid().nullable().default(null),
          municipalityId: z.uuid().nullable().default(null),
          organizationId: z.uuid().nullable().default(null),
          personId: z.uuid().nullable().default(null),
        }),
        response: { 201: z.object({ user: ZUser }).extend(ZLink.shape) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const created = await createUser({ db }, actor, request.body);
      const [user] = (await listUsers(db, actor, {})).filter((u) => u.id === created.id);
      return reply
        .status(201)
        .send({ user: presentUser(user!), link: created.link, expiresAt: created.expiresAt });
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['platform'],
        summary: 'Изменить роль, область доступа или отключить пользователя (администратор)',
        params: z.object({ id: z.uuid() }),
        body: z.object({
          fullName: z.string().trim().min(2).max(200).optional(),
          role: ZRole.optional(),
          regionId: z.uuid().nullable().optional(),
          municipalityId: z.uuid().nullable().optional(),
          organizationId: z.uuid().nullable().optional(),
          personId: z.uuid().nullable().optional(),
          active: z.boolean().optional(),
        }),
        response: { 200: ZUser },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await editUser({ db }, actor, request.params.id, request.body);
      const [user] = (await listUsers(db, actor, {})).filter((u) => u.id === request.params.id);
      if (!user) throw notFound();
      return presentUser(user);
    },
  );

  app.post(
    '/api/users/:id/invitation',
    {
      schema: {
        tags: ['platform'],
        summary: 'Новая ссылка для установки пароля (сброс пароля администратором)',
        params: z.object({ id: z.uuid() }),
        response: { 200: ZLink },
      },
    },
    async (request) => resetLink({ db }, actorOf(request), request.params.id),
  );

  app.post(
    '/api/invitations',
    {
      schema: {
        tags: ['platform'],
        summary: 'Пригласить сотрудника из реестра в систему (руководитель ОО, методист)',
        body: z.object({
          personId: z.uuid(),
          role: ZRole,
          email: z.email().max(200).nullable().default(null),
        }),
        response: { 201: z.object({ userId: z.string() }).extend(ZLink.shape) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await invitePerson({ db }, actorOf(request), request.body)),
  );

  app.get(
    '/api/auth/invitations/:token',
    {
      config: { auth: false },
      schema: {
        tags: ['auth'],
        summary: 'Сведения о приглашении по ссылке',
        params: z.object({ token: z.string().min(10).max(200) }),
        response: {
          200: z.object({
            email: z.string().nullable(),
            fullName: z.string(),
            /** The account has no address yet: the invitee gives it together with the password. */
            needsEmail: z.boolean(),
          }),
        },
      },
    },
    async (request) => {
      const inv = await findOpenInvitation(db, hashToken(request.params.token));
      if (!inv) throw notFound('Ссылка недействительна или устарела. Попросите выслать новую.');
      return { email: inv.email, fullName: inv.full_name, needsEmail: inv.email === null };
    },
  );

  app.post(
    '/api/auth/invitations/accept',
    {
      config: { auth: false },
      schema: {
        tags: ['auth'],
        summary: 'Установить пароль по приглашению и войти',
        body: z.object({
          token: z.string().min(10).max(200),
          password: z.string().min(1).max(200),
          /** Required when the invitation has no address (invited in bulk from the registry). */
          email: z.email('Неверный адрес электронной почты').max(200).optional(),
        }),
      },
    },
    async (request, reply) => {
      const tokenHash = hashToken(request.body.token);
      const problem = passwordProblem(request.body.password);
      if (problem) throw invalid(problem, [{ path: 'password', message: problem }]);
      const passwordHash = await hashPassword(request.body.password);
      const user = await db.transaction(async (tx) => {
        const inv = await findOpenInvitation(tx, tokenHash);
        if (!inv) throw notFound('Ссылка недействительна или устарела. Попросите выслать новую.');
        let email = inv.email;
        if (email === null) {
          const given = request.body.email?.trim();
          if (!given)
            throw invalid('Укажите адрес электронной почты: он будет логином.', [
              { path: 'email', message: 'Укажите адрес' },
            ]);
          if (!(await setUserEmail(tx, inv.user_id, given)))
            throw conflict('Этот адрес уже занят другой учётной записью: укажите другой.', {
              issues: [{ path: 'email', message: 'Адрес занят' }],
            });
          email = given;
        }
        await setPassword(tx, inv.user_id, passwordHash);
        await markInvitationUsed(tx, tokenHash);
        await deleteUserSessions(tx, inv.user_id);
        await writeAudit(tx, {
          actor: { userId: inv.user_id, email },
          action: 'password_set',
          entity: 'user',
          entityId: inv.user_id,
          ...(inv.email === null ? { after: { email } } : {}),
        });
        return (await findUserById(tx, inv.user_id))!;
      });
      forgetSessions();
      const { actor, sessionToken, expiresAt } = await startSession(deps, user, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      reply.setCookie(SESSION_COOKIE, sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.secureCookies,
        expires: expiresAt,
      });
      return {
        ...actor,
        roleLabel: ROLE_LABELS[actor.role],
      };
    },
  );
}
