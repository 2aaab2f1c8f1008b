import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../platform/auth/actor.ts';
import { can, monitoringCapabilities, type Owned } from './monitoring.policy.ts';

const REGION = '00000000-0000-0000-0000-0000000000a1';
const MUNI = '00000000-0000-0000-0000-0000000000b1';
const OTHER_MUNI = '00000000-0000-0000-0000-0000000000b2';

function actor(role: Role, over: Partial<Actor> = {}): Actor {
  return {
    userId: 'u',
    email: 'u@example.ru',
    fullName: 'U',
    role,
    regionId: role === 'region_admin' ? REGION : null,
    municipalityId: ['municipal_methodist', 'municipal_head'].includes(role) ? MUNI : null,
    organizationId: role === 'org_head' ? 'org' : null,
    personId: null,
    ...over,
  };
}

const regionSet: Owned = { ownerLevel: 'region', regionId: REGION, municipalityId: null };
const muniSet: Owned = { ownerLevel: 'municipality', regionId: REGION, municipalityId: MUNI };
const otherMuniSet: Owned = { ...muniSet, municipalityId: OTHER_MUNI };

const canEditSet = (a: Actor, set: Owned) => can(a, 'update', { set });

describe('monitoring policy', () => {
  it('capabilities by role: managers, readers, the school head who fills forms, the rest nothing', () => {
    const m = monitoringCapabilities(actor('municipal_methodist'));
    expect(m).toMatchObject({ readSets: true, createSets: true, manageForms: true, fillForms: false });
    expect(m.compareMunicipalities).toBe(false);
    const head = monitoringCapabilities(actor('municipal_head'));
    expect(head).toMatchObject({ readSets: true, createSets: false, readForms: true, manageForms: false });
    const school = monitoringCapabilities(actor('org_head'));
    expect(school).toMatchObject({
      readSets: true,
      readForms: false,
      fillForms: true,
      readMonitorings: true,
    });
    expect(monitoringCapabilities(actor('region_admin')).compareMunicipalities).toBe(true);
    for (const role of ['teacher', 'curator', 'expert'] as const) {
      expect(Object.values(monitoringCapabilities(actor(role))).some(Boolean)).toBe(false);
    }
  });

  it('a set is edited by its territory only; the administrator edits any', () => {
    expect(canEditSet(actor('admin'), muniSet)).toBe(true);
    expect(canEditSet(actor('region_admin'), regionSet)).toBe(true);
    expect(canEditSet(actor('region_admin'), muniSet)).toBe(false);
    expect(canEditSet(actor('municipal_methodist'), muniSet)).toBe(true);
    expect(canEditSet(actor('municipal_methodist'), otherMuniSet)).toBe(false);
    expect(canEditSet(actor('municipal_methodist'), regionSet)).toBe(false);
    expect(canEditSet(actor('municipal_head'), muniSet)).toBe(false);
  });

  it('forms and monitorings are changed by their owner at the owner’s level', () => {
    const changes = [
      (a: Actor, form: Owned) => can(a, 'update', { form }),
      (a: Actor, monitoring: Owned) => can(a, 'manage', { monitoring }),
    ];
    for (const owns of changes) {
      expect(owns(actor('admin'), muniSet)).toBe(true);
      expect(owns(actor('region_admin'), regionSet)).toBe(true);
      expect(owns(actor('region_admin'), muniSet)).toBe(false);
      expect(owns(actor('municipal_methodist'), muniSet)).toBe(true);
      expect(owns(actor('municipal_methodist'), otherMuniSet)).toBe(false);
      expect(owns(actor('org_head'), muniSet)).toBe(false);
    }
  });

  it('a single answer is opened by form readers and the school head; only the school head fills', () => {
    const opens = (role: Role) => can(actor(role), 'read', 'submissions');
    expect(['municipal_methodist', 'municipal_head', 'org_head'].every((r) => opens(r as Role))).toBe(true);
    expect(opens('teacher')).toBe(false);
    expect(can(actor('org_head'), 'read', 'forms')).toBe(false);
    expect(can(actor('org_head'), 'fill', 'submissions')).toBe(true);
    expect(can(actor('municipal_methodist'), 'fill', 'submissions')).toBe(false);
  });
});
