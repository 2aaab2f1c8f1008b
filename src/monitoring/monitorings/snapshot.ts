import { type Db, sql } from '../../platform/db/database.ts';
import type { Formula, MeasureRef, ValueStatus } from '../engine/formula.ts';
import { measureByCode } from '../measures/registry.ts';

/**
 * A monitoring's snapshot: what closing writes (monitoring_values for the total and every slice,
 * monitoring_members for the ids behind each figure) and how the frozen figures are read back in
 * the same shape as a live compute, so the API and the UI do not care which one they got.
 */

export const SLICE_KINDS = ['organization', 'org_kind', 'territory', 'subject'] as const;
export type SliceKind = (typeof SLICE_KINDS)[number];
export const PARTS = ['numerator', 'denominator', 'value'] as const;
export type Part = (typeof PARTS)[number];

export interface SliceValue {
  key: string;
  label: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: ValueStatus;
}

/** One indicator of a compute (engine's computeSet) or of a snapshot. */
export interface ComputedIndicator {
  indicatorId: string;
  code: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: ValueStatus;
  message: string;
  derived: boolean;
  slices: Partial<Record<SliceKind, SliceValue[]>>;
  members?: Partial<Record<Part, Map<string, string[]>>> | undefined;
}

export interface ComputedSet {
  asOf: string;
  periodStart: string;
  periodEnd: string;
  indicators: ComputedIndicator[];
}

/** Rows per INSERT: one statement per chunk keeps the parameter (a JSON document) reasonable. */
const CHUNK = 2000;

/** The member kind behind a part of a formula: the measure that part counts. */
export function partMeasure(formula: Formula, part: Part): MeasureRef | null {
  switch (formula.kind) {
    case 'share':
    case 'ratio':
      return part === 'denominator' ? formula.denominator : formula.numerator;
    case 'count':
      return formula.of;
    case 'sum':
      return formula.terms[0] ?? null;
    case 'manual':
      return null;
  }
}

export function partKind(formula: Formula, part: Part): string | null {
  const ref = partMeasure(formula, part);
  if (!ref) return null;
  const kind = measureByCode(ref.measure)?.memberKind;
  // Sums ('value') have no members to drill down to.
  return kind && kind !== 'value' ? kind : null;
}

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * Writes the snapshot: every figure (total and slices) and every member list, a few multi-row
 * statements per thousand rows — never a statement per organization or per person. Runs inside
 * the caller's transaction.
 */
