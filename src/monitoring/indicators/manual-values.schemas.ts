import { z } from 'zod';

/** Values of manual measures entered by hand: what the routes take and what they answer. */

const ZCodeIn = z
  .string()
  .trim()
  .regex(/^(manual:)?[a-z0-9_.-]+$/i, 'Код меры: латиница, цифры, точка, дефис, подчёркивание')
  .transform((c) => c.replace(/^manual:/, ''));

export const ZManualQuery = z.object({
  code: ZCodeIn.optional(),
  periodStart: z.iso.date().optional(),
  periodEnd: z.iso.date().optional(),
});
export type TManualQuery = z.infer<typeof ZManualQuery>;

export const ZManualInput = z.object({
  measureCode: ZCodeIn,
  organizationId: z.uuid().nullable().optional(),
  /** Admin / region: the territory when no organization is given. */
  municipalityId: z.uuid().nullable().optional(),
  periodStart: z.iso.date(),
  periodEnd: z.iso.date(),
  value: z.number().finite(),
  note: z.string().max(2000).default(''),
});
export type TManualInput = z.infer<typeof ZManualInput>;

const ZTerritory = {
  regionId: z.string().nullable(),
  municipalityId: z.string().nullable(),
  organizationId: z.string().nullable(),
};

export const ZManualList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      measureCode: z.string(),
      ...ZTerritory,
      organizationName: z.string().nullable(),
      periodStart: z.string(),
      periodEnd: z.string(),
      value: z.number(),
      note: z.string(),
      enteredAt: z.string(),
    }),
  ),
});

export const ZManualValue = z.object({
  id: z.string(),
  measureCode: z.string(),
  ...ZTerritory,
  periodStart: z.string(),
  periodEnd: z.string(),
  value: z.number(),
  note: z.string(),
});
