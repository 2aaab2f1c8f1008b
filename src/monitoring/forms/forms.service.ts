import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import { authorize, can } from '../monitoring.policy.ts';
import { MANUAL_MEASURES, type ManualMeasure } from '../presets/manual-measures.ts';
import { checkFieldDefinitions, type FormField } from './form-fields.ts';
import { formOwner, presentForm } from './forms.presenter.ts';
import {
  type FormDb,
  findVisibleForm,
  insertForm,
  listVisibleForms,
  manualCodesInUse,
  regionOfMunicipality,
  updateFormRow,
} from './forms.repository.ts';

/**
 * Data-collection forms, the builder (issue 4, item 4): a methodist (region operator, admin)
 * defines a form at their level; forms are read by their territory's managers and those below.
 * Assigning them is assignments.service.ts; filling and review, answers.service.ts.
 */

export interface FormInput {
  name: string;
  description?: string | undefined;
  fields: FormField[];
}

/** A visible form or 404. */
export async function findForm(db: Db, actor: Actor, id: string): Promise<FormDb> {
  const r = await findVisibleForm(db, actor, id);
  if (!r) throw notFound('Форма не найдена или недоступна.');
  return r;
}

/** Fields as stored: trimmed, empty extras left out, so the JSON reads the same whoever saved it. */
function cleanFields(fields: FormField[]): FormField[] {
  return fields.map((f) => ({
    code: f.code.trim(),
    label: f.label.trim(),
    type: f.type,
    required: f.required,
    ...(f.min != null ? { min: f.min } : {}),
    ...(f.max != null ? { max: f.max } : {}),
    ...(f.type === 'select' ? { options: (f.options ?? []).map((o) => o.trim()).filter(Boolean) } : {}),
    ...(f.hint?.trim() ? { hint: f.hint.trim() } : {}),
    ...(f.measureCode?.trim() ? { measureCode: f.measureCode.trim().replace(/^manual:/, '') } : {}),
  }));
}

function checkedFields(fields: FormField[]): FormField[] {
  const clean = cleanFields(fields);
  const issues = checkFieldDefinitions(clean);
  if (issues.length) throw invalid('Проверьте поля формы.', issues);
  return clean;
}

export async function listForms(db: Db, actor: Actor) {
  authorize(can(actor, 'read', 'forms'));
  const rows = await listVisibleForms(db, actor);
  return rows.map((r) => presentForm(actor, r));
}

export async function getForm(db: Db, actor: Actor, id: string) {
  authorize(can(actor, 'read', 'forms'));
  return presentForm(actor, await findForm(db, actor, id));
}

/** The level a new form of this actor belongs to. */
async function ownerOf(db: Db, actor: Actor) {
  switch (actor.role) {
    case 'region_admin':
      if (!actor.regionId) throw forbidden();
      return { ownerLevel: 'region' as const, regionId: actor.regionId, municipalityId: null };
    case 'municipal_methodist': {
      if (!actor.municipalityId) throw forbidden();
      return {
        ownerLevel: 'municipality' as const,
        regionId: await regionOfMunicipality(db, actor.municipalityId),
        municipalityId: actor.municipalityId,
      };
    }
    default:
      return { ownerLevel: 'system' as const, regionId: null, municipalityId: null };
  }
}

export async function createForm(db: Db, actor: Actor, input: FormInput): Promise<string> {
  authorize(can(actor, 'manage', 'forms'));
  const fields = checkedFields(input.fields);
  const owner = await ownerOf(db, actor);
  return db.transaction(async (tx) => {
    const id = await insertForm(
      tx,
      { name: input.name, description: input.description ?? '', fields },
      owner,
      actor.userId,
    );
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'collection_forms',
      entityId: id,
      after: { name: input.name, fields },
    });
    return id;
  });
}

export async function updateForm(
  db: Db,
  actor: Actor,
  id: string,
  patch: Partial<FormInput> & { archived?: boolean | undefined },
) {
  authorize(can(actor, 'manage', 'forms'));
  const form = await findForm(db, actor, id);
  authorize(can(actor, 'update', { form: formOwner(form) }), 'Форму может менять только её владелец.');
  const fields = patch.fields ? checkedFields(patch.fields) : form.fields;
  await db.transaction(async (tx) => {
    await updateFormRow(tx, id, {
      name: patch.name ?? form.name,
      description: patch.description ?? form.description,
      fields,
      archived: patch.archived ?? form.archived,
    });
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'collection_forms',
      entityId: id,
      before: {
        name: form.name,
        description: form.description,
        fields: form.fields,
        archived: form.archived,
      },
      after: patch,
    });
  });
}

/**
 * Manual measures a field may feed: the presets' catalogue (label and the field it expects) and
 * the `manual:<code>` measures of the indicator sets the actor sees, with the indicators using them.
 */
export async function measureCodes(db: Db, actor: Actor) {
  authorize(can(actor, 'read', 'forms'));
  const rows = await manualCodesInUse(db, actor);
  const used = new Map(rows.map((r) => [r.code, r.indicators.slice(0, 5)]));
  const items = new Map<
    string,
    { code: string; label: string; field: ManualMeasure['field'] | null; indicators: string[] }
  >();
  for (const m of MANUAL_MEASURES)
    items.set(m.code, { code: m.code, label: m.label, field: m.field, indicators: used.get(m.code) ?? [] });
  for (const [code, indicators] of used)
    if (!items.has(code)) items.set(code, { code, label: '', field: null, indicators });
  // Measures the caller's sets use come first: those are the ones a form is built for.
  return [...items.values()].sort(
    (a, b) =>
      Number(b.indicators.length > 0) - Number(a.indicators.length > 0) || a.code.localeCompare(b.code),
  );
}
