/**
 * Diagnosis and deficits (the assessment context) and the teacher's cabinet: competency
 * frameworks, instruments, campaigns, a teacher's sheets and answers, deficit views. Shapes are
 * the server's (schema.gen.ts); query hooks read through the typed client with keys from the key
 * factory, and writes are functions that callers follow with the matching `after…` refresh.
 */
import { keepPreviousData, useQuery, type useQueryClient } from '@tanstack/react-query';
import { toQuery } from './api.ts';
import { type Answer, type Body, client, ok, type paths, type QueryOf } from './client.ts';
import { keys } from './keys.ts';
import type { ImportReport } from './types.ts';

type QueryClient = ReturnType<typeof useQueryClient>;

/* ---------- frameworks and instruments ---------- */

export type Framework = Answer<'/api/competency-frameworks', 'get'>['items'][number];
export type Competency = Framework['groups'][number]['competencies'][number];
export type OwnerLevel = Framework['ownerLevel'];
export type InstrumentSummary = Answer<'/api/instruments', 'get'>['items'][number];
export type InstrumentKind = InstrumentSummary['kind'];

export function useFrameworks() {
  return useQuery({
    queryKey: keys.frameworks,
    queryFn: () => ok(client.GET('/api/competency-frameworks')),
    staleTime: 5 * 60_000,
  });
}

