import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import {
  actorRegionSql,
  editsSql,
  materialScope,
  moderatesSql,
  ownsSql,
  sitsOnCouncilSql,
} from './practices.policy.ts';
import type { PracticeQuery } from './practices.schemas.ts';
import type { ApprobationLevel, PracticeKind, PracticeStatus } from './practices.vocabulary.ts';

/** SQL of the bank of practices and materials; every read is cut by `materialScope`. */

export interface MaterialDb {
  id: string;
  kind: PracticeKind;
  title: string;
  description: string;
  topic: string;
  subjects: string[];
  url: string | null;
  file_id: string | null;
  file_name: string | null;
  approbation_level: ApprobationLevel;
  status: PracticeStatus;
  return_reason: string | null;
  region_id: string;
  municipality_id: string | null;
  organization_id: string | null;
  organization_name: string | null;
  municipality_name: string | null;
  authors: { id: string; name: string }[];
  competencies: { id: string; code: string; name: string }[];
  moderator_name: string | null;
  submitted_at: string | null;
  moderated_at: string | null;
  published_at: string | null;
  updated_at: string;
  created_by: string | null;
  views: number;
  downloads: number;
  links: number;
  can_edit: boolean;
  can_moderate: boolean;
}

function selectMaterials(actor: Actor, where: SQL, order: SQL = sql`m.title`): SQL {
  return sql`
    SELECT m.id, m.kind, m.title, m.description, m.topic, m.subjects, m.url, m.file_id, f.file_name,
           m.approbation_level, m.status, m.return_reason, m.region_id, m.municipality_id, m.organization_id,
           o.short_name AS organization_name, mu.name AS municipality_name,
           COALESCE((SELECT jsonb_agg(jsonb_build_object('id', p.id,
                      'name', trim(p.last_name || ' ' || p.first_name || ' ' || p.patronymic)) ORDER BY pa.position, p.last_name)
                     FROM practice_material_authors pa JOIN people p ON p.id = pa.person_id WHERE pa.material_id = m.id), '[]'::jsonb) AS authors,
           COALESCE((SELECT jsonb_agg(jsonb_build_object('id', c.id, 'code', c.code, 'name', c.name) ORDER BY c.code)
                     FROM practice_material_competencies pc JOIN competencies c ON c.id = pc.competency_id
                     WHERE pc.material_id = m.id), '[]'::jsonb) AS competencies,
           mu_user.full_name AS moderator_name, m.submitted_at, m.moderated_at, m.published_at, m.updated_at, m.created_by,
           COALESCE(u.views, 0)::int AS views, COALESCE(u.downloads, 0)::int AS downloads,
           (COALESCE(u.links, 0) + (SELECT count(*) FROM practice_material_links l WHERE l.material_id = m.id)
             + (SELECT count(*) FROM learning_route_items ri WHERE ri.activity_kind = 'self_education' AND ri.activity_id = m.id))::int AS links,
           COALESCE(${editsSql(actor)}, false) AS can_edit, COALESCE(${moderatesSql(actor)}, false) AS can_moderate
    FROM practice_materials m
    LEFT JOIN stored_files f ON f.id = m.file_id
    LEFT JOIN organizations o ON o.id = m.organization_id
    LEFT JOIN municipalities mu ON mu.id = m.municipality_id
    LEFT JOIN users mu_user ON mu_user.id = m.moderated_by
    LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE us.kind = 'view') AS views,
                              count(*) FILTER (WHERE us.kind = 'download') AS downloads,
                              count(*) FILTER (WHERE us.kind = 'link') AS links
                       FROM practice_material_uses us WHERE us.material_id = m.id) u ON true
    WHERE ${materialScope(actor)} AND ${where}
    ORDER BY ${order}, m.id`;
}

const ORDERS: Record<string, SQL> = {
  published: sql`m.published_at DESC NULLS LAST, m.title`,
  title: sql`m.title`,
  uses: sql`(COALESCE(u.views, 0) + COALESCE(u.downloads, 0) + COALESCE(u.links, 0)) DESC, m.title`,
  updated: sql`m.updated_at DESC`,
};

