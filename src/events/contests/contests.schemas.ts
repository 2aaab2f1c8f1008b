import { z } from 'zod';
import { CONTEST_OUTCOME_KEYS } from './contests.rules.ts';

const ZTitle = z.string().trim().min(1, 'Укажите название').max(300);
const ZUrl = z
  .string()
  .trim()
  .max(1000)
  .refine((s) => /^https?:\/\/\S+$/.test(s), 'Ссылка должна начинаться с http:// или https://');

export const ZNominationInput = z.object({ title: ZTitle, position: z.int().min(0).max(1000).optional() });
export const ZNominationPatch = ZNominationInput.partial();
export const ZCriterionInput = z.object({
  title: ZTitle,
  maxScore: z.int('Максимальный балл — целое число').min(1).max(100),
  position: z.int().min(0).max(1000).optional(),
});
export const ZCriterionPatch = ZCriterionInput.partial();

export const ZEntryInput = z.object({
  nominationId: z.uuid('Выберите номинацию'),
  title: ZTitle,
  materialsUrl: ZUrl.nullable().optional(),
});
export const ZEntryPatch = z.object({ title: ZTitle.optional(), materialsUrl: ZUrl.nullable().optional() });

export const ZScoreSheetInput = z.object({
  scores: z
    .array(z.object({ criterionId: z.uuid(), score: z.int('Оценка — целое число').min(0).max(100) }))
    .min(1, 'Оцените работу по критериям')
    .max(100),
});

export const ZOutcomesInput = z.object({
  items: z
    .array(z.object({ entryId: z.uuid(), outcome: z.enum(CONTEST_OUTCOME_KEYS).nullable() }))
    .min(1)
    .max(1000),
});

export const ZNomination = z.object({
  id: z.string(),
  title: z.string(),
  position: z.number(),
  entries: z.number(),
});
export const ZCriterion = z.object({
  id: z.string(),
  title: z.string(),
  maxScore: z.number(),
  position: z.number(),
});

const ZOutcome = z.enum(CONTEST_OUTCOME_KEYS);

/** An entry as its author sees it: the outcome only once the results are published. */
export const ZEntry = z.object({
  id: z.string(),
  nominationId: z.string(),
  nominationTitle: z.string(),
  registrationId: z.string(),
  personName: z.string(),
  organizationName: z.string().nullable(),
  title: z.string(),
  materialsUrl: z.string().nullable(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  outcome: ZOutcome.nullable(),
  outcomeName: z.string().nullable(),
  averageScore: z.number().nullable(),
  diploma: z.object({ id: z.string(), serial: z.string() }).nullable(),
});
export type EntryOut = z.infer<typeof ZEntry>;

export const ZContest = z.object({
  eventId: z.string(),
  eventTitle: z.string(),
  publishedAt: z.string().nullable(),
  nominations: z.array(ZNomination),
  criteria: z.array(ZCriterion),
  maxTotal: z.number(),
  canManage: z.boolean(),
  isJuror: z.boolean(),
  /** Why the caller cannot submit an entry, or null when they can. */
  submitReason: z.string().nullable(),
  myEntries: z.array(ZEntry),
});

const ZSheet = z.object({
  scores: z.array(z.object({ criterionId: z.string(), score: z.number() })),
  total: z.number(),
  updatedAt: z.string(),
});

/** The jury's and the organizer's table: averages and suggestions for the organizer, the own sheet for a juror. */
export const ZEntryTable = z.object({
  view: z.enum(['organizer', 'juror']),
  publishedAt: z.string().nullable(),
  items: z.array(
    ZEntry.extend({
      sheets: z.number().nullable(),
      suggestedOutcome: ZOutcome.nullable(),
      mySheet: ZSheet.nullable(),
    }),
  ),
  total: z.number(),
});

export const ZResults = z.object({
  eventId: z.string(),
  eventTitle: z.string(),
  publishedAt: z.string().nullable(),
  maxTotal: z.number(),
  nominations: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      entries: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          personName: z.string(),
          organizationName: z.string().nullable(),
          outcome: ZOutcome,
          outcomeName: z.string(),
          averageScore: z.number().nullable(),
        }),
      ),
    }),
  ),
});

export const ZPublishResult = z.object({ publishedAt: z.string(), diplomas: z.number() });
