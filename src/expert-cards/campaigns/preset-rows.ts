import { type Db, sql } from '../../platform/db/database.ts';
import { presets004 } from '../presets/preset-004.ts';
import { ensurePresetTemplates } from '../templates/templates.service.ts';

/**
 * The default template per organization kind: the 004 preset of that kind — its version 1 row
 * with no territory, loaded on first use by the templates' `ensurePresetTemplates`.
 */
export async function defaultTemplates(db: Db): Promise<Record<string, string>> {
  await ensurePresetTemplates(db);
  const rows = await db.query<{ id: string; org_kind: string }>(sql`
    SELECT DISTINCT ON (org_kind) id, org_kind::text AS org_kind FROM expert_card_templates
    WHERE preset_code = ANY(${sql.param(presets004.map((p) => p.code))}::text[])
      AND region_id IS NULL AND municipality_id IS NULL AND version = 1
    ORDER BY org_kind, created_at, id`);
  return Object.fromEntries(rows.map((r) => [r.org_kind, r.id]));
}
