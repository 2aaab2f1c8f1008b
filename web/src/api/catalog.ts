/**
 * The catalog of further-training programs: programs with their cohorts, and the trainings
 * (certificates, diplomas) of a person. Query hooks read through the typed client; writes
 * invalidate by the key factory. Imports upload files, so only their addresses live here.
 */
import { keepPreviousData, useQuery, type useQueryClient } from '@tanstack/react-query';
import { toQuery } from './api.ts';
import { type Answer, type Body, client, ok, type paths, type QueryOf } from './client.ts';
import { keys } from './keys.ts';

type QueryClient = ReturnType<typeof useQueryClient>;

export type Program = Answer<'/api/programs', 'get'>['items'][number];
export type ProgramCard = Answer<'/api/programs/{id}', 'get'>;
export type Cohort = ProgramCard['cohorts'][number];
/** Who keeps a program: the system (federal), the region (its operator) or a municipality (its methodists). */
export type ProgramOwner = Program['owner'];
export type ProgramKind = Program['kind'];
export type ProgramFormat = Program['format'];
export type Training = Answer<'/api/people/{id}/trainings', 'get'>['items'][number];

export type ProgramsQuery = QueryOf<'/api/programs'>;

/** A program as the form edits it: every field of a new one, defaults filled in. */
export type ProgramInput = Required<Body<'/api/programs', 'post'>>;

export type CohortBody = Body<'/api/programs/{id}/cohorts', 'post'>;
export type TrainingBody = Body<'/api/people/{id}/trainings', 'post'>;

export function usePrograms(query: ProgramsQuery, opts: { enabled?: boolean; staleTime?: number } = {}) {
  return useQuery({
    queryKey: keys.programs.list(query),
    queryFn: () => ok(client.GET('/api/programs', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
    staleTime: opts.staleTime,
  });
}

export function useProgram(id: string) {
  return useQuery({
    queryKey: keys.programs.detail(id),
    queryFn: () => ok(client.GET('/api/programs/{id}', { params: { path: { id } } })),
  });
}

/** Creates (id = null) or updates a program; answers its card. */
export function saveProgram(id: string | null, body: ProgramInput): Promise<ProgramCard> {
  if (id) return ok(client.PATCH('/api/programs/{id}', { params: { path: { id } }, body }));
  return ok(client.POST('/api/programs', { body }));
}

/** The saved card is the answer: it replaces the cached one, and every list reloads. */
export async function afterProgramSaved(qc: QueryClient, card: ProgramCard): Promise<void> {
  qc.setQueryData(keys.programs.detail(card.id), card);
  await qc.invalidateQueries({ queryKey: keys.programs.all });
}

/** Adds a cohort to a program (cohortId = null) or changes one. */
export function saveCohort(programId: string, cohortId: string | null, body: CohortBody): Promise<Cohort> {
  if (cohortId) return ok(client.PATCH('/api/cohorts/{id}', { params: { path: { id: cohortId } }, body }));
  return ok(client.POST('/api/programs/{id}/cohorts', { params: { path: { id: programId } }, body }));
}

export async function deleteCohort(id: string): Promise<void> {
  await client.DELETE('/api/cohorts/{id}', { params: { path: { id } } });
}

/** Cohorts are shown on their program's card. */
export const afterCohortChanged = (qc: QueryClient, programId: string) =>
  qc.invalidateQueries({ queryKey: keys.programs.detail(programId) });

export function usePersonTrainings(personId: string) {
  return useQuery({
    queryKey: keys.trainings.person(personId),
    queryFn: () => ok(client.GET('/api/people/{id}/trainings', { params: { path: { id: personId } } })),
    enabled: Boolean(personId),
  });
}

/** Records a certificate or a diploma; the program is matched by its code or exact name in the catalog. */
export function addTraining(personId: string, body: TrainingBody): Promise<Training> {
  return ok(client.POST('/api/people/{id}/trainings', { params: { path: { id: personId } }, body }));
}

export async function deleteTraining(id: string): Promise<void> {
  await client.DELETE('/api/trainings/{id}', { params: { path: { id } } });
}

export const afterTrainingsChanged = (qc: QueryClient, personId: string) =>
  qc.invalidateQueries({ queryKey: keys.trainings.person(personId) });

// ---------- imports (files: the OpenAPI document describes only their query) ----------

export type CatalogImportKind = 'programs' | 'trainings';
type ImportQuery = NonNullable<paths['/api/programs/import']['post']['parameters']['query']>;

const IMPORT_PATHS = { programs: '/api/programs', trainings: '/api/trainings' } as const;

/** Where a catalog spreadsheet is uploaded for a mode (a dry run or not; all rows or the valid ones). */
/** The catalog as the page filters it, as XLSX or CSV (`fileFormat`: `format` is the program's form). */
export function catalogExportHref(query: ProgramsQuery, fileFormat: 'xlsx' | 'csv'): string {
  return `/api/programs/export${toQuery({ ...query, fileFormat } satisfies QueryOf<'/api/programs/export'>)}`;
}

export function catalogImportUrl(kind: CatalogImportKind, opts: { dryRun: boolean; mode: 'all' | 'valid' }) {
  const query: ImportQuery = { dryRun: opts.dryRun ? 'true' : 'false', mode: opts.mode };
  return `${IMPORT_PATHS[kind]}/import${toQuery(query)}`;
}

/** The template of a catalog spreadsheet, to download. */
export function catalogTemplateUrl(kind: CatalogImportKind, format: 'xlsx' | 'csv') {
  return `${IMPORT_PATHS[kind]}/template${toQuery({ format })}`;
}
