import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { emit } from '../../platform/events/events.ts';
import { today } from '../../platform/time/today.ts';
import { refreshHeatCells } from '../deficits/heat-cells.repository.ts';
import type { InstrumentContent, InstrumentKind } from '../instruments/content.ts';
import {
  type Answer,
  type Answers,
  scoreBurnout,
  scoreScales,
  scoreSelfAssessment,
  scoreTest,
} from '../instruments/scoring.ts';
import { presentMyCampaign, presentSheet } from './taking.presenter.ts';
import {
  type AttemptDb,
  findAttempt,
  findSitting,
  insertAttempt,
  insertPlatformResults,
  markSubmitted,
  myCampaigns,
  previousContent,
  storeAnswer,
} from './taking.repository.ts';

/**
 * A teacher taking the instruments of the campaigns they were invited to. The teacher is
 * `actor.personId`; the window (status open, opens_at ≤ now < closes_at) is checked by the database clock.
 */

function me(actor: Actor): string {
  if (!actor.personId) throw forbidden('Раздел доступен педагогам, связанным с записью в реестре.');
  return actor.personId;
}

export async function myAssessments(db: Db, actor: Actor) {
  return (await myCampaigns(db, me(actor))).map(presentMyCampaign);
}

interface Sitting {
  personId: string;
  organizationId: string | null;
  inWindow: boolean;
  beforeOpen: boolean;
  campaignStatus: 'draft' | 'open' | 'closed';
  instrument: {
    id: string;
    name: string;
    kind: InstrumentKind;
    version: number;
    frameworkId: string | null;
    content: InstrumentContent;
  };
}

/** The campaign and instrument as the participant sees them; 404 when not a participant. */
async function sitting(db: Db, actor: Actor, campaignId: string, instrumentId: string): Promise<Sitting> {
  const personId = me(actor);
  const r = await findSitting(db, campaignId, instrumentId, personId);
  if (!r) throw notFound('Диагностика не найдена.');
  return {
    personId,
    organizationId: r.organization_id,
    inWindow: r.in_window,
    beforeOpen: r.before_open,
    campaignStatus: r.status,
    instrument: {
      id: r.id,
      name: r.name,
      kind: r.kind,
      version: r.version,
      frameworkId: r.framework_id,
      content: r.content,
    },
  };
}

function requireWindow(s: Sitting): void {
  if (s.inWindow) return;
  if (s.campaignStatus === 'closed')
    throw conflict('Кампания диагностики завершена: ответы больше не принимаются.');
  if (s.campaignStatus !== 'open') throw conflict('Кампания диагностики ещё не открыта.');
  if (s.beforeOpen) throw conflict('Диагностика ещё не началась: дождитесь даты начала.');
  throw conflict('Срок прохождения диагностики истёк: ответы больше не принимаются.');
}

/** The existing attempt, or a new one when the window is open. */
async function ensureAttempt(db: Db, s: Sitting, campaignId: string): Promise<AttemptDb> {
  const existing = await findAttempt(db, campaignId, s.instrument.id, s.personId);
  if (existing) return existing;
  requireWindow(s);
  await insertAttempt(db, {
    campaignId,
    instrumentId: s.instrument.id,
    version: s.instrument.version,
    personId: s.personId,
  });
  const created = await findAttempt(db, campaignId, s.instrument.id, s.personId);
  if (!created) throw conflict('Не удалось начать диагностику, повторите попытку.');
  return created;
}

/**
 * The content of the version the attempt pinned: the current one, or — when the instrument was
 * edited since — the previous content its audit entry keeps.
 */
async function pinnedContent(db: Db, s: Sitting, a: AttemptDb): Promise<InstrumentContent> {
  if (a.instrument_version === s.instrument.version) return s.instrument.content;
  const old = await previousContent(db, s.instrument.id, a.instrument_version);
  if (!old) throw conflict('Методика изменилась после начала прохождения; обратитесь к организатору.');
  return old;
}

async function sheet(db: Db, s: Sitting, a: AttemptDb) {
  return presentSheet(s.instrument, await pinnedContent(db, s, a), a, s.inWindow);
}

/** The instrument without keys and my saved answers; starts the attempt. */
export async function openMyAssessment(db: Db, actor: Actor, campaignId: string, instrumentId: string) {
  const s = await sitting(db, actor, campaignId, instrumentId);
  return sheet(db, s, await ensureAttempt(db, s, campaignId));
}

