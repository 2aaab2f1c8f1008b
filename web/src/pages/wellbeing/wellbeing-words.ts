/** Russian words of the burnout-support pages (the server sends labels too; these fill selects). */

export const ITEM_KINDS: Record<string, string> = {
  psychologist: 'Консультация педагога-психолога',
  group: 'Группа поддержки',
  load_recommendation: 'Рекомендация руководителю о нагрузке',
  other: 'Другое',
};

export const RISK_COLORS: Record<string, string> = { high: 'red', moderate: 'orange', low: 'green' };

export const ruDay = (iso: string | null | undefined) =>
  iso ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : '—';

export const options = (words: Record<string, string>) =>
  Object.entries(words).map(([value, label]) => ({ value, label }));
