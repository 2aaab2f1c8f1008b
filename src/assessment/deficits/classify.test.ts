import { describe, expect, it } from 'vitest';
import { classify } from './classify.ts';

const t = { deficitBelow: 50, partialBelow: 75 };

describe('classify', () => {
  it('puts the boundaries on the upper level', () => {
    expect(classify(49.99, t)).toBe('deficit');
    expect(classify(50, t)).toBe('partial');
    expect(classify(74.99, t)).toBe('partial');
    expect(classify(75, t)).toBe('none');
  });

  it('covers the ends of the scale', () => {
    expect(classify(0, t)).toBe('deficit');
    expect(classify(100, t)).toBe('none');
  });

  it('follows the framework thresholds', () => {
    expect(classify(55, { deficitBelow: 60, partialBelow: 80 })).toBe('deficit');
    expect(classify(79, { deficitBelow: 60, partialBelow: 80 })).toBe('partial');
    expect(classify(60, { deficitBelow: 60, partialBelow: 60 })).toBe('none');
  });
});
