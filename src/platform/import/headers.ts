import { columnLetter, normWord } from './cells.ts';
import type { ColumnSpec, ImportIssue } from './import.types.ts';

/** A header as compared: case, ё/е, spaces and a trailing «*» or «:» do not matter. */
export function normalizeHeader(text: string): string {
  return normWord(text.replace(/[*:]+\s*$/, ''));
}

export interface HeaderMap {
  /** Column key → index of the cell in a row. */
  index: Map<string, number>;
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

/**
 * Finds the template's columns among the file's headers, in any order. A missing required
 * column is one error that names all of them; an unknown column is a warning and is skipped.
 */
export function mapHeaders(headers: string[], specs: readonly ColumnSpec[]): HeaderMap {
  const byName = new Map<string, ColumnSpec>();
  for (const spec of specs) {
    byName.set(normalizeHeader(spec.header), spec);
    for (const alias of spec.aliases ?? []) byName.set(normalizeHeader(alias), spec);
  }
  const index = new Map<string, number>();
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  headers.forEach((header, i) => {
    if (!header.trim()) return;
    const spec = byName.get(normalizeHeader(header));
    if (!spec) {
      warnings.push({
        row: 1,
        column: header,
        value: null,
        message: `Столбец «${header}» (${columnLetter(i)}) не используется при загрузке и пропущен`,
      });
      return;
    }
    const seen = index.get(spec.key);
    if (seen !== undefined) {
      errors.push({
        row: 1,
        column: spec.header,
        value: header,
        message: `Столбец «${spec.header}» встречается дважды: ${columnLetter(seen)} и ${columnLetter(i)}; оставьте один`,
      });
      return;
    }
    index.set(spec.key, i);
  });
  const missing = specs.filter((s) => s.required && !index.has(s.key));
  if (missing.length) {
    const list = missing.map((s) => `«${s.header}»`).join(', ');
    errors.push({
      row: 1,
      column: null,
      value: null,
      message:
        missing.length === 1
          ? `В файле нет обязательного столбца ${list}. Проверьте первую строку или скачайте шаблон`
          : `В файле нет обязательных столбцов: ${list}. Проверьте первую строку или скачайте шаблон`,
    });
  }
  return { index, errors, warnings };
}
