/** The catalog's closed lists come from the server's vocabulary (one source for imports and screens). */
import {
  DIRECTIONS,
  PROGRAM_FORMATS,
  PROGRAM_KINDS,
  TRAINING_DOCUMENTS,
} from '../../../../src/catalog/catalog.vocabulary.ts';

import type { ProgramOwner } from '../../api/catalog.ts';

export { DIRECTIONS, PROGRAM_FORMATS, PROGRAM_KINDS, TRAINING_DOCUMENTS };

/** Who keeps a program, in a word: «Регион», «г. Зима», «Федеральный». */
export function ownerLabel(owner: ProgramOwner): string {
  if (owner.level === 'municipality') return owner.name ?? 'Муниципалитет';
  if (owner.level === 'region') return 'Регион';
  return 'Федеральный';
}

/** Who may change a program the caller may not: the line shown on its card. */
export function keeperHint(owner: ProgramOwner): string {
  if (owner.level === 'municipality')
    return `Программу ведёт муниципалитет «${owner.name ?? '—'}»: изменить её и её потоки могут его методисты и региональный оператор.`;
  if (owner.level === 'region')
    return `Программу ведёт региональный оператор${owner.name ? ` (${owner.name})` : ''}: изменить её и её потоки может только он.`;
  return 'Федеральную программу ведёт администратор системы.';
}

export const options = (words: Record<string, string>) =>
  Object.entries(words).map(([value, label]) => ({ value, label }));
