import { describe, expect, it } from 'vitest';
import { TEACHER_FRAMEWORK } from '../assessment/frameworks/presets.ts';
import { COMPETENCY_MEANS, demoResults } from './assessment.demo.ts';
import { DEMO_PROGRAMS } from './catalog.demo.ts';

const codes = TEACHER_FRAMEWORK.groups.flatMap((g) => g.competencies.map((c) => c.code));
const people = Array.from({ length: 400 }, (_, i) => ({
  personId: `p${i}`,
  organizationId: null,
  young: i % 10 === 0,
}));

describe('demoResults', () => {
  it('gives every person a percent per competency, the same each time', () => {
    const a = demoResults(people, codes);
    expect(a).toHaveLength(people.length * codes.length);
    expect(demoResults(people, codes)).toEqual(a);
    for (const r of a) expect(r.percent).toBeGreaterThanOrEqual(5);
    for (const r of a) expect(r.percent).toBeLessThanOrEqual(100);
  });

  it('puts about a third of the people below the deficit line somewhere, the harder competencies more often', () => {
    const rows = demoResults(people, codes);
    const withDeficit = new Set(rows.filter((r) => r.percent < 50).map((r) => r.personId));
    const share = withDeficit.size / people.length;
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.42);
    const deficits = (code: string) => rows.filter((r) => r.code === code && r.percent < 50).length;
    expect(deficits('T-PSY-02')).toBeGreaterThan(deficits('T-COMM-01'));
    // Every competency has some deficit, so the heatmap has no blank column.
    for (const code of codes) expect(deficits(code), code).toBeGreaterThan(0);
  });

  it('gives a person their forced weak spots', () => {
    const rows = demoResults(people.slice(0, 1), codes, new Map([['p0', ['T-METH-03']]]));
    expect(rows.find((r) => r.code === 'T-METH-03')!.percent).toBeLessThan(50);
  });
});

describe('the demo catalog', () => {
  it('covers every competency of the teacher framework but two, and means exist for them all', () => {
    const covered = new Set(DEMO_PROGRAMS.flatMap((p) => p.competencies));
    for (const c of covered) expect(codes).toContain(c);
    expect(codes.filter((c) => !covered.has(c))).toEqual(['T-COMM-01', 'T-MGMT-01']);
    expect(Object.keys(COMPETENCY_MEANS).sort()).toEqual([...codes].sort());
    expect(new Set(DEMO_PROGRAMS.map((p) => p.code)).size).toBe(DEMO_PROGRAMS.length);
    expect(DEMO_PROGRAMS.filter((p) => p.kind === 'retraining').every((p) => p.hours >= 250)).toBe(true);
  });
});
