import { type SQL, sql } from 'drizzle-orm';
import { type DerivedRules, youngSql } from '../directory/derived/derived-rules.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { orgScope, personScope } from '../platform/auth/scope.ts';
import type { Db } from '../platform/db/database.ts';
import { naturalOrder } from '../platform/db/natural-order.ts';
import { pairScope, programScope } from './mentoring.policy.ts';
import type { FinishReason, GoalOutcome, MentoringForm } from './mentoring.vocabulary.ts';

/** Data access of the mentoring context: programs, mentors, mentorships and what hangs on them. */

const fullName = (p: string) =>
  sql.raw(`trim(${p}.last_name || ' ' || ${p}.first_name || ' ' || ${p}.patronymic)`);
const orgName = (o: string) => sql.raw(`COALESCE(NULLIF(${o}.short_name, ''), ${o}.full_name)`);

// ---- programs ----

export interface ProgramDb {
  id: string;
  region_id: string;
  municipality_id: string;
  organization_id: string;
  organization_name: string;
  mentoring_regulation: boolean;
  name: string;
  forms: MentoringForm[];
  starts_on: string;
  ends_on: string | null;
  order_number: string | null;
  order_date: string | null;
  order_url: string | null;
  mentor_count: number;
  open_pairs: number;
  finished_pairs: number;
}

const programSelect = sql`
  SELECT mp.id, mp.region_id, mp.municipality_id, mp.organization_id, ${orgName('o')} AS organization_name,
         o.mentoring_regulation, mp.name, mp.forms::text[] AS forms, mp.starts_on, mp.ends_on,
         mp.order_number, mp.order_date, mp.order_url,
         (SELECT count(*)::int FROM mentoring_mentors mm WHERE mm.program_id = mp.id) AS mentor_count,
         (SELECT count(*)::int FROM mentorships ms WHERE ms.program_id = mp.id AND ms.finished_on IS NULL) AS open_pairs,
         (SELECT count(*)::int FROM mentorships ms WHERE ms.program_id = mp.id AND ms.finished_on IS NOT NULL) AS finished_pairs
  FROM mentoring_programs mp JOIN organizations o ON o.id = mp.organization_id`;

export async function listPrograms(
  db: Db,
  actor: Actor,
  f: { organizationId?: string | undefined },
): Promise<ProgramDb[]> {
  return db.query<ProgramDb>(sql`${programSelect}
    WHERE ${programScope(actor, 'mp')} ${f.organizationId ? sql`AND mp.organization_id = ${f.organizationId}` : sql``}
    ORDER BY mp.starts_on DESC, mp.name, mp.id
    LIMIT 1000`);
}

/** A program the actor sees: by the program's scope, or as a mentor / mentee of one of its pairs. */
export async function findProgram(db: Db, actor: Actor, id: string): Promise<ProgramDb | null> {
  const rows = await db.query<ProgramDb>(sql`${programSelect}
    WHERE mp.id = ${id} AND (${programScope(actor, 'mp')} OR EXISTS (
      SELECT 1 FROM mentorships ms JOIN mentoring_mentors mm ON mm.id = ms.mentor_id
      WHERE ms.program_id = mp.id AND ${pairScope(actor, 'ms', 'mp', 'mm')}))`);
  return rows[0] ?? null;
}

export interface ProgramWrite {
  name: string;
  forms: MentoringForm[];
  startsOn: string;
  endsOn: string | null;
  orderNumber: string | null;
  orderDate: string | null;
  orderUrl: string | null;
}

