import type { SQL } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor, Role } from '../../platform/auth/actor.ts';
import { orgScope, requireRole } from '../../platform/auth/scope.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { writeTable } from '../../platform/files/write-table.ts';
import { MANUAL_MEASURES, type ManualMeasure } from '../presets/manual-measures.ts';
import {
  checkFieldDefinitions,
  checkSubmission,
  type FieldValue,
  type FormField,
  type FormValues,
  normalizeValues,
} from './form-fields.ts';

/**
 * Data-collection forms (issue 4, item 4). A methodist (region operator, admin) defines a form,
 * assigns it to organizations in their scope for a period; each organization's head fills and
 * submits their own answer; the methodist accepts it or returns it with a comment. Accepted
 * answers feed manual measures (form-measures.ts).
 *
 * Access: forms are read by their territory's managers; submissions by the organization's head
 * and by reviewers whose orgScope covers the organization; anything outside that is «not found».
 */

/** Who defines forms, assigns and reviews them. */
export const FORM_MANAGERS: readonly Role[] = ['admin', 'region_admin', 'municipal_methodist'];
/** Who may look at forms and answers without changing them. */
const FORM_READERS: readonly Role[] = [...FORM_MANAGERS, 'municipal_head'];
/** Who may open a single submission: readers and the school head who fills it. */
const SUBMISSION_READERS: readonly Role[] = [...FORM_READERS, 'org_head'];

type OwnerLevel = 'system' | 'region' | 'municipality' | 'organization';
export type SubmissionStatus = 'pending' | 'draft' | 'submitted' | 'accepted' | 'returned';
/** The head may change the answer only before it is submitted, or after it is returned. */
const EDITABLE: readonly SubmissionStatus[] = ['pending', 'draft', 'returned'];

const iso = (v: string | Date | null): string | null => (v ? new Date(v).toISOString() : null);
const ACTOR_REGION = (a: Actor): SQL =>
  sql`COALESCE(${a.regionId}::uuid, (SELECT region_id FROM municipalities WHERE id = ${a.municipalityId}::uuid))`;

/** Forms visible to the actor (`f` = collection_forms): their own territory's, and those above it. */
function formReadScope(actor: Actor, f = 'f'): SQL {
  const t = sql.raw(f);
  switch (actor.role) {
    case 'admin':
      return sql`true`;
    case 'region_admin':
      return actor.regionId
        ? sql`(${t}.owner_level = 'system' OR ${t}.region_id = ${actor.regionId})`
        : sql`false`;
    case 'municipal_methodist':
    case 'municipal_head':
      return actor.municipalityId
        ? sql`(${t}.owner_level = 'system' OR ${t}.municipality_id = ${actor.municipalityId}
              OR (${t}.owner_level = 'region' AND ${t}.region_id = ${ACTOR_REGION(actor)}))`
        : sql`false`;
    default:
      return sql`false`;
  }
}

function canEditForm(
  actor: Actor,
  f: { owner_level: OwnerLevel; region_id: string | null; municipality_id: string | null },
) {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'region_admin':
      return f.owner_level === 'region' && f.region_id === actor.regionId;
    case 'municipal_methodist':
      return f.owner_level === 'municipality' && f.municipality_id === actor.municipalityId;
    default:
      return false;
  }
}

// ——— forms ———

export interface FormInput {
  name: string;
  description?: string | undefined;
  fields: FormField[];
}

interface FormDb {
  id: string;
  name: string;
  description: string;
  owner_level: OwnerLevel;
  region_id: string | null;
  municipality_id: string | null;
  fields: FormField[];
  archived: boolean;
  created_at: string;
  updated_at: string;
  assignment_count: number;
}

const FORM_SELECT = sql`
  SELECT f.id, f.name, f.description, f.owner_level, f.region_id, f.municipality_id, f.fields, f.archived,
         f.created_at, f.updated_at,
         (SELECT count(*)::int FROM form_assignments a WHERE a.form_id = f.id) AS assignment_count
  FROM collection_forms f`;

function presentForm(actor: Actor, r: FormDb) {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    ownerLevel: r.owner_level,
    regionId: r.region_id,
    municipalityId: r.municipality_id,
    fields: r.fields,
    archived: r.archived,
    assignmentCount: r.assignment_count,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    canEdit: canEditForm(actor, r),
  };
}