export async function listMaterials(db: Db, actor: Actor, q: PracticeQuery): Promise<MaterialDb[]> {
  const where: SQL[] = [];
  const mine = q.mine === 'true';
  if (q.status) where.push(sql`m.status = ${q.status}`);
  else if (!mine) where.push(sql`m.status = 'published'`);
  if (mine) where.push(ownsSql(actor));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(m.title ILIKE ${like} OR m.description ILIKE ${like} OR m.topic ILIKE ${like})`);
  }
  if (q.subject)
    where.push(sql`EXISTS (SELECT 1 FROM unnest(m.subjects) s WHERE lower(s) = lower(${q.subject}))`);
  if (q.competencyId)
    where.push(
      sql`EXISTS (SELECT 1 FROM practice_material_competencies pc WHERE pc.material_id = m.id AND pc.competency_id = ${q.competencyId})`,
    );
  if (q.level) where.push(sql`m.approbation_level = ${q.level}`);
  if (q.kind) where.push(sql`m.kind = ${q.kind}`);
  if (q.organizationId) where.push(sql`m.organization_id = ${q.organizationId}`);
  if (q.communityId)
    where.push(
      sql`EXISTS (SELECT 1 FROM practice_material_links pl WHERE pl.material_id = m.id AND pl.community_id = ${q.communityId})`,
    );
  if (q.status === 'on_moderation' && !mine) where.push(moderatesSql(actor));
  const order = ORDERS[q.sort ?? (mine ? 'updated' : 'published')]!;
  return db.query<MaterialDb>(
    selectMaterials(actor, where.length ? sql.join(where, sql` AND `) : sql`true`, order),
  );
}

export async function findMaterial(db: Db, actor: Actor, id: string): Promise<MaterialDb | null> {
  const rows = await db.query<MaterialDb>(selectMaterials(actor, sql`m.id = ${id}`));
  return rows[0] ?? null;
}

export async function materialLinks(db: Db, actor: Actor, id: string) {
  const events = await db.query<{ id: string; event_id: string; title: string; presenter: string }>(sql`
    SELECT l.id, e.id AS event_id, e.title, trim(p.last_name || ' ' || p.first_name || ' ' || p.patronymic) AS presenter
    FROM practice_material_links l JOIN event_registrations r ON r.id = l.registration_id
    JOIN events e ON e.id = r.event_id JOIN people p ON p.id = r.person_id
    WHERE l.material_id = ${id} ORDER BY e.starts_on DESC NULLS LAST, e.title`);
  const communities = await db.query<{ id: string; community_id: string; name: string }>(sql`
    SELECT l.id, c.id AS community_id, c.name FROM practice_material_links l JOIN communities c ON c.id = l.community_id
    WHERE l.material_id = ${id} AND (c.region_id = ${actorRegionSql(actor)} OR ${actor.role === 'admin'})
    ORDER BY c.name`);
  const [route] = await db.query<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM learning_route_items WHERE activity_kind = 'self_education' AND activity_id = ${id}`);
  return { events, communities, routeItems: route?.n ?? 0 };
}

export interface MaterialWrite {
  kind: PracticeKind;
  title: string;
  description: string;
  topic: string;
  subjects: string[];
  url: string | null;
  fileId: string | null;
  approbationLevel: ApprobationLevel;
}

