import { describe, expect, it } from 'vitest';
import { EndpointRecorder, endpointRows, memorySummary, renderRows, totals } from './load.stats.ts';

describe('load bench rows', () => {
  it('gives per-endpoint percentiles, rates, errors and the p99 ratio to the baseline', () => {
    const rec = new EndpointRecorder(['health', 'staff', 'never']);
    for (let i = 1; i <= 100; i++) rec.response('health', 200, 300, i / 10); // 0.1 … 10 ms
    for (let i = 1; i <= 50; i++) rec.response('staff', i <= 48 ? 200 : 500, 1000, i * 2); // 2 … 100 ms
    rec.timeout('staff');
    rec.error('staff');
    const rows = endpointRows(rec, 10, 'health');
    const health = rows.find((r) => r.endpoint === 'health')!;
    const staff = rows.find((r) => r.endpoint === 'staff')!;
    const never = rows.find((r) => r.endpoint === 'never')!;

    expect(health).toMatchObject({
      n: 100,
      p50: 5,
      p99: 9.9,
      reqPerSec: 10,
      errors: 0,
      bytes: 300,
      p99Ratio: 1,
    });
    // nearest rank: p50 of 50 values is the 25th (50 ms), p99 the 50th (100 ms)
    expect(staff).toMatchObject({
      n: 50,
      p50: 50,
      p99: 100,
      reqPerSec: 5,
      errors: 3,
      timeouts: 1,
      bytes: 1000,
    });
    expect(staff.p99Ratio).toBeCloseTo(100 / 9.9, 10);
    expect(never.n).toBe(0);
    expect(never.p99Ratio).toBeNaN();
    expect(totals(rows)).toEqual({ n: 150, reqPerSec: 15, errors: 3, timeouts: 1 });

    const table = renderRows(rows).split('\n');
    expect(table).toHaveLength(5);
    expect(table[3]).toContain('| staff | 50 | 50.0 | 100 | 5.0 | 3 | 1 | 1000 B | ×10 |');
    expect(table[4]).toContain('| never | 0 | — | — | 0.0 | 0 | 0 | 0 B | — |');
  });

  it('has no ratio without baseline answers', () => {
    const rec = new EndpointRecorder();
    rec.response('staff', 200, 10, 5);
    expect(endpointRows(rec, 1, 'health')[0]!.p99Ratio).toBeNaN();
  });

  it('sums the memory samples in megabytes', () => {
    expect(memorySummary([2 ** 20, 3 * 2 ** 20])).toEqual({ samples: 2, rssMaxMb: 3, rssMeanMb: 2 });
    expect(memorySummary([]).rssMaxMb).toBeNaN();
  });
});
