import { describe, expect, it } from 'vitest';
import type { Actor } from '../platform/auth/actor.ts';
import {
  canApprovePlan,
  canManagePlan,
  newPlanLevel,
  type PlanRow,
  seesAllRegistrations,
} from './events.policy.ts';

const actor = (p: Partial<Actor> & Pick<Actor, 'role'>): Actor => ({
  userId: 'u',
  email: 'u@test.local',
  fullName: 'Тест',
  regionId: 'R',
  municipalityId: null,
  organizationId: null,
  personId: null,
  ...p,
});

const municipal: PlanRow = {
  level: 'municipal',
  region_id: 'R',
  municipality_id: 'M',
  organization_id: null,
  status: 'draft',
};
const school: PlanRow = {
  level: 'institutional',
  region_id: 'R',
  municipality_id: 'M',
  organization_id: 'O',
  status: 'draft',
};

describe('who keeps and approves plans of events', () => {
  it('gives the municipal plan to its methodists and its approval to the МОУО head', () => {
    const methodist = actor({ role: 'municipal_methodist', municipalityId: 'M' });
    const head = actor({ role: 'municipal_head', municipalityId: 'M' });
    const stranger = actor({ role: 'municipal_methodist', municipalityId: 'X' });
    expect([canManagePlan(methodist, municipal), canApprovePlan(methodist, municipal)]).toEqual([
      true,
      false,
    ]);
    expect([canManagePlan(head, municipal), canApprovePlan(head, municipal)]).toEqual([false, true]);
    expect([canManagePlan(stranger, municipal), seesAllRegistrations(stranger, municipal)]).toEqual([
      false,
      false,
    ]);
    expect(seesAllRegistrations(head, municipal)).toBe(true);
  });

  it('gives a school’s plan to its head, and nothing to a teacher', () => {
    const orgHead = actor({ role: 'org_head', organizationId: 'O' });
    const otherHead = actor({ role: 'org_head', organizationId: 'P' });
    const teacher = actor({ role: 'teacher', personId: 'T', organizationId: 'O' });
    expect([canManagePlan(orgHead, school), canApprovePlan(orgHead, school)]).toEqual([true, true]);
    expect([canManagePlan(orgHead, municipal), seesAllRegistrations(orgHead, municipal)]).toEqual([
      false,
      false,
    ]);
    expect(canManagePlan(otherHead, school)).toBe(false);
    expect([canManagePlan(teacher, school), seesAllRegistrations(teacher, school)]).toEqual([false, false]);
    expect(newPlanLevel(teacher)).toMatch(/^Планы мероприятий составляют/);
    expect(newPlanLevel(orgHead)).toBe('institutional');
  });
});
