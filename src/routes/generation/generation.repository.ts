import { type SQL, sql } from 'drizzle-orm';
import type { DerivedRules } from '../../directory/derived/derived-rules.ts';
import { type Target, targetSql } from '../../events/events.repository.ts';
import type { EventKind, EventLevel } from '../../events/events.vocabulary.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { personScope } from '../../platform/auth/scope.ts';
import { copyIn, type Db, pgPoolOf } from '../../platform/db/database.ts';
import { copyValue } from '../../platform/import/copy-text.ts';

/**
 * Set-based reads and batched writes of route generation: every read is one statement over the
 * whole set of people, every write one multi-row statement (or one COPY) per batch — never a
 * query per person.
 */

export interface CandidateDb {
  person_id: string;
  region_id: string;
  full_name: string;
  organization_id: string | null;
  organization: string | null;
  municipality_id: string | null;
  baseline_on: string;
  /** [competency id, percent] of every competency below the partial threshold. */
  results: [string, number][];
}

export interface CandidateFilter {
  frameworkId: string;
  campaignId?: string | null | undefined;
  organizationId?: string | null | undefined;
  personIds?: string[] | undefined;
}

/** People per statement of readCandidates: each a short statement (PGlite is one connection). */
export const CANDIDATE_CHUNK = 2500;

/**
 * People in the actor's scope with at least one deficit in the framework, by the latest result per
 * competency (or, for a campaign, by that campaign's results), with their main workplace; in name
 * order. The people in scope are listed in that order first, then read in chunks of `chunk`: each
 * chunk is one short statement in the same order, so their concatenation is the whole list in order.
 */
export async function readCandidates(
  db: Db,
  actor: Actor,
  f: CandidateFilter,
  t: { deficitBelow: number; partialBelow: number },
  chunk = CANDIDATE_CHUNK,
): Promise<CandidateDb[]> {
  const people: SQL[] = [personScope(actor, 'sp')];
  if (f.organizationId)
    people.push(sql`EXISTS (SELECT 1 FROM employments fe WHERE fe.person_id = sp.id AND fe.end_date IS NULL
                            AND fe.organization_id = ${f.organizationId})`);
  if (f.personIds) people.push(sql`sp.id = ANY(${sql.param(f.personIds)}::uuid[])`);
  const ids = (
    await db.query<{ id: string }>(sql`
      SELECT sp.id FROM people sp WHERE ${sql.join(people, sql` AND `)}
      ORDER BY sp.last_name, sp.first_name, sp.patronymic, sp.id`)
  ).map((r) => r.id);
  const out: CandidateDb[] = [];
  for (let from = 0; from < ids.length; from += chunk) {
    const slice = ids.slice(from, from + chunk);
    const rows = await db.query<CandidateDb>(sql`
      WITH latest AS (
        SELECT DISTINCT ON (r.person_id, r.competency_id) r.person_id, r.competency_id, r.percent, r.assessed_on
        FROM competency_results r JOIN competencies c ON c.id = r.competency_id
        WHERE c.framework_id = ${f.frameworkId}
          ${f.campaignId ? sql`AND r.campaign_id = ${f.campaignId}` : sql``}
          AND r.person_id = ANY(${sql.param(slice)}::uuid[])
        ORDER BY r.person_id, r.competency_id, r.assessed_on DESC, r.id DESC
      ), agg AS (
        SELECT person_id, max(assessed_on) AS baseline_on,
               json_agg(json_build_array(competency_id, percent)) FILTER (WHERE percent < ${t.partialBelow}) AS results
        FROM latest GROUP BY person_id HAVING bool_or(percent < ${t.deficitBelow})
      )
      SELECT p.id AS person_id, p.region_id,
             concat_ws(' ', p.last_name, p.first_name, NULLIF(p.patronymic, '')) AS full_name,
             w.organization_id, w.organization, w.municipality_id, a.baseline_on, a.results
      FROM agg a JOIN people p ON p.id = a.person_id
      LEFT JOIN LATERAL (
        SELECT e.organization_id, COALESCE(NULLIF(o.short_name, ''), o.full_name) AS organization, o.municipality_id
        FROM employments e JOIN organizations o ON o.id = e.organization_id
        WHERE e.person_id = p.id AND e.end_date IS NULL
        ORDER BY (e.kind = 'main') DESC, e.start_date NULLS LAST, e.id LIMIT 1
      ) w ON true
      ORDER BY p.last_name, p.first_name, p.patronymic, p.id`);
    for (const r of rows) out.push(r);
  }
  return out;
}