export function useInstruments(enabled = true) {
  return useQuery({
    queryKey: keys.instruments,
    queryFn: () => ok(client.GET('/api/instruments')),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export type FrameworkPreset = Answer<'/api/competency-frameworks/presets', 'get'>['items'][number];

/** The preset frameworks and whether the caller may load them (the empty pages offer them). */
export function useFrameworkPresets(enabled = true) {
  return useQuery({
    queryKey: keys.frameworkPresets,
    queryFn: () => ok(client.GET('/api/competency-frameworks/presets')),
    enabled,
  });
}

/** Loads a preset framework (a second time returns the loaded one); follow with afterFrameworkLoaded. */
export function loadFrameworkPreset(code: string) {
  return ok(client.POST('/api/competency-frameworks/presets/{code}', { params: { path: { code } } }));
}

/** A framework was loaded: every list of frameworks (and the presets' «loaded» marks) is out of date. */
export function afterFrameworkLoaded(qc: QueryClient) {
  return qc.invalidateQueries({ queryKey: keys.frameworks });
}

/** The framework to show by default: the teacher framework from the presets, else the first. */
export function defaultFramework(items: Framework[] | undefined): Framework | undefined {
  return items?.find((f) => f.code === 'teacher-544n') ?? items?.[0];
}

/* ---------- campaigns ---------- */

export type Campaign = Answer<'/api/assessment-campaigns/{id}', 'get'>;
export type CampaignStatus = Campaign['status'];
export type CampaignTarget = Campaign['target'];
export type CampaignInput = Body<'/api/assessment-campaigns', 'post'>;
export type OrgProgress = Answer<'/api/assessment-campaigns/{id}/progress', 'get'>['items'][number];

export function useCampaigns(enabled = true) {
  return useQuery({
    queryKey: keys.campaigns.all,
    queryFn: () => ok(client.GET('/api/assessment-campaigns')),
    staleTime: 60_000,
    enabled,
  });
}

export function useCampaign(id: string) {
  return useQuery({
    queryKey: keys.campaigns.detail(id),
    queryFn: () => ok(client.GET('/api/assessment-campaigns/{id}', { params: { path: { id } } })),
  });
}

export function useCampaignProgress(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.campaigns.progress(id),
    queryFn: () => ok(client.GET('/api/assessment-campaigns/{id}/progress', { params: { path: { id } } })),
    enabled,
  });
}

/** A draft campaign; it gathers its participants when opened. */
export function createCampaign(body: CampaignInput) {
  return ok(client.POST('/api/assessment-campaigns', { body }));
}

/** A campaign as opening or closing answers it; closing names the job that builds routes. */
export type CampaignChange = Campaign & { generationJobId?: string | null };

/** Fixes the participants; teachers see the campaign in their cabinet. */
export function openCampaign(id: string): Promise<CampaignChange> {
  return ok(client.POST('/api/assessment-campaigns/{id}/open', { params: { path: { id } } }));
}

/** Stops taking answers and starts building routes from the results. */
export function closeCampaign(id: string): Promise<CampaignChange> {
  return ok(client.POST('/api/assessment-campaigns/{id}/close', { params: { path: { id } } }));
}

/** The campaign's card takes the answer as it is; lists and progress reload. */
export async function afterCampaignChanged(qc: QueryClient, campaign: Campaign): Promise<void> {
  qc.setQueryData(keys.campaigns.detail(campaign.id), campaign);
  await qc.invalidateQueries({ queryKey: keys.campaigns.all });
}

/** Sums of a campaign's progress rows. */
export function progressTotals(rows: OrgProgress[] | undefined) {
  return (rows ?? []).reduce(
    (s, r) => ({
      invited: s.invited + r.invited,
      started: s.started + r.started,
      submitted: s.submitted + r.submitted,
      submittedOnline: s.submittedOnline + r.submittedOnline,
      imported: s.imported + r.imported,
    }),
    { invited: 0, started: 0, submitted: 0, submittedOnline: 0, imported: 0 },
  );
}

/* ---------- results import (a multipart upload the OpenAPI document cannot describe) ---------- */

type ResultsImportQuery = NonNullable<paths['/api/assessment-results/import']['post']['parameters']['query']>;
type ResultsTemplateQuery = QueryOf<'/api/assessment-results/template'>;

export function resultsImportUrl(query: ResultsImportQuery): string {
  return `/api/assessment-results/import${toQuery(query)}`;
}

export function resultsTemplateHref(query: ResultsTemplateQuery): string {
  return `/api/assessment-results/template${toQuery(query)}`;
}

/** The route-generation job a committed import started (ImportUpload reads every import's report). */
export function generationJobOf(report: ImportReport): string | null {
  return (report as Partial<Answer<'/api/assessment-results/import', 'post'>>).generationJobId ?? null;
}

/* ---------- the teacher's cabinet ---------- */

export type MyAssessment = Answer<'/api/my/assessments', 'get'>['items'][number];
export type SittingStatus = MyAssessment['instruments'][number]['status'];
export type Sheet = Answer<'/api/my/assessments/{campaignId}/{instrumentId}', 'get'>;
export type SheetItem = Sheet['instrument']['content']['items'][number];
/** The answer to one item: an option id, several option ids, or a point of the scale. */
export type AnswerValue = Body<
  '/api/my/assessments/{campaignId}/{instrumentId}/answers/{itemId}',
  'put'
>['value'];

export function useMyAssessments() {
  return useQuery({
    queryKey: keys.cabinet.assessments,
    queryFn: () => ok(client.GET('/api/my/assessments')),
  });
}

/** The items of an instrument and the caller's saved answers; read once per visit. */
export function useSheet(campaignId: string, instrumentId: string) {
  return useQuery({
    queryKey: keys.cabinet.sheet(campaignId, instrumentId),
    queryFn: () =>
      ok(
        client.GET('/api/my/assessments/{campaignId}/{instrumentId}', {
          params: { path: { campaignId, instrumentId } },
        }),
      ),
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
  });
}

export async function saveAnswer(
  campaignId: string,
  instrumentId: string,
  itemId: string,
  value: AnswerValue,
): Promise<void> {
  await client.PUT('/api/my/assessments/{campaignId}/{instrumentId}/answers/{itemId}', {
    params: { path: { campaignId, instrumentId, itemId } },
    body: { value },
  });
}

/** Sends the answers once and for all: the results become the person's levels. */
export function submitAnswers(campaignId: string, instrumentId: string) {
  return ok(
    client.POST('/api/my/assessments/{campaignId}/{instrumentId}/submit', {
      params: { path: { campaignId, instrumentId } },
    }),
  );
}

/** After a submission: the cabinet's list and sheet, and every deficit view. */
export async function afterAnswersSubmitted(qc: QueryClient): Promise<void> {
  await Promise.all([
    qc.invalidateQueries({ queryKey: keys.cabinet.assessments }),
    qc.invalidateQueries({ queryKey: keys.deficits.all }),
  ]);
}

/* ---------- deficits ---------- */

export type PersonDeficits = Answer<'/api/deficits/people/{personId}', 'get'>;
export type FrameworkRef = PersonDeficits['framework'];
export type DeficitLevel = NonNullable<PersonDeficits['competencies'][number]['level']>;
export type HeatmapQuery = QueryOf<'/api/deficits/heatmap'>;
export type Heatmap = Answer<'/api/deficits/heatmap', 'get'>;
export type HeatCell = Heatmap['rows'][number]['cells'][number];
export type DeficitPeopleQuery = QueryOf<'/api/deficits/people'>;
export type DeficitPeople = Answer<'/api/deficits/people', 'get'>;

export function usePersonDeficits(personId: string, frameworkId: string | undefined) {
  return useQuery({
    queryKey: keys.deficits.person(personId, frameworkId ?? ''),
    queryFn: () =>
      ok(
        client.GET('/api/deficits/people/{personId}', {
          params: { path: { personId }, query: { frameworkId: frameworkId ?? '' } },
        }),
      ),
    enabled: Boolean(personId && frameworkId),
    placeholderData: keepPreviousData,
  });
}

export function useHeatmap(query: HeatmapQuery, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: keys.deficits.heatmap(query),
    queryFn: () => ok(client.GET('/api/deficits/heatmap', { params: { query } })),
    enabled: opts.enabled ?? true,
    placeholderData: keepPreviousData,
  });
}

export function useDeficitPeople(query: DeficitPeopleQuery) {
  return useQuery({
    queryKey: keys.deficits.people(query),
    queryFn: () => ok(client.GET('/api/deficits/people', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** The heatmap as the page shows it (same framework, rows and municipality), as XLSX or CSV. */
export function deficitHeatmapExportHref(query: QueryOf<'/api/deficits/heatmap/export'>): string {
  return `/api/deficits/heatmap/export${toQuery(query)}`;
}

/** A campaign's progress by organization, as the campaign page shows it, as XLSX or CSV. */
export function campaignProgressExportHref(id: string, format: 'xlsx' | 'csv'): string {
  return `/api/assessment-campaigns/${id}/progress/export${toQuery({ format })}`;
}

export function deficitPeopleExportHref(query: QueryOf<'/api/deficits/people/export'>): string {
  return `/api/deficits/people/export${toQuery(query)}`;
}
