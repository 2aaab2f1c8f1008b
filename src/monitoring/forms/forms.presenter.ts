import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../monitoring.policy.ts';
import type { FormDb } from './forms.repository.ts';

/** A timestamp as the API sends it (ISO, UTC); null stays null. */
export const iso = (v: string | Date | null): string | null => (v ? new Date(v).toISOString() : null);

export const formOwner = (r: Pick<FormDb, 'owner_level' | 'region_id' | 'municipality_id'>) => ({
  ownerLevel: r.owner_level,
  regionId: r.region_id,
  municipalityId: r.municipality_id,
});

export function presentForm(actor: Actor, r: FormDb) {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    ownerLevel: r.owner_level,
    regionId: r.region_id,
    municipalityId: r.municipality_id,
    fields: r.fields,
    archived: r.archived,
    assignmentCount: r.assignment_count,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    canEdit: can(actor, 'update', { form: formOwner(r) }),
  };
}
