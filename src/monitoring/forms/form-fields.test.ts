import { describe, expect, it } from 'vitest';
import { checkFieldDefinitions, checkFieldValue, type FormField, normalizeValues } from './form-fields.ts';

const f = (over: Partial<FormField>): FormField => ({
  code: 'x',
  label: 'Поле',
  type: 'integer',
  required: false,
  ...over,
});

describe('form field checks', () => {
  it('numbers: integer, decimal comma, bounds, percent 0–100', () => {
    expect(checkFieldValue(f({}), '12')).toBeNull();
    expect(checkFieldValue(f({}), '12,5')).toBe('Введите целое число');
    expect(checkFieldValue(f({ type: 'number' }), '12,5')).toBeNull();
    expect(checkFieldValue(f({ type: 'number' }), 'двенадцать')).toBe('Введите число');
    expect(checkFieldValue(f({ min: 1, max: 10 }), 0)).toBe('Не меньше 1');
    expect(checkFieldValue(f({ type: 'number', max: 2.5 }), 3)).toBe('Не больше 2,5');
    expect(checkFieldValue(f({ type: 'percent' }), 100)).toBeNull();
    expect(checkFieldValue(f({ type: 'percent' }), '100,1')).toBe('Процент — от 0 до 100');
    expect(checkFieldValue(f({ type: 'percent' }), -1)).toBe('Процент — от 0 до 100');
  });

  it('required, boolean, date, select', () => {
    expect(checkFieldValue(f({ required: true }), '  ')).toBe('Обязательное поле');
    expect(checkFieldValue(f({ required: false }), null)).toBeNull();
    expect(checkFieldValue(f({ type: 'boolean', required: true }), false)).toBeNull();
    expect(checkFieldValue(f({ type: 'boolean' }), 'да')).toBe('Выберите «да» или «нет»');
    expect(checkFieldValue(f({ type: 'date' }), '2026-02-28')).toBeNull();
    expect(checkFieldValue(f({ type: 'date' }), '2026-02-29')).toBe('Введите дату в формате ГГГГ-ММ-ДД');
    expect(checkFieldValue(f({ type: 'date' }), '28.02.2026')).toBe('Введите дату в формате ГГГГ-ММ-ДД');
    expect(checkFieldValue(f({ type: 'select', options: ['а', 'б'] }), 'б')).toBeNull();
    expect(checkFieldValue(f({ type: 'select', options: ['а', 'б'] }), 'в')).toBe(
      'Выберите значение из списка',
    );
  });

  it('normalizes numbers typed as text and drops unknown keys and empties', () => {
    const fields = [f({ code: 'a', type: 'number' }), f({ code: 'b', type: 'text' }), f({ code: 'c' })];
    expect(normalizeValues(fields, { a: '1,5', b: 'текст', c: '', d: 5 })).toEqual({ a: 1.5, b: 'текст' });
  });

  it('definitions: well-formed unique codes, measure codes as in manual:<code>', () => {
    expect(checkFieldDefinitions([f({ code: 'ok', measureCode: 'mentoring.pairs' })])).toEqual([]);
    expect(checkFieldDefinitions([])).toEqual([{ path: 'fields', message: 'Добавьте хотя бы одно поле' }]);
    expect(checkFieldDefinitions([f({ code: '1bad' })])[0]!.path).toBe('fields.0.code');
    expect(checkFieldDefinitions([f({ code: 'a', measureCode: 'с пробелом' })])).toEqual([
      { path: 'fields.0.measureCode', message: 'Код меры: латинские буквы, цифры, «.», «_», «-»' },
    ]);
    expect(checkFieldDefinitions([f({ code: 'a', type: 'text', min: 1 })])).toEqual([
      { path: 'fields.0.min', message: 'Границы задаются только для числовых полей' },
    ]);
  });
});
