/**
 * Monitoring as the UI reads and writes it: indicator sets and presets, measures, computed values,
 * manual values, monitorings with their frozen snapshots, drill-down and dashboards
 * (src/monitoring/** routes). Reads are query hooks over the typed client; writes are functions
 * here, and the `after…` helpers invalidate by the key factory whatever shows the changed thing.
 */
import { keepPreviousData, useQuery, type useQueryClient } from '@tanstack/react-query';
import type { Formula, MeasureRef, ParamValue, Population } from '../../../src/monitoring/engine/formula.ts';
import { toQuery } from './api.ts';
import { type Answer, type Body, client, ok, type QueryOf } from './client.ts';
import { keys } from './keys.ts';

type QueryClient = ReturnType<typeof useQueryClient>;

/**
 * The OpenAPI document types an indicator's `formula` as unknown and its `population` as any
 * object: the server stores them as given and checks them with the engine, so its Russian issues
 * reach the editor instead of zod's. The UI builds and reads them in the engine's own shape.
 */
export type { Formula, MeasureRef, ParamValue, Population };
export type FormulaKind = Formula['kind'];

// ---------- indicator sets ----------

export type IndicatorSetSummary = Answer<'/api/indicator-sets', 'get'>['items'][number];
type SetCard = Answer<'/api/indicator-sets/{id}', 'get'>;
type IndicatorAnswer = SetCard['indicators'][number];

/** An indicator with its formula and population in the engine's shape (see above). */
export type Indicator = Omit<IndicatorAnswer, 'formula' | 'population'> & {
  formula: Formula;
  population: Population;
};
export type IndicatorSet = Omit<SetCard, 'indicators'> & { indicators: Indicator[] };
export type OwnerLevel = IndicatorSetSummary['ownerLevel'];
export type Direction = Indicator['direction'];
export type Target = Indicator['targets'][number];

/** What the indicator editor sends: the indicator without what the server derives. */
export type IndicatorInput = Omit<Indicator, 'id' | 'setId' | 'derived' | 'measures'>;

export type PresetSummary = Answer<'/api/indicator-presets', 'get'>['items'][number];

export function useIndicatorSets(enabled = true) {
  return useQuery({
    queryKey: keys.indicatorSets.list,
    queryFn: async () => (await ok(client.GET('/api/indicator-sets'))).items,
    enabled,
  });
}

export function useIndicatorSet(id: string | undefined) {
  return useQuery({
    queryKey: keys.indicatorSets.detail(id ?? ''),
    queryFn: async (): Promise<IndicatorSet> =>
      // Formula and population narrowed to the engine's shape (see the note at the top).
      (await ok(
        client.GET('/api/indicator-sets/{id}', { params: { path: { id: id ?? '' } } }),
      )) as IndicatorSet,
    enabled: Boolean(id),
  });
}

export function usePresets(enabled = true) {
  return useQuery({
    queryKey: keys.indicatorPresets,
    queryFn: async () => (await ok(client.GET('/api/indicator-presets'))).items,
    enabled,
    staleTime: 10 * 60_000,
  });
}

export type PresetLoadBody = Body<'/api/indicator-presets/{code}/load', 'post'>;

/** Loads a preset as a new set of the caller's territory; answers the set's id. */
export async function loadPreset(code: string, body: PresetLoadBody): Promise<string> {
  return (await ok(client.POST('/api/indicator-presets/{code}/load', { params: { path: { code } }, body })))
    .setId;
}

export type SetBody = Body<'/api/indicator-sets', 'post'>;

/** A new empty set, or (copyOf) a copy of a set with its indicators, targets and schedule; answers its id. */
export async function createSet(body: SetBody, copyOf?: string): Promise<string> {
  if (copyOf) {
    const { code, name } = body;
    return (
      await ok(
        client.POST('/api/indicator-sets/{id}/copy', {
          params: { path: { id: copyOf } },
          body: { code, name },
        }),
      )
    ).id;
  }
  return (await ok(client.POST('/api/indicator-sets', { body }))).id;
}

export async function deleteSet(id: string): Promise<void> {
  await client.DELETE('/api/indicator-sets/{id}', { params: { path: { id } } });
}