export interface CompetencyRow {
  id: string;
  code: string;
  name: string;
  description: string;
}

export async function frameworkCompetencies(db: Db, frameworkId: string): Promise<CompetencyRow[]> {
  return db.query<CompetencyRow>(
    sql`SELECT id, code, name, description FROM competencies WHERE framework_id = ${frameworkId} ORDER BY position, code`,
  );
}

export interface ProgramDb {
  id: string;
  region_id: string | null;
  name: string;
  hours: number;
  federal_registry: boolean;
  federal_registry_number: string | null;
  priority_directions: string[];
  competency_ids: string[];
  cohorts: { id: string; startsOn: string; endsOn: string; seats: number | null }[];
}

/**
 * Active programs addressing the framework, with their cohorts starting within [from, to] — a
 * program without such a cohort comes with none, so the planner can say «нет потоков», not «нет программ».
 */
export async function readCatalog(
  db: Db,
  frameworkId: string,
  from: string,
  to: string,
): Promise<ProgramDb[]> {
  return db.query<ProgramDb>(sql`
    SELECT pr.id, pr.region_id, pr.name, pr.hours, pr.federal_registry, pr.federal_registry_number,
           pr.priority_directions, pc.competency_ids, COALESCE(ch.cohorts, '[]'::json) AS cohorts
    FROM programs pr
    JOIN LATERAL (
      SELECT array_agg(x.competency_id::text ORDER BY x.competency_id) AS competency_ids
      FROM program_competencies x JOIN competencies c ON c.id = x.competency_id
      WHERE x.program_id = pr.id AND c.framework_id = ${frameworkId}
    ) pc ON pc.competency_ids IS NOT NULL
    JOIN LATERAL (
      SELECT json_agg(json_build_object('id', k.id, 'startsOn', k.starts_on, 'endsOn', k.ends_on, 'seats', k.seats)
                      ORDER BY k.starts_on, k.id) AS cohorts
      FROM program_cohorts k WHERE k.program_id = pr.id AND k.starts_on BETWEEN ${from} AND ${to}
    ) ch ON true
    WHERE pr.active
    ORDER BY pr.name, pr.id`);
}

/** Seats of the cohorts already held by route items (cancelled routes, dropped items and the drafts about to be rebuilt free theirs). */
export async function seatsTaken(
  db: Db,
  cohortIds: string[],
  exceptRouteIds: string[],
): Promise<Map<string, number>> {
  if (cohortIds.length === 0) return new Map();
  const rows = await db.query<{ cohort_id: string; taken: number }>(sql`
    SELECT i.activity_id AS cohort_id, count(*)::int AS taken
    FROM learning_route_items i JOIN learning_routes r ON r.id = i.route_id
    WHERE i.activity_kind = 'program' AND i.activity_id = ANY(${sql.param(cohortIds)}::uuid[])
      AND r.status <> 'cancelled' AND i.status <> 'dropped'
      AND r.id <> ALL(${sql.param(exceptRouteIds)}::uuid[])
    GROUP BY i.activity_id`);
  return new Map(rows.map((r) => [r.cohort_id, r.taken]));
}

export interface ExistingRouteDb {
  id: string;
  person_id: string;
  status: 'draft' | 'agreed' | 'in_progress';
  curator_user_id: string | null;
  /** The job that built it: a rerun of the same job (a retry) counts it as created, not rebuilt. */
  generated_by_job_id: string | null;
  /** A person has worked on it (agreed, added or edited items, commented): never rebuilt over. */
  touched: boolean;
}

/** Each person's live route in the framework: an agreed or running one first, else the latest draft. */
export async function existingRoutes(
  db: Db,
  frameworkId: string,
  personIds: string[],
): Promise<ExistingRouteDb[]> {
  return db.query<ExistingRouteDb>(sql`
    SELECT DISTINCT ON (person_id) id, person_id, status, curator_user_id, generated_by_job_id,
           (agreed_by_teacher_at IS NOT NULL OR agreed_by_curator_at IS NOT NULL
            OR EXISTS (SELECT 1 FROM learning_route_events ev
                       WHERE ev.route_id = learning_routes.id AND ev.kind NOT IN ('created', 'curator')
                         AND NOT (ev.kind = 'edited' AND ev.data ? 'uncovered'))) AS touched
    FROM learning_routes
    WHERE framework_id = ${frameworkId} AND person_id = ANY(${sql.param(personIds)}::uuid[])
      AND status IN ('draft', 'agreed', 'in_progress')
    ORDER BY person_id, (status <> 'draft') DESC, created_at DESC, id`);
}

