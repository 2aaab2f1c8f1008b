import { notify } from '../../notifications/delivery.service.ts';
import type { RecipientRow } from '../../notifications/notifications.repository.ts';
import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { addDays } from '../../platform/time/today.ts';
import { itemPoints } from '../card-report.ts';
import { addHistory, loadCardReports } from '../cards/cards.repository.ts';
import { cardsToday } from '../clock.ts';
import { campaignScope, campaignWriteScope, cardScope, managesCampaigns } from '../expert-cards.policy.ts';
import { prefillFor } from '../prefill/prefill.service.ts';
import { levelOf, pointsFor, rankByTotal, type ScoringRule } from '../scoring.ts';
import type { CampaignInput } from './campaigns.schemas.ts';
import { defaultTemplates } from './preset-rows.ts';

/**
 * A campaign of expert cards (004 §3.3): one per municipality and school year.
 *
 * The school year Y is the reported one (Y/Y+1, 1 Sep Y – 31 Aug Y+1): the head evaluates it «за
 * отчетный период (учебный год)» after it ends, so the deadlines default to 30.09.(Y+1) (stage 1,
 * the head fills), 15.10.(Y+1) (stage 2, experts verify) and 01.11.(Y+1) (stage 3, scoring).
 *
 * Scoring (stage 3) is allowed after `verify_by`, or earlier once every card is verified; a card
 * not verified by then counts with the head's claimed points where no expert reviewed the item
 * (`itemPoints`). Closing publishes the results and makes the campaign read-only.
 */

export const CARD_KINDS = ['preschool', 'school', 'additional'] as const;

export function defaultDeadlines(schoolYear: number) {
  const y = schoolYear + 1;
  return { fillBy: `${y}-09-30`, verifyBy: `${y}-10-15`, evaluateBy: `${y}-11-01` };
}

type CampaignRow = {
  id: string;
  region_id: string;
  municipality_id: string;
  municipality_name: string;
  school_year: number;
  title: string;
  fill_by: string;
  verify_by: string;
  evaluate_by: string;
  max_basis: 'document' | 'items';
  max_basis_note: string;
  closed_at: string | null;
  created_at: string;
  manages: boolean;
  cards: number;
  submitted: number;
  verified: number;
  returned: number;
  late: number;
  templates: { orgKind: string; templateId: string; title: string; version: number }[];
};

async function findCampaign(db: Db, actor: Actor, id: string | null) {
  return db.query<CampaignRow>(sql`
    SELECT cp.id, cp.region_id, cp.municipality_id, m.name AS municipality_name, cp.school_year, cp.title,
           cp.fill_by::text, cp.verify_by::text, cp.evaluate_by::text, cp.max_basis, cp.max_basis_note,
           cp.closed_at::text, cp.created_at::text, ${campaignWriteScope(actor)} AS manages,
           (SELECT count(*)::int FROM expert_cards c WHERE c.campaign_id = cp.id) AS cards,
           (SELECT count(*)::int FROM expert_cards c WHERE c.campaign_id = cp.id AND c.status <> 'draft') AS submitted,
           (SELECT count(*)::int FROM expert_cards c WHERE c.campaign_id = cp.id AND c.status = 'verified') AS verified,
           (SELECT count(*)::int FROM expert_cards c WHERE c.campaign_id = cp.id AND c.status = 'returned') AS returned,
           (SELECT count(*)::int FROM expert_cards c WHERE c.campaign_id = cp.id AND c.late) AS late,
           COALESCE((SELECT jsonb_agg(jsonb_build_object('orgKind', ct.org_kind, 'templateId', t.id, 'title', t.title,
                      'version', t.version) ORDER BY ct.org_kind)
             FROM expert_campaign_templates ct JOIN expert_card_templates t ON t.id = ct.template_id
             WHERE ct.campaign_id = cp.id), '[]'::jsonb) AS templates
    FROM expert_campaigns cp JOIN municipalities m ON m.id = cp.municipality_id
    WHERE ${campaignScope(actor)} ${id ? sql`AND cp.id = ${id}` : sql``}
    ORDER BY cp.school_year DESC, m.name`);
}

