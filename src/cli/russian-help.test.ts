import { describe, expect, it } from 'vitest';
import { translateError, translateExtras, translateTitle } from './russian-help.ts';

describe('Russian help', () => {
  it('translates the headings', () => {
    expect(translateTitle('Usage:')).toBe('Использование:');
    expect(translateTitle('Options:')).toBe('Параметры:');
    expect(translateTitle('Commands:')).toBe('Команды:');
  });
  it('translates choices and defaults', () => {
    expect(translateExtras('формат файла (choices: "xlsx", "csv", default: "xlsx")')).toBe(
      'формат файла (варианты: "xlsx", "csv", по умолчанию: "xlsx")',
    );
  });
});

describe('Russian errors', () => {
  it.each([
    ["error: unknown option '--foo'", 'Ошибка: неизвестный параметр «--foo».'],
    [
      "error: unknown option '--dry'\n(Did you mean --dry-run?)",
      'Ошибка: неизвестный параметр «--dry» (возможно, --dry-run?).',
    ],
    [
      "error: unknown command 'bakup'\n(Did you mean backup?)",
      'Ошибка: неизвестная команда «bakup» (возможно, backup?).',
    ],
    ["error: missing required argument 'файл'", 'Ошибка: не указан обязательный аргумент «файл».'],
    [
      "error: required option '--email <адрес>' not specified",
      'Ошибка: не указан обязательный параметр «--email <адрес>».',
    ],
    [
      "error: option '--format <формат>' argument 'pdf' is invalid. Allowed choices are xlsx, csv, json.",
      'Ошибка: недопустимое значение «pdf» у параметра «--format <формат>»; допустимо: xlsx, csv, json.',
    ],
    [
      "error: command-argument value 'people' is invalid for argument 'вид'. Allowed choices are orgs, staff, vacancies, staffing.",
      'Ошибка: недопустимое значение «people» аргумента «вид»; допустимо: orgs, staff, vacancies, staffing.',
    ],
    [
      "error: too many arguments for 'migrate'. Expected 0 arguments but got 1.",
      'Ошибка: лишние аргументы у команды «migrate».',
    ],
  ])('%s', (english, russian) => {
    expect(translateError(english)).toBe(russian);
  });

  it('keeps an unknown message, only in Russian framing', () => {
    expect(translateError('error: something new')).toBe('Ошибка: something new');
  });
});