async function findForm(db: Db, actor: Actor, id: string): Promise<FormDb> {
  const [r] = await db.query<FormDb>(sql`${FORM_SELECT} WHERE f.id = ${id} AND ${formReadScope(actor)}`);
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
  requireRole(actor, FORM_READERS);
  const rows = await db.query<FormDb>(
    sql`${FORM_SELECT} WHERE ${formReadScope(actor)} ORDER BY f.archived, f.updated_at DESC, f.id`,
  );
  return rows.map((r) => presentForm(actor, r));
}

export async function getForm(db: Db, actor: Actor, id: string) {
  requireRole(actor, FORM_READERS);
  return presentForm(actor, await findForm(db, actor, id));
}

async function ownerOf(db: Db, actor: Actor) {
  switch (actor.role) {
    case 'region_admin':
      if (!actor.regionId) throw forbidden();
      return { ownerLevel: 'region' as const, regionId: actor.regionId, municipalityId: null };
    case 'municipal_methodist': {
      if (!actor.municipalityId) throw forbidden();
      const [m] = await db.query<{ region_id: string }>(
        sql`SELECT region_id FROM municipalities WHERE id = ${actor.municipalityId}`,
      );
      return {
        ownerLevel: 'municipality' as const,
        regionId: m?.region_id ?? null,
        municipalityId: actor.municipalityId,
      };
    }
    default:
      return { ownerLevel: 'system' as const, regionId: null, municipalityId: null };
  }
}

export async function createForm(db: Db, actor: Actor, input: FormInput): Promise<string> {
  requireRole(actor, FORM_MANAGERS);
  const fields = checkedFields(input.fields);
  const owner = await ownerOf(db, actor);
  return db.transaction(async (tx) => {
    const [r] = await tx.query<{ id: string }>(sql`
      INSERT INTO collection_forms (name, description, owner_level, region_id, municipality_id, fields, created_by)
      VALUES (${input.name}, ${input.description ?? ''}, ${owner.ownerLevel}, ${owner.regionId}, ${owner.municipalityId},
              ${JSON.stringify(fields)}::jsonb, ${actor.userId})
      RETURNING id`);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'collection_forms',
      entityId: r!.id,
      after: { name: input.name, fields },
    });
    return r!.id;
  });
}

