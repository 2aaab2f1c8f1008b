import { type SQL, sql } from 'drizzle-orm';
import { loadDerivedRules } from '../../directory/derived/derived-rules.repository.ts';
import { ORG_KINDS, type OrgKind } from '../../directory/vocabulary.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { ROLE_SCOPE } from '../../platform/auth/actor.ts';
import { orgScope } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import type { MeasureContext } from '../measures/context.ts';
import { academicYear } from '../measures/orgs.ts';
import {
  type MeasureResult,
  type ResolvedRef,
  resolveRef,
  runMeasures,
  withinDenominator,
} from '../measures/run.ts';
import { setVisibility } from '../monitoring.policy.ts';
import {
  type Evaluation,
  evaluate,
  type Formula,
  formulaRefs,
  isDerived,
  type MeasureRef,
  type MeasureTotal,
  type Population,
  type ValueStatus,
  validateFormula,
} from './formula.ts';

/**
 * computeSet: every indicator of a set (or a given list) for a date and a period, over the actor's
 * scope cut to the set's territory. Measures are computed once per call and shared by indicators;
 * slices above the organization add up per-organization counts (each person is attributed to one
 * organization, so the sums are exact); subject slices count distinct people per subject.
 */

export type SliceKind = 'organization' | 'org_kind' | 'territory' | 'subject';
export const SLICE_KINDS: readonly SliceKind[] = ['organization', 'org_kind', 'territory', 'subject'];

export interface IndicatorInput {
  id?: string | null;
  code: string;
  name?: string;
  formula: unknown;
  population?: unknown;
}

export interface SliceValue {
  key: string;
  label: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: ValueStatus;
  message: string;
}

export interface IndicatorValue {
  indicatorId: string | null;
  code: string;
  name: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: ValueStatus;
  message: string;
  derived: boolean;
  slices: Partial<Record<SliceKind, SliceValue[]>>;
  members?: {
    numerator?: Map<string, string[]>;
    denominator?: Map<string, string[]>;
    value?: Map<string, string[]>;
  };
  memberKind?: string;
}

export interface ComputeResult {
  asOf: string;
  periodStart: string;
  periodEnd: string;
  indicators: IndicatorValue[];
}

export interface ComputeScope {
  /** Over an organizations alias. */
  scope: (o: string) => SQL;
  level: MeasureContext['level'];
}

export interface ComputeOptions {
  asOf: string;
  periodStart?: string | undefined;
  periodEnd?: string | undefined;
  slices?: readonly SliceKind[] | undefined;
  withMembers?: boolean | undefined;
}

/** Default period: from the start of the academic year containing asOf (1 September) to asOf. */
export function defaultPeriod(asOf: string): { periodStart: string; periodEnd: string } {
  return { periodStart: `${academicYear(asOf)}-09-01`, periodEnd: asOf };
}

interface OrgRow {
  id: string;
  name: string;
  kind: OrgKind;
  municipality_id: string;
  municipality: string;
}

