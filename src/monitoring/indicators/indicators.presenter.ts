import { formulaRefs, isDerived } from '../engine/formula.ts';
import { measureByCode } from '../measures/registry.ts';
import { manualMeasure } from '../presets/manual-measures.ts';
import type { IndicatorRow, SetRow } from './indicators.repository.ts';

/** Rows of indicator sets and indicators as the API sends them: the fields listed here, nothing else. */

export const presentSet = (s: SetRow) => ({
  id: s.id,
  code: s.code,
  name: s.name,
  description: s.description,
  sourceDocument: s.source_document,
  presetCode: s.preset_code,
  ownerLevel: s.owner_level,
  regionId: s.region_id,
  municipalityId: s.municipality_id,
  territoryName: s.territory_name,
});

/** The territory columns of a set, as the policy reads them. */
export const setOwner = (s: SetRow) => ({
  ownerLevel: s.owner_level,
  regionId: s.region_id,
  municipalityId: s.municipality_id,
});

export function measureLabel(code: string): string {
  if (code.startsWith('manual:')) return manualMeasure(code)?.label ?? measureByCode(code)?.label ?? code;
  return measureByCode(code)?.label ?? code;
}

export function presentIndicator(i: IndicatorRow) {
  let refs: { measure: string }[] = [];
  try {
    refs = formulaRefs(i.formula);
  } catch {
    refs = [];
  }
  const codes = [...new Set(refs.map((r) => r?.measure).filter((c): c is string => typeof c === 'string'))];
  return {
    id: i.id,
    setId: i.set_id,
    code: i.code,
    name: i.name,
    track: i.track,
    criterion: i.criterion,
    position: i.position,
    formula: i.formula,
    population: (i.population ?? {}) as Record<string, unknown>,
    unit: i.unit,
    direction: i.direction,
    dataSource: i.data_source,
    method: i.method,
    representativeness: i.representativeness,
    periodicity: i.periodicity,
    responsible: i.responsible,
    baselineValue: i.baseline_value === null ? null : Number(i.baseline_value),
    baselineYear: i.baseline_year,
    notes: i.notes,
    targets: (i.targets ?? []).map((t) => ({ year: Number(t.year), value: Number(t.value) })),
    derived: isDerived(i.formula),
    measures: codes.map((code) => ({ code, label: measureLabel(code) })),
  };
}
