import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { findStoredFileMeta } from '../../platform/files/stored-files.repository.ts';
import { cardsToday } from '../clock.ts';
import { campaignWriteScope, fillsCards } from '../expert-cards.policy.ts';
import { contradictionsFor } from '../prefill/prefill.service.ts';
import { maxPoints, pointsFor } from '../scoring.ts';
import {
  type AnswerRow,
  addHistory,
  answersOf,
  type CardRow,
  expertsOf,
  findCard,
  historyOf,
} from './cards.repository.ts';
import type { ItemReview, ItemSave } from './cards.schemas.ts';

/**
 * One organization's card through its three stages (004 §3.3):
 * 1. the head fills items until `fill_by` (after it only a card the methodist reopened; a
 *    submission after `fill_by` is late), then submits — every item answered, evidence where asked;
 * 2. the assigned experts review item by item until `verify_by`: accept, change the points with a
 *    reason, or return with a comment; a returned item is the head's again until `verify_by`, and
 *    its correction goes back to the expert (`corrected`); all accepted or changed → verified;
 * 3. the campaign scores all cards (campaigns.service.ts).
 */

const NOT_FOUND = 'Экспертная карта не найдена.';

async function visible(db: Db, actor: Actor, id: string): Promise<CardRow> {
  const card = await findCard(db, actor, id);
  if (!card) throw notFound(NOT_FOUND);
  return card;
}

/** The organization's head, or the deputy the head entrusted with the card. */
const isHead = (actor: Actor, c: CardRow) =>
  (fillsCards(actor) && actor.organizationId === c.organization_id) || c.delegated;

async function managesCard(db: Db, actor: Actor, c: CardRow): Promise<boolean> {
  const [row] = await db.query<{ ok: boolean }>(sql`
    SELECT ${campaignWriteScope(actor)} AS ok FROM expert_campaigns cp WHERE cp.id = ${c.campaign_id}`);
  return row?.ok === true;
}

/** Which items the head may change today, and why not when none. */
function headWindow(c: CardRow, today: string): { items: 'all' | 'returned' | 'none'; reason: string } {
  if (c.closed_at) return { items: 'none', reason: 'Итоги кампании опубликованы: карта не меняется.' };
  if (c.status === 'draft') {
    if (today <= c.fill_by || c.reopened_at) return { items: 'all', reason: '' };
    return {
      items: 'none',
      reason: `Срок заполнения карты истёк ${ru(c.fill_by)}: открыть её снова может методист.`,
    };
  }
  if (c.status === 'returned') {
    if (today <= c.verify_by) return { items: 'returned', reason: '' };
    return { items: 'none', reason: `Срок исправления истёк ${ru(c.verify_by)}.` };
  }
  if (c.status === 'submitted')
    return { items: 'none', reason: 'Карта отправлена и проверяется экспертами.' };
  return { items: 'none', reason: 'Карта проверена.' };
}

function expertWindow(c: CardRow, today: string): string | null {
  if (c.closed_at) return 'Итоги кампании опубликованы: карта не меняется.';
  if (today > c.verify_by)
    return `Проверка карт закончилась ${ru(c.verify_by)}: изменения экспертов не принимаются.`;
  if (c.status === 'draft') return 'Карта ещё не отправлена руководителем.';
  if (c.status === 'verified') return 'Карта уже проверена.';
  return null;
}

