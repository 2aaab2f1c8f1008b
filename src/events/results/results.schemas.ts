import { z } from 'zod';
import { ZPlannedResult } from '../events.schemas.ts';

export const ZEventResult = z.object({
  eventId: z.string(),
  number: z.string().nullable(),
  title: z.string(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  periodText: z.string().nullable(),
  plannedResult: ZPlannedResult.nullable(),
  plannedResultText: z.string().nullable(),
  /** Registrations with attendance confirmed. */
  attended: z.number(),
  /** Distinct people who attended. */
  people: z.number(),
  presenters: z.number(),
  /** «N % группы» only: the target group at the event's date, how many of it attended, the share (%). */
  groupSize: z.number().nullable(),
  groupReached: z.number().nullable(),
  groupShare: z.number().nullable(),
  held: z.boolean(),
  achieved: z.enum(['yes', 'no', 'unknown']),
  outcome: z.enum(['yes', 'no', 'no_planned_result', 'manual', 'empty_group', 'not_finished', 'no_dates']),
  /** Why the result reads as it does, in Russian. */
  outcomeText: z.string(),
});

export const ZPlanResults = z.object({
  planId: z.string(),
  asOf: z.string(),
  items: z.array(ZEventResult),
  totals: z.object({
    planned: z.number(),
    held: z.number(),
    achieved: z.number(),
    notAchieved: z.number(),
    unknown: z.number(),
    /** Attendances of distinct people per event, added over the events (a person at two events counts twice). */
    participations: z.number(),
  }),
});

export type EventResult = z.infer<typeof ZEventResult>;
export type PlanResults = z.infer<typeof ZPlanResults>;
