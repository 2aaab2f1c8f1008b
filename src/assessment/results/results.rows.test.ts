import { describe, expect, it } from 'vitest';
import { makeSnils } from '../../../tests/helpers/factories.ts';
import { rowOf } from '../../platform/import/test-rows.ts';
import { readResultRow, resultColumns } from './results.rows.ts';

const TODAY = '2026-11-23';
const CODES = ['T-SUBJ-01', 'T-METH-01'];
const COLUMNS = resultColumns(CODES.map((code) => ({ code, name: code })));
const snils = makeSnils(4242);

describe('result rows', () => {
  it('reads a row by СНИЛС with a decimal comma and an empty (not assessed) competency', () => {
    const r = rowOf(COLUMNS, {
      СНИЛС: snils,
      Процедура: 'Диагностика ЦНППМ',
      Дата: '20.10.2026',
      'T-SUBJ-01': '49,5',
      'T-METH-01': '',
    });
    const row = readResultRow(r, CODES, TODAY);
    expect(r.issues).toEqual([]);
    expect(row).toMatchObject({
      person: { snils },
      procedure: 'Диагностика ЦНППМ',
      assessedOn: '2026-10-20',
    });
    expect([...row!.percents]).toEqual([['T-SUBJ-01', 49.5]]);
  });

  it('reads a row by name and birth date', () => {
    const r = rowOf(COLUMNS, {
      Фамилия: 'Иванова',
      Имя: 'Мария',
      Отчество: 'Петровна',
      'Дата рождения': '15.03.1985',
      Процедура: 'П',
      Дата: '2026-10-20',
      'T-METH-01': '100',
    });
    expect(readResultRow(r, CODES, TODAY)?.person).toEqual({
      lastName: 'Иванова',
      firstName: 'Мария',
      patronymic: 'Петровна',
      birthDate: '1985-03-15',
    });
  });

  it('refuses a percent out of range naming the column, a future date and a row without results', () => {
    const r = rowOf(COLUMNS, { СНИЛС: snils, Процедура: 'П', Дата: '01.01.2030', 'T-SUBJ-01': '101' }, 7);
    expect(readResultRow(r, CODES, TODAY)).toBeNull();
    expect(r.issues.map((i) => [i.row, i.column])).toEqual([
      [7, 'Дата'],
      [7, 'T-SUBJ-01'],
    ]);
    expect(r.issues[1]!.message).toContain('от 0 до 100');
    const empty = rowOf(COLUMNS, { СНИЛС: snils, Процедура: 'П', Дата: '01.01.2026', 'T-SUBJ-01': '' });
    expect(readResultRow(empty, CODES, TODAY)).toBeNull();
    expect(empty.issues[0]!.message).toContain('нет ни одного результата');
  });

  it('asks for СНИЛС or the full name and birth date', () => {
    const r = rowOf(COLUMNS, { Процедура: 'П', Дата: '01.01.2026', 'T-SUBJ-01': '50' });
    expect(readResultRow(r, CODES, TODAY)).toBeNull();
    expect(r.issues[0]!.message).toContain('Укажите СНИЛС');
    const bad = rowOf(COLUMNS, { СНИЛС: '123', Процедура: 'П', Дата: '01.01.2026', 'T-SUBJ-01': 'abc' });
    expect(readResultRow(bad, CODES, TODAY)).toBeNull();
    expect(bad.issues.map((i) => i.column)).toEqual(['СНИЛС', 'T-SUBJ-01']);
  });
});
