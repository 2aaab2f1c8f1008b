import { registerAuditRoutes } from '../platform/audit/audit.routes.ts';
import { registerAuthRoutes } from '../platform/auth/auth.routes.ts';
import type { App, AppDeps } from '../platform/http/types.ts';

/** Each bounded context registers its own routes; this list is the only wiring. */
export function registerRoutes(app: App, deps: AppDeps): void {
  registerAuthRoutes(app, deps);
  registerAuditRoutes(app, deps);
}
