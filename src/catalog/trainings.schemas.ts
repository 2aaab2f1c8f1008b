import { z } from 'zod';
import { TRAINING_DOCUMENTS, type TrainingDocument } from './catalog.vocabulary.ts';

const documents = Object.keys(TRAINING_DOCUMENTS) as [TrainingDocument, ...TrainingDocument[]];

export const ZTraining = z.object({
  id: z.string(),
  personId: z.string(),
  programId: z.string().nullable(),
  programCode: z.string().nullable(),
  programName: z.string(),
  provider: z.string().nullable(),
  document: z.enum(documents),
  documentName: z.string(),
  documentNumber: z.string(),
  issuedOn: z.string(),
  hours: z.number(),
});
export type Training = z.infer<typeof ZTraining>;

export const ZTrainingList = z.object({ items: z.array(ZTraining), total: z.number() });

export const ZTrainingInput = z.object({
  document: z.enum(documents),
  documentNumber: z.string().trim().min(1).max(100),
  issuedOn: z.iso.date(),
  hours: z.number().int().positive().max(10_000),
  /** A catalog program by code (or its exact name), or a name as written on the document. */
  program: z.string().trim().min(2).max(500),
  provider: z.string().trim().max(300).nullable().default(null),
});
export type TrainingInput = z.infer<typeof ZTrainingInput>;