export async function updateForm(
  db: Db,
  actor: Actor,
  id: string,
  patch: Partial<FormInput> & { archived?: boolean | undefined },
) {
  requireRole(actor, FORM_MANAGERS);
  const form = await findForm(db, actor, id);
  if (!canEditForm(actor, form)) throw forbidden('Форму может менять только её владелец.');
  const fields = patch.fields ? checkedFields(patch.fields) : form.fields;
  await db.transaction(async (tx) => {
    await tx.query(sql`
      UPDATE collection_forms
      SET name = ${patch.name ?? form.name}, description = ${patch.description ?? form.description},
          fields = ${JSON.stringify(fields)}::jsonb, archived = ${patch.archived ?? form.archived}, updated_at = now()
      WHERE id = ${id}`);
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
  requireRole(actor, FORM_READERS);
  const rows = await db.query<{ code: string; indicators: string[] }>(sql`
    SELECT m.code, array_agg(DISTINCT i.code || ' ' || i.name ORDER BY i.code || ' ' || i.name) AS indicators
    FROM indicators i
    JOIN indicator_sets f ON f.id = i.set_id
    CROSS JOIN LATERAL (SELECT (regexp_matches(i.formula::text, '"manual:([A-Za-z0-9_.-]+)"', 'g'))[1] AS code) m
    WHERE ${formReadScope(actor)}
    GROUP BY m.code`);
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

// ——— assignments ———

export interface AssignmentInput {
  title: string;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  organizationIds: string[];
}

/** Assignments the actor reviews: those with at least one organization in their scope. */
const assignmentScope = (actor: Actor): SQL => sql`EXISTS (
  SELECT 1 FROM form_submissions vs JOIN organizations o ON o.id = vs.organization_id
  WHERE vs.assignment_id = a.id AND ${orgScope(actor)})`;

export async function assignForm(
  db: Db,
  actor: Actor,
  formId: string,
  input: AssignmentInput,
): Promise<string> {
  requireRole(actor, FORM_MANAGERS);
  const form = await findForm(db, actor, formId);
  if (form.archived) throw conflict('Форма в архиве: верните её из архива, чтобы назначить.');
  if (input.periodEnd < input.periodStart)
    throw invalid('Окончание периода раньше начала.', [
      { path: 'periodEnd', message: 'Окончание не раньше начала' },
    ]);
  const ids = [...new Set(input.organizationIds)];
  const inScope = await db.query<{ id: string }>(sql`
    SELECT o.id FROM organizations o WHERE o.id = ANY(${sql.param(ids)}::uuid[]) AND ${orgScope(actor)}`);
  if (inScope.length !== ids.length)
    throw invalid('Часть организаций вне вашей зоны ответственности или не существует.', [
      { path: 'organizationIds', message: 'Выберите организации своей территории' },
    ]);
  return db.transaction(async (tx) => {
    const [a] = await tx.query<{ id: string }>(sql`
      INSERT INTO form_assignments (form_id, title, period_start, period_end, due_on, fields, created_by)
      VALUES (${formId}, ${input.title}, ${input.periodStart}, ${input.periodEnd}, ${input.dueOn},
              ${JSON.stringify(form.fields)}::jsonb, ${actor.userId})
      RETURNING id`);
    await tx.query(sql`
      INSERT INTO form_submissions (assignment_id, organization_id)
      SELECT ${a!.id}, unnest(${sql.param(ids)}::uuid[])`);
    await writeAudit(tx, {
      actor,
      action: 'assign',
      entity: 'form_assignments',
      entityId: a!.id,
      after: { formId, ...input, organizationIds: ids },
    });
    return a!.id;
  });
}

interface AssignmentDb {
  id: string;
  form_id: string;
  form_name: string;
  title: string;
  period_start: string;
  period_end: string;
  due_on: string;
  fields: FormField[];
  created_at: string;
  counts: Record<SubmissionStatus, number> & { total: number; reminded: number };
}

/** Counts over the organizations the actor sees, so a region and a municipality read different totals. */
const ASSIGNMENT_SELECT = (actor: Actor) => sql`
  SELECT a.id, a.form_id, f.name AS form_name, a.title, a.period_start, a.period_end, a.due_on, a.fields, a.created_at,
         (SELECT jsonb_build_object(
                   'total', count(*), 'pending', count(*) FILTER (WHERE s.status = 'pending'),
                   'draft', count(*) FILTER (WHERE s.status = 'draft'),
                   'submitted', count(*) FILTER (WHERE s.status = 'submitted'),
                   'accepted', count(*) FILTER (WHERE s.status = 'accepted'),
                   'returned', count(*) FILTER (WHERE s.status = 'returned'),
                   'reminded', count(*) FILTER (WHERE s.reminded_at IS NOT NULL))
          FROM form_submissions s JOIN organizations o ON o.id = s.organization_id
          WHERE s.assignment_id = a.id AND ${orgScope(actor)}) AS counts
  FROM form_assignments a JOIN collection_forms f ON f.id = a.form_id`;

function presentAssignment(r: AssignmentDb) {
  const c = r.counts;
  return {
    id: r.id,
    formId: r.form_id,
    formName: r.form_name,
    title: r.title,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    dueOn: r.due_on,
    createdAt: iso(r.created_at)!,
    counts: {
      total: Number(c.total),
      pending: Number(c.pending),
      draft: Number(c.draft),
      submitted: Number(c.submitted),
      accepted: Number(c.accepted),
      returned: Number(c.returned),
      reminded: Number(c.reminded),
    },
  };
}

async function findAssignment(db: Db, actor: Actor, id: string): Promise<AssignmentDb> {
  const [r] = await db.query<AssignmentDb>(
    sql`${ASSIGNMENT_SELECT(actor)} WHERE a.id = ${id} AND ${assignmentScope(actor)}`,
  );
  if (!r) throw notFound('Назначение формы не найдено или недоступно.');
  return r;
}

export async function listAssignments(db: Db, actor: Actor, f: { formId?: string | undefined }) {
  requireRole(actor, FORM_READERS);
  const rows = await db.query<AssignmentDb>(sql`
    ${ASSIGNMENT_SELECT(actor)}
    WHERE ${assignmentScope(actor)} ${f.formId ? sql`AND a.form_id = ${f.formId}` : sql``}
    ORDER BY a.due_on DESC, a.created_at DESC, a.id`);
  return rows.map(presentAssignment);
}

interface OrgRowDb {
  submission_id: string;
  organization_id: string;
  organization_name: string;
  status: SubmissionStatus;
  values: FormValues;
  saved_at: string | null;
  submitted_at: string | null;
  reviewed_at: string | null;
  review_comment: string | null;
  reminded_at: string | null;
}

const naturalOrder = new Intl.Collator('ru', { numeric: true });

/** Organizations of an assignment in natural order: «Детский сад № 4» before «№ 10». */
async function assignmentOrgs(db: Db, actor: Actor, id: string) {
  const rows = await db.query<OrgRowDb>(sql`
    SELECT s.id AS submission_id, s.organization_id, coalesce(o.short_name, o.full_name) AS organization_name, s.status,
           s.values, s.saved_at, s.submitted_at, s.reviewed_at, s.review_comment, s.reminded_at
    FROM form_submissions s JOIN organizations o ON o.id = s.organization_id
    WHERE s.assignment_id = ${id} AND ${orgScope(actor)}
    ORDER BY organization_name, s.organization_id`);
  return rows.sort((a, b) => naturalOrder.compare(a.organization_name, b.organization_name));
}

export async function getAssignment(db: Db, actor: Actor, id: string) {
  requireRole(actor, FORM_READERS);
  const a = await findAssignment(db, actor, id);
  const orgs = await assignmentOrgs(db, actor, id);
  return {
    ...presentAssignment(a),
    fields: a.fields,
    canReview: FORM_MANAGERS.includes(actor.role),
    organizations: orgs.map((r) => ({
      submissionId: r.submission_id,
      organizationId: r.organization_id,
      organizationName: r.organization_name,
      status: r.status,
      savedAt: iso(r.saved_at),
      submittedAt: iso(r.submitted_at),
      reviewedAt: iso(r.reviewed_at),
      reviewComment: r.review_comment,
      remindedAt: iso(r.reminded_at),
    })),
  };
}

/**
 * Marks the not-yet-submitted answers as reminded. No e-mail leaves the machine: the school
 * head sees the reminder in «Формы для заполнения».
 */
export async function remind(db: Db, actor: Actor, id: string, organizationIds?: string[]) {
  requireRole(actor, FORM_MANAGERS);
  await findAssignment(db, actor, id);
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string; organization_id: string }>(sql`
      UPDATE form_submissions s SET reminded_at = now()
      FROM organizations o
      WHERE o.id = s.organization_id AND s.assignment_id = ${id} AND ${orgScope(actor)}
        AND s.status IN ('pending', 'draft', 'returned')
        ${organizationIds ? sql`AND s.organization_id = ANY(${sql.param(organizationIds)}::uuid[])` : sql``}
      RETURNING s.id, s.organization_id`);
    await writeAudit(tx, {
      actor,
      action: 'remind',
      entity: 'form_assignments',
      entityId: id,
      details: { organizationIds: rows.map((r) => r.organization_id) },
    });
    return { reminded: rows.length };
  });
}

