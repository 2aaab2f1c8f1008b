import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../platform/auth/actor.ts';
import { canManageProgram, mentoringCapabilities, pairAbilities, sideOf } from './mentoring.policy.ts';
import { deficitStatus, weeksBetween } from './mentoring.vocabulary.ts';

const actor = (role: Role, extra: Partial<Actor> = {}): Actor => ({
  userId: 'u',
  email: 'u@test.local',
  fullName: 'Тест',
  role,
  regionId: 'r',
  municipalityId: 'm',
  organizationId: null,
  personId: null,
  ...extra,
});
const program = { region_id: 'r', municipality_id: 'm', organization_id: 'A' };
const pair = { mentor_person_id: 'mentor', mentee_person_ids: ['mentee'], open: true };

describe('mentoring policy', () => {
  it('only the head of the program’s organization (and the admin) manages it', () => {
    expect(canManageProgram(actor('org_head', { organizationId: 'A' }), program)).toBe(true);
    expect(canManageProgram(actor('org_head', { organizationId: 'B' }), program)).toBe(false);
    expect(canManageProgram(actor('municipal_methodist'), program)).toBe(false);
    expect(canManageProgram(actor('admin'), program)).toBe(true);
  });

  it('the mentor plans and reports, the mentee reports only, a finished pair takes nothing', () => {
    const mentor = actor('curator', { personId: 'mentor' });
    const mentee = actor('teacher', { personId: 'mentee' });
    expect(sideOf(mentor, pair)).toBe('mentor');
    expect(pairAbilities(mentor, program, pair)).toMatchObject({
      canPlan: true,
      canReport: true,
      canFinish: false,
    });
    expect(pairAbilities(mentee, program, pair)).toMatchObject({ canPlan: false, canReport: true });
    expect(pairAbilities(actor('teacher', { personId: 'x' }), program, pair)).toMatchObject({
      side: null,
      canReport: false,
    });
    expect(pairAbilities(mentor, program, { ...pair, open: false })).toMatchObject({
      canPlan: false,
      canReport: false,
    });
    expect(mentoringCapabilities(actor('teacher'))).toEqual({
      managePrograms: false,
      seePrograms: false,
      ownMentoring: false,
    });
  });

  it('a deficit closes when the next result reaches the threshold; weeks are whole', () => {
    expect(deficitStatus(null, 50)).toBe('pending');
    expect(deficitStatus(49.9, 50)).toBe('open');
    expect(deficitStatus(50, 50)).toBe('closed');
    expect(weeksBetween('2026-09-01', '2026-10-15')).toBe(6);
    expect(weeksBetween('2026-10-15', '2026-09-01')).toBe(0);
  });
});