function presentCampaign(c: CampaignRow) {
  return {
    id: c.id,
    municipalityId: c.municipality_id,
    municipalityName: c.municipality_name,
    schoolYear: c.school_year,
    title: c.title,
    fillBy: c.fill_by,
    verifyBy: c.verify_by,
    evaluateBy: c.evaluate_by,
    maxBasis: c.max_basis,
    maxBasisNote: c.max_basis_note,
    closedAt: c.closed_at,
    started: c.cards > 0,
    counts: {
      cards: c.cards,
      submitted: c.submitted,
      verified: c.verified,
      returned: c.returned,
      late: c.late,
    },
    templates: c.templates,
    canManage: c.manages,
  };
}

async function visible(db: Db, actor: Actor, id: string): Promise<CampaignRow> {
  const [c] = await findCampaign(db, actor, id);
  if (!c) throw notFound('Кампания экспертных карт не найдена.');
  return c;
}

async function managed(db: Db, actor: Actor, id: string): Promise<CampaignRow> {
  const c = await visible(db, actor, id);
  if (!c.manages) throw forbidden('Кампанией управляет методист муниципалитета.');
  return c;
}

export async function listCampaigns(db: Db, actor: Actor) {
  const rows = await findCampaign(db, actor, null);
  return { items: rows.map(presentCampaign), canCreate: managesCampaigns(actor) };
}

export async function createCampaign(db: Db, actor: Actor, input: CampaignInput): Promise<string> {
  if (!managesCampaigns(actor)) throw forbidden('Кампанию создаёт методист муниципалитета.');
  const municipalityId = actor.role === 'admin' ? input.municipalityId : actor.municipalityId;
  if (!municipalityId)
    throw invalid('Укажите муниципалитет.', [{ path: 'municipalityId', message: 'Укажите муниципалитет' }]);
  const [muni] = await db.query<{ region_id: string }>(
    sql`SELECT region_id FROM municipalities WHERE id = ${municipalityId}`,
  );
  if (!muni) throw invalid('Муниципалитет не найден.', [{ path: 'municipalityId', message: 'Не найден' }]);
  const d = defaultDeadlines(input.schoolYear);
  const fillBy = input.fillBy ?? d.fillBy;
  const verifyBy = input.verifyBy ?? d.verifyBy;
  const evaluateBy = input.evaluateBy ?? d.evaluateBy;
  if (!(fillBy <= verifyBy && verifyBy <= evaluateBy))
    throw invalid('Сроки этапов идут по порядку: заполнение, проверка, оценка.', [
      { path: 'verifyBy', message: 'Не раньше срока заполнения и не позже срока оценки' },
    ]);
  const templates = { ...(await defaultTemplates(db)), ...(input.templates ?? {}) };
  const chosen = Object.entries(templates).filter(([kind]) =>
    (CARD_KINDS as readonly string[]).includes(kind),
  );
  const found = await db.query<{ id: string; org_kind: string; status: string }>(sql`
    SELECT t.id, t.org_kind::text, t.status::text FROM expert_card_templates t
    WHERE t.id = ANY(${sql.param(chosen.map(([, id]) => id))}::uuid[])
      AND (t.region_id IS NULL OR t.municipality_id = ${municipalityId}
           OR (t.municipality_id IS NULL AND t.region_id = ${muni.region_id}))`);
  for (const [kind, id] of chosen) {
    const t = found.find((f) => f.id === id);
    if (!t || t.org_kind !== kind || t.status !== 'published')
      throw invalid('Проверьте шаблоны карт.', [
        { path: `templates.${kind}`, message: 'Нужен опубликованный шаблон этой группы организаций' },
      ]);
  }
  return db.transaction(async (tx) => {
    const dup = await tx.query(sql`
      SELECT 1 FROM expert_campaigns WHERE municipality_id = ${municipalityId} AND school_year = ${input.schoolYear}`);
    if (dup.length) throw conflict('Кампания этого учебного года в муниципалитете уже есть.');
    const [row] = await tx.query<{ id: string }>(sql`
      INSERT INTO expert_campaigns (region_id, municipality_id, school_year, title, fill_by, verify_by, evaluate_by,
                                    max_basis, max_basis_note, created_by)
      VALUES (${muni.region_id}, ${municipalityId}, ${input.schoolYear}, ${input.title}, ${fillBy}, ${verifyBy},
              ${evaluateBy}, ${input.maxBasis}, ${input.maxBasisNote}, ${actor.userId})
      RETURNING id`);
    const id = row!.id;
    for (const [kind, templateId] of chosen)
      await tx.query(sql`
        INSERT INTO expert_campaign_templates (campaign_id, org_kind, template_id) VALUES (${id}, ${kind}, ${templateId})`);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'expert_campaign',
      entityId: id,
      after: { ...input, fillBy, verifyBy, evaluateBy, templates: Object.fromEntries(chosen) },
    });
    return id;
  });
}

