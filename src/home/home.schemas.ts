import { z } from 'zod';

/** The kinds of the day's work, one per count on the home page. */
export const HOME_WORK_KINDS = [
  'open_diagnoses',
  'route_items_due',
  'route_items_returned',
  'items_awaiting_confirmation',
  'forms_to_fill',
  'forms_returned',
  'routes_to_approve',
  'answers_to_review',
  'campaigns_closing',
  'routes_without_curator',
  'form_deadlines_this_week',
  'municipalities_not_submitted',
] as const;
export type HomeWorkKind = (typeof HOME_WORK_KINDS)[number];

export const ZHomeWorkQuery = z.object({
  date: z.iso
    .date()
    .optional()
    .describe('День, на который собраны дела (ГГГГ-ММ-ДД); по умолчанию — сегодня по времени платформы'),
});

export const ZHomeWorkItem = z.object({
  kind: z.enum(HOME_WORK_KINDS),
  count: z.number().int().positive(),
  title: z.string().describe('Что сделать, по-русски, с числом'),
  link: z.string().describe('Страница веб-интерфейса с нужными фильтрами'),
  due: z.iso.date().optional().describe('Ближайший срок (ГГГГ-ММ-ДД), если он есть'),
});
export type THomeWorkItem = z.infer<typeof ZHomeWorkItem>;

export const ZHomeWork = z.object({
  date: z.iso.date().describe('День, на который собраны дела'),
  items: z.array(ZHomeWorkItem),
});
export type THomeWork = z.infer<typeof ZHomeWork>;