export async function exportAssignment(db: Db, actor: Actor, id: string) {
  requireRole(actor, FORM_READERS);
  const a = await findAssignment(db, actor, id);
  const orgs = await assignmentOrgs(db, actor, id);
  const show = (f: FormField, v: FieldValue | undefined) =>
    v === undefined || v === null ? '' : f.type === 'boolean' ? (v ? 'да' : 'нет') : v;
  const table = await writeTable({
    format: 'xlsx',
    sheetName: 'Ответы',
    columns: [
      { key: '_org', header: 'Организация', width: 40 },
      { key: '_status', header: 'Статус', width: 14 },
      { key: '_submitted', header: 'Отправлена', type: 'date' },
      ...a.fields.map((f) => ({
        key: `f_${f.code}`,
        header: f.label,
        ...(f.type === 'date' ? { type: 'date' as const } : {}),
      })),
      { key: '_comment', header: 'Комментарий методиста', width: 30 },
    ],
    rows: orgs.map((r) => ({
      _org: r.organization_name,
      _status: STATUS_LABELS[r.status],
      _submitted: r.submitted_at ? iso(r.submitted_at)!.slice(0, 10) : '',
      ...Object.fromEntries(a.fields.map((f) => [`f_${f.code}`, show(f, r.values[f.code])])),
      _comment: r.review_comment ?? '',
    })),
  });
  await writeAudit(db, {
    actor,
    action: 'export',
    entity: 'form_assignments',
    entityId: id,
    details: { rows: orgs.length },
  });
  return {
    fileName: `marshrut-form-${a.due_on}.${table.extension}`,
    contentType: table.contentType,
    data: table.data,
  };
}

export const STATUS_LABELS: Record<SubmissionStatus, string> = {
  pending: 'не начата',
  draft: 'черновик',
  submitted: 'отправлена',
  accepted: 'принята',
  returned: 'возвращена',
};

