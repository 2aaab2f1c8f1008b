/**
 * Individual educational routes (ИОМ), their generation jobs and the curator's workspace. Shapes
 * are the server's (schema.gen.ts); query hooks read through the typed client with keys from the
 * key factory; every write is a function here, followed by `afterRouteChanged` so that every
 * route view (lists, card, curator's queue, effect) reloads.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GenerationResult } from '../../../src/routes/generation/generation.service.ts';
import { toQuery, uploadFile } from './api.ts';
import { type Answer, type Body, client, ok, type QueryOf } from './client.ts';
import { keys } from './keys.ts';

type QueryClient = ReturnType<typeof useQueryClient>;

export type RoutesQuery = QueryOf<'/api/routes'>;
export type RouteSummary = Answer<'/api/routes', 'get'>['items'][number];
export type RouteCard = Answer<'/api/routes/{id}', 'get'>;
export type RouteItem = RouteCard['items'][number];
export type RouteEvent = RouteCard['events'][number];
export type RouteEventKind = RouteEvent['kind'];
export type RoutePermissions = RouteCard['permissions'];
export type Evidence = NonNullable<RouteItem['evidence']>;
export type UserRef = NonNullable<RouteSummary['curator']>;
export type CompetencyRef = RouteItem['competencies'][number];
export type RouteStatus = RouteSummary['status'];
export type RouteItemStatus = RouteItem['status'];
export type ActivityKind = RouteItem['activityKind'];
export type LearningForm = RouteItem['form'];
export type RouteEffect = Answer<'/api/routes/{id}/effect', 'get'>;
export type EffectSummary = Answer<'/api/routes/effect-summary', 'get'>;
export type RouteIndicator = Answer<'/api/routes/measures', 'get'>['indicators'][number];
export type RouteMeasures = Answer<'/api/routes/measures', 'get'>;
export type Confirmation = Answer<'/api/my/confirmations', 'get'>['items'][number];
export type StoredFile = Answer<'/api/files', 'post'>;
export type RoutePatch = Body<'/api/routes/{id}', 'patch'>;
export type NewItemBody = Body<'/api/routes/{id}/items', 'post'>;
export type ItemPatch = Body<'/api/routes/{id}/items/{itemId}', 'patch'>;
export type EvidenceInput = Body<'/api/routes/{id}/items/{itemId}/done', 'post'>['evidence'];
export type CommentBody = Body<'/api/routes/{id}/comments', 'post'>;
export type GenerationBody = Body<'/api/route-generation', 'post'>;
export type GenerationSettings = Answer<'/api/settings/routes.generation', 'get'>;

type JobAnswer = Answer<'/api/jobs/{id}', 'get'>;
export type JobStatus = JobAnswer['status'];
/**
 * A background job. One route serves every kind of job, so its schema types `result` as
 * unknown; the page that started a job names that kind's result (`Job<GenerationResult>`).
 */
export type Job<R = unknown> = Omit<JobAnswer, 'result'> & { result: R | null };
/** The generator's report, as the generation service declares it (the job's `result`). */
export type { GenerationResult };

/* ---------- words ---------- */

export const ROUTE_STATUS: Record<RouteStatus, { label: string; color: string }> = {
  draft: { label: 'Черновик', color: 'gray' },
  agreed: { label: 'Согласован', color: 'blue' },
  in_progress: { label: 'Выполняется', color: 'indigo' },
  completed: { label: 'Завершён', color: 'teal' },
  cancelled: { label: 'Отменён', color: 'red' },
};

export const ITEM_STATUS: Record<RouteItemStatus, { label: string; color: string }> = {
  planned: { label: 'Запланировано', color: 'gray' },
  in_progress: { label: 'Выполняется', color: 'indigo' },
  done: { label: 'Выполнено', color: 'teal' },
  dropped: { label: 'Исключено', color: 'red' },
};

export const ACTIVITY_KINDS: Record<ActivityKind, { label: string; color: string }> = {
  program: { label: 'Программа ПК', color: 'blue' },
  event: { label: 'Мероприятие', color: 'grape' },
  mentoring: { label: 'Наставничество', color: 'teal' },
  self_education: { label: 'Самообразование', color: 'orange' },
  internship: { label: 'Стажировка', color: 'cyan' },
};

export const LEARNING_FORMS: Record<LearningForm, string> = {
  formal: 'формальное обучение',
  informal: 'неформальное обучение',
  self_education: 'самообразование',
};

