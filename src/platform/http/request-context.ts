import { AsyncLocalStorage } from 'node:async_hooks';

/** The request id and client address of the HTTP request being served, for the audit log. */
export interface RequestContext {
  requestId: string;
  ip: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequest(): RequestContext | undefined {
  return requestContext.getStore();
}
