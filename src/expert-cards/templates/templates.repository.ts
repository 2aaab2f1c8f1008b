import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { templateScope, templateWriteScope } from '../expert-cards.policy.ts';
import type { LevelBand, ScoringRule } from '../scoring.ts';

/** SQL of the expert cards' templates; every read is cut by `templateScope`. */

export interface TemplateDb {
  id: string;
  family: string;
  version: number;
  org_kind: 'preschool' | 'school' | 'additional' | 'vocational' | 'dpo' | 'methodical_service';
  title: string;
  preset_code: string | null;
  region_id: string | null;
  municipality_id: string | null;
  owner_name: string | null;
  stated_max: number | null;
  levels: LevelBand[];
  notes: string;
  status: 'draft' | 'published' | 'archived';
  created_at: string;
  updated_at: string;
  latest_version: number;
  campaigns: number;
  can_edit: boolean;
}

export interface ItemDb {
  id: string;
  template_id: string;
  direction_id: string;
  position: number;
  text: string;
  method: string;
  rule: ScoringRule;
  periodicity: string;
  source: string;
  evidence_required: boolean;
  prefill_source: string | null;
  note: string;
}

export interface DirectionDb {
  id: string;
  template_id: string;
  position: number;
  title: string;
  stated_max: number | null;
}

/** The territory the actor works in, as SQL (the same derivation as the policy's scope). */
function actorMunicipality(actor: Actor) {
  return sql`COALESCE(${actor.municipalityId}::uuid,
    (SELECT municipality_id FROM organizations WHERE id = ${actor.organizationId}::uuid))`;
}
function actorRegion(actor: Actor) {
  return sql`COALESCE(${actor.regionId}::uuid,
    (SELECT region_id FROM municipalities WHERE id = ${actor.municipalityId}::uuid),
    (SELECT region_id FROM organizations WHERE id = ${actor.organizationId}::uuid),
    (SELECT region_id FROM people WHERE id = ${actor.personId}::uuid))`;
}

/** Campaigns of the caller's territory that use a version (the admin counts all). */
function campaignsSql(actor: Actor) {
  const territory =
    actor.role === 'admin'
      ? sql`true`
      : sql`(c.municipality_id = ${actorMunicipality(actor)}
             OR (${actorMunicipality(actor)} IS NULL AND c.region_id = ${actorRegion(actor)}))`;
  return sql`(SELECT count(DISTINCT c.id)::int FROM expert_campaign_templates ct
              JOIN expert_campaigns c ON c.id = ct.campaign_id
              WHERE ct.template_id = t.id AND ${territory})`;
}

function selectTemplates(actor: Actor, where = sql`true`) {
  return sql`
    SELECT t.id, t.family, t.version, t.org_kind, t.title, t.preset_code, t.region_id, t.municipality_id,
           COALESCE(mu.name, r.name) AS owner_name, t.stated_max, t.levels, t.notes, t.status,
           t.created_at, t.updated_at,
           (SELECT max(v.version) FROM expert_card_templates v WHERE v.family = t.family)::int AS latest_version,
           ${campaignsSql(actor)} AS campaigns,
           COALESCE(${templateWriteScope(actor)}, false) AS can_edit
    FROM expert_card_templates t
    LEFT JOIN municipalities mu ON mu.id = t.municipality_id
    LEFT JOIN regions r ON r.id = t.region_id
    WHERE ${templateScope(actor)} AND ${where}
    ORDER BY array_position(ARRAY['preschool','school','additional']::text[], t.org_kind::text) NULLS LAST,
             t.region_id IS NOT NULL, t.title, t.version DESC, t.id`;
}

/** The visible templates; the latest version of each family unless `allVersions`. */
export async function listTemplates(db: Db, actor: Actor, allVersions = false): Promise<TemplateDb[]> {
  const where = allVersions
    ? sql`true`
    : sql`t.version = (SELECT max(v.version) FROM expert_card_templates v WHERE v.family = t.family)`;
  return db.query<TemplateDb>(selectTemplates(actor, where));
}

export async function findTemplate(db: Db, actor: Actor, id: string): Promise<TemplateDb | null> {
  const rows = await db.query<TemplateDb>(selectTemplates(actor, sql`t.id = ${id}`));
  return rows[0] ?? null;
}

/** The versions of a family the caller sees. */
export async function familyVersions(db: Db, actor: Actor, family: string): Promise<TemplateDb[]> {
  return db.query<TemplateDb>(selectTemplates(actor, sql`t.family = ${family}`));
}

export async function loadTrees(
  db: Db,
  templateIds: string[],
): Promise<{ directions: DirectionDb[]; items: ItemDb[] }> {
  if (templateIds.length === 0) return { directions: [], items: [] };
  const ids = sql`${sql.param(templateIds)}::uuid[]`;
  const directions = await db.query<DirectionDb>(sql`
    SELECT id, template_id, position, title, stated_max FROM expert_card_directions
    WHERE template_id = ANY(${ids}) ORDER BY template_id, position`);
  const items = await db.query<ItemDb>(sql`
    SELECT i.id, i.template_id, i.direction_id, i.position, i.text, i.method, i.rule, i.periodicity, i.source,
           i.evidence_required, i.prefill_source, i.note
    FROM expert_card_items i JOIN expert_card_directions d ON d.id = i.direction_id
    WHERE i.template_id = ANY(${ids}) ORDER BY i.template_id, d.position, i.position`);
  return { directions, items };
}

