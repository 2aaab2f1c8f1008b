import { describe, expect, it } from 'vitest';
import {
  columnLetter,
  normName,
  parseDate,
  parseEmail,
  parseInn,
  parseNumber,
  parseSnils,
  parseWord,
  parseYesNo,
  splitList,
} from './cells.ts';

const value = <T>(p: { ok: true; value: T } | { ok: false; message: string }) => (p.ok ? p.value : p.message);

describe('parseDate', () => {
  it('accepts ДД.ММ.ГГГГ, Д.М.ГГГГ, ГГГГ-ММ-ДД with or without time, and Excel day numbers', () => {
    expect(value(parseDate('15.03.1985'))).toBe('1985-03-15');
    expect(value(parseDate(' 1.9.2020 '))).toBe('2020-09-01');
    expect(value(parseDate('1985-03-15'))).toBe('1985-03-15');
    expect(value(parseDate('1985-03-15T00:00:00.000Z'))).toBe('1985-03-15');
    expect(value(parseDate('15.03.1985 0:00'))).toBe('1985-03-15');
    expect(value(parseDate('45000'))).toBe('2023-03-15');
    expect(value(parseDate('31048,5'))).toBe('1985-01-01');
  });

  it('refuses impossible and ambiguous dates, naming the value', () => {
    for (const bad of [
      '31.02.2020',
      '29.02.2023',
      '15/03/1985',
      '15.03.85',
      '2020-13-01',
      '01.01.1850',
      'вчера',
      '0',
    ]) {
      const r = parseDate(bad);
      expect(r.ok, bad).toBe(false);
      expect(value(r)).toBe(`Неверная дата «${bad}»: укажите дату в виде ДД.ММ.ГГГГ`);
    }
    expect(value(parseDate('29.02.2024'))).toBe('2024-02-29');
  });
});

describe('parseNumber', () => {
  it('reads a decimal comma or point and spaces between thousands', () => {
    expect(value(parseNumber('0,5'))).toBe(0.5);
    expect(value(parseNumber('1.25'))).toBe(1.25);
    expect(value(parseNumber('1 200'))).toBe(1200);
    expect(value(parseNumber('18'))).toBe(18);
  });

  it('refuses text, negatives, zero where positive, fractions where integer and absurd values', () => {
    expect(value(parseNumber('много'))).toBe('«много» — не число');
    expect(value(parseNumber('-2', { min: 0 }))).toBe('«-2» — значение не может быть отрицательным');
    expect(value(parseNumber('-2'))).toBe('«-2» — значение не может быть отрицательным');
    expect(value(parseNumber('0', { positive: true }))).toBe('«0» — значение должно быть больше нуля');
    expect(value(parseNumber('2025,5', { integer: true }))).toBe('«2025,5» — нужно целое число');
    expect(value(parseNumber('500', { max: 60 }))).toBe('«500» — неправдоподобно много (не больше 60)');
  });
});

describe('closed lists', () => {
  it('reads да/нет in the usual spellings', () => {
    for (const yes of ['да', 'Да', ' ДА ', '1', 'истина']) expect(value(parseYesNo(yes))).toBe(true);
    for (const no of ['нет', 'НЕТ', '0', 'ложь']) expect(value(parseYesNo(no))).toBe(false);
    expect(value(parseYesNo('может быть'))).toBe('Неизвестное значение «может быть»; допустимые: да, нет');
  });

  it('matches words ignoring case, ё and spaces, and lists the allowed words otherwise', () => {
    const words = { main: 'основное', internal: 'внутреннее совместительство' };
    expect(value(parseWord(' Внутреннее   совместительство ', words))).toBe('internal');
    expect(value(parseWord('ОСНОВНОЕ', words))).toBe('main');
    expect(value(parseWord('основная', words, { основная: 'main' }))).toBe('main');
    expect(value(parseWord('почасовик', words))).toBe(
      'Неизвестное значение «почасовик»; допустимые: основное, внутреннее совместительство',
    );
    expect(value(parseWord('Семёнова', { a: 'семенова' }))).toBe('a');
  });
});

describe('identifiers', () => {
  it('checks the СНИЛС checksum and restores a leading zero lost in Excel', () => {
    expect(value(parseSnils('112-233-445 95'))).toBe('11223344595');
    expect(value(parseSnils('112-233-445 96'))).toBe(
      'СНИЛС «112-233-445 96»: неверная контрольная сумма СНИЛС',
    );
    expect(value(parseSnils('12345'))).toBe('СНИЛС «12345»: СНИЛС должен состоять из 11 цифр');
    // 012-345-678 ?? — written as a number, it lost its first zero
    const withZero = '01234567819';
    expect(parseSnils(withZero).ok).toBe(true);
    expect(value(parseSnils(withZero.slice(1)))).toBe(withZero);
  });

  it('checks ИНН check digits', () => {
    expect(value(parseInn('3806001238'))).toBe('3806001238');
    expect(value(parseInn('3806001239'))).toBe('ИНН «3806001239»: неверная контрольная цифра ИНН');
    expect(value(parseInn('12'))).toBe('ИНН «12»: ИНН должен состоять из 10 или 12 цифр');
  });

  it('reads e-mail addresses', () => {
    expect(value(parseEmail('Ivanova@School.ru'))).toBe('ivanova@school.ru');
    expect(value(parseEmail('mailto:a@b.ru'))).toBe('a@b.ru');
    expect(value(parseEmail('не почта'))).toBe('«не почта» — не адрес электронной почты');
  });
});

describe('helpers', () => {
  it('splits a `;` list, trimming and dropping repeats', () => {
    expect(splitList(' Математика; информатика ;; МАТЕМАТИКА ')).toEqual(['Математика', 'информатика']);
    expect(splitList('')).toEqual([]);
  });

  it('names columns by letters and compares names whatever the quotes', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
    expect(normName('МБОУ «Школа  № 1»')).toBe(normName('мбоу "школа № 1"'));
  });
});
