import type {
  Direction,
  Formula,
  FormulaKind,
  Indicator,
  MeasureDef,
  MeasureRef,
  Population,
  SliceKind,
  TargetStatus,
  ValueStatus,
} from '../../api/monitoring.ts';
import { formatNumber, ORG_KINDS } from '../../lib/words.ts';

export const TARGET_STATUS: Record<TargetStatus, { label: string; color: string }> = {
  achieved: { label: 'достигнуто', color: 'teal' },
  at_risk: { label: 'под угрозой', color: 'yellow' },
  not_achieved: { label: 'не достигнуто', color: 'red' },
  no_data: { label: 'нет данных', color: 'gray' },
};

/** Why a figure is absent: the engine never shows a wrong number, it says what is missing. */
export const VALUE_STATUS: Record<string, string> = {
  empty_denominator: 'знаменатель равен нулю',
  manual_missing: 'нет введённого значения',
  no_data: 'нет данных',
  invalid_formula: 'формула с ошибкой',
};

export const DIRECTIONS: Record<Direction, string> = {
  up: 'чем больше, тем лучше',
  down: 'чем меньше, тем лучше',
  none: 'без направления',
};

export const DIRECTION_ARROWS: Record<Direction, string> = { up: '↑', down: '↓', none: '—' };

export const FORMULA_KINDS: Record<FormulaKind, string> = {
  share: 'доля, %',
  count: 'количество',
  ratio: 'отношение',
  sum: 'сумма',
  manual: 'вводится вручную',
};

/** The measure list's groups in the formula editor (the registry's modules). */
export const MEASURE_MODULES: Record<string, string> = {
  directory: 'Кадры',
  assessment: 'Диагностика',
  routes: 'Маршруты',
  catalog: 'Обучение',
  organizations: 'Организации',
  vacancies: 'Вакансии',
  staffing: 'Штатное расписание',
  events: 'Мероприятия',
  mentoring: 'Наставничество',
  communities: 'Сообщества',
  manual: 'Ручной ввод',
};

export const SLICES: { value: SliceKind; label: string }[] = [
  { value: 'organization', label: 'Организации' },
  { value: 'org_kind', label: 'Типы организаций' },
  { value: 'territory', label: 'Территории' },
  { value: 'subject', label: 'Предметы' },
];

export const SOURCE_DOCUMENTS: Record<string, string> = {
  '000': 'Положение о системе научно-методического сопровождения (000)',
  '001': 'Региональная модель (001)',
  '002': 'Программа развития (002)',
  '003': 'Региональный мониторинг (003)',
};

export const EMPLOYMENT: Record<NonNullable<Population['employment']>, string> = {
  main: 'только основное место работы',
  all: 'все места работы',
};

export const STAFF: Record<NonNullable<Population['staff']>, string> = {
  pedagogical: 'педагогические работники',
  managerial: 'руководящие работники',
  all: 'педагогические и руководящие',
  pedagogical_and_teaching_managers: 'педагоги и руководители с учебной нагрузкой',
};

export const OWNER_LEVELS: Record<string, string> = {
  system: 'система',
  region: 'регион',
  municipality: 'муниципалитет',
  organization: 'организация',
};

/** A value with its unit: «74,5 %», «12 чел.». */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '—';
  const n = formatNumber(value, 1);
  if (!unit) return n;
  return unit === '%' ? `${n} %` : `${n} ${unit}`;
}

export function isManualMeasure(code: string): boolean {
  return code.startsWith('manual:');
}

/** The manual measure codes a formula reads (where its value comes from). */
export function manualCodes(f: Formula | undefined | null): string[] {
  if (!f) return [];
  const refs = formulaRefs(f);
  const codes = refs.map((r) => r.measure).filter(isManualMeasure);
  if (f.kind === 'manual') codes.unshift(f.measure.startsWith('manual:') ? f.measure : `manual:${f.measure}`);
  return [...new Set(codes)];
}

export function formulaRefs(f: Formula): MeasureRef[] {
  switch (f.kind) {
    case 'share':
    case 'ratio':
      return [f.numerator, f.denominator];
    case 'count':
      return [f.of];
    case 'sum':
      return f.terms;
    default:
      return [];
  }
}

/** A parameter's value in words: an option by its label, a list joined, a flag as да / нет. */
function paramText(v: unknown, options?: { value: string; label: string }[]): string {
  const word = (x: unknown) => options?.find((o) => o.value === x)?.label ?? String(x);
  if (Array.isArray(v)) return v.map(word).join(', ');
  if (v === true) return 'да';
  if (v === false) return 'нет';
  return word(v);
}

