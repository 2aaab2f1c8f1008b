import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../platform/files/read-table.ts';
import {
  SAMPLE_BY_NAME,
  SAMPLE_BY_SNILS,
  SAMPLE_NAME,
  SAMPLES_DIR,
  sampleFile,
  sampleRows,
} from './samples.ts';

const committed = (ext: string) => readFile(path.join(SAMPLES_DIR, `${SAMPLE_NAME}.${ext}`));

describe('docs/samples/regional-results-zima', () => {
  it('has 25 demo teachers (22 by СНИЛС, 3 by name and birth date) and two strangers', () => {
    const rows = sampleRows();
    expect(rows).toHaveLength(SAMPLE_BY_SNILS + SAMPLE_BY_NAME + 2);
    expect(rows.filter((r) => r.personId && r.snils && !r.birthDate)).toHaveLength(SAMPLE_BY_SNILS);
    expect(rows.filter((r) => r.personId && !r.snils && r.birthDate)).toHaveLength(SAMPLE_BY_NAME);
    expect(rows.filter((r) => !r.personId)).toHaveLength(2);
    expect(new Set(rows.flatMap((r) => (r.personId ? [r.personId] : []))).size).toBe(25);
  });

  it('the committed CSV is byte for byte what the script writes (regenerate: npx tsx src/demo/samples.ts)', async () => {
    const fresh = Buffer.from(await sampleFile('csv'));
    expect(fresh.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(fresh.equals(await committed('csv'))).toBe(true);
  });

  it('the committed XLSX holds the same rows as the CSV', async () => {
    const xlsx = await readTable({ fileName: 'sample.xlsx', data: new Uint8Array(await committed('xlsx')) });
    const csv = await readTable({ fileName: 'sample.csv', data: new Uint8Array(await sampleFile('csv')) });
    expect(xlsx.headers).toEqual(csv.headers);
    expect(xlsx.rows.length).toBe(27);
    // The CSV writes a decimal comma for Russian Excel; the XLSX keeps numbers.
    const cells = (t: typeof csv) =>
      t.rows.map((r) => r.cells.map((c) => c.replace(/^(\d+),(\d+)$/, '$1.$2')));
    expect(cells(xlsx)).toEqual(cells(csv));
  });
});