/** Is the version used: a campaign (or a card) refers to it. */
export async function isUsed(db: Db, templateId: string): Promise<boolean> {
  const rows = await db.query(sql`
    SELECT 1 WHERE EXISTS (SELECT 1 FROM expert_campaign_templates WHERE template_id = ${templateId})
                OR EXISTS (SELECT 1 FROM expert_cards WHERE template_id = ${templateId})`);
  return rows.length > 0;
}

/** Serializes the loading of the presets until the transaction ends. */
export async function lockPresets(tx: Db): Promise<void> {
  await tx.query(sql`SELECT pg_advisory_xact_lock(hashtext('marshrut.expert-card-presets'))`);
}

/** The preset codes already loaded (rows without a territory). */
export async function loadedPresetCodes(db: Db): Promise<string[]> {
  const rows = await db.query<{ preset_code: string }>(sql`
    SELECT preset_code FROM expert_card_templates WHERE region_id IS NULL AND preset_code IS NOT NULL`);
  return rows.map((r) => r.preset_code);
}

export type TemplateRow = {
  id: string;
  family: string;
  version: number;
  orgKind: string;
  title: string;
  presetCode: string | null;
  regionId: string | null;
  municipalityId: string | null;
  statedMax: number | null;
  levels: LevelBand[];
  notes: string;
  status: 'draft' | 'published' | 'archived';
  createdBy: string | null;
};

export type TreeItem = {
  text: string;
  method: string;
  rule: ScoringRule;
  periodicity: string;
  source: string;
  evidenceRequired: boolean;
  prefillSource: string | null;
  note: string;
};
export type TreeDirection = { title: string; statedMax: number | null; items: TreeItem[] };

/** Inserts template rows (ids chosen by the caller) in one statement. */
export async function insertTemplates(db: Db, rows: TemplateRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(sql`
    INSERT INTO expert_card_templates (id, family, version, org_kind, title, preset_code, region_id, municipality_id,
                                       stated_max, levels, notes, status, created_by)
    SELECT id, family, version, "orgKind"::org_kind, title, "presetCode", "regionId", "municipalityId",
           "statedMax", levels, notes, status::expert_template_status, "createdBy"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
      id uuid, family uuid, version int, "orgKind" text, title text, "presetCode" text, "regionId" uuid,
      "municipalityId" uuid, "statedMax" int, levels jsonb, notes text, status text, "createdBy" uuid)`);
}

/**
 * Inserts the directions and items of templates in two statements of one CTE: directions keep
 * their order as `position`, items theirs within the direction.
 */
export async function insertTrees(db: Db, trees: { templateId: string; directions: TreeDirection[] }[]) {
  const directions = trees.flatMap((t) =>
    t.directions.map((d, i) => ({
      templateId: t.templateId,
      position: i + 1,
      title: d.title,
      statedMax: d.statedMax,
    })),
  );
  const items = trees.flatMap((t) =>
    t.directions.flatMap((d, di) =>
      d.items.map((it, ii) => ({
        templateId: t.templateId,
        directionPosition: di + 1,
        position: ii + 1,
        ...it,
      })),
    ),
  );
  if (directions.length === 0) return;
  await db.query(sql`
    WITH dirs AS (
      INSERT INTO expert_card_directions (template_id, position, title, stated_max)
      SELECT "templateId", position, title, "statedMax"
      FROM jsonb_to_recordset(${JSON.stringify(directions)}::jsonb)
        AS x("templateId" uuid, position int, title text, "statedMax" int)
      RETURNING id, template_id, position
    )
    INSERT INTO expert_card_items (template_id, direction_id, position, text, method, rule, periodicity, source,
                                   evidence_required, prefill_source, note)
    SELECT x."templateId", dirs.id, x.position, x.text, x.method, x.rule, x.periodicity, x.source,
           x."evidenceRequired", x."prefillSource", x.note
    FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS x(
      "templateId" uuid, "directionPosition" int, position int, text text, method text, rule jsonb,
      periodicity text, source text, "evidenceRequired" boolean, "prefillSource" text, note text)
    JOIN dirs ON dirs.template_id = x."templateId" AND dirs.position = x."directionPosition"`);
}

/** Replaces a version's directions and items (its items have no answers: it is not used). */
export async function replaceTree(db: Db, templateId: string, directions: TreeDirection[]) {
  await db.query(sql`DELETE FROM expert_card_directions WHERE template_id = ${templateId}`);
  await insertTrees(db, [{ templateId, directions }]);
}

export async function updateTemplateFields(
  db: Db,
  id: string,
  f: { title: string; statedMax: number | null; levels: LevelBand[]; notes: string },
) {
  await db.query(sql`
    UPDATE expert_card_templates
    SET title = ${f.title}, stated_max = ${f.statedMax}, levels = ${JSON.stringify(f.levels)}::jsonb,
        notes = ${f.notes}, updated_at = now()
    WHERE id = ${id}`);
}

/** Publishes a version; the family's earlier published versions are archived (campaigns keep them). */
export async function publishVersion(db: Db, t: { id: string; family: string }) {
  await db.query(sql`
    UPDATE expert_card_templates
    SET status = CASE WHEN id = ${t.id} THEN 'published' ELSE 'archived' END::expert_template_status,
        updated_at = now()
    WHERE family = ${t.family} AND (id = ${t.id} OR status = 'published')`);
}

export async function municipalityRegion(db: Db, municipalityId: string): Promise<string | null> {
  const [m] = await db.query<{ region_id: string }>(
    sql`SELECT region_id FROM municipalities WHERE id = ${municipalityId}`,
  );
  return m?.region_id ?? null;
}

export async function regionExists(db: Db, regionId: string): Promise<boolean> {
  return (await db.query(sql`SELECT 1 FROM regions WHERE id = ${regionId}`)).length > 0;
}
