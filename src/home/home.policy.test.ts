import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../platform/auth/actor.ts';
import { homeWorkParts } from './home.policy.ts';
import { plural } from './home.service.ts';

const actor = (role: Role, personId: string | null = null): Actor => ({
  userId: 'u',
  email: 'u@example.ru',
  fullName: 'Иванова Мария Петровна',
  role,
  regionId: 'r',
  municipalityId: 'm',
  organizationId: 'o',
  personId,
});

const on = (role: Role, personId: string | null = null) =>
  Object.entries(homeWorkParts(actor(role, personId)))
    .filter(([, v]) => v)
    .map(([k]) => k)
    .sort();

describe('homeWorkParts: each role its part of the day, from the contexts’ policies', () => {
  it('the teacher linked to the registry: their own diagnoses and route', () => {
    expect(on('teacher', 'p')).toEqual(['curated', 'learner']);
    expect(on('teacher')).toEqual(['curated']);
  });
  it('the school head: forms to fill, routes to agree, campaigns', () => {
    expect(on('org_head')).toEqual(['campaignsClosing', 'curated', 'formsToFill', 'routesToApprove']);
  });
  it('the methodist: answers, campaigns, routes without a curator', () => {
    expect(on('municipal_methodist')).toEqual([
      'campaignsClosing',
      'curated',
      'formsToReview',
      'routesWithoutCurator',
    ]);
  });
  it('the region: also the municipalities behind', () => {
    expect(on('region_admin')).toContain('municipalitiesBehind');
    expect(on('municipal_methodist')).not.toContain('municipalitiesBehind');
  });
  it('the curator: only the routes they curate', () => {
    expect(on('curator')).toEqual(['curated']);
  });
});

describe('plural', () => {
  it.each([
    [1, 'форма'],
    [2, 'формы'],
    [5, 'форм'],
    [11, 'форм'],
    [12, 'форм'],
    [21, 'форма'],
    [22, 'формы'],
    [114, 'форм'],
  ])('%i %s', (n, word) => {
    expect(plural(n, 'форма', 'формы', 'форм')).toBe(word);
  });
});
