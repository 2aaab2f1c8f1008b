/**
 * The typed API client: openapi-fetch over the types generated from `/api/openapi.json`
 * (schema.gen.ts, `npm run gen:api`). Paths, path and query parameters and request bodies are
 * checked against the server's schemas; so are answers wherever a route declares its response.
 *
 * Behaviour matches `api` in api.ts: same-origin cookie, JSON, empty query values left out, a
 * 401 sends the user to sign in (except on the auth answers), and every failure is thrown as an
 * ApiError carrying the server's Russian message and 422 issues — callers never see `{ error }`.
 */
import createClient from 'openapi-fetch';
import { networkError, toApiError, toQueryString } from './api.ts';
import type { paths } from './schema.gen.ts';

export type { paths };

export const client = createClient<paths>({
  credentials: 'same-origin',
  headers: { accept: 'application/json' },
  querySerializer: (query) => toQueryString(query as Parameters<typeof toQueryString>[0]),
});

client.use({
  onError: () => networkError(),
  async onResponse({ response, schemaPath }) {
    if (!response.ok) throw await toApiError(response, schemaPath);
    return undefined;
  },
});

/** The data of a successful answer (failures have already been thrown as ApiError). */
export async function ok<D>(request: Promise<{ data?: D }>): Promise<D> {
  return (await request).data as D;
}

/**
 * The same for a route whose answer the OpenAPI document does not describe yet: the caller names
 * the hand-written type from types.ts. Switch to `ok` once the route gains a response schema.
 */
export async function untyped<T>(request: Promise<unknown>): Promise<T> {
  return ((await request) as { data?: unknown }).data as T;
}

/**
 * Filter values come from the URL as plain strings; the server checks them (and answers a 422 in
 * Russian for a value it does not know), so a page hands them over as the route's query type.
 */
export const fromUrl = <Q>(values: Record<string, string | number | undefined>) => values as Q;

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type Success<R> = R extends { 200: infer A } ? JsonOf<A> : R extends { 201: infer A } ? JsonOf<A> : never;

/** The JSON answer of `method path` as the server declares it: `Answer<'/api/staff', 'get'>`. */
export type Answer<P extends keyof paths, M extends Method & keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? Success<R>
  : never;

/** The JSON body `method path` accepts. */
export type Body<P extends keyof paths, M extends Method & keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** The query parameters `GET path` accepts. */
export type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never;