export async function insertMaterial(
  db: Db,
  w: MaterialWrite & {
    regionId: string;
    municipalityId: string | null;
    organizationId: string | null;
    createdBy: string;
  },
): Promise<string> {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO practice_materials (kind, title, description, topic, subjects, url, file_id, approbation_level,
                                    region_id, municipality_id, organization_id, created_by)
    VALUES (${w.kind}, ${w.title}, ${w.description}, ${w.topic}, ${sql.param(w.subjects)}::text[], ${w.url}, ${w.fileId},
            ${w.approbationLevel}, ${w.regionId}, ${w.municipalityId}, ${w.organizationId}, ${w.createdBy})
    RETURNING id`);
  return row!.id;
}

export async function updateMaterial(db: Db, id: string, w: MaterialWrite): Promise<void> {
  await db.query(sql`
    UPDATE practice_materials SET kind = ${w.kind}, title = ${w.title}, description = ${w.description}, topic = ${w.topic},
      subjects = ${sql.param(w.subjects)}::text[], url = ${w.url}, file_id = ${w.fileId},
      approbation_level = ${w.approbationLevel}, updated_at = now()
    WHERE id = ${id}`);
}

export async function setAuthors(db: Db, id: string, personIds: string[]): Promise<void> {
  await db.query(sql`DELETE FROM practice_material_authors WHERE material_id = ${id}`);
  if (personIds.length)
    await db.query(sql`
      INSERT INTO practice_material_authors (material_id, person_id, position)
      SELECT ${id}, x.id, x.n - 1 FROM unnest(${sql.param(personIds)}::uuid[]) WITH ORDINALITY AS x(id, n)`);
}

export async function setCompetencies(db: Db, id: string, competencyIds: string[]): Promise<void> {
  await db.query(sql`DELETE FROM practice_material_competencies WHERE material_id = ${id}`);
  if (competencyIds.length)
    await db.query(sql`
      INSERT INTO practice_material_competencies (material_id, competency_id)
      SELECT ${id}, c FROM unnest(${sql.param(competencyIds)}::uuid[]) AS c`);
}

export async function setStatus(
  db: Db,
  id: string,
  to: PracticeStatus,
  by: { userId: string; reason?: string | null },
): Promise<void> {
  await db.query(sql`
    UPDATE practice_materials SET status = ${to}, updated_at = now(),
      submitted_at = CASE WHEN ${to} = 'on_moderation' THEN now() ELSE submitted_at END,
      moderated_by = CASE WHEN ${to} IN ('published', 'returned') THEN ${by.userId}::uuid ELSE moderated_by END,
      moderated_at = CASE WHEN ${to} IN ('published', 'returned') THEN now() ELSE moderated_at END,
      published_at = CASE WHEN ${to} = 'published' THEN now() ELSE NULL END,
      return_reason = CASE WHEN ${to} = 'returned' THEN ${by.reason ?? null} WHEN ${to} = 'published' THEN NULL ELSE return_reason END
    WHERE id = ${id}`);
}

export async function deleteMaterial(db: Db, id: string): Promise<void> {
  await db.query(sql`DELETE FROM practice_materials WHERE id = ${id}`);
}

export async function recordUse(db: Db, id: string, kind: 'view' | 'download' | 'link', userId: string) {
  await db.query(
    sql`INSERT INTO practice_material_uses (material_id, kind, user_id) VALUES (${id}, ${kind}, ${userId})`,
  );
}

/** People among `ids` who exist (authors are people of the registry). */
export async function existingPeople(db: Db, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db.query<{ id: string }>(
    sql`SELECT id FROM people WHERE id = ANY(${sql.param(ids)}::uuid[])`,
  );
  return rows.map((r) => r.id);
}

export async function existingCompetencies(db: Db, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db.query<{ id: string }>(
    sql`SELECT id FROM competencies WHERE id = ANY(${sql.param(ids)}::uuid[])`,
  );
  return rows.map((r) => r.id);
}

/** The territory a new material belongs to: the organization's, else the municipality's or region's. */
export async function territoryOf(
  db: Db,
  q: {
    organizationId: string | null;
    municipalityId: string | null;
    regionId: string | null;
    personId: string | null;
  },
): Promise<{ region_id: string; municipality_id: string | null; organization_id: string | null } | null> {
  const rows = await db.query<{
    region_id: string;
    municipality_id: string | null;
    organization_id: string | null;
  }>(sql`
    SELECT o.region_id, o.municipality_id, o.id AS organization_id FROM organizations o
    WHERE o.id = COALESCE(${q.organizationId}::uuid,
      (SELECT e.organization_id FROM employments e WHERE e.person_id = ${q.personId}::uuid AND e.end_date IS NULL
       ORDER BY (e.kind = 'main') DESC, e.start_date NULLS LAST LIMIT 1))
    UNION ALL
    SELECT mu.region_id, mu.id, NULL FROM municipalities mu WHERE mu.id = ${q.municipalityId}::uuid
    UNION ALL
    SELECT r.id, NULL, NULL FROM regions r WHERE r.id = ${q.regionId}::uuid
    LIMIT 1`);
  return rows[0] ?? null;
}

/** The caller sits on a methodical council (or moderates by role). */
export async function sitsOnCouncil(db: Db, actor: Actor): Promise<boolean> {
  const [row] = await db.query<{ yes: boolean }>(sql`SELECT ${sitsOnCouncilSql(actor)} AS yes`);
  return !!row?.yes;
}

/** Users to tell about a moderation decision: the authors' users and the creator. */
export async function authorUsers(db: Db, id: string): Promise<string[]> {
  const rows = await db.query<{ user_id: string }>(sql`
    SELECT u.id AS user_id FROM users u WHERE u.active AND (
      u.person_id IN (SELECT person_id FROM practice_material_authors WHERE material_id = ${id})
      OR u.id = (SELECT created_by FROM practice_materials WHERE id = ${id}))`);
  return rows.map((r) => r.user_id);
}

export async function insertLink(
  db: Db,
  l: {
    materialId: string;
    registrationId?: string | undefined;
    communityId?: string | undefined;
    createdBy: string;
  },
): Promise<string> {
  // Attaching twice keeps one link (the community page's button may be pressed again).
  const same = sql`material_id = ${l.materialId}
    AND registration_id IS NOT DISTINCT FROM ${l.registrationId ?? null}::uuid
    AND community_id IS NOT DISTINCT FROM ${l.communityId ?? null}::uuid`;
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO practice_material_links (material_id, registration_id, community_id, created_by)
    SELECT ${l.materialId}, ${l.registrationId ?? null}, ${l.communityId ?? null}, ${l.createdBy}
    WHERE NOT EXISTS (SELECT 1 FROM practice_material_links WHERE ${same}) RETURNING id`);
  if (row) return row.id;
  const [existing] = await db.query<{ id: string }>(
    sql`SELECT id FROM practice_material_links WHERE ${same}`,
  );
  return existing!.id;
}

