import { describe, expect, it } from 'vitest';
import { cohortIssues, hoursProblem, programIssues } from './catalog.vocabulary.ts';

describe('program rules', () => {
  it('limits hours by kind', () => {
    expect(hoursProblem('upgrade', 16)).toBeNull();
    expect(hoursProblem('upgrade', 2000)).toBeNull();
    expect(hoursProblem('upgrade', 15)).toMatch(/от 16 до 2000/);
    expect(hoursProblem('upgrade', 2001)).toMatch(/от 16 до 2000/);
    expect(hoursProblem('retraining', 250)).toBeNull();
    expect(hoursProblem('retraining', 249)).toMatch(/не меньше 250/);
  });

  it('needs the registry number of a federal-registry program', () => {
    const p = { kind: 'upgrade' as const, hours: 36, federalRegistry: true, federalRegistryNumber: ' ' };
    expect(programIssues(p).map((i) => i.path)).toEqual(['federalRegistryNumber']);
    expect(programIssues({ ...p, federalRegistryNumber: '123' })).toEqual([]);
    expect(programIssues({ ...p, federalRegistry: false, federalRegistryNumber: null })).toEqual([]);
  });

  it('refuses a cohort that ends before it starts', () => {
    expect(cohortIssues({ startsOn: '2027-01-10', endsOn: '2027-01-09' })).toHaveLength(1);
    expect(cohortIssues({ startsOn: '2027-01-10', endsOn: '2027-01-10' })).toEqual([]);
  });
});
