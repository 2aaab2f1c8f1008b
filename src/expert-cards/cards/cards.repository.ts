import type { Actor } from '../../platform/auth/actor.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import { type CardReport, itemPoints } from '../card-report.ts';
import { cardScope } from '../expert-cards.policy.ts';
import type { AnswerValue, Evidence, LevelBand, ScoringRule } from '../scoring.ts';
import { maxPoints } from '../scoring.ts';
import { effectiveMax } from '../templates/template-check.ts';

/** The expert cards' queries: one card's rows, the items of a card, the reports of a campaign. */

export type CardRow = {
  id: string;
  campaign_id: string;
  organization_id: string;
  template_id: string;
  status: 'draft' | 'submitted' | 'returned' | 'verified';
  submitted_at: string | null;
  late: boolean;
  reopened_at: string | null;
  reopen_reason: string | null;
  verified_at: string | null;
  total_points: number | null;
  level: string | null;
  rank: number | null;
  direction_points: Record<string, number> | null;
  version: number;
  municipality_id: string;
  region_id: string;
  school_year: number;
  campaign_title: string;
  fill_by: string;
  verify_by: string;
  evaluate_by: string;
  max_basis: 'document' | 'items';
  closed_at: string | null;
  org_name: string;
  org_kind: string;
  assigned: boolean;
  delegated: boolean;
};

/** The card if the caller sees it. */
export async function findCard(db: Db, actor: Actor, id: string): Promise<CardRow | undefined> {
  const [row] = await db.query<CardRow>(sql`
    SELECT c.id, c.campaign_id, c.organization_id, c.template_id, c.status, c.submitted_at::text, c.late,
           c.reopened_at::text, c.reopen_reason, c.verified_at::text, c.total_points, c.level, c.rank,
           c.direction_points, c.version, cp.municipality_id, cp.region_id, cp.school_year,
           cp.title AS campaign_title, cp.fill_by::text, cp.verify_by::text, cp.evaluate_by::text, cp.max_basis,
           cp.closed_at::text, o.short_name AS org_name, o.kind::text AS org_kind,
           EXISTS (SELECT 1 FROM expert_card_assignments ea WHERE ea.card_id = c.id AND ea.expert_id = ${actor.userId})
             AS assigned,
           EXISTS (SELECT 1 FROM expert_card_delegates dl
                   WHERE dl.organization_id = c.organization_id AND dl.user_id = ${actor.userId}) AS delegated
    FROM expert_cards c
    JOIN expert_campaigns cp ON cp.id = c.campaign_id
    JOIN organizations o ON o.id = c.organization_id
    WHERE c.id = ${id} AND ${cardScope(actor)}`);
  return row;
}

export type AnswerRow = {
  item_id: string;
  direction_id: string;
  direction_position: number;
  direction_title: string;
  direction_stated_max: number | null;
  position: number;
  text: string;
  method: string;
  rule: ScoringRule;
  source: string;
  periodicity: string;
  evidence_required: boolean;
  prefill_source: string | null;
  note: string;
  value: AnswerValue | null;
  comment: string;
  evidence: Evidence[];
  prefill: { value: AnswerValue; source: string; detail: string; computedAt: string } | null;
  claimed_points: number | null;
  review: 'pending' | 'accepted' | 'changed' | 'returned' | 'corrected';
  verified_points: number | null;
  expert_comment: string;
  flag: string | null;
  version: number;
  updated_at: string;
};

/** The items of cards with their answers, in the template's order. */
export function answersOf(db: Db, cardIds: string[], itemId?: string) {
  return db.query<AnswerRow & { card_id: string }>(sql`
    SELECT a.card_id, i.id AS item_id, d.id AS direction_id, d.position AS direction_position,
           d.title AS direction_title, d.stated_max AS direction_stated_max, i.position, i.text, i.method, i.rule,
           i.source, i.periodicity, i.evidence_required, i.prefill_source, i.note, a.value, a.comment, a.evidence,
           a.prefill, a.claimed_points, a.review, a.verified_points, a.expert_comment, a.flag, a.version,
           a.updated_at::text
    FROM expert_card_answers a
    JOIN expert_card_items i ON i.id = a.item_id
    JOIN expert_card_directions d ON d.id = i.direction_id
    WHERE a.card_id = ANY(${sql.param(cardIds)}::uuid[]) ${itemId ? sql`AND a.item_id = ${itemId}` : sql``}
    ORDER BY a.card_id, d.position, i.position`);
}

