import { type Db, sql } from '../../platform/db/database.ts';
import { type Preset, presets004 } from '../presets/preset-004.ts';

/**
 * The template row of a 004 preset (no territory, version 1, published), inserted on first use.
 * The templates helper's `ensurePresetTemplates` does the same for all presets; the lead keeps one.
 */
export async function presetTemplateId(db: Db, preset: Preset): Promise<string> {
  const find = () =>
    db.query<{ id: string }>(sql`
      SELECT id FROM expert_card_templates
      WHERE preset_code = ${preset.code} AND region_id IS NULL AND municipality_id IS NULL AND version = 1`);
  const [found] = await find();
  if (found) return found.id;
  return db.transaction(async (tx) => {
    // Serialise concurrent first uses of the same preset.
    await tx.query(sql`SELECT pg_advisory_xact_lock(hashtext(${`expert-preset:${preset.code}`}))`);
    const [again] = await tx.query<{ id: string }>(sql`
      SELECT id FROM expert_card_templates
      WHERE preset_code = ${preset.code} AND region_id IS NULL AND municipality_id IS NULL AND version = 1`);
    if (again) return again.id;
    const [t] = await tx.query<{ id: string }>(sql`
      INSERT INTO expert_card_templates (family, version, org_kind, title, preset_code, stated_max, levels, notes, status)
      VALUES (gen_random_uuid(), 1, ${preset.orgKind}, ${preset.title}, ${preset.code}, ${preset.statedMax},
              ${JSON.stringify(preset.levels)}::jsonb, ${preset.notes}, 'published')
      RETURNING id`);
    const templateId = t!.id;
    for (const [di, d] of preset.directions.entries()) {
      const [dir] = await tx.query<{ id: string }>(sql`
        INSERT INTO expert_card_directions (template_id, position, title, stated_max)
        VALUES (${templateId}, ${di + 1}, ${d.title}, ${d.statedMax}) RETURNING id`);
      const items = d.items.map((it, ii) => ({
        position: ii + 1,
        text: it.text,
        method: it.method,
        rule: it.rule,
        periodicity: it.periodicity,
        source: it.source,
        evidence_required: it.evidenceRequired,
        prefill_source: it.prefillSource ?? null,
        note: it.note ?? '',
      }));
      await tx.query(sql`
        INSERT INTO expert_card_items (template_id, direction_id, position, text, method, rule, periodicity, source,
                                       evidence_required, prefill_source, note)
        SELECT ${templateId}, ${dir!.id}, x.position, x.text, x.method, x.rule, x.periodicity, x.source,
               x.evidence_required, x.prefill_source, x.note
        FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS x(position int, text text, method text, rule jsonb,
             periodicity text, source text, evidence_required boolean, prefill_source text, note text)`);
    }
    return templateId;
  });
}

/** The default template per organization kind: the 004 preset of that kind. */
export async function defaultTemplates(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const p of presets004) out[p.orgKind] = await presetTemplateId(db, p);
  return out;
}
