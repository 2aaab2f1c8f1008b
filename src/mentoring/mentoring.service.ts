import { writeAudit } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../platform/errors.ts';
import { today as todayInZone } from '../platform/time/today.ts';
import { canManageProgram, newProgramOrganization } from './mentoring.policy.ts';
import { presentMentor, presentProgram } from './mentoring.presenter.ts';
import {
  findMentor,
  findProgram,
  insertMentor,
  insertProgram,
  listMentors,
  listPrograms,
  lockMentor,
  organizationExists,
  type ProgramDb,
  type ProgramWrite,
  updateMentorCapacity,
  updateProgram,
  visiblePerson,
} from './mentoring.repository.ts';
import type { ProgramInput } from './mentoring.schemas.ts';
import { MENTORING_FORMS } from './mentoring.vocabulary.ts';

/** Programs of mentoring and their mentors. `today` is the municipality's date; tests pass a fixed one. */
export type Deps = { db: Db; today?: () => string };
export const dayOf = (deps: Deps) => (deps.today ?? todayInZone)();

// ---- programs ----

export async function visibleProgram(db: Db, actor: Actor, id: string): Promise<ProgramDb> {
  const p = await findProgram(db, actor, id);
  if (!p) throw notFound('Программа наставничества не найдена.');
  return p;
}

export function requireManager(actor: Actor, p: ProgramDb): void {
  if (!canManageProgram(actor, p)) throw forbidden('Наставничество в организации ведёт её руководитель.');
}

function programWrite(input: ProgramInput): ProgramWrite {
  const w = {
    name: input.name,
    forms: [...new Set(input.forms)],
    startsOn: input.startsOn,
    endsOn: input.endsOn ?? null,
    orderNumber: input.orderNumber || null,
    orderDate: input.orderDate ?? null,
    orderUrl: input.orderUrl ?? null,
  };
  if (w.endsOn && w.endsOn < w.startsOn)
    throw invalid('Окончание программы раньше её начала.', [
      { path: 'endsOn', message: 'Дата окончания не раньше даты начала' },
    ]);
  return w;
}

export async function listProgramsFor(
  { db }: Deps,
  actor: Actor,
  q: { organizationId?: string | undefined },
) {
  const rows = await listPrograms(db, actor, q);
  return {
    items: rows.map((p) => presentProgram(actor, p)),
    canCreate: typeof newProgramOrganization(actor) !== 'string',
  };
}

export async function getProgramCard({ db }: Deps, actor: Actor, id: string) {
  const p = await visibleProgram(db, actor, id);
  const mentors = await listMentors(db, p.id);
  return { ...presentProgram(actor, p), mentors: mentors.map(presentMentor) };
}

export async function createProgram(
  { db }: Deps,
  actor: Actor,
  input: ProgramInput & { organizationId?: string | undefined },
): Promise<string> {
  const where = newProgramOrganization(actor);
  if (typeof where === 'string') throw forbidden(where);
  const organizationId = where.organizationId ?? input.organizationId ?? null;
  if (!organizationId)
    throw invalid('Укажите организацию программы.', [
      { path: 'organizationId', message: 'Укажите организацию' },
    ]);
  const w = programWrite(input);
  return db.transaction(async (tx) => {
    if (!(await organizationExists(tx, organizationId)))
      throw invalid('Организация не найдена.', [
        { path: 'organizationId', message: 'Нет такой организации' },
      ]);
    const id = await insertProgram(tx, organizationId, w);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'mentoring_program',
      entityId: id,
      after: { organizationId, ...w, forms: w.forms.map((f) => MENTORING_FORMS[f]) },
    });
    return id;
  });
}

export async function editProgram({ db }: Deps, actor: Actor, id: string, input: ProgramInput) {
  const p = await visibleProgram(db, actor, id);
  requireManager(actor, p);
  const w = programWrite(input);
  await db.transaction(async (tx) => {
    await updateProgram(tx, id, w);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'mentoring_program',
      entityId: id,
      before: {
        name: p.name,
        forms: p.forms.map((f) => MENTORING_FORMS[f]),
        startsOn: p.starts_on,
        endsOn: p.ends_on,
        orderNumber: p.order_number,
        orderDate: p.order_date,
        orderUrl: p.order_url,
      },
      after: { ...w, forms: w.forms.map((f) => MENTORING_FORMS[f]) },
    });
  });
}

// ---- mentors ----

export async function appointMentor(
  { db }: Deps,
  actor: Actor,
  programId: string,
  input: { personId: string; capacity: number },
): Promise<string> {
  const p = await visibleProgram(db, actor, programId);
  requireManager(actor, p);
  const person = await visiblePerson(db, actor, input.personId);
  if (!person)
    throw invalid('Педагог не найден среди сотрудников, которых вы видите.', [
      { path: 'personId', message: 'Выберите сотрудника организации' },
    ]);
  return db.transaction(async (tx) => {
    const id = await insertMentor(tx, programId, person.id, input.capacity);
    if (!id) throw conflict(`${person.name} уже наставник этой программы.`);
    await writeAudit(tx, {
      actor,
      action: 'assign',
      entity: 'mentoring_mentor',
      entityId: id,
      personId: person.id,
      after: { programId, personId: person.id, capacity: input.capacity },
    });
    return id;
  });
}

export async function changeMentorCapacity({ db }: Deps, actor: Actor, mentorId: string, capacity: number) {
  const m = await findMentor(db, mentorId);
  const p = m ? await findProgram(db, actor, m.program_id) : null;
  if (!m || !p) throw notFound('Наставник не найден.');
  requireManager(actor, p);
  await db.transaction(async (tx) => {
    await lockMentor(tx, mentorId);
    const now = (await findMentor(tx, mentorId))!;
    if (capacity < now.load)
      throw invalid(`У наставника ${now.load} наставляемых: число мест не может быть меньше.`, [
        { path: 'capacity', message: `Не меньше ${now.load}` },
      ]);
    await updateMentorCapacity(tx, mentorId, capacity);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'mentoring_mentor',
      entityId: mentorId,
      personId: m.person_id,
      before: { capacity: m.capacity },
      after: { capacity },
    });
  });
  return presentMentor((await findMentor(db, mentorId))!);
}
