import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { formatSnils, maskSnils } from '../../platform/auth/scope.ts';
import { categoryExpiry, type DerivedRules } from '../derived/derived-rules.ts';
import { can } from '../directory.policy.ts';
import type { StaffRowDb } from './staff.repository.ts';

export const ZStaffRow = z.object({
  employmentId: z.string(),
  personId: z.string(),
  fullName: z.string(),
  birthDate: z.string(),
  age: z.number(),
  sex: z.enum(['m', 'f']),
  snils: z.string().nullable(),
  organizationId: z.string(),
  organizationName: z.string(),
  orgKind: z.string(),
  position: z.string(),
  staffCategory: z.enum(['pedagogical', 'managerial']),
  employmentKind: z.enum(['main', 'internal', 'external']),
  subjects: z.array(z.string()),
  loadHours: z.number(),
  personLoadHours: z.number(),
  rate: z.number(),
  category: z.enum(['highest', 'first', 'szd', 'none']),
  categoryDate: z.string().nullable(),
  categoryExpires: z.string().nullable(),
  education: z.string().nullable(),
  pedExperience: z.number().nullable(),
  young: z.boolean(),
  pensionAge: z.boolean(),
  loadOver30: z.boolean(),
  outsideProfile: z.boolean(),
  startDate: z.string().nullable(),
});
export type StaffRow = z.infer<typeof ZStaffRow>;

export const fullName = (r: { last_name: string; first_name: string; patronymic: string }) =>
  [r.last_name, r.first_name, r.patronymic].filter(Boolean).join(' ');

/** The fields a client receives for one row; СНИЛС in full only for registry managers. */
export function presentStaffRow(actor: Actor, rules: DerivedRules, r: StaffRowDb): StaffRow {
  return {
    employmentId: r.employment_id,
    personId: r.person_id,
    fullName: fullName(r),
    birthDate: r.birth_date,
    age: r.age,
    sex: r.sex,
    snils: can(actor, 'view', 'full-snils') ? formatSnils(r.snils) : maskSnils(r.snils),
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    orgKind: r.org_kind,
    position: r.position,
    staffCategory: r.staff_category,
    employmentKind: r.employment_kind,
    subjects: r.subjects,
    loadHours: r.load_hours,
    personLoadHours: r.person_load,
    rate: r.rate,
    category: r.category,
    categoryDate: r.category_date,
    categoryExpires: categoryExpiry(r.category_date),
    education: r.education,
    pedExperience: r.experience,
    young: r.young,
    pensionAge: r.pension_age,
    loadOver30: r.person_load > rules.loadThresholdHours,
    outsideProfile: r.outside_profile,
    startDate: r.start_date,
  };
}
