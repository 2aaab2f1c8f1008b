import type { App, AppDeps } from '../platform/http/types.ts';
import { registerCampaignRoutes } from './campaigns/campaigns.routes.ts';
import { registerDeficitRoutes } from './deficits/deficits.routes.ts';
import { registerFrameworkRoutes } from './frameworks/frameworks.routes.ts';
import { registerInstrumentRoutes } from './instruments/instruments.routes.ts';
import { registerResultRoutes } from './results/results.routes.ts';

/** The competencies & assessment context: frameworks, instruments, campaigns and taking them. */
export function registerAssessmentRoutes(app: App, deps: AppDeps): void {
  registerFrameworkRoutes(app, deps);
  registerInstrumentRoutes(app, deps);
  registerResultRoutes(app, deps);
  registerDeficitRoutes(app, deps);
  registerCampaignRoutes(app, deps);
}
