import { writeAudit } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../platform/errors.ts';
import { exportTitle } from '../platform/files/export-title.ts';
import { writeTable } from '../platform/files/write-table.ts';
import { today } from '../platform/time/today.ts';
import { can, newProgramOwner, programOwner, programRefusal } from './catalog.policy.ts';
import { cohortIssues, DIRECTIONS, type Direction, programIssues } from './catalog.vocabulary.ts';
import { presentCohort, presentProgram, presentProgramCard } from './programs.presenter.ts';
import {
  type CohortWrite,
  competenciesByCode,
  deleteCohort,
  findCohort,
  findProgram,
  insertCohort,
  insertProgram,
  listPrograms,
  type ProgramFilters,
  type ProgramOwnerDb,
  type ProgramWrite,
  programCodeTaken,
  programCohorts,
  programCompetencies,
  setProgramCompetencies,
  updateCohort,
  updateProgram,
} from './programs.repository.ts';
import type { Cohort, Program, ProgramCard, ProgramInput } from './programs.schemas.ts';

type Deps = { db: Db };

/** Competency ids for codes; an unknown or ambiguous code is a 422 naming it. */
async function resolveCompetencies(db: Db, codes: readonly string[]): Promise<string[]> {
  const found = await competenciesByCode(db, codes);
  const issues = [];
  const ids: string[] = [];
  for (const code of codes) {
    const list = found.get(code) ?? [];
    if (list.length === 0)
      issues.push({ path: 'competencyCodes', message: `Нет компетенции с кодом «${code}»` });
    else if (list.length > 1)
      issues.push({
        path: 'competencyCodes',
        message: `Код компетенции «${code}» есть в нескольких картах компетенций`,
      });
    else ids.push(list[0]!);
  }
  if (issues.length) throw invalid('Проверьте компетенции программы.', issues);
  return ids;
}

function toWrite(p: ProgramInput): ProgramWrite {
  return {
    code: p.code,
    name: p.name,
    kind: p.kind,
    hours: p.hours,
    provider: p.provider,
    format: p.format,
    federalRegistry: p.federalRegistry,
    federalRegistryNumber: p.federalRegistry ? p.federalRegistryNumber || null : null,
    priorityDirections: [...new Set(p.priorityDirections)] as Direction[],
    active: p.active,
  };
}

function checkProgram(p: ProgramInput): void {
  const issues = programIssues(p);
  if (issues.length) throw invalid('Проверьте сведения о программе.', issues);
}

function checkCohort(c: CohortWrite): void {
  const issues = cohortIssues(c);
  if (issues.length) throw invalid('Проверьте даты потока.', issues);
}

/** The fields given in a partial body laid over the current ones (an absent field keeps its value). */
function overlay<T extends object>(current: T, patch: Partial<T>): T {
  return { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
}

/** 403 unless the actor keeps some part of the catalog. */
function requireCatalogKeeper(actor: Actor): void {
  if (!can(actor, 'create', 'program'))
    throw forbidden('Каталог программ ведут региональный оператор и методисты.');
}

/** 403 unless the actor keeps this program (the catalog is readable, so no 404 here). */
function requireKeeper(actor: Actor, p: ProgramOwnerDb): void {
  if (!can(actor, 'update', { program: p })) throw forbidden(programRefusal(programOwner(p)));
}

export async function listCatalog(
  { db }: Deps,
  actor: Actor,
  filters: ProgramFilters,
): Promise<{ items: Program[]; total: number }> {
  const rows = await listPrograms(db, filters);
  return { items: rows.map((p) => presentProgram(actor, p)), total: rows.length };
}

const OWNER_LEVELS = {
  system: 'федеральная',
  region: 'региональная',
  municipality: 'муниципальная',
} as const;

/** The catalog as the page lists it, with the same filters, as XLSX or CSV. */
export async function exportCatalog(
  { db }: Deps,
  actor: Actor,
  filters: ProgramFilters,
  fileFormat: 'xlsx' | 'csv',
) {
  const { items } = await listCatalog({ db }, actor, filters);
  const table = await writeTable({
    format: fileFormat,
    sheetName: 'Каталог программ',
    titleBlock: await exportTitle(db, actor, {
      title: 'Каталог дополнительных профессиональных программ',
      territory: null,
      asOf: today(),
    }),
    columns: [
      { key: 'code', header: 'Код', type: 'text', width: 14 },
      { key: 'name', header: 'Программа', width: 50 },
      { key: 'kind', header: 'Вид', width: 22 },
      { key: 'hours', header: 'Часов', format: 'integer', width: 8 },
      { key: 'provider', header: 'Организатор', width: 30 },
      { key: 'format', header: 'Форма', width: 16 },
      { key: 'registry', header: 'Федеральный реестр', width: 12 },
      { key: 'registryNumber', header: 'Номер в реестре', type: 'text', width: 14 },
      { key: 'directions', header: 'Приоритетные направления', width: 36 },
      { key: 'competencies', header: 'Компетенции', width: 20 },
      { key: 'owner', header: 'Уровень каталога', width: 14 },
      { key: 'ownerName', header: 'Ведёт', width: 28 },
      { key: 'active', header: 'Действует', width: 10 },
    ],
    rows: items.map((p) => ({
      code: p.code,
      name: p.name,
      kind: p.kindName,
      hours: p.hours,
      provider: p.provider,
      format: p.formatName,
      registry: p.federalRegistry,
      registryNumber: p.federalRegistryNumber ?? '',
      directions: p.priorityDirections.map((d) => DIRECTIONS[d as Direction] ?? d),
      competencies: p.competencyCodes,
      owner: OWNER_LEVELS[p.owner.level],
      ownerName: p.owner.name ?? '',
      active: p.active,
    })),
  });
  await writeAudit(db, {
    actor,
    action: 'export',
    entity: 'programs',
    details: { ...filters, fileFormat, rows: items.length },
  });
  return {
    fileName: `katalog-programm-${today()}.${table.extension}`,
    contentType: table.contentType,
    data: table.data,
  };
}

export async function getProgramCard({ db }: Deps, actor: Actor, id: string): Promise<ProgramCard> {
  const p = await findProgram(db, id);
  if (!p) throw notFound('Программа не найдена.');
  return presentProgramCard(actor, p, await programCohorts(db, id), await programCompetencies(db, id));
}

/** Adds a program kept at the actor's level; returns its id. */
export async function createProgram({ db }: Deps, actor: Actor, input: ProgramInput): Promise<string> {
  requireCatalogKeeper(actor);
  checkProgram(input);
  const competencyIds = await resolveCompetencies(db, input.competencyCodes);
  if (await programCodeTaken(db, input.code, null)) {
    throw conflict(`Программа с кодом «${input.code}» уже есть в каталоге.`);
  }
  const owner = newProgramOwner(actor);
  if (typeof owner === 'string') throw forbidden(`${owner}: добавить программу нельзя.`);
  const write = toWrite(input);
  return db.transaction(async (tx) => {
    const id = await insertProgram(tx, owner, write);
    await setProgramCompetencies(tx, id, competencyIds);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'program',
      entityId: id,
      after: { ...write, competencyCodes: input.competencyCodes, ...owner },
    });
    return id;
  });
}

