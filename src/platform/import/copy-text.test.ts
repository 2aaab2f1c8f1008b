import { describe, expect, it } from 'vitest';
import { copyText, copyValue } from './copy-text.ts';

describe('COPY text format', () => {
  it('writes null as \\N, booleans as t/f and numbers as digits', () => {
    expect([null, undefined, true, false, 0, 1.25, -3].map(copyValue)).toEqual([
      '\\N',
      '\\N',
      't',
      'f',
      '0',
      '1.25',
      '-3',
    ]);
  });

  it('escapes the characters COPY treats specially, and nothing else', () => {
    expect(copyValue('Школа № 1 «Ромашка»')).toBe('Школа № 1 «Ромашка»');
    expect(copyValue('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    // The text «\N» is a value, not a null.
    expect(copyValue('\\N')).toBe('\\\\N');
  });

  it('writes a string array as an array literal with quoted items', () => {
    expect(copyValue([])).toBe('{}');
    expect(copyValue(['Математика', 'Русский язык'])).toBe('{"Математика","Русский язык"}');
    expect(copyValue(['a"b', 'c\\d', 'NULL'])).toBe('{"a\\\\"b","c\\\\\\\\d","NULL"}');
  });

  it('escapes JSON text (a jsonb value) like any text', () => {
    expect(copyValue(JSON.stringify({ note: 'x\ty' }))).toBe('{"note":"x\\\\ty"}');
  });

  it('joins values by tabs and rows by newlines', () => {
    expect(
      copyText([
        ['a', null, 1],
        ['b', 'c', 2],
      ]),
    ).toBe('a\t\\N\t1\nb\tc\t2\n');
  });
});
