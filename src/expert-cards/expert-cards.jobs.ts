import { defineJob } from '../platform/jobs/jobs.queue.ts';
import { today } from '../platform/time/today.ts';
import { remindDeadlines } from './campaigns/campaigns.service.ts';

/** The daily reminders of expert-card deadlines; a schedule runs it without a date (today). */
export const EXPERT_CARDS_REMINDERS_JOB = 'expert-cards-reminders';

defineJob<{ date?: string }>({
  kind: EXPERT_CARDS_REMINDERS_JOB,
  oneAtATime: true,
  async run({ db, params }) {
    return remindDeadlines(db, params.date ?? today());
  },
});
