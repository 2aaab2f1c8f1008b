import { describe, expect, it } from 'vitest';
import { makeSnils } from '../../tests/helpers/factories.ts';
import { rowOf } from '../platform/import/test-rows.ts';
import { readTrainingRow, TRAINING_COLUMNS } from './trainings.rows.ts';

const TODAY = '2026-11-23';
const snils = makeSnils(12345);

describe('training rows', () => {
  it('reads a row matched by СНИЛС', () => {
    const r = rowOf(TRAINING_COLUMNS, {
      СНИЛС: snils,
      Документ: 'Удостоверение',
      Номер: 'У-1',
      'Дата выдачи': '20.05.2026',
      Часы: '72',
      Программа: 'ПК-1',
    });
    expect(readTrainingRow(r, TODAY)).toMatchObject({
      person: { snils },
      document: 'certificate',
      documentNumber: 'У-1',
      issuedOn: '2026-05-20',
      hours: 72,
      provider: null,
    });
  });

  it('reads a row matched by name and birth date', () => {
    const r = rowOf(TRAINING_COLUMNS, {
      Фамилия: 'Иванова',
      Имя: 'Мария',
      Отчество: '',
      'Дата рождения': '15.03.1985',
      Документ: 'диплом',
      Номер: 'Д-1',
      'Дата выдачи': '20.05.2026',
      Часы: '300',
      Программа: 'Менеджмент',
    });
    expect(readTrainingRow(r, TODAY)?.person).toEqual({
      lastName: 'Иванова',
      firstName: 'Мария',
      patronymic: '',
      birthDate: '1985-03-15',
    });
  });

  it('names row and column of each problem', () => {
    const r = rowOf(
      TRAINING_COLUMNS,
      {
        СНИЛС: '123',
        Документ: 'справка',
        Номер: '',
        'Дата выдачи': '01.01.2030',
        Часы: '8',
        Программа: 'ПК-1',
      },
      9,
    );
    expect(readTrainingRow(r, TODAY)).toBeNull();
    expect(r.issues.map((i) => [i.row, i.column])).toEqual([
      [9, 'СНИЛС'],
      [9, 'Документ'],
      [9, 'Номер'],
      [9, 'Дата выдачи'],
    ]);
  });

  it('needs a person: СНИЛС or full name and birth date', () => {
    const r = rowOf(TRAINING_COLUMNS, {
      Документ: 'диплом',
      Номер: 'Д-1',
      'Дата выдачи': '20.05.2026',
      Часы: '100',
      Программа: 'ПП',
    });
    expect(readTrainingRow(r, TODAY)).toBeNull();
    expect(r.issues.map((i) => i.message)).toEqual([
      'Укажите СНИЛС или фамилию, имя, отчество и дату рождения сотрудника',
      expect.stringMatching(/не меньше 250/),
    ]);
  });
});