/** Hours each person already has planned in other live routes, by half-year ('2027-1'). */
export async function plannedHoursElsewhere(
  db: Db,
  frameworkId: string,
  personIds: string[],
): Promise<{ person_id: string; half: string; hours: number }[]> {
  return db.query(sql`
    SELECT r.person_id,
           to_char(i.planned_start, 'YYYY') || '-' || CASE WHEN extract(month FROM i.planned_start) <= 6 THEN '1' ELSE '2' END AS half,
           sum(i.hours)::int AS hours
    FROM learning_route_items i JOIN learning_routes r ON r.id = i.route_id
    WHERE r.person_id = ANY(${sql.param(personIds)}::uuid[]) AND r.framework_id IS DISTINCT FROM ${frameworkId}
      AND r.status IN ('draft', 'agreed', 'in_progress') AND i.status <> 'dropped' AND i.planned_start IS NOT NULL
    GROUP BY 1, 2`);
}

export interface CuratorDb {
  id: string;
  full_name: string;
  role: 'curator' | 'municipal_methodist';
  municipality_id: string;
  /** A school's curator curates its own staff; null — a curator of the municipality. */
  organization_id: string | null;
  load: number;
}

/** Active curators and methodists of the municipalities with their load (live routes they curate). */
export async function curatorCandidates(db: Db, municipalityIds: string[]): Promise<CuratorDb[]> {
  return db.query<CuratorDb>(sql`
    SELECT u.id, u.full_name, u.role, u.municipality_id, u.organization_id, COALESCE(l.n, 0)::int AS load
    FROM users u
    LEFT JOIN (SELECT curator_user_id, count(*) AS n FROM learning_routes
               WHERE status IN ('draft', 'agreed', 'in_progress') AND curator_user_id IS NOT NULL
               GROUP BY curator_user_id) l ON l.curator_user_id = u.id
    WHERE u.active AND u.role IN ('curator', 'municipal_methodist')
      AND u.municipality_id = ANY(${sql.param(municipalityIds)}::uuid[])
    ORDER BY u.full_name, u.id`);
}

export async function curatorAssignmentsOf(
  db: Db,
  personIds: string[],
): Promise<{ person_id: string; curator_user_id: string }[]> {
  return db.query(sql`
    SELECT person_id, curator_user_id FROM curator_assignments
    WHERE person_id = ANY(${sql.param(personIds)}::uuid[])`);
}

// ---- batched writes ----

export interface RouteWrite {
  id: string;
  person_id: string;
  campaign_id: string | null;
  framework_id: string;
  baseline_on: string;
  generated_by_job_id: string | null;
  curator_user_id: string | null;
  title: string;
  period_start: string;
  period_end: string;
}

export interface ItemWrite {
  route_id: string;
  competency_id: string;
  /** PostgreSQL array literal: '{id,id}' (jsonb_to_recordset reads it as text, cast after). */
  competency_ids: string;
  baseline_percent: number;
  activity_kind: string;
  activity_id: string | null;
  title: string;
  form: string;
  planned_start: string;
  planned_end: string;
  hours: number;
  expected_result: string;
  reason: string;
  position: number;
  /** A mentoring item's suggested mentor (mentor-suggestion.ts); null otherwise. */
  mentor_person_id: string | null;
}

export interface EventWrite {
  route_id: string;
  author_user_id: string | null;
  kind: string;
  text: string;
  data: unknown;
}

/** Drafts being rebuilt: new header fields (their items are deleted and written anew). */
export async function updateDrafts(db: Db, routes: RouteWrite[]): Promise<void> {
  if (routes.length === 0) return;
  await db.query(sql`
    UPDATE learning_routes r SET campaign_id = x.campaign_id, baseline_on = x.baseline_on,
           generated_by_job_id = x.generated_by_job_id, curator_user_id = x.curator_user_id, title = x.title,
           period_start = x.period_start, period_end = x.period_end, updated_at = now()
    FROM jsonb_to_recordset(${JSON.stringify(routes)}::jsonb) AS x(
      id uuid, campaign_id uuid, baseline_on date, generated_by_job_id uuid, curator_user_id uuid, title text,
      period_start date, period_end date)
    WHERE r.id = x.id AND r.status = 'draft'`);
}

