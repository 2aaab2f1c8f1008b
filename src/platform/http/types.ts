import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../auth/actor.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { unauthenticated } from '../errors.ts';

export type App = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  import('fastify').FastifyBaseLogger,
  ZodTypeProvider
>;

/** What every context's routes receive. */
export interface AppDeps {
  db: Db;
  config: Config;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The largest spreadsheet an import accepts (MARSHRUT_MAX_UPLOAD_BYTES). */
    maxUploadBytes: number;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | undefined;
  }
  interface FastifyContextConfig {
    /** Set to false on the few routes anyone may call (health, login, invitation acceptance). */
    auth?: boolean;
  }
}

export const SESSION_COOKIE = 'marshrut_sid';

/** The signed-in caller; the auth hook has already refused anonymous calls to protected routes. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

export type Reply = FastifyReply;
