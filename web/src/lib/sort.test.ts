import { describe, expect, it } from 'vitest';
import { sortRows } from './sort.ts';

describe('sortRows', () => {
  const rows = [
    { name: 'МБОУ «СОШ № 10»', n: 3 },
    { name: 'МБОУ «СОШ № 2»', n: null },
    { name: 'МБДОУ «Детский сад № 1»', n: 10 },
    { name: 'мбоу «сош № 1»', n: 2 },
  ];
  it('orders names naturally, case aside', () => {
    expect(sortRows(rows, (r) => r.name, 'asc').map((r) => r.name)).toEqual([
      'МБДОУ «Детский сад № 1»',
      'мбоу «сош № 1»',
      'МБОУ «СОШ № 2»',
      'МБОУ «СОШ № 10»',
    ]);
  });
  it('orders numbers by value and keeps empty values last both ways', () => {
    expect(sortRows(rows, (r) => r.n, 'asc').map((r) => r.n)).toEqual([2, 3, 10, null]);
    expect(sortRows(rows, (r) => r.n, 'desc').map((r) => r.n)).toEqual([10, 3, 2, null]);
  });
});
