/**
 * Individual educational routes (ИОМ), their generation jobs and the curator's workspace:
 * types of the route API and the query hooks the route screens share.
 */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api.ts';

export type RouteStatus = 'draft' | 'agreed' | 'in_progress' | 'completed' | 'cancelled';
export type RouteItemStatus = 'planned' | 'in_progress' | 'done' | 'dropped';
export type ActivityKind = 'program' | 'event' | 'mentoring' | 'self_education' | 'internship';
export type LearningForm = 'formal' | 'informal' | 'self_education';
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface UserRef {
  userId: string;
  fullName: string;
}

export interface CompetencyRef {
  id: string;
  code: string;
  name: string;
}

export interface RouteSummary {
  id: string;
  personId: string;
  fullName: string;
  organizationId: string | null;
  organization: string | null;
  status: RouteStatus;
  title: string;
  curator: UserRef | null;
  periodStart: string;
  periodEnd: string;
  itemsTotal: number;
  itemsDone: number;
  itemsAwaitingConfirmation: number;
  hoursPlanned: number;
  /** 0..100: the share of items done (confirmed) or dropped. */
  progress: number;
  agreedByTeacherAt: string | null;
  agreedByCuratorAt: string | null;
  updatedAt: string;
}

export type Evidence =
  | { kind: 'link'; url: string; note?: string }
  | { kind: 'file'; fileId: string; fileName: string; size: number; note?: string };

export interface RouteItem {
  id: string;
  position: number;
  competency: CompetencyRef | null;
  competencies: CompetencyRef[];
  activityKind: ActivityKind;
  activityId: string | null;
  title: string;
  form: LearningForm;
  plannedStart: string | null;
  plannedEnd: string | null;
  hours: number;
  expectedResult: string;
  reason: string;
  baselinePercent: number | null;
  status: RouteItemStatus;
  evidence: Evidence | null;
  confirmedAt: string | null;
  confirmedBy: UserRef | null;
  droppedReason: string | null;
}

export type RouteEventKind =
  | 'created'
  | 'status'
  | 'agreed'
  | 'item_status'
  | 'evidence'
  | 'confirmed'
  | 'returned'
  | 'comment'
  | 'curator'
  | 'edited';

export interface RouteEvent {
  id: string;
  at: string;
  author: UserRef | null;
  kind: RouteEventKind | string;
  itemId: string | null;
  text: string;
  data: Record<string, unknown>;
}

export interface RoutePermissions {
  agreeAsTeacher: boolean;
  agreeAsCurator: boolean;
  edit: boolean;
  start: boolean;
  complete: boolean;
  cancel: boolean;
  comment: boolean;
  confirm: boolean;
  assignCurator: boolean;
}

export interface RouteCard extends RouteSummary {
  frameworkId: string | null;
  campaignId: string | null;
  baselineOn: string | null;
  cancelledReason: string | null;
  items: RouteItem[];
  events: RouteEvent[];
  permissions: RoutePermissions;
}

export interface RouteEffect {
  baselineOn: string | null;
  competencies: {
    id: string;
    code: string;
    name: string;
    before: number | null;
    beforeLevel: string | null;
    after: number | null;
    afterLevel: string | null;
    afterOn: string | null;
    closed: boolean;
  }[];
}

export interface EffectSummary {
  competencies: {
    id: string;
    code: string;
    name: string;
    withDeficitBefore: number;
    reassessed: number;
    closed: number;
    stillDeficit: number;
  }[];
  routes: { total: number; completed: number };
}

export interface RouteMeasures {
  assessed: number;
  peopleWithRoutes: number;
  routesTotal: number;
  routesWithCurator: number;
  byTopic: { direction: string; label: string; peopleWithTopic: number; peopleCompletedTopic: number }[];
}

export interface GenerationResult {
  routesCreated: number;
  routesRegenerated: number;
  itemsCreated: number;
  peopleWithDeficits: number;
  skipped: { reason: string; count: number }[];
  uncovered: { competencyCode: string; competencyName: string; people: number }[];
  curators: { userId: string; fullName: string; routes: number }[];
  /** Not in the contract; the generator reports it too. */
  routesWithoutCurator?: number;
}

export interface Job<R = unknown> {
  id: string;
  kind: string;
  status: JobStatus;
  total: number | null;
  done: number | null;
  message: string | null;
  result: R | null;
  error: string | { message?: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface Confirmation {
  routeId: string;
  fullName: string;
  organization: string | null;
  item: RouteItem;
}

export interface StoredFile {
  id: string;
  fileName: string;
  size: number;
  contentType: string;
}

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
  if (!job.error) return null;
  return typeof job.error === 'string' ? job.error : (job.error.message ?? 'Задание завершилось с ошибкой.');
}

/* ---------- queries ---------- */

export const routeKeys = {
  all: ['routes'] as const,
  card: (id: string) => ['routes', 'card', id] as const,
};

export function useRoute(id: string | undefined) {
  return useQuery({
    queryKey: routeKeys.card(id ?? ''),
    queryFn: () => api.get<RouteCard>(`/api/routes/${id}`),
    enabled: Boolean(id),
    staleTime: 5_000,
  });
}

export function useRouteEffect(id: string | undefined) {
  return useQuery({
    queryKey: ['routes', 'effect', id ?? ''],
    queryFn: () => api.get<RouteEffect>(`/api/routes/${id}/effect`),
    enabled: Boolean(id),
  });
}

export function useMyRoutes(enabled = true) {
  return useQuery({
    queryKey: ['routes', 'my'],
    queryFn: () => api.get<{ items: RouteSummary[] }>('/api/my/routes'),
    enabled,
  });
}

export function useCuratedRoutes() {
  return useQuery({
    queryKey: ['routes', 'curated'],
    queryFn: () => api.get<{ items: RouteSummary[]; awaitingConfirmation: number }>('/api/my/curated-routes'),
  });
}

export function useConfirmations() {
  return useQuery({
    queryKey: ['routes', 'confirmations'],
    queryFn: () => api.get<{ items: Confirmation[] }>('/api/my/confirmations'),
  });
}

export function useGenerationJobs(enabled = true) {
  return useQuery({
    queryKey: ['jobs', 'route-generation'],
    queryFn: () => api.get<{ items: Job<GenerationResult>[] }>('/api/jobs', { kind: 'route-generation' }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Polls a job every second while it is queued or running; stops once it has finished. */
export function useJob<R = unknown>(id: string | undefined) {
  return useQuery({
    queryKey: ['jobs', id ?? ''],
    queryFn: () => api.get<Job<R>>(`/api/jobs/${id}`),
    enabled: Boolean(id),
    staleTime: 0,
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s === 'succeeded' || s === 'failed' ? false : 1000;
    },
  });
}

/** After any change to a route every route view (lists, card, curator's queue) may be stale. */
export function useInvalidateRoutes() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: routeKeys.all });
}
