import { createHash } from 'node:crypto';
import { normName, normWord, parseInn } from '../../platform/import/cells.ts';
import type { ImportIssue, RowOutcome } from '../../platform/import/import.types.ts';
import { changedFields, findRepeats } from '../../platform/import/importer.ts';
import type { RowReader } from '../../platform/import/row-reader.ts';
import { ORG_KINDS, type OrgKind } from '../vocabulary.ts';

/** Organizations: parse one row, then decide against the region's registry (pure). */

export interface OrgRow {
  rowNumber: number;
  code: string;
  fullName: string;
  /** undefined: keep the registry's (or the full name for a new organization). */
  shortName?: string;
  kind: OrgKind;
  municipality: string;
  rural?: boolean;
  lowResults?: boolean;
  inn?: string | null;
}

const KIND_WORDS = Object.fromEntries(Object.entries(ORG_KINDS).map(([k, v]) => [k, v.short])) as Record<
  OrgKind,
  string
>;
const KIND_LABELS = Object.fromEntries(
  Object.entries(ORG_KINDS).map(([k, v]) => [normWord(v.label), k as OrgKind]),
) as Partial<Record<string, OrgKind>>;

export function parseOrgRow(r: RowReader): OrgRow | null {
  const code = r.text('code', { required: true, max: 30 });
  const fullName = r.text('fullName', { required: true, max: 500 });
  if (fullName && fullName.length < 3) r.fail('fullName', `Слишком короткое наименование «${fullName}»`);
  const shortName = r.text('shortName', { max: 200 });
  const kind = r.word('kind', KIND_WORDS, { required: true, extra: KIND_LABELS });
  const municipality = r.text('municipality', { required: true, max: 200 });
  const rural = r.yesNo('rural');
  const lowResults = r.yesNo('lowResults');
  const inn = r.value('inn', parseInn);
  if (!r.ok || !code || !fullName || !kind || !municipality) return null;
  const row: OrgRow = { rowNumber: r.rowNumber, code, fullName, kind, municipality };
  if (shortName) row.shortName = shortName;
  if (rural !== undefined) row.rural = rural ?? false;
  if (lowResults !== undefined) row.lowResults = lowResults ?? false;
  if (inn !== undefined) row.inn = inn;
  return row;
}

export interface OrgRecord {
  id: string;
  regionId: string;
  municipalityId: string;
  code: string;
  fullName: string;
  shortName: string;
  kind: OrgKind;
  rural: boolean;
  lowResults: boolean;
  inn: string | null;
}

export interface MunicipalityRecord {
  id: string;
  regionId: string;
  code: string;
  name: string;
}

export interface OrgPlanInput {
  rows: OrgRow[];
  regionId: string;
  /** The region's organizations with the file's codes. */
  existing: OrgRecord[];
  /** The region's municipalities. */
  municipalities: MunicipalityRecord[];
  /** A municipal methodist keeps only their municipality; region-wide roles may add municipalities. */
  municipalityScope: string | null;
  newId: () => string;
}

export interface OrgPlan {
  errors: ImportIssue[];
  warnings: ImportIssue[];
  outcomes: Map<number, RowOutcome>;
  newMunicipalities: MunicipalityRecord[];
  create: OrgRecord[];
  update: { record: OrgRecord; before: Partial<OrgRecord>; after: Partial<OrgRecord> }[];
}

const ORG_FIELDS = [
  'municipalityId',
  'fullName',
  'shortName',
  'kind',
  'rural',
  'lowResults',
  'inn',
] as const satisfies readonly (keyof OrgRecord)[];

/** A stable code for a municipality the import adds: the name decides it. */
export function municipalityCode(name: string): string {
  return `M-${createHash('sha1').update(normName(name)).digest('hex').slice(0, 6).toUpperCase()}`;
}

export function planOrgs(input: OrgPlanInput): OrgPlan {
  const plan: OrgPlan = {
    errors: [],
    warnings: [],
    outcomes: new Map(),
    newMunicipalities: [],
    create: [],
    update: [],
  };
  const issue = (row: OrgRow, column: string | null, value: string | null, message: string) =>
    plan.errors.push({ row: row.rowNumber, column, value, message });

  const repeats = findRepeats(input.rows, (r) => r.code.toLowerCase());
  const repeated = new Set(repeats.map((x) => x.item));
  for (const { item, first } of repeats) {
    issue(item, 'Код', item.code, `Код «${item.code}» повторяется: он уже есть в строке ${first.rowNumber}`);
  }

  const munis = new Map<string, MunicipalityRecord>();
  for (const m of input.municipalities) {
    munis.set(normName(m.name), m);
    if (!munis.has(normName(m.code))) munis.set(normName(m.code), m);
  }
  const existing = new Map(input.existing.map((o) => [o.code.toLowerCase(), o]));
  const muniName = new Map(input.municipalities.map((m) => [m.id, m.name]));

  for (const row of input.rows) {
    if (repeated.has(row)) continue;
    let muni = munis.get(normName(row.municipality));
    if (!muni) {
      if (input.municipalityScope) {
        issue(
          row,
          'Муниципалитет',
          row.municipality,
          `Муниципалитет «${row.municipality}» не найден в регионе`,
        );
        continue;
      }
      muni = {
        id: input.newId(),
        regionId: input.regionId,
        code: municipalityCode(row.municipality),
        name: row.municipality,
      };
      munis.set(normName(row.municipality), muni);
      plan.newMunicipalities.push(muni);
      muniName.set(muni.id, muni.name);
      plan.warnings.push({
        row: row.rowNumber,
        column: 'Муниципалитет',
        value: row.municipality,
        message: `Муниципалитета «${row.municipality}» нет в системе: он будет добавлен`,
      });
    }
    if (input.municipalityScope && muni.id !== input.municipalityScope) {
      issue(
        row,
        'Муниципалитет',
        row.municipality,
        `Муниципалитет «${row.municipality}» вне вашей области доступа`,
      );
      continue;
    }
    const old = existing.get(row.code.toLowerCase());
    if (old && input.municipalityScope && old.municipalityId !== input.municipalityScope) {
      issue(
        row,
        'Код',
        row.code,
        `Организация с кодом «${row.code}» относится к муниципалитету «${muniName.get(old.municipalityId) ?? '—'}» — вне вашей области доступа`,
      );
      continue;
    }
    const next: OrgRecord = {
      id: old?.id ?? input.newId(),
      regionId: input.regionId,
      municipalityId: muni.id,
      code: old?.code ?? row.code,
      fullName: row.fullName,
      shortName: row.shortName ?? old?.shortName ?? row.fullName.slice(0, 200),
      kind: row.kind,
      rural: row.rural ?? old?.rural ?? false,
      lowResults: row.lowResults ?? old?.lowResults ?? false,
      inn: row.inn === undefined ? (old?.inn ?? null) : row.inn,
    };
    if (!old) {
      plan.create.push(next);
      plan.outcomes.set(row.rowNumber, 'created');
      continue;
    }
    const change = changedFields(old, next, ORG_FIELDS);
    if (change) plan.update.push({ record: next, ...change });
    plan.outcomes.set(row.rowNumber, change ? 'updated' : 'unchanged');
  }
  plan.errors.sort((a, b) => a.row - b.row);
  return plan;
}

export { ORG_FIELDS };
