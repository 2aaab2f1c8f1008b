/** The shapes every spreadsheet import shares: columns, issues, row outcomes and the report. */

/** 'all': nothing is written unless every row is valid; 'valid': the valid rows are written. */
export type ImportMode = 'all' | 'valid';

/** One problem in the file. Row 1 is the header row; row 0 speaks of the file as a whole. */
export interface ImportIssue {
  row: number;
  /** The column's header as in the template, or null for the whole row / file. */
  column: string | null;
  value: string | null;
  message: string;
}

/**
 * What an import did. Counts are of rows: `created` rows made a new record, `updated` changed an
 * existing one, `unchanged` matched a record that already said the same. When the import was
 * refused (mode 'all' with errors) the counts are 0; in a dry run they say what would happen to
 * the valid rows. An importer may add counts of its own (`X`, e.g. the results written).
 */
export type ImportReport<K extends string = string, X extends ImportCounts = NoCounts> = ImportReportBase<K> &
  X;

/** Further counts an importer reports beside the rows' (zero unless written or checked). */
export type ImportCounts = Record<string, number>;
export type NoCounts = Record<never, number>;

interface ImportReportBase<K extends string> {
  kind: K;
  fileName: string;
  totalRows: number;
  validRows: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  created: number;
  updated: number;
  unchanged: number;
  committed: boolean;
  dryRun: boolean;
}

export interface ColumnSpec {
  key: string;
  /** The header as written in the template and in exports. */
  header: string;
  /** The column must be present in the file (its cells may still be allowed empty). */
  required: boolean;
  /** Other spellings accepted for the header. */
  aliases?: readonly string[];
  /** Written into the template's example row. */
  example: string | number;
  /** One line for the template's «Справка» sheet: what goes here, allowed words. */
  help: string;
  type?: 'text' | 'number' | 'date';
}

export type RowOutcome = 'created' | 'updated' | 'unchanged';
