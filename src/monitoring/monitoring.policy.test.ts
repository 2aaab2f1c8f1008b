import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../platform/auth/actor.ts';
import { canEditForm, canEditSet, canManageMonitoring, monitoringCapabilities } from './monitoring.policy.ts';

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

const regionSet = { ownerLevel: 'region' as const, regionId: REGION, municipalityId: null };
const muniSet = { ownerLevel: 'municipality' as const, regionId: REGION, municipalityId: MUNI };
const otherMuniSet = { ...muniSet, municipalityId: OTHER_MUNI };

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
    for (const can of [canEditForm, canManageMonitoring]) {
      expect(can(actor('region_admin'), regionSet)).toBe(true);
      expect(can(actor('region_admin'), muniSet)).toBe(false);
      expect(can(actor('municipal_methodist'), muniSet)).toBe(true);
      expect(can(actor('municipal_methodist'), otherMuniSet)).toBe(false);
      expect(can(actor('org_head'), muniSet)).toBe(false);
    }
  });
});
