import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { type InstrumentContent, type InstrumentKind, withoutKeys } from '../instruments/content.ts';
import {
  type Answer,
  type Answers,
  scoreBurnout,
  scoreScales,
  scoreSelfAssessment,
  scoreTest,
} from '../instruments/scoring.ts';

/**
 * A teacher taking the instruments of the campaigns they were invited to. The teacher is
 * `actor.personId`; the window (status open, opens_at ≤ now < closes_at) is checked by the database clock.
 */

function me(actor: Actor): string {
  if (!actor.personId) throw forbidden('Раздел доступен педагогам, связанным с записью в реестре.');
  return actor.personId;
}

type AttemptStatus = 'not_started' | 'started' | 'submitted';

export async function myAssessments(db: Db, actor: Actor) {
  const personId = me(actor);
  const rows = await db.query<{
    campaign_id: string;
    campaign_name: string;
    status: 'draft' | 'open' | 'closed';
    opens_at: string;
    closes_at: string;
    in_window: boolean;
    instruments: {
      id: string;
      name: string;
      kind: string;
      status: AttemptStatus;
      submittedAt: string | null;
    }[];
  }>(sql`
    SELECT c.id AS campaign_id, c.name AS campaign_name, c.status, c.opens_at, c.closes_at,
           (c.status = 'open' AND now() >= c.opens_at AND now() < c.closes_at) AS in_window,
           COALESCE((SELECT jsonb_agg(jsonb_build_object('id', i.id, 'name', i.name, 'kind', i.kind,
                                      'status', COALESCE(at.status::text, 'not_started'),
                                      'submittedAt', at.submitted_at) ORDER BY ci.position)
                     FROM campaign_instruments ci JOIN instruments i ON i.id = ci.instrument_id
                     LEFT JOIN assessment_attempts at ON at.campaign_id = c.id AND at.instrument_id = i.id
                                                      AND at.person_id = ${personId}
                     WHERE ci.campaign_id = c.id), '[]'::jsonb) AS instruments
    FROM campaign_participants cp JOIN assessment_campaigns c ON c.id = cp.campaign_id
    WHERE cp.person_id = ${personId}
    ORDER BY c.opens_at DESC, c.id`);
  return rows.map((r) => ({
    campaignId: r.campaign_id,
    name: r.campaign_name,
    status: r.status,
    opensAt: new Date(r.opens_at).toISOString(),
    closesAt: new Date(r.closes_at).toISOString(),
    inWindow: r.in_window,
    instruments: r.instruments.map((i) => ({
      ...i,
      submittedAt: i.submittedAt ? new Date(i.submittedAt).toISOString() : null,
    })),
  }));
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
  const [r] = await db.query<{
    organization_id: string | null;
    in_window: boolean;
    before_open: boolean;
    status: 'draft' | 'open' | 'closed';
    id: string;
    name: string;
    kind: InstrumentKind;
    version: number;
    framework_id: string | null;
    content: InstrumentContent;
  }>(sql`
    SELECT cp.organization_id, (c.status = 'open' AND now() >= c.opens_at AND now() < c.closes_at) AS in_window,
           now() < c.opens_at AS before_open, c.status,
           i.id, i.name, i.kind, i.version, i.framework_id, i.content
    FROM campaign_participants cp
    JOIN assessment_campaigns c ON c.id = cp.campaign_id
    JOIN campaign_instruments ci ON ci.campaign_id = c.id AND ci.instrument_id = ${instrumentId}
    JOIN instruments i ON i.id = ci.instrument_id
    WHERE cp.campaign_id = ${campaignId} AND cp.person_id = ${personId}`);
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

interface AttemptDb {
  id: string;
  instrument_version: number;
  status: 'started' | 'submitted';
  answers: Answers;
  started_at: string;
  submitted_at: string | null;
  scales: unknown;
}

async function findAttempt(db: Db, campaignId: string, instrumentId: string, personId: string, lock = false) {
  const [a] = await db.query<AttemptDb>(sql`
    SELECT id, instrument_version, status, answers, started_at, submitted_at, scales FROM assessment_attempts
    WHERE campaign_id = ${campaignId} AND instrument_id = ${instrumentId} AND person_id = ${personId}
    ${lock ? sql`FOR UPDATE` : sql``}`);
  return a ?? null;
}

/** The existing attempt, or a new one when the window is open. */
async function ensureAttempt(db: Db, s: Sitting, campaignId: string): Promise<AttemptDb> {
  const existing = await findAttempt(db, campaignId, s.instrument.id, s.personId);
  if (existing) return existing;
  requireWindow(s);
  await db.query(sql`
    INSERT INTO assessment_attempts (campaign_id, instrument_id, instrument_version, person_id)
    VALUES (${campaignId}, ${s.instrument.id}, ${s.instrument.version}, ${s.personId})
    ON CONFLICT (campaign_id, instrument_id, person_id) DO NOTHING`);
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
  const [old] = await db.query<{ content: InstrumentContent }>(sql`
    SELECT before->'content' AS content FROM audit_log
    WHERE entity = 'instrument' AND entity_id = ${s.instrument.id} AND action = 'update'
      AND (before->>'version')::int = ${a.instrument_version} AND before->'content' IS NOT NULL
    ORDER BY id DESC LIMIT 1`);
  if (!old?.content)
    throw conflict('Методика изменилась после начала прохождения; обратитесь к организатору.');
  return old.content;
}

async function presentAttempt(db: Db, s: Sitting, a: AttemptDb) {
  return {
    instrument: {
      id: s.instrument.id,
      name: s.instrument.name,
      kind: s.instrument.kind,
      version: a.instrument_version,
      content: withoutKeys(await pinnedContent(db, s, a)),
    },
    attempt: {
      id: a.id,
      status: a.status,
      answers: a.answers as Record<string, Answer>,
      startedAt: new Date(a.started_at).toISOString(),
      submittedAt: a.submitted_at ? new Date(a.submitted_at).toISOString() : null,
    },
    inWindow: s.inWindow,
  };
}

/** The instrument without keys and my saved answers; starts the attempt. */
export async function openMyAssessment(db: Db, actor: Actor, campaignId: string, instrumentId: string) {
  const s = await sitting(db, actor, campaignId, instrumentId);
  return presentAttempt(db, s, await ensureAttempt(db, s, campaignId));
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
  const [updated] = await db.query<{ id: string }>(sql`
    UPDATE assessment_attempts
    SET answers = answers || jsonb_build_object(${itemId}::text, ${JSON.stringify(stored)}::jsonb), updated_at = now()
    WHERE id = ${a.id} AND status = 'started' RETURNING id`);
  if (!updated) throw conflict('Ответы уже отправлены, изменить их нельзя.');
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
  return db.transaction(async (tx) => {
    const a = await findAttempt(tx, campaignId, instrumentId, s.personId, true);
    if (!a) throw conflict('Не удалось найти попытку, повторите.');
    if (a.status === 'submitted') throw conflict('Ответы уже отправлены: повторная отправка невозможна.');
    const content = await pinnedContent(tx, s, a);
    const { percents, scales } = score(s.instrument.kind, content, a.answers);
    await tx.query(sql`
      UPDATE assessment_attempts SET status = 'submitted', submitted_at = now(), updated_at = now(),
             scales = ${scales === null ? null : JSON.stringify(scales)}::jsonb
      WHERE id = ${a.id}`);
    const rows = Object.entries(percents).map(([code, percent]) => ({ code, percent }));
    let written = 0;
    if (rows.length && s.instrument.frameworkId) {
      const inserted = await tx.query<{ id: number }>(sql`
        INSERT INTO competency_results (person_id, competency_id, campaign_id, attempt_id, source, organization_id,
                                        assessed_on, percent)
        SELECT ${s.personId}, comp.id, ${campaignId}, ${a.id}, 'platform', ${s.organizationId}, CURRENT_DATE, x.percent
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(code text, percent numeric)
        JOIN competencies comp ON comp.framework_id = ${s.instrument.frameworkId} AND comp.code = x.code
        RETURNING id`);
      written = inserted.length;
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
}
