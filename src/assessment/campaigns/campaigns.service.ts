import type { SQL } from 'drizzle-orm';
import { loadDerivedRules } from '../../directory/derived/derived-rules.repository.ts';
import { youngSql } from '../../directory/derived/derived-rules.ts';
import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor, Role } from '../../platform/auth/actor.ts';
import { orgScope, requireRole } from '../../platform/auth/scope.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { today } from '../../platform/time/today.ts';
import { findFramework } from '../frameworks/frameworks.repository.ts';
import { findInstrument } from '../instruments/instruments.repository.ts';

/** Roles that conduct campaigns, each at its own level. */
export const CAMPAIGN_OWNERS: readonly Role[] = ['admin', 'region_admin', 'municipal_methodist', 'org_head'];

export interface CampaignTarget {
  organizationIds?: string[] | undefined;
  orgKinds?: string[] | undefined;
  subjects?: string[] | undefined;
  positions?: string[] | undefined;
  youngOnly?: boolean | undefined;
}

export interface CampaignInput {
  name: string;
  frameworkId?: string | null | undefined;
  instrumentIds: string[];
  opensAt: string;
  closesAt: string;
  target: CampaignTarget;
}

interface CampaignDb {
  id: string;
  name: string;
  owner_level: 'system' | 'region' | 'municipality' | 'organization';
  region_id: string | null;
  municipality_id: string | null;
  organization_id: string | null;
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

const ACTOR_REGION = (a: Actor): SQL => sql`COALESCE(${a.regionId}::uuid,
  (SELECT region_id FROM municipalities WHERE id = ${a.municipalityId}::uuid),
  (SELECT region_id FROM organizations WHERE id = ${a.organizationId}::uuid))`;
const ACTOR_MUNI = (a: Actor): SQL => sql`COALESCE(${a.municipalityId}::uuid,
  (SELECT municipality_id FROM organizations WHERE id = ${a.organizationId}::uuid))`;

/**
 * Campaigns the actor may see (`c` = assessment_campaigns alias): the region operator those of
 * their region; municipality roles their municipality's and their region's; a school head their
 * school's and the municipality's and region's that cover it. Teachers use their cabinet instead.
 */
export function campaignReadScope(actor: Actor, c = 'c'): SQL {
  const t = sql.raw(c);
  switch (actor.role) {
    case 'admin':
      return sql`true`;
    case 'region_admin':
      return actor.regionId ? sql`${t}.region_id = ${actor.regionId}` : sql`false`;
    case 'municipal_methodist':
    case 'municipal_head':
      return actor.municipalityId
        ? sql`(${t}.municipality_id = ${actor.municipalityId}
            OR (${t}.owner_level = 'region' AND ${t}.region_id = ${ACTOR_REGION(actor)}))`
        : sql`false`;
    case 'org_head':
      return actor.organizationId
        ? sql`(${t}.organization_id = ${actor.organizationId}
            OR (${t}.owner_level = 'municipality' AND ${t}.municipality_id = ${ACTOR_MUNI(actor)})
            OR (${t}.owner_level = 'region' AND ${t}.region_id = ${ACTOR_REGION(actor)}))`
        : sql`false`;
    default:
      return sql`false`;
  }
}

/** Who may open and close a campaign: its owner level's own role (the admin any). */
function canManage(actor: Actor, c: CampaignDb): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'region_admin':
      return c.owner_level === 'region' && c.region_id === actor.regionId;
    case 'municipal_methodist':
      return c.owner_level === 'municipality' && c.municipality_id === actor.municipalityId;
    case 'org_head':
      return c.owner_level === 'organization' && c.organization_id === actor.organizationId;
    default:
      return false;
  }
}