function ru(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

function presentItem(a: AnswerRow) {
  return {
    id: a.item_id,
    position: a.position,
    text: a.text,
    method: a.method,
    rule: a.rule,
    maxPoints: maxPoints(a.rule),
    source: a.source,
    periodicity: a.periodicity,
    evidenceRequired: a.evidence_required,
    note: a.note,
    value: a.value,
    comment: a.comment,
    evidence: a.evidence,
    prefill: a.prefill,
    claimedPoints: a.claimed_points,
    review: a.review,
    verifiedPoints: a.verified_points,
    expertComment: a.expert_comment,
    flag: a.flag,
    version: a.version,
    updatedAt: a.updated_at,
  };
}

/** The card as the head, an expert or the methodist sees it: directions → items. */
export async function getCard(db: Db, actor: Actor, id: string) {
  const c = await visible(db, actor, id);
  const today = cardsToday();
  const [answers, experts, history, manages] = await Promise.all([
    answersOf(db, [id]),
    expertsOf(db, [id]),
    historyOf(db, id),
    managesCard(db, actor, c),
  ]);
  const directions: {
    id: string;
    position: number;
    title: string;
    statedMax: number | null;
    points: number;
    maxPoints: number;
    items: ReturnType<typeof presentItem>[];
  }[] = [];
  for (const a of answers) {
    let d = directions.at(-1);
    if (!d || d.id !== a.direction_id) {
      d = {
        id: a.direction_id,
        position: a.direction_position,
        title: a.direction_title,
        statedMax: a.direction_stated_max,
        points: 0,
        maxPoints: 0,
        items: [],
      };
      directions.push(d);
    }
    d.items.push(presentItem(a));
    d.points += a.verified_points ?? a.claimed_points ?? 0;
    d.maxPoints += maxPoints(a.rule);
  }
  const head = isHead(actor, c) ? headWindow(c, today) : { items: 'none' as const, reason: '' };
  const expertBlock = c.assigned ? expertWindow(c, today) : 'Карта не назначена вам.';
  return {
    id: c.id,
    campaign: {
      id: c.campaign_id,
      title: c.campaign_title,
      schoolYear: c.school_year,
      fillBy: c.fill_by,
      verifyBy: c.verify_by,
      evaluateBy: c.evaluate_by,
      closedAt: c.closed_at,
    },
    organization: { id: c.organization_id, name: c.org_name, kind: c.org_kind },
    status: c.status,
    submittedAt: c.submitted_at,
    late: c.late,
    reopenedAt: c.reopened_at,
    reopenReason: c.reopen_reason,
    verifiedAt: c.verified_at,
    totalPoints: c.total_points,
    level: c.level,
    rank: c.rank,
    /** The deadline of the caller's current step. */
    deadline: c.status === 'draft' ? c.fill_by : c.verify_by,
    experts: experts.map((e) => ({ id: e.id, fullName: e.full_name })),
    directions,
    history: history.map((h) => ({
      kind: h.kind,
      itemId: h.item_id,
      comment: h.comment,
      actor: h.actor,
      at: h.at,
    })),
    permissions: {
      edit: head.items !== 'none',
      editOnlyReturned: head.items === 'returned',
      editBlockedReason: head.reason,
      submit: head.items !== 'none',
      review: c.assigned && expertBlock === null,
      reviewBlockedReason: c.assigned ? (expertBlock ?? '') : '',
      reopen: manages && !c.closed_at,
      assign: manages && !c.closed_at && today <= c.verify_by,
    },
  };
}

/** The cards the caller fills or reviews (the head's own, the expert's assigned). */
export async function listMyCards(db: Db, actor: Actor, q: { campaignId?: string }) {
  const rows = await db.query<{
    id: string;
    campaign_id: string;
    campaign_title: string;
    school_year: number;
    fill_by: string;
    verify_by: string;
    organization_id: string;
    org_name: string;
    status: string;
    late: boolean;
    role: 'head' | 'expert';
    items: number;
    to_review: number;
    returned: number;
    claimed: number;
  }>(sql`
    SELECT c.id, c.campaign_id, cp.title AS campaign_title, cp.school_year, cp.fill_by::text, cp.verify_by::text,
           c.organization_id, o.short_name AS org_name, c.status, c.late,
           CASE WHEN ea.expert_id IS NOT NULL THEN 'expert' ELSE 'head' END AS role,
           (SELECT count(*)::int FROM expert_card_answers a WHERE a.card_id = c.id) AS items,
           (SELECT count(*)::int FROM expert_card_answers a WHERE a.card_id = c.id AND a.review IN ('pending','corrected'))
             AS to_review,
           (SELECT count(*)::int FROM expert_card_answers a WHERE a.card_id = c.id AND a.review = 'returned') AS returned,
           (SELECT COALESCE(sum(a.claimed_points), 0)::int FROM expert_card_answers a WHERE a.card_id = c.id) AS claimed
    FROM expert_cards c
    JOIN expert_campaigns cp ON cp.id = c.campaign_id
    JOIN organizations o ON o.id = c.organization_id
    LEFT JOIN expert_card_assignments ea ON ea.card_id = c.id AND ea.expert_id = ${actor.userId}
    WHERE (ea.expert_id IS NOT NULL
           OR (${actor.role === 'org_head'} AND c.organization_id = ${actor.organizationId}::uuid)
           OR EXISTS (SELECT 1 FROM expert_card_delegates dl
                      WHERE dl.organization_id = c.organization_id AND dl.user_id = ${actor.userId}))
      ${q.campaignId ? sql`AND c.campaign_id = ${q.campaignId}` : sql``}
    ORDER BY cp.school_year DESC, o.short_name`);
  return {
    items: rows.map((r) => ({
      id: r.id,
      campaignId: r.campaign_id,
      campaignTitle: r.campaign_title,
      schoolYear: r.school_year,
      fillBy: r.fill_by,
      verifyBy: r.verify_by,
      organizationId: r.organization_id,
      organizationName: r.org_name,
      status: r.status,
      late: r.late,
      role: r.role,
      items: r.items,
      toReview: r.to_review,
      returned: r.returned,
      claimedPoints: r.claimed,
    })),
  };
}

async function currentItem(db: Db, cardId: string, itemId: string) {
  const [a] = await answersOf(db, [cardId], itemId);
  if (!a) throw notFound('Показатель карты не найден.');
  return a;
}

/** Autosave of one item by the head; `version` is the one the head read (409 keeps both). */
export async function saveItem(db: Db, actor: Actor, cardId: string, itemId: string, input: ItemSave) {
  const c = await visible(db, actor, cardId);
  if (!isHead(actor, c)) throw forbidden('Карту заполняет руководитель организации.');
  const window = headWindow(c, cardsToday());
  if (window.items === 'none') throw conflict(window.reason);
  const a = await currentItem(db, cardId, itemId);
  if (window.items === 'returned' && a.review !== 'returned' && a.review !== 'corrected')
    throw conflict('Исправить можно только показатели, возвращённые экспертом.');
  if (input.value && input.value.kind !== a.rule.kind)
    throw invalid('Значение не подходит к показателю.', [
      { path: 'value', message: 'Ответ другого вида, чем правило показателя' },
    ]);
  if (
    input.value?.kind === 'choice' &&
    a.rule.kind === 'choice' &&
    input.value.option >= a.rule.options.length
  )
    throw invalid('Такого варианта нет.', [{ path: 'value.option', message: 'Выберите вариант из списка' }]);
  // A new file must be the head's own upload (one already attached stays as it is).
  const known = new Set(a.evidence.flatMap((e) => (e.kind === 'file' ? [e.fileId] : [])));
  for (const e of input.evidence) {
    if (e.kind !== 'file' || known.has(e.fileId)) continue;
    const meta = await findStoredFileMeta(db, e.fileId);
    if (!meta || meta.uploaded_by !== actor.userId)
      throw invalid('Проверьте файл.', [
        { path: 'evidence', message: 'Файл не найден: загрузите его снова' },
      ]);
  }
  const claimed = input.value ? pointsFor(a.rule, input.value) : null;
  const review = window.items === 'returned' ? 'corrected' : a.review;
  return db.transaction(async (tx) => {
    const updated = await tx.query<{ version: number }>(sql`
      UPDATE expert_card_answers SET value = ${input.value ? JSON.stringify(input.value) : null}::jsonb,
             comment = ${input.comment}, evidence = ${JSON.stringify(input.evidence)}::jsonb,
             claimed_points = ${claimed}, review = ${review}, updated_by = ${actor.userId}, updated_at = now(),
             version = version + 1
      WHERE card_id = ${cardId} AND item_id = ${itemId} AND version = ${input.version}
      RETURNING version`);
    if (updated.length === 0) {
      throw new AppError(
        'conflict',
        'Показатель уже изменён в другом окне или другим пользователем: сравните и сохраните снова — ваш ввод не потерян.',
        { current: presentItem(await currentItem(tx, cardId, itemId)), yours: input },
      );
    }
    await addHistory(tx, [
      { cardId, itemId, kind: review === 'corrected' ? 'corrected' : 'saved', actorId: actor.userId },
    ]);
    await writeAudit(tx, {
      actor,
      action: 'save',
      entity: 'expert_card',
      entityId: cardId,
      before: { itemId, value: a.value, comment: a.comment, evidence: a.evidence },
      after: { itemId, value: input.value, comment: input.comment, evidence: input.evidence },
    });
    return presentItem(await currentItem(tx, cardId, itemId));
  });
}

/** Submission: completeness first (422 listing the items), then the platform's contradictions. */
export async function submitCard(db: Db, actor: Actor, cardId: string) {
  const c = await visible(db, actor, cardId);
  if (!isHead(actor, c)) throw forbidden('Карту отправляет руководитель организации.');
  const today = cardsToday();
  const window = headWindow(c, today);
  if (window.items === 'none') throw conflict(window.reason);
  const answers = await answersOf(db, [cardId]);
  const problems: { path: string; message: string }[] = [];
  answers.forEach((a) => {
    const name = `${a.direction_position}.${a.position}`;
    if (a.value === null)
      problems.push({ path: a.item_id, message: `Показатель ${name} не заполнен: ${short(a.text)}` });
    else if (a.evidence_required && pointsFor(a.rule, a.value) > 0 && a.evidence.length === 0)
      problems.push({
        path: a.item_id,
        message: `Показатель ${name}: приложите подтверждающий документ или ссылку (${short(a.source)})`,
      });
    else if (a.review === 'returned')
      problems.push({ path: a.item_id, message: `Показатель ${name} возвращён экспертом: исправьте его` });
  });
  if (problems.length) throw invalid(`Карта заполнена не полностью: ${problems.length} показ.`, problems);
  const flags = await contradictionsFor(db, {
    organizationId: c.organization_id,
    schoolYear: c.school_year,
    answers: answers.map((a) => ({ itemId: a.item_id, prefillSource: a.prefill_source, value: a.value })),
  });
  const late = c.status === 'draft' && today > c.fill_by;
  await db.transaction(async (tx) => {
    const flagRows = answers.map((a) => ({ item_id: a.item_id, flag: flags.get(a.item_id) ?? null }));
    await tx.query(sql`
      UPDATE expert_card_answers a SET flag = x.flag
      FROM jsonb_to_recordset(${JSON.stringify(flagRows)}::jsonb) AS x(item_id uuid, flag text)
      WHERE a.card_id = ${cardId} AND a.item_id = x.item_id`);
    await tx.query(sql`
      UPDATE expert_cards SET status = 'submitted', submitted_at = now(), late = late OR ${late},
             reopened_at = NULL, version = version + 1, updated_at = now()
      WHERE id = ${cardId}`);
    await addHistory(tx, [
      {
        cardId,
        kind: c.status === 'returned' ? 'resubmitted' : 'submitted',
        comment: late ? 'после срока' : '',
        actorId: actor.userId,
      },
    ]);
    await writeAudit(tx, {
      actor,
      action: 'submit',
      entity: 'expert_card',
      entityId: cardId,
      after: { late, flags: flags.size },
    });
  });
  return getCard(db, actor, cardId);
}

function short(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** An expert's verdict on one item; the card is verified when every item is accepted or changed. */
export async function reviewItem(db: Db, actor: Actor, cardId: string, itemId: string, input: ItemReview) {
  const c = await visible(db, actor, cardId);
  if (!c.assigned) throw forbidden('Карту проверяют назначенные на неё эксперты.');
  const blocked = expertWindow(c, cardsToday());
  if (blocked) throw conflict(blocked);
  const a = await currentItem(db, cardId, itemId);
  if (a.review === 'returned') throw conflict('Показатель возвращён руководителю: дождитесь исправления.');
  const max = maxPoints(a.rule);
  let verified: number | null = null;
  let comment = input.comment?.trim() ?? '';
  if (input.action === 'accept') verified = a.claimed_points ?? 0;
  if (input.action === 'change') {
    if (input.points === undefined || input.points > max)
      throw invalid('Укажите баллы.', [{ path: 'points', message: `От 0 до ${max}` }]);
    if (!comment)
      throw invalid('Укажите причину.', [{ path: 'comment', message: 'Причина изменения баллов' }]);
    verified = input.points;
  }
  if (input.action === 'return' && !comment)
    throw invalid('Укажите, что исправить.', [{ path: 'comment', message: 'Комментарий для руководителя' }]);
  const review = input.action === 'accept' ? 'accepted' : input.action === 'change' ? 'changed' : 'returned';
  if (input.action === 'accept' && !comment) comment = '';
  await db.transaction(async (tx) => {
    await tx.query(sql`
      UPDATE expert_card_answers SET review = ${review}, verified_points = ${verified}, expert_comment = ${comment},
             reviewed_by = ${actor.userId}, reviewed_at = now(), version = version + 1
      WHERE card_id = ${cardId} AND item_id = ${itemId}`);
    const [state] = await tx.query<{ open: number; returned: number }>(sql`
      SELECT count(*) FILTER (WHERE review NOT IN ('accepted','changed'))::int AS open,
             count(*) FILTER (WHERE review = 'returned')::int AS returned
      FROM expert_card_answers WHERE card_id = ${cardId}`);
    const status = state!.open === 0 ? 'verified' : state!.returned > 0 ? 'returned' : 'submitted';
    await tx.query(sql`
      UPDATE expert_cards SET status = ${status},
             verified_at = CASE WHEN ${status} = 'verified' THEN now() ELSE NULL END,
             version = version + 1, updated_at = now()
      WHERE id = ${cardId}`);
    await addHistory(tx, [
      { cardId, itemId, kind: review, comment, actorId: actor.userId },
      ...(status === 'verified' ? [{ cardId, kind: 'verified', actorId: actor.userId }] : []),
    ]);
    await writeAudit(tx, {
      actor,
      action: input.action === 'accept' ? 'accept' : input.action === 'return' ? 'return' : 'update',
      entity: 'expert_card',
      entityId: cardId,
      before: { itemId, review: a.review, verifiedPoints: a.verified_points },
      after: { itemId, review, verifiedPoints: verified, comment },
    });
  });
  return getCard(db, actor, cardId);
}

/** The methodist opens a card again for its head (after the deadline, or a submitted one), with a reason. */
export async function reopenCard(db: Db, actor: Actor, cardId: string, reason: string) {
  const c = await visible(db, actor, cardId);
  if (!(await managesCard(db, actor, c))) throw forbidden('Карту открывает методист муниципалитета.');
  if (c.closed_at) throw conflict('Итоги кампании опубликованы: карта не меняется.');
  if (c.status === 'verified') throw conflict('Карта уже проверена экспертами.');
  await db.transaction(async (tx) => {
    await tx.query(sql`
      UPDATE expert_cards SET status = 'draft', reopened_at = now(), reopened_by = ${actor.userId},
             reopen_reason = ${reason}, version = version + 1, updated_at = now()
      WHERE id = ${cardId}`);
    await addHistory(tx, [{ cardId, kind: 'reopened', comment: reason, actorId: actor.userId }]);
    await writeAudit(tx, {
      actor,
      action: 'open',
      entity: 'expert_card',
      entityId: cardId,
      before: { status: c.status },
      after: { status: 'draft', reason },
    });
  });
  return getCard(db, actor, cardId);
}

/**
 * Who may be assigned: a user with role `expert` of the municipality, or a user whose person is a
 * member of the municipality's expert community (`memberships`, approved or active) — never one employed at the card's organization.
 */
function candidatesSql(municipalityId: string, organizationId: string | null) {
  return sql`
    SELECT u.id, u.full_name, u.role::text AS role,
           ${
             organizationId
               ? sql`EXISTS (SELECT 1 FROM employments e WHERE e.person_id = u.person_id
             AND e.organization_id = ${organizationId} AND e.end_date IS NULL)
             OR u.organization_id = ${organizationId}`
               : sql`false`
           } AS same_org
    FROM users u
    WHERE u.active AND (
      (u.role = 'expert' AND (u.municipality_id = ${municipalityId}
        OR u.organization_id IN (SELECT id FROM organizations WHERE municipality_id = ${municipalityId})
        OR u.person_id IN (SELECT e.person_id FROM employments e JOIN organizations o ON o.id = e.organization_id
                           WHERE o.municipality_id = ${municipalityId} AND e.end_date IS NULL)))
      OR u.person_id IN (SELECT ms.person_id FROM memberships ms
                         WHERE ms.kind = 'expert_community' AND ms.municipality_id = ${municipalityId}
                           AND ms.status IN ('approved', 'active')))`;
}

export async function expertCandidates(db: Db, actor: Actor, cardId: string) {
  const c = await visible(db, actor, cardId);
  if (!(await managesCard(db, actor, c))) throw forbidden('Экспертов назначает методист муниципалитета.');
  const rows = await db.query<{ id: string; full_name: string; role: string; same_org: boolean }>(
    sql`SELECT * FROM (${candidatesSql(c.municipality_id, c.organization_id)}) x ORDER BY full_name`,
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      fullName: r.full_name,
      role: r.role,
      allowed: !r.same_org,
      reason: r.same_org ? 'Работает в этой организации' : '',
    })),
  };
}