export async function getCampaign(db: Db, actor: Actor, id: string) {
  return presentCampaign(await visible(db, actor, id));
}

/**
 * Starts (or tops up) a campaign: a card for every organization of the municipality of the
 * campaign's groups that has none, an answer row for every item, prefilled by the platform
 * where it knows (the source shown; the head confirms or corrects). Set-based; safe to rerun.
 */
export async function startCampaign(db: Db, actor: Actor, id: string) {
  const c = await managed(db, actor, id);
  if (c.closed_at) throw conflict('Итоги кампании опубликованы.');
  const created = await db.transaction(async (tx) => {
    const cards = await tx.query<{ id: string; organization_id: string }>(sql`
      INSERT INTO expert_cards (campaign_id, organization_id, template_id)
      SELECT ${id}, o.id, ct.template_id
      FROM organizations o JOIN expert_campaign_templates ct ON ct.campaign_id = ${id} AND ct.org_kind = o.kind
      WHERE o.municipality_id = ${c.municipality_id}
      ON CONFLICT (campaign_id, organization_id) DO NOTHING
      RETURNING id, organization_id`);
    if (cards.length === 0) return cards;
    const ids = cards.map((k) => k.id);
    await tx.query(sql`
      INSERT INTO expert_card_answers (card_id, item_id)
      SELECT c.id, i.id FROM expert_cards c JOIN expert_card_items i ON i.template_id = c.template_id
      WHERE c.id = ANY(${sql.param(ids)}::uuid[])`);
    const items = await tx.query<{
      id: string;
      template_id: string;
      prefill_source: string;
      rule: ScoringRule;
    }>(sql`
      SELECT DISTINCT i.id, i.template_id, i.prefill_source, i.rule FROM expert_card_items i
      JOIN expert_campaign_templates ct ON ct.template_id = i.template_id AND ct.campaign_id = ${id}
      WHERE i.prefill_source IS NOT NULL`);
    if (items.length) {
      const result = await prefillFor(tx, {
        organizationIds: cards.map((k) => k.organization_id),
        schoolYear: c.school_year,
        items: items.map((i) => ({ id: i.id, prefillSource: i.prefill_source, rule: i.rule })),
      });
      const ruleOf = new Map(items.map((i) => [i.id, i.rule]));
      const rows = cards.flatMap((k) =>
        [...(result.get(k.organization_id) ?? new Map()).entries()].map(([itemId, p]) => ({
          card_id: k.id,
          item_id: itemId,
          prefill: p,
          value: p.value,
          points: pointsFor(ruleOf.get(itemId)!, p.value),
        })),
      );
      if (rows.length)
        await tx.query(sql`
          UPDATE expert_card_answers a SET value = x.value, prefill = x.prefill, claimed_points = x.points
          FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            AS x(card_id uuid, item_id uuid, prefill jsonb, value jsonb, points int)
          WHERE a.card_id = x.card_id AND a.item_id = x.item_id`);
    }
    await addHistory(
      tx,
      cards.map((k) => ({ cardId: k.id, kind: 'created', actorId: actor.userId })),
    );
    await writeAudit(tx, {
      actor,
      action: 'open',
      entity: 'expert_campaign',
      entityId: id,
      after: { cards: cards.length },
    });
    return cards;
  });
  return { created: created.length, campaign: await getCampaign(db, actor, id) };
}

