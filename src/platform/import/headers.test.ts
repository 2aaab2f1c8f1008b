import { describe, expect, it } from 'vitest';
import {
  STAFF_COLUMN_SPECS,
  STAFF_COLUMNS,
  STAFFING_COLUMN_SPECS,
} from '../../directory/import/import.columns.ts';
import { mapHeaders, normalizeHeader } from './headers.ts';

describe('header matching', () => {
  it('ignores case, ё/е, spaces and a trailing asterisk', () => {
    expect(normalizeHeader('  ДАТА   рождения* ')).toBe(normalizeHeader('Дата рождения'));
    expect(normalizeHeader('Педагогический стаж')).toBe(normalizeHeader('педагогический  стаж'));
    expect(normalizeHeader('Семёнов')).toBe('семенов');
  });

  it('finds the columns in any order and by their other spellings', () => {
    const headers = [...STAFF_COLUMNS].reverse().map((h) => h.toUpperCase());
    headers[headers.indexOf('EMAIL')] = 'E-mail';
    const { index, errors, warnings } = mapHeaders(headers, STAFF_COLUMN_SPECS);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(index.get('lastName')).toBe(STAFF_COLUMNS.length - 1);
    expect(index.get('email')).toBe(0);
  });

  it('warns about unknown columns and skips them, so an export with derived columns re-imports', () => {
    const { index, errors, warnings } = mapHeaders(
      [...STAFF_COLUMNS, 'Возраст', 'Молодой специalist', ''],
      STAFF_COLUMN_SPECS,
    );
    expect(errors).toEqual([]);
    expect(index.size).toBe(STAFF_COLUMNS.length);
    expect(warnings).toEqual([
      {
        row: 1,
        column: 'Возраст',
        value: null,
        message: 'Столбец «Возраст» (U) не используется при загрузке и пропущен',
      },
      expect.objectContaining({ row: 1, column: 'Молодой специalist' }),
    ]);
  });

  it('reports all missing required columns as one error', () => {
    const { errors } = mapHeaders(['Организация', 'Год', 'Лишний'], STAFFING_COLUMN_SPECS);
    expect(errors).toEqual([
      {
        row: 1,
        column: null,
        value: null,
        message:
          'В файле нет обязательных столбцов: «Педагогических ставок всего», «Педагогических ставок занято», «Административных ставок всего», «Административных ставок занято». Проверьте первую строку или скачайте шаблон',
      },
    ]);
  });

  it('refuses a column given twice, naming both letters', () => {
    const { errors } = mapHeaders([...STAFF_COLUMNS, 'снилс'], STAFF_COLUMN_SPECS);
    expect(errors).toEqual([
      {
        row: 1,
        column: 'СНИЛС',
        value: 'снилс',
        message: 'Столбец «СНИЛС» встречается дважды: F и U; оставьте один',
      },
    ]);
  });
});