const SELECT = sql`
  SELECT c.id, c.name, c.owner_level, c.region_id, c.municipality_id, c.organization_id, c.framework_id, c.status,
         c.opens_at, c.closes_at, c.target, c.created_at, c.closed_at,
         (SELECT count(*)::int FROM campaign_participants cp WHERE cp.campaign_id = c.id) AS participant_count,
         COALESCE((SELECT jsonb_agg(jsonb_build_object('id', i.id, 'name', i.name, 'kind', i.kind) ORDER BY ci.position)
                   FROM campaign_instruments ci JOIN instruments i ON i.id = ci.instrument_id
                   WHERE ci.campaign_id = c.id), '[]'::jsonb) AS instruments
  FROM assessment_campaigns c`;

function present(actor: Actor, r: CampaignDb) {
  return {
    id: r.id,
    name: r.name,
    ownerLevel: r.owner_level,
    regionId: r.region_id,
    municipalityId: r.municipality_id,
    organizationId: r.organization_id,
    frameworkId: r.framework_id,
    status: r.status,
    opensAt: new Date(r.opens_at).toISOString(),
    closesAt: new Date(r.closes_at).toISOString(),
    target: r.target,
    participantCount: r.participant_count,
    instruments: r.instruments,
    createdAt: new Date(r.created_at).toISOString(),
    closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
    canManage: canManage(actor, r),
  };
}

async function findCampaign(db: Db, actor: Actor, id: string): Promise<CampaignDb> {
  const [r] = await db.query<CampaignDb>(sql`${SELECT} WHERE c.id = ${id} AND ${campaignReadScope(actor)}`);
  if (!r) throw notFound('Кампания диагностики не найдена или недоступна.');
  return r;
}

export async function listCampaigns(db: Db, actor: Actor) {
  requireRole(actor, [...CAMPAIGN_OWNERS, 'municipal_head']);
  const rows = await db.query<CampaignDb>(
    sql`${SELECT} WHERE ${campaignReadScope(actor)} ORDER BY c.opens_at DESC, c.name, c.id`,
  );
  return rows.map((r) => present(actor, r));
}

export async function getCampaign(db: Db, actor: Actor, id: string) {
  requireRole(actor, [...CAMPAIGN_OWNERS, 'municipal_head']);
  return present(actor, await findCampaign(db, actor, id));
}

async function ownerOf(db: Db, actor: Actor) {
  const none = { regionId: null, municipalityId: null, organizationId: null };
  switch (actor.role) {
    case 'region_admin':
      if (!actor.regionId) throw forbidden();
      return { ...none, ownerLevel: 'region' as const, regionId: actor.regionId };
    case 'municipal_methodist': {
      if (!actor.municipalityId) throw forbidden();
      const [m] = await db.query<{ region_id: string }>(
        sql`SELECT region_id FROM municipalities WHERE id = ${actor.municipalityId}`,
      );
      return {
        ...none,
        ownerLevel: 'municipality' as const,
        regionId: m?.region_id ?? null,
        municipalityId: actor.municipalityId,
      };
    }
    case 'org_head': {
      if (!actor.organizationId) throw forbidden();
      const [o] = await db.query<{ region_id: string; municipality_id: string }>(
        sql`SELECT region_id, municipality_id FROM organizations WHERE id = ${actor.organizationId}`,
      );
      return {
        ownerLevel: 'organization' as const,
        regionId: o?.region_id ?? null,
        municipalityId: o?.municipality_id ?? null,
        organizationId: actor.organizationId,
      };
    }
    default:
      return { ...none, ownerLevel: 'system' as const };
  }
}

