import { z } from 'zod';
import { ORG_KINDS, type OrgKind } from '../../directory/vocabulary.ts';
import { MEASURES, type MeasureDef, measureByCode } from '../measures/registry.ts';

/**
 * Indicators are data: a formula over named measures (src/monitoring/measures). This file holds
 * the formula's shape, its validation (Russian issues for the editor and the 422) and the pure
 * arithmetic that never produces a wrong number: an empty denominator or a missing manual value is
 * a status with a message, not a zero.
 */

export const STAFF_POPULATIONS = [
  'pedagogical',
  'managerial',
  'all',
  'pedagogical_and_teaching_managers',
] as const;
export type StaffPopulation = (typeof STAFF_POPULATIONS)[number];

export interface Population {
  /** 'main' (default): only people with a current main employment; 'all': any current employment. */
  employment?: 'main' | 'all';
  /** Default 'pedagogical'; the last = pedagogical plus managers with a teaching load (load_hours > 0). */
  staff?: StaffPopulation;
  orgKinds?: OrgKind[];
}

export type ParamValue = string | number | boolean | string[];

export interface MeasureRef {
  measure: string;
  params?: Record<string, ParamValue>;
  population?: Population;
  /**
   * Set by the engine, never stored: count only the people the given measure also counts (a
   * share's numerator cut to its denominator's people, so a share never exceeds 100 %).
   */
  within?: MeasureRef;
}

export type Formula =
  | { kind: 'share'; numerator: MeasureRef; denominator: MeasureRef }
  | { kind: 'count'; of: MeasureRef }
  | { kind: 'ratio'; numerator: MeasureRef; denominator: MeasureRef; per?: number }
  | { kind: 'sum'; terms: MeasureRef[] }
  | { kind: 'manual'; measure: string };

export type FormulaKind = Formula['kind'];

export const FORMULA_KINDS: Record<FormulaKind, string> = {
  share: 'доля (числитель / знаменатель · 100 %)',
  count: 'количество',
  ratio: 'отношение (числитель / знаменатель)',
  sum: 'сумма',
  manual: 'вводится вручную',
};

export const ZPopulation = z.object({
  employment: z.enum(['main', 'all']).optional(),
  staff: z.enum(STAFF_POPULATIONS).optional(),
  orgKinds: z.array(z.enum(Object.keys(ORG_KINDS) as [OrgKind, ...OrgKind[]])).optional(),
});

const ZParamValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

export const ZMeasureRef = z.object({
  measure: z.string(),
  params: z.record(z.string(), ZParamValue).optional(),
  population: ZPopulation.optional(),
});

/** Loose on purpose: shape errors become Russian issues in validateFormula, not zod's English. */
export const ZFormula = z.looseObject({ kind: z.string() });

export interface FormulaIssue {
  path: string;
  message: string;
}

/** `no_data`: the source the numerator counts from has nothing in the scope and period (no diagnosis held). */
export type ValueStatus = 'ok' | 'empty_denominator' | 'manual_missing' | 'invalid_formula' | 'no_data';

/** Every MeasureRef a formula refers to, in order (manual formulas → a `manual:` ref). */
export function formulaRefs(formula: Formula): MeasureRef[] {
  switch (formula.kind) {
    case 'share':
    case 'ratio':
      return [formula.numerator, formula.denominator];
    case 'count':
      return [formula.of];
    case 'sum':
      return formula.terms;
    case 'manual':
      return [
        { measure: formula.measure.startsWith('manual:') ? formula.measure : `manual:${formula.measure}` },
      ];
  }
}

/** Derived = nothing in the formula is entered by hand. */
export function isDerived(formula: Formula): boolean {
  if (!formula || typeof formula !== 'object') return false;
  try {
    return formulaRefs(formula).every((r) => !r.measure.startsWith('manual:'));
  } catch {
    return false;
  }
}

export function effectivePopulation(
  ref: MeasureRef,
  population: Population | undefined,
): Required<Population> {
  const p = { ...(population ?? {}), ...(ref.population ?? {}) };
  return {
    employment: p.employment ?? 'main',
    staff: p.staff ?? 'pedagogical',
    orgKinds: p.orgKinds ?? [],
  };
}

function samePopulation(a: Required<Population>, b: Required<Population>): boolean {
  return (
    a.employment === b.employment &&
    a.staff === b.staff &&
    [...a.orgKinds].sort().join(',') === [...b.orgKinds].sort().join(',')
  );
}

