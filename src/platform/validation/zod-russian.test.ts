import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { applyRussianValidation } from './zod-russian.ts';

applyRussianValidation();

const messages = (schema: z.ZodType, input: unknown) =>
  schema.safeParse(input).error?.issues.map((i) => i.message) ?? [];

describe('validation messages', () => {
  it('say in Russian what is wrong, with no type or format names in English', () => {
    const schema = z
      .object({
        name: z.string(),
        title: z.string().min(1),
        hours: z.number().int().min(1).max(72),
        kind: z.enum(['school', 'kindergarten']),
        id: z.uuid(),
        on: z.iso.date(),
        email: z.email(),
        either: z.union([z.string(), z.number()]),
        tags: z.array(z.string()).min(1),
      })
      .strict();
    const got = messages(schema, {
      title: '',
      hours: 100,
      kind: 'college',
      id: 'x',
      on: '01.09.2026',
      email: 'x',
      either: true,
      tags: [],
      extra: 1,
    });
    expect(got).toEqual([
      'Обязательное поле',
      'Заполните поле',
      'Не больше 72',
      'Недопустимое значение: выберите одно из предложенных',
      'Неверный идентификатор записи',
      'Неверная дата: нужна в виде ГГГГ-ММ-ДД',
      'Неверный адрес электронной почты',
      'Недопустимое значение',
      'Выберите хотя бы одно значение',
      'В запросе лишние поля',
    ]);
    for (const m of got) expect(m).not.toMatch(/[A-Za-z]/);
  });

  it('keep a message the schema gives itself', () => {
    const schema = z.string().refine((v) => v === 'a', 'Только «а»');
    expect(messages(schema, 'b')).toEqual(['Только «а»']);
    expect(messages(z.number(), 'x')).toEqual(['Нужно значение типа «число»']);
  });
});
