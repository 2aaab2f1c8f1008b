import { EVENT_HOUR_REMINDERS_JOB, EVENT_REMINDERS_JOB } from '../events/calendar/reminders.ts';
import { pruneAuthTables } from '../platform/auth/auth.repository.ts';
import { compactEngineDataWrites } from '../platform/cache/compute-cache.ts';
import { on } from '../platform/events/events.ts';
import { defineJob, defineSchedule, pruneFinishedJobs } from '../platform/jobs/jobs.queue.ts';
import '../monitoring/monitorings/closing.service.ts';
import { EXPERT_CARDS_REMINDERS_JOB } from '../expert-cards/expert-cards.jobs.ts';
import {
  DAILY_JOB,
  DIGEST_JOB,
  NOTIFY_JOB,
  startNotifying,
  type Trigger,
} from '../notifications/delivery.service.ts';
import type { EventMap, EventName } from '../platform/events/events.ts';
import { today } from '../platform/time/today.ts';
import { ROUTE_GENERATION_JOB, startRouteGeneration } from '../routes/generation/generation.service.ts';
import {
  closeItemsByAttendance,
  ROUTE_ATTENDANCE_JOB,
  reopenItemsByRevocation,
} from '../routes/routes.attendance.ts';
import { closeItemsByMentorship, ROUTE_MENTORING_JOB } from '../routes/routes.mentoring.ts';
import { WELLBEING_FOLLOW_UP_JOB, WELLBEING_PLAN_JOB } from '../wellbeing/wellbeing.jobs.ts';
import { reactToBurnoutAttempt } from '../wellbeing/wellbeing.service.ts';

/**
 * The reactions between contexts and the scheduled jobs — the one wiring list besides routes.ts.
 * The app, `marshrut worker` and every CLI command that acts call `wireContexts()`, so an action has
 * the same effect wherever it is taken. Job kinds are defined by their contexts on import
 * (route generation, monitoring close); importing this file registers them all.
 */

export const AUTH_PRUNE_JOB = 'auth-prune';
export const JOBS_PRUNE_JOB = 'jobs-prune';

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

  // A burnout questionnaire submitted → a high risk opens a support plan of the teacher's school;
  // a later attempt of a teacher with an open plan is its follow-up screening.
  on(
    'assessment.attempt-submitted',
    { name: 'wellbeing.support-after-burnout', kind: WELLBEING_PLAN_JOB },
    async ({ attemptId, instrumentKind }, { db, actor }) => {
      if (instrumentKind !== 'burnout') return;
      await reactToBurnoutAttempt({ db }, actor, attemptId);
    },
  );

  // Attendance confirmed → the attendee's route items tied to the event are done and confirmed,
  // the certificate their evidence; the curators are told. Taken back → those items open again.
  on(
    'events.attendance-confirmed',
    { name: 'routes.close-by-attendance', kind: ROUTE_ATTENDANCE_JOB },
    async (payload, { db, actor }, r) => {
      const { routeEventIds } = await closeItemsByAttendance(db, actor, payload);
      if (routeEventIds.length)
        r.enqueued(NOTIFY_JOB, await startNotifying(db, actor, { kind: 'item_attended', routeEventIds }));
    },
  );
  on(
    'events.attendance-revoked',
    { name: 'routes.reopen-by-revocation', kind: ROUTE_ATTENDANCE_JOB },
    async (payload, { db, actor }) => {
      await reopenItemsByRevocation(db, actor, payload, today());
    },
  );
  on(
    'events.certificate-revoked',
    { name: 'routes.reopen-by-certificate', kind: ROUTE_ATTENDANCE_JOB },
    async ({ eventId, personId, registrationId, certificateId, reason }, { db, actor }) => {
      await reopenItemsByRevocation(
        db,
        actor,
        { eventId, attendees: [{ personId, registrationId, certificateId }], reason },
        today(),
      );
    },
  );

  // A mentorship finished → the route items it fills close (done, the mentorship their evidence).
  on(
    'mentoring.finished',
    { name: 'routes.close-by-mentorship', kind: ROUTE_MENTORING_JOB },
    async (payload, { db, actor }) => {
      await closeItemsByMentorship(db, actor, payload);
    },
  );

  // Notifications: each event becomes a job that tells the people concerned (in the app, and by
  // e-mail at once or in the digest, by their preferences); a job of its own, so the action stays fast.
  const notifyOn = <E extends EventName>(event: E, trigger: (p: EventMap[E]) => Trigger) =>
    on(event, { name: `notifications.${event}`, kind: NOTIFY_JOB }, async (payload, { db, actor }, r) => {
      r.enqueued(NOTIFY_JOB, await startNotifying(db, actor, trigger(payload)));
    });
  notifyOn('assessment.campaign-opened', ({ campaignId }) => ({ kind: 'campaign_opened', campaignId }));
  notifyOn('monitoring.form-assigned', ({ assignmentId }) => ({ kind: 'form_assigned', assignmentId }));
  notifyOn('monitoring.submission-returned', ({ submissionId }) => ({ kind: 'form_returned', submissionId }));
  notifyOn('routes.agreed', ({ routeId }) => ({ kind: 'route_agreed', routeId }));
  notifyOn('routes.item-returned', (p) => ({ kind: 'route_returned', ...p }));
  notifyOn('routes.item-done', (p) => ({ kind: 'item_awaiting_confirmation', ...p }));
  notifyOn('events.registrations-changed', (p) => ({ kind: 'event_registration', ...p }));
  notifyOn('practices.material-moderated', (p) => ({ kind: 'material_moderated', ...p }));
  notifyOn('mentoring.pair-opened', (p) => ({ kind: 'mentorship_opened', ...p }));
  // Deadlines three days ahead and forms overdue, then the digest of the day (the municipality's time).
  defineSchedule({ kind: DAILY_JOB, cron: '30 6 * * *' });
  defineSchedule({ kind: DIGEST_JOB, cron: '0 7 * * *' });
  // Reminders of tomorrow's events to those registered, in the morning (the municipality's time).
  defineSchedule({ kind: EVENT_REMINDERS_JOB, cron: '0 9 * * *' });
  // And within the hour before a timed event: every 10 minutes, each reminder once.
  defineSchedule({ kind: EVENT_HOUR_REMINDERS_JOB, cron: '*/10 * * * *' });

  // Follow-up screenings of support plans come due: the teachers are asked to retake the questionnaire.
  defineSchedule({ kind: WELLBEING_FOLLOW_UP_JOB, cron: '45 6 * * *' });

  // Expert cards: heads before and after the filling deadline, experts before the review's end.
  defineSchedule({ kind: EXPERT_CARDS_REMINDERS_JOB, cron: '50 6 * * *' });

  // Expired sessions and old login attempts, hourly, once across all processes.
  defineJob({
    kind: AUTH_PRUNE_JOB,
    async run({ db }) {
      await pruneAuthTables(db);
      return null;
    },
  });
  defineSchedule({ kind: AUTH_PRUNE_JOB, cron: '17 * * * *' });

  // Rows of jobs finished 90 days ago and more, nightly.
  defineJob({
    kind: JOBS_PRUNE_JOB,
    async run({ db }) {
      return { deleted: await pruneFinishedJobs(db), dataWritesFolded: await compactEngineDataWrites(db) };
    },
  });
  defineSchedule({ kind: JOBS_PRUNE_JOB, cron: '40 3 * * *' });
}
