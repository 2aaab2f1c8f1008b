import { describe, expect, it } from 'vitest';
import {
  describeFormula,
  evaluate,
  type Formula,
  isDerived,
  type MeasureTotal,
  validateFormula,
} from './formula.ts';
import { targetStatus } from './target-status.ts';

const totals = (m: Record<string, MeasureTotal>) => (ref: { measure: string }) =>
  m[ref.measure] ?? { value: 0, present: true };

describe('validateFormula', () => {
  it('accepts a valid share, count, ratio, sum and manual formula', () => {
    const ok: Formula[] = [
      { kind: 'share', numerator: { measure: 'staff.young' }, denominator: { measure: 'staff.total' } },
      { kind: 'count', of: { measure: 'staff.age', params: { max: 35 } } },
      {
        kind: 'ratio',
        numerator: { measure: 'vacancies.open' },
        denominator: { measure: 'orgs.total' },
        per: 100,
      },
      {
        kind: 'sum',
        terms: [{ measure: 'manual:a' }, { measure: 'vacancies.open', params: { zemsky: true } }],
      },
      { kind: 'manual', measure: 'manual:events_held' },
    ];
    for (const f of ok) expect(validateFormula(f, {})).toEqual([]);
  });

  it('names what is wrong, in Russian', () => {
    expect(validateFormula({ kind: 'count', of: { measure: 'staff.foo' } })).toEqual([
      { path: 'of.measure', message: 'Мера staff.foo не существует' },
    ]);
    expect(validateFormula({ kind: 'count', of: { measure: 'staff.category' } })[0]?.message).toBe(
      'Не указан параметр «Категория» меры staff.category',
    );
    expect(
      validateFormula({ kind: 'count', of: { measure: 'staff.category', params: { category: 'gold' } } })[0]
        ?.message,
    ).toBe('Недопустимое значение «gold» параметра «Категория»');
    expect(
      validateFormula({ kind: 'count', of: { measure: 'staff.age', params: { min: 40, max: 30 } } })[0]
        ?.message,
    ).toBe('Нижняя граница должна быть меньше верхней');
    expect(
      validateFormula({ kind: 'count', of: { measure: 'staff.total', params: { x: 1 } } })[0]?.message,
    ).toBe('У меры staff.total нет параметра «x»');
    expect(validateFormula({ kind: 'count', of: { measure: 'staff.education' } })[0]?.message).toBe(
      'Не указан уровень образования',
    );
    expect(validateFormula({ kind: 'percent' })[0]?.path).toBe('kind');
    expect(validateFormula(null)).toEqual([{ path: 'formula', message: 'Формула не задана' }]);
    expect(validateFormula({ kind: 'sum', terms: [] })[0]?.message).toBe(
      'Сумма должна содержать хотя бы одно слагаемое',
    );
  });

  it('refuses a share whose parts count different things or different populations', () => {
    expect(
      validateFormula({
        kind: 'share',
        numerator: { measure: 'routes.with_curator' },
        denominator: { measure: 'staff.total' },
      })[0]?.message,
    ).toMatch(/считают разное/);
    expect(
      validateFormula({
        kind: 'share',
        numerator: { measure: 'staff.young', population: { staff: 'all' } },
        denominator: { measure: 'staff.total' },
      })[0]?.message,
    ).toBe('Совокупность числителя отличается от совокупности знаменателя');
    // the same override on both sides is fine
    expect(
      validateFormula(
        { kind: 'share', numerator: { measure: 'staff.young' }, denominator: { measure: 'staff.total' } },
        { employment: 'all' },
      ),
    ).toEqual([]);
  });
});