export async function insertProgram(db: Db, organizationId: string, p: ProgramWrite): Promise<string> {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO mentoring_programs (region_id, municipality_id, organization_id, name, forms, starts_on, ends_on,
                                    order_number, order_date, order_url)
    SELECT o.region_id, o.municipality_id, o.id, ${p.name}, ${sql.param(p.forms)}::text[]::mentoring_form[],
           ${p.startsOn}, ${p.endsOn}, ${p.orderNumber}, ${p.orderDate}, ${p.orderUrl}
    FROM organizations o WHERE o.id = ${organizationId}
    RETURNING id`);
  return row!.id;
}

export async function updateProgram(db: Db, id: string, p: ProgramWrite): Promise<void> {
  await db.query(sql`
    UPDATE mentoring_programs SET name = ${p.name}, forms = ${sql.param(p.forms)}::text[]::mentoring_form[],
      starts_on = ${p.startsOn}, ends_on = ${p.endsOn}, order_number = ${p.orderNumber},
      order_date = ${p.orderDate}, order_url = ${p.orderUrl}, updated_at = now()
    WHERE id = ${id}`);
}

export async function organizationExists(db: Db, id: string): Promise<boolean> {
  return (await db.query(sql`SELECT 1 FROM organizations WHERE id = ${id}`)).length > 0;
}

// ---- mentors ----

export interface MentorDb {
  id: string;
  program_id: string;
  person_id: string;
  person_name: string;
  position: string | null;
  category: string;
  capacity: number;
  load: number;
}

const mentorSelect = sql`
  SELECT mm.id, mm.program_id, mm.person_id, ${fullName('p')} AS person_name, p.category::text AS category,
         (SELECT string_agg(DISTINCT e.position, ', ') FROM employments e
          WHERE e.person_id = p.id AND e.end_date IS NULL) AS position,
         mm.capacity,
         (SELECT count(*)::int FROM mentorship_mentees mx JOIN mentorships ms ON ms.id = mx.mentorship_id
          WHERE ms.mentor_id = mm.id AND mx.finished_on IS NULL) AS load
  FROM mentoring_mentors mm JOIN people p ON p.id = mm.person_id`;

export async function listMentors(db: Db, programId: string): Promise<MentorDb[]> {
  return db.query<MentorDb>(sql`${mentorSelect} WHERE mm.program_id = ${programId}
    ORDER BY p.last_name, p.first_name, p.id`);
}

export async function findMentor(db: Db, id: string): Promise<MentorDb | null> {
  const rows = await db.query<MentorDb>(sql`${mentorSelect} WHERE mm.id = ${id}`);
  return rows[0] ?? null;
}

/** Locks the mentor's row: creates for one mentor take turns, so the capacity holds. */
export async function lockMentor(db: Db, id: string): Promise<void> {
  await db.query(sql`SELECT id FROM mentoring_mentors WHERE id = ${id} FOR UPDATE`);
}

export async function insertMentor(
  db: Db,
  programId: string,
  personId: string,
  capacity: number,
): Promise<string | null> {
  const rows = await db.query<{ id: string }>(sql`
    INSERT INTO mentoring_mentors (program_id, person_id, capacity) VALUES (${programId}, ${personId}, ${capacity})
    ON CONFLICT (program_id, person_id) DO NOTHING RETURNING id`);
  return rows[0]?.id ?? null;
}

export async function updateMentorCapacity(db: Db, id: string, capacity: number): Promise<void> {
  await db.query(sql`UPDATE mentoring_mentors SET capacity = ${capacity} WHERE id = ${id}`);
}

/** A person the actor sees in the registry (where they work now), with their name. */
export async function visiblePerson(db: Db, actor: Actor, personId: string) {
  const rows = await db.query<{ id: string; name: string; works_in: string[] }>(sql`
    SELECT p.id, ${fullName('p')} AS name,
           ARRAY(SELECT e.organization_id::text FROM employments e WHERE e.person_id = p.id AND e.end_date IS NULL) AS works_in
    FROM people p WHERE p.id = ${personId} AND ${personScope(actor, 'p')}`);
  return rows[0] ?? null;
}

// ---- mentorships ----

export interface MenteeDb {
  person_id: string;
  name: string;
  finished_on: string | null;
  /** Where the mentee works now (short names), to show a transfer. */
  works_at: string | null;
}

export interface PairDb {
  id: string;
  program_id: string;
  program_name: string;
  region_id: string;
  municipality_id: string;
  organization_id: string;
  organization_name: string;
  mentor_id: string;
  mentor_person_id: string;
  mentor_name: string;
  form: MentoringForm;
  started_on: string;
  finished_on: string | null;
  finish_reason: FinishReason | null;
  finish_note: string | null;
  mentees: MenteeDb[];
  goals_total: number;
  goals_reached: number;
  plan_total: number;
  plan_done: number;
  reports: number;
}

const pairSelect = sql`
  SELECT ms.id, ms.program_id, mp.name AS program_name, mp.region_id, mp.municipality_id, mp.organization_id,
         ${orgName('o')} AS organization_name, ms.mentor_id, mm.person_id AS mentor_person_id,
         ${fullName('mpp')} AS mentor_name, ms.form::text AS form, ms.started_on, ms.finished_on,
         ms.finish_reason::text AS finish_reason, ms.finish_note,
         COALESCE((SELECT json_agg(json_build_object(
                     'person_id', xp.id, 'name', ${fullName('xp')}, 'finished_on', mx.finished_on,
                     'works_at', (SELECT string_agg(DISTINCT ${orgName('wo')}, ', ') FROM employments we
                                  JOIN organizations wo ON wo.id = we.organization_id
                                  WHERE we.person_id = xp.id AND we.end_date IS NULL))
                   ORDER BY xp.last_name, xp.first_name)
                   FROM mentorship_mentees mx JOIN people xp ON xp.id = mx.person_id
                   WHERE mx.mentorship_id = ms.id), '[]'::json) AS mentees,
         (SELECT count(*)::int FROM mentorship_goals g WHERE g.mentorship_id = ms.id) AS goals_total,
         (SELECT count(*)::int FROM mentorship_goals g WHERE g.mentorship_id = ms.id AND g.outcome = 'reached') AS goals_reached,
         (SELECT count(*)::int FROM mentorship_plan_items i WHERE i.mentorship_id = ms.id) AS plan_total,
         (SELECT count(*)::int FROM mentorship_plan_items i WHERE i.mentorship_id = ms.id AND i.done) AS plan_done,
         (SELECT count(*)::int FROM mentorship_reports r WHERE r.mentorship_id = ms.id) AS reports
  FROM mentorships ms
  JOIN mentoring_programs mp ON mp.id = ms.program_id
  JOIN organizations o ON o.id = mp.organization_id
  JOIN mentoring_mentors mm ON mm.id = ms.mentor_id
  JOIN people mpp ON mpp.id = mm.person_id`;

export interface PairFilters {
  programId?: string | undefined;
  organizationId?: string | undefined;
  status?: 'open' | 'finished' | undefined;
  form?: MentoringForm | undefined;
  mentorId?: string | undefined;
  q?: string | undefined;
}

export async function listPairs(db: Db, actor: Actor, f: PairFilters): Promise<PairDb[]> {
  const like = f.q ? `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return db.query<PairDb>(sql`${pairSelect}
    WHERE ${pairScope(actor, 'ms', 'mp', 'mm')}
      ${f.programId ? sql`AND ms.program_id = ${f.programId}` : sql``}
      ${f.organizationId ? sql`AND mp.organization_id = ${f.organizationId}` : sql``}
      ${f.status === 'open' ? sql`AND ms.finished_on IS NULL` : f.status === 'finished' ? sql`AND ms.finished_on IS NOT NULL` : sql``}
      ${f.form ? sql`AND ms.form = ${f.form}` : sql``}
      ${f.mentorId ? sql`AND ms.mentor_id = ${f.mentorId}` : sql``}
      ${
        like
          ? sql`AND (lower(${fullName('mpp')}) LIKE ${like} OR EXISTS (
          SELECT 1 FROM mentorship_mentees qx JOIN people qp ON qp.id = qx.person_id
          WHERE qx.mentorship_id = ms.id AND lower(${fullName('qp')}) LIKE ${like}))`
          : sql``
      }
    ORDER BY ms.finished_on IS NOT NULL, ms.started_on DESC, ms.id
    LIMIT 2000`);
}

