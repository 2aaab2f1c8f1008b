import { registerAssessmentRoutes } from '../assessment/assessment.routes.ts';
import { registerCatalogRoutes } from '../catalog/catalog.routes.ts';
import { registerImportRoutes } from '../directory/import/import.routes.ts';
import { registerOrganizationRoutes } from '../directory/organizations/organizations.routes.ts';
import { registerPeopleRoutes } from '../directory/people/people.routes.ts';
import { registerStaffRoutes } from '../directory/staff/staff.routes.ts';
import { registerStaffingRoutes } from '../directory/staffing/staffing.routes.ts';
import { registerTerritoryRoutes } from '../directory/territories/territories.routes.ts';
import { registerVacancyRoutes } from '../directory/vacancies/vacancies.routes.ts';
import { registerHomeRoutes } from '../home/home.routes.ts';
import { registerMonitoringRoutes } from '../monitoring/monitoring.routes.ts';
import { registerNotificationRoutes } from '../notifications/notifications.routes.ts';
import { registerAuditRoutes } from '../platform/audit/audit.routes.ts';
import { registerAuthRoutes } from '../platform/auth/auth.routes.ts';
import { registerTableExportRoutes } from '../platform/files/table-export.routes.ts';
import type { App, AppDeps } from '../platform/http/types.ts';
import { registerSettingsRoutes } from '../platform/settings/settings.routes.ts';
import { registerBulkInvitationRoutes } from '../platform/users/bulk-invitations.routes.ts';
import { registerUserRoutes } from '../platform/users/users.routes.ts';
import { registerRouteGenerationRoutes } from '../routes/generation/generation.routes.ts';
import { registerRouteLifeRoutes } from '../routes/routes.routes.ts';
import { registerSearchRoutes } from '../search/search.routes.ts';
import { capabilitiesOf, ZCapabilities } from './capabilities.ts';

/** Each bounded context registers its own routes; this list is the only wiring. */
export function registerRoutes(app: App, deps: AppDeps): void {
  registerAuthRoutes(app, deps, { capabilities: { schema: ZCapabilities, of: capabilitiesOf } });
  registerAuditRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerBulkInvitationRoutes(app, deps);
  registerSettingsRoutes(app, deps);
  registerTableExportRoutes(app, deps);
  registerTerritoryRoutes(app, deps);
  registerOrganizationRoutes(app, deps);
  registerStaffRoutes(app, deps);
  registerPeopleRoutes(app, deps);
  registerVacancyRoutes(app, deps);
  registerStaffingRoutes(app, deps);
  registerImportRoutes(app, deps);
  registerAssessmentRoutes(app, deps);
  registerCatalogRoutes(app, deps);
  registerRouteLifeRoutes(app, deps);
  registerRouteGenerationRoutes(app, deps);
  registerMonitoringRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  registerHomeRoutes(app, deps);
  registerSearchRoutes(app, deps);
}