/**
 * Every item of the rebuilt drafts, in one statement. The events' item_id cascade is indexed
 * (learning_route_events_item_idx), and a rebuilt draft has only the generator's own events.
 */
export async function deleteItemsOf(db: Db, routeIds: string[]): Promise<void> {
  if (routeIds.length === 0) return;
  await db.query(sql`DELETE FROM learning_route_items WHERE route_id = ANY(${sql.param(routeIds)}::uuid[])`);
}

// ---- COPY ----

/** Rows in COPY's text format (tab-separated, \N for null) into the table's columns. */
export type CopyRows = (table: string, columns: readonly string[], text: string) => Promise<void>;

const copyLine = (fields: (string | number | null)[]) => `${fields.map(copyValue).join('\t')}\n`;

/**
 * One batch's write transaction, with COPY on PostgreSQL (on the transaction's own connection).
 * PGlite gets `copy` null — multi-row INSERTs: its COPY FROM '/dev/blob' measured several times
 * slower than json_to_recordset for the items (bench/route-generation.ts) — and so does a Db
 * already inside a transaction or a wrapper (the benchmark's recorder).
 */
export async function writeTransaction<T>(
  db: Db,
  fn: (tx: Db, copy: CopyRows | null) => Promise<T>,
): Promise<T> {
  const withCopy = pgPoolOf(db) !== null;
  return db.transaction((tx) =>
    fn(
      tx,
      withCopy
        ? (table, columns, text) => copyIn(tx, `COPY ${table} (${columns.join(', ')}) FROM STDIN`, text)
        : null,
    ),
  );
}

const ROUTE_COLUMNS = [
  'id',
  'person_id',
  'campaign_id',
  'framework_id',
  'baseline_on',
  'generated_by_job_id',
  'curator_user_id',
  'title',
  'period_start',
  'period_end',
] as const;

export async function insertRoutes(
  db: Db,
  routes: RouteWrite[],
  copy: CopyRows | null = null,
): Promise<void> {
  if (routes.length === 0) return;
  if (copy) {
    let text = '';
    for (const r of routes) text += copyLine(ROUTE_COLUMNS.map((c) => r[c]));
    return copy('learning_routes', ROUTE_COLUMNS, text);
  }
  await db.query(sql`
    INSERT INTO learning_routes (id, person_id, campaign_id, framework_id, baseline_on, generated_by_job_id,
                                 curator_user_id, status, title, period_start, period_end)
    SELECT x.id, x.person_id, x.campaign_id, x.framework_id, x.baseline_on, x.generated_by_job_id,
           x.curator_user_id, 'draft', x.title, x.period_start, x.period_end
    FROM jsonb_to_recordset(${JSON.stringify(routes)}::jsonb) AS x(
      id uuid, person_id uuid, campaign_id uuid, framework_id uuid, baseline_on date, generated_by_job_id uuid,
      curator_user_id uuid, title text, period_start date, period_end date)`);
}

const ITEM_COLUMNS = [
  'route_id',
  'competency_id',
  'competency_ids',
  'baseline_percent',
  'activity_kind',
  'activity_id',
  'title',
  'form',
  'planned_start',
  'planned_end',
  'hours',
  'expected_result',
  'reason',
  'position',
  'mentor_person_id',
] as const;

export async function insertItems(db: Db, items: ItemWrite[], copy: CopyRows | null = null): Promise<void> {
  if (items.length === 0) return;
  if (copy) {
    let text = '';
    for (const i of items) text += copyLine(ITEM_COLUMNS.map((c) => i[c]));
    return copy('learning_route_items', ITEM_COLUMNS, text);
  }
  await db.query(sql`
    INSERT INTO learning_route_items (route_id, competency_id, competency_ids, baseline_percent, activity_kind,
                                      activity_id, title, form, planned_start, planned_end, hours, expected_result,
                                      reason, position, mentor_person_id)
    SELECT x.route_id, x.competency_id, x.competency_ids::uuid[], x.baseline_percent, x.activity_kind::activity_kind,
           x.activity_id, x.title, x.form::learning_form, x.planned_start, x.planned_end, x.hours, x.expected_result,
           x.reason, x.position, x.mentor_person_id
    FROM json_to_recordset(${JSON.stringify(items)}::json) AS x(
      route_id uuid, competency_id uuid, competency_ids text, baseline_percent numeric, activity_kind text,
      activity_id uuid, title text, form text, planned_start date, planned_end date, hours int,
      expected_result text, reason text, position int, mentor_person_id uuid)`);
}

