import type { ImportIssue, RowOutcome } from '../../platform/import/import.types.ts';
import { changedFields, findRepeats } from '../../platform/import/importer.ts';
import type { RowReader } from '../../platform/import/row-reader.ts';

/** Staffing (штатное расписание): one row per organization and year (pure). */

export interface StaffingRow {
  rowNumber: number;
  organization: string;
  year: number;
  pedTotal: number;
  pedOccupied: number;
  admTotal: number;
  admOccupied: number;
}

export const STAFFING_LIMITS = { firstYear: 2000, maxRates: 10_000 } as const;

export function parseStaffingRow(r: RowReader, today: string): StaffingRow | null {
  const thisYear = Number(today.slice(0, 4));
  const organization = r.text('organization', { required: true });
  const year = r.number('year', {
    required: true,
    integer: true,
    min: STAFFING_LIMITS.firstYear,
    max: thisYear + 1,
  });
  const rates = { required: true, min: 0, max: STAFFING_LIMITS.maxRates };
  const pedTotal = r.number('pedTotal', rates);
  const pedOccupied = r.number('pedOccupied', rates);
  const admTotal = r.number('admTotal', rates);
  const admOccupied = r.number('admOccupied', rates);
  const notMore = (occupiedKey: string, totalKey: string) => {
    const occupied = occupiedKey === 'pedOccupied' ? pedOccupied : admOccupied;
    const total = totalKey === 'pedTotal' ? pedTotal : admTotal;
    if (occupied != null && total != null && occupied > total) {
      r.fail(occupiedKey, `«${r.raw(occupiedKey)}»: занятых ставок больше, чем всего (${r.raw(totalKey)})`);
    }
  };
  notMore('pedOccupied', 'pedTotal');
  notMore('admOccupied', 'admTotal');
  for (const key of ['pedTotal', 'pedOccupied', 'admTotal', 'admOccupied']) {
    const v = r.raw(key).replace(',', '.');
    if (/\.\d{3,}$/.test(v)) r.fail(key, `«${r.raw(key)}» — ставки указываются с точностью до сотых`);
  }
  if (
    !r.ok ||
    !organization ||
    year == null ||
    pedTotal == null ||
    pedOccupied == null ||
    admTotal == null ||
    admOccupied == null
  ) {
    return null;
  }
  return { rowNumber: r.rowNumber, organization, year, pedTotal, pedOccupied, admTotal, admOccupied };
}

export interface StaffingRecord {
  organizationId: string;
  year: number;
  pedTotal: number;
  pedOccupied: number;
  admTotal: number;
  admOccupied: number;
}

export const STAFFING_FIELDS = [
  'pedTotal',
  'pedOccupied',
  'admTotal',
  'admOccupied',
] as const satisfies readonly (keyof StaffingRecord)[];

export interface StaffingPlan {
  errors: ImportIssue[];
  outcomes: Map<number, RowOutcome>;
  create: StaffingRecord[];
  update: { record: StaffingRecord; before: Partial<StaffingRecord>; after: Partial<StaffingRecord> }[];
}

export function planStaffing(input: {
  rows: (StaffingRow & { org: { id: string } })[];
  existing: StaffingRecord[];
}): StaffingPlan {
  const plan: StaffingPlan = { errors: [], outcomes: new Map(), create: [], update: [] };
  const keyOf = (r: { org: { id: string }; year: number }) => `${r.org.id}|${r.year}`;
  const repeats = findRepeats(input.rows, keyOf);
  const repeated = new Set(repeats.map((x) => x.item));
  for (const { item, first } of repeats) {
    plan.errors.push({
      row: item.rowNumber,
      column: 'Год',
      value: String(item.year),
      message: `Повторяет строку ${first.rowNumber}: та же организация и год`,
    });
  }
  const existing = new Map(input.existing.map((s) => [`${s.organizationId}|${s.year}`, s]));
  for (const row of input.rows) {
    if (repeated.has(row)) continue;
    const old = existing.get(keyOf(row));
    const next: StaffingRecord = {
      organizationId: row.org.id,
      year: row.year,
      pedTotal: row.pedTotal,
      pedOccupied: row.pedOccupied,
      admTotal: row.admTotal,
      admOccupied: row.admOccupied,
    };
    if (!old) {
      plan.create.push(next);
      plan.outcomes.set(row.rowNumber, 'created');
      continue;
    }
    const change = changedFields(old, next, STAFFING_FIELDS);
    if (change) plan.update.push({ record: next, ...change });
    plan.outcomes.set(row.rowNumber, change ? 'updated' : 'unchanged');
  }
  return plan;
}
