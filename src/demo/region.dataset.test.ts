import { describe, expect, it } from 'vitest';
import { normalizeSnils } from '../directory/vocabulary.ts';
import { materialize } from './dataset.ts';
import { isValidOrgInn } from './identifiers.ts';
import { allocate, regionDataset, regionDatasetStream } from './region.dataset.ts';

const AS_OF = '2026-09-01';

describe('allocate', () => {
  it('splits a total exactly, in proportion, with a minimum per part', () => {
    expect(allocate(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(allocate(100, [3, 1], 10)).toEqual([70, 30]);
    const parts = allocate(50_000, [5, 0.1, 2.2, 9], 2);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(50_000);
    expect(Math.min(...parts)).toBeGreaterThanOrEqual(2);
  });
});

describe('regionDataset', () => {
  const opts = { organizations: 300, staff: 7_500, seed: 11, asOf: AS_OF };
  const ds = regionDataset(opts);

  it('has exactly the organisations and people asked for, across municipalities', () => {
    expect(ds.region).toMatchObject({ code: '74', name: 'Челябинская область' });
    expect(ds.organizations).toHaveLength(300);
    expect(ds.people).toHaveLength(7_500);
    expect(ds.municipalities.length).toBe(6);
    const used = new Set(ds.organizations.map((o) => o.municipalityId));
    expect(used.size).toBe(ds.municipalities.length);
    expect(new Set(ds.organizations.map((o) => o.code)).size).toBe(300);
    for (const o of ds.organizations) expect(isValidOrgInn(o.inn)).toBe(true);
    expect(ds.staffing).toHaveLength(600);
  });

  it('streams the same rows on every pass, and the same as in memory', () => {
    const stream = regionDatasetStream(opts);
    const once = JSON.stringify(materialize(stream));
    expect(JSON.stringify(materialize(stream))).toBe(once);
    expect(once).toBe(JSON.stringify(ds));
  });

  it('keeps the directory rules at scale', () => {
    const snils = ds.people.map((p) => p.snils);
    expect(new Set(snils).size).toBe(snils.length);
    for (const s of snils.slice(0, 500)) expect(normalizeSnils(s).ok).toBe(true);
    const jobs = new Map<string, string[]>();
    for (const e of ds.employments) jobs.set(e.personId, [...(jobs.get(e.personId) ?? []), e.kind]);
    expect(jobs.size).toBe(ds.people.length);
    for (const kinds of jobs.values()) {
      if (kinds.every((k) => k === 'external')) continue;
      expect(kinds.filter((k) => k === 'main')).toHaveLength(1);
    }
    const active = new Set<string>();
    for (const e of ds.employments) {
      const key = `${e.personId}|${e.organizationId}|${e.position.toLowerCase()}`;
      expect(active.has(key)).toBe(false);
      active.add(key);
    }
  });

  it('has the category mix within ±2 points', () => {
    const ids = new Set(
      ds.employments
        .filter((e) => e.kind === 'main' && e.staffCategory === 'pedagogical')
        .map((e) => e.personId),
    );
    const ped = ds.people.filter((p) => ids.has(p.id));
    const pct = (c: string) => (ped.filter((p) => p.category === c).length / ped.length) * 100;
    expect(Math.abs(pct('highest') - 27)).toBeLessThanOrEqual(2);
    expect(Math.abs(pct('first') - 34)).toBeLessThanOrEqual(2);
    expect(Math.abs(pct('szd') - 11)).toBeLessThanOrEqual(2);
  });

  // How long it takes is measured by `npm run bench`, not asserted here (a busy machine is slower).
  it('makes a region of 2 000 organisations and 50 000 staff', () => {
    let people = 0;
    let employments = 0;
    const stream = regionDatasetStream({ organizations: 2_000, staff: 50_000, seed: 1, asOf: AS_OF });
    for (const b of stream.batches) {
      people += b.people.length;
      employments += b.employments.length;
    }
    expect(people).toBe(50_000);
    expect(employments).toBeGreaterThan(50_000);
    expect(stream.municipalities).toHaveLength(40);
  });
});
