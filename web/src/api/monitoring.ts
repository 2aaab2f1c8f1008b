/**
 * Monitoring as the UI reads it: indicator sets and presets, measures, computed values,
 * monitorings with their frozen snapshots, drill-down and dashboards (src/monitoring/** routes).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './api.ts';

export type OwnerLevel = 'system' | 'region' | 'municipality' | 'organization';
export type Direction = 'up' | 'down' | 'none';
export type TargetStatus = 'achieved' | 'at_risk' | 'not_achieved';
export type ValueStatus = 'ok' | 'empty_denominator' | 'manual_missing' | 'invalid_formula' | (string & {});
export type SliceKind = 'organization' | 'org_kind' | 'territory' | 'subject';
export type MemberPart = 'numerator' | 'denominator' | 'value';

export type ParamValue = string | number | boolean | string[];

export interface Population {
  employment?: 'main' | 'all';
  staff?: 'pedagogical' | 'managerial' | 'all' | 'pedagogical_and_teaching_managers';
  orgKinds?: string[];
}

export interface MeasureRef {
  measure: string;
  params?: Record<string, ParamValue>;
  population?: Population;
}

export type Formula =
  | { kind: 'share'; numerator: MeasureRef; denominator: MeasureRef }
  | { kind: 'count'; of: MeasureRef }
  | { kind: 'ratio'; numerator: MeasureRef; denominator: MeasureRef; per?: number }
  | { kind: 'sum'; terms: MeasureRef[] }
  | { kind: 'manual'; measure: string };

export type FormulaKind = Formula['kind'];

export interface MeasureParam {
  name: string;
  type: 'string' | 'number' | 'boolean' | 'enum' | 'string[]' | (string & {});
  label: string;
  options?: (string | { value: string; label: string })[];
  required?: boolean;
}

export interface MeasureDef {
  code: string;
  label: string;
  memberKind: 'person' | 'organization' | 'vacancy' | 'route' | 'training' | 'sum' | (string & {});
  params: MeasureParam[];
  module: string;
  /** Manual measures: the form field the value would come from. */
  field?: ManualField;
}

export interface Target {
  year: number;
  value: number;
}

export interface Indicator {
  id: string;
  code: string;
  name: string;
  track: string;
  criterion: string;
  position: number;
  formula: Formula;
  population: Population;
  unit: string;
  direction: Direction;
  dataSource: string;
  method: string;
  representativeness: string;
  periodicity: string;
  responsible: string;
  baselineValue: number | null;
  baselineYear: number | null;
  notes: string;
  targets: Target[];
  /** No manual: measure in the formula. */
  derived: boolean;
  measures: { code: string; label: string }[];
}

export type IndicatorInput = Omit<Indicator, 'id' | 'derived' | 'measures'>;

export interface ScheduleItem {
  id?: string;
  track: string;
  what: string;
  timing: string;
  responsible: string;
  useOfResults: string;
}

export interface IndicatorSetSummary {
  id: string;
  code: string;
  name: string;
  description: string;
  sourceDocument: string | null;
  presetCode: string | null;
  ownerLevel: OwnerLevel;
  territoryName: string | null;
  indicators: number;
  manualIndicators: number;
}

export interface IndicatorSet extends Omit<IndicatorSetSummary, 'indicators' | 'manualIndicators'> {
  indicators: Indicator[];
  schedule: ScheduleItem[];
  permissions: { edit: boolean };
}

export interface PresetSummary {
  code: string;
  name: string;
  sourceDocument: string;
  description: string;
  indicators: number;
  derived: number;
  manual: number;
  /** The set this preset was already loaded into for the caller's territory, if any. */
  loadedSetId?: string | null;
}

export interface SliceValue {
  key: string;
  label: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: ValueStatus;
  target?: number | null;
  targetStatus?: TargetStatus | null;
}

export interface IndicatorValue {
  indicatorId: string;
  code: string;
  name?: string;
  unit?: string;
  direction?: Direction;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: ValueStatus;
  message: string | null;
  derived: boolean;
  slices: Partial<Record<SliceKind, SliceValue[]>>;
  target?: number | null;
  targetStatus?: TargetStatus | null;
}

export interface SetValues {
  /** True when read from a closed monitoring's snapshot. */
  frozen?: boolean;
  asOf: string;
  periodStart: string;
  periodEnd: string;
  indicators: IndicatorValue[];
}

export interface Monitoring {
  id: string;
  setId: string;
  setName?: string;
  name: string;
  ownerLevel?: OwnerLevel;
  periodStart: string;
  periodEnd: string;
  asOf: string;
  targetYear: number;
  schedule: string;
  responsible: string;
  status: 'open' | 'closed';
  createdAt?: string;
  closedAt: string | null;
  territoryName?: string;
  canManage: boolean;
}

