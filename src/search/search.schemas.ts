import { z } from 'zod';

/** How many hits of each kind the header shows; `total` says how many more there are. */
export const SEARCH_LIMIT = 8;

export const ZSearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(2, 'Введите хотя бы два символа')
    .max(100, 'Слишком длинный запрос')
    .describe('Что искать: часть ФИО, названия, кода или ИНН (от двух символов)'),
});
export type TSearchQuery = z.infer<typeof ZSearchQuery>;

export const ZSearchHit = z.object({
  id: z.string(),
  title: z.string().describe('ФИО, краткое название организации или название программы'),
  detail: z.string().nullable().describe('Где работает и кем; муниципалитет; код и часы программы'),
  link: z.string().describe('Страница веб-интерфейса'),
});
export type TSearchHit = z.infer<typeof ZSearchHit>;

const ZGroup = z.object({
  items: z.array(ZSearchHit),
  total: z.number().int().nonnegative().describe('Сколько всего найдено (показаны первые)'),
});

export const ZSearchResults = z.object({
  q: z.string(),
  people: ZGroup.nullable().describe('null — людей реестра эта роль не ищет'),
  organizations: ZGroup.nullable().describe('null — организаций эта роль не ищет'),
  programs: ZGroup,
});
export type TSearchResults = z.infer<typeof ZSearchResults>;