function validateRef(ref: unknown, path: string, issues: FormulaIssue[]): MeasureDef | null {
  if (!ref || typeof ref !== 'object' || typeof (ref as MeasureRef).measure !== 'string') {
    issues.push({ path, message: 'Не указана мера' });
    return null;
  }
  const r = ref as MeasureRef;
  const def = measureByCode(r.measure);
  if (!def) {
    issues.push({ path: `${path}.measure`, message: `Мера ${r.measure} не существует` });
    return null;
  }
  const params = r.params ?? {};
  if (typeof params !== 'object' || Array.isArray(params)) {
    issues.push({ path: `${path}.params`, message: 'Параметры меры должны быть объектом' });
    return def;
  }
  for (const name of Object.keys(params)) {
    if (!def.params.some((p) => p.name === name)) {
      issues.push({ path: `${path}.params.${name}`, message: `У меры ${def.code} нет параметра «${name}»` });
    }
  }
  for (const p of def.params) {
    const v = params[p.name];
    const at = `${path}.params.${p.name}`;
    if (v === undefined || v === null || v === '') {
      if (p.required) issues.push({ path: at, message: `Не указан параметр «${p.label}» меры ${def.code}` });
      continue;
    }
    if (p.type === 'number' && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
      issues.push({ path: at, message: `Параметр «${p.label}» должен быть неотрицательным числом` });
    } else if (p.type === 'boolean' && typeof v !== 'boolean') {
      issues.push({ path: at, message: `Параметр «${p.label}» должен быть «да» или «нет»` });
    } else if (p.type === 'string' && typeof v !== 'string') {
      issues.push({ path: at, message: `Параметр «${p.label}» должен быть строкой` });
    } else if (p.type === 'enum') {
      if (typeof v !== 'string' || !p.options?.some((o) => o.value === v)) {
        issues.push({ path: at, message: `Недопустимое значение «${String(v)}» параметра «${p.label}»` });
      }
    } else if (p.type === 'enum[]') {
      if (!Array.isArray(v) || v.some((x) => !p.options?.some((o) => o.value === x))) {
        issues.push({ path: at, message: `Недопустимые значения параметра «${p.label}»` });
      }
    }
  }
  if (
    def.code === 'staff.education' &&
    !params.level &&
    !(Array.isArray(params.levels) && params.levels.length)
  ) {
    issues.push({ path: `${path}.params.level`, message: 'Не указан уровень образования' });
  }
  if (def.code === 'staff.age' || def.code === 'staff.experience') {
    const min = params.min as number | undefined;
    const max = params.max as number | undefined;
    if (typeof min === 'number' && typeof max === 'number' && min >= max) {
      issues.push({ path: `${path}.params`, message: 'Нижняя граница должна быть меньше верхней' });
    }
  }
  if (r.population !== undefined) {
    const parsed = ZPopulation.safeParse(r.population);
    if (!parsed.success)
      issues.push({ path: `${path}.population`, message: 'Некорректно задана совокупность' });
  }
  return def;
}

/** Checks a formula against the measure registry; returns Russian issues (empty = valid). */
export function validateFormula(formula: unknown, population?: unknown): FormulaIssue[] {
  const issues: FormulaIssue[] = [];
  if (population !== undefined && population !== null && !ZPopulation.safeParse(population).success) {
    issues.push({ path: 'population', message: 'Некорректно задана совокупность' });
  }
  const pop = ZPopulation.safeParse(population ?? {}).data;
  if (!formula || typeof formula !== 'object') {
    return [{ path: 'formula', message: 'Формула не задана' }];
  }
  const f = formula as Record<string, unknown>;
  switch (f.kind) {
    case 'share':
    case 'ratio': {
      const n = validateRef(f.numerator, 'numerator', issues);
      const d = validateRef(f.denominator, 'denominator', issues);
      if (n?.memberKind === 'value' && f.kind === 'share') {
        // sums of rates are not counts of members; a share of them is still meaningful (occupied / total)
      }
      if (f.kind === 'ratio' && f.per !== undefined && (typeof f.per !== 'number' || !(f.per > 0))) {
        issues.push({ path: 'per', message: 'Множитель должен быть положительным числом' });
      }
      if (n && d && f.kind === 'share') {
        if (n.memberKind !== d.memberKind) {
          issues.push({
            path: 'numerator',
            message: `Числитель (${n.label}) и знаменатель (${d.label}) считают разное: доля невозможна`,
          });
        } else if (n.memberKind === 'person') {
          const np = effectivePopulation(f.numerator as MeasureRef, pop);
          const dp = effectivePopulation(f.denominator as MeasureRef, pop);
          if (!samePopulation(np, dp)) {
            issues.push({
              path: 'numerator.population',
              message: 'Совокупность числителя отличается от совокупности знаменателя',
            });
          }
        }
      }
      break;
    }
    case 'count':
      validateRef(f.of, 'of', issues);
      break;
    case 'sum': {
      if (!Array.isArray(f.terms) || f.terms.length === 0) {
        issues.push({ path: 'terms', message: 'Сумма должна содержать хотя бы одно слагаемое' });
        break;
      }
      f.terms.forEach((t, i) => {
        validateRef(t, `terms.${i}`, issues);
      });
      break;
    }
    case 'manual': {
      if (typeof f.measure !== 'string' || f.measure.replace(/^manual:/, '').trim() === '') {
        issues.push({ path: 'measure', message: 'Не указан код ручной меры' });
      } else if (!/^(manual:)?[a-z0-9_.-]+$/i.test(f.measure)) {
        issues.push({ path: 'measure', message: `Недопустимый код ручной меры «${f.measure}»` });
      }
      break;
    }
    default:
      issues.push({
        path: 'kind',
        message: `Неизвестный вид формулы «${String(f.kind)}»: допустимы доля, количество, отношение, сумма, ручной ввод`,
      });
  }
  return issues;
}

