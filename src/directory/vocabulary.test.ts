import { describe, expect, it } from 'vitest';
import { CATEGORIES, keyByWord, normalizeInn, normalizeSnils, orgKindByShort } from './vocabulary.ts';

describe('normalizeSnils', () => {
  it('accepts a valid number with dashes and a space', () => {
    // 112-233-445 95: 1*9+1*8+2*7+2*6+3*5+3*4+4*3+4*2+5*1 = 95
    expect(normalizeSnils('112-233-445 95')).toEqual({ ok: true, value: '11223344595' });
  });
  it('rejects a wrong checksum', () => {
    expect(normalizeSnils('112-233-445 96')).toEqual({
      ok: false,
      reason: 'неверная контрольная сумма СНИЛС',
    });
  });
  it('treats a weighted sum of 100 as checksum 00', () => {
    // 2*9+2*8+2*7+2*6+4*5+2*4+2*3+2*2+2*1 = 100
    expect(normalizeSnils('222-242-222 00')).toEqual({ ok: true, value: '22224222200' });
    expect(normalizeSnils('222-242-222 01').ok).toBe(false);
  });
  it('rejects wrong length', () => {
    expect(normalizeSnils('123').ok).toBe(false);
  });
});

describe('vocabulary words', () => {
  it('matches case- and ё-insensitively', () => {
    expect(keyByWord(CATEGORIES, '  Высшая ')).toBe('highest');
    expect(keyByWord(CATEGORIES, 'сзд')).toBe('szd');
    expect(keyByWord(CATEGORIES, 'вторая')).toBeUndefined();
    expect(orgKindByShort('доо')).toBe('preschool');
  });
});

describe('normalizeInn', () => {
  it('accepts a valid 10-digit ИНН', () => {
    // 7707083893 (Сбербанк): 7*2+7*4+0*10+7*3+0*5+8*9+3*4+8*6+9*8 = 267; 267 % 11 = 3
    expect(normalizeInn('7707083893')).toEqual({ ok: true, value: '7707083893' });
    expect(normalizeInn('7707083894').ok).toBe(false);
  });
  it('accepts a valid 12-digit ИНН and rejects other lengths', () => {
    expect(normalizeInn('500100732259').ok).toBe(true);
    expect(normalizeInn('500100732258').ok).toBe(false);
    expect(normalizeInn('12345').ok).toBe(false);
  });
});
