import { describe, expect, it } from 'vitest';
import { createRng, Deck, hashSeed, stochasticRound } from './prng.ts';

describe('createRng', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = Array.from({ length: 20 }, () => a.uint32());
    expect(Array.from({ length: 20 }, () => b.uint32())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.uint32())).not.toEqual(seqA);
  });

  it('keeps int() within bounds and reaches both ends', () => {
    const r = createRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const x = r.int(3, 7);
      expect(x).toBeGreaterThanOrEqual(3);
      expect(x).toBeLessThanOrEqual(7);
      seen.add(x);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('makes version-4-shaped UUIDs without repeats', () => {
    const r = createRng(7);
    const ids = Array.from({ length: 5000 }, () => r.uuid());
    for (const id of ids.slice(0, 50))
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('hashes names to stable seeds', () => {
    expect(hashSeed('zima')).toBe(hashSeed('zima'));
    expect(hashSeed('zima')).not.toBe(hashSeed('zimа')); // the last letter is Cyrillic
  });
});

describe('Deck', () => {
  it('deals every full deck exactly by weight', () => {
    const deck = new Deck(createRng(5), [
      ['a', 27],
      ['b', 34],
      ['c', 39],
    ]);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 300; i++) counts[deck.draw()]! += 1;
    expect(counts).toEqual({ a: 81, b: 102, c: 117 });
  });

  it('fills the deck by largest remainders when weights do not divide it', () => {
    const deck = new Deck(
      createRng(5),
      [
        ['x', 1],
        ['y', 1],
        ['z', 1],
      ],
      10,
    );
    const counts: Record<string, number> = { x: 0, y: 0, z: 0 };
    for (let i = 0; i < 10; i++) counts[deck.draw()]! += 1;
    expect(Object.values(counts).sort()).toEqual([3, 3, 4]);
  });
});

describe('stochasticRound', () => {
  it('is unbiased over many draws', () => {
    const r = createRng(9);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) sum += stochasticRound(r, 2.3);
    expect(sum / 10_000).toBeCloseTo(2.3, 1);
  });
});
