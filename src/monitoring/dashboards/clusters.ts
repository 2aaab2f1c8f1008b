/**
 * Groups organizations by their indicator profile (003 asks for «кластеризация»): k-means over
 * the organizations' values of share indicators, each indicator scaled to 0…1 across the
 * organizations so that no indicator dominates by its range. Deterministic: the same input gives
 * the same clusters in the same order (farthest-point seeding from a fixed start, ties by id).
 */

export interface ClusterIndicator {
  id: string;
  code: string;
  name: string;
}

export interface ClusterInputOrg {
  id: string;
  name: string;
  /** indicatorId → value (null: not computable for this organization). */
  values: Record<string, number | null>;
}

export interface ClusterResult {
  k: number;
  indicators: ClusterIndicator[];
  clusters: {
    index: number;
    label: string;
    description: string;
    size: number;
    centroid: { indicatorId: string; code: string; value: number }[];
    organizations: { id: string; name: string }[];
  }[];
  /** Organizations that had no value for any indicator and so could not be placed. */
  unplaced: { id: string; name: string }[];
}

/** How far (on the 0…1 scale) a centroid must be from the mean to read as «высокие»/«низкие». */
export const DESCRIBE_MARGIN = 0.15;
const MAX_ITERATIONS = 100;

const dist2 = (a: number[], b: number[]) => a.reduce((s, x, i) => s + (x - b[i]!) ** 2, 0);

function mean(rows: number[][], dims: number): number[] {
  const m = new Array<number>(dims).fill(0);
  for (const r of rows) for (let i = 0; i < dims; i++) m[i]! += r[i]!;
  return m.map((x) => (rows.length ? x / rows.length : 0));
}

/** Lloyd's k-means with deterministic farthest-point seeding; returns each point's cluster. */
export function kMeans(points: number[][], k: number): { assignment: number[]; centroids: number[][] } {
  const n = points.length;
  const dims = points[0]?.length ?? 0;
  if (n === 0) return { assignment: [], centroids: [] };
  // No more clusters than distinct points: duplicates would leave clusters empty.
  const distinct = new Set(points.map((p) => p.join(','))).size;
  const kk = Math.max(1, Math.min(k, distinct));
  const all = mean(points, dims);
  // Start from the point farthest from the overall mean (the most distinctive profile).
  let first = 0;
  for (let i = 1; i < n; i++) if (dist2(points[i]!, all) > dist2(points[first]!, all)) first = i;
  const centroids: number[][] = [[...points[first]!]];
  while (centroids.length < kk) {
    let best = -1;
    let bestD = -1;
    for (let i = 0; i < n; i++) {
      let d = Number.POSITIVE_INFINITY;
      for (const c of centroids) d = Math.min(d, dist2(points[i]!, c));
      if (d > bestD) {
        bestD = d;
        best = i;
      }
    }
    centroids.push([...points[best]!]);
  }
  let assignment = new Array<number>(n).fill(-1);
  for (let iter = 0; iter < MAX_ITERATIONS; iter++) {
    const next = points.map((p) => {
      let c = 0;
      for (let j = 1; j < centroids.length; j++) if (dist2(p, centroids[j]!) < dist2(p, centroids[c]!)) c = j;
      return c;
    });
    const changed = next.some((c, i) => c !== assignment[i]);
    assignment = next;
    for (let j = 0; j < centroids.length; j++) {
      const members = points.filter((_, i) => assignment[i] === j);
      // An emptied cluster keeps its centroid rather than collapsing to the origin.
      if (members.length) centroids[j] = mean(members, dims);
    }
    if (!changed) break;
  }
  return { assignment, centroids };
}

const fmt = (codes: string[]) => codes.join(', ');

/** «высокие значения по 1.1, 2.1; низкие по 3.1» — the centroid against the average profile. */
export function describeCentroid(centroid: number[], average: number[], codes: string[]): string {
  const high = codes.filter((_, i) => centroid[i]! - average[i]! >= DESCRIBE_MARGIN);
  const low = codes.filter((_, i) => average[i]! - centroid[i]! >= DESCRIBE_MARGIN);
  if (!high.length && !low.length) return 'значения близки к средним по всем показателям';
  const parts: string[] = [];
  if (high.length) parts.push(`высокие значения по ${fmt(high)}`);
  if (low.length) parts.push(`${high.length ? 'низкие' : 'низкие значения'} по ${fmt(low)}`);
  return parts.join('; ');
}

export function clusterOrganizations(
  indicators: ClusterIndicator[],
  orgs: ClusterInputOrg[],
  k = 3,
): ClusterResult {
  // Stable order first: the result must not depend on the order rows came from the database.
  const sorted = [...orgs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const isPlaced = (o: ClusterInputOrg) => indicators.some((i) => typeof o.values[i.id] === 'number');
  const placed = sorted.filter(isPlaced);
  const unplaced = sorted.filter((o) => !isPlaced(o)).map((o) => ({ id: o.id, name: o.name }));
  const ranges = indicators.map((ind) => {
    const vs = placed.map((o) => o.values[ind.id]).filter((v): v is number => typeof v === 'number');
    return { min: vs.length ? Math.min(...vs) : 0, max: vs.length ? Math.max(...vs) : 0 };
  });
  const scale = (v: number, i: number) => {
    const { min, max } = ranges[i]!;
    return max > min ? (v - min) / (max - min) : 0.5;
  };
  // A missing value takes the indicator's mean, so it pulls the organization towards no side.
  const colMeans = indicators.map((ind, i) => {
    const vs = placed.map((o) => o.values[ind.id]).filter((v): v is number => typeof v === 'number');
    return vs.length ? vs.reduce((s, v) => s + scale(v, i), 0) / vs.length : 0.5;
  });
  const points = placed.map((o) =>
    indicators.map((ind, i) => {
      const v = o.values[ind.id];
      return typeof v === 'number' ? scale(v, i) : colMeans[i]!;
    }),
  );
  const { assignment, centroids } = kMeans(points, k);
  const average = mean(points, indicators.length);
  const codes = indicators.map((i) => i.code);
  const unscale = (x: number, i: number) => {
    const { min, max } = ranges[i]!;
    return Math.round((min + x * (max - min)) * 10) / 10;
  };
  // Clusters ordered from the strongest average profile down, so «Кластер 1» is the leading group.
  const order = centroids
    .map((c, j) => ({
      j,
      score: c.reduce((s, x) => s + x, 0),
      size: assignment.filter((a) => a === j).length,
    }))
    .filter((c) => c.size > 0)
    .sort((a, b) => b.score - a.score || a.j - b.j);
  return {
    k: order.length,
    indicators,
    clusters: order.map(({ j, size }, index) => ({
      index: index + 1,
      label: `Кластер ${index + 1}`,
      description: describeCentroid(centroids[j]!, average, codes),
      size,
      centroid: indicators.map((ind, i) => ({
        indicatorId: ind.id,
        code: ind.code,
        value: unscale(centroids[j]![i]!, i),
      })),
      organizations: placed.filter((_, p) => assignment[p] === j).map((o) => ({ id: o.id, name: o.name })),
    })),
    unplaced,
  };
}