/** The board: per card its status, late, overdue, experts, points; the same filters as the counts. */
export async function campaignBoard(db: Db, actor: Actor, id: string) {
  const c = await visible(db, actor, id);
  const today = cardsToday();
  const rows = await db.query<{
    id: string;
    organization_id: string;
    org_name: string;
    org_kind: string;
    status: string;
    late: boolean;
    submitted_at: string | null;
    verified_at: string | null;
    reopened_at: string | null;
    total_points: number | null;
    level: string | null;
    rank: number | null;
    items: number;
    answered: number;
    to_review: number;
    returned_items: number;
    flagged: number;
    claimed: number;
    points: number;
    experts: { id: string; fullName: string }[];
  }>(sql`
    SELECT c.id, c.organization_id, o.short_name AS org_name, o.kind::text AS org_kind, c.status, c.late,
           c.submitted_at::text, c.verified_at::text, c.reopened_at::text, c.total_points, c.level, c.rank,
           count(a.item_id)::int AS items,
           count(a.item_id) FILTER (WHERE a.value IS NOT NULL)::int AS answered,
           count(a.item_id) FILTER (WHERE a.review IN ('pending','corrected'))::int AS to_review,
           count(a.item_id) FILTER (WHERE a.review = 'returned')::int AS returned_items,
           count(a.item_id) FILTER (WHERE a.flag IS NOT NULL)::int AS flagged,
           COALESCE(sum(a.claimed_points), 0)::int AS claimed,
           COALESCE(sum(COALESCE(a.verified_points, a.claimed_points)), 0)::int AS points,
           COALESCE((SELECT jsonb_agg(jsonb_build_object('id', u.id, 'fullName', u.full_name) ORDER BY u.full_name)
             FROM expert_card_assignments ea JOIN users u ON u.id = ea.expert_id WHERE ea.card_id = c.id),
             '[]'::jsonb) AS experts
    FROM expert_cards c
    JOIN expert_campaigns cp ON cp.id = c.campaign_id
    JOIN organizations o ON o.id = c.organization_id
    LEFT JOIN expert_card_answers a ON a.card_id = c.id
    WHERE c.campaign_id = ${id} AND ${cardScope(actor)}
    GROUP BY c.id, o.id
    ORDER BY o.kind, o.short_name`);
  const overdue = (r: (typeof rows)[number]) =>
    (r.status === 'draft' && today > c.fill_by) || (r.status !== 'verified' && today > c.verify_by);
  const cards = rows.map((r) => ({
    id: r.id,
    organizationId: r.organization_id,
    organizationName: r.org_name,
    orgKind: r.org_kind,
    status: r.status,
    late: r.late,
    overdue: overdue(r),
    reopened: r.reopened_at !== null,
    submittedAt: r.submitted_at,
    verifiedAt: r.verified_at,
    items: r.items,
    answered: r.answered,
    toReview: r.to_review,
    returnedItems: r.returned_items,
    flagged: r.flagged,
    claimedPoints: r.claimed,
    points: r.points,
    totalPoints: r.total_points,
    level: r.level,
    rank: r.rank,
    experts: r.experts,
  }));
  const count = (f: (x: (typeof cards)[number]) => boolean) => cards.filter(f).length;
  return {
    campaign: presentCampaign(c),
    today,
    counts: {
      cards: cards.length,
      draft: count((x) => x.status === 'draft'),
      submitted: count((x) => x.status === 'submitted'),
      returned: count((x) => x.status === 'returned'),
      verified: count((x) => x.status === 'verified'),
      late: count((x) => x.late),
      overdue: count((x) => x.overdue),
      withoutExperts: count((x) => x.experts.length === 0),
    },
    cards,
  };
}

