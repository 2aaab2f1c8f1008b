import type { FieldIssue } from '../../platform/errors.ts';

/**
 * Fields of a data-collection form and the checks a submission must pass. Pure: the service
 * runs them on submit, the builder runs `checkFieldDefinitions` on save, the tests run both.
 */

export const FIELD_TYPES = ['integer', 'number', 'percent', 'boolean', 'text', 'date', 'select'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FormField {
  code: string;
  label: string;
  type: FieldType;
  required: boolean;
  min?: number | null | undefined;
  max?: number | null | undefined;
  options?: string[] | undefined;
  hint?: string | undefined;
  /** The manual measure this field feeds (`manual:<measureCode>` in a formula); numeric fields only. */
  measureCode?: string | null | undefined;
}

export type FieldValue = string | number | boolean | null;
export type FormValues = Record<string, FieldValue>;

const NUMERIC: readonly FieldType[] = ['integer', 'number', 'percent'];
export const isNumericField = (f: Pick<FormField, 'type'>) => NUMERIC.includes(f.type);

const CODE = /^[a-z][a-z0-9_]*$/;
/** As `manual:<code>` in a formula (measures/registry.ts MANUAL_CODE), without the prefix. */
const MEASURE_CODE = /^[a-z0-9_.-]+$/i;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A form's own definition: codes unique and well-formed, bounds ordered, select with options. */
export function checkFieldDefinitions(fields: FormField[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    const at = (k: string) => `fields.${i}.${k}`;
    if (!CODE.test(f.code))
      issues.push({ path: at('code'), message: 'Код поля: латинские строчные буквы, цифры и «_», с буквы' });
    else if (seen.has(f.code)) issues.push({ path: at('code'), message: `Код «${f.code}» уже есть в форме` });
    seen.add(f.code);
    if (f.min != null && f.max != null && f.min > f.max)
      issues.push({ path: at('max'), message: 'Максимум меньше минимума' });
    if ((f.min != null || f.max != null) && !isNumericField(f))
      issues.push({ path: at('min'), message: 'Границы задаются только для числовых полей' });
    if (f.type === 'select' && (f.options ?? []).filter((o) => o.trim()).length === 0)
      issues.push({ path: at('options'), message: 'Для списка укажите варианты выбора' });
    if (f.measureCode && !isNumericField(f))
      issues.push({ path: at('measureCode'), message: 'Показатель питают только числовые поля' });
    else if (f.measureCode && !MEASURE_CODE.test(f.measureCode))
      issues.push({ path: at('measureCode'), message: 'Код меры: латинские буквы, цифры, «.», «_», «-»' });
  });
  if (fields.length === 0) issues.push({ path: 'fields', message: 'Добавьте хотя бы одно поле' });
  return issues;
}

const fmt = (n: number) => String(n).replace('.', ',');

function isValidDay(s: string): boolean {
  const m = ISO_DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

/** Numbers may arrive as text typed with a decimal comma; anything else is not a number. */
export function asNumber(v: FieldValue | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim().replace(',', '.'));
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

const isEmpty = (v: FieldValue | undefined) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** One field's value: Russian message or null. Empty optional fields pass. */
export function checkFieldValue(f: FormField, v: FieldValue | undefined): string | null {
  if (isEmpty(v)) return f.required ? 'Обязательное поле' : null;
  switch (f.type) {
    case 'integer':
    case 'number':
    case 'percent': {
      const n = asNumber(v);
      if (n === null) return 'Введите число';
      if (f.type === 'integer' && !Number.isInteger(n)) return 'Введите целое число';
      if (f.type === 'percent' && (n < 0 || n > 100)) return 'Процент — от 0 до 100';
      if (f.min != null && n < f.min) return `Не меньше ${fmt(f.min)}`;
      if (f.max != null && n > f.max) return `Не больше ${fmt(f.max)}`;
      return null;
    }
    case 'boolean':
      return typeof v === 'boolean' ? null : 'Выберите «да» или «нет»';
    case 'date':
      return typeof v === 'string' && isValidDay(v) ? null : 'Введите дату в формате ГГГГ-ММ-ДД';
    case 'select':
      return typeof v === 'string' && (f.options ?? []).includes(v) ? null : 'Выберите значение из списка';
    case 'text':
      return typeof v === 'string' ? (v.length > 5000 ? 'Не длиннее 5000 знаков' : null) : 'Введите текст';
  }
}

/** Every field of a submission, in the form's order; paths are `values.<code>`. */
export function checkSubmission(fields: FormField[], values: FormValues): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const f of fields) {
    const message = checkFieldValue(f, values[f.code]);
    if (message) issues.push({ path: `values.${f.code}`, message: `${f.label}: ${message}` });
  }
  return issues;
}

/** Values as stored on submit: numbers as numbers (a typed «12,5» becomes 12.5), unknown keys dropped. */
export function normalizeValues(fields: FormField[], values: FormValues): FormValues {
  const out: FormValues = {};
  for (const f of fields) {
    const v = values[f.code];
    if (isEmpty(v)) continue;
    out[f.code] = isNumericField(f) ? asNumber(v) : (v as FieldValue);
  }
  return out;
}
