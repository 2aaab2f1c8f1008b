import { z } from 'zod';
import type { VacancyRowDb } from './vacancies.repository.ts';

export const ZVacancy = z.object({
  id: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  position: z.string(),
  subject: z.string().nullable(),
  rate: z.number(),
  zemsky: z.boolean(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
});

export function presentVacancy(v: VacancyRowDb): z.infer<typeof ZVacancy> {
  return {
    id: v.id,
    organizationId: v.organization_id,
    organizationName: v.organization_name,
    position: v.position,
    subject: v.subject,
    rate: v.rate,
    zemsky: v.zemsky,
    openedOn: v.opened_on,
    closedOn: v.closed_on,
  };
}