const EVENT_COLUMNS = ['route_id', 'author_user_id', 'kind', 'text', 'data'] as const;

export async function insertEvents(
  db: Db,
  events: EventWrite[],
  copy: CopyRows | null = null,
): Promise<void> {
  if (events.length === 0) return;
  if (copy) {
    let text = '';
    for (const e of events)
      text += copyLine([e.route_id, e.author_user_id, e.kind, e.text, JSON.stringify(e.data ?? {})]);
    return copy('learning_route_events', EVENT_COLUMNS, text);
  }
  await db.query(sql`
    INSERT INTO learning_route_events (route_id, author_user_id, kind, text, data)
    SELECT x.route_id, x.author_user_id, x.kind, x.text, COALESCE(x.data, '{}'::jsonb)
    FROM jsonb_to_recordset(${JSON.stringify(events)}::jsonb) AS x(
      route_id uuid, author_user_id uuid, kind text, text text, data jsonb)`);
}

export async function insertCuratorAssignments(
  db: Db,
  pairs: { curator_user_id: string; person_id: string }[],
): Promise<void> {
  if (pairs.length === 0) return;
  await db.query(sql`
    INSERT INTO curator_assignments (curator_user_id, person_id)
    SELECT x.curator_user_id, x.person_id
    FROM jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) AS x(curator_user_id uuid, person_id uuid)
    ON CONFLICT DO NOTHING`);
}

// ---- events of the plans ----

export interface PlanEventDb {
  id: string;
  title: string;
  kind: EventKind;
  level: EventLevel;
  starts_on: string;
  ends_on: string | null;
  capacity: number | null;
  /** Seat holders now: pending and confirmed registrations. */
  seats_taken: number;
  target: Target;
  plan_municipality_id: string;
  plan_organization_id: string | null;
  /** Competencies (of the framework) the event addresses. */
  competency_ids: string[];
}

/**
 * Events the planner may use for the municipalities: of approved plans (the municipality's own and
 * its schools'), starting after `today` and by `to`, registration not closed on `today`, addressing
 * competencies of the framework — one statement.
 */
export async function readPlanEvents(
  db: Db,
  frameworkId: string,
  municipalityIds: string[],
  today: string,
  to: string,
): Promise<PlanEventDb[]> {
  if (municipalityIds.length === 0) return [];
  return db.query<PlanEventDb>(sql`
    SELECT ev.id, ev.title, ev.kind, ev.level, ev.starts_on::text AS starts_on, ev.ends_on::text AS ends_on,
           ev.capacity, ev.target, pl.municipality_id AS plan_municipality_id,
           pl.organization_id AS plan_organization_id, ec.competency_ids,
           ev.seats_taken
    FROM events ev
    JOIN event_plans pl ON pl.id = ev.plan_id
    JOIN LATERAL (
      SELECT array_agg(x.competency_id::text ORDER BY x.competency_id) AS competency_ids
      FROM event_competencies x JOIN competencies c ON c.id = x.competency_id
      WHERE x.event_id = ev.id AND c.framework_id = ${frameworkId}
    ) ec ON ec.competency_ids IS NOT NULL
    WHERE pl.status = 'approved' AND pl.municipality_id = ANY(${sql.param(municipalityIds)}::uuid[])
      AND ev.starts_on > ${today}::date AND ev.starts_on <= ${to}::date
      AND COALESCE(ev.registration_closes_on, ev.starts_on) >= ${today}::date
    ORDER BY ev.starts_on, ev.id`);
}

/** Events per statement of eventAudience: each event's target rule is its own branch of a UNION ALL. */
const AUDIENCE_CHUNK = 50;

/**
 * Who of the people each event's target group admits, by the registration's own rule (targetSql of
 * the events context: a current employment within the plan's territory matching the rule). People
 * are passed per event — those the service found with a deficit the event addresses — and the
 * events go AUDIENCE_CHUNK to a statement, so a region takes a handful of statements, never one
 * per person. Returns 'eventId:personId' pairs.
 */
