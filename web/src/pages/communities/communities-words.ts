/** Russian names of the communities context, as the server sends them (kept here for filters). */

export const COMMUNITY_KINDS: Record<string, string> = {
  gmo: 'ГМО',
  rmo: 'РМО',
  shmo: 'ШМО',
  regional_association: 'Региональное объединение',
  methodical_council: 'Методический совет',
  young_teachers_council: 'Совет молодых педагогов',
  coordination_council: 'Координационный совет',
  council: 'Совет',
  professional_community: 'Профессиональное сообщество',
  mentors_club: 'Клуб наставников',
  young_teacher_school: 'Школа молодого педагога',
};

export const COMMUNITY_LEVELS: Record<string, string> = {
  institutional: 'Организации',
  municipal: 'Муниципальный',
  regional: 'Региональный',
};

export const MEMBERSHIP_KINDS: Record<string, string> = {
  methodical_asset: 'Методический актив',
  expert_community: 'Экспертное сообщество',
  manager_reserve: 'Кадровый резерв руководителей',
  regional_reserve_bank: 'Банк кадрового резерва региона',
  tutor: 'Тьюторы / кураторы ИОМ',
};

export const MEMBERSHIP_STATUSES: Record<string, string> = {
  nominated: 'Выдвинут',
  approved: 'Утверждён',
  active: 'Действует',
  ended: 'Завершён',
  rejected: 'Отклонён',
};

export const MEMBERSHIP_STATUS_COLORS: Record<string, string> = {
  nominated: 'yellow',
  approved: 'blue',
  active: 'green',
  ended: 'gray',
  rejected: 'red',
};

/** The action's label for moving a membership to a status. */
export const TRANSITION_LABELS: Record<string, string> = {
  approved: 'Утвердить',
  active: 'Ввести в действие',
  ended: 'Завершить',
  rejected: 'Отклонить',
};

export const options = (words: Record<string, string>) =>
  Object.entries(words).map(([value, label]) => ({ value, label }));

export const ruDay = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** The school year (its first calendar year) of a day: September starts a new one. */
export function schoolYearOf(now = new Date()): number {
  return now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
}