/** A set added or removed: the lists of sets and the presets' «already loaded» marks. */
export async function afterSetsChanged(qc: QueryClient): Promise<void> {
  await qc.invalidateQueries({ queryKey: keys.indicatorSets.all });
  void qc.invalidateQueries({ queryKey: keys.indicatorPresets });
}

// ---------- indicators ----------

/** Creates (indicator = null) or updates an indicator, then its targets by year. */
export async function saveIndicator(
  setId: string,
  indicator: Indicator | null,
  input: IndicatorInput,
): Promise<void> {
  const body = { ...input, targets: input.targets.filter((t) => t.year && Number.isFinite(t.value)) };
  const saved = indicator
    ? await ok(client.PATCH('/api/indicators/{id}', { params: { path: { id: indicator.id } }, body }))
    : await ok(client.POST('/api/indicator-sets/{id}/indicators', { params: { path: { id: setId } }, body }));
  await client.PUT('/api/indicators/{id}/targets', {
    params: { path: { id: saved.id } },
    body: { targets: body.targets },
  });
}

export async function deleteIndicator(id: string): Promise<void> {
  await client.DELETE('/api/indicators/{id}', { params: { path: { id } } });
}

/** An indicator changed: its set (card, values, dashboard) and the open monitorings computed from it. */
export async function afterIndicatorChanged(qc: QueryClient): Promise<void> {
  await qc.invalidateQueries({ queryKey: keys.indicatorSets.all });
  void qc.invalidateQueries({ queryKey: keys.monitorings.all });
}