export async function createCampaign(db: Db, actor: Actor, input: CampaignInput): Promise<string> {
  requireRole(actor, CAMPAIGN_OWNERS);
  if (new Date(input.closesAt).getTime() <= new Date(input.opensAt).getTime())
    throw invalid('Дата окончания должна быть позже даты начала.', [
      { path: 'closesAt', message: 'Окончание позже начала' },
    ]);
  const frameworkId = input.frameworkId ?? null;
  if (frameworkId && !(await findFramework(db, actor, frameworkId)))
    throw invalid('Карта компетенций не найдена или недоступна.', [
      { path: 'frameworkId', message: 'Нет такой карты компетенций' },
    ]);
  const instrumentIds = [...new Set(input.instrumentIds)];
  for (const [i, id] of instrumentIds.entries()) {
    const instrument = await findInstrument(db, actor, id);
    if (!instrument)
      throw invalid('Методика не найдена или недоступна.', [
        { path: `instrumentIds.${i}`, message: 'Нет такой методики' },
      ]);
    if (frameworkId && instrument.framework_id && instrument.framework_id !== frameworkId)
      throw invalid(`Методика «${instrument.name}» построена на другой карте компетенций.`, [
        { path: `instrumentIds.${i}`, message: 'Другая карта компетенций' },
      ]);
  }
  const orgIds = [...new Set(input.target.organizationIds ?? [])];
  if (orgIds.length) {
    const visible = await db.query<{ id: string }>(
      sql`SELECT o.id FROM organizations o WHERE o.id = ANY(${sql.param(orgIds)}::uuid[]) AND ${orgScope(actor, 'o')}`,
    );
    const ok = new Set(visible.map((r) => r.id));
    const outside = orgIds.filter((id) => !ok.has(id));
    if (outside.length)
      throw invalid('Организации вне вашей зоны ответственности нельзя включить в кампанию.', [
        { path: 'target.organizationIds', message: `Недоступны: ${outside.join(', ')}` },
      ]);
  }
  const owner = await ownerOf(db, actor);
  const target: CampaignTarget = { ...input.target, ...(orgIds.length ? { organizationIds: orgIds } : {}) };
  return db.transaction(async (tx) => {
    const [c] = await tx.query<{ id: string }>(sql`
      INSERT INTO assessment_campaigns (name, owner_level, region_id, municipality_id, organization_id, framework_id,
                                        opens_at, closes_at, target, created_by)
      VALUES (${input.name}, ${owner.ownerLevel}, ${owner.regionId}, ${owner.municipalityId}, ${owner.organizationId},
              ${frameworkId}, ${input.opensAt}::timestamptz, ${input.closesAt}::timestamptz,
              ${JSON.stringify(target)}::jsonb, ${actor.userId})
      RETURNING id`);
    const id = c!.id;
    await tx.query(sql`
      INSERT INTO campaign_instruments (campaign_id, instrument_id, position)
      SELECT ${id}, x.id, x.ord - 1 FROM unnest(${sql.param(instrumentIds)}::uuid[]) WITH ORDINALITY AS x(id, ord)`);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'assessment_campaign',
      entityId: id,
      after: {
        name: input.name,
        frameworkId,
        instrumentIds,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        target,
        ...owner,
      },
    });
    return id;
  });
}

async function manageable(db: Db, actor: Actor, id: string): Promise<CampaignDb> {
  requireRole(actor, CAMPAIGN_OWNERS);
  const c = await findCampaign(db, actor, id);
  if (!canManage(actor, c)) throw forbidden('Кампанией управляет тот, кто её создал.');
  return c;
}

/** The SQL rule of the target (e = employments, o = organizations, p = people). */
function targetWhere(c: CampaignDb, rules: Awaited<ReturnType<typeof loadDerivedRules>>): SQL {
  const t = c.target ?? {};
  const where: SQL[] = [sql`e.end_date IS NULL`];
  if (c.owner_level === 'region') where.push(sql`o.region_id = ${c.region_id}`);
  if (c.owner_level === 'municipality') where.push(sql`o.municipality_id = ${c.municipality_id}`);
  if (c.owner_level === 'organization') where.push(sql`o.id = ${c.organization_id}`);
  if (t.organizationIds?.length) where.push(sql`o.id = ANY(${sql.param(t.organizationIds)}::uuid[])`);
  if (t.orgKinds?.length) where.push(sql`o.kind::text = ANY(${sql.param(t.orgKinds)}::text[])`);
  if (t.subjects?.length) where.push(sql`e.subjects && ${sql.param(t.subjects)}::text[]`);
  if (t.positions?.length) where.push(sql`e.position = ANY(${sql.param(t.positions)}::text[])`);
  if (t.youngOnly) where.push(youngSql(rules, 'p', today()));
  return sql.join(where, sql` AND `);
}

