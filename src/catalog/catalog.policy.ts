import { can as canInDirectory } from '../directory/directory.policy.ts';
import type { Actor, Role } from '../platform/auth/actor.ts';

/**
 * The catalog's policy: who may do what with programs, their cohorts and people's trainings.
 * Routes and services ask `can(actor, action, thing)`; no role list of the catalog lives elsewhere.
 *
 * Who keeps a program of the catalog. The catalog is read by every signed-in user; a program is
 * changed (with its cohorts) only by its keeper:
 * - region null — a system (federal) program: the admin;
 * - region set, municipality null — the region's program: the region operator of that region;
 * - municipality set — a municipality's program: that municipality's methodists
 *   (and the region operator of its region).
 * The admin keeps everything.
 */

/**
 * Roles that keep the catalog of programs (each keeps only its own programs). New code asks
 * `can(actor, 'create', 'program')`; the import routes still check with the list itself.
 */
export const CATALOG_EDITORS: readonly Role[] = ['admin', 'region_admin', 'municipal_methodist'];

/** Those who keep the registry record people's trainings (the directory's rule). */
const keepsRegistry = (actor: Actor) => canInDirectory(actor, 'manage', 'registry');

export type ProgramOwnerLevel = 'system' | 'region' | 'municipality';

export interface ProgramOwnerRow {
  region_id: string | null;
  municipality_id: string | null;
}

export function programOwnerLevel(p: ProgramOwnerRow): ProgramOwnerLevel {
  if (p.municipality_id !== null) return 'municipality';
  return p.region_id !== null ? 'region' : 'system';
}

/** Whether the actor may change the program, add, change or delete its cohorts. */
export function canEditProgram(actor: Actor, p: ProgramOwnerRow): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'region_admin') return p.region_id !== null && p.region_id === actor.regionId;
  if (actor.role === 'municipal_methodist')
    return p.municipality_id !== null && p.municipality_id === actor.municipalityId;
  return false;
}

/**
 * What the catalog allows:
 * - `create program` — add programs by hand or by import (each keeper at their own level);
 * - `update {program}` — change that program, add, change or delete its cohorts;
 * - `import programs` — the same keepers, for the programs' spreadsheet;
 * - `record trainings` — enter people's trainings (those who keep the registry, within their scope);
 * - `import trainings` — load trainings from a spreadsheet (the same).
 * The catalog itself is read by everyone signed in, so reading needs no rule here.
 */
export type CatalogPermission =
  | [action: 'create', thing: 'program']
  | [action: 'update', thing: { program: ProgramOwnerRow }]
  | [action: 'import', thing: 'programs' | 'trainings']
  | [action: 'record', thing: 'trainings'];

export function can(actor: Actor, ...[action, thing]: CatalogPermission): boolean {
  switch (action) {
    case 'create':
      return CATALOG_EDITORS.includes(actor.role);
    case 'update':
      return canEditProgram(actor, thing.program);
    case 'import':
      return thing === 'programs' ? CATALOG_EDITORS.includes(actor.role) : keepsRegistry(actor);
    case 'record':
      return keepsRegistry(actor);
  }
}

/** A program's keeper as the API presents it: level and the territory's name (null for system). */
export interface ProgramOwner {
  level: ProgramOwnerLevel;
  name: string | null;
}

export function programOwner(
  p: ProgramOwnerRow & { region_name: string | null; municipality_name: string | null },
): ProgramOwner {
  const level = programOwnerLevel(p);
  return {
    level,
    name: level === 'municipality' ? p.municipality_name : level === 'region' ? p.region_name : null,
  };
}

/** Russian: why a visible program may not be changed by this actor (the 403 message). */
export function programRefusal(owner: ProgramOwner): string {
  switch (owner.level) {
    case 'system':
      return 'Это федеральная программа каталога: её ведёт администратор системы.';
    case 'region':
      return `Эту программу ведёт региональный оператор (${owner.name ?? 'регион'}): изменить её и её потоки может только он.`;
    case 'municipality':
      return `Эту программу ведёт муниципалитет «${owner.name ?? '—'}»: изменить её и её потоки могут только его методисты и региональный оператор.`;
  }
}

/**
 * The keeper of a program the actor adds (by hand or by import): the admin's programs are system
 * ones, the region operator's belong to the region, a methodist's to their municipality
 * (its region is taken from the municipality when stored). A string — why the actor cannot add.
 */
export function newProgramOwner(
  actor: Actor,
): { regionId: string | null; municipalityId: string | null } | string {
  if (actor.role === 'admin') return { regionId: null, municipalityId: null };
  if (actor.role === 'region_admin') {
    return actor.regionId
      ? { regionId: actor.regionId, municipalityId: null }
      : 'У пользователя не указан регион';
  }
  if (actor.role === 'municipal_methodist') {
    return actor.municipalityId
      ? { regionId: actor.regionId, municipalityId: actor.municipalityId }
      : 'У пользователя не указан муниципалитет';
  }
  return 'Каталог программ ведут региональный оператор и методисты';
}

/** What the caller may do in the catalog, for `/api/auth/me` (the web shows buttons by it). */
export function catalogCapabilities(actor: Actor) {
  return {
    createPrograms: can(actor, 'create', 'program'),
    importPrograms: can(actor, 'import', 'programs'),
    recordTrainings: can(actor, 'record', 'trainings'),
    importTrainings: can(actor, 'import', 'trainings'),
  };
}