export const JOB_STATUS: Record<JobStatus, { label: string; color: string }> = {
  queued: { label: 'В очереди', color: 'gray' },
  running: { label: 'Выполняется', color: 'blue' },
  succeeded: { label: 'Готово', color: 'teal' },
  failed: { label: 'Ошибка', color: 'red' },
};

export const DEFICIT_LEVELS: Record<string, { label: string; color: string }> = {
  deficit: { label: 'дефицит', color: 'red' },
  partial: { label: 'частично', color: 'orange' },
  none: { label: 'сформирована', color: 'teal' },
};

/** An item is waiting for the curator when it is done with evidence and nobody confirmed it yet. */
export const awaitsConfirmation = (item: RouteItem) => item.status === 'done' && !item.confirmedAt;

export function jobError(job: Job): string | null {
  return job.error;
}

/* ---------- reads ---------- */

export function useRoutes(query: RoutesQuery) {
  return useQuery({
    queryKey: keys.routes.list(query),
    queryFn: () => ok(client.GET('/api/routes', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function routesExportHref(query: QueryOf<'/api/routes/export'>): string {
  return `/api/routes/export${toQuery(query)}`;
}

export function useRoute(id: string | undefined) {
  return useQuery({
    queryKey: keys.routes.card(id ?? ''),
    queryFn: () => ok(client.GET('/api/routes/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: Boolean(id),
    staleTime: 5_000,
  });
}

export function useRouteEffect(id: string | undefined) {
  return useQuery({
    queryKey: keys.routes.effect(id ?? ''),
    queryFn: () => ok(client.GET('/api/routes/{id}/effect', { params: { path: { id: id ?? '' } } })),
    enabled: Boolean(id),
  });
}

export function useEffectSummary(query: QueryOf<'/api/routes/effect-summary'>) {
  return useQuery({
    queryKey: keys.routes.effectSummary(query),
    queryFn: () => ok(client.GET('/api/routes/effect-summary', { params: { query } })),
    enabled: Boolean(query.frameworkId),
    placeholderData: keepPreviousData,
  });
}

export function useRouteMeasures(query: QueryOf<'/api/routes/measures'>, enabled = true) {
  return useQuery({
    queryKey: keys.routes.measures(query),
    queryFn: () => ok(client.GET('/api/routes/measures', { params: { query } })),
    enabled,
  });
}

export function useMyRoutes(enabled = true) {
  return useQuery({
    queryKey: keys.routes.mine,
    queryFn: () => ok(client.GET('/api/my/routes')),
    enabled,
  });
}

export function useCuratedRoutes() {
  return useQuery({
    queryKey: keys.routes.curated,
    queryFn: () => ok(client.GET('/api/my/curated-routes')),
  });
}

export function useConfirmations() {
  return useQuery({
    queryKey: keys.routes.confirmations,
    queryFn: () => ok(client.GET('/api/my/confirmations')),
  });
}

/**
 * Users who may be a route's curator: curators and methodists of the caller's area. A school
 * head may be refused the list of methodists; the curators alone are offered then.
 */
export function useCuratorUsers(enabled = true) {
  return useQuery({
    queryKey: keys.users.curators,
    queryFn: async () => {
      const [curators, methodists] = await Promise.all([
        ok(client.GET('/api/users', { params: { query: { role: 'curator' } } })),
        ok(client.GET('/api/users', { params: { query: { role: 'municipal_methodist' } } })).catch(() => ({
          items: [],
        })),
      ]);
      return [...curators.items, ...methodists.items]
        .filter((u) => u.active)
        .sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru'));
    },
    staleTime: 5 * 60_000,
    retry: false,
    enabled,
  });
}

/* ---------- writes ---------- */

const route = (id: string) => ({ params: { path: { id } } });
const item = (id: string, itemId: string) => ({ params: { path: { id, itemId } } });

export const agreeRoute = (id: string) => ok(client.POST('/api/routes/{id}/agree', route(id)));
export const startRoute = (id: string) => ok(client.POST('/api/routes/{id}/start', route(id)));
export const completeRoute = (id: string) => ok(client.POST('/api/routes/{id}/complete', route(id)));
export const cancelRoute = (id: string, reason: string) =>
  ok(client.POST('/api/routes/{id}/cancel', { ...route(id), body: { reason } }));
/** Title, period or curator. */
export const updateRoute = (id: string, body: RoutePatch) =>
  ok(client.PATCH('/api/routes/{id}', { ...route(id), body }));
export const commentOnRoute = (id: string, body: CommentBody) =>
  ok(client.POST('/api/routes/{id}/comments', { ...route(id), body }));

export const addRouteItem = (id: string, body: NewItemBody) =>
  ok(client.POST('/api/routes/{id}/items', { ...route(id), body }));
export const updateRouteItem = (id: string, itemId: string, body: ItemPatch) =>
  ok(client.PATCH('/api/routes/{id}/items/{itemId}', { ...item(id, itemId), body }));
/** Only in a draft. */
export const deleteRouteItem = (id: string, itemId: string) =>
  ok(client.DELETE('/api/routes/{id}/items/{itemId}', item(id, itemId)));
export const startRouteItem = (id: string, itemId: string) =>
  ok(client.POST('/api/routes/{id}/items/{itemId}/start', item(id, itemId)));
/** The teacher's «done», with a link or an uploaded file for the curator to check. */
export const markItemDone = (id: string, itemId: string, evidence: EvidenceInput) =>
  ok(client.POST('/api/routes/{id}/items/{itemId}/done', { ...item(id, itemId), body: { evidence } }));
export const confirmRouteItem = (id: string, itemId: string) =>
  ok(client.POST('/api/routes/{id}/items/{itemId}/confirm', item(id, itemId)));
export const returnRouteItem = (id: string, itemId: string, comment: string) =>
  ok(client.POST('/api/routes/{id}/items/{itemId}/return', { ...item(id, itemId), body: { comment } }));
export const dropRouteItem = (id: string, itemId: string, reason: string) =>
  ok(client.POST('/api/routes/{id}/items/{itemId}/drop', { ...item(id, itemId), body: { reason } }));

/** Uploads a file of evidence (multipart, which the OpenAPI document does not describe), with progress. */
export function uploadEvidence(file: File, onProgress: (fraction: number) => void): Promise<StoredFile> {
  return uploadFile<StoredFile>('/api/files', file, onProgress);
}

export const fileHref = (fileId: string) => `/api/files/${fileId}`;

/** After any change to a route every route view (lists, card, curator's queue) may be stale. */
export async function afterRouteChanged(qc: QueryClient): Promise<void> {
  await qc.invalidateQueries({ queryKey: keys.routes.all });
}

/**
 * One of the writes above from a button on a card: `action.mutate(() => agreeRoute(id))`. Its
 * error is shown by the card; on success every route view reloads in the background.
 */
export function useRouteAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (write: () => Promise<unknown>) => write(),
    onSuccess: () => {
      void afterRouteChanged(qc);
    },
  });
}

/* ---------- generation ---------- */

/** Starts building draft routes in the background; the answer names the job to watch. */
export function startGeneration(body: GenerationBody) {
  return ok(client.POST('/api/route-generation', { body }));
}

export function useGenerationSettings() {
  return useQuery({
    queryKey: keys.settings.routeGeneration,
    queryFn: () => ok(client.GET('/api/settings/routes.generation')),
    staleTime: 60_000,
  });
}

/** The generator's parameters; only the administrator may change them (the API allows only them). */
export function saveGenerationSettings(body: GenerationSettings) {
  return ok(client.PUT('/api/settings/routes.generation', { body }));
}

export function afterGenerationSettingsSaved(qc: QueryClient, saved: GenerationSettings): void {
  qc.setQueryData(keys.settings.routeGeneration, saved);
}

export function useGenerationJobs(enabled = true) {
  return useQuery({
    queryKey: keys.jobs.list('route-generation'),
    queryFn: async () => {
      const jobs = await ok(client.GET('/api/jobs', { params: { query: { kind: 'route-generation' } } }));
      // Asked for this one kind only: each result is the generator's report.
      return jobs as { items: Job<GenerationResult>[] };
    },
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Polls a job every second while it is queued or running; stops once it has finished. */
export function useJob<R = unknown>(id: string | undefined) {
  return useQuery({
    queryKey: keys.jobs.detail(id ?? ''),
    // The caller names the kind's result (see Job).
    queryFn: async () =>
      (await ok(client.GET('/api/jobs/{id}', { params: { path: { id: id ?? '' } } }))) as Job<R>,
    enabled: Boolean(id),
    staleTime: 0,
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s === 'succeeded' || s === 'failed' ? false : 1000;
    },
  });
}
