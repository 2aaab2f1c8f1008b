import type { FieldIssue } from '../platform/errors.ts';

/** Priority directions of programs, key → Russian name (as in spreadsheets and the UI). */
export const DIRECTIONS = {
  functional_literacy: 'функциональная грамотность',
  updated_fgos: 'обновлённые ФГОС',
  digital_environment: 'цифровая образовательная среда',
  quality_assessment: 'оценка качества',
  low_results: 'ШНОР',
  talents: 'таланты',
  career_guidance: 'профориентация',
  upbringing: 'воспитание',
  preschool_quality: 'качество дошкольного образования',
} as const;
export type Direction = keyof typeof DIRECTIONS;
export const DIRECTION_KEYS = Object.keys(DIRECTIONS) as [Direction, ...Direction[]];

export const PROGRAM_KINDS = {
  upgrade: 'повышение квалификации',
  retraining: 'профессиональная переподготовка',
} as const;
export type ProgramKind = keyof typeof PROGRAM_KINDS;

export const PROGRAM_FORMATS = {
  in_person: 'очно',
  distance: 'дистанционно',
  blended: 'смешанно',
} as const;
export type ProgramFormat = keyof typeof PROGRAM_FORMATS;

export const TRAINING_DOCUMENTS = {
  certificate: 'удостоверение',
  diploma: 'диплом',
} as const;
export type TrainingDocument = keyof typeof TRAINING_DOCUMENTS;

/** Hours allowed by the kind of program: ПК 16–2000, ПП at least 250. */
export const HOURS = {
  upgrade: { min: 16, max: 2000 },
  retraining: { min: 250, max: 10_000 },
} as const;

export function hoursProblem(kind: ProgramKind, hours: number): string | null {
  if (!Number.isInteger(hours)) return 'Часы — целое число';
  if (kind === 'upgrade' && (hours < HOURS.upgrade.min || hours > HOURS.upgrade.max)) {
    return `Программа повышения квалификации — от ${HOURS.upgrade.min} до ${HOURS.upgrade.max} часов`;
  }
  if (kind === 'retraining' && (hours < HOURS.retraining.min || hours > HOURS.retraining.max)) {
    return `Программа профессиональной переподготовки — не меньше ${HOURS.retraining.min} часов`;
  }
  return null;
}

export interface ProgramFields {
  kind: ProgramKind;
  hours: number;
  federalRegistry: boolean;
  federalRegistryNumber: string | null;
}

/** Rules across fields of a program; the paths are the API's field names. */
export function programIssues(p: ProgramFields): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const hours = hoursProblem(p.kind, p.hours);
  if (hours) issues.push({ path: 'hours', message: hours });
  if (p.federalRegistry && !p.federalRegistryNumber?.trim()) {
    issues.push({
      path: 'federalRegistryNumber',
      message: 'Для программы из федерального реестра укажите номер в реестре',
    });
  }
  return issues;
}

export function cohortIssues(c: { startsOn: string; endsOn: string }): FieldIssue[] {
  return c.endsOn < c.startsOn ? [{ path: 'endsOn', message: 'Окончание потока раньше его начала' }] : [];
}
