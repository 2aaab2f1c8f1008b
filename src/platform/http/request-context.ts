import { AsyncLocalStorage } from 'node:async_hooks';

/** The request id and client address of the HTTP request being served, for the audit log. */
export interface RequestContext {
  requestId: string;
  ip: string;
  /**
   * The request's statements go before the first statement of requests not yet begun (db/gate.ts):
   * set at its first statement, or from the start for a teacher's request (see app.ts).
   */
  dbFirst?: boolean;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequest(): RequestContext | undefined {
  return requestContext.getStore();
}
