import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../assessment.policy.ts';
import type { CompetencyDb, FrameworkDb, GroupDb } from './frameworks.repository.ts';
import type { FrameworkView } from './frameworks.schemas.ts';

/** A framework with its groups and competencies in order, as the client receives it. */
export function presentFramework(
  actor: Actor,
  f: FrameworkDb,
  groups: GroupDb[],
  comps: CompetencyDb[],
): FrameworkView {
  return {
    id: f.id,
    code: f.code,
    name: f.name,
    description: f.description,
    audience: f.audience,
    ownerLevel: f.owner_level,
    regionId: f.region_id,
    municipalityId: f.municipality_id,
    deficitBelow: f.deficit_below,
    partialBelow: f.partial_below,
    updatedAt: f.updated_at,
    canEdit: can(actor, 'update', { framework: f }),
    groups: groups
      .filter((g) => g.framework_id === f.id)
      .map((g) => ({
        id: g.id,
        code: g.code,
        name: g.name,
        position: g.position,
        competencies: comps
          .filter((c) => c.group_id === g.id)
          .map((c) => ({
            id: c.id,
            code: c.code,
            name: c.name,
            description: c.description,
            position: c.position,
          })),
      })),
  };
}
