import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';

/**
 * Attributes of a person that are derived, never typed in, and the settings that define them.
 * The same rules exist twice on purpose: as pure functions (cards, unit tests) and as SQL
 * fragments (lists, filters, counts over 50 000 people); a test keeps them in agreement.
 */
export const ZDerivedRules = z.object({
  /** Young specialist: younger than this age … */
  youngMaxAge: z.number().int().min(18).max(70),
  /** … and/or within this many years of pedagogical experience. */
  youngMaxExperienceYears: z.number().min(0).max(20),
  youngRule: z.enum(['and', 'or']),
  pensionAgeMale: z.number().int().min(45).max(80),
  pensionAgeFemale: z.number().int().min(45).max(80),
  /** Weekly load above which a person counts as overloaded (000: «более 30 часов»). */
  loadThresholdHours: z.number().min(1).max(80),
  /** 003 indicator 4.6: «более 2 ставок». */
  maxRatesPerPerson: z.number().min(0.25).max(10),
});
export type DerivedRules = z.infer<typeof ZDerivedRules>;

/** 002: «молодые учителя до 35 лет … в первые три года работы»; pension ages as of the 2019 reform's end state. */
export const DEFAULT_DERIVED_RULES: DerivedRules = {
  youngMaxAge: 35,
  youngMaxExperienceYears: 3,
  youngRule: 'and',
  pensionAgeMale: 65,
  pensionAgeFemale: 60,
  loadThresholdHours: 30,
  maxRatesPerPerson: 2,
};

export const DERIVED_RULES_KEY = 'directory.derived_rules';

export const AGE_BANDS = {
  under25: { label: 'до 25 лет', min: 0, max: 24 },
  '25-34': { label: '25–34 года', min: 25, max: 34 },
  '35-44': { label: '35–44 года', min: 35, max: 44 },
  '45-54': { label: '45–54 года', min: 45, max: 54 },
  '55-64': { label: '55–64 года', min: 55, max: 64 },
  '65plus': { label: '65 лет и старше', min: 65, max: 200 },
} as const;
export type AgeBand = keyof typeof AGE_BANDS;

// ---- pure functions ----

/** Full years between two ISO dates. */
export function ageAt(birthDate: string, asOf: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age--;
  return age;
}

/** Experience grows with time from the date it was recorded. */
export function experienceAt(years: number | null, recordedOn: string | null, asOf: string): number | null {
  if (years === null) return null;
  if (!recordedOn) return years;
  const elapsed = (Date.parse(asOf) - Date.parse(recordedOn)) / (365.25 * 86_400_000);
  return Math.max(0, Math.round((years + elapsed) * 10) / 10);
}

export function isYoung(rules: DerivedRules, age: number, experience: number | null): boolean {
  const byAge = age < rules.youngMaxAge;
  const byExp = experience !== null && experience <= rules.youngMaxExperienceYears;
  return rules.youngRule === 'and' ? byAge && byExp : byAge || byExp;
}

export function isPensionAge(rules: DerivedRules, sex: 'm' | 'f', age: number): boolean {
  return age >= (sex === 'm' ? rules.pensionAgeMale : rules.pensionAgeFemale);
}

/** A category is valid for five years from the date it was assigned. */
export function categoryExpiry(categoryDate: string | null): string | null {
  if (!categoryDate) return null;
  const [y, m, d] = categoryDate.split('-');
  return `${Number(y) + 5}-${m}-${d}`;
}

// ---- the same rules in SQL; `p` = people alias, asOf a date parameter ----

export function ageSql(p: string, asOf: string | SQL): SQL {
  return sql`date_part('year', age(${asOf}::date, ${sql.raw(p)}.birth_date))::int`;
}

export function experienceSql(p: string, asOf: string | SQL): SQL {
  const t = sql.raw(p);
  return sql`CASE WHEN ${t}.ped_experience_years IS NULL THEN NULL
    ELSE greatest(0, round((${t}.ped_experience_years
      + coalesce(${asOf}::date - ${t}.ped_experience_as_of, 0) / 365.25)::numeric, 1)) END`;
}

/** `asOf` is a date string, or a date column (an event's own date). */
export function youngSql(rules: DerivedRules, p: string, asOf: string | SQL): SQL {
  const byAge = sql`(${ageSql(p, asOf)} < ${rules.youngMaxAge})`;
  const byExp = sql`coalesce(${experienceSql(p, asOf)} <= ${rules.youngMaxExperienceYears}, false)`;
  return rules.youngRule === 'and' ? sql`(${byAge} AND ${byExp})` : sql`(${byAge} OR ${byExp})`;
}

export function pensionAgeSql(rules: DerivedRules, p: string, asOf: string): SQL {
  const t = sql.raw(p);
  return sql`(${ageSql(p, asOf)} >= CASE WHEN ${t}.sex = 'm' THEN ${rules.pensionAgeMale}::int ELSE ${rules.pensionAgeFemale}::int END)`;
}