/** A measure reference in words: its label and the parameters it was given. */
export function refInWords(
  ref: MeasureRef,
  measures: Map<string, MeasureDef>,
  labels?: Map<string, string>,
): string {
  const def = measures.get(ref.measure);
  const label = def?.label ?? labels?.get(ref.measure) ?? ref.measure;
  const params = Object.entries(ref.params ?? {}).filter(
    ([, v]) => v !== '' && v !== undefined && v !== null,
  );
  if (params.length === 0) return label;
  const named = params.map(([k, v]) => {
    const p = def?.params.find((x) => x.name === k);
    return `${p?.label ?? k}: ${paramText(v, p?.options)}`;
  });
  return `${label} (${named.join('; ')})`;
}

/** The formula as a methodist reads it: «Доля: A / B · 100 %». */
export function formulaInWords(
  f: Formula | undefined | null,
  measures: Map<string, MeasureDef>,
  labels?: Map<string, string>,
): string {
  if (!f) return '—';
  const w = (r: MeasureRef) => refInWords(r, measures, labels);
  switch (f.kind) {
    case 'share':
      return `${w(f.numerator)} ÷ ${w(f.denominator)} × 100 %`;
    case 'ratio':
      return `${w(f.numerator)} ÷ ${w(f.denominator)}${f.per && f.per !== 1 ? ` × ${f.per}` : ''}`;
    case 'count':
      return `Количество: ${w(f.of)}`;
    case 'sum':
      return `Сумма: ${f.terms.map(w).join(' + ')}`;
    case 'manual': {
      const code = f.measure.startsWith('manual:') ? f.measure : `manual:${f.measure}`;
      return `Вводится вручную: ${measures.get(code)?.label ?? labels?.get(code) ?? code}`;
    }
    default:
      return '—';
  }
}

/** Labels of the measures an indicator uses, as the API resolved them. */
export function labelsOf(indicators: Indicator[] | undefined): Map<string, string> {
  const m = new Map<string, string>();
  for (const i of indicators ?? []) for (const x of i.measures ?? []) m.set(x.code, x.label);
  return m;
}

export function populationInWords(p: Population | undefined | null): string {
  if (!p) return '';
  const parts: string[] = [];
  if (p.staff) parts.push(STAFF[p.staff] ?? p.staff);
  if (p.employment) parts.push(EMPLOYMENT[p.employment] ?? p.employment);
  if (p.orgKinds?.length) {
    parts.push(
      `типы: ${p.orgKinds.map((k) => ORG_KINDS[k as keyof typeof ORG_KINDS]?.short ?? k).join(', ')}`,
    );
  }
  return parts.join('; ');
}

/** Why a value is absent; the dashboard and the comparison carry the status as a plain string. */
export function statusText(status: ValueStatus | (string & {}) | null | undefined): string | null {
  if (!status || status === 'ok') return null;
  return VALUE_STATUS[status] ?? status;
}

/** Indicators grouped by track, then criterion, keeping the document's order. */
export function groupIndicators<T extends { track: string; criterion: string }>(
  list: T[],
): { track: string; criteria: { criterion: string; items: T[] }[] }[] {
  const tracks: { track: string; criteria: { criterion: string; items: T[] }[] }[] = [];
  for (const i of list) {
    let t = tracks.find((x) => x.track === i.track);
    if (!t) {
      t = { track: i.track, criteria: [] };
      tracks.push(t);
    }
    let c = t.criteria.find((x) => x.criterion === i.criterion);
    if (!c) {
      c = { criterion: i.criterion, items: [] };
      t.criteria.push(c);
    }
    c.items.push(i);
  }
  return tracks;
}

/** Defaults for a new monitoring or a value date: the current academic year. */
export function academicYear(today = new Date()): { start: string; end: string; year: number } {
  const y = today.getMonth() >= 8 ? today.getFullYear() : today.getFullYear() - 1;
  return { start: `${y}-09-01`, end: `${y + 1}-08-31`, year: y + 1 };
}

/**
 * The last academic year that has ended: what a monitoring usually reports on (000's schedule runs
 * it after the year), and the year whose forms the schools have already filled.
 */
export function lastCompletedAcademicYear(today = new Date()): { start: string; end: string; year: number } {
  const current = academicYear(today);
  const y = current.year - 2;
  return { start: `${y}-09-01`, end: `${y + 1}-08-31`, year: y + 1 };
}

export function targetFor(i: { targets: { year: number; value: number }[] }, year: number): number | null {
  return i.targets.find((t) => t.year === year)?.value ?? null;
}