export async function editProgram(
  { db }: Deps,
  actor: Actor,
  id: string,
  patch: Partial<ProgramInput>,
): Promise<void> {
  requireCatalogKeeper(actor);
  const before = await findProgram(db, id);
  if (!before) throw notFound('Программа не найдена.');
  requireKeeper(actor, before);
  const current: ProgramInput = {
    code: before.code,
    name: before.name,
    kind: before.kind,
    hours: before.hours,
    provider: before.provider,
    format: before.format,
    federalRegistry: before.federal_registry,
    federalRegistryNumber: before.federal_registry_number,
    priorityDirections: before.priority_directions,
    active: before.active,
    competencyCodes: before.competency_codes,
  };
  const next = overlay(current, patch);
  checkProgram(next);
  const competencyIds =
    patch.competencyCodes !== undefined ? await resolveCompetencies(db, next.competencyCodes) : null;
  if (next.code !== current.code && (await programCodeTaken(db, next.code, before.id))) {
    throw conflict(`Программа с кодом «${next.code}» уже есть в каталоге.`);
  }
  await db.transaction(async (tx) => {
    await updateProgram(tx, before.id, toWrite(next));
    if (competencyIds) await setProgramCompetencies(tx, before.id, competencyIds);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'program',
      entityId: before.id,
      before: current,
      after: next,
    });
  });
}

export async function addCohort(
  { db }: Deps,
  actor: Actor,
  programId: string,
  input: CohortWrite,
): Promise<Cohort> {
  requireCatalogKeeper(actor);
  const program = await findProgram(db, programId);
  if (!program) throw notFound('Программа не найдена.');
  requireKeeper(actor, program);
  checkCohort(input);
  const id = await db.transaction(async (tx) => {
    const id = await insertCohort(tx, program.id, input);
    await writeAudit(tx, { actor, action: 'create', entity: 'program_cohort', entityId: id, after: input });
    return id;
  });
  const cohort = (await programCohorts(db, program.id)).find((c) => c.id === id)!;
  return presentCohort(cohort);
}

export async function editCohort(
  { db }: Deps,
  actor: Actor,
  id: string,
  patch: Partial<CohortWrite>,
): Promise<Cohort> {
  requireCatalogKeeper(actor);
  const before = await findCohort(db, id);
  if (!before) throw notFound('Поток не найден.');
  requireKeeper(actor, before);
  const current: CohortWrite = { startsOn: before.starts_on, endsOn: before.ends_on, seats: before.seats };
  const next = overlay(current, patch);
  checkCohort(next);
  await db.transaction(async (tx) => {
    await updateCohort(tx, before.id, next);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'program_cohort',
      entityId: before.id,
      before: current,
      after: next,
    });
  });
  return presentCohort({ ...before, starts_on: next.startsOn, ends_on: next.endsOn, seats: next.seats });
}

export async function removeCohort({ db }: Deps, actor: Actor, id: string): Promise<void> {
  requireCatalogKeeper(actor);
  const before = await findCohort(db, id);
  if (!before) throw notFound('Поток не найден.');
  requireKeeper(actor, before);
  await db.transaction(async (tx) => {
    await deleteCohort(tx, before.id);
    await writeAudit(tx, {
      actor,
      action: 'delete',
      entity: 'program_cohort',
      entityId: before.id,
      before: presentCohort(before),
    });
  });
}
