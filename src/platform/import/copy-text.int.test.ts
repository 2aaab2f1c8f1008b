import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../tests/helpers/test-db.ts';
import type { Db } from '../db/database.ts';
import { copyRows } from './copy-text.ts';

/** The imports' COPY path on the file's engine: values come back exactly, inside the transaction. */
let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  await db.queryText(
    'CREATE TABLE copy_probe (id int, name text, items text[], amount numeric, flag boolean, doc jsonb, day date)',
  );
});
afterAll(async () => drop());

describe('copyRows', () => {
  it('writes text with tabs, newlines, backslashes and quotes, arrays, numbers, json and nulls', async () => {
    const tricky = 'Школа\t№ 1\n«Ромашка» \\ "A"\r';
    await db.transaction((tx) =>
      copyRows(
        tx,
        'copy_probe',
        ['id', 'name', 'items', 'amount', 'flag', 'doc', 'day'],
        [
          [
            1,
            tricky,
            ['Математика', 'a"b', 'c\\d', 'NULL', ''],
            1.25,
            true,
            JSON.stringify({ note: tricky }),
            '2020-02-29',
          ],
          [2, '\\N', [], 0, false, null, null],
          [3, null, null, null, null, JSON.stringify([1, 'x']), null],
        ],
      ),
    );
    const rows = await db.queryText(
      'SELECT id, name, items, amount, flag, doc, day FROM copy_probe ORDER BY id',
    );
    expect(rows).toEqual([
      {
        id: 1,
        name: tricky,
        items: ['Математика', 'a"b', 'c\\d', 'NULL', ''],
        amount: 1.25,
        flag: true,
        doc: { note: tricky },
        day: '2020-02-29',
      },
      { id: 2, name: '\\N', items: [], amount: 0, flag: false, doc: null, day: null },
      { id: 3, name: null, items: null, amount: null, flag: null, doc: [1, 'x'], day: null },
    ]);
  });

  it('is undone with the transaction it ran in', async () => {
    await expect(
      db.transaction(async (tx) => {
        await copyRows(tx, 'copy_probe', ['id', 'name'], [[10, 'rolled back']]);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await db.queryText('SELECT id FROM copy_probe WHERE id = 10')).toEqual([]);
  });
});