export async function assignExpert(db: Db, actor: Actor, cardId: string, expertId: string) {
  const c = await visible(db, actor, cardId);
  if (!(await managesCard(db, actor, c))) throw forbidden('Экспертов назначает методист муниципалитета.');
  if (c.closed_at) throw conflict('Итоги кампании опубликованы.');
  if (cardsToday() > c.verify_by) throw conflict(`Проверка карт закончилась ${ru(c.verify_by)}.`);
  const [cand] = await db.query<{ id: string; full_name: string; same_org: boolean }>(
    sql`SELECT * FROM (${candidatesSql(c.municipality_id, c.organization_id)}) x WHERE x.id = ${expertId}`,
  );
  if (!cand)
    throw invalid('Этот пользователь не эксперт муниципалитета.', [
      { path: 'expertId', message: 'Выберите эксперта муниципалитета или члена экспертного сообщества' },
    ]);
  if (cand.same_org)
    throw invalid('Эксперт не проверяет карту организации, в которой работает.', [
      { path: 'expertId', message: 'Работает в этой организации' },
    ]);
  await db.transaction(async (tx) => {
    const added = await tx.query(sql`
      INSERT INTO expert_card_assignments (card_id, expert_id, assigned_by) VALUES (${cardId}, ${expertId}, ${actor.userId})
      ON CONFLICT DO NOTHING RETURNING card_id`);
    if (added.length === 0) return;
    await addHistory(tx, [
      { cardId, kind: 'expert_assigned', comment: cand.full_name, actorId: actor.userId },
    ]);
    await writeAudit(tx, {
      actor,
      action: 'assign',
      entity: 'expert_card',
      entityId: cardId,
      after: { expertId },
    });
  });
  return getCard(db, actor, cardId);
}

