/** Russian names of the bank's kinds, statuses and levels of approbation. */

export const PRACTICE_KINDS = {
  material: 'Методический материал',
  practice: 'Эффективная практика',
} as const;
export type PracticeKind = keyof typeof PRACTICE_KINDS;
export const PRACTICE_KIND_KEYS = Object.keys(PRACTICE_KINDS) as [PracticeKind, ...PracticeKind[]];

export const PRACTICE_STATUSES = {
  draft: 'Черновик',
  on_moderation: 'На модерации',
  published: 'Опубликован',
  returned: 'Возвращён на доработку',
} as const;
export type PracticeStatus = keyof typeof PRACTICE_STATUSES;
export const PRACTICE_STATUS_KEYS = Object.keys(PRACTICE_STATUSES) as [PracticeStatus, ...PracticeStatus[]];

export const APPROBATION_LEVELS = {
  school: 'Школьный',
  municipal: 'Муниципальный',
  regional: 'Региональный',
  federal: 'Федеральный',
} as const;
export type ApprobationLevel = keyof typeof APPROBATION_LEVELS;
export const APPROBATION_LEVEL_KEYS = Object.keys(APPROBATION_LEVELS) as [
  ApprobationLevel,
  ...ApprobationLevel[],
];

export const PRACTICE_SORTS = ['published', 'title', 'uses', 'updated'] as const;
export type PracticeSort = (typeof PRACTICE_SORTS)[number];
