/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32) and the sampling
 * helpers the demo generator needs. Same seed → same sequence on every machine; no Math.random.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An unsigned 32-bit integer. */
  uint32(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  float(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A normally distributed float (Box–Muller). */
  normal(mean: number, sd: number): number;
  shuffle<T>(items: T[]): T[];
  /** A version-4-shaped UUID made of generator bits: deterministic, unique in practice. */
  uuid(): string;
}

function splitmix32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x9e3779b9) >>> 0;
    let z = a;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A 32-bit seed from any string (FNV-1a), for naming sub-streams. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function createRng(seed: number): Rng {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const uint32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) uint32(); // warm up
  const next = () => uint32() / 4294967296;
  const rng: Rng = {
    next,
    uint32,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    float: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted: (items) => {
      let total = 0;
      for (const [, w] of items) total += w;
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return items[items.length - 1]![0];
    },
    normal: (mean, sd) => {
      const u = 1 - next();
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    },
    uuid: () => {
      const a = uint32();
      const b = uint32();
      const c = uint32();
      const d = uint32();
      return (
        HEX[a >>> 24]! +
        HEX[(a >>> 16) & 255]! +
        HEX[(a >>> 8) & 255]! +
        HEX[a & 255]! +
        '-' +
        HEX[b >>> 24]! +
        HEX[(b >>> 16) & 255]! +
        '-4' +
        HEX[(b >>> 8) & 15]!.slice(1) +
        HEX[b & 255]! +
        '-' +
        HEX[((c >>> 24) & 0x3f) | 0x80]! +
        HEX[(c >>> 16) & 255]! +
        '-' +
        HEX[(c >>> 8) & 255]! +
        HEX[c & 255]! +
        HEX[d >>> 24]! +
        HEX[(d >>> 16) & 255]! +
        HEX[(d >>> 8) & 255]! +
        HEX[d & 255]!
      );
    },
  };
  return rng;
}

/**
 * Draws from a shuffled deck of `size` cards dealt by weight, reshuffling when it runs out.
 * Unlike independent draws, every full deck hits the weights exactly, so shares in small
 * populations (a town of 500 teachers) stay within a point of the target.
 */
export class Deck<T> {
  private cards: T[] = [];
  constructor(
    private readonly rng: Rng,
    private readonly weights: readonly (readonly [T, number])[],
    private readonly size = 100,
  ) {}

  draw(): T {
    if (this.cards.length === 0) this.cards = this.deal();
    return this.cards.pop()!;
  }

  private deal(): T[] {
    const total = this.weights.reduce((s, [, w]) => s + w, 0);
    const exact = this.weights.map(([item, w]) => ({ item, n: (w / total) * this.size }));
    const cards: T[] = [];
    for (const e of exact) for (let i = 0; i < Math.floor(e.n); i++) cards.push(e.item);
    // Largest remainders fill the deck up to its size.
    const rest = [...exact].sort((x, y) => (y.n % 1) - (x.n % 1));
    for (let i = 0; cards.length < this.size && i < rest.length; i++) cards.push(rest[i]!.item);
    return this.rng.shuffle(cards);
  }
}

/** Rounds up or down at random so that the expected value is exact (no bias when summed). */
export function stochasticRound(rng: Rng, x: number): number {
  const floor = Math.floor(x);
  return floor + (rng.next() < x - floor ? 1 : 0);
}
