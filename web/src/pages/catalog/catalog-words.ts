/** The catalog's closed lists come from the server's vocabulary (one source for imports and screens). */
import {
  DIRECTIONS,
  PROGRAM_FORMATS,
  PROGRAM_KINDS,
  TRAINING_DOCUMENTS,
} from '../../../../src/catalog/catalog.vocabulary.ts';

export { DIRECTIONS, PROGRAM_FORMATS, PROGRAM_KINDS, TRAINING_DOCUMENTS };

export const options = (words: Record<string, string>) =>
  Object.entries(words).map(([value, label]) => ({ value, label }));
