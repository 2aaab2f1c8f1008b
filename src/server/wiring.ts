import { pruneAuthTables } from '../platform/auth/auth.repository.ts';
import { on } from '../platform/events/events.ts';
import { defineJob, defineSchedule } from '../platform/jobs/jobs.queue.ts';
import '../monitoring/monitorings/closing.service.ts';
import { ROUTE_GENERATION_JOB, startRouteGeneration } from '../routes/generation/generation.service.ts';

/**
 * The reactions between contexts and the scheduled jobs — the one wiring list besides routes.ts.
 * The app, `marshrut worker` and every CLI command that acts call `wireContexts()`, so an action has
 * the same effect wherever it is taken. Job kinds are defined by their contexts on import
 * (route generation, monitoring close); importing this file registers them all.
 */

export const AUTH_PRUNE_JOB = 'auth-prune';

export function wireContexts(): void {
  // Results are final → draft routes for everyone with deficits, in the closer's scope.
  on(
    'assessment.campaign-closed',
    { name: 'routes.generate-after-campaign', kind: ROUTE_GENERATION_JOB },
    async ({ campaignId, frameworkId }, { db, actor }, r) => {
      if (!frameworkId) return;
      r.enqueued(
        ROUTE_GENERATION_JOB,
        await startRouteGeneration(db, actor, { frameworkId, campaignId }, { byHand: false }),
      );
    },
  );
  on(
    'assessment.results-imported',
    { name: 'routes.generate-after-import', kind: ROUTE_GENERATION_JOB },
    async ({ frameworkId, campaignId, results }, { db, actor }, r) => {
      if (results === 0) return;
      r.enqueued(
        ROUTE_GENERATION_JOB,
        await startRouteGeneration(
          db,
          actor,
          { frameworkId, campaignId: campaignId ?? undefined },
          { byHand: false },
        ),
      );
    },
  );

  // Expired sessions and old login attempts, hourly, once across all processes.
  defineJob({
    kind: AUTH_PRUNE_JOB,
    async run({ db }) {
      await pruneAuthTables(db);
      return null;
    },
  });
  defineSchedule({ kind: AUTH_PRUNE_JOB, cron: '17 * * * *' });
}
