import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { configureMail, DEFAULT_MAIL_FROM } from '../notifications/mailer.ts';
import { authenticate } from '../platform/auth/auth.service.ts';
import { unauthenticated } from '../platform/errors.ts';
import { handleError } from '../platform/http/error-handler.ts';
import { requestContext } from '../platform/http/request-context.ts';
import { type App, type AppDeps, SESSION_COOKIE } from '../platform/http/types.ts';
import { startJobs, stopJobs } from '../platform/jobs/jobs.queue.ts';
import { applyRussianValidation } from '../platform/validation/zod-russian.ts';
import { registerRoutes } from './routes.ts';
import { registerWebAssets } from './web-assets.ts';
import { wireContexts } from './wiring.ts';

applyRussianValidation();

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface BuildAppOptions extends AppDeps {
  logger?: boolean;
}

export async function buildApp(opts: BuildAppOptions): Promise<App> {
  const { config } = opts;
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>() as App;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    // API paths and missing files (a stale tab asking for an old bundle) get a real 404, not the page.
    const path = request.url.split('?')[0]!;
    if (
      path.startsWith('/api/') ||
      path.startsWith('/assets/') ||
      /\.[a-z0-9]+$/i.test(path) ||
      !existsSync(WEB_DIST)
    ) {
      return reply.status(404).send({
        error: { code: 'not_found', message: 'Не найдено.', requestId: String(request.id) },
      });
    }
    // The web UI routes on the client: every non-API path gets its page.
    return reply.sendFile('index.html');
  });

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10 },
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Маршрут API',
        description:
          'Платформа профессионального развития педагогов: реестр, диагностика, маршруты, мониторинг.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.decorate('maxUploadBytes', config.maxUploadBytes);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', undefined);
  app.addHook('onRequest', (request, _reply, done) => {
    requestContext.enterWith({ requestId: String(request.id), ip: request.ip });
    done();
  });
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    const token = request.cookies[SESSION_COOKIE];
    request.sessionToken = token;
    // The session check is one indexed row: it goes first and does not mark the request begun, so
    // the page's own work still waits its turn once (platform/db/gate.ts).
    const context = requestContext.getStore();
    request.actor = await requestContext.run(
      { ...(context ?? { requestId: String(request.id), ip: request.ip }), dbFirst: true },
      () => authenticate(opts, token),
    );
    // A teacher's requests read only the teacher's own records — a few rows by person — so they go
    // before region-wide pages that have not begun: the personal pages stay quick under load.
    if (context && request.actor?.role === 'teacher') context.dbFirst = true;
    if (request.routeOptions.config.auth !== false && !request.actor) throw unauthenticated();
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', String(request.id));
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
  });

  app.get(
    '/api/health',
    {
      config: { auth: false },
      schema: {
        tags: ['platform'],
        summary: 'Проверка работоспособности',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get('/api/openapi.json', { config: { auth: false }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  registerRoutes(app, opts);

  // Reactions and job kinds, then pg-boss: with MARSHRUT_JOBS=inline (the default) this process
  // also runs the jobs and schedules; with off it only enqueues them for `marshrut worker`.
  // Closing lets running jobs finish.
  wireContexts();
  configureMail(opts.db, {
    smtpUrl: config.smtpUrl ?? null,
    from: config.mailFrom ?? DEFAULT_MAIL_FROM,
    publicUrl: config.publicUrl ?? null,
  });
  await startJobs(opts.db, { work: config.jobs === 'inline', timeZone: config.timeZone });
  app.addHook('onClose', async () => stopJobs(opts.db));

  if (existsSync(WEB_DIST)) {
    await registerWebAssets(app, WEB_DIST);
  }
  return app;
}
