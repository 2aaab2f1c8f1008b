import { z } from 'zod';
import { EDUCATION_LEVELS } from '../vocabulary.ts';

const EDU = Object.keys(EDUCATION_LEVELS) as [
  keyof typeof EDUCATION_LEVELS,
  ...(keyof typeof EDUCATION_LEVELS)[],
];

export const ZPersonFields = z.object({
  lastName: z.string().trim().min(1).max(100),
  firstName: z.string().trim().min(1).max(100),
  patronymic: z.string().trim().max(100),
  birthDate: z.iso.date(),
  sex: z.enum(['m', 'f']),
  snils: z.string().trim().max(20).nullable(),
  email: z.email().max(200).nullable(),
  education: z.enum(EDU).nullable(),
  pedExperienceYears: z.number().min(0).max(70).nullable(),
  category: z.enum(['highest', 'first', 'szd', 'none']),
  categoryDate: z.iso.date().nullable(),
});

export const ZEmploymentFields = z.object({
  organizationId: z.uuid(),
  position: z.string().trim().min(2).max(200),
  staffCategory: z.enum(['pedagogical', 'managerial']),
  kind: z.enum(['main', 'internal', 'external']),
  subjects: z.array(z.string().trim().min(1).max(100)).max(20),
  loadHours: z.number().min(0).max(80),
  rate: z.number().positive().max(5),
  startDate: z.iso.date().nullable(),
  outsideProfile: z.boolean(),
});

export const ZEmploymentInput = ZEmploymentFields.extend({
  subjects: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  loadHours: z.number().min(0).max(80).default(0),
  rate: z.number().positive().max(5).default(1),
  startDate: z.iso.date().nullable().default(null),
  outsideProfile: z.boolean().default(false),
});

export const ZPersonCreate = ZPersonFields.extend({
  patronymic: z.string().trim().max(100).default(''),
  snils: z.string().trim().max(20).nullable().default(null),
  email: z.email().max(200).nullable().default(null),
  education: z.enum(EDU).nullable().default(null),
  pedExperienceYears: z.number().min(0).max(70).nullable().default(null),
  category: z.enum(['highest', 'first', 'szd', 'none']).default('none'),
  categoryDate: z.iso.date().nullable().default(null),
  employment: ZEmploymentInput,
});

export const ZEmployment = z.object({
  id: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  position: z.string(),
  staffCategory: z.enum(['pedagogical', 'managerial']),
  kind: z.enum(['main', 'internal', 'external']),
  subjects: z.array(z.string()),
  loadHours: z.number(),
  rate: z.number(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  outsideProfile: z.boolean(),
});

export const ZPersonCard = z.object({
  id: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  patronymic: z.string(),
  fullName: z.string(),
  birthDate: z.string(),
  age: z.number(),
  sex: z.enum(['m', 'f']),
  snils: z.string().nullable(),
  email: z.string().nullable(),
  education: z.string().nullable(),
  pedExperienceYears: z.number().nullable(),
  pedExperienceNow: z.number().nullable(),
  category: z.enum(['highest', 'first', 'szd', 'none']),
  categoryDate: z.string().nullable(),
  categoryExpires: z.string().nullable(),
  young: z.boolean(),
  pensionAge: z.boolean(),
  personLoadHours: z.number(),
  loadOver30: z.boolean(),
  employments: z.array(ZEmployment),
  history: z.array(
    z.object({
      id: z.number(),
      at: z.string(),
      actorEmail: z.string().nullable(),
      action: z.string(),
      entity: z.string(),
      /** The record changed (an employment, or the person); with `id` it names the line. */
      entityId: z.string().nullable(),
      /** What happened to what, in Russian: «Маршрут согласован педагогом». */
      summary: z.string(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
  /** email null: invited in bulk, not signed in yet. */
  user: z.object({ id: z.string(), email: z.string().nullable(), role: z.string() }).nullable(),
  canEdit: z.boolean(),
  /** May change СНИЛС, full name and birth date: the caller keeps every current employment. */
  canEditIdentity: z.boolean(),
  canInvite: z.boolean(),
});
export type PersonCard = z.infer<typeof ZPersonCard>;
