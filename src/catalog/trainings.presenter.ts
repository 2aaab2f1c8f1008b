import { TRAINING_DOCUMENTS } from './catalog.vocabulary.ts';
import type { TrainingDb } from './trainings.repository.ts';
import type { Training } from './trainings.schemas.ts';

/** The fields of a training document sent to the client. */
export const presentTraining = (t: TrainingDb): Training => ({
  id: t.id,
  personId: t.person_id,
  programId: t.program_id,
  programCode: t.program_code,
  programName: t.program_name,
  provider: t.provider,
  document: t.document,
  documentName: TRAINING_DOCUMENTS[t.document],
  documentNumber: t.document_number,
  issuedOn: t.issued_on,
  hours: t.hours,
});
