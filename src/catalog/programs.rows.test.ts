import { describe, expect, it } from 'vitest';
import { rowOf } from '../platform/import/test-rows.ts';
import { PROGRAM_COLUMNS, readProgramRow } from './programs.rows.ts';

const good = {
  Код: 'ПК-1',
  Наименование: 'Функциональная грамотность',
  Вид: 'повышение квалификации',
  Часы: '36',
  'Организация-разработчик': 'ЦНППМ',
  Формат: 'Дистанционно',
  'Федеральный реестр': 'нет',
  'Номер в реестре': '',
  Направления: 'функциональная грамотность; ШНОР; обновленные ФГОС',
  Компетенции: 'M1; M2',
  'Начало потока': '01.02.2027',
  'Окончание потока': '20.02.2027',
};

describe('program rows', () => {
  it('reads a good row, words in any case, directions by Russian name', () => {
    const r = rowOf(PROGRAM_COLUMNS, good);
    const row = readProgramRow(r);
    expect(r.issues).toEqual([]);
    expect(row).toMatchObject({
      code: 'ПК-1',
      kind: 'upgrade',
      hours: 36,
      format: 'distance',
      federalRegistry: false,
      priorityDirections: ['functional_literacy', 'low_results', 'updated_fgos'],
      competencyCodes: ['M1', 'M2'],
      cohort: { startsOn: '2027-02-01', endsOn: '2027-02-20' },
    });
  });

  it('names the column of each problem in Russian', () => {
    const r = rowOf(
      PROGRAM_COLUMNS,
      {
        ...good,
        Вид: 'профессиональная переподготовка',
        Часы: '100',
        Формат: 'заочно',
        'Федеральный реестр': 'да',
        Направления: 'космос',
        'Окончание потока': '01.01.2027',
      },
      5,
    );
    expect(readProgramRow(r)).toBeNull();
    const byColumn = Object.fromEntries(r.issues.map((i) => [i.column, i.message]));
    expect(r.issues.every((i) => i.row === 5)).toBe(true);
    expect(byColumn.Часы).toMatch(/не меньше 250/);
    expect(byColumn.Формат).toMatch(/допустимые: очно, дистанционно, смешанно/);
    expect(byColumn['Номер в реестре']).toMatch(/номер в реестре/);
    expect(byColumn.Направления).toMatch(/Неизвестное направление «космос»/);
    expect(byColumn['Окончание потока']).toMatch(/раньше его начала/);
  });

  it('requires the main fields and both cohort dates together', () => {
    const r = rowOf(PROGRAM_COLUMNS, { ...good, Наименование: '', 'Окончание потока': '' });
    expect(readProgramRow(r)).toBeNull();
    expect(r.issues.map((i) => i.column)).toEqual(['Наименование', 'Окончание потока']);
  });

  it('a row without cohort dates is a program without a cohort', () => {
    const r = rowOf(PROGRAM_COLUMNS, { ...good, 'Начало потока': '', 'Окончание потока': '' });
    expect(readProgramRow(r)?.cohort).toBeNull();
  });
});
