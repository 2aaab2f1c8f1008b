import { z } from 'zod';
import { writeAudit } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../platform/errors.ts';
import { type App, type AppDeps, actorOf } from '../platform/http/types.ts';
import {
  cohortIssues,
  DIRECTION_KEYS,
  type Direction,
  PROGRAM_FORMATS,
  PROGRAM_KINDS,
  type ProgramFormat,
  type ProgramKind,
  programIssues,
} from './catalog.vocabulary.ts';
import {
  canEditProgram,
  canKeepCatalog,
  newProgramOwner,
  programOwner,
  programRefusal,
} from './programs.policy.ts';
import {
  type CohortDb,
  type CohortWrite,
  competenciesByCode,
  deleteCohort,
  findCohort,
  findProgram,
  insertCohort,
  insertProgram,
  listPrograms,
  type ProgramDb,
  type ProgramOwnerDb,
  type ProgramWrite,
  programCodeTaken,
  programCohorts,
  programCompetencies,
  setProgramCompetencies,
  updateCohort,
  updateProgram,
} from './programs.repository.ts';

const kinds = Object.keys(PROGRAM_KINDS) as [ProgramKind, ...ProgramKind[]];
const formats = Object.keys(PROGRAM_FORMATS) as [ProgramFormat, ...ProgramFormat[]];

const ZCohort = z.object({
  id: z.string(),
  programId: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  seats: z.number().nullable(),
});

const ZProgram = z.object({
  id: z.string(),
  regionId: z.string().nullable(),
  municipalityId: z.string().nullable(),
  /** Who keeps the program: the system (federal), the region (its operator) or a municipality (its methodists). */
  owner: z.object({
    level: z.enum(['system', 'region', 'municipality']),
    name: z.string().nullable(),
  }),
  code: z.string(),
  name: z.string(),
  kind: z.enum(kinds),
  kindName: z.string(),
  hours: z.number(),
  provider: z.string(),
  format: z.enum(formats),
  formatName: z.string(),
  federalRegistry: z.boolean(),
  federalRegistryNumber: z.string().nullable(),
  priorityDirections: z.array(z.string()),
  active: z.boolean(),
  competencyCodes: z.array(z.string()),
  editable: z.boolean(),
});

const ZProgramCard = ZProgram.extend({
  cohorts: z.array(ZCohort),
  competencies: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
});

const ZProgramFields = z.object({
  code: z.string().trim().min(1).max(50),
  name: z.string().trim().min(3).max(500),
  kind: z.enum(kinds),
  hours: z.number().int().positive(),
  provider: z.string().trim().min(2).max(300),
  format: z.enum(formats),
  federalRegistry: z.boolean(),
  federalRegistryNumber: z.string().trim().max(100).nullable(),
  priorityDirections: z.array(z.enum(DIRECTION_KEYS)).max(DIRECTION_KEYS.length),
  active: z.boolean(),
  competencyCodes: z.array(z.string().trim().min(1).max(50)).max(200),
});
type ProgramInput = z.infer<typeof ZProgramFields>;

const ZProgramCreate = ZProgramFields.extend({
  federalRegistry: z.boolean().default(false),
  federalRegistryNumber: z.string().trim().max(100).nullable().default(null),
  priorityDirections: z.array(z.enum(DIRECTION_KEYS)).default([]),
  active: z.boolean().default(true),
  competencyCodes: z.array(z.string().trim().min(1).max(50)).max(200).default([]),
});

const ZCohortInput = z.object({
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
  seats: z.number().int().positive().max(100_000).nullable().default(null),
});

const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export function presentProgram(actor: Actor, p: ProgramDb): z.infer<typeof ZProgram> {
  return {
    id: p.id,
    regionId: p.region_id,
    municipalityId: p.municipality_id,
    owner: programOwner(p),
    code: p.code,
    name: p.name,
    kind: p.kind,
    kindName: PROGRAM_KINDS[p.kind],
    hours: p.hours,
    provider: p.provider,
    format: p.format,
    formatName: PROGRAM_FORMATS[p.format],
    federalRegistry: p.federal_registry,
    federalRegistryNumber: p.federal_registry_number,
    priorityDirections: p.priority_directions,
    active: p.active,
    competencyCodes: p.competency_codes,
    editable: canEditProgram(actor, p),
  };
}

const presentCohort = (c: CohortDb) => ({
  id: c.id,
  programId: c.program_id,
  startsOn: c.starts_on,
  endsOn: c.ends_on,
  seats: c.seats,
});

async function programCard(db: Db, actor: Actor, id: string) {
  const p = await findProgram(db, id);
  if (!p) throw notFound('Программа не найдена.');
  return {
    ...presentProgram(actor, p),
    cohorts: (await programCohorts(db, id)).map(presentCohort),
    competencies: await programCompetencies(db, id),
  };
}