/** Opens a draft campaign and freezes its participants: everyone currently employed in the target. */
export async function openCampaign(db: Db, actor: Actor, id: string): Promise<void> {
  const c = await manageable(db, actor, id);
  if (c.status !== 'draft') throw conflict('Открыть можно только кампанию в статусе «черновик».');
  const rules = await loadDerivedRules(db);
  await db.transaction(async (tx) => {
    const [updated] = await tx.query<{ id: string }>(
      sql`UPDATE assessment_campaigns SET status = 'open' WHERE id = ${id} AND status = 'draft' RETURNING id`,
    );
    if (!updated) throw conflict('Открыть можно только кампанию в статусе «черновик».');
    const inserted = await tx.query<{ person_id: string }>(sql`
      INSERT INTO campaign_participants (campaign_id, person_id, organization_id)
      SELECT DISTINCT ON (p.id) ${id}::uuid, p.id, e.organization_id
      FROM employments e
      JOIN people p ON p.id = e.person_id
      JOIN organizations o ON o.id = e.organization_id
      WHERE ${targetWhere(c, rules)}
      ORDER BY p.id, (e.kind = 'main') DESC, e.organization_id
      ON CONFLICT DO NOTHING
      RETURNING person_id`);
    await writeAudit(tx, {
      actor,
      action: 'open',
      entity: 'assessment_campaign',
      entityId: id,
      before: { status: c.status },
      after: { status: 'open', participants: inserted.length },
    });
  });
}

export async function closeCampaign(db: Db, actor: Actor, id: string): Promise<void> {
  const c = await manageable(db, actor, id);
  if (c.status !== 'open') throw conflict('Закрыть можно только открытую кампанию.');
  await db.transaction(async (tx) => {
    const [updated] = await tx.query<{ id: string }>(
      sql`UPDATE assessment_campaigns SET status = 'closed', closed_at = now()
          WHERE id = ${id} AND status = 'open' RETURNING id`,
    );
    if (!updated) throw conflict('Закрыть можно только открытую кампанию.');
    await writeAudit(tx, {
      actor,
      action: 'close',
      entity: 'assessment_campaign',
      entityId: id,
      before: { status: 'open' },
      after: { status: 'closed' },
    });
  });
}

/**
 * Progress by organization within the viewer's scope: invited, started (at least one attempt),
 * submitted (every instrument of the campaign submitted).
 */
export async function campaignProgress(db: Db, actor: Actor, id: string) {
  requireRole(actor, [...CAMPAIGN_OWNERS, 'municipal_head']);
  await findCampaign(db, actor, id);
  const rows = await db.query<{
    organization_id: string;
    organization_name: string;
    invited: number;
    started: number;
    submitted: number;
  }>(sql`
    SELECT o.id AS organization_id, o.short_name AS organization_name,
           count(*)::int AS invited,
           count(*) FILTER (WHERE a.any_n > 0)::int AS started,
           count(*) FILTER (WHERE a.submitted_n >= ci.n AND ci.n > 0)::int AS submitted
    FROM campaign_participants cp
    JOIN organizations o ON o.id = cp.organization_id
    CROSS JOIN (SELECT count(*)::int AS n FROM campaign_instruments WHERE campaign_id = ${id}) ci
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS any_n, count(*) FILTER (WHERE at.status = 'submitted')::int AS submitted_n
      FROM assessment_attempts at WHERE at.campaign_id = cp.campaign_id AND at.person_id = cp.person_id
    ) a ON true
    WHERE cp.campaign_id = ${id} AND ${orgScope(actor, 'o')}
    GROUP BY o.id, o.short_name
    ORDER BY o.short_name, o.id`);
  return rows.map((r) => ({
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    invited: r.invited,
    started: r.started,
    submitted: r.submitted,
  }));
}