/** Checks one answer against its item; returns the value to store. */
function checkAnswer(content: InstrumentContent, itemId: string, value: Answer): Answer {
  const item = content.items.find((i) => i.id === itemId);
  if (!item) throw notFound('Такого вопроса нет в методике.');
  const bad = (message: string) => invalid(message, [{ path: 'value', message }]);
  if (item.kind === 'scale') {
    const scale = item.scale;
    if (typeof value !== 'number' || !Number.isInteger(value) || !scale)
      throw bad('Ответ на этот вопрос — число на шкале.');
    if (value < scale.min || value > scale.max)
      throw bad(`Ответ должен быть от ${scale.min} до ${scale.max}.`);
    return value;
  }
  const ids = new Set((item.options ?? []).map((o) => o.id));
  const picked = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
  if (!picked) throw bad('Выберите вариант ответа.');
  if (picked.some((id) => !ids.has(id))) throw bad('Такого варианта ответа нет.');
  if (new Set(picked).size !== picked.length) throw bad('Варианты ответа повторяются.');
  if (item.kind === 'single') {
    if (picked.length !== 1) throw bad('В этом вопросе выбирается один вариант ответа.');
    return picked[0]!;
  }
  if (picked.length === 0) throw bad('Выберите хотя бы один вариант ответа.');
  return picked;
}

export async function saveMyAnswer(
  db: Db,
  actor: Actor,
  campaignId: string,
  instrumentId: string,
  itemId: string,
  value: Answer,
) {
  const s = await sitting(db, actor, campaignId, instrumentId);
  const a = await ensureAttempt(db, s, campaignId);
  if (a.status === 'submitted') throw conflict('Ответы уже отправлены, изменить их нельзя.');
  requireWindow(s);
  const stored = checkAnswer(await pinnedContent(db, s, a), itemId, value);
  if (!(await storeAnswer(db, a.id, itemId, stored)))
    throw conflict('Ответы уже отправлены, изменить их нельзя.');
  return { itemId, value: stored };
}

/** Scores one attempt by its instrument's kind: percent per competency code, and scale JSON. */
function score(kind: InstrumentKind, content: InstrumentContent, answers: Answers) {
  if (kind === 'test') {
    const byCode = scoreTest(content, answers);
    return {
      percents: Object.fromEntries(Object.entries(byCode).map(([k, v]) => [k, v.percent])),
      scales: null,
    };
  }
  if (kind === 'self_assessment') {
    const percents = scoreSelfAssessment(content, answers);
    return { percents, scales: { competencies: percents, scales: scoreScales(content, answers) } };
  }
  return { percents: {} as Record<string, number>, scales: scoreBurnout(content, answers) };
}

/** The one final submission: scores the attempt and writes competency results. */
export async function submitMyAssessment(db: Db, actor: Actor, campaignId: string, instrumentId: string) {
  const s = await sitting(db, actor, campaignId, instrumentId);
  const first = await findAttempt(db, campaignId, instrumentId, s.personId);
  if (first?.status === 'submitted') throw conflict('Ответы уже отправлены: повторная отправка невозможна.');
  requireWindow(s);
  await ensureAttempt(db, s, campaignId);
  const submitted = await db.transaction(async (tx) => {
    const a = await findAttempt(tx, campaignId, instrumentId, s.personId, true);
    if (!a) throw conflict('Не удалось найти попытку, повторите.');
    if (a.status === 'submitted') throw conflict('Ответы уже отправлены: повторная отправка невозможна.');
    const content = await pinnedContent(tx, s, a);
    const { percents, scales } = score(s.instrument.kind, content, a.answers);
    await markSubmitted(tx, a.id, scales);
    const rows = Object.entries(percents).map(([code, percent]) => ({ code, percent }));
    let written = 0;
    if (rows.length && s.instrument.frameworkId) {
      written = await insertPlatformResults(tx, {
        personId: s.personId,
        campaignId,
        attemptId: a.id,
        organizationId: s.organizationId,
        frameworkId: s.instrument.frameworkId,
        assessedOn: today(),
        rows,
      });
      // The heatmap's aggregates of the person's organizations, in this transaction.
      await refreshHeatCells(
        tx,
        s.instrument.frameworkId,
        sql`SELECT organization_id FROM employments WHERE person_id = ${s.personId} AND end_date IS NULL`,
      );
    }
    await writeAudit(tx, {
      actor,
      action: 'submit',
      entity: 'assessment_attempt',
      entityId: a.id,
      personId: s.personId,
      after: { campaignId, instrumentId, version: a.instrument_version, results: written },
    });
    return { attemptId: a.id, status: 'submitted' as const, results: percents, scales };
  });
  // After the commit: other contexts react (a high burnout risk opens a support plan).
  await emit(
    'assessment.attempt-submitted',
    { attemptId: submitted.attemptId, personId: s.personId, instrumentKind: s.instrument.kind },
    { db, actor },
  );
  return submitted;
}
