import { describe, expect, it } from 'vitest';
import { feminineSurname, randomName, transliterate } from './names.ts';
import { createRng } from './prng.ts';

describe('names', () => {
  it('gives surnames their feminine form', () => {
    expect(feminineSurname('Иванов')).toBe('Иванова');
    expect(feminineSurname('Соловьёв')).toBe('Соловьёва');
    expect(feminineSurname('Ильин')).toBe('Ильина');
    expect(feminineSurname('Островский')).toBe('Островская');
    expect(feminineSurname('Шевченко')).toBe('Шевченко');
    expect(feminineSurname('Черных')).toBe('Черных');
  });

  it('matches patronymics to sex', () => {
    const r = createRng(3);
    for (let i = 0; i < 200; i++) {
      expect(randomName(r, 'f').patronymic).toMatch(/(вна|чна)$/);
      expect(randomName(r, 'm').patronymic).toMatch(/(вич|ич)$/);
    }
  });

  it('transliterates for e-mail addresses', () => {
    expect(transliterate('Щукина')).toBe('shchukina');
    expect(transliterate('Соловьёв')).toBe('solovev');
    expect(transliterate('Юдин-2')).toBe('yudin2');
  });
});