export async function writeSnapshot(
  tx: Db,
  monitoringId: string,
  result: ComputedSet,
  formulas: Map<string, Formula>,
): Promise<{ values: number; members: number }> {
  const values: Record<string, unknown>[] = [];
  const members: Record<string, unknown>[] = [];
  for (const ind of result.indicators) {
    values.push({
      indicator_id: ind.indicatorId,
      slice_kind: 'total',
      slice_key: '',
      slice_label: '',
      value: ind.value,
      numerator: ind.numerator,
      denominator: ind.denominator,
      status: ind.status,
      message: ind.message ?? '',
    });
    for (const kind of SLICE_KINDS) {
      for (const s of ind.slices[kind] ?? []) {
        values.push({
          indicator_id: ind.indicatorId,
          slice_kind: kind,
          slice_key: s.key,
          slice_label: s.label,
          value: s.value,
          numerator: s.numerator,
          denominator: s.denominator,
          status: s.status,
          message: '',
        });
      }
    }
    const formula = formulas.get(ind.indicatorId);
    for (const part of PARTS) {
      const map = ind.members?.[part];
      const kind = formula ? partKind(formula, part) : null;
      if (!map || !kind) continue;
      for (const [organizationId, ids] of map) {
        members.push({
          indicator_id: ind.indicatorId,
          part,
          organization_id: organizationId,
          member_kind: kind,
          ids,
        });
      }
    }
  }
  await insertChunks(values, (chunk) =>
    tx.query(sql`
      INSERT INTO monitoring_values (monitoring_id, indicator_id, slice_kind, slice_key, slice_label, value, numerator,
                                     denominator, status, message)
      SELECT ${monitoringId}::uuid, x.indicator_id, x.slice_kind, x.slice_key, x.slice_label, x.value, x.numerator,
             x.denominator, x.status, x.message
      FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS x(
        indicator_id uuid, slice_kind text, slice_key text, slice_label text, value numeric, numerator numeric,
        denominator numeric, status text, message text)`),
  );
  await insertChunks(members, (chunk) =>
    tx.query(sql`
      INSERT INTO monitoring_members (monitoring_id, indicator_id, part, organization_id, member_kind, member_ids)
      SELECT ${monitoringId}::uuid, x.indicator_id, x.part, x.organization_id, x.member_kind,
             ARRAY(SELECT jsonb_array_elements_text(x.ids))::uuid[]
      FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS x(
        indicator_id uuid, part text, organization_id uuid, member_kind text, ids jsonb)`),
  );
  // The year's target and the direction are frozen with the figure: editing them later changes no verdict.
  await tx.query(sql`
    UPDATE monitoring_values mv
    SET direction = i.direction::text,
        target = (SELECT t.value FROM indicator_targets t WHERE t.indicator_id = i.id AND t.year = m.target_year)
    FROM indicators i, monitorings m
    WHERE mv.monitoring_id = ${monitoringId} AND mv.slice_kind = 'total'
      AND i.id = mv.indicator_id AND m.id = mv.monitoring_id`);
  return { values: values.length, members: members.length };
}

interface FrozenRow {
  indicator_id: string;
  slice_kind: string;
  slice_key: string;
  slice_label: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: ValueStatus;
  message: string;
}

/** The frozen figures of a closed monitoring, in the compute's shape (without members). */
export async function readSnapshot(
  db: Db,
  m: { id: string; asOf: string; periodStart: string; periodEnd: string },
  derivedOf: (formula: Formula) => boolean,
): Promise<ComputedSet> {
  // Indicators apart from the values: a formula is read once, not once per frozen row.
  const inds = await db.query<{ id: string; code: string; formula: Formula }>(sql`
    SELECT i.id, i.code, i.formula FROM indicators i
    WHERE i.id IN (SELECT DISTINCT v.indicator_id FROM monitoring_values v WHERE v.monitoring_id = ${m.id})
    ORDER BY i.position, i.code`);
  const rows = await db.query<FrozenRow>(sql`
    SELECT v.indicator_id, v.slice_kind, v.slice_key, v.slice_label, v.value::float8 AS value,
           v.numerator::float8 AS numerator, v.denominator::float8 AS denominator, v.status, v.message
    FROM monitoring_values v
    WHERE v.monitoring_id = ${m.id}
    ORDER BY v.indicator_id, v.slice_kind, v.slice_label, v.slice_key`);
  const byId = new Map<string, ComputedIndicator>(
    inds.map((i) => [
      i.id,
      {
        indicatorId: i.id,
        code: i.code,
        value: null,
        numerator: null,
        denominator: null,
        status: 'ok',
        message: '',
        derived: derivedOf(i.formula),
        slices: {},
      },
    ]),
  );

  for (const r of rows) {
    const ind = byId.get(r.indicator_id);
    if (!ind) continue;
    if (r.slice_kind === 'total') {
      Object.assign(ind, {
        value: r.value,
        numerator: r.numerator,
        denominator: r.denominator,
        status: r.status,
        message: r.message,
      });
    } else {
      const kind = r.slice_kind as SliceKind;
      const list = ind.slices[kind] ?? [];
      ind.slices[kind] = list;
      list.push({
        key: r.slice_key,
        label: r.slice_label,
        value: r.value,
        numerator: r.numerator,
        denominator: r.denominator,
        status: r.status,
      });
    }
  }
  return { asOf: m.asOf, periodStart: m.periodStart, periodEnd: m.periodEnd, indicators: [...byId.values()] };
}
