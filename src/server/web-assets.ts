import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Vite names the files under assets/ by their content's hash: a new build gives new names. */
const HASHED = /[\\/]assets[\\/]/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and the unhashed files: the browser asks each time (cheap: 304 by ETag). */
export const REVALIDATE = 'no-cache';

/**
 * Serves the built web: the precompressed copy the browser accepts (brotli, else gzip, else the
 * file), hashed assets cached for a year without revalidation, the page itself revalidated so a
 * new release is seen at once.
 */
export async function registerWebAssets(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: true,
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    setHeaders(reply, file) {
      reply.header('cache-control', HASHED.test(file) ? IMMUTABLE : REVALIDATE);
    },
  });
}
