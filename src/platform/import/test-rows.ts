import { mapHeaders } from './headers.ts';
import type { ColumnSpec } from './import.types.ts';
import { RowReader, specMap } from './row-reader.ts';

/** For unit tests: a RowReader over one row given as { header: cell }. */
export function rowOf(specs: readonly ColumnSpec[], cells: Record<string, string>, rowNumber = 2): RowReader {
  const headers = Object.keys(cells);
  const { index } = mapHeaders(headers, specs);
  return new RowReader({ rowNumber, cells: Object.values(cells) }, specMap(specs), index);
}
