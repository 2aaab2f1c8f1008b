import { type SQL, sql } from 'drizzle-orm';
import type { DerivedRules } from '../../directory/derived/derived-rules.ts';
import type { ParamValue, Population } from '../engine/formula.ts';

/**
 * What every measure is computed against: which organizations (a predicate over an organizations
 * alias), the date people are counted at, and the period events are counted in.
 */
export interface MeasureContext {
  /** Scope over an organizations alias (from orgScope ∩ the set's territory). */
  scope: (o: string) => SQL;
  asOf: string;
  periodStart: string;
  periodEnd: string;
  rules: DerivedRules;
  /** The territory level computed over: values entered for a wider territory do not count in a narrower one. */
  level: 'all' | 'region' | 'municipality' | 'organization';
}

export type Params = Record<string, ParamValue>;

/**
 * A person measure: the people of the population it counts, as a set of person ids (`set`, any
 * SELECT yielding person_id) and/or a condition over the population row `pop` and people `p`.
 * Sets become hash joins, so 2 000 000 people are one pass, not a probe per person.
 */
export interface PersonMeasureSql {
  set?: SQL;
  /** People NOT to count (an anti-join). */
  exclude?: SQL;
  cond?: SQL;
}

export type PersonMeasureBuilder = (params: Params, ctx: MeasureContext) => PersonMeasureSql;

/** Rows (organization_id, member_id) for member measures, or (organization_id, value) for sums. */
export type RowsBuilder = (params: Params, ctx: MeasureContext, population: Required<Population>) => SQL;

export const d = (v: string) => sql`${v}::date`;

/** Employed at asOf: started on or before it (or unknown start) and not ended by it. */
export function currentAt(e: string, asOf: string): SQL {
  const t = sql.raw(e);
  return sql`(${t}.start_date IS NULL OR ${t}.start_date <= ${asOf}::date) AND (${t}.end_date IS NULL OR ${t}.end_date > ${asOf}::date)`;
}

export function inPeriod(column: SQL, ctx: MeasureContext): SQL {
  return sql`${column} BETWEEN ${ctx.periodStart}::date AND ${ctx.periodEnd}::date`;
}

export const num = (v: ParamValue | undefined): number | undefined => (typeof v === 'number' ? v : undefined);
export const str = (v: ParamValue | undefined): string | undefined =>
  typeof v === 'string' && v !== '' ? v : undefined;
