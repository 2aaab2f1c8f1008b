/**
 * The directory's closed lists: database keys and the Russian words users type and read.
 * Imports parse these words (case-insensitively), exports and the UI print them.
 */
export const ORG_KINDS = {
  preschool: { short: 'ДОО', label: 'Дошкольная образовательная организация' },
  school: { short: 'ОО', label: 'Общеобразовательная организация' },
  additional: { short: 'ДО', label: 'Организация дополнительного образования' },
  vocational: { short: 'ПОО', label: 'Профессиональная образовательная организация' },
  dpo: { short: 'ДПО', label: 'Организация дополнительного профессионального образования' },
  methodical_service: { short: 'ИМЦ', label: 'Муниципальная методическая служба' },
} as const;
export type OrgKind = keyof typeof ORG_KINDS;

export const EDUCATION_LEVELS = {
  higher_pedagogical: 'высшее педагогическое',
  higher: 'высшее',
  secondary_vocational_pedagogical: 'среднее профессиональное педагогическое',
  secondary_vocational: 'среднее профессиональное',
  secondary: 'среднее',
} as const;
export type EducationLevel = keyof typeof EDUCATION_LEVELS;

export const CATEGORIES = {
  highest: 'высшая',
  first: 'первая',
  szd: 'СЗД',
  none: 'без категории',
} as const;
export type Category = keyof typeof CATEGORIES;

export const STAFF_CATEGORIES = {
  pedagogical: 'педагогическая',
  managerial: 'руководящая',
} as const;
export type StaffCategory = keyof typeof STAFF_CATEGORIES;

export const EMPLOYMENT_KINDS = {
  main: 'основное',
  internal: 'внутреннее совместительство',
  external: 'внешнее совместительство',
} as const;
export type EmploymentKind = keyof typeof EMPLOYMENT_KINDS;

export const SEXES = { m: 'м', f: 'ж' } as const;
export type Sex = keyof typeof SEXES;

export const INNOVATION_PLATFORMS = { federal: 'ФИП', regional: 'РИП', municipal: 'МИП' } as const;

/** Finds the key whose Russian word matches `text` (trimmed, case- and ё-insensitive). */
export function keyByWord<K extends string>(words: Record<K, string>, text: string): K | undefined {
  const norm = (s: string) => s.trim().toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ');
  const wanted = norm(text);
  return (Object.keys(words) as K[]).find((k) => norm(words[k]) === wanted);
}

export function orgKindByShort(text: string): OrgKind | undefined {
  const t = text.trim().toUpperCase();
  return (Object.keys(ORG_KINDS) as OrgKind[]).find((k) => ORG_KINDS[k].short === t);
}

/** СНИЛС checksum by the Pension Fund rule; input may contain spaces and dashes. */
export function normalizeSnils(text: string): { ok: true; value: string } | { ok: false; reason: string } {
  const digits = text.replace(/[\s-]/g, '');
  if (!/^\d{11}$/.test(digits)) return { ok: false, reason: 'СНИЛС должен состоять из 11 цифр' };
  const body = digits.slice(0, 9);
  const check = Number(digits.slice(9));
  // Numbers up to 001-001-998 were issued without a meaningful checksum.
  if (Number(body) > 1_001_998) {
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(body[i]) * (9 - i);
    let expected = sum % 101;
    if (expected === 100) expected = 0;
    if (expected !== check) return { ok: false, reason: 'неверная контрольная сумма СНИЛС' };
  }
  return { ok: true, value: digits };
}

/** ИНН of an organization (10 digits) or a person (12 digits) with its check digits. */
export function normalizeInn(text: string): { ok: true; value: string } | { ok: false; reason: string } {
  const digits = text.replace(/\s/g, '');
  const d = [...digits].map(Number);
  const check = (weights: number[]) => (weights.reduce((s, w, i) => s + w * d[i]!, 0) % 11) % 10;
  if (/^\d{10}$/.test(digits)) {
    return check([2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9]
      ? { ok: true, value: digits }
      : { ok: false, reason: 'неверная контрольная цифра ИНН' };
  }
  if (/^\d{12}$/.test(digits)) {
    const ok =
      check([7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] && check([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11];
    return ok ? { ok: true, value: digits } : { ok: false, reason: 'неверные контрольные цифры ИНН' };
  }
  return { ok: false, reason: 'ИНН должен состоять из 10 или 12 цифр' };
}