export async function computeIndicators(
  db: Db,
  where: ComputeScope,
  list: IndicatorInput[],
  opts: ComputeOptions,
): Promise<ComputeResult> {
  const period = defaultPeriod(opts.asOf);
  const periodStart = opts.periodStart ?? period.periodStart;
  const periodEnd = opts.periodEnd ?? period.periodEnd;
  const ctx: MeasureContext = {
    scope: where.scope,
    level: where.level,
    asOf: opts.asOf,
    periodStart,
    periodEnd,
    rules: await loadDerivedRules(db),
  };
  const slices = opts.slices ?? [];

  // validate each formula; collect refs of the valid ones
  const prepared = list.map((ind) => {
    const issues = validateFormula(ind.formula, ind.population ?? {});
    const population = (ind.population ?? {}) as Population;
    if (issues.length)
      return { ind, invalid: issues.map((i) => i.message).join('; '), refs: [] as ResolvedRef[] };
    const stored = ind.formula as Formula;
    const formula: Formula =
      stored.kind === 'share'
        ? { ...stored, numerator: withinDenominator(stored.numerator, stored.denominator, population) }
        : stored;
    const refs = formulaRefs(formula).map((r) => resolveRef(r, population) as ResolvedRef);
    return { ind, invalid: undefined, refs, formula, population };
  });
  const run = (d: Db) =>
    runMeasures(
      d,
      ctx,
      prepared.flatMap((p) => p.refs),
      { withMembers: opts.withMembers ?? false, subjects: slices.includes('subject') },
    );
  // One read-only transaction with room for the population's sorts and hashes: at 2 000 000 staff
  // the default 4 MB work_mem spills them to disk (SET LOCAL ends with the transaction).
  const results = await db.transaction(async (tx) => {
    await tx.query(sql`SET LOCAL work_mem = '64MB'`);
    return run(tx);
  });

  const orgs = slices.some((s) => s !== 'subject')
    ? await db.query<OrgRow>(sql`
          SELECT o.id::text AS id, o.short_name AS name, o.kind, o.municipality_id::text AS municipality_id, m.name AS municipality
          FROM organizations o JOIN municipalities m ON m.id = o.municipality_id
          WHERE ${where.scope('o')} ORDER BY o.short_name, o.id`)
    : [];

  const indicators = prepared.map((p): IndicatorValue => {
    const base = {
      indicatorId: p.ind.id ?? null,
      code: p.ind.code,
      name: p.ind.name ?? '',
      derived: p.invalid ? false : isDerived(p.ind.formula as Formula),
    };
    if (p.invalid || !p.formula) {
      const e = evaluate(
        { kind: 'manual', measure: 'manual:x' },
        () => ({ value: null, present: false }),
        p.invalid,
      );
      return { ...base, ...e, slices: {} };
    }
    const formula = p.formula;
    const keyOf = (ref: MeasureRef) => (resolveRef(ref, p.population) as ResolvedRef).key;
    const res = (ref: MeasureRef) => results.get(keyOf(ref)) as MeasureResult;

    const computedTotal = evaluate(formula, (ref) => {
      const r = res(ref);
      if (r.percent) {
        // Percents do not add up: the territory's own figure, else the mean of the organizations'.
        if (r.percent.territoryEntered) return { value: r.territoryValue, present: true };
        const vs = [...r.byOrg.values()].map((f) => f.value);
        return { value: vs.length ? vs.reduce((a, b) => a + b, 0) / vs.length : 0, present: vs.length > 0 };
      }
      let v = r.territoryValue;
      for (const f of r.byOrg.values()) v += f.value;
      return { value: v, present: r.present };
    });

    // A share counted from diagnosis results with none at all in the scope and period has no data:
    // the diagnosis was not held, which is not the same as nobody taking part in it. The same holds
    // for every slice on its own (an organization, a kind, a municipality, a subject): where nobody
    // of the population has a result, the diagnosis was not held there — «нет данных», never 0 % and
    // never a problem zone. So kindergartens a school-only campaign did not reach are not failures
    // of 003's 1.1, while a kindergarten whose teachers were assessed counts like a school (the
    // seed's 1.1 is about all pedagogical workers, and 6.6 builds preschool routes from the same
    // procedure), and a municipality's line in the region's comparison reads as its own total does.
    const fromDiagnosis = formula.kind === 'share' && formula.numerator.measure.startsWith('assessment.');
    const absent = (e: Evaluation): Evaluation =>
      fromDiagnosis && e.status === 'ok' && e.numerator === 0
        ? { ...e, value: null, status: 'no_data', message: NO_DIAGNOSIS }
        : e;
    const total = absent(computedTotal);

    const groupEval = (orgIds: string[]): Evaluation => absent(evaluateGroup(orgIds));
    const evaluateGroup = (orgIds: string[]): Evaluation =>
      evaluate(formula, (ref): MeasureTotal => {
        const r = res(ref);
        let v = 0;
        let any = false;
        for (const id of orgIds) {
          const f = r.byOrg.get(id);
          if (f) {
            v += f.value;
            any = true;
          }
        }
        // an organization nobody entered a manual value for has none, not 0
        if (r.percent && any) {
          const n = orgIds.filter((id) => r.byOrg.has(id)).length;
          return { value: v / n, present: true };
        }
        return { value: v, present: isManual(ref) ? any : true };
      });

    const out: IndicatorValue = { ...base, ...total, slices: {} };
    if (slices.includes('organization')) {
      out.slices.organization = orgs.map((o) => ({ key: o.id, label: o.name, ...groupEval([o.id]) }));
    }
    if (slices.includes('org_kind')) {
      const byKind = groupBy(orgs, (o) => o.kind);
      out.slices.org_kind = [...byKind.entries()].map(([kind, os]) => ({
        key: kind,
        label: ORG_KINDS[kind as OrgKind]?.label ?? kind,
        ...groupEval(os.map((o) => o.id)),
      }));
    }
    if (slices.includes('territory')) {
      const byMun = groupBy(orgs, (o) => o.municipality_id);
      out.slices.territory = [...byMun.entries()].map(([id, os]) => ({
        key: id,
        label: (os[0] as OrgRow).municipality,
        ...groupEval(os.map((o) => o.id)),
      }));
    }
    if (slices.includes('subject')) {
      const refs = formulaRefs(formula);
      const all = refs.map(res);
      if (all.every((r) => r.bySubject)) {
        const subjects = new Set<string>();
        for (const r of all) for (const s of (r.bySubject as Map<string, number>).keys()) subjects.add(s);
        out.slices.subject = [...subjects]
          .sort((a, b) => a.localeCompare(b, 'ru'))
          .map((s) => ({
            key: s,
            label: s,
            ...absent(
              evaluate(formula, (ref) => ({ value: res(ref).bySubject?.get(s) ?? 0, present: true })),
            ),
          }));
      } else {
        out.slices.subject = [];
      }
    }
    if (opts.withMembers) {
      const refs = formulaRefs(formula);
      const idsOf = (rs: MeasureRef[]) => {
        const m = new Map<string, string[]>();
        for (const ref of rs) {
          for (const [org, f] of res(ref).byOrg) {
            if (!f.ids) continue;
            const list = m.get(org);
            if (list) for (const id of f.ids) list.push(id);
            else m.set(org, [...f.ids]);
          }
        }
        return m;
      };
      out.memberKind = res(refs[0] as MeasureRef).memberKind;
      out.members =
        formula.kind === 'share' || formula.kind === 'ratio'
          ? { numerator: idsOf([formula.numerator]), denominator: idsOf([formula.denominator]) }
          : { value: idsOf(refs) };
    }
    return out;
  });
  return { asOf: opts.asOf, periodStart, periodEnd, indicators };
}