export async function findPair(db: Db, actor: Actor, id: string): Promise<PairDb | null> {
  const rows = await db.query<PairDb>(sql`${pairSelect}
    WHERE ms.id = ${id} AND ${pairScope(actor, 'ms', 'mp', 'mm')}`);
  return rows[0] ?? null;
}

/** Every mentorship a person took part in, as mentee or mentor, in any school (a history). */
export async function personPairs(db: Db, personId: string): Promise<PairDb[]> {
  return db.query<PairDb>(sql`${pairSelect}
    WHERE mm.person_id = ${personId}
       OR EXISTS (SELECT 1 FROM mentorship_mentees hx WHERE hx.mentorship_id = ms.id AND hx.person_id = ${personId})
    ORDER BY ms.started_on DESC, ms.id`);
}

export async function insertPair(
  db: Db,
  p: { programId: string; mentorId: string; form: MentoringForm; startedOn: string; createdBy: string },
): Promise<string> {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO mentorships (program_id, mentor_id, form, started_on, created_by)
    VALUES (${p.programId}, ${p.mentorId}, ${p.form}, ${p.startedOn}, ${p.createdBy})
    RETURNING id`);
  return row!.id;
}

/**
 * Adds the mentees; returns those added. A mentee who already has an open mentorship in the
 * program is skipped by the partial unique index, also when another transaction is adding them.
 */
export async function insertMentees(
  db: Db,
  mentorshipId: string,
  programId: string,
  personIds: string[],
): Promise<string[]> {
  const rows = await db.query<{ person_id: string }>(sql`
    INSERT INTO mentorship_mentees (mentorship_id, program_id, person_id)
    SELECT ${mentorshipId}, ${programId}, x FROM unnest(${sql.param(personIds)}::uuid[]) AS x
    ON CONFLICT (program_id, person_id) WHERE finished_on IS NULL DO NOTHING
    RETURNING person_id`);
  return rows.map((r) => r.person_id);
}

export async function openMentorshipOf(db: Db, programId: string, personIds: string[]) {
  return db.query<{ person_id: string }>(sql`
    SELECT person_id FROM mentorship_mentees
    WHERE program_id = ${programId} AND finished_on IS NULL AND person_id = ANY(${sql.param(personIds)}::uuid[])`);
}

export async function finishPair(
  db: Db,
  id: string,
  f: { finishedOn: string; reason: FinishReason; note: string | null },
): Promise<boolean> {
  const rows = await db.query(sql`
    UPDATE mentorships SET finished_on = ${f.finishedOn}, finish_reason = ${f.reason}, finish_note = ${f.note},
      updated_at = now()
    WHERE id = ${id} AND finished_on IS NULL RETURNING id`);
  if (rows.length === 0) return false;
  await db.query(sql`
    UPDATE mentorship_mentees SET finished_on = ${f.finishedOn} WHERE mentorship_id = ${id} AND finished_on IS NULL`);
  return true;
}

// ---- goals ----

export interface GoalDb {
  id: string;
  mentee_person_id: string;
  mentee_name: string;
  competency_id: string;
  competency_code: string;
  competency_name: string;
  framework_name: string;
  deficit_below: number;
  title: string | null;
  baseline_percent: number;
  baseline_on: string;
  after_percent: number | null;
  after_on: string | null;
  outcome: GoalOutcome | null;
}

/** A goal with its «before» (the baseline) and «after» (the first result after the baseline). */
export async function listGoals(db: Db, mentorshipId: string): Promise<GoalDb[]> {
  return db.query<GoalDb>(sql`
    SELECT g.id, g.mentee_person_id, ${fullName('p')} AS mentee_name, g.competency_id, c.code AS competency_code,
           c.name AS competency_name, f.name AS framework_name, f.deficit_below::float8 AS deficit_below, g.title,
           g.baseline_percent::float8 AS baseline_percent, g.baseline_on,
           a.percent::float8 AS after_percent, a.assessed_on AS after_on, g.outcome::text AS outcome
    FROM mentorship_goals g
    JOIN people p ON p.id = g.mentee_person_id
    JOIN competencies c ON c.id = g.competency_id
    JOIN competency_frameworks f ON f.id = c.framework_id
    LEFT JOIN LATERAL (
      SELECT r.percent, r.assessed_on FROM competency_results r
      WHERE r.person_id = g.mentee_person_id AND r.competency_id = g.competency_id AND r.assessed_on > g.baseline_on
      ORDER BY r.assessed_on, r.id LIMIT 1) a ON true
    WHERE g.mentorship_id = ${mentorshipId}
    ORDER BY p.last_name, p.first_name, c.code, g.id`);
}

export interface DeficitDb {
  person_id: string;
  competency_id: string;
  competency_code: string;
  competency_name: string;
  framework_id: string;
  framework_name: string;
  percent: number;
  assessed_on: string;
  deficit_below: number;
}

/**
 * People's current deficits across frameworks: the latest result of each person on each
 * competency (by assessed_on, then id, as the deficits page reads it) below the framework's
 * deficit threshold. `competencyId` narrows to one.
 */
export async function currentDeficits(
  db: Db,
  personIds: string[],
  competencyId?: string,
): Promise<DeficitDb[]> {
  if (personIds.length === 0) return [];
  return db.query<DeficitDb>(sql`
    SELECT * FROM (
      SELECT DISTINCT ON (r.person_id, r.competency_id)
             r.person_id, r.competency_id, c.code AS competency_code, c.name AS competency_name,
             f.id AS framework_id, f.name AS framework_name, r.percent::float8 AS percent, r.assessed_on,
             f.deficit_below::float8 AS deficit_below
      FROM competency_results r
      JOIN competencies c ON c.id = r.competency_id
      JOIN competency_frameworks f ON f.id = c.framework_id
      WHERE r.person_id = ANY(${sql.param(personIds)}::uuid[])
        ${competencyId ? sql`AND r.competency_id = ${competencyId}` : sql``}
      ORDER BY r.person_id, r.competency_id, r.assessed_on DESC, r.id DESC) latest
    WHERE percent < deficit_below
    ORDER BY framework_name, competency_code`);
}

export async function insertGoal(
  db: Db,
  g: {
    mentorshipId: string;
    menteePersonId: string;
    competencyId: string;
    title: string | null;
    baselinePercent: number;
    baselineOn: string;
  },
): Promise<string | null> {
  const rows = await db.query<{ id: string }>(sql`
    INSERT INTO mentorship_goals (mentorship_id, mentee_person_id, competency_id, title, baseline_percent, baseline_on)
    VALUES (${g.mentorshipId}, ${g.menteePersonId}, ${g.competencyId}, ${g.title}, ${g.baselinePercent}, ${g.baselineOn})
    ON CONFLICT (mentorship_id, mentee_person_id, competency_id) DO NOTHING RETURNING id`);
  return rows[0]?.id ?? null;
}

export async function setGoalOutcome(db: Db, goalId: string, outcome: GoalOutcome): Promise<void> {
  await db.query(sql`UPDATE mentorship_goals SET outcome = ${outcome} WHERE id = ${goalId}`);
}

// ---- plan and reports ----

export interface PlanItemDb {
  id: string;
  mentorship_id: string;
  kind: 'meeting' | 'task';
  planned_on: string;
  topic: string;
  done: boolean;
  done_at: string | null;
}

export async function listPlanItems(db: Db, mentorshipId: string): Promise<PlanItemDb[]> {
  return db.query<PlanItemDb>(sql`
    SELECT id, mentorship_id, kind::text AS kind, planned_on, topic, done, done_at FROM mentorship_plan_items
    WHERE mentorship_id = ${mentorshipId} ORDER BY planned_on, created_at, id`);
}

export async function findPlanItem(db: Db, id: string): Promise<PlanItemDb | null> {
  const rows = await db.query<PlanItemDb>(sql`
    SELECT id, mentorship_id, kind::text AS kind, planned_on, topic, done, done_at FROM mentorship_plan_items
    WHERE id = ${id}`);
  return rows[0] ?? null;
}

export async function insertPlanItem(
  db: Db,
  p: { mentorshipId: string; kind: 'meeting' | 'task'; plannedOn: string; topic: string },
): Promise<string> {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO mentorship_plan_items (mentorship_id, kind, planned_on, topic)
    VALUES (${p.mentorshipId}, ${p.kind}, ${p.plannedOn}, ${p.topic}) RETURNING id`);
  return row!.id;
}

