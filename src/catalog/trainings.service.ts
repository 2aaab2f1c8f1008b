import { writeAudit } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../platform/errors.ts';
import { can } from './catalog.policy.ts';
import { hoursProblem } from './catalog.vocabulary.ts';
import { presentTraining } from './trainings.presenter.ts';
import {
  deleteTraining,
  findTraining,
  insertTraining,
  listTrainings,
  personAccess,
  programsByCodeOrName,
  type TrainingWrite,
} from './trainings.repository.ts';
import type { Training, TrainingInput } from './trainings.schemas.ts';

type Deps = { db: Db };

const NOT_RECORDER = 'Сведения об обучении вносят те, кто ведёт реестр.';

/** The person as the actor sees them (404 when not visible); writable for those who record trainings. */
async function visiblePerson(db: Db, actor: Actor, personId: string) {
  const access = await personAccess(db, actor, personId, can(actor, 'record', 'trainings'));
  if (!access) throw notFound('Сотрудник не найден или недоступен.');
  return access;
}

/** A person's trainings; the read is logged (a personal record). */
export async function listPersonTrainings(
  { db }: Deps,
  actor: Actor,
  personId: string,
): Promise<{ items: Training[]; total: number }> {
  await visiblePerson(db, actor, personId);
  const rows = await listTrainings(db, personId);
  await writeAudit(db, { actor, action: 'read', entity: 'trainings', entityId: personId, personId });
  return { items: rows.map(presentTraining), total: rows.length };
}

/** Adds a training document; a catalog program named by code or exact name is linked. */
export async function addTraining(
  { db }: Deps,
  actor: Actor,
  personId: string,
  input: TrainingInput,
): Promise<Training> {
  const access = await visiblePerson(db, actor, personId);
  if (!access.writable) throw forbidden(NOT_RECORDER);
  const program = (await programsByCodeOrName(db, [input.program])).get(input.program);
  const problem = hoursProblem(input.document === 'diploma' ? 'retraining' : 'upgrade', input.hours);
  if (problem) throw invalid('Проверьте сведения о документе.', [{ path: 'hours', message: problem }]);
  const write: TrainingWrite = {
    programId: program?.id ?? null,
    programName: program?.name ?? input.program,
    provider: input.provider ?? program?.provider ?? null,
    document: input.document,
    documentNumber: input.documentNumber,
    issuedOn: input.issuedOn,
    hours: input.hours,
  };
  const id = await db.transaction(async (tx) => {
    const id = await insertTraining(tx, personId, write);
    if (!id) throw conflict(`У сотрудника уже есть документ с номером «${input.documentNumber}».`);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'training',
      entityId: id,
      personId,
      after: write,
    });
    return id;
  });
  return presentTraining((await findTraining(db, id))!);
}

export async function removeTraining({ db }: Deps, actor: Actor, id: string): Promise<void> {
  const training = await findTraining(db, id);
  const access = training
    ? await personAccess(db, actor, training.person_id, can(actor, 'record', 'trainings'))
    : null;
  if (!training || !access) throw notFound('Документ не найден или недоступен.');
  if (!access.writable) throw forbidden(NOT_RECORDER);
  await db.transaction(async (tx) => {
    await deleteTraining(tx, training.id);
    await writeAudit(tx, {
      actor,
      action: 'delete',
      entity: 'training',
      entityId: training.id,
      personId: training.person_id,
      before: presentTraining(training),
    });
  });
}
