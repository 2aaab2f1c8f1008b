import { z } from 'zod';

/**
 * Validation messages in plain Russian. Zod's own Russian locale keeps type and format names in
 * English («ожидалось string, получено undefined», «Неверный ISO дата»); a user reads these under
 * a form field, so every issue the API can raise gets a sentence here, and the locale stays only
 * as a fallback for kinds not listed.
 */

const TYPE_NAMES: Record<string, string> = {
  string: 'текст',
  number: 'число',
  int: 'целое число',
  bigint: 'целое число',
  boolean: 'да или нет',
  array: 'список',
  object: 'набор полей',
  date: 'дата',
  file: 'файл',
  null: 'пустое значение',
};

const FORMATS: Record<string, string> = {
  email: 'Неверный адрес электронной почты',
  url: 'Неверная ссылка',
  uuid: 'Неверный идентификатор записи',
  guid: 'Неверный идентификатор записи',
  date: 'Неверная дата: нужна в виде ГГГГ-ММ-ДД',
  datetime: 'Неверные дата и время',
  time: 'Неверное время',
  regex: 'Значение не подходит по формату',
};

const plural = (n: number, one: string, few: string, many: string) => {
  const a = Math.abs(n) % 100;
  const b = a % 10;
  if (a > 10 && a < 20) return many;
  if (b > 1 && b < 5) return few;
  if (b === 1) return one;
  return many;
};

type Issue = Parameters<z.core.$ZodErrorMap>[0];

/** The message of one issue, or undefined to let the locale say it. */
export function russianMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'Обязательное поле';
      const what = TYPE_NAMES[issue.expected];
      return what ? `Нужно значение типа «${what}»` : 'Значение другого типа';
    }
    case 'too_small': {
      const n = Number(issue.minimum);
      const incl = issue.inclusive !== false;
      if (issue.origin === 'string') {
        if (n <= 1) return 'Заполните поле';
        return `Не короче ${n} ${plural(n, 'символа', 'символов', 'символов')}`;
      }
      if (issue.origin === 'array' || issue.origin === 'set') {
        if (n <= 1) return 'Выберите хотя бы одно значение';
        return `Нужно не меньше ${n} ${plural(n, 'значения', 'значений', 'значений')}`;
      }
      return incl ? `Не меньше ${n.toLocaleString('ru-RU')}` : `Больше ${n.toLocaleString('ru-RU')}`;
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      const incl = issue.inclusive !== false;
      if (issue.origin === 'string') return `Не длиннее ${n} ${plural(n, 'символа', 'символов', 'символов')}`;
      if (issue.origin === 'array' || issue.origin === 'set') {
        return `Не больше ${n} ${plural(n, 'значения', 'значений', 'значений')}`;
      }
      if (issue.origin === 'file') return 'Файл слишком велик';
      return incl ? `Не больше ${n.toLocaleString('ru-RU')}` : `Меньше ${n.toLocaleString('ru-RU')}`;
    }
    case 'invalid_format':
      return FORMATS[issue.format] ?? 'Значение не подходит по формату';
    case 'invalid_value':
      return 'Недопустимое значение: выберите одно из предложенных';
    case 'invalid_union':
      return 'Недопустимое значение';
    case 'unrecognized_keys':
      return 'В запросе лишние поля';
    case 'invalid_key':
    case 'invalid_element':
      return 'Недопустимое значение в списке';
    case 'not_multiple_of':
      return `Должно быть кратно ${issue.divisor}`;
    case 'custom':
      return 'Недопустимое значение';
    default:
      return undefined;
  }
}

/** Applies the messages to every schema of the process (the API and the CLI share them). */
export function applyRussianValidation(): void {
  z.config(z.locales.ru());
  z.config({ customError: (issue) => russianMessage(issue) });
}
