import { describe, expect, it } from 'vitest';
import { normalizeSnils } from '../directory/vocabulary.ts';
import { innCheckDigit, isValidOrgInn, makeOrgInn, makeSnils, snilsChecksum } from './identifiers.ts';

describe('СНИЛС', () => {
  it('computes the Pension Fund checksum', () => {
    expect(snilsChecksum('112233445')).toBe('95');
    expect(snilsChecksum('222242222')).toBe('00'); // weighted sum 100
    expect(makeSnils(112_233_445)).toBe('11223344595');
  });

  it('makes numbers the directory accepts', () => {
    for (const body of [1_001_999, 12_345_678, 500_000_000, 999_999_999]) {
      const s = makeSnils(body);
      expect(normalizeSnils(s)).toEqual({ ok: true, value: s });
    }
  });

  it('refuses bodies outside the checksummed range', () => {
    expect(() => makeSnils(1_001_998)).toThrow();
    expect(() => makeSnils(1_000_000_000)).toThrow();
  });
});

describe('ИНН of an organisation', () => {
  it('accepts a real one and rejects a changed digit', () => {
    expect(isValidOrgInn('7707083893')).toBe(true); // a well-known bank
    expect(isValidOrgInn('7707083894')).toBe(false);
    expect(isValidOrgInn('770708389')).toBe(false);
  });

  it('makes valid numbers with the given tax office', () => {
    const inn = makeOrgInn('3814', 1234);
    expect(inn).toMatch(/^381401234\d$/);
    expect(inn[9]).toBe(innCheckDigit('381401234'));
    expect(isValidOrgInn(inn)).toBe(true);
  });
});
