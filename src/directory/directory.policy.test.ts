import { describe, expect, it } from 'vitest';
import { type Actor, ROLES, type Role } from '../platform/auth/actor.ts';
import { can, directoryCapabilities } from './directory.policy.ts';

const REGION = 'R';
const MUNI = 'A';

const actor = (role: Role): Actor => ({
  userId: 'u',
  email: 'u@test.local',
  fullName: 'U',
  role,
  regionId: role === 'region_admin' ? REGION : null,
  municipalityId: ['municipal_methodist', 'municipal_head'].includes(role) ? MUNI : null,
  organizationId: role === 'org_head' ? 'O' : null,
  personId: role === 'teacher' ? 'P' : null,
});

const allowed = (check: (a: Actor) => boolean) => ROLES.filter((r) => check(actor(r)));

describe('directory policy', () => {
  it('the registry is kept by the admin, the region operator, the methodist and the school head', () => {
    const keepers = ['admin', 'region_admin', 'municipal_methodist', 'org_head'];
    expect(allowed((a) => can(a, 'manage', 'registry'))).toEqual(keepers);
    expect(allowed((a) => can(a, 'view', 'full-snils'))).toEqual(keepers);
    for (const kind of ['staff', 'vacancies', 'staffing'] as const) {
      expect(allowed((a) => can(a, 'import', kind))).toEqual(keepers);
    }
  });

  it('lists of people are seen by territorial roles and the curator, not by a teacher or an expert', () => {
    expect(allowed((a) => can(a, 'view', 'registry'))).toEqual([
      'admin',
      'region_admin',
      'municipal_methodist',
      'municipal_head',
      'org_head',
      'curator',
    ]);
  });

  it('organizations are kept in their own territory by the admin, the region operator and the methodist', () => {
    const keepers = ['admin', 'region_admin', 'municipal_methodist'];
    expect(allowed((a) => can(a, 'create', 'organization'))).toEqual(keepers);
    expect(allowed((a) => can(a, 'import', 'orgs'))).toEqual(keepers);
    const here = { regionId: REGION, municipalityId: MUNI };
    const otherMuni = { regionId: REGION, municipalityId: 'B' };
    const otherRegion = { regionId: 'Q', municipalityId: 'C' };
    expect(allowed((a) => can(a, 'update', { organization: here }))).toEqual(keepers);
    expect(allowed((a) => can(a, 'create', { organizationIn: otherMuni }))).toEqual([
      'admin',
      'region_admin',
    ]);
    expect(allowed((a) => can(a, 'update', { organization: otherRegion }))).toEqual(['admin']);
  });

  it('regions are added by the admin; municipalities also by the region operator in their region', () => {
    expect(allowed((a) => can(a, 'create', 'region'))).toEqual(['admin']);
    expect(allowed((a) => can(a, 'create', { municipalityIn: { regionId: REGION } }))).toEqual([
      'admin',
      'region_admin',
    ]);
    expect(allowed((a) => can(a, 'create', { municipalityIn: { regionId: 'Q' } }))).toEqual(['admin']);
  });

  it('capabilities follow the same rules', () => {
    expect(directoryCapabilities(actor('org_head'))).toEqual({
      seeRegistry: true,
      seeOrganizations: true,
      seeOwnCard: false,
      manageRegistry: true,
      manageOrganizations: false,
      importOrganizations: false,
      setUp: false,
      manageTerritories: false,
    });
    // A teacher linked to the registry sees their own card, and nothing else of it.
    const { seeOwnCard, ...rest } = directoryCapabilities(actor('teacher'));
    expect(seeOwnCard).toBe(true);
    expect(Object.values(rest).some(Boolean)).toBe(false);
    expect(directoryCapabilities({ ...actor('teacher'), personId: null }).seeOwnCard).toBe(false);
    expect(directoryCapabilities(actor('curator'))).toMatchObject({
      seeRegistry: true,
      seeOrganizations: false,
    });
  });
});
