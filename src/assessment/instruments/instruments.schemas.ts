import { z } from 'zod';
import { ZContent } from './content.ts';

const KINDS = ['test', 'self_assessment', 'burnout'] as const;

export const ZInstrumentSummary = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(KINDS),
  frameworkId: z.string().nullable(),
  frameworkCode: z.string().nullable(),
  ownerLevel: z.enum(['system', 'region', 'municipality', 'organization']),
  regionId: z.string().nullable(),
  municipalityId: z.string().nullable(),
  version: z.number(),
  itemCount: z.number(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
});
export type InstrumentSummary = z.infer<typeof ZInstrumentSummary>;

export const ZInstrumentList = z.object({ items: z.array(ZInstrumentSummary) });

export const ZInstrumentCard = ZInstrumentSummary.extend({ keysIncluded: z.boolean(), content: ZContent });
export type InstrumentCard = z.infer<typeof ZInstrumentCard>;

export const ZInstrumentQuery = z.object({ kind: z.enum(KINDS).optional() });

export const ZInstrumentInput = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[A-Za-z0-9_.-]+$/, 'Код: латинские буквы, цифры, «-», «_», «.»'),
  name: z.string().trim().min(3).max(300),
  kind: z.enum(KINDS),
  frameworkId: z.uuid().nullable().optional(),
  content: ZContent,
});
