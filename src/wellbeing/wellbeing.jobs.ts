import { defineJob } from '../platform/jobs/jobs.queue.ts';
import { today } from '../platform/time/today.ts';
import { remindFollowUps } from './wellbeing.service.ts';

/** The reaction's job kind (a failed reaction is recorded under it) and the daily follow-up pass. */
export const WELLBEING_PLAN_JOB = 'wellbeing-plan';
export const WELLBEING_FOLLOW_UP_JOB = 'wellbeing-follow-up';

/** A schedule runs it without a date: the municipality's today. A test (or a rerun) names the day. */
defineJob<{ date?: string }>({
  kind: WELLBEING_FOLLOW_UP_JOB,
  oneAtATime: true,
  async run({ db, params }) {
    return remindFollowUps(db, params.date ?? today());
  },
});