const NO_DIAGNOSIS =
  'Нет данных: в периоде нет ни одного результата диагностики работников этой категории в выбранной территории';

function isManual(ref: MeasureRef): boolean {
  return ref.measure.startsWith('manual:');
}

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

// ---- scope ----

export interface SetTerritory {
  ownerLevel: 'region' | 'municipality' | 'organization';
  regionId: string | null;
  municipalityId: string | null;
}

/** The actor's orgScope cut to the set's territory; the level is the narrower of the two. */
export function setScope(actor: Actor, set: SetTerritory | null): ComputeScope {
  const actorLevel = ROLE_SCOPE[actor.role];
  const territory = (o: string): SQL => {
    const t = sql.raw(o);
    if (set?.municipalityId) return sql`${t}.municipality_id = ${set.municipalityId}`;
    if (set?.regionId) return sql`${t}.region_id = ${set.regionId}`;
    return sql`true`;
  };
  const level: ComputeScope['level'] =
    actorLevel === 'all'
      ? set?.municipalityId
        ? 'municipality'
        : set?.regionId
          ? 'region'
          : 'all'
      : actorLevel === 'region'
        ? set?.municipalityId
          ? 'municipality'
          : 'region'
        : actorLevel === 'municipality'
          ? 'municipality'
          : 'organization';
  return { scope: (o) => sql`(${orgScope(actor, o)}) AND (${territory(o)})`, level };
}