export async function markPlanItem(db: Db, id: string, done: boolean): Promise<void> {
  await db.query(sql`
    UPDATE mentorship_plan_items SET done = ${done}, done_at = CASE WHEN ${done} THEN now() ELSE NULL END
    WHERE id = ${id}`);
}

export interface ReportDb {
  id: string;
  side: 'mentor' | 'mentee';
  author_person_id: string;
  author_name: string;
  reported_on: string;
  text: string;
  created_at: string;
}

export async function listReports(db: Db, mentorshipId: string): Promise<ReportDb[]> {
  return db.query<ReportDb>(sql`
    SELECT r.id, r.side::text AS side, r.author_person_id, ${fullName('p')} AS author_name, r.reported_on, r.text,
           r.created_at
    FROM mentorship_reports r JOIN people p ON p.id = r.author_person_id
    WHERE r.mentorship_id = ${mentorshipId} ORDER BY r.reported_on, r.created_at, r.id`);
}

export async function insertReport(
  db: Db,
  r: {
    mentorshipId: string;
    side: 'mentor' | 'mentee';
    authorPersonId: string;
    reportedOn: string;
    text: string;
    createdBy: string;
  },
): Promise<string> {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO mentorship_reports (mentorship_id, side, author_person_id, reported_on, text, created_by)
    VALUES (${r.mentorshipId}, ${r.side}, ${r.authorPersonId}, ${r.reportedOn}, ${r.text}, ${r.createdBy})
    RETURNING id`);
  return row!.id;
}

// ---- warnings and counts ----

export interface WarningDb {
  person_id: string;
  person_name: string;
  organization_id: string;
  organization_name: string;
  position: string;
  start_date: string;
}

/** Where the actor reads warnings and counts: their school, their municipality, everything. */
function territory(actor: Actor, o = 'o'): SQL {
  const t = sql.raw(o);
  if (actor.role === 'admin') return sql`true`;
  if (actor.role === 'org_head')
    return actor.organizationId ? sql`${t}.id = ${actor.organizationId}` : sql`false`;
  return orgScope(actor, o);
}

/**
 * Young specialists (the derived rule) in pedagogical posts who started work at least `weeks`
 * weeks before `asOf` and have no open mentorship in any program.
 */
export async function youngWithoutMentor(
  db: Db,
  actor: Actor,
  f: { asOf: string; weeks: number; rules: DerivedRules; organizationId?: string | undefined },
): Promise<WarningDb[]> {
  return db.query<WarningDb>(sql`
    SELECT * FROM (
    SELECT DISTINCT ON (o.id, p.id) p.id AS person_id, ${fullName('p')} AS person_name, o.id AS organization_id,
           ${orgName('o')} AS organization_name, e.position, e.start_date
    FROM employments e
    JOIN people p ON p.id = e.person_id
    JOIN organizations o ON o.id = e.organization_id
    WHERE e.end_date IS NULL AND e.staff_category = 'pedagogical' AND e.start_date IS NOT NULL
      AND e.start_date <= ${f.asOf}::date - ${f.weeks * 7}::int
      AND ${territory(actor, 'o')}
      ${f.organizationId ? sql`AND o.id = ${f.organizationId}` : sql``}
      AND ${youngSql(f.rules, 'p', f.asOf)}
      AND NOT EXISTS (SELECT 1 FROM mentorship_mentees mx WHERE mx.person_id = p.id AND mx.finished_on IS NULL)
    ORDER BY o.id, p.id, e.start_date) w
    ORDER BY ${naturalOrder(sql`w.organization_name`)}, w.person_name, w.person_id
    LIMIT 5000`);
}

export interface SummaryDb {
  organization_id: string;
  organization_name: string;
  mentoring_regulation: boolean;
  programs: number;
  mentors: number;
  open_pairs: number;
  mentees: number;
  young: number;
  young_with_mentor: number;
}

/** Counts by organization in the actor's territory (no names): programs, mentors, pairs, young. */
export async function summaryByOrganization(
  db: Db,
  actor: Actor,
  f: { asOf: string; rules: DerivedRules },
): Promise<SummaryDb[]> {
  return db.query<SummaryDb>(sql`
    WITH orgs AS (SELECT o.id, ${orgName('o')} AS name, o.mentoring_regulation FROM organizations o
                  WHERE ${territory(actor, 'o')}),
    young AS (
      SELECT DISTINCT e.organization_id, p.id AS person_id,
             EXISTS (SELECT 1 FROM mentorship_mentees mx WHERE mx.person_id = p.id AND mx.finished_on IS NULL) AS mentored
      FROM employments e JOIN people p ON p.id = e.person_id
      WHERE e.end_date IS NULL AND e.staff_category = 'pedagogical' AND e.organization_id IN (SELECT id FROM orgs)
        AND ${youngSql(f.rules, 'p', f.asOf)})
    SELECT orgs.id AS organization_id, orgs.name AS organization_name, orgs.mentoring_regulation,
           (SELECT count(*)::int FROM mentoring_programs mp WHERE mp.organization_id = orgs.id) AS programs,
           (SELECT count(DISTINCT mm.person_id)::int FROM mentoring_mentors mm
              JOIN mentoring_programs mp ON mp.id = mm.program_id WHERE mp.organization_id = orgs.id) AS mentors,
           (SELECT count(*)::int FROM mentorships ms JOIN mentoring_programs mp ON mp.id = ms.program_id
              WHERE mp.organization_id = orgs.id AND ms.finished_on IS NULL) AS open_pairs,
           (SELECT count(DISTINCT mx.person_id)::int FROM mentorship_mentees mx
              JOIN mentoring_programs mp ON mp.id = mx.program_id
              WHERE mp.organization_id = orgs.id AND mx.finished_on IS NULL) AS mentees,
           (SELECT count(*)::int FROM young y WHERE y.organization_id = orgs.id) AS young,
           (SELECT count(*)::int FROM young y WHERE y.organization_id = orgs.id AND y.mentored) AS young_with_mentor
    FROM orgs
    ORDER BY ${naturalOrder(sql`orgs.name`)}, orgs.id
    LIMIT 5000`);
}
