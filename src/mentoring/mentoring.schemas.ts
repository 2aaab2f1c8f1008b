import { z } from 'zod';
import {
  FINISH_REASON_KEYS,
  GOAL_OUTCOME_KEYS,
  MENTORING_FORM_KEYS,
  PLAN_KIND_KEYS,
} from './mentoring.vocabulary.ts';

const ZDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max).nullable().optional();

export const ZProgram = z.object({
  id: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  /** The directory's flag «положение о наставничестве» of the organization, shown, not kept here. */
  mentoringRegulation: z.boolean(),
  name: z.string(),
  forms: z.array(z.enum(MENTORING_FORM_KEYS)),
  formNames: z.array(z.string()),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  order: z.object({ number: z.string().nullable(), date: z.string().nullable(), url: z.string().nullable() }),
  mentorCount: z.number(),
  openPairs: z.number(),
  finishedPairs: z.number(),
  canManage: z.boolean(),
});

export const ZProgramList = z.object({
  items: z.array(ZProgram),
  /** Whether the caller may create a program (the head of an organization). */
  canCreate: z.boolean(),
});

export const ZProgramFields = z.object({
  name: z.string().trim().min(3).max(500),
  forms: z.array(z.enum(MENTORING_FORM_KEYS)).min(1).max(4),
  startsOn: ZDate,
  endsOn: ZDate.nullable().optional(),
  orderNumber: text(100),
  orderDate: ZDate.nullable().optional(),
  orderUrl: z
    .url({ protocol: /^https?$/ })
    .max(1000)
    .nullable()
    .optional(),
});
export type ProgramInput = z.infer<typeof ZProgramFields>;

export const ZProgramCreate = ZProgramFields.extend({
  /** Only the admin names the organization; a school head creates in their own. */
  organizationId: z.uuid().optional(),
});

export const ZMentor = z.object({
  id: z.string(),
  programId: z.string(),
  personId: z.string(),
  personName: z.string(),
  position: z.string().nullable(),
  category: z.string(),
  capacity: z.number(),
  load: z.number(),
  free: z.number(),
});

export const ZProgramCard = ZProgram.extend({ mentors: z.array(ZMentor) });

export const ZMentorCreate = z.object({
  personId: z.uuid(),
  capacity: z.number().int().min(1).max(50),
});
export const ZMentorPatch = z.object({ capacity: z.number().int().min(1).max(50) });

export const ZMentee = z.object({
  personId: z.string(),
  name: z.string(),
  finishedOn: z.string().nullable(),
  worksAt: z.string().nullable(),
});

export const ZPair = z.object({
  id: z.string(),
  programId: z.string(),
  programName: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  mentorId: z.string(),
  mentorPersonId: z.string(),
  mentorName: z.string(),
  mentees: z.array(ZMentee),
  form: z.enum(MENTORING_FORM_KEYS),
  formName: z.string(),
  startedOn: z.string(),
  finishedOn: z.string().nullable(),
  finishReason: z.enum(FINISH_REASON_KEYS).nullable(),
  finishReasonName: z.string().nullable(),
  finishNote: z.string().nullable(),
  goalsTotal: z.number(),
  goalsReached: z.number(),
  planTotal: z.number(),
  planDone: z.number(),
  reports: z.number(),
  /** The caller's part in the pair, if any. */
  side: z.enum(['mentor', 'mentee']).nullable(),
});

export const ZPairList = z.object({ items: z.array(ZPair), total: z.number() });

export const ZPairQuery = z.object({
  programId: z.uuid().optional(),
  organizationId: z.uuid().optional(),
  status: z.enum(['open', 'finished']).optional(),
  form: z.enum(MENTORING_FORM_KEYS).optional(),
  mentorId: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
});

export const ZPairCreate = z.object({
  mentorId: z.uuid(),
  menteePersonIds: z.array(z.uuid()).min(1).max(30),
  form: z.enum(MENTORING_FORM_KEYS),
  startedOn: ZDate,
});

