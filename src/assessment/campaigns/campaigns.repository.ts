import type { SQL } from 'drizzle-orm';
import { type DerivedRules, youngSql } from '../../directory/derived/derived-rules.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { orgScope } from '../../platform/auth/scope.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import { naturalOrder } from '../../platform/db/natural-order.ts';
import { type CampaignOwnerRow, campaignReadScope } from '../assessment.policy.ts';

export interface CampaignTarget {
  organizationIds?: string[] | undefined;
  orgKinds?: string[] | undefined;
  subjects?: string[] | undefined;
  positions?: string[] | undefined;
  youngOnly?: boolean | undefined;
}

export interface CampaignDb extends CampaignOwnerRow {
  id: string;
  name: string;
  framework_id: string | null;
  status: 'draft' | 'open' | 'closed';
  opens_at: string;
  closes_at: string;
  target: CampaignTarget;
  created_at: string;
  closed_at: string | null;
  participant_count: number;
  instruments: { id: string; name: string; kind: string }[];
}

const SELECT = sql`
  SELECT c.id, c.name, c.owner_level, c.region_id, c.municipality_id, c.organization_id, c.framework_id, c.status,
         c.opens_at, c.closes_at, c.target, c.created_at, c.closed_at,
         (SELECT count(*)::int FROM campaign_participants cp WHERE cp.campaign_id = c.id) AS participant_count,
         COALESCE((SELECT jsonb_agg(jsonb_build_object('id', i.id, 'name', i.name, 'kind', i.kind) ORDER BY ci.position)
                   FROM campaign_instruments ci JOIN instruments i ON i.id = ci.instrument_id
                   WHERE ci.campaign_id = c.id), '[]'::jsonb) AS instruments
  FROM assessment_campaigns c`;

/** Campaigns within the actor's read scope, the latest first. */
export async function listCampaignRows(db: Db, actor: Actor): Promise<CampaignDb[]> {
  return db.query<CampaignDb>(
    sql`${SELECT} WHERE ${campaignReadScope(actor)} ORDER BY c.opens_at DESC, c.name, c.id`,
  );
}

/** A campaign within the actor's read scope; null when there is none or it is outside. */
export async function findCampaign(db: Db, actor: Actor, id: string): Promise<CampaignDb | null> {
  const [r] = await db.query<CampaignDb>(sql`${SELECT} WHERE c.id = ${id} AND ${campaignReadScope(actor)}`);
  return r ?? null;
}

/** Whether the campaign exists and has no framework or this one (results loaded into it must match). */
export async function campaignTakesFramework(
  db: Db,
  campaignId: string,
  frameworkId: string,
): Promise<boolean> {
  const found = await db.query(sql`
    SELECT 1 FROM assessment_campaigns
    WHERE id = ${campaignId} AND (framework_id IS NULL OR framework_id = ${frameworkId})`);
  return found.length > 0;
}

/** Which of the organizations the actor sees. */
export async function visibleOrganizationIds(db: Db, actor: Actor, ids: string[]): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>(
    sql`SELECT o.id FROM organizations o WHERE o.id = ANY(${sql.param(ids)}::uuid[]) AND ${orgScope(actor, 'o')}`,
  );
  return new Set(rows.map((r) => r.id));
}

export interface CampaignWrite {
  name: string;
  ownerLevel: CampaignOwnerRow['owner_level'];
  regionId: string | null;
  municipalityId: string | null;
  organizationId: string | null;
  frameworkId: string | null;
  opensAt: string;
  closesAt: string;
  target: CampaignTarget;
  createdBy: string;
  /** In the order the campaign presents them. */
  instrumentIds: string[];
}

export async function insertCampaign(db: Db, w: CampaignWrite): Promise<string> {
  const [c] = await db.query<{ id: string }>(sql`
    INSERT INTO assessment_campaigns (name, owner_level, region_id, municipality_id, organization_id, framework_id,
                                      opens_at, closes_at, target, created_by)
    VALUES (${w.name}, ${w.ownerLevel}, ${w.regionId}, ${w.municipalityId}, ${w.organizationId},
            ${w.frameworkId}, ${w.opensAt}::timestamptz, ${w.closesAt}::timestamptz,
            ${JSON.stringify(w.target)}::jsonb, ${w.createdBy})
    RETURNING id`);
  const id = c!.id;
  await db.query(sql`
    INSERT INTO campaign_instruments (campaign_id, instrument_id, position)
    SELECT ${id}, x.id, x.ord - 1 FROM unnest(${sql.param(w.instrumentIds)}::uuid[]) WITH ORDINALITY AS x(id, ord)`);
  return id;
}

