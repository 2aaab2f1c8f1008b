import { describe, expect, it } from 'vitest';
import { type Actor, ROLES, type Role } from '../platform/auth/actor.ts';
import { assessmentCapabilities, can, newRecordOwner } from './assessment.policy.ts';

const actor = (
  role: Role,
  ids: { regionId?: string | null; municipalityId?: string | null; organizationId?: string | null } = {},
): Actor => ({
  userId: 'u',
  email: 'u@test.local',
  fullName: 'U',
  role,
  regionId: ids.regionId === undefined ? 'R' : ids.regionId,
  municipalityId: ids.municipalityId === undefined ? 'M' : ids.municipalityId,
  organizationId: ids.organizationId === undefined ? 'O' : ids.organizationId,
  personId: null,
});

const allowed = (check: (a: Actor) => boolean) => ROLES.filter((r) => check(actor(r)));

describe('can: what a role may do at all', () => {
  it('builders write frameworks and instruments, see keys, export and import results', () => {
    const builders = ['admin', 'region_admin', 'municipal_methodist'];
    expect(allowed((a) => can(a, 'create', 'framework'))).toEqual(builders);
    expect(allowed((a) => can(a, 'create', 'instrument'))).toEqual(builders);
    expect(allowed((a) => can(a, 'view', 'instrument-keys'))).toEqual(builders);
    expect(allowed((a) => can(a, 'export', 'instruments'))).toEqual(builders);
    expect(allowed((a) => can(a, 'import', 'results'))).toEqual(builders);
  });
  it('campaigns are conducted by the territory levels and the school head, and followed by the education authority too', () => {
    expect(allowed((a) => can(a, 'conduct', 'campaigns'))).toEqual([
      'admin',
      'region_admin',
      'municipal_methodist',
      'org_head',
    ]);
    expect(allowed((a) => can(a, 'view', 'campaigns'))).toEqual([
      'admin',
      'region_admin',
      'municipal_methodist',
      'municipal_head',
      'org_head',
    ]);
  });
  it('deficits of groups are seen by those who lead and accompany teachers', () => {
    expect(allowed((a) => can(a, 'view', 'deficits'))).toEqual([
      'admin',
      'region_admin',
      'municipal_methodist',
      'municipal_head',
      'org_head',
      'curator',
    ]);
  });
});

describe('can: what a role may do with a record', () => {
  const system = { owner_level: 'system', region_id: null, municipality_id: null } as const;
  const region = { owner_level: 'region', region_id: 'R', municipality_id: null } as const;
  const muni = { owner_level: 'municipality', region_id: 'R', municipality_id: 'M' } as const;
  const otherMuni = { owner_level: 'municipality', region_id: 'R', municipality_id: 'N' } as const;

  it('a system framework is copied, never edited; a system instrument is kept by the admin', () => {
    expect(can(actor('admin'), 'update', { framework: system })).toBe(false);
    expect(can(actor('admin'), 'update', { instrument: system })).toBe(true);
    expect(can(actor('region_admin'), 'update', { instrument: system })).toBe(false);
  });
  it('owned records are kept at their own level', () => {
    for (const thing of [{ framework: region }, { instrument: region }]) {
      expect(can(actor('region_admin'), 'update', thing)).toBe(true);
      expect(can(actor('region_admin', { regionId: 'Q' }), 'update', thing)).toBe(false);
      expect(can(actor('municipal_methodist'), 'update', thing)).toBe(false);
    }
    for (const thing of [{ framework: muni }, { instrument: muni }]) {
      expect(can(actor('municipal_methodist'), 'update', thing)).toBe(true);
      expect(can(actor('region_admin'), 'update', thing)).toBe(false);
      expect(can(actor('org_head'), 'update', thing)).toBe(false);
    }
    expect(can(actor('municipal_methodist'), 'update', { framework: otherMuni })).toBe(false);
    expect(can(actor('admin'), 'update', { framework: otherMuni })).toBe(true);
  });
  it('a campaign is managed by its own level (the admin any)', () => {
    const school = { ...muni, owner_level: 'organization', organization_id: 'O' } as const;
    const municipal = { ...muni, organization_id: null };
    expect(can(actor('org_head'), 'manage', { campaign: school })).toBe(true);
    expect(can(actor('org_head', { organizationId: 'P' }), 'manage', { campaign: school })).toBe(false);
    expect(can(actor('municipal_methodist'), 'manage', { campaign: school })).toBe(false);
    expect(can(actor('municipal_methodist'), 'manage', { campaign: municipal })).toBe(true);
    expect(can(actor('municipal_head'), 'manage', { campaign: municipal })).toBe(false);
    expect(can(actor('admin'), 'manage', { campaign: school })).toBe(true);
  });
});

describe('newRecordOwner', () => {
  it('is the creator’s level, or null when their account lacks its id', () => {
    expect(newRecordOwner(actor('admin'))).toEqual({ level: 'system' });
    expect(newRecordOwner(actor('region_admin'))).toEqual({ level: 'region', regionId: 'R' });
    expect(newRecordOwner(actor('municipal_methodist'))).toEqual({
      level: 'municipality',
      municipalityId: 'M',
    });
    expect(newRecordOwner(actor('org_head'))).toEqual({ level: 'organization', organizationId: 'O' });
    expect(newRecordOwner(actor('region_admin', { regionId: null }))).toBeNull();
    expect(newRecordOwner(actor('municipal_methodist', { municipalityId: null }))).toBeNull();
    expect(newRecordOwner(actor('org_head', { organizationId: null }))).toBeNull();
  });
});

describe('assessmentCapabilities', () => {
  it('answers the same as can for each class-level action', () => {
    expect(assessmentCapabilities(actor('municipal_head'))).toEqual({
      createFrameworks: false,
      createInstruments: false,
      viewInstrumentKeys: false,
      importResults: false,
      viewCampaigns: true,
      conductCampaigns: false,
      viewDeficits: true,
      takeAssessments: false,
    });
    // The admin may do everything but take a diagnosis: that is a registry person's own.
    const { takeAssessments: adminTakes, ...admin } = assessmentCapabilities(actor('admin'));
    expect(Object.values(admin).every(Boolean)).toBe(true);
    expect(adminTakes).toBe(false);
    const { takeAssessments, ...teacher } = assessmentCapabilities({ ...actor('teacher'), personId: 'P' });
    expect(Object.values(teacher).some(Boolean)).toBe(false);
    expect(takeAssessments).toBe(true);
    expect(assessmentCapabilities({ ...actor('teacher'), personId: null }).takeAssessments).toBe(false);
  });
});