describe('evaluate never produces a wrong number', () => {
  const share: Formula = {
    kind: 'share',
    numerator: { measure: 'staff.young' },
    denominator: { measure: 'staff.total' },
  };

  it('computes a share, a ratio with a multiplier, a sum', () => {
    expect(
      evaluate(
        share,
        totals({ 'staff.young': { value: 1, present: true }, 'staff.total': { value: 3, present: true } }),
      ),
    ).toEqual({
      value: 33.3333,
      numerator: 1,
      denominator: 3,
      status: 'ok',
      message: '',
    });
    const ratio: Formula = {
      kind: 'ratio',
      numerator: { measure: 'a' },
      denominator: { measure: 'b' },
      per: 1000,
    };
    expect(
      evaluate(ratio, totals({ a: { value: 2, present: true }, b: { value: 8, present: true } })).value,
    ).toBe(250);
    const sum: Formula = { kind: 'sum', terms: [{ measure: 'a' }, { measure: 'b' }] };
    expect(
      evaluate(sum, totals({ a: { value: 2, present: true }, b: { value: 8, present: true } })).value,
    ).toBe(10);
  });

  it('an empty denominator is null with a message, not 0 or 100', () => {
    const e = evaluate(
      share,
      totals({ 'staff.young': { value: 0, present: true }, 'staff.total': { value: 0, present: true } }),
    );
    expect(e).toMatchObject({ value: null, denominator: 0, status: 'empty_denominator' });
    expect(e.message).toBe(
      'Знаменатель равен нулю: в группе нет ни одного педагога (Педагоги (численность совокупности))',
    );
  });

  it('a missing manual value is null, never 0; a manual 0 is 0', () => {
    const manual: Formula = { kind: 'manual', measure: 'manual:events' };
    expect(evaluate(manual, totals({ 'manual:events': { value: 0, present: false } }))).toMatchObject({
      value: null,
      status: 'manual_missing',
    });
    expect(evaluate(manual, totals({ 'manual:events': { value: 0, present: true } }))).toMatchObject({
      value: 0,
      status: 'ok',
    });
    const mixed: Formula = { kind: 'sum', terms: [{ measure: 'vacancies.open' }, { measure: 'manual:x' }] };
    expect(evaluate(mixed, totals({ 'manual:x': { value: 0, present: false } })).status).toBe(
      'manual_missing',
    );
    const shareManual: Formula = {
      kind: 'share',
      numerator: { measure: 'manual:x' },
      denominator: { measure: 'staff.total' },
    };
    expect(evaluate(shareManual, totals({ 'manual:x': { value: 0, present: false } })).value).toBeNull();
  });

  it('an invalid formula is null with its message', () => {
    expect(evaluate(share, totals({}), 'Мера staff.foo не существует')).toEqual({
      value: null,
      numerator: null,
      denominator: null,
      status: 'invalid_formula',
      message: 'Мера staff.foo не существует',
    });
  });

  it('knows derived from manual and words a formula', () => {
    expect(isDerived(share)).toBe(true);
    expect(isDerived({ kind: 'manual', measure: 'manual:x' })).toBe(false);
    expect(isDerived({ kind: 'sum', terms: [{ measure: 'staff.total' }, { measure: 'manual:x' }] })).toBe(
      false,
    );
    expect(describeFormula(share)).toBe('Молодые специалисты / Педагоги (численность совокупности) · 100 %');
  });
});

describe('targetStatus', () => {
  it('up: achieved at or above, at risk within 10 % below, else not achieved', () => {
    expect(targetStatus(80, 80, 'up')).toBe('achieved');
    expect(targetStatus(72, 80, 'up')).toBe('at_risk');
    expect(targetStatus(71.9, 80, 'up')).toBe('not_achieved');
  });
  it('down mirrored; no value → no data; no target or no direction → null', () => {
    expect(targetStatus(10, 10, 'down')).toBe('achieved');
    expect(targetStatus(11, 10, 'down')).toBe('at_risk');
    expect(targetStatus(11.1, 10, 'down')).toBe('not_achieved');
    expect(targetStatus(null, 10, 'up')).toBe('no_data');
    expect(targetStatus(5, null, 'up')).toBeNull();
    expect(targetStatus(5, 5, 'none')).toBeNull();
  });
});
