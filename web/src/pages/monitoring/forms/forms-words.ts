import type { FieldType, SubmissionStatus } from '../../../api/forms.ts';

export const SUBMISSION_STATUS: Record<SubmissionStatus, { label: string; color: string }> = {
  pending: { label: 'не начата', color: 'gray' },
  draft: { label: 'черновик', color: 'orange' },
  submitted: { label: 'на проверке', color: 'blue' },
  accepted: { label: 'принята', color: 'teal' },
  returned: { label: 'возвращена', color: 'red' },
};

export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  integer: 'целое число',
  number: 'число',
  percent: 'процент',
  boolean: 'да / нет',
  text: 'текст',
  date: 'дата',
  select: 'выбор из списка',
};

export const FIELD_TYPE_OPTIONS = (Object.keys(FIELD_TYPE_LABELS) as FieldType[]).map((value) => ({
  value,
  label: FIELD_TYPE_LABELS[value],
}));

export const isNumericType = (t: FieldType) => t === 'integer' || t === 'number' || t === 'percent';

/** A due date passed and the answer is not in: the list shows it red. */
export function overdue(dueOn: string, status: SubmissionStatus): boolean {
  if (status === 'submitted' || status === 'accepted') return false;
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return dueOn < `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