export async function unassignExpert(db: Db, actor: Actor, cardId: string, expertId: string) {
  const c = await visible(db, actor, cardId);
  if (!(await managesCard(db, actor, c))) throw forbidden('Экспертов назначает методист муниципалитета.');
  if (c.closed_at) throw conflict('Итоги кампании опубликованы.');
  await db.transaction(async (tx) => {
    const gone = await tx.query<{ full_name: string }>(sql`
      DELETE FROM expert_card_assignments ea USING users u
      WHERE ea.card_id = ${cardId} AND ea.expert_id = ${expertId} AND u.id = ea.expert_id
      RETURNING u.full_name`);
    if (gone.length === 0) return;
    await addHistory(tx, [
      { cardId, kind: 'expert_unassigned', comment: gone[0]!.full_name, actorId: actor.userId },
    ]);
    await writeAudit(tx, {
      actor,
      action: 'delete',
      entity: 'expert_card',
      entityId: cardId,
      before: { expertId },
    });
  });
  return getCard(db, actor, cardId);
}

/** The head's deputies entrusted with the card: users of the head's own organization. */
export async function listDelegates(db: Db, actor: Actor) {
  if (!fillsCards(actor) || !actor.organizationId)
    throw forbidden('Заместителей назначает руководитель организации.');
  const rows = await db.query<{ id: string; full_name: string; granted_at: string }>(sql`
    SELECT u.id, u.full_name, dl.granted_at::text FROM expert_card_delegates dl JOIN users u ON u.id = dl.user_id
    WHERE dl.organization_id = ${actor.organizationId} ORDER BY u.full_name`);
  return { items: rows.map((r) => ({ id: r.id, fullName: r.full_name, grantedAt: r.granted_at })) };
}