/** What is overdue today: cards not submitted after fill_by, not verified after verify_by, with whom to ask. */
export async function overdueList(db: Db, actor: Actor, id: string) {
  const c = await managedOrReader(db, actor, id);
  const today = cardsToday();
  const rows = await db.query<{
    id: string;
    org_name: string;
    status: string;
    stage: 'fill' | 'verify';
    heads: string[];
    experts: string[];
    to_review: number;
  }>(sql`
    SELECT c.id, o.short_name AS org_name, c.status::text,
           CASE WHEN c.status = 'draft' THEN 'fill' ELSE 'verify' END AS stage,
           COALESCE((SELECT array_agg(u.full_name ORDER BY u.full_name) FROM users u
             WHERE u.role = 'org_head' AND u.organization_id = c.organization_id AND u.active), '{}') AS heads,
           COALESCE((SELECT array_agg(u.full_name ORDER BY u.full_name) FROM expert_card_assignments ea
             JOIN users u ON u.id = ea.expert_id WHERE ea.card_id = c.id), '{}') AS experts,
           (SELECT count(*)::int FROM expert_card_answers a WHERE a.card_id = c.id AND a.review IN ('pending','corrected'))
             AS to_review
    FROM expert_cards c JOIN organizations o ON o.id = c.organization_id
    WHERE c.campaign_id = ${id}
      AND ((c.status = 'draft' AND ${today}::date > ${c.fill_by}::date)
           OR (c.status <> 'verified' AND ${today}::date > ${c.verify_by}::date))
    ORDER BY o.short_name`);
  return {
    today,
    items: rows.map((r) => ({
      cardId: r.id,
      organizationName: r.org_name,
      status: r.status,
      stage: r.stage,
      dueOn: r.stage === 'fill' ? c.fill_by : c.verify_by,
      heads: r.heads,
      experts: r.experts,
      toReview: r.to_review,
    })),
  };
}

async function managedOrReader(db: Db, actor: Actor, id: string) {
  return visible(db, actor, id);
}

/**
 * Stage 3: per card the points per direction and in total (the expert's points, the claim where no
 * expert reviewed), the level against the template's maximum by the campaign's basis, and the
 * rank within the organization group. Rerunnable until the campaign is closed.
 */
export async function scoreCampaign(db: Db, actor: Actor, id: string) {
  const c = await managed(db, actor, id);
  if (c.closed_at) throw conflict('Итоги кампании уже опубликованы.');
  if (c.cards === 0) throw conflict('Кампания ещё не начата: карт нет.');
  const today = cardsToday();
  if (today <= c.verify_by && c.verified < c.cards)
    throw conflict(
      `Оценка — после окончания проверки (${c.verify_by.split('-').reverse().join('.')}) или когда все карты проверены: проверено ${c.verified} из ${c.cards}.`,
    );
  const reports = await loadCardReports(db, { campaignId: id });
  const scored = reports.map((r) => {
    const byDirection = Object.fromEntries(
      r.directions.map((d) => [d.id, d.items.reduce((s, i) => s + itemPoints(i), 0)]),
    );
    const total = Object.values(byDirection).reduce((s, p) => s + p, 0);
    return {
      id: r.card.id,
      kind: r.organization.kind,
      byDirection,
      total,
      level: levelOf(total, r.template.max, r.template.levels)?.code ?? null,
    };
  });
  const ranks = new Map<string, number>();
  for (const kind of new Set(scored.map((s) => s.kind))) {
    const group = scored.filter((s) => s.kind === kind).map((s) => ({ key: s.id, total: s.total }));
    for (const [k, v] of rankByTotal(group)) ranks.set(k, v);
  }
  const rows = scored.map((s) => ({
    id: s.id,
    direction_points: s.byDirection,
    total: s.total,
    level: s.level,
    rank: ranks.get(s.id)!,
  }));
  await db.transaction(async (tx) => {
    await tx.query(sql`
      UPDATE expert_cards c SET direction_points = x.direction_points, total_points = x.total, level = x.level,
             rank = x.rank, scored_at = now(), updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS x(id uuid, direction_points jsonb, total int, level text, rank int)
      WHERE c.id = x.id`);
    await addHistory(
      tx,
      rows.map((r) => ({ cardId: r.id, kind: 'scored', comment: `${r.total}`, actorId: actor.userId })),
    );
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'expert_campaign',
      entityId: id,
      details: { scored: rows.length },
    });
  });
  return campaignBoard(db, actor, id);
}

