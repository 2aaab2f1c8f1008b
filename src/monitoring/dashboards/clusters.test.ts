import { describe, expect, it } from 'vitest';
import { clusterOrganizations, describeCentroid, kMeans } from './clusters.ts';

const IND = [
  { id: 'i1', code: '1.1', name: 'Доля аттестованных' },
  { id: 'i2', code: '2.1', name: 'Доля прошедших диагностику' },
  { id: 'i3', code: '3.1', name: 'Доля молодых' },
];

/** Three evident groups: strong on 1.1 and 2.1, strong on 3.1, weak everywhere. */
const ORGS = [
  { id: 'a1', name: 'Школа А1', values: { i1: 90, i2: 85, i3: 10 } },
  { id: 'a2', name: 'Школа А2', values: { i1: 88, i2: 80, i3: 12 } },
  { id: 'b1', name: 'Школа Б1', values: { i1: 40, i2: 35, i3: 70 } },
  { id: 'b2', name: 'Школа Б2', values: { i1: 42, i2: 30, i3: 75 } },
  { id: 'c1', name: 'Школа В1', values: { i1: 10, i2: 5, i3: 15 } },
  { id: 'c2', name: 'Школа В2', values: { i1: 12, i2: 8, i3: 10 } },
];

const groups = (r: ReturnType<typeof clusterOrganizations>) =>
  r.clusters.map((c) => c.organizations.map((o) => o.id).sort());

describe('clusterOrganizations', () => {
  it('finds the evident groups and describes each against the average profile', () => {
    const r = clusterOrganizations(IND, ORGS, 3);
    expect(r.k).toBe(3);
    expect(groups(r).sort()).toEqual([
      ['a1', 'a2'],
      ['b1', 'b2'],
      ['c1', 'c2'],
    ]);
    const a = r.clusters.find((c) => c.organizations.some((o) => o.id === 'a1'))!;
    expect(a.description).toBe('высокие значения по 1.1, 2.1; низкие по 3.1');
    const b = r.clusters.find((c) => c.organizations.some((o) => o.id === 'b1'))!;
    expect(b.description).toBe('высокие значения по 3.1');
    const c = r.clusters.find((x) => x.organizations.some((o) => o.id === 'c1'))!;
    expect(c.description).toBe('низкие значения по 1.1, 2.1, 3.1');
    // Centroids are on the indicators' own scale.
    expect(a.centroid.find((x) => x.code === '1.1')!.value).toBe(89);
    expect(a.size).toBe(2);
  });

  it('is deterministic: the input order does not change the clusters or their order', () => {
    const one = clusterOrganizations(IND, ORGS, 3);
    const two = clusterOrganizations(IND, [...ORGS].reverse(), 3);
    const three = clusterOrganizations(IND, [ORGS[3]!, ORGS[0]!, ORGS[5]!, ORGS[1]!, ORGS[4]!, ORGS[2]!], 3);
    expect(two).toEqual(one);
    expect(three).toEqual(one);
    // Cluster 1 is the strongest average profile.
    expect(one.clusters[0]!.label).toBe('Кластер 1');
    expect(one.clusters[0]!.organizations.map((o) => o.id).sort()).toEqual(['a1', 'a2']);
  });

  it('never makes more clusters than distinct profiles, and sets aside organizations with no values', () => {
    const r = clusterOrganizations(
      IND,
      [
        { id: 'x', name: 'X', values: { i1: 50, i2: 50, i3: 50 } },
        { id: 'y', name: 'Y', values: { i1: 50, i2: 50, i3: 50 } },
        { id: 'z', name: 'Z', values: { i1: null, i2: null, i3: null } },
      ],
      3,
    );
    expect(r.k).toBe(1);
    expect(r.clusters[0]!.size).toBe(2);
    expect(r.clusters[0]!.description).toBe('значения близки к средним по всем показателям');
    expect(r.unplaced).toEqual([{ id: 'z', name: 'Z' }]);
  });

  it('a missing value sits at the mean and does not make its organization look weak', () => {
    const r = clusterOrganizations(
      IND.slice(0, 2),
      [
        { id: 'p', name: 'P', values: { i1: 100, i2: 100 } },
        { id: 'q', name: 'Q', values: { i1: 0, i2: 0 } },
        { id: 'r', name: 'R', values: { i1: 100, i2: null } },
      ],
      2,
    );
    expect(groups(r)).toEqual([['p', 'r'], ['q']]);
  });

  it('empty input gives no clusters', () => {
    expect(clusterOrganizations(IND, [], 3)).toMatchObject({ k: 0, clusters: [], unplaced: [] });
  });
});

describe('kMeans', () => {
  it('converges to the two obvious centres', () => {
    const { assignment, centroids } = kMeans([[0], [0.1], [0.9], [1]], 2);
    expect(assignment[0]).toBe(assignment[1]);
    expect(assignment[2]).toBe(assignment[3]);
    expect(assignment[0]).not.toBe(assignment[2]);
    expect(centroids.map((c) => c[0]).sort()).toEqual([0.05, 0.95]);
  });
});

describe('describeCentroid', () => {
  it('names only indicators past the margin', () => {
    expect(describeCentroid([0.9, 0.55, 0.1], [0.5, 0.5, 0.5], ['1.1', '2.1', '3.1'])).toBe(
      'высокие значения по 1.1; низкие по 3.1',
    );
  });
});
