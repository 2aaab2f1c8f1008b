/** Russian names of the communities context's kinds, levels and statuses, and the rules between them. */

export const COMMUNITY_KINDS = {
  gmo: 'Городское методическое объединение (ГМО)',
  rmo: 'Районное методическое объединение (РМО)',
  shmo: 'Школьное методическое объединение (ШМО)',
  regional_association: 'Региональное методическое объединение',
  methodical_council: 'Методический совет',
  young_teachers_council: 'Совет молодых педагогов',
  coordination_council: 'Координационный совет',
  council: 'Совет',
  professional_community: 'Профессиональное сообщество',
  mentors_club: 'Клуб наставников',
  young_teacher_school: 'Школа молодого педагога',
} as const satisfies Record<string, string>;
export type CommunityKind = keyof typeof COMMUNITY_KINDS;
export const COMMUNITY_KIND_KEYS = Object.keys(COMMUNITY_KINDS) as [CommunityKind, ...CommunityKind[]];

export const COMMUNITY_LEVELS = {
  institutional: 'Уровень организации',
  municipal: 'Муниципальный',
  regional: 'Региональный',
} as const satisfies Record<string, string>;
export type CommunityLevel = keyof typeof COMMUNITY_LEVELS;
export const COMMUNITY_LEVEL_KEYS = Object.keys(COMMUNITY_LEVELS) as [CommunityLevel, ...CommunityLevel[]];

/** Kinds tied to one level: ГМО and РМО are municipal, ШМО a school's, a regional association regional. */
export const KIND_LEVEL: Partial<Record<CommunityKind, CommunityLevel>> = {
  gmo: 'municipal',
  rmo: 'municipal',
  shmo: 'institutional',
  regional_association: 'regional',
};

/** Why the kind does not fit the level, or null. */
export function kindLevelProblem(kind: CommunityKind, level: CommunityLevel): string | null {
  const must = KIND_LEVEL[kind];
  if (!must || must === level) return null;
  return `${COMMUNITY_KINDS[kind]} — сообщество уровня «${COMMUNITY_LEVELS[must].toLowerCase()}»`;
}

export const MEETING_STATUSES = {
  planned: 'Запланировано',
  held: 'Проведено',
  cancelled: 'Отменено',
} as const satisfies Record<string, string>;
export type MeetingStatus = keyof typeof MEETING_STATUSES;

export const MEMBERSHIP_KINDS = {
  methodical_asset: 'Методический актив',
  expert_community: 'Экспертное сообщество',
  manager_reserve: 'Кадровый резерв руководителей',
  regional_reserve_bank: 'Банк кадрового резерва региона',
  tutor: 'Тьюторы / кураторы ИОМ',
} as const satisfies Record<string, string>;
export type MembershipKind = keyof typeof MEMBERSHIP_KINDS;
export const MEMBERSHIP_KIND_KEYS = Object.keys(MEMBERSHIP_KINDS) as [MembershipKind, ...MembershipKind[]];

/** The regional bank is approved by the region's operator; the other kinds by the municipality's methodist. */
export const REGIONAL_MEMBERSHIP_KINDS: readonly MembershipKind[] = ['regional_reserve_bank'];

export const MEMBERSHIP_STATUSES = {
  nominated: 'Выдвинут',
  approved: 'Утверждён',
  active: 'Действует',
  ended: 'Завершён',
  rejected: 'Отклонён',
} as const satisfies Record<string, string>;
export type MembershipStatus = keyof typeof MEMBERSHIP_STATUSES;
export const MEMBERSHIP_STATUS_KEYS = Object.keys(MEMBERSHIP_STATUSES) as [
  MembershipStatus,
  ...MembershipStatus[],
];

/** The statuses a membership may move to from each; ended and rejected are final. */
export const MEMBERSHIP_TRANSITIONS: Record<MembershipStatus, readonly MembershipStatus[]> = {
  nominated: ['approved', 'rejected'],
  approved: ['active', 'ended'],
  active: ['ended'],
  ended: [],
  rejected: [],
};

/** Why the transition is refused, or null. Ending and rejecting need a reason. */
export function transitionProblem(
  from: MembershipStatus,
  to: MembershipStatus,
  reason: string | null | undefined,
): { status: 409 | 422; message: string } | null {
  if (!MEMBERSHIP_TRANSITIONS[from].includes(to))
    return {
      status: 409,
      message: `Из статуса «${MEMBERSHIP_STATUSES[from]}» нельзя перейти в «${MEMBERSHIP_STATUSES[to]}».`,
    };
  if ((to === 'ended' || to === 'rejected') && !reason?.trim())
    return {
      status: 422,
      message: to === 'ended' ? 'Укажите причину завершения.' : 'Укажите причину отклонения.',
    };
  return null;
}

/** The school year (its first calendar year) of a day: September starts a new one. */
export function schoolYearOf(iso: string): number {
  const y = Number(iso.slice(0, 4));
  return Number(iso.slice(5, 7)) >= 9 ? y : y - 1;
}

export const schoolYearName = (y: number) => `${y}/${y + 1}`;
export const schoolYearBounds = (y: number) => ({ from: `${y}-09-01`, to: `${y + 1}-08-31` });