/** Draft → open; false when the campaign was no longer a draft. */
export async function markOpen(db: Db, id: string): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    sql`UPDATE assessment_campaigns SET status = 'open' WHERE id = ${id} AND status = 'draft' RETURNING id`,
  );
  return rows.length > 0;
}

/** Open → closed; false when the campaign was no longer open. */
export async function markClosed(db: Db, id: string): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    sql`UPDATE assessment_campaigns SET status = 'closed', closed_at = now()
        WHERE id = ${id} AND status = 'open' RETURNING id`,
  );
  return rows.length > 0;
}

/** The SQL rule of the target (e = employments, o = organizations, p = people). */
function targetWhere(c: CampaignDb, rules: DerivedRules, today: string): SQL {
  const t = c.target ?? {};
  const where: SQL[] = [sql`e.end_date IS NULL`];
  if (c.owner_level === 'region') where.push(sql`o.region_id = ${c.region_id}`);
  if (c.owner_level === 'municipality') where.push(sql`o.municipality_id = ${c.municipality_id}`);
  if (c.owner_level === 'organization') where.push(sql`o.id = ${c.organization_id}`);
  if (t.organizationIds?.length) where.push(sql`o.id = ANY(${sql.param(t.organizationIds)}::uuid[])`);
  if (t.orgKinds?.length) where.push(sql`o.kind::text = ANY(${sql.param(t.orgKinds)}::text[])`);
  if (t.subjects?.length) where.push(sql`e.subjects && ${sql.param(t.subjects)}::text[]`);
  if (t.positions?.length) where.push(sql`e.position = ANY(${sql.param(t.positions)}::text[])`);
  if (t.youngOnly) where.push(youngSql(rules, 'p', today));
  return sql.join(where, sql` AND `);
}

/**
 * Freezes the participants: everyone currently employed in the campaign's target, once, at their
 * main employment's organization when they have one. Returns how many were added.
 */
export async function insertParticipants(
  db: Db,
  c: CampaignDb,
  rules: DerivedRules,
  today: string,
): Promise<number> {
  const inserted = await db.query<{ person_id: string }>(sql`
    INSERT INTO campaign_participants (campaign_id, person_id, organization_id)
    SELECT DISTINCT ON (p.id) ${c.id}::uuid, p.id, e.organization_id
    FROM employments e
    JOIN people p ON p.id = e.person_id
    JOIN organizations o ON o.id = e.organization_id
    WHERE ${targetWhere(c, rules, today)}
    ORDER BY p.id, (e.kind = 'main') DESC, e.organization_id
    ON CONFLICT DO NOTHING
    RETURNING person_id`);
  return inserted.length;
}

export interface ProgressDb {
  organization_id: string;
  organization_name: string;
  invited: number;
  started: number;
  submitted: number;
  submitted_online: number;
  imported: number;
}

/**
 * Progress by organization within the viewer's scope: invited, started (at least one attempt),
 * submitted by any channel — online (every instrument of the campaign submitted) or imported
 * (results loaded into the campaign from a spreadsheet). A participant counted online is not
 * counted again as imported, so `submitted = submitted_online + imported`.
 */
export async function progressByOrganization(db: Db, actor: Actor, id: string): Promise<ProgressDb[]> {
  return db.query<ProgressDb>(sql`
    SELECT o.id AS organization_id, o.short_name AS organization_name,
           count(*)::int AS invited,
           count(*) FILTER (WHERE a.any_n > 0 OR r.imported)::int AS started,
           count(*) FILTER (WHERE (a.submitted_n >= ci.n AND ci.n > 0) OR r.imported)::int AS submitted,
           count(*) FILTER (WHERE a.submitted_n >= ci.n AND ci.n > 0)::int AS submitted_online,
           count(*) FILTER (WHERE r.imported AND NOT (a.submitted_n >= ci.n AND ci.n > 0))::int AS imported
    FROM campaign_participants cp
    JOIN organizations o ON o.id = cp.organization_id
    CROSS JOIN (SELECT count(*)::int AS n FROM campaign_instruments WHERE campaign_id = ${id}) ci
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS any_n, count(*) FILTER (WHERE at.status = 'submitted')::int AS submitted_n
      FROM assessment_attempts at WHERE at.campaign_id = cp.campaign_id AND at.person_id = cp.person_id
    ) a ON true
    CROSS JOIN LATERAL (
      SELECT EXISTS (
        SELECT 1 FROM competency_results cr
        WHERE cr.campaign_id = cp.campaign_id AND cr.person_id = cp.person_id AND cr.source = 'import'
      ) AS imported
    ) r
    WHERE cp.campaign_id = ${id} AND ${orgScope(actor, 'o')}
    GROUP BY o.id, o.short_name
    ORDER BY ${naturalOrder('o.short_name')}, o.id`);
}