// ——— submissions ———

interface SubmissionDb {
  id: string;
  assignment_id: string;
  title: string;
  form_name: string;
  form_description: string;
  period_start: string;
  period_end: string;
  due_on: string;
  fields: FormField[];
  organization_id: string;
  organization_name: string;
  status: SubmissionStatus;
  values: FormValues;
  version: number;
  saved_at: string | null;
  saved_by_name: string | null;
  submitted_at: string | null;
  reviewed_at: string | null;
  review_comment: string | null;
  reminded_at: string | null;
}

const SUBMISSION_SELECT = sql`
  SELECT s.id, s.assignment_id, a.title, f.name AS form_name, f.description AS form_description,
         a.period_start, a.period_end, a.due_on, a.fields,
         s.organization_id, coalesce(o.short_name, o.full_name) AS organization_name, s.status, s.values, s.version,
         s.saved_at, su.full_name AS saved_by_name, s.submitted_at, s.reviewed_at, s.review_comment, s.reminded_at
  FROM form_submissions s
  JOIN form_assignments a ON a.id = s.assignment_id
  JOIN collection_forms f ON f.id = a.form_id
  JOIN organizations o ON o.id = s.organization_id
  LEFT JOIN users su ON su.id = s.saved_by`;

/** The school head: their own organization's answers only. Reviewers: organizations in their scope. */
function submissionScope(actor: Actor): SQL {
  if (actor.role === 'org_head')
    return actor.organizationId ? sql`s.organization_id = ${actor.organizationId}` : sql`false`;
  return orgScope(actor);
}

function presentSubmission(actor: Actor, r: SubmissionDb) {
  const filler = actor.role === 'org_head' && r.organization_id === actor.organizationId;
  return {
    id: r.id,
    assignment: {
      id: r.assignment_id,
      title: r.title,
      formName: r.form_name,
      description: r.form_description,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      dueOn: r.due_on,
    },
    organization: { id: r.organization_id, name: r.organization_name },
    fields: r.fields,
    values: r.values,
    status: r.status,
    version: r.version,
    savedAt: iso(r.saved_at),
    savedBy: r.saved_by_name,
    submittedAt: iso(r.submitted_at),
    reviewedAt: iso(r.reviewed_at),
    reviewComment: r.review_comment,
    remindedAt: iso(r.reminded_at),
    permissions: {
      edit: filler && EDITABLE.includes(r.status),
      review: FORM_MANAGERS.includes(actor.role) && r.status === 'submitted',
    },
  };
}

async function findSubmission(db: Db, actor: Actor, id: string): Promise<SubmissionDb> {
  const [r] = await db.query<SubmissionDb>(
    sql`${SUBMISSION_SELECT} WHERE s.id = ${id} AND ${submissionScope(actor)}`,
  );
  if (!r) throw notFound('Ответ на форму не найден или недоступен.');
  return r;
}

export async function mySubmissions(db: Db, actor: Actor) {
  requireRole(actor, ['org_head']);
  const rows = await db.query<SubmissionDb>(sql`
    ${SUBMISSION_SELECT} WHERE ${submissionScope(actor)}
    ORDER BY (s.status IN ('pending', 'draft', 'returned')) DESC, a.due_on, a.created_at DESC, s.id`);
  return rows.map((r) => {
    const { fields: _f, values: _v, ...rest } = presentSubmission(actor, r);
    return rest;
  });
}

export async function getSubmission(db: Db, actor: Actor, id: string) {
  requireRole(actor, SUBMISSION_READERS);
  return presentSubmission(actor, await findSubmission(db, actor, id));
}

/** Keeps only the form's own fields, so a stale or hostile client cannot store extra keys. */
function ownValues(fields: FormField[], values: FormValues): FormValues {
  const out: FormValues = {};
  for (const f of fields) if (values[f.code] !== undefined) out[f.code] = values[f.code]!;
  return out;
}

async function fillable(db: Db, actor: Actor, id: string): Promise<SubmissionDb> {
  requireRole(actor, SUBMISSION_READERS);
  const s = await findSubmission(db, actor, id);
  if (actor.role !== 'org_head') throw forbidden('Форму заполняет руководитель организации.');
  if (!EDITABLE.includes(s.status))
    throw conflict(
      s.status === 'accepted' ? 'Ответ уже принят, изменить его нельзя.' : 'Ответ уже отправлен на проверку.',
    );
  return s;
}