/** The registration's person and event, for the presenter's own materials. */
export async function findRegistration(db: Db, id: string) {
  const rows = await db.query<{ person_id: string; role: string }>(sql`
    SELECT person_id, role::text AS role FROM event_registrations WHERE id = ${id}`);
  return rows[0] ?? null;
}

/** Published materials of the region addressing the framework's competencies, most used first. */
export async function publishedForCompetencies(
  db: Db,
  frameworkId: string,
): Promise<{ id: string; title: string; region_id: string; competency_ids: string[]; subjects: string[] }[]> {
  return db.query(sql`
    SELECT m.id, m.title, m.region_id, m.subjects, array_agg(pc.competency_id::text ORDER BY pc.competency_id) AS competency_ids
    FROM practice_materials m JOIN practice_material_competencies pc ON pc.material_id = m.id
    JOIN competencies c ON c.id = pc.competency_id AND c.framework_id = ${frameworkId}
    WHERE m.status = 'published'
    GROUP BY m.id
    ORDER BY (SELECT count(*) FROM practice_material_uses us WHERE us.material_id = m.id) DESC, m.published_at, m.id`);
}

/** The caller's material files a viewer may read: the material is visible to them. */
export async function fileVisible(db: Db, actor: Actor, fileId: string): Promise<boolean> {
  const rows = await db.query(
    sql`SELECT 1 FROM practice_materials m WHERE m.file_id = ${fileId} AND ${materialScope(actor)} LIMIT 1`,
  );
  return rows.length > 0;
}
