import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseCsvFast } from './csv-fast.ts';

/** The fast reader must read exactly what csv-parse reads (with read-table's options), or decline. */
const slow = (text: string, delimiter: string): string[][] | 'error' => {
  try {
    return parseCsv(text, {
      delimiter,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: false,
    }) as string[][];
  } catch {
    return 'error';
  }
};

describe('parseCsvFast', () => {
  it('reads quoted fields, doubled quotes, delimiters and line ends inside quotes', () => {
    const text = 'Код;Имя\r\n1;"Школа; № 1"\r\n2;"Он сказал ""да""\r\nи ушёл"\r\n3;a"b\r\n;\r\n';
    expect(parseCsvFast(text, ';')).toEqual(slow(text, ';'));
    expect(parseCsvFast(text, ';')).toEqual([
      ['Код', 'Имя'],
      ['1', 'Школа; № 1'],
      ['2', 'Он сказал "да"\r\nи ушёл'],
      ['3', 'a"b'],
      ['', ''],
    ]);
  });

  it('declines what it does not read like csv-parse: an open quote, text after a quote, mixed line ends', () => {
    expect(parseCsvFast('a;"b\n', ';')).toBeNull();
    expect(parseCsvFast('a;"b"c\n', ';')).toBeNull();
    expect(parseCsvFast('a;b\r\nc\nd\r\n', ';')).toBeNull();
  });

  it('agrees with csv-parse on random texts whenever it reads them', () => {
    const alphabet = ['a', 'б', ';', ',', '"', '\n', '\r', '\r\n', ' ', '""'];
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let read = 0;
    for (let k = 0; k < 5000; k++) {
      let text = '';
      const len = 1 + rnd(30);
      for (let i = 0; i < len; i++) text += alphabet[rnd(alphabet.length)];
      const delimiter = rnd(2) ? ';' : ',';
      const fast = parseCsvFast(text, delimiter);
      if (fast === null) continue;
      read++;
      expect({ text, fast }).toEqual({ text, fast: slow(text, delimiter) });
    }
    expect(read).toBeGreaterThan(1000);
  });
});