/** Competency ids for codes; an unknown or ambiguous code is a 422 naming it. */
export async function resolveCompetencies(db: Db, codes: readonly string[]): Promise<string[]> {
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

function requireEditor(actor: Actor): void {
  if (!canKeepCatalog(actor)) throw forbidden('Каталог программ ведут региональный оператор и методисты.');
}

/** 403 unless the actor keeps this program (the catalog is readable, so no 404 here). */
function requireKeeper(actor: Actor, p: ProgramOwnerDb): void {
  if (!canEditProgram(actor, p)) throw forbidden(programRefusal(programOwner(p)));
}

export function registerProgramRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/programs',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Каталог дополнительных профессиональных программ',
        querystring: z.object({
          q: z.string().trim().max(200).optional(),
          kind: z.enum(kinds).optional(),
          format: z.enum(formats).optional(),
          federalRegistry: flag,
          direction: z.enum(DIRECTION_KEYS).optional(),
          competencyCode: z.string().trim().max(50).optional(),
        }),
        response: { 200: z.object({ items: z.array(ZProgram), total: z.number() }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await listPrograms(db, request.query);
      return { items: rows.map((p) => presentProgram(actor, p)), total: rows.length };
    },
  );

  app.get(
    '/api/programs/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Программа с потоками и компетенциями',
        params: z.object({ id: z.uuid() }),
        response: { 200: ZProgramCard },
      },
    },
    async (request) => programCard(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/programs',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Добавить программу',
        body: ZProgramCreate,
        response: { 201: ZProgramCard },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireEditor(actor);
      const input = request.body;
      checkProgram(input);
      const competencyIds = await resolveCompetencies(db, input.competencyCodes);
      if (await programCodeTaken(db, input.code, null)) {
        throw conflict(`Программа с кодом «${input.code}» уже есть в каталоге.`);
      }
      const owner = newProgramOwner(actor);
      if (typeof owner === 'string') throw forbidden(`${owner}: добавить программу нельзя.`);
      const write = toWrite(input);
      const id = await db.transaction(async (tx) => {
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
      return reply.status(201).send(await programCard(db, actor, id));
    },
  );

  app.patch(
    '/api/programs/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Изменить программу',
        params: z.object({ id: z.uuid() }),
        body: ZProgramFields.partial(),
        response: { 200: ZProgramCard },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireEditor(actor);
      const before = await findProgram(db, request.params.id);
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
      const next: ProgramInput = {
        ...current,
        ...Object.fromEntries(Object.entries(request.body).filter(([, v]) => v !== undefined)),
      };
      checkProgram(next);
      const competencyIds =
        request.body.competencyCodes !== undefined
          ? await resolveCompetencies(db, next.competencyCodes)
          : null;
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
      return programCard(db, actor, before.id);
    },
  );

  app.post(
    '/api/programs/:id/cohorts',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Добавить поток программы',
        params: z.object({ id: z.uuid() }),
        body: ZCohortInput,
        response: { 201: ZCohort },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireEditor(actor);
      const program = await findProgram(db, request.params.id);
      if (!program) throw notFound('Программа не найдена.');
      requireKeeper(actor, program);
      const input: CohortWrite = request.body;
      const issues = cohortIssues(input);
      if (issues.length) throw invalid('Проверьте даты потока.', issues);
      const id = await db.transaction(async (tx) => {
        const id = await insertCohort(tx, program.id, input);
        await writeAudit(tx, {
          actor,
          action: 'create',
          entity: 'program_cohort',
          entityId: id,
          after: input,
        });
        return id;
      });
      const cohort = (await programCohorts(db, program.id)).find((c) => c.id === id)!;
      return reply.status(201).send(presentCohort(cohort));
    },
  );

  app.patch(
    '/api/cohorts/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Изменить поток',
        params: z.object({ id: z.uuid() }),
        body: z
          .object({
            startsOn: z.iso.date(),
            endsOn: z.iso.date(),
            seats: z.number().int().positive().max(100_000).nullable(),
          })
          .partial(),
        response: { 200: ZCohort },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireEditor(actor);
      const before = await findCohort(db, request.params.id);
      if (!before) throw notFound('Поток не найден.');
      requireKeeper(actor, before);
      const current: CohortWrite = {
        startsOn: before.starts_on,
        endsOn: before.ends_on,
        seats: before.seats,
      };
      const next: CohortWrite = {
        ...current,
        ...Object.fromEntries(Object.entries(request.body).filter(([, v]) => v !== undefined)),
      };
      const issues = cohortIssues(next);
      if (issues.length) throw invalid('Проверьте даты потока.', issues);
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
    },
  );

  app.delete(
    '/api/cohorts/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Удалить поток',
        params: z.object({ id: z.uuid() }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireEditor(actor);
      const before = await findCohort(db, request.params.id);
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
      return reply.status(204).send();
    },
  );
}