/** A territory for the CLI and the bench (no actor): a municipality, a region or everything. */
export function territoryScope(t: {
  municipalityId?: string | null;
  regionId?: string | null;
}): ComputeScope {
  if (t.municipalityId) {
    return { scope: (o) => sql`${sql.raw(o)}.municipality_id = ${t.municipalityId}`, level: 'municipality' };
  }
  if (t.regionId) return { scope: (o) => sql`${sql.raw(o)}.region_id = ${t.regionId}`, level: 'region' };
  return { scope: () => sql`true`, level: 'all' };
}

// ---- entry points ----

export interface ComputeSetOptions extends ComputeOptions {
  setId?: string | undefined;
  indicators?: IndicatorInput[] | undefined;
}

/** A set (visible to the actor, else 404) or a list of indicators, over the actor's scope ∩ the set's territory. */
export async function computeSet(db: Db, actor: Actor, opts: ComputeSetOptions): Promise<ComputeResult> {
  if (opts.setId) {
    const [set] = await db.query<{
      owner_level: SetTerritory['ownerLevel'];
      region_id: string | null;
      municipality_id: string | null;
    }>(
      sql`SELECT s.owner_level, s.region_id::text AS region_id, s.municipality_id::text AS municipality_id
          FROM indicator_sets s WHERE s.id = ${opts.setId} AND ${setVisibility(actor, 's')}`,
    );
    if (!set) throw notFound('Набор показателей не найден.');
    const list = await db.query<{
      id: string;
      code: string;
      name: string;
      formula: unknown;
      population: unknown;
    }>(
      sql`SELECT id::text AS id, code, name, formula, population FROM indicators WHERE set_id = ${opts.setId}
          ORDER BY position, code`,
    );
    const where = setScope(actor, {
      ownerLevel: set.owner_level,
      regionId: set.region_id,
      municipalityId: set.municipality_id,
    });
    return computeIndicators(db, where, list, opts);
  }
  return computeIndicators(db, setScope(actor, null), opts.indicators ?? [], opts);
}

export interface ComputePresetOptions extends ComputeOptions {
  presetCode?: string;
  preset?: { indicators: IndicatorInput[] };
  /** SQL over organizations alias `o`, a function of the alias, or a territory. */
  scope?: SQL | ((o: string) => SQL) | { municipalityId?: string | null; regionId?: string | null };
  level?: MeasureContext['level'];
}

/** A preset computed without loading it into the database (CLI, bench). */
export async function computePreset(db: Db, opts: ComputePresetOptions): Promise<ComputeResult> {
  let indicators = opts.preset?.indicators;
  if (!indicators) {
    const { presetByCode } = await import('../presets/index.ts');
    const preset = presetByCode(opts.presetCode ?? '');
    if (!preset) throw notFound(`Пресет ${opts.presetCode ?? ''} не найден.`);
    indicators = preset.indicators.map((i) => ({ ...i, id: null, population: i.population ?? {} }));
  }
  return computeIndicators(db, toComputeScope(opts.scope, opts.level), indicators, opts);
}

function toComputeScope(scope: ComputePresetOptions['scope'], level?: MeasureContext['level']): ComputeScope {
  if (!scope) return { scope: () => sql`true`, level: level ?? 'all' };
  if (typeof scope === 'function') return { scope, level: level ?? 'all' };
  if (isSql(scope)) {
    const s = scope;
    // the fragment names alias `o`; elsewhere it is applied through a lookup on that alias
    return {
      scope: (a) => (a === 'o' ? s : sql`${sql.raw(a)}.id IN (SELECT o.id FROM organizations o WHERE ${s})`),
      level: level ?? 'all',
    };
  }
  const t = territoryScope(scope);
  return level ? { ...t, level } : t;
}

function isSql(x: unknown): x is SQL {
  return typeof x === 'object' && x !== null && 'queryChunks' in x;
}