export const ZGoal = z.object({
  id: z.string(),
  menteePersonId: z.string(),
  menteeName: z.string(),
  competencyId: z.string(),
  competencyCode: z.string(),
  competencyName: z.string(),
  frameworkName: z.string(),
  deficitBelow: z.number(),
  title: z.string().nullable(),
  before: z.object({ percent: z.number(), on: z.string() }),
  after: z.object({ percent: z.number(), on: z.string() }).nullable(),
  deficitStatus: z.enum(['closed', 'open', 'pending']),
  deficitStatusName: z.string(),
  outcome: z.enum(GOAL_OUTCOME_KEYS).nullable(),
  outcomeName: z.string().nullable(),
});

export const ZPlanItem = z.object({
  id: z.string(),
  kind: z.enum(PLAN_KIND_KEYS),
  kindName: z.string(),
  plannedOn: z.string(),
  topic: z.string(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
});

export const ZReport = z.object({
  id: z.string(),
  side: z.enum(['mentor', 'mentee']),
  sideName: z.string(),
  authorPersonId: z.string(),
  authorName: z.string(),
  reportedOn: z.string(),
  text: z.string(),
});

export const ZPairCard = ZPair.extend({
  goals: z.array(ZGoal),
  plan: z.array(ZPlanItem),
  reportList: z.array(ZReport),
  abilities: z.object({
    canManage: z.boolean(),
    canPlan: z.boolean(),
    canReport: z.boolean(),
    canFinish: z.boolean(),
  }),
});

export const ZDeficit = z.object({
  personId: z.string(),
  personName: z.string(),
  competencyId: z.string(),
  competencyCode: z.string(),
  competencyName: z.string(),
  frameworkName: z.string(),
  percent: z.number(),
  assessedOn: z.string(),
  deficitBelow: z.number(),
});
export const ZDeficitList = z.object({ items: z.array(ZDeficit) });

export const ZGoalCreate = z.object({
  menteePersonId: z.uuid(),
  competencyId: z.uuid(),
  title: text(1000),
});

export const ZPlanItemCreate = z.object({
  kind: z.enum(PLAN_KIND_KEYS),
  plannedOn: ZDate,
  topic: z.string().trim().min(2).max(1000),
});
export const ZPlanItemPatch = z.object({ done: z.boolean() });

export const ZReportCreate = z.object({
  text: z.string().trim().min(3).max(10_000),
  reportedOn: ZDate,
});

export const ZFinish = z.object({
  finishedOn: ZDate,
  reason: z.enum(FINISH_REASON_KEYS),
  note: text(2000),
  outcomes: z
    .array(z.object({ goalId: z.uuid(), outcome: z.enum(GOAL_OUTCOME_KEYS) }))
    .max(200)
    .default([]),
});

export const ZMyMentoring = z.object({
  asMentor: z.array(ZPair),
  asMentee: z.array(ZPair),
});

export const ZPersonHistory = z.object({
  personId: z.string(),
  personName: z.string(),
  items: z.array(ZPair),
});

export const ZWarning = z.object({
  personId: z.string(),
  personName: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  position: z.string(),
  startDate: z.string(),
  weeksWithoutMentor: z.number(),
});
export const ZWarningList = z.object({ weeks: z.number(), asOf: z.string(), items: z.array(ZWarning) });
export const ZWarningQuery = z.object({ organizationId: z.uuid().optional() });

export const ZSummaryRow = z.object({
  organizationId: z.string(),
  organizationName: z.string(),
  mentoringRegulation: z.boolean(),
  programs: z.number(),
  mentors: z.number(),
  openPairs: z.number(),
  mentees: z.number(),
  young: z.number(),
  youngWithMentor: z.number(),
});
export const ZSummary = z.object({
  items: z.array(ZSummaryRow),
  totals: ZSummaryRow.omit({
    organizationId: true,
    organizationName: true,
    mentoringRegulation: true,
  }).extend({ organizations: z.number(), withRegulation: z.number() }),
});

export const ZMentoringSettings = z.object({
  /** Young specialists without a mentor this many weeks after starting work are listed. */
  warningWeeks: z.number().int().min(1).max(52),
});
