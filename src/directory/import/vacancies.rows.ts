import { isoToRu } from '../../platform/import/cells.ts';
import type { ImportIssue, RowOutcome } from '../../platform/import/import.types.ts';
import { changedFields, findRepeats } from '../../platform/import/importer.ts';
import type { RowReader } from '../../platform/import/row-reader.ts';
import { addDays } from '../../platform/time/today.ts';

/** Vacancies: parse one row, then match against the organizations' vacancies (pure). */

export interface VacancyRow {
  rowNumber: number;
  organization: string;
  position: string;
  subject: string | null;
  rate?: number;
  zemsky?: boolean;
  openedOn: string;
  closedOn?: string | null;
}

export const VACANCY_LIMITS = { maxRate: 5, earliest: '2000-01-01', maxDaysAhead: 366 } as const;

export function parseVacancyRow(r: RowReader, today: string): VacancyRow | null {
  const organization = r.text('organization', { required: true });
  const position = r.text('position', { required: true, max: 200 });
  const subject = r.text('subject', { max: 100 });
  const rate = r.number('rate', { positive: true, max: VACANCY_LIMITS.maxRate });
  const zemsky = r.yesNo('zemsky');
  const openedOn = r.date('openedOn', { required: true });
  const closedOn = r.date('closedOn');
  if (openedOn && openedOn < VACANCY_LIMITS.earliest) {
    r.fail('openedOn', `Дата открытия «${isoToRu(openedOn)}» неправдоподобно ранняя`);
  } else if (openedOn && openedOn > addDays(today, VACANCY_LIMITS.maxDaysAhead)) {
    r.fail('openedOn', `Дата открытия «${isoToRu(openedOn)}» больше чем на год в будущем`);
  }
  if (closedOn && openedOn && closedOn < openedOn) {
    r.fail('closedOn', `Дата закрытия «${isoToRu(closedOn)}» раньше даты открытия «${isoToRu(openedOn)}»`);
  } else if (closedOn && closedOn > today) {
    r.fail('closedOn', `Дата закрытия «${isoToRu(closedOn)}» в будущем`);
  }
  if (!r.ok || !organization || !position || !openedOn) return null;
  const row: VacancyRow = {
    rowNumber: r.rowNumber,
    organization,
    position,
    subject: subject ?? null,
    openedOn,
  };
  if (rate !== undefined) row.rate = rate ?? 1;
  if (zemsky !== undefined) row.zemsky = zemsky ?? false;
  if (closedOn !== undefined) row.closedOn = closedOn;
  return row;
}

export interface VacancyRecord {
  id: string;
  organizationId: string;
  position: string;
  subject: string | null;
  rate: number;
  zemsky: boolean;
  openedOn: string;
  closedOn: string | null;
}

export interface VacancyPlan {
  errors: ImportIssue[];
  outcomes: Map<number, RowOutcome>;
  create: VacancyRecord[];
  update: { record: VacancyRecord; before: Partial<VacancyRecord>; after: Partial<VacancyRecord> }[];
}

export const VACANCY_FIELDS = [
  'position',
  'subject',
  'rate',
  'zemsky',
  'closedOn',
] as const satisfies readonly (keyof VacancyRecord)[];

/** A vacancy is the same when its organization, position, subject and opening date are. */
export const vacancyKey = (v: {
  organizationId: string;
  position: string;
  subject: string | null;
  openedOn: string;
}) => [v.organizationId, v.position.toLowerCase(), (v.subject ?? '').toLowerCase(), v.openedOn].join('|');

export function planVacancies(input: {
  rows: (VacancyRow & { org: { id: string } })[];
  existing: VacancyRecord[];
  newId: () => string;
}): VacancyPlan {
  const plan: VacancyPlan = { errors: [], outcomes: new Map(), create: [], update: [] };
  const keyOf = (r: VacancyRow & { org: { id: string } }) => vacancyKey({ ...r, organizationId: r.org.id });
  const repeats = findRepeats(input.rows, keyOf);
  const repeated = new Set(repeats.map((x) => x.item));
  for (const { item, first } of repeats) {
    plan.errors.push({
      row: item.rowNumber,
      column: null,
      value: null,
      message: `Повторяет строку ${first.rowNumber}: та же организация, должность, предмет и дата открытия`,
    });
  }
  const existing = new Map<string, VacancyRecord>();
  for (const v of input.existing) if (!existing.has(vacancyKey(v))) existing.set(vacancyKey(v), v);
  for (const row of input.rows) {
    if (repeated.has(row)) continue;
    const old = existing.get(keyOf(row));
    const next: VacancyRecord = {
      id: old?.id ?? input.newId(),
      organizationId: row.org.id,
      position: row.position,
      subject: row.subject,
      rate: row.rate ?? old?.rate ?? 1,
      zemsky: row.zemsky ?? old?.zemsky ?? false,
      openedOn: row.openedOn,
      closedOn: row.closedOn === undefined ? (old?.closedOn ?? null) : row.closedOn,
    };
    if (!old) {
      plan.create.push(next);
      plan.outcomes.set(row.rowNumber, 'created');
      continue;
    }
    const change = changedFields(old, next, VACANCY_FIELDS);
    if (change) plan.update.push({ record: next, ...change });
    plan.outcomes.set(row.rowNumber, change ? 'updated' : 'unchanged');
  }
  return plan;
}