export interface MonitoringInput {
  setId: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  asOf: string;
  targetYear: number;
  schedule: string;
  responsible: string;
}

export interface MonitoringDetail {
  monitoring: Monitoring;
  values: SetValues;
  /** The job that freezes a large monitoring, while it runs. */
  jobId?: string | null;
}

/** One counted member: a person, an organization, a vacancy, a route or a training. */
export interface DrillMember {
  id: string;
  name: string;
  organizationId: string;
  organization: string;
  /** Position for people, kind for organizations, subject for vacancies… (column `columns.detail`). */
  detail: string;
}

export interface Drilldown {
  monitoringId: string;
  indicator: { id: string; code: string; name: string };
  part: MemberPart;
  memberKind: string;
  frozen: boolean;
  columns: { name: string; detail: string };
  items: DrillMember[];
}

export interface ManualValue {
  id: string;
  measureCode: string;
  organizationId: string | null;
  organizationName?: string | null;
  periodStart: string;
  periodEnd: string;
  value: number;
  note: string;
  enteredAt?: string;
  source?: string;
}

export interface DashboardIndicator {
  indicatorId: string;
  code: string;
  name: string;
  unit: string;
  direction: Direction;
  derived?: boolean;
  track?: string;
  criterion?: string;
  value: number | null;
  status?: ValueStatus;
  message?: string;
  target: number | null;
  targetStatus: TargetStatus | null;
  source?: 'closed' | 'live' | (string & {});
  monitoringId?: string | null;
  dynamics: { year: number; value: number | null; target: number | null; source?: string }[];
  problemZones: {
    organizationId: string;
    name: string;
    value: number;
    targetStatus: TargetStatus | null;
    gap: number;
  }[];
}

export interface ValueSource {
  kind: 'monitoring' | 'live';
  monitoringId: string | null;
  asOf: string;
  name?: string | null;
}

export interface Dashboard {
  set: { id: string; code: string; name: string };
  year: number;
  source: ValueSource;
  indicators: DashboardIndicator[];
}

export interface Cluster {
  index: number;
  label: string;
  description: string;
  size: number;
  centroid: { indicatorId: string; code: string; value: number }[];
  organizations: { id: string; name: string }[];
}

export interface Clusters {
  k: number;
  indicators: { id: string; code: string; name: string }[];
  clusters: Cluster[];
  /** Organizations that had no value for any indicator and so could not be placed. */
  unplaced: { id: string; name: string }[];
  source?: ValueSource;
  /** Each organization's values of the clustered indicators (for the scatter). */
  organizations?: {
    id: string;
    name: string;
    cluster: number | null;
    values: { indicatorId: string; code: string; value: number | null }[];
  }[];
}

export interface Comparison {
  set: { id: string; code: string; name: string };
  asOf: string;
  indicators: {
    indicatorId: string;
    code: string;
    name: string;
    unit: string;
    direction: Direction;
    target: number | null;
    value: number | null;
  }[];
  municipalities: {
    id: string;
    name: string;
    values: {
      indicatorId: string;
      value: number | null;
      numerator: number | null;
      denominator: number | null;
      status: string | null;
      targetStatus: TargetStatus | null;
    }[];
  }[];
}

/** `{ items }` or a bare array: the list endpoints answer `{ items }`; tolerate both. */
function items<T>(x: { items: T[] } | T[] | undefined): T[] {
  if (!x) return [];
  return Array.isArray(x) ? x : (x.items ?? []);
}

export function useIndicatorSets(enabled = true) {
  return useQuery({
    queryKey: ['indicator-sets'],
    queryFn: async () => items(await api.get<{ items: IndicatorSetSummary[] }>('/api/indicator-sets')),
    enabled,
  });
}

export function useIndicatorSet(id: string | undefined) {
  return useQuery({
    queryKey: ['indicator-sets', id],
    queryFn: () => api.get<IndicatorSet>(`/api/indicator-sets/${id}`),
    enabled: Boolean(id),
  });
}

export function usePresets(enabled = true) {
  return useQuery({
    queryKey: ['indicator-presets'],
    queryFn: async () => items(await api.get<{ items: PresetSummary[] }>('/api/indicator-presets')),
    enabled,
    staleTime: 10 * 60_000,
  });
}

export interface ManualMeasureDef {
  code: string;
  label: string;
  unit?: string;
  field?: ManualField;
}

/** The form field a manual measure would come from. */
export interface ManualField {
  label: string;
  type: string;
  hint: string;
}