/** 409 for a save based on an older version: carries what is stored now, so nothing typed is lost. */
function staleSave(current: SubmissionDb) {
  return conflict('Ответ изменили, пока вы его заполняли: сверьте значения и сохраните снова.', {
    current: {
      values: current.values,
      version: current.version,
      status: current.status,
      savedAt: iso(current.saved_at),
      savedBy: current.saved_by_name,
    },
  });
}

/**
 * Saves a draft. `version` is the one the client's values were based on: if someone saved in
 * between, 409 carries the current values and version so the client can merge, nothing lost.
 */
export async function saveSubmission(db: Db, actor: Actor, id: string, values: FormValues, version: number) {
  const s = await fillable(db, actor, id);
  const clean = ownValues(s.fields, values);
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ version: number }>(sql`
      UPDATE form_submissions
      SET values = ${JSON.stringify(clean)}::jsonb, version = version + 1, saved_by = ${actor.userId}, saved_at = now(),
          status = CASE WHEN status = 'pending' THEN 'draft'::submission_status ELSE status END
      WHERE id = ${id} AND version = ${version} AND status IN ('pending', 'draft', 'returned')
      RETURNING version`);
    if (!row) {
      const [current] = await tx.query<SubmissionDb>(sql`${SUBMISSION_SELECT} WHERE s.id = ${id}`);
      throw staleSave(current!);
    }
    await writeAudit(tx, {
      actor,
      action: 'save',
      entity: 'form_submissions',
      entityId: id,
      before: s.values,
      after: clean,
    });
    return getSubmission(tx, actor, id);
  });
}

/**
 * Submits the answer. With `draft` the values on screen are checked and submitted in one step
 * (nothing is written when a field fails, so the client's version stays current); without it,
 * the stored draft is.
 */
export async function submitSubmission(
  db: Db,
  actor: Actor,
  id: string,
  draft?: { values: FormValues; version: number },
) {
  const s = await fillable(db, actor, id);
  if (draft && draft.version !== s.version) throw staleSave(s);
  const source = draft ? ownValues(s.fields, draft.values) : s.values;
  const issues = checkSubmission(s.fields, source);
  if (issues.length) throw invalid('Форма заполнена не полностью или с ошибками.', issues);
  const values = normalizeValues(s.fields, source);
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(sql`
      UPDATE form_submissions
      SET values = ${JSON.stringify(values)}::jsonb, status = 'submitted', version = version + 1,
          saved_by = ${actor.userId}, saved_at = now(),
          submitted_by = ${actor.userId}, submitted_at = now(), review_comment = NULL
      WHERE id = ${id} AND version = ${s.version} AND status IN ('pending', 'draft', 'returned')
      RETURNING id`);
    if (!row) {
      const [current] = await tx.query<SubmissionDb>(sql`${SUBMISSION_SELECT} WHERE s.id = ${id}`);
      throw staleSave(current!);
    }
    await writeAudit(tx, {
      actor,
      action: 'submit',
      entity: 'form_submissions',
      entityId: id,
      before: s.values,
      after: values,
    });
    return getSubmission(tx, actor, id);
  });
}

async function review(db: Db, actor: Actor, id: string, to: 'accepted' | 'returned', comment: string | null) {
  requireRole(actor, SUBMISSION_READERS);
  const s = await findSubmission(db, actor, id);
  if (!FORM_MANAGERS.includes(actor.role)) throw forbidden('Принимает и возвращает ответы методист.');
  if (s.status !== 'submitted')
    throw conflict(
      s.status === 'accepted' ? 'Ответ уже принят.' : 'Проверить можно только отправленный ответ.',
    );
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(sql`
      UPDATE form_submissions
      SET status = ${to}::submission_status, reviewed_by = ${actor.userId}, reviewed_at = now(),
          review_comment = ${comment}, version = version + 1
      WHERE id = ${id} AND status = 'submitted'
      RETURNING id`);
    if (!row) throw conflict('Ответ уже проверен.');
    await writeAudit(tx, {
      actor,
      action: to === 'accepted' ? 'accept' : 'return',
      entity: 'form_submissions',
      entityId: id,
      details: { comment },
    });
    return getSubmission(tx, actor, id);
  });
}

export const acceptSubmission = (db: Db, actor: Actor, id: string) => review(db, actor, id, 'accepted', null);
export const returnSubmission = (db: Db, actor: Actor, id: string, comment: string) =>
  review(db, actor, id, 'returned', comment);
