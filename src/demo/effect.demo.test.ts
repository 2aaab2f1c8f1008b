import { describe, expect, it } from 'vitest';
import { TEACHER_FRAMEWORK } from '../assessment/frameworks/presets.ts';
import { COMPETENCY_MEANS } from './assessment.demo.ts';
import { chooseDemoCast } from './demo-cast.ts';
import { PREVIOUS_PERIOD, planPreviousCycle, previousTrainings } from './effect.demo.ts';
import { zimaDataset } from './zima.dataset.ts';

const codes = TEACHER_FRAMEWORK.groups.flatMap((g) => g.competencies.map((c) => c.code));
const ds = zimaDataset();
const teacher = chooseDemoCast(ds).teacher.id;
const cycle = planPreviousCycle(ds, codes, COMPETENCY_MEANS, new Set([teacher]));

describe('planPreviousCycle', () => {
  it('is the same each time and leaves the demo teacher out', () => {
    expect(planPreviousCycle(ds, codes, COMPETENCY_MEANS, new Set([teacher]))).toEqual(cycle);
    expect(cycle.participants.some((p) => p.personId === teacher)).toBe(false);
  });

  it('tests the pilot schools’ teachers employed by September 2025; a route for each of 40–60 with 1–4 deficits', () => {
    const employed = new Set(
      ds.employments
        .filter(
          (e) =>
            e.kind === 'main' && e.startDate <= '2025-09-01' && cycle.schoolIds.includes(e.organizationId),
        )
        .map((e) => e.personId),
    );
    for (const p of cycle.participants) expect(employed.has(p.personId)).toBe(true);
    expect(cycle.results).toHaveLength(cycle.participants.length * codes.length);
    expect(cycle.routes.length).toBeGreaterThanOrEqual(40);
    expect(cycle.routes.length).toBeLessThanOrEqual(60);
    const deficitsOf = new Map<string, string[]>();
    for (const r of cycle.results)
      if (r.percent < 50) deficitsOf.set(r.personId, [...(deficitsOf.get(r.personId) ?? []), r.code]);
    expect(new Set(cycle.routes.map((r) => r.personId))).toEqual(new Set(deficitsOf.keys()));
    for (const r of cycle.routes) {
      expect(r.deficits.length).toBeGreaterThanOrEqual(1);
      expect(r.deficits.length).toBeLessThanOrEqual(4);
      expect(new Set(r.items.flatMap((i) => i.codes))).toEqual(new Set(deficitsOf.get(r.personId)));
    }
  });

  it('dates the routes inside the period: agreed, items done and confirmed, completed in June 2026', () => {
    const per = [0, 1, 2].map((k) => cycle.routes.filter((r) => r.curator === k).length);
    expect(Math.max(...per) - Math.min(...per)).toBeLessThanOrEqual(1);
    for (const r of cycle.routes) {
      expect(r.createdAt < r.teacherAgreedAt && r.teacherAgreedAt < r.curatorAgreedAt).toBe(true);
      expect(r.startedAt >= r.curatorAgreedAt).toBe(true);
      expect(r.completedAt.slice(0, 7)).toBe('2026-06');
      expect(r.items.some((i) => !i.dropped)).toBe(true);
      for (const i of r.items) {
        expect(i.plannedStart >= PREVIOUS_PERIOD.start && i.plannedEnd <= PREVIOUS_PERIOD.end).toBe(true);
        if (i.dropped)
          expect([i.doneAt, i.confirmedAt, i.droppedAt! > r.startedAt]).toEqual([null, null, true]);
        else expect(i.doneAt! < i.confirmedAt! && i.confirmedAt! < r.completedAt).toBe(true);
      }
    }
    const dropped = cycle.routes.flatMap((r) => r.items).filter((i) => i.dropped);
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped.length).toBeLessThan(10);
  });

  it('closes most 2025 deficits by September 2026, not all', () => {
    const after = [...cycle.after.values()].flatMap((m) => [...m.values()]);
    expect(after).toHaveLength(cycle.routes.reduce((n, r) => n + r.deficits.length, 0));
    const closed = after.filter((v) => v >= 75).length / after.length;
    expect(closed).toBeGreaterThan(0.65);
    expect(closed).toBeLessThan(0.9);
    expect(after.some((v) => v < 50)).toBe(true);
  });

  it('certifies each program done with a number of its own, on the cohort end', () => {
    const certs = previousTrainings(cycle);
    const done = cycle.routes.flatMap((r) => r.items).filter((i) => i.kind === 'program' && !i.dropped);
    expect(certs).toHaveLength(done.length);
    expect(new Set(certs.map((c) => c.documentNumber)).size).toBe(certs.length);
    for (const c of certs) expect(c.issuedOn < '2026-06-01').toBe(true);
  });
});