/** Derived measures and the known manual ones (`manual:<code>`, with the form field they come from). */
export function useMeasures(enabled = true) {
  return useQuery({
    queryKey: ['measures'],
    queryFn: async () => {
      const r = await api.get<{ items: MeasureDef[]; manual?: ManualMeasureDef[] }>('/api/measures');
      const manual: MeasureDef[] = (r.manual ?? []).map((m) => ({
        code: m.code,
        label: m.label,
        memberKind: 'value',
        params: [],
        module: 'manual',
        field: m.field,
      }));
      return [...items(r), ...manual.filter((m) => !r.items.some((x) => x.code === m.code))];
    },
    enabled,
    staleTime: 10 * 60_000,
  });
}

export interface ValuesParams {
  asOf: string;
  periodStart: string;
  periodEnd: string;
  slice?: SliceKind | '';
}

export function useSetValues(id: string | undefined, p: ValuesParams | null) {
  return useQuery({
    queryKey: ['indicator-sets', id, 'values', p],
    queryFn: () =>
      api.get<SetValues>(`/api/indicator-sets/${id}/values`, {
        asOf: p?.asOf,
        periodStart: p?.periodStart,
        periodEnd: p?.periodEnd,
        slice: p?.slice || undefined,
      }),
    enabled: Boolean(id && p?.asOf && p.periodStart && p.periodEnd),
    placeholderData: keepPreviousData,
  });
}

export function useMonitorings(enabled = true) {
  return useQuery({
    queryKey: ['monitorings'],
    queryFn: async () => items(await api.get<{ items: Monitoring[] }>('/api/monitorings')),
    enabled,
  });
}

/** The monitoring and its values, whether the answer nests the monitoring or spreads it. */
export function normalizeMonitoring(raw: unknown): MonitoringDetail {
  const r = raw as Record<string, unknown>;
  if (r.monitoring && typeof r.monitoring === 'object') {
    return {
      monitoring: r.monitoring as Monitoring,
      values: (r.values ?? r) as SetValues,
      jobId: (r.jobId as string | null | undefined) ?? null,
    };
  }
  const values = (r.values as SetValues | undefined) ?? {
    asOf: r.asOf as string,
    periodStart: r.periodStart as string,
    periodEnd: r.periodEnd as string,
    indicators: (r.indicators as IndicatorValue[] | undefined) ?? [],
  };
  return { monitoring: r as unknown as Monitoring, values, jobId: (r.jobId as string | null) ?? null };
}

export function useMonitoring(id: string | undefined) {
  return useQuery({
    queryKey: ['monitorings', id],
    queryFn: async () => normalizeMonitoring(await api.get<unknown>(`/api/monitorings/${id}`)),
    enabled: Boolean(id),
    placeholderData: keepPreviousData,
  });
}

export function useDrilldown(
  monitoringId: string | undefined,
  q: { indicatorId: string; part: MemberPart; organizationId?: string | null } | null,
) {
  return useQuery({
    queryKey: ['monitorings', monitoringId, 'drilldown', q],
    queryFn: () =>
      api.get<Drilldown>(`/api/monitorings/${monitoringId}/drilldown`, {
        indicatorId: q?.indicatorId,
        part: q?.part,
        organizationId: q?.organizationId ?? undefined,
      }),
    enabled: Boolean(monitoringId && q),
  });
}

export function useManualValues(code: string | undefined, periodStart: string, periodEnd: string) {
  return useQuery({
    queryKey: ['manual-measures', code, periodStart, periodEnd],
    queryFn: async () =>
      items(
        await api.get<{ items: ManualValue[] }>('/api/manual-measures', { code, periodStart, periodEnd }),
      ),
    enabled: Boolean(code),
  });
}

export function useDashboard(setId: string | undefined, year: number) {
  return useQuery({
    queryKey: ['indicator-sets', setId, 'dashboard', year],
    queryFn: () => api.get<Dashboard>(`/api/indicator-sets/${setId}/dashboard`, { year }),
    enabled: Boolean(setId),
    placeholderData: keepPreviousData,
  });
}

export function useClusters(setId: string | undefined, monitoringId: string | undefined, k: number) {
  return useQuery({
    queryKey: ['indicator-sets', setId, 'clusters', monitoringId ?? '', k],
    queryFn: () =>
      api.get<Clusters>(`/api/indicator-sets/${setId}/clusters`, {
        monitoringId: monitoringId || undefined,
        k,
      }),
    enabled: Boolean(setId),
    placeholderData: keepPreviousData,
  });
}

export function useComparison(setId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['indicator-sets', setId, 'compare'],
    queryFn: () => api.get<Comparison>(`/api/indicator-sets/${setId}/compare`, { by: 'municipality' }),
    enabled: Boolean(setId) && enabled,
  });
}
