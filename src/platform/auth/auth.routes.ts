import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { type App, type AppDeps, actorOf, SESSION_COOKIE } from '../http/types.ts';
import { type Actor, ROLE_LABELS, ROLES, type Role } from './actor.ts';
import { changePassword, login, logout } from './auth.service.ts';

export const ZMe = z.object({
  userId: z.string(),
  email: z.string(),
  fullName: z.string(),
  role: z.enum(ROLES as [Role, ...Role[]]),
  roleLabel: z.string(),
  regionId: z.string().nullable(),
  municipalityId: z.string().nullable(),
  organizationId: z.string().nullable(),
  personId: z.string().nullable(),
});

/**
 * What the caller may do, context by context. The contexts' policies live above platform, so the
 * server passes their composition in (src/server/capabilities.ts); platform only serves it.
 */
/** Per context, its flags (and, where a flag is not enough, a list such as the roles one may hand out). */
export type CapabilityFlags = Record<string, Record<string, boolean | readonly string[]>>;

export interface CapabilitiesOption {
  schema: z.ZodType<CapabilityFlags>;
  /** Mostly the role's; a few found in the data (a school psychologist, a council's member). */
  of(actor: Actor, db: Db): CapabilityFlags | Promise<CapabilityFlags>;
}

export function registerAuthRoutes(
  app: App,
  deps: AppDeps,
  opts: { capabilities: CapabilitiesOption },
): void {
  const ZMeWithCapabilities = ZMe.extend({ capabilities: opts.capabilities.schema });
  const present = async (actor: Actor) => ({
    ...actor,
    roleLabel: ROLE_LABELS[actor.role],
    capabilities: await opts.capabilities.of(actor, deps.db),
  });
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.secureCookies,
  };

  app.post(
    '/api/auth/login',
    {
      config: { auth: false },
      schema: {
        tags: ['auth'],
        summary: 'Вход по адресу электронной почты и паролю',
        body: z.object({ email: z.string().trim().min(3).max(200), password: z.string().min(1).max(200) }),
        response: { 200: ZMeWithCapabilities },
      },
    },
    async (request, reply) => {
      // Rotate: whatever session the browser had is ended before a new one is issued.
      await logout(deps, request.cookies[SESSION_COOKIE]);
      const { actor, sessionToken, expiresAt } = await login(deps, {
        email: request.body.email,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      reply.setCookie(SESSION_COOKIE, sessionToken, { ...cookieOptions, expires: expiresAt });
      return present(actor);
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { auth: false }, schema: { tags: ['auth'], summary: 'Выход', response: { 204: z.null() } } },
    async (request, reply) => {
      await logout(deps, request.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Текущий пользователь и что ему разрешено',
        response: { 200: ZMeWithCapabilities },
      },
    },
    async (request) => {
      return present(actorOf(request));
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Смена пароля (остальные сеансы завершаются)',
        body: z.object({
          currentPassword: z.string().min(1).max(200),
          newPassword: z.string().min(1).max(200),
        }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await changePassword(deps, {
        actor: actorOf(request),
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        sessionToken: request.cookies[SESSION_COOKIE],
      });
      return reply.status(204).send(null);
    },
  );
}
