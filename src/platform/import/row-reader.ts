import type { TableRow } from '../files/read-table.ts';
import { type NumberRule, type Parsed, parseDate, parseNumber, parseWord, parseYesNo } from './cells.ts';
import type { ColumnSpec, ImportIssue } from './import.types.ts';

interface ValueOptions {
  /** The cell must not be empty. */
  required?: boolean;
}

/**
 * Reads the cells of one row by column key and collects the row's problems, each naming its
 * row, column and value. A getter returns `undefined` when the file has no such column (the
 * field is left as it is), `null` when the cell is empty or wrong (wrong is recorded), or the value.
 */
export class RowReader {
  readonly issues: ImportIssue[] = [];

  constructor(
    readonly row: TableRow,
    private readonly specs: ReadonlyMap<string, ColumnSpec>,
    private readonly index: ReadonlyMap<string, number>,
  ) {}

  get rowNumber(): number {
    return this.row.rowNumber;
  }

  get ok(): boolean {
    return this.issues.length === 0;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  header(key: string): string {
    return this.specs.get(key)?.header ?? key;
  }

  raw(key: string): string {
    const i = this.index.get(key);
    return i === undefined ? '' : (this.row.cells[i] ?? '');
  }

  /** Records a problem of this row; `key` null means the row as a whole. */
  fail(key: string | null, message: string, value?: string | null): null {
    this.issues.push({
      row: this.row.rowNumber,
      column: key === null ? null : this.header(key),
      value: value === undefined ? (key === null ? null : this.raw(key) || null) : value,
      message,
    });
    return null;
  }

  /** The cell's text, or undefined (no column) / null (empty; an issue if required). */
  private cell(key: string, required: boolean | undefined): string | null | undefined {
    const i = this.index.get(key);
    if (i === undefined) return undefined;
    const text = this.row.cells[i] ?? '';
    if (text !== '') return text;
    return required ? this.fail(key, `Не заполнено обязательное поле «${this.header(key)}»`) : null;
  }

  private take<T>(key: string, parsed: Parsed<T>): T | null {
    return parsed.ok ? parsed.value : this.fail(key, parsed.message);
  }

  value<T>(key: string, parse: (text: string) => Parsed<T>, opts: ValueOptions = {}): T | null | undefined {
    const text = this.cell(key, opts.required);
    return typeof text === 'string' ? this.take(key, parse(text)) : text;
  }

  text(key: string, opts: ValueOptions & { max?: number } = {}): string | null | undefined {
    const text = this.cell(key, opts.required);
    if (typeof text !== 'string') return text;
    const max = opts.max ?? 500;
    if (text.length > max) {
      return this.fail(key, `Слишком длинное значение (${text.length} знаков, допускается ${max})`);
    }
    return MANY_SPACES.test(text) ? text.replace(/\s+/g, ' ') : text;
  }

  date(key: string, opts: ValueOptions = {}): string | null | undefined {
    const text = this.cell(key, opts.required);
    return typeof text === 'string' ? this.take(key, parseDate(text)) : text;
  }

  number(key: string, rule: NumberRule & ValueOptions = {}): number | null | undefined {
    const text = this.cell(key, rule.required);
    return typeof text === 'string' ? this.take(key, parseNumber(text, rule)) : text;
  }

  yesNo(key: string, opts: ValueOptions = {}): boolean | null | undefined {
    const text = this.cell(key, opts.required);
    return typeof text === 'string' ? this.take(key, parseYesNo(text)) : text;
  }

  word<K extends string>(
    key: string,
    words: Record<K, string>,
    opts: ValueOptions & { extra?: Partial<Record<string, K>> } = {},
  ): K | null | undefined {
    const text = this.cell(key, opts.required);
    return typeof text === 'string' ? this.take(key, parseWord(text, words, opts.extra)) : text;
  }
}

const MANY_SPACES = /\s\s|[\t\n\r]/;

export function specMap(specs: readonly ColumnSpec[]): Map<string, ColumnSpec> {
  return new Map(specs.map((s) => [s.key, s]));
}
