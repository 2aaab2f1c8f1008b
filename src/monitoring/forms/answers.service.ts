import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { authorize, can } from '../monitoring.policy.ts';
import { EDITABLE, presentSubmission, presentSubmissionHead } from './answers.presenter.ts';
import {
  findSubmission,
  findVisibleSubmission,
  listOwnSubmissions,
  markReviewed,
  markSubmitted,
  type SubmissionDb,
  saveDraft,
} from './answers.repository.ts';
import { checkSubmission, type FormField, type FormValues, normalizeValues } from './form-fields.ts';
import { iso } from './forms.presenter.ts';

/**
 * Answers (issue 4, item 4): each organization's head fills and submits their own answer, drafts
 * carry a version so two tabs cannot overwrite each other; the methodist accepts an answer or
 * returns it with a comment. Accepted answers feed manual measures (measures/manual.ts).
 * A submission outside the caller's scope is «not found».
 */

async function findVisible(db: Db, actor: Actor, id: string): Promise<SubmissionDb> {
  const r = await findVisibleSubmission(db, actor, id);
  if (!r) throw notFound('Ответ на форму не найден или недоступен.');
  return r;
}

export async function mySubmissions(db: Db, actor: Actor) {
  authorize(can(actor, 'fill', 'submissions'));
  const rows = await listOwnSubmissions(db, actor);
  return rows.map((r) => presentSubmissionHead(actor, r));
}

export async function getSubmission(db: Db, actor: Actor, id: string) {
  authorize(can(actor, 'read', 'submissions'));
  return presentSubmission(actor, await findVisible(db, actor, id));
}

/** Keeps only the form's own fields, so a stale or hostile client cannot store extra keys. */
function ownValues(fields: FormField[], values: FormValues): FormValues {
  const out: FormValues = {};
  for (const f of fields) if (values[f.code] !== undefined) out[f.code] = values[f.code]!;
  return out;
}

async function fillable(db: Db, actor: Actor, id: string): Promise<SubmissionDb> {
  authorize(can(actor, 'read', 'submissions'));
  const s = await findVisible(db, actor, id);
  authorize(can(actor, 'fill', 'submissions'), 'Форму заполняет руководитель организации.');
  if (!EDITABLE.includes(s.status))
    throw conflict(
      s.status === 'accepted' ? 'Ответ уже принят, изменить его нельзя.' : 'Ответ уже отправлен на проверку.',
    );
  return s;
}

/** 409 for a save based on an older version: carries what is stored now, so nothing typed is lost. */
function staleSave(current: SubmissionDb) {
  return conflict('Ответ изменили, пока вы его заполняли: сверьте значения и сохраните снова.', {
    current: {
      values: current.values,
      version: current.version,
      status: current.status,
      savedAt: iso(current.saved_at),
      savedBy: current.saved_by_name,
    },
  });
}

/**
 * Saves a draft. `version` is the one the client's values were based on: if someone saved in
 * between, 409 carries the current values and version so the client can merge, nothing lost.
 */
export async function saveSubmission(db: Db, actor: Actor, id: string, values: FormValues, version: number) {
  const s = await fillable(db, actor, id);
  const clean = ownValues(s.fields, values);
  return db.transaction(async (tx) => {
    if (!(await saveDraft(tx, id, clean, version, actor.userId)))
      throw staleSave((await findSubmission(tx, id))!);
    await writeAudit(tx, {
      actor,
      action: 'save',
      entity: 'form_submissions',
      entityId: id,
      before: s.values,
      after: clean,
    });
    return getSubmission(tx, actor, id);
  });
}

/**
 * Submits the answer. With `draft` the values on screen are checked and submitted in one step
 * (nothing is written when a field fails, so the client's version stays current); without it,
 * the stored draft is.
 */
export async function submitSubmission(
  db: Db,
  actor: Actor,
  id: string,
  draft?: { values: FormValues; version: number },
) {
  const s = await fillable(db, actor, id);
  if (draft && draft.version !== s.version) throw staleSave(s);
  const source = draft ? ownValues(s.fields, draft.values) : s.values;
  const issues = checkSubmission(s.fields, source);
  if (issues.length) throw invalid('Форма заполнена не полностью или с ошибками.', issues);
  const values = normalizeValues(s.fields, source);
  return db.transaction(async (tx) => {
    if (!(await markSubmitted(tx, id, values, s.version, actor.userId)))
      throw staleSave((await findSubmission(tx, id))!);
    await writeAudit(tx, {
      actor,
      action: 'submit',
      entity: 'form_submissions',
      entityId: id,
      before: s.values,
      after: values,
    });
    return getSubmission(tx, actor, id);
  });
}

async function review(db: Db, actor: Actor, id: string, to: 'accepted' | 'returned', comment: string | null) {
  authorize(can(actor, 'read', 'submissions'));
  const s = await findVisible(db, actor, id);
  authorize(can(actor, 'manage', 'forms'), 'Принимает и возвращает ответы методист.');
  if (s.status !== 'submitted')
    throw conflict(
      s.status === 'accepted' ? 'Ответ уже принят.' : 'Проверить можно только отправленный ответ.',
    );
  return db.transaction(async (tx) => {
    if (!(await markReviewed(tx, id, to, comment, actor.userId))) throw conflict('Ответ уже проверен.');
    await writeAudit(tx, {
      actor,
      action: to === 'accepted' ? 'accept' : 'return',
      entity: 'form_submissions',
      entityId: id,
      details: { comment },
    });
    return getSubmission(tx, actor, id);
  });
}

export const acceptSubmission = (db: Db, actor: Actor, id: string) => review(db, actor, id, 'accepted', null);
export const returnSubmission = (db: Db, actor: Actor, id: string, comment: string) =>
  review(db, actor, id, 'returned', comment);
