import { type Formula, isDerived, type Population } from '../engine/formula.ts';
import { P000 } from './p000.ts';
import { P001 } from './p001.ts';
import { P002 } from './p002.ts';
import { P003 } from './p003.ts';

/**
 * Presets: the source documents' indicator systems as data, loaded into a territory as an
 * indicator set (presets.service.ts) and then copied and edited like any other set.
 * Names, data sources, methods, representativeness, periodicity and targets are the document's own
 * words (HTML stripped); the formula says how the platform derives the figure, or that it is entered
 * by hand (`manual:<code>`, see manual-measures.ts).
 */
export interface PresetIndicator {
  /** As the document numbers it: '1.1', 'Т2.3', … */
  code: string;
  name: string;
  track: string;
  criterion: string;
  formula: Formula;
  population?: Population;
  unit: string;
  direction: 'up' | 'down' | 'none';
  dataSource: string;
  method: string;
  representativeness: string;
  periodicity: string;
  responsible: string;
  baselineValue?: number;
  baselineYear?: number;
  notes?: string;
  targets: { year: number; value: number }[];
}

export interface PresetScheduleItem {
  track: string;
  what: string;
  timing: string;
  responsible: string;
  useOfResults: string;
}

export interface IndicatorPreset {
  code: string;
  name: string;
  sourceDocument: '000' | '001' | '002' | '003';
  description: string;
  indicators: PresetIndicator[];
  schedule?: PresetScheduleItem[];
}

/** Every preset, in the order the lists show them. PRESETS-B adds 001 and 002 here. */
export const PRESETS: IndicatorPreset[] = [P003, P000, P001, P002];

export function presetByCode(code: string): IndicatorPreset | undefined {
  return PRESETS.find((p) => p.code === code);
}

/** How many of a preset's indicators the platform derives and how many are entered by hand. */
export function presetCounts(p: IndicatorPreset): { indicators: number; derived: number; manual: number } {
  const derived = p.indicators.filter((i) => isDerived(i.formula)).length;
  return { indicators: p.indicators.length, derived, manual: p.indicators.length - derived };
}