/** A measure's per-organization result reduced to one number (or absent for an unentered manual). */
export interface MeasureTotal {
  value: number | null;
  /** false for a manual measure nobody has entered. */
  present: boolean;
}

export interface Evaluation {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: ValueStatus;
  message: string;
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

const MISSING_MANUAL = (code: string) =>
  `Нет введённого значения ручной меры ${code.replace(/^manual:/, '')} за период`;

/**
 * Pure arithmetic over measure totals. `get(ref)` gives the measure's figure for the group being
 * evaluated (the whole scope, one organization, one kind, …). `denominatorLabel` words «в группе
 * нет ни одного …» for the empty-denominator message.
 */
export function evaluate(
  formula: Formula,
  get: (ref: MeasureRef) => MeasureTotal,
  invalid?: string,
): Evaluation {
  if (invalid)
    return { value: null, numerator: null, denominator: null, status: 'invalid_formula', message: invalid };
  switch (formula.kind) {
    case 'share':
    case 'ratio': {
      const n = get(formula.numerator);
      const d = get(formula.denominator);
      const missing = [formula.numerator, formula.denominator].find(
        (r, i) => !(i === 0 ? n : d).present && r.measure.startsWith('manual:'),
      );
      if (missing) {
        return {
          value: null,
          numerator: n.value,
          denominator: d.value,
          status: 'manual_missing',
          message: MISSING_MANUAL(missing.measure),
        };
      }
      const nv = n.value ?? 0;
      const dv = d.value ?? 0;
      if (dv === 0) {
        const def = measureByCode(formula.denominator.measure);
        return {
          value: null,
          numerator: nv,
          denominator: 0,
          status: 'empty_denominator',
          message: `Знаменатель равен нулю: в группе нет ни одного ${def?.emptyWord ?? 'учитываемого объекта'} (${def?.label ?? formula.denominator.measure})`,
        };
      }
      const value = formula.kind === 'share' ? (nv / dv) * 100 : (nv / dv) * (formula.per ?? 1);
      return { value: round4(value), numerator: nv, denominator: dv, status: 'ok', message: '' };
    }
    case 'count': {
      const n = get(formula.of);
      if (!n.present) {
        return {
          value: null,
          numerator: null,
          denominator: null,
          status: 'manual_missing',
          message: MISSING_MANUAL(formula.of.measure),
        };
      }
      return {
        value: round4(n.value ?? 0),
        numerator: n.value ?? 0,
        denominator: null,
        status: 'ok',
        message: '',
      };
    }
    case 'sum': {
      let total = 0;
      for (const t of formula.terms) {
        const v = get(t);
        if (!v.present) {
          return {
            value: null,
            numerator: null,
            denominator: null,
            status: 'manual_missing',
            message: MISSING_MANUAL(t.measure),
          };
        }
        total += v.value ?? 0;
      }
      return { value: round4(total), numerator: total, denominator: null, status: 'ok', message: '' };
    }
    case 'manual': {
      const ref = formulaRefs(formula)[0] as MeasureRef;
      const v = get(ref);
      if (!v.present) {
        return {
          value: null,
          numerator: null,
          denominator: null,
          status: 'manual_missing',
          message: MISSING_MANUAL(ref.measure),
        };
      }
      return {
        value: v.value === null ? null : round4(v.value),
        numerator: v.value,
        denominator: null,
        status: 'ok',
        message: '',
      };
    }
  }
}

/** The formula in words, for lists and exports. */
export function describeFormula(formula: Formula): string {
  const label = (r: MeasureRef) => {
    const def = measureByCode(r.measure);
    const base = def?.label ?? r.measure;
    // Parameters by their labels and values by their options' labels, as the screens show them.
    const ps = Object.entries(r.params ?? {})
      .map(([k, v]) => {
        const p = def?.params.find((x) => x.name === k);
        const word = (x: unknown) => p?.options?.find((o) => o.value === x)?.label ?? String(x);
        const text = Array.isArray(v)
          ? v.map(word).join(', ')
          : typeof v === 'boolean'
            ? v
              ? 'да'
              : 'нет'
            : word(v);
        return `${p?.label ?? k}: ${text}`;
      })
      .join('; ');
    return ps ? `${base} (${ps})` : base;
  };
  switch (formula.kind) {
    case 'share':
      return `${label(formula.numerator)} / ${label(formula.denominator)} · 100 %`;
    case 'ratio':
      return `${label(formula.numerator)} / ${label(formula.denominator)}${formula.per && formula.per !== 1 ? ` · ${formula.per}` : ''}`;
    case 'count':
      return label(formula.of);
    case 'sum':
      return formula.terms.map(label).join(' + ');
    case 'manual':
      return `вводится вручную: ${label(formulaRefs(formula)[0] as MeasureRef)}`;
  }
}

export { MEASURES };
