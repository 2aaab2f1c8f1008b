import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../platform/auth/actor.ts';
import {
  can,
  canEditProgram,
  catalogCapabilities,
  newProgramOwner,
  programOwner,
  programOwnerLevel,
} from './catalog.policy.ts';

const actor = (role: Role, regionId: string | null = 'R', municipalityId: string | null = null): Actor => ({
  userId: 'u',
  email: 'u@test.local',
  fullName: 'U',
  role,
  regionId,
  municipalityId,
  organizationId: null,
  personId: null,
});

const system = { region_id: null, municipality_id: null };
const region = { region_id: 'R', municipality_id: null };
const muniA = { region_id: 'R', municipality_id: 'A' };
const muniB = { region_id: 'R', municipality_id: 'B' };
const otherRegion = { region_id: 'Q', municipality_id: null };
const otherMuni = { region_id: 'Q', municipality_id: 'C' };
const all = [system, region, muniA, muniB, otherRegion, otherMuni];

describe('canEditProgram', () => {
  it('the admin keeps everything', () => {
    expect(all.map((p) => canEditProgram(actor('admin', null), p))).toEqual(all.map(() => true));
  });
  it('the region operator keeps the region’s programs and its municipalities’ ones', () => {
    expect(all.map((p) => canEditProgram(actor('region_admin'), p))).toEqual([
      false,
      true,
      true,
      true,
      false,
      false,
    ]);
  });
  it('a methodist keeps only their municipality’s programs', () => {
    expect(all.map((p) => canEditProgram(actor('municipal_methodist', 'R', 'A'), p))).toEqual([
      false,
      false,
      true,
      false,
      false,
      false,
    ]);
    expect(canEditProgram(actor('municipal_methodist', 'R', null), region)).toBe(false);
  });
  it('nobody else keeps any', () => {
    for (const role of ['municipal_head', 'org_head', 'teacher', 'curator', 'expert'] as const) {
      expect(all.some((p) => canEditProgram(actor(role, 'R', 'A'), p))).toBe(false);
    }
  });
});

describe('the keeper of a program', () => {
  it('is told by its columns', () => {
    expect([system, region, muniA].map(programOwnerLevel)).toEqual(['system', 'region', 'municipality']);
    expect(
      programOwner({ ...muniA, region_name: 'Иркутская область', municipality_name: 'г. Зима' }),
    ).toEqual({
      level: 'municipality',
      name: 'г. Зима',
    });
    expect(programOwner({ ...region, region_name: 'Иркутская область', municipality_name: null })).toEqual({
      level: 'region',
      name: 'Иркутская область',
    });
  });
  it('of a new program is the creator’s level', () => {
    expect(newProgramOwner(actor('admin', null))).toEqual({ regionId: null, municipalityId: null });
    expect(newProgramOwner(actor('region_admin'))).toEqual({ regionId: 'R', municipalityId: null });
    expect(newProgramOwner(actor('municipal_methodist', 'R', 'A'))).toEqual({
      regionId: 'R',
      municipalityId: 'A',
    });
    expect(newProgramOwner(actor('municipal_methodist', 'R', null))).toMatch(/не указан муниципалитет/);
    expect(newProgramOwner(actor('region_admin', null))).toMatch(/не указан регион/);
    expect(newProgramOwner(actor('teacher'))).toMatch(/ведут/);
  });
});

describe('can', () => {
  it('creates and imports programs for the catalog’s keepers only', () => {
    const keepers = ['admin', 'region_admin', 'municipal_methodist'];
    for (const role of [
      'admin',
      'region_admin',
      'municipal_methodist',
      'municipal_head',
      'org_head',
      'teacher',
      'curator',
      'expert',
    ] as const) {
      expect(can(actor(role), 'create', 'program')).toBe(keepers.includes(role));
      expect(can(actor(role), 'import', 'programs')).toBe(keepers.includes(role));
    }
  });
  it('updates a program as its keeper', () => {
    expect(can(actor('region_admin'), 'update', { program: region })).toBe(true);
    expect(can(actor('region_admin'), 'update', { program: otherRegion })).toBe(false);
    expect(can(actor('municipal_methodist', 'R', 'A'), 'update', { program: muniB })).toBe(false);
  });
  it('records and imports trainings for those who keep the registry', () => {
    const registry = ['admin', 'region_admin', 'municipal_methodist', 'org_head'];
    for (const role of [
      'admin',
      'region_admin',
      'municipal_methodist',
      'municipal_head',
      'org_head',
      'teacher',
      'curator',
      'expert',
    ] as const) {
      expect(can(actor(role), 'record', 'trainings')).toBe(registry.includes(role));
      expect(can(actor(role), 'import', 'trainings')).toBe(registry.includes(role));
    }
  });
});

describe('catalogCapabilities', () => {
  it('tells the web what the caller may do', () => {
    expect(catalogCapabilities(actor('org_head'))).toEqual({
      createPrograms: false,
      importPrograms: false,
      recordTrainings: true,
      importTrainings: true,
    });
    expect(catalogCapabilities(actor('municipal_methodist', 'R', 'A'))).toEqual({
      createPrograms: true,
      importPrograms: true,
      recordTrainings: true,
      importTrainings: true,
    });
    expect(Object.values(catalogCapabilities(actor('teacher'))).some(Boolean)).toBe(false);
  });
});
