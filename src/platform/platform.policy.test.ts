import { describe, expect, it } from 'vitest';
import { type Actor, ROLES, type Role } from './auth/actor.ts';
import { can, invitableRoles, platformCapabilities } from './platform.policy.ts';

const actor = (role: Role): Actor => ({
  userId: 'u',
  email: 'u@test.local',
  fullName: 'U',
  role,
  regionId: null,
  municipalityId: null,
  organizationId: null,
  personId: null,
});

const allowed = (check: (a: Actor) => boolean) => ROLES.filter((r) => check(actor(r)));

describe('platform policy', () => {
  it('users, the audit log and settings are the administrator’s', () => {
    expect(allowed((a) => can(a, 'manage', 'users'))).toEqual(['admin']);
    expect(allowed((a) => can(a, 'read', 'audit'))).toEqual(['admin']);
    expect(allowed((a) => can(a, 'change', 'settings'))).toEqual(['admin']);
    expect(platformCapabilities(actor('admin'))).toEqual({ users: true, audit: true, settings: true });
    expect(platformCapabilities(actor('region_admin'))).toEqual({
      users: false,
      audit: false,
      settings: false,
    });
  });

  it('users of one’s area are listed by the registry’s keepers and the head of the education authority', () => {
    expect(allowed((a) => can(a, 'list', 'users'))).toEqual([
      'admin',
      'region_admin',
      'municipal_methodist',
      'municipal_head',
      'org_head',
    ]);
  });

  it('each inviting role hands out its own roles; the rest invite no one', () => {
    expect(allowed((a) => can(a, 'invite', 'people'))).toEqual([
      'admin',
      'region_admin',
      'municipal_methodist',
      'org_head',
    ]);
    expect(invitableRoles(actor('org_head'))).toEqual(['teacher', 'curator']);
    expect(can(actor('org_head'), 'invite', { role: 'curator' })).toBe(true);
    expect(can(actor('org_head'), 'invite', { role: 'org_head' })).toBe(false);
    expect(can(actor('municipal_methodist'), 'invite', { role: 'municipal_head' })).toBe(false);
    expect(can(actor('region_admin'), 'invite', { role: 'municipal_head' })).toBe(true);
    expect(invitableRoles(actor('teacher'))).toEqual([]);
  });
});
