import type { App, AppDeps } from '../platform/http/types.ts';
import { registerProgramImportRoutes } from './catalog-import.routes.ts';
import { registerProgramRoutes } from './programs.routes.ts';
import { registerTrainingRoutes } from './trainings.routes.ts';

/** The catalog context: programs, their cohorts and competencies, imports, people's trainings. */
export function registerCatalogRoutes(app: App, deps: AppDeps): void {
  registerProgramRoutes(app, deps);
  registerProgramImportRoutes(app, deps);
  registerTrainingRoutes(app, deps);
}