export async function addDelegate(db: Db, actor: Actor, userId: string) {
  if (!fillsCards(actor) || !actor.organizationId)
    throw forbidden('Заместителей назначает руководитель организации.');
  const [u] = await db.query<{ id: string }>(sql`
    SELECT u.id FROM users u WHERE u.id = ${userId} AND u.active AND u.id <> ${actor.userId}
      AND (u.organization_id = ${actor.organizationId}
           OR EXISTS (SELECT 1 FROM employments e WHERE e.person_id = u.person_id
                      AND e.organization_id = ${actor.organizationId} AND e.end_date IS NULL))`);
  if (!u)
    throw invalid('Поручить карту можно работнику своей организации.', [
      { path: 'userId', message: 'Пользователь не работает в вашей организации' },
    ]);
  await db.transaction(async (tx) => {
    const added = await tx.query(sql`
      INSERT INTO expert_card_delegates (organization_id, user_id, granted_by)
      VALUES (${actor.organizationId}, ${userId}, ${actor.userId}) ON CONFLICT DO NOTHING RETURNING user_id`);
    if (added.length)
      await writeAudit(tx, {
        actor,
        action: 'assign',
        entity: 'expert_card',
        entityId: null,
        after: { delegate: userId, organizationId: actor.organizationId },
      });
  });
  return listDelegates(db, actor);
}

export async function removeDelegate(db: Db, actor: Actor, userId: string) {
  if (!fillsCards(actor) || !actor.organizationId)
    throw forbidden('Заместителей назначает руководитель организации.');
  await db.transaction(async (tx) => {
    const gone = await tx.query(sql`
      DELETE FROM expert_card_delegates WHERE organization_id = ${actor.organizationId} AND user_id = ${userId}
      RETURNING user_id`);
    if (gone.length)
      await writeAudit(tx, {
        actor,
        action: 'delete',
        entity: 'expert_card',
        entityId: null,
        before: { delegate: userId, organizationId: actor.organizationId },
      });
  });
  return listDelegates(db, actor);
}
