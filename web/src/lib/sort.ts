import { useMemo, useState } from 'react';
import type { SortOrder } from '../components/table-parts.tsx';

/**
 * Sorting of a list the page already holds whole (a server-paged list sorts on the server). Names
 * sort in natural order, as the server's `naturalOrder` does: «СОШ № 2» before «СОШ № 10»; empty
 * values go last in either direction.
 */

export type SortValue = string | number | boolean | null | undefined;

const collator = new Intl.Collator('ru', { numeric: true, sensitivity: 'base' });

export function compareValues(a: SortValue, b: SortValue): number {
  const emptyA = a === null || a === undefined || a === '';
  const emptyB = b === null || b === undefined || b === '';
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b);
  return Number(a) - Number(b);
}

/** The rows in the order of `key`, ascending or descending; ties keep their order. */
export function sortRows<T>(rows: readonly T[], key: (row: T) => SortValue, order: SortOrder): T[] {
  const sign = order === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: key(row) }))
    .sort((x, y) => {
      const emptyX = x.v === null || x.v === undefined || x.v === '';
      const emptyY = y.v === null || y.v === undefined || y.v === '';
      // Empty values last in both directions.
      if (emptyX !== emptyY) return emptyX ? 1 : -1;
      return sign * compareValues(x.v, y.v) || x.i - y.i;
    })
    .map((x) => x.row);
}

/**
 * Sort state for a table whose rows are all loaded: `rows` in the chosen order, and `th(column)`,
 * the props of a `SortableTh` for that column (`<SortableTh {...sort.th('name')}>`). An initial
 * `sort: null` keeps the server's order (e.g. «what needs attention first») until a header is clicked.
 */
export function useClientSort<T, K extends string>(
  rows: readonly T[],
  columns: Record<K, (row: T) => SortValue>,
  initial: { sort: NoInfer<K> | null; order?: SortOrder },
) {
  const [state, setState] = useState<{ sort: K | null; order: SortOrder }>({
    sort: initial.sort,
    order: initial.order ?? 'asc',
  });
  // The column getters are a literal at each call: sort by the state and the rows only.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  const sorted = useMemo(
    () => (state.sort === null ? [...rows] : sortRows(rows, columns[state.sort], state.order)),
    [rows, state],
  );
  const th = (column: K) => ({
    column,
    sort: state.sort ?? '',
    order: state.order,
    onSort: (c: string, order: SortOrder) => setState({ sort: c as K, order }),
  });
  return { rows: sorted, th, sort: state.sort, order: state.order };
}
