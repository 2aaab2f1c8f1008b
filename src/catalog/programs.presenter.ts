import type { Actor } from '../platform/auth/actor.ts';
import { can, programOwner } from './catalog.policy.ts';
import { PROGRAM_FORMATS, PROGRAM_KINDS } from './catalog.vocabulary.ts';
import type { CohortDb, CompetencyRef, ProgramDb } from './programs.repository.ts';
import type { Cohort, Program, ProgramCard } from './programs.schemas.ts';

/** The fields of a program sent to the client; `editable` tells the UI whether to offer changes. */
export function presentProgram(actor: Actor, p: ProgramDb): Program {
  return {
    id: p.id,
    regionId: p.region_id,
    municipalityId: p.municipality_id,
    owner: programOwner(p),
    code: p.code,
    name: p.name,
    kind: p.kind,
    kindName: PROGRAM_KINDS[p.kind],
    hours: p.hours,
    provider: p.provider,
    format: p.format,
    formatName: PROGRAM_FORMATS[p.format],
    federalRegistry: p.federal_registry,
    federalRegistryNumber: p.federal_registry_number,
    priorityDirections: p.priority_directions,
    active: p.active,
    competencyCodes: p.competency_codes,
    editable: can(actor, 'update', { program: p }),
  };
}

export const presentCohort = (c: CohortDb): Cohort => ({
  id: c.id,
  programId: c.program_id,
  startsOn: c.starts_on,
  endsOn: c.ends_on,
  seats: c.seats,
});

export function presentProgramCard(
  actor: Actor,
  p: ProgramDb,
  cohorts: CohortDb[],
  competencies: CompetencyRef[],
): ProgramCard {
  return { ...presentProgram(actor, p), cohorts: cohorts.map(presentCohort), competencies };
}