export async function addHistory(
  db: Db,
  rows: { cardId: string; itemId?: string | null; kind: string; comment?: string; actorId: string | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  const data = rows.map((r) => ({
    card_id: r.cardId,
    item_id: r.itemId ?? null,
    kind: r.kind,
    comment: r.comment ?? '',
    actor_id: r.actorId,
  }));
  await db.query(sql`
    INSERT INTO expert_card_history (card_id, item_id, kind, comment, actor_id)
    SELECT x.card_id, x.item_id, x.kind, x.comment, x.actor_id
    FROM jsonb_to_recordset(${JSON.stringify(data)}::jsonb)
      AS x(card_id uuid, item_id uuid, kind text, comment text, actor_id uuid)`);
}

export function historyOf(db: Db, cardId: string) {
  return db.query<{
    kind: string;
    item_id: string | null;
    comment: string;
    actor: string | null;
    at: string;
  }>(sql`
    SELECT h.kind, h.item_id, h.comment, u.full_name AS actor, h.at::text
    FROM expert_card_history h LEFT JOIN users u ON u.id = h.actor_id
    WHERE h.card_id = ${cardId} ORDER BY h.at, h.id`);
}

export function expertsOf(db: Db, cardIds: string[]) {
  return db.query<{ card_id: string; id: string; full_name: string }>(sql`
    SELECT ea.card_id, u.id, u.full_name FROM expert_card_assignments ea JOIN users u ON u.id = ea.expert_id
    WHERE ea.card_id = ANY(${sql.param(cardIds)}::uuid[]) ORDER BY u.full_name`);
}

/**
 * The cards of a campaign as `CardReport` (results and exports read these, never the tables):
 * no scope here — the route checks the campaign first.
 */
export async function loadCardReports(
  db: Db,
  { campaignId, cardIds }: { campaignId: string; cardIds?: string[] },
): Promise<CardReport[]> {
  const cards = await db.query<{
    id: string;
    organization_id: string;
    template_id: string;
    status: string;
    submitted_at: string | null;
    late: boolean;
    verified_at: string | null;
    total_points: number | null;
    level: string | null;
    rank: number | null;
    group_size: number;
    cp_id: string;
    cp_title: string;
    school_year: number;
    fill_by: string;
    verify_by: string;
    evaluate_by: string;
    max_basis: 'document' | 'items';
    max_basis_note: string;
    closed_at: string | null;
    municipality_id: string;
    org_name: string;
    org_short: string | null;
    org_kind: string;
    municipality_name: string;
    t_title: string;
    t_version: number;
    t_stated_max: number | null;
    t_levels: LevelBand[];
    head_name: string | null;
    head_position: string | null;
  }>(sql`
    SELECT c.id, c.organization_id, c.template_id, c.status, c.submitted_at::text, c.late, c.verified_at::text,
           c.total_points, c.level, c.rank,
           (SELECT count(*)::int FROM expert_cards g JOIN organizations go ON go.id = g.organization_id
             WHERE g.campaign_id = c.campaign_id AND go.kind = o.kind) AS group_size,
           cp.id AS cp_id, cp.title AS cp_title, cp.school_year, cp.fill_by::text, cp.verify_by::text,
           cp.evaluate_by::text, cp.max_basis, cp.max_basis_note, cp.closed_at::text, cp.municipality_id,
           o.full_name AS org_name, o.short_name AS org_short, o.kind::text AS org_kind, m.name AS municipality_name,
           t.title AS t_title, t.version AS t_version, t.stated_max AS t_stated_max, t.levels AS t_levels,
           h.full_name AS head_name, h.position AS head_position
    FROM expert_cards c
    JOIN expert_campaigns cp ON cp.id = c.campaign_id
    JOIN organizations o ON o.id = c.organization_id
    JOIN municipalities m ON m.id = cp.municipality_id
    JOIN expert_card_templates t ON t.id = c.template_id
    LEFT JOIN LATERAL (
      SELECT u.full_name, COALESCE((SELECT e.position FROM employments e
               WHERE e.person_id = u.person_id AND e.organization_id = c.organization_id AND e.end_date IS NULL
               ORDER BY e.kind LIMIT 1), 'Руководитель') AS position
      FROM users u WHERE u.role = 'org_head' AND u.organization_id = c.organization_id AND u.active
      ORDER BY u.created_at LIMIT 1) h ON true
    WHERE c.campaign_id = ${campaignId} ${cardIds ? sql`AND c.id = ANY(${sql.param(cardIds)}::uuid[])` : sql``}
    ORDER BY o.kind, o.short_name, c.id`);
  if (cards.length === 0) return [];
  const ids = cards.map((c) => c.id);
  const [answers, experts, previous] = await Promise.all([
    answersOf(db, ids),
    expertsOf(db, ids),
    db.query<{
      organization_id: string;
      school_year: number;
      total_points: number | null;
      level: string | null;
      direction_points: Record<string, number> | null;
      template_id: string;
    }>(sql`
      SELECT DISTINCT ON (pc.organization_id) pc.organization_id, pp.school_year, pc.total_points, pc.level,
             pc.direction_points, pc.template_id
      FROM expert_cards pc JOIN expert_campaigns pp ON pp.id = pc.campaign_id
      WHERE pp.municipality_id = ${cards[0]!.municipality_id} AND pp.school_year = ${cards[0]!.school_year - 1}
        AND pc.organization_id = ANY(${sql.param(cards.map((c) => c.organization_id))}::uuid[])
      ORDER BY pc.organization_id`),
  ]);
  const prevDirections = previous.length
    ? await db.query<{ template_id: string; id: string; position: number }>(sql`
        SELECT template_id, id, position FROM expert_card_directions
        WHERE template_id = ANY(${sql.param([...new Set(previous.map((p) => p.template_id))])}::uuid[]) ORDER BY position`)
    : [];
  const byCard = groupBy(answers, (a) => a.card_id);
  const expertsBy = groupBy(experts, (e) => e.card_id);
  const prevBy = new Map(previous.map((p) => [p.organization_id, p]));
  return cards.map((c): CardReport => {
    const rows = byCard.get(c.id) ?? [];
    const dirs = [...groupBy(rows, (r) => r.direction_id).values()].map((items) => {
      const first = items[0]!;
      const reportItems = items.map((r) => ({
        id: r.item_id,
        position: r.position,
        text: r.text,
        method: r.method,
        maxPoints: maxPoints(r.rule),
        value: r.value,
        comment: r.comment,
        evidence: r.evidence,
        prefill: r.prefill,
        claimedPoints: r.claimed_points,
        review: r.review,
        verifiedPoints: r.verified_points,
        expertComment: r.expert_comment,
        flag: r.flag,
      }));
      return {
        id: first.direction_id,
        position: first.direction_position,
        title: first.direction_title,
        statedMax: first.direction_stated_max,
        itemsMax: reportItems.reduce((s, i) => s + i.maxPoints, 0),
        items: reportItems,
      };
    });
    const itemsMax = dirs.reduce((s, d) => s + d.itemsMax, 0);
    const prev = prevBy.get(c.organization_id);
    return {
      campaign: {
        id: c.cp_id,
        title: c.cp_title,
        schoolYear: c.school_year,
        fillBy: c.fill_by,
        verifyBy: c.verify_by,
        evaluateBy: c.evaluate_by,
        maxBasis: c.max_basis,
        maxBasisNote: c.max_basis_note,
        closedAt: c.closed_at,
      },
      organization: {
        id: c.organization_id,
        name: c.org_name,
        shortName: c.org_short,
        kind: c.org_kind,
        municipalityName: c.municipality_name,
      },
      template: {
        id: c.template_id,
        title: c.t_title,
        version: c.t_version,
        statedMax: c.t_stated_max,
        itemsMax,
        max: effectiveMax({ itemsMax, statedMax: c.t_stated_max }, c.max_basis),
        levels: c.t_levels,
      },
      card: {
        id: c.id,
        status: c.status,
        submittedAt: c.submitted_at,
        late: c.late,
        verifiedAt: c.verified_at,
        totalPoints: c.total_points,
        level: c.level,
        rank: c.rank,
        groupSize: c.group_size,
      },
      previous: prev
        ? {
            schoolYear: prev.school_year,
            totalPoints: prev.total_points,
            level: prev.level,
            byDirection: prevDirections
              .filter((d) => d.template_id === prev.template_id)
              .map((d) => prev.direction_points?.[d.id] ?? 0),
          }
        : null,
      head: c.head_name ? { fullName: c.head_name, position: c.head_position ?? '' } : null,
      experts: (expertsBy.get(c.id) ?? []).map((e) => ({ fullName: e.full_name })),
      directions: dirs,
    };
  });
}

/** Points of a report's direction (the expert's once reviewed, the head's claim before). */
export function directionPoints(d: CardReport['directions'][number]): number {
  return d.items.reduce((s, i) => s + itemPoints(i), 0);
}

function groupBy<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** A file attached as evidence is read by whoever sees the card (the experts open it inline). */
export async function evidenceFileVisible(db: Db, actor: Actor, fileId: string): Promise<boolean> {
  const rows = await db.query(sql`
    SELECT 1 FROM expert_card_answers a
    JOIN expert_cards c ON c.id = a.card_id JOIN expert_campaigns cp ON cp.id = c.campaign_id
    WHERE a.evidence @> ${JSON.stringify([{ kind: 'file', fileId }])}::jsonb AND ${cardScope(actor)} LIMIT 1`);
  return rows.length > 0;
}
