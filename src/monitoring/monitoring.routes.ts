import type { App, AppDeps } from '../platform/http/types.ts';
import { registerDashboardRoutes } from './dashboards/dashboards.routes.ts';
import { registerAnswerRoutes } from './forms/answers.routes.ts';
import { registerAssignmentRoutes } from './forms/assignments.routes.ts';
import { registerFormRoutes } from './forms/forms.routes.ts';
import { registerIndicatorSetRoutes } from './indicators/indicators.routes.ts';
import { registerManualMeasureRoutes } from './indicators/manual-values.routes.ts';
import { registerMonitoringRunRoutes } from './monitorings/monitorings.routes.ts';
import { registerPresetRoutes } from './presets/presets.routes.ts';

/** Issue 4's routes: each part (indicators, presets, forms, monitorings, dashboards) adds its line here. */
export function registerMonitoringRoutes(app: App, deps: AppDeps): void {
  registerIndicatorSetRoutes(app, deps);
  registerManualMeasureRoutes(app, deps);
  registerPresetRoutes(app, deps);
  registerFormRoutes(app, deps);
  registerAssignmentRoutes(app, deps);
  registerAnswerRoutes(app, deps);
  registerMonitoringRunRoutes(app, deps);
  registerDashboardRoutes(app, deps);
}