export async function eventAudience(
  db: Db,
  asked: { event: PlanEventDb; personIds: string[] }[],
  rules: DerivedRules,
  today: string,
): Promise<Set<string>> {
  const out = new Set<string>();
  const work = asked.filter((a) => a.personIds.length > 0);
  for (let from = 0; from < work.length; from += AUDIENCE_CHUNK) {
    const branches = work.slice(from, from + AUDIENCE_CHUNK).map(
      ({ event, personIds }) => sql`
        SELECT DISTINCT ${event.id}::uuid AS event_id, e.person_id
        FROM employments e JOIN organizations o ON o.id = e.organization_id JOIN people p ON p.id = e.person_id
        WHERE e.person_id = ANY(${sql.param(personIds)}::uuid[])
          AND ${targetSql(
            { municipality_id: event.plan_municipality_id, organization_id: event.plan_organization_id },
            event.target ?? {},
            rules,
            today,
          )}`,
    );
    const rows = await db.query<{ event_id: string; person_id: string }>(
      sql.join(branches, sql` UNION ALL `),
    );
    for (const r of rows) out.add(`${r.event_id}:${r.person_id}`);
  }
  return out;
}

// ---- mentors for mentoring items ----

export interface MentorPoolDb {
  municipality_id: string;
  person_id: string;
  full_name: string;
  category: 'highest' | 'first' | 'szd' | 'none';
  subjects: string[];
  organization_ids: string[];
  organization: string;
  capacity: number;
  load: number;
  /**
   * Mentees whose live route suggests this mentor and waits for the head's confirmation: their
   * places are reserved, so a suggestion elsewhere does not promise the same place twice.
   */
  reserved_for: string[];
}

/**
 * People appointed mentors in programs of the municipalities running on `today`, one row per
 * municipality and person: their category, the subjects of their current employments, the
 * organizations appointing them, their largest capacity and their open mentees over every
 * appointment — one statement.
 */
export async function readMentorPool(
  db: Db,
  municipalityIds: string[],
  today: string,
): Promise<MentorPoolDb[]> {
  if (municipalityIds.length === 0) return [];
  return db.query<MentorPoolDb>(sql`
    SELECT mp.municipality_id, mm.person_id,
           concat_ws(' ', p.last_name, p.first_name, NULLIF(p.patronymic, '')) AS full_name,
           p.category::text AS category,
           COALESCE((SELECT array_agg(DISTINCT s ORDER BY s) FROM employments e, unnest(e.subjects) s
                     WHERE e.person_id = mm.person_id AND e.end_date IS NULL), '{}') AS subjects,
           array_agg(DISTINCT mp.organization_id::text) AS organization_ids,
           min(COALESCE(NULLIF(o.short_name, ''), o.full_name)) AS organization,
           max(mm.capacity)::int AS capacity,
           (SELECT count(*)::int FROM mentorship_mentees mx
              JOIN mentorships ms ON ms.id = mx.mentorship_id
              JOIN mentoring_mentors m2 ON m2.id = ms.mentor_id
            WHERE m2.person_id = mm.person_id AND mx.finished_on IS NULL) AS load,
           COALESCE((SELECT array_agg(DISTINCT r.person_id::text) FROM learning_route_items i
              JOIN learning_routes r ON r.id = i.route_id
            WHERE i.mentor_person_id = mm.person_id AND i.activity_kind = 'mentoring'
              AND i.mentorship_id IS NULL AND i.status IN ('planned', 'in_progress')
              AND r.status IN ('draft', 'agreed', 'in_progress')), '{}') AS reserved_for
    FROM mentoring_mentors mm
    JOIN mentoring_programs mp ON mp.id = mm.program_id
    JOIN organizations o ON o.id = mp.organization_id
    JOIN people p ON p.id = mm.person_id
    WHERE mp.municipality_id = ANY(${sql.param(municipalityIds)}::uuid[])
      AND mp.starts_on <= ${today}::date AND (mp.ends_on IS NULL OR mp.ends_on >= ${today}::date)
    GROUP BY mp.municipality_id, mm.person_id, p.last_name, p.first_name, p.patronymic, p.category
    ORDER BY mp.municipality_id, mm.person_id`);
}

/** The subjects each person teaches now (their current employments). */
export async function subjectsOf(db: Db, personIds: string[]): Promise<Map<string, string[]>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.query<{ person_id: string; subjects: string[] }>(sql`
    SELECT e.person_id, array_agg(DISTINCT s ORDER BY s) AS subjects
    FROM employments e, unnest(e.subjects) s
    WHERE e.person_id = ANY(${sql.param(personIds)}::uuid[]) AND e.end_date IS NULL
    GROUP BY e.person_id`);
  return new Map(rows.map((r) => [r.person_id, r.subjects]));
}
