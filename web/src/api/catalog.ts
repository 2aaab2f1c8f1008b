/**
 * The catalog of further-training programs (the shapes still live in assessment.ts): writes go
 * through the typed client; the answers are the hand-written ProgramCard until the catalog routes
 * gain response schemas.
 */
import type { ProgramCard, ProgramInput } from './assessment.ts';
import { type Body, client, untyped } from './client.ts';

type NewProgram = Body<'/api/programs', 'post'>;

/**
 * Creates (id = null) or updates a program. The form's priority directions are codes of
 * DIRECTIONS (its select offers nothing else); the server checks them.
 */
export function saveProgram(id: string | null, input: ProgramInput): Promise<ProgramCard> {
  const body = input as Omit<ProgramInput, 'priorityDirections'> & Pick<NewProgram, 'priorityDirections'>;
  if (id) return untyped<ProgramCard>(client.PATCH('/api/programs/{id}', { params: { path: { id } }, body }));
  return untyped<ProgramCard>(client.POST('/api/programs', { body }));
}
