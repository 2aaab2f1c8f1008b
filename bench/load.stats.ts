/**
 * The load bench's arithmetic (bench/load.ts): answers recorded per endpoint of the mix, then one
 * row per endpoint — p50 / p99, req/s, errors, timeouts, mean response bytes, and p99 as a multiple
 * of the baseline endpoint's p99 in the same run.
 */
import { fmt, percentile } from './stats.ts';

interface Tally {
  latencies: number[];
  bytes: number;
  errors: number;
  timeouts: number;
}

export class EndpointRecorder {
  readonly #by = new Map<string, Tally>();

  constructor(labels: readonly string[] = []) {
    for (const l of labels) this.#tally(l);
  }

  #tally(label: string): Tally {
    let t = this.#by.get(label);
    if (!t) {
      t = { latencies: [], bytes: 0, errors: 0, timeouts: 0 };
      this.#by.set(label, t);
    }
    return t;
  }

  /** An answer: its latency counts whatever the status; a status outside 2xx is also an error. */
  response(label: string, status: number, bytes: number, ms: number): void {
    const t = this.#tally(label);
    t.latencies.push(ms);
    t.bytes += bytes;
    if (status < 200 || status >= 300) t.errors++;
  }

  /** A connection error: no answer at all. */
  error(label: string): void {
    this.#tally(label).errors++;
  }

  /** No answer within the timeout (the connection is dropped and reopened). */
  timeout(label: string): void {
    const t = this.#tally(label);
    t.timeouts++;
  }

  labels(): string[] {
    return [...this.#by.keys()];
  }

  tally(label: string): Readonly<Tally> | undefined {
    return this.#by.get(label);
  }
}

export interface EndpointRow {
  endpoint: string;
  /** Answers received. */
  n: number;
  p50: number;
  p99: number;
  reqPerSec: number;
  errors: number;
  timeouts: number;
  /** Mean bytes of an answer (headers and body, as received). */
  bytes: number;
  /** p99 ÷ the baseline's p99 of the same run; NaN with no baseline answers. */
  p99Ratio: number;
}

export function endpointRows(rec: EndpointRecorder, seconds: number, baseline: string): EndpointRow[] {
  const base = rec.tally(baseline);
  const baseP99 = base?.latencies.length
    ? percentile(
        [...base.latencies].sort((a, b) => a - b),
        99,
      )
    : Number.NaN;
  return rec.labels().map((endpoint) => {
    const t = rec.tally(endpoint)!;
    const s = [...t.latencies].sort((a, b) => a - b);
    const p99 = percentile(s, 99);
    return {
      endpoint,
      n: s.length,
      p50: percentile(s, 50),
      p99,
      reqPerSec: seconds > 0 ? s.length / seconds : Number.NaN,
      errors: t.errors,
      timeouts: t.timeouts,
      bytes: s.length ? Math.round(t.bytes / s.length) : 0,
      p99Ratio: s.length && baseP99 > 0 ? p99 / baseP99 : Number.NaN,
    };
  });
}

/** Totals over every endpoint of a run: answers, req/s, errors, timeouts. */
export function totals(rows: readonly EndpointRow[]) {
  return rows.reduce(
    (a, r) => ({
      n: a.n + r.n,
      reqPerSec: a.reqPerSec + r.reqPerSec,
      errors: a.errors + r.errors,
      timeouts: a.timeouts + r.timeouts,
    }),
    { n: 0, reqPerSec: 0, errors: 0, timeouts: 0 },
  );
}

export interface MemorySummary {
  samples: number;
  /** Megabytes. */
  rssMaxMb: number;
  rssMeanMb: number;
}

export function memorySummary(rssBytes: readonly number[]): MemorySummary {
  const mb = rssBytes.map((b) => b / 2 ** 20);
  return {
    samples: mb.length,
    rssMaxMb: mb.length ? Math.max(...mb) : Number.NaN,
    rssMeanMb: mb.length ? mb.reduce((a, b) => a + b, 0) / mb.length : Number.NaN,
  };
}

const num = (x: number) => (Number.isNaN(x) ? '—' : fmt(x));
const ratio = (x: number) => (Number.isNaN(x) ? '—' : `×${x >= 10 ? x.toFixed(0) : x.toFixed(1)}`);
const kb = (b: number) => (b >= 10_240 ? `${Math.round(b / 1024)} KB` : `${b} B`);

/** A Markdown table (readable on a terminal, pasteable into docs/PERFORMANCE.md). */
export function renderRows(rows: readonly EndpointRow[]): string {
  const head = '| endpoint | n | p50 ms | p99 ms | req/s | errors | timeouts | bytes | p99 ÷ health p99 |';
  const sep = '|---|---|---|---|---|---|---|---|---|';
  const body = rows.map(
    (r) =>
      `| ${r.endpoint} | ${r.n} | ${num(r.p50)} | ${num(r.p99)} | ${r.reqPerSec.toFixed(1)} | ${r.errors} | ${r.timeouts} | ${kb(r.bytes)} | ${ratio(r.p99Ratio)} |`,
  );
  return [head, sep, ...body].join('\n');
}
