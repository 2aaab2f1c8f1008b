import { z } from 'zod';

/** One answer option of a single or multiple choice item; `correct` and `points` are the key. */
export const ZOption = z.object({
  id: z.string().trim().min(1).max(50),
  text: z.string().trim().min(1).max(2000),
  correct: z.boolean().optional(),
  points: z.number().finite().optional(),
});

export const ZItem = z.object({
  id: z.string().trim().min(1).max(50),
  text: z.string().trim().min(1).max(4000),
  kind: z.enum(['single', 'multiple', 'scale']),
  competencyCode: z.string().trim().min(1).max(50).optional(),
  options: z.array(ZOption).max(30).optional(),
  scale: z
    .object({
      min: z.number().int(),
      max: z.number().int(),
      labels: z.array(z.string().max(200)).max(20).optional(),
    })
    .optional(),
  /** A reverse-keyed scale item: the value v counts as min + max − v. */
  reverse: z.boolean().optional(),
  scaleCode: z.string().trim().min(1).max(50).optional(),
});

export const ZScaleLevel = z.object({
  level: z.enum(['low', 'medium', 'high']),
  min: z.number(),
  max: z.number(),
  label: z.string().trim().min(1).max(200),
});

export const ZScale = z.object({
  code: z.string().trim().min(1).max(50),
  name: z.string().trim().min(1).max(200),
  itemIds: z.array(z.string()).min(1),
  levels: z.array(ZScaleLevel).min(1),
});

export const ZContent = z.object({
  items: z.array(ZItem).min(1).max(500),
  scales: z.array(ZScale).max(20).optional(),
});

export type InstrumentContent = z.infer<typeof ZContent>;
export type Item = z.infer<typeof ZItem>;
export type InstrumentKind = 'test' | 'self_assessment' | 'burnout';

export interface Issue {
  path: string;
  message: string;
}

/** Rules the schema alone cannot state: unique ids, keys present, scales pointing at real items. */
export function contentIssues(kind: InstrumentKind, content: InstrumentContent): Issue[] {
  const issues: Issue[] = [];
  const ids = new Set<string>();
  content.items.forEach((item, i) => {
    const at = `content.items.${i}`;
    if (ids.has(item.id)) issues.push({ path: `${at}.id`, message: `Вопрос «${item.id}» повторяется` });
    ids.add(item.id);
    if (kind === 'test' && item.kind === 'scale')
      issues.push({ path: `${at}.kind`, message: 'В тесте вопросы только с выбором ответа' });
    if (kind !== 'test' && item.kind !== 'scale')
      issues.push({ path: `${at}.kind`, message: 'В анкете и опроснике вопросы только со шкалой ответа' });
    if (item.kind === 'scale') {
      if (!item.scale) issues.push({ path: `${at}.scale`, message: 'Укажите шкалу ответа (min, max)' });
      else if (item.scale.min >= item.scale.max)
        issues.push({ path: `${at}.scale`, message: 'Минимум шкалы должен быть меньше максимума' });
      return;
    }
    const options = item.options ?? [];
    if (options.length < 2) {
      issues.push({ path: `${at}.options`, message: 'Нужно не меньше двух вариантов ответа' });
      return;
    }
    if (new Set(options.map((o) => o.id)).size !== options.length)
      issues.push({ path: `${at}.options`, message: 'Идентификаторы вариантов повторяются' });
    if (kind === 'test') {
      const correct = options.filter((o) => o.correct).length;
      const pointed = options.some((o) => o.points !== undefined);
      if (item.kind === 'single' && correct !== 1)
        issues.push({ path: `${at}.options`, message: 'Отметьте ровно один верный вариант' });
      if (item.kind === 'multiple' && correct === 0 && !pointed)
        issues.push({ path: `${at}.options`, message: 'Отметьте верные варианты или задайте баллы' });
    }
  });
  const scaleCodes = new Set<string>();
  (content.scales ?? []).forEach((s, i) => {
    if (scaleCodes.has(s.code))
      issues.push({ path: `content.scales.${i}.code`, message: `Шкала «${s.code}» повторяется` });
    scaleCodes.add(s.code);
    const unknown = s.itemIds.filter((id) => !ids.has(id));
    if (unknown.length)
      issues.push({
        path: `content.scales.${i}.itemIds`,
        message: `Нет таких вопросов: ${unknown.join(', ')}`,
      });
    s.levels.forEach((l, j) => {
      if (l.min > l.max)
        issues.push({ path: `content.scales.${i}.levels.${j}`, message: 'Нижняя граница больше верхней' });
    });
  });
  if (kind === 'burnout' && scaleCodes.size === 0)
    issues.push({ path: 'content.scales', message: 'Опросник выгорания должен задавать шкалы' });
  return issues;
}

/** Competency codes the content refers to (sorted, unique). */
export function competencyCodesOf(content: InstrumentContent): string[] {
  return [...new Set(content.items.flatMap((i) => (i.competencyCode ? [i.competencyCode] : [])))].sort();
}

/** What a respondent may see: the content without keys (correct options, points, reverse keys, scales). */
export function withoutKeys(content: InstrumentContent): InstrumentContent {
  return {
    items: content.items.map(({ reverse: _r, scaleCode: _s, ...item }) => ({
      ...item,
      ...(item.options ? { options: item.options.map(({ id, text }) => ({ id, text })) } : {}),
    })),
  };
}
