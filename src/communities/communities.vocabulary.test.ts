import { describe, expect, it } from 'vitest';
import { kindLevelProblem, schoolYearOf, transitionProblem } from './communities.vocabulary.ts';

describe('communities vocabulary', () => {
  it('ties ГМО to the municipality, ШМО to the school, councils to any level', () => {
    expect(kindLevelProblem('gmo', 'municipal')).toBeNull();
    expect(kindLevelProblem('shmo', 'municipal')).toMatch(/ШМО.*уровня «уровень организации»/);
    expect(kindLevelProblem('regional_association', 'institutional')).toMatch(/региональный/);
    expect(kindLevelProblem('methodical_council', 'institutional')).toBeNull();
  });

  it('moves memberships along nomination → approved → active → ended and asks reasons', () => {
    expect(transitionProblem('nominated', 'approved', null)).toBeNull();
    expect(transitionProblem('nominated', 'active', null)?.status).toBe(409);
    expect(transitionProblem('active', 'ended', ' ')).toEqual({
      status: 422,
      message: 'Укажите причину завершения.',
    });
    expect(transitionProblem('nominated', 'rejected', 'Нет стажа')).toBeNull();
    expect(transitionProblem('ended', 'active', null)?.status).toBe(409);
  });

  it('starts a school year in September', () => {
    expect(schoolYearOf('2026-09-01')).toBe(2026);
    expect(schoolYearOf('2027-08-31')).toBe(2026);
  });
});