/** Publishes the results: the campaign becomes read-only. Scoring first. */
export async function closeCampaign(db: Db, actor: Actor, id: string) {
  const c = await managed(db, actor, id);
  if (c.closed_at) throw conflict('Итоги кампании уже опубликованы.');
  const [unscored] = await db.query<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM expert_cards WHERE campaign_id = ${id} AND scored_at IS NULL`,
  );
  if (c.cards === 0 || unscored!.n > 0)
    throw conflict('Сначала подведите итоги: рассчитайте баллы и уровни.');
  await db.transaction(async (tx) => {
    await tx.query(sql`UPDATE expert_campaigns SET closed_at = now() WHERE id = ${id}`);
    await writeAudit(tx, { actor, action: 'publish', entity: 'expert_campaign', entityId: id });
  });
  return getCampaign(db, actor, id);
}

/** How many days before a deadline the reminders come. */
export const REMIND_DAYS_BEFORE = 3;

/**
 * The daily reminders (a schedule, `expert-cards.jobs.ts`): heads (and their deputies) REMIND_DAYS_BEFORE days before
 * fill_by and every day after it while the card is not submitted; experts REMIND_DAYS_BEFORE days
 * before verify_by and on the day when items await their review. Set-based; a notification's
 * dedupe key names the day, so a rerun the same day adds nothing.
 */
export async function remindDeadlines(db: Db, date: string): Promise<{ notified: number }> {
  const soon = addDays(date, REMIND_DAYS_BEFORE);
  const recipients = await db.query<RecipientRow<'expert_card_deadline'>>(sql`
    SELECT u.id AS user_id, 'expert-card:' || c.id || ':head:' || ${date} || ':' || u.id AS dedupe_key,
           jsonb_build_object('cardId', c.id, 'organizationName', o.short_name, 'campaignTitle', cp.title,
             'dueOn', cp.fill_by::text, 'who', 'head', 'overdue', ${date}::date > cp.fill_by) AS facts
    FROM expert_cards c JOIN expert_campaigns cp ON cp.id = c.campaign_id AND cp.closed_at IS NULL
    JOIN organizations o ON o.id = c.organization_id
    JOIN users u ON u.active AND ((u.role = 'org_head' AND u.organization_id = c.organization_id)
      OR u.id IN (SELECT dl.user_id FROM expert_card_delegates dl WHERE dl.organization_id = c.organization_id))
    WHERE c.status = 'draft' AND (cp.fill_by = ${soon}::date OR cp.fill_by = ${date}::date
          OR (${date}::date > cp.fill_by AND ${date}::date <= cp.verify_by))
    UNION ALL
    SELECT u.id, 'expert-card:' || c.id || ':expert:' || ${date} || ':' || u.id,
           jsonb_build_object('cardId', c.id, 'organizationName', o.short_name, 'campaignTitle', cp.title,
             'dueOn', cp.verify_by::text, 'who', 'expert', 'overdue', false)
    FROM expert_cards c JOIN expert_campaigns cp ON cp.id = c.campaign_id AND cp.closed_at IS NULL
    JOIN organizations o ON o.id = c.organization_id
    JOIN expert_card_assignments ea ON ea.card_id = c.id
    JOIN users u ON u.id = ea.expert_id AND u.active
    WHERE c.status IN ('submitted', 'returned') AND (cp.verify_by = ${soon}::date OR cp.verify_by = ${date}::date)
      AND EXISTS (SELECT 1 FROM expert_card_answers a WHERE a.card_id = c.id AND a.review IN ('pending','corrected'))`);
  return { notified: await notify(db, 'expert_card_deadline', recipients) };
}