/** The server's check of a formula as it is being built: Russian issues, or ok. */
export function useFormulaCheck(check: { formula: Formula; population: Population }) {
  return useQuery({
    queryKey: keys.formulaCheck(check),
    queryFn: () => ok(client.POST('/api/indicators/validate', { body: check })),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

// ---------- measures ----------

type MeasuresAnswer = Answer<'/api/measures', 'get'>;

/** The form field a manual measure would come from. */
export interface ManualField {
  label: string;
  type: MeasuresAnswer['manual'][number]['fieldType'];
  hint: string;
}

/** A measure formulas are built from; a manual one also names the form field it comes from. */
export type MeasureDef = MeasuresAnswer['items'][number] & { field?: ManualField };
export type MeasureParam = MeasureDef['params'][number];

/** Derived measures and the known manual ones (`manual:<code>`, with the form field they come from). */
export function useMeasures(enabled = true) {
  return useQuery({
    queryKey: keys.measures,
    queryFn: async (): Promise<MeasureDef[]> => {
      const r = await ok(client.GET('/api/measures'));
      const manual: MeasureDef[] = r.manual.map((m) => ({
        code: m.code,
        label: m.label,
        memberKind: 'value',
        params: [],
        module: 'manual',
        population: false,
        field: { label: m.field, type: m.fieldType, hint: m.hint },
      }));
      return [...r.items, ...manual.filter((m) => !r.items.some((x) => x.code === m.code))];
    },
    enabled,
    staleTime: 10 * 60_000,
  });
}

// ---------- values ----------

export type SetValues = Answer<'/api/indicator-sets/{id}/values', 'get'>;
export type IndicatorValue = SetValues['indicators'][number];
export type ValueStatus = IndicatorValue['status'];
export type TargetStatus = NonNullable<IndicatorValue['targetStatus']>;
export type SliceKind = 'organization' | 'org_kind' | 'territory' | 'subject';
export type ValuesQuery = QueryOf<'/api/indicator-sets/{id}/values'>;

/** Live values of a set; waits until the page asks for them (`query` null until then). */
export function useSetValues(id: string | undefined, query: ValuesQuery | null) {
  return useQuery({
    queryKey: keys.indicatorSets.values(id ?? '', query ?? {}),
    queryFn: () =>
      ok(
        client.GET('/api/indicator-sets/{id}/values', {
          params: { path: { id: id ?? '' }, query: query ?? {} },
        }),
      ),
    enabled: Boolean(id && query?.asOf && query.periodStart && query.periodEnd),
    placeholderData: keepPreviousData,
  });
}

export type ManualValue = Answer<'/api/manual-measures', 'get'>['items'][number];
export type ManualValueBody = Body<'/api/manual-measures', 'put'>;

export function useManualValues(code: string | undefined, periodStart: string, periodEnd: string) {
  const query = { code, periodStart, periodEnd };
  return useQuery({
    queryKey: keys.manualValues.list(query),
    queryFn: async () => (await ok(client.GET('/api/manual-measures', { params: { query } }))).items,
    enabled: Boolean(code),
  });
}

export function saveManualValue(body: ManualValueBody) {
  return ok(client.PUT('/api/manual-measures', { body }));
}

/** A manual value feeds the sets' live values and the open monitorings. */
export async function afterManualValueSaved(qc: QueryClient): Promise<void> {
  await qc.invalidateQueries({ queryKey: keys.manualValues.all });
  await qc.invalidateQueries({ queryKey: keys.indicatorSets.all });
  void qc.invalidateQueries({ queryKey: keys.monitorings.all });
}

// ---------- monitorings ----------

export type Monitoring = Answer<'/api/monitorings', 'get'>['items'][number];
export type MonitoringInput = Body<'/api/monitorings', 'post'>;
/** The monitoring with its values: computed live while open, frozen once closed. */
export type MonitoringDetail = Answer<'/api/monitorings/{id}', 'get'>;
export type MonitoringValue = MonitoringDetail['values']['indicators'][number];

export function useMonitorings(enabled = true) {
  return useQuery({
    queryKey: keys.monitorings.list,
    queryFn: async () => (await ok(client.GET('/api/monitorings'))).items,
    enabled,
  });
}

export function useMonitoring(id: string | undefined) {
  return useQuery({
    queryKey: keys.monitorings.detail(id ?? ''),
    queryFn: () => ok(client.GET('/api/monitorings/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: Boolean(id),
    placeholderData: keepPreviousData,
  });
}

export function createMonitoring(body: MonitoringInput) {
  return ok(client.POST('/api/monitorings', { body }));
}

export async function afterMonitoringCreated(qc: QueryClient): Promise<void> {
  await qc.invalidateQueries({ queryKey: keys.monitorings.all });
}

/**
 * Closes a monitoring, freezing its values and the lists behind them. A large territory is
 * frozen by a background job: the answer then carries its id.
 */
export function closeMonitoring(id: string) {
  return ok(client.POST('/api/monitorings/{id}/close', { params: { path: { id } } }));
}

/** A closed monitoring is what the dashboards of its set read from then on. */
export async function afterMonitoringClosed(qc: QueryClient): Promise<void> {
  await qc.invalidateQueries({ queryKey: keys.monitorings.all });
  await qc.invalidateQueries({ queryKey: keys.indicatorSets.all });
}

/** The monitoring's values with a sheet per slice, as the server writes the workbook. */
export const monitoringExportHref = (id: string) =>
  `/api/monitorings/${id}/export${toQuery({ format: 'xlsx' })}`;

export type DrilldownQuery = QueryOf<'/api/monitorings/{id}/drilldown'>;
export type MemberPart = NonNullable<DrilldownQuery['part']>;
export type Drilldown = Answer<'/api/monitorings/{id}/drilldown', 'get'>;

export function useDrilldown(monitoringId: string | undefined, query: DrilldownQuery | null) {
  return useQuery({
    queryKey: keys.monitorings.drilldown(monitoringId ?? '', query ?? {}),
    queryFn: () =>
      ok(
        client.GET('/api/monitorings/{id}/drilldown', {
          params: { path: { id: monitoringId ?? '' }, query: query ?? { indicatorId: '' } },
        }),
      ),
    enabled: Boolean(monitoringId && query),
  });
}

/** The same list as a workbook (a file download, so a link rather than a call). */
export const drilldownExportHref = (monitoringId: string, query: DrilldownQuery) =>
  `/api/monitorings/${monitoringId}/drilldown/export${toQuery(query)}`;

// ---------- slices: one indicator's lines, page by page ----------

type MonitoringSlicesPath = '/api/monitorings/{id}/indicators/{indicatorId}/slices';
/** A page of one indicator's slice lines (by organization, kind, municipality or subject). */
export type SlicesPage = Omit<Answer<MonitoringSlicesPath, 'get'>, 'monitoringId' | 'frozen'>;
export type SliceLine = SlicesPage['items'][number];
/** The search, sort, status filter and page of the lines (the server does them). */
export type SlicesQuery = QueryOf<MonitoringSlicesPath>;
export type SliceSort = NonNullable<SlicesQuery['sort']>;
export type SliceCounts = MonitoringValue['sliceCounts'];

/**
 * Where an indicator's lines come from: a monitoring (frozen once closed, live while open) or a
 * set's live compute as of the set page's date and period.
 */
export type SlicesSource =
  | { kind: 'monitoring'; monitoringId: string }
  | { kind: 'set'; setId: string; asOf: string; periodStart: string; periodEnd: string };

export function fetchSlices(
  source: SlicesSource,
  indicatorId: string,
  query: SlicesQuery,
): Promise<SlicesPage> {
  if (source.kind === 'monitoring') {
    return ok(
      client.GET('/api/monitorings/{id}/indicators/{indicatorId}/slices', {
        params: { path: { id: source.monitoringId, indicatorId }, query },
      }),
    );
  }
  const { setId, asOf, periodStart, periodEnd } = source;
  return ok(
    client.GET('/api/indicator-sets/{id}/slices', {
      params: { path: { id: setId }, query: { ...query, indicatorId, asOf, periodStart, periodEnd } },
    }),
  );
}

/** The key sits under the monitoring's (or the set's): whatever invalidates its figures, these too. */
const slicesKey = (source: SlicesSource, indicatorId: string, query: SlicesQuery) =>
  source.kind === 'monitoring'
    ? [...keys.monitorings.detail(source.monitoringId), 'slices', indicatorId, query]
    : [...keys.indicatorSets.detail(source.setId), 'slices', indicatorId, source, query];

export function useSlices(source: SlicesSource, indicatorId: string, query: SlicesQuery) {
  return useQuery({
    queryKey: slicesKey(source, indicatorId, query),
    queryFn: () => fetchSlices(source, indicatorId, query),
    placeholderData: keepPreviousData,
  });
}

/** Every line under the filter, page by page (for the XLSX of a slice). */
export async function allSlices(
  source: SlicesSource,
  indicatorId: string,
  query: SlicesQuery,
): Promise<SliceLine[]> {
  const out: SliceLine[] = [];
  for (let page = 1; ; page++) {
    const got = await fetchSlices(source, indicatorId, { ...query, page, pageSize: 200 });
    out.push(...got.items);
    if (got.page * got.pageSize >= got.found || got.items.length === 0) return out;
  }
}

// ---------- dashboards ----------

export type Dashboard = Answer<'/api/indicator-sets/{id}/dashboard', 'get'>;
export type DashboardIndicator = Dashboard['indicators'][number];
export type Clusters = Answer<'/api/indicator-sets/{id}/clusters', 'get'>;
export type Cluster = Clusters['clusters'][number];
export type Comparison = Answer<'/api/indicator-sets/{id}/compare', 'get'>;

export function useDashboard(setId: string | undefined, year: number) {
  return useQuery({
    queryKey: keys.indicatorSets.dashboard(setId ?? '', year),
    queryFn: () =>
      ok(
        client.GET('/api/indicator-sets/{id}/dashboard', {
          params: { path: { id: setId ?? '' }, query: { year } },
        }),
      ),
    enabled: Boolean(setId),
    placeholderData: keepPreviousData,
  });
}

/** Clusters of the dashboard's year, from the dashboard's source. */
export function useClusters(setId: string | undefined, year: number, k: number) {
  const query = { year, k };
  return useQuery({
    queryKey: keys.indicatorSets.clusters(setId ?? '', query),
    queryFn: () =>
      ok(client.GET('/api/indicator-sets/{id}/clusters', { params: { path: { id: setId ?? '' }, query } })),
    enabled: Boolean(setId),
    placeholderData: keepPreviousData,
  });
}

export function useComparison(setId: string | undefined, year: number, enabled: boolean) {
  return useQuery({
    queryKey: [...keys.indicatorSets.compare(setId ?? ''), year],
    queryFn: () =>
      ok(
        client.GET('/api/indicator-sets/{id}/compare', {
          params: { path: { id: setId ?? '' }, query: { by: 'municipality', year } },
        }),
      ),
    enabled: Boolean(setId) && enabled,
  });
}
