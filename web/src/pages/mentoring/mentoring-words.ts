/** Russian words of the mentoring pages (the server sends names too; these fill selects). */

export const MENTORING_FORMS: Record<string, string> = {
  teacher_teacher: 'Педагог – педагог',
  head_teacher: 'Руководитель – педагог',
  experienced_young: 'Опытный – молодой',
  group: 'Групповое наставничество',
};

export const FINISH_REASONS: Record<string, string> = {
  completed: 'Программа наставничества выполнена',
  transfer: 'Перевод наставляемого',
  other: 'Другое',
};

export const GOAL_OUTCOMES: Record<string, string> = {
  reached: 'Да',
  partly: 'Частично',
  not_reached: 'Нет',
};

export const DEFICIT_COLORS: Record<string, string> = { closed: 'green', open: 'red', pending: 'gray' };

export const options = (words: Record<string, string>) =>
  Object.entries(words).map(([value, label]) => ({ value, label }));

export const ruDay = (iso: string | null | undefined) =>
  iso ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : '—';

export const menteeNames = (p: { mentees: { name: string }[] }) => p.mentees.map((m) => m.name).join(', ');

/** Today in the browser, as an ISO date, for the forms' defaults. */
export const todayIso = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
