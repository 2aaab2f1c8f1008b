import { z } from 'zod';
import { AGE_BANDS } from '../derived/derived-rules.ts';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

export const STAFF_SORTS = [
  'fullName',
  'age',
  'organization',
  'position',
  'category',
  'load',
  'startDate',
] as const;

/** The staff list's filters, shared by the list, the export and the CLI. */
export const ZStaffFilters = z.object({
  municipalityId: z.uuid().optional(),
  organizationId: z.uuid().optional(),
  orgKind: z
    .enum(['preschool', 'school', 'additional', 'vocational', 'dpo', 'methodical_service'])
    .optional(),
  staffCategory: z.enum(['pedagogical', 'managerial']).optional(),
  subject: z.string().trim().min(1).max(100).optional(),
  category: z.enum(['highest', 'first', 'szd', 'none']).optional(),
  ageBand: z
    .enum(Object.keys(AGE_BANDS) as [keyof typeof AGE_BANDS, ...(keyof typeof AGE_BANDS)[]])
    .optional(),
  young: flag,
  pensionAge: flag,
  loadOver30: flag,
  partTime: flag,
  outsideProfile: flag,
  q: z.string().trim().max(100).optional(),
  asOf: z.iso.date().optional(),
});
export type StaffFilters = z.infer<typeof ZStaffFilters>;

export const ZStaffListQuery = ZStaffFilters.extend({
  sort: z.enum(STAFF_SORTS).default('fullName'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  /** The `nextCursor` of the previous page: the page after it, by keyset; `offset` is then unused. */
  after: z.string().max(2000).optional(),
});
export type StaffListQuery = z.infer<typeof ZStaffListQuery>;
