import { type SQL, sql } from 'drizzle-orm';
import { type DerivedRules, youngSql } from '../directory/derived/derived-rules.ts';
import type { Target } from '../events/events.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { communityScope } from './communities.policy.ts';
import type { CommunityKind, CommunityLevel, MeetingStatus } from './communities.vocabulary.ts';

const NAME = (p: string) =>
  sql.raw(`trim(${p}.last_name || ' ' || ${p}.first_name || ' ' || ${p}.patronymic)`);
/** The person's main current organization's short name. */
const ORG_OF = (p: string) =>
  sql.raw(`(SELECT o2.short_name FROM employments e2 JOIN organizations o2 ON o2.id = e2.organization_id
    WHERE e2.person_id = ${p}.id AND e2.end_date IS NULL ORDER BY (e2.kind = 'main') DESC, o2.short_name LIMIT 1)`);

export interface CommunityDb {
  id: string;
  kind: CommunityKind;
  level: CommunityLevel;
  region_id: string;
  municipality_id: string | null;
  municipality_name: string | null;
  organization_id: string | null;
  organization_name: string | null;
  name: string;
  subject: string | null;
  direction: string | null;
  description: string | null;
  leader_person_id: string | null;
  leader_name: string | null;
  rule: Target;
  deputies: { id: string; name: string }[];
  is_member: boolean;
  is_deputy: boolean;
  members_count: number;
  meetings_held: number;
  meetings_planned: number;
  plan_items: number;
}

function communitySelect(actor: Actor, schoolYear: number): SQL {
  const me = actor.personId;
  return sql`
  SELECT c.id, c.kind, c.level, c.region_id, c.municipality_id, m.name AS municipality_name, c.organization_id,
         o.short_name AS organization_name, c.name, c.subject, c.direction, c.description, c.leader_person_id,
         CASE WHEN lp.id IS NULL THEN NULL ELSE ${NAME('lp')} END AS leader_name, c.rule,
         COALESCE((SELECT json_agg(json_build_object('id', dp.id, 'name', ${NAME('dp')}) ORDER BY dp.last_name, dp.first_name)
                   FROM community_deputies d JOIN people dp ON dp.id = d.person_id WHERE d.community_id = c.id), '[]'::json) AS deputies,
         ${me ? sql`EXISTS (SELECT 1 FROM community_members x WHERE x.community_id = c.id AND x.person_id = ${me} AND x.left_on IS NULL)` : sql`false`} AS is_member,
         ${me ? sql`EXISTS (SELECT 1 FROM community_deputies x WHERE x.community_id = c.id AND x.person_id = ${me})` : sql`false`} AS is_deputy,
         (SELECT count(*)::int FROM community_members x WHERE x.community_id = c.id AND x.left_on IS NULL) AS members_count,
         (SELECT count(*)::int FROM community_meetings x WHERE x.community_id = c.id AND x.school_year = ${schoolYear} AND x.status = 'held') AS meetings_held,
         (SELECT count(*)::int FROM community_meetings x WHERE x.community_id = c.id AND x.school_year = ${schoolYear} AND x.status <> 'cancelled') AS meetings_planned,
         (SELECT count(*)::int FROM community_plan_items x WHERE x.community_id = c.id AND x.school_year = ${schoolYear}) AS plan_items
  FROM communities c
  LEFT JOIN municipalities m ON m.id = c.municipality_id
  LEFT JOIN organizations o ON o.id = c.organization_id
  LEFT JOIN people lp ON lp.id = c.leader_person_id`;
}

export interface CommunityFilters {
  kind?: CommunityKind | undefined;
  level?: CommunityLevel | undefined;
  subject?: string | undefined;
  q?: string | undefined;
  organizationId?: string | undefined;
}

const like = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export async function listCommunities(
  db: Db,
  actor: Actor,
  f: CommunityFilters,
  schoolYear: number,
  opts: { mineOnly?: boolean } = {},
): Promise<CommunityDb[]> {
  const where: SQL[] = [communityScope(actor)];
  if (f.kind) where.push(sql`c.kind = ${f.kind}`);
  if (f.level) where.push(sql`c.level = ${f.level}`);
  if (f.organizationId) where.push(sql`c.organization_id = ${f.organizationId}`);
  if (f.subject)
    where.push(sql`(c.subject ILIKE ${like(f.subject)} OR c.direction ILIKE ${like(f.subject)})`);
  if (f.q) where.push(sql`c.name ILIKE ${like(f.q)}`);
  const rows =
    await db.query<CommunityDb>(sql`${communitySelect(actor, schoolYear)} WHERE ${sql.join(where, sql` AND `)}
    ORDER BY array_position(ARRAY['regional', 'municipal', 'institutional']::text[], c.level::text), m.name NULLS FIRST,
             o.short_name NULLS FIRST, c.kind, c.name`);
  if (!opts.mineOnly) return rows;
  return rows.filter(
    (r) => r.is_member || r.is_deputy || (!!actor.personId && r.leader_person_id === actor.personId),
  );
}

export async function findCommunity(
  db: Db,
  actor: Actor,
  id: string,
  schoolYear: number,
): Promise<CommunityDb | null> {
  const rows = await db.query<CommunityDb>(
    sql`${communitySelect(actor, schoolYear)} WHERE c.id = ${id} AND ${communityScope(actor)}`,
  );
  return rows[0] ?? null;
}

export interface CommunityWrite {
  kind: CommunityKind;
  level: CommunityLevel;
  regionId: string;
  municipalityId: string | null;
  organizationId: string | null;
  name: string;
  subject: string | null;
  direction: string | null;
  description: string | null;
  leaderPersonId: string | null;
  rule: Target;
}

export async function insertCommunity(db: Db, c: CommunityWrite, userId: string): Promise<string> {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO communities (kind, level, region_id, municipality_id, organization_id, name, subject, direction,
                             description, leader_person_id, rule, created_by)
    VALUES (${c.kind}, ${c.level}, ${c.regionId}, ${c.municipalityId}::uuid, ${c.organizationId}::uuid, ${c.name},
            ${c.subject}, ${c.direction}, ${c.description}, ${c.leaderPersonId}::uuid, ${JSON.stringify(c.rule)}::jsonb,
            ${userId}::uuid)
    RETURNING id`);
  return row!.id;
}

export async function updateCommunity(db: Db, id: string, c: CommunityWrite): Promise<void> {
  await db.query(sql`
    UPDATE communities SET kind = ${c.kind}, name = ${c.name}, subject = ${c.subject}, direction = ${c.direction},
      description = ${c.description}, leader_person_id = ${c.leaderPersonId}::uuid,
      rule = ${JSON.stringify(c.rule)}::jsonb, updated_at = now()
    WHERE id = ${id}`);
}

export async function setDeputies(db: Db, communityId: string, personIds: string[]): Promise<void> {
  await db.query(sql`DELETE FROM community_deputies WHERE community_id = ${communityId}`);
  if (personIds.length === 0) return;
  await db.query(sql`
    INSERT INTO community_deputies (community_id, person_id)
    SELECT ${communityId}, x FROM unnest(${sql.param(personIds)}::uuid[]) AS x ON CONFLICT DO NOTHING`);
}

export async function deleteCommunity(db: Db, id: string): Promise<void> {
  await db.query(sql`DELETE FROM communities WHERE id = ${id}`);
}

export interface Territory {
  level: CommunityLevel;
  region_id: string;
  municipality_id: string | null;
  organization_id: string | null;
}

/** Where the person currently works (or, for a regional community, belongs) inside the territory. */
function inTerritorySql(t: Territory): SQL {
  if (t.organization_id) return sql`o.id = ${t.organization_id}`;
  if (t.municipality_id) return sql`o.municipality_id = ${t.municipality_id}`;
  return sql`o.region_id = ${t.region_id}`;
}

/** Of the given people, those who currently work in the territory. */
export async function peopleInTerritory(db: Db, ids: string[], t: Territory): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ id: string }>(sql`
    SELECT DISTINCT e.person_id AS id FROM employments e JOIN organizations o ON o.id = e.organization_id
    WHERE e.person_id = ANY(${sql.param(ids)}::uuid[]) AND e.end_date IS NULL AND ${inTerritorySql(t)}`);
  return new Set(rows.map((r) => r.id));
}

export async function organizationTerritory(
  db: Db,
  organizationId: string,
): Promise<{ municipality_id: string; region_id: string } | null> {
  const rows = await db.query<{ municipality_id: string; region_id: string }>(
    sql`SELECT municipality_id, region_id FROM organizations WHERE id = ${organizationId}`,
  );
  return rows[0] ?? null;
}

export async function municipalityRegion(db: Db, municipalityId: string): Promise<string | null> {
  const rows = await db.query<{ region_id: string }>(
    sql`SELECT region_id FROM municipalities WHERE id = ${municipalityId}`,
  );
  return rows[0]?.region_id ?? null;
}

// ---- members ----

export interface MemberDb {
  id: string;
  person_id: string;
  person_name: string;
  organization_name: string | null;
  joined_on: string;
  left_on: string | null;
  left_reason: string | null;
  attended: number;
}

export async function listMembers(
  db: Db,
  communityId: string,
  opts: { includeLeft?: boolean; from?: string; to?: string } = {},
): Promise<MemberDb[]> {
  const where: SQL[] = [sql`cm.community_id = ${communityId}`];
  if (opts.from && opts.to)
    where.push(
      sql`cm.joined_on <= ${opts.to}::date AND (cm.left_on IS NULL OR cm.left_on >= ${opts.from}::date)`,
    );
  else if (!opts.includeLeft) where.push(sql`cm.left_on IS NULL`);
  const period =
    opts.from && opts.to ? sql`AND mt.held_on BETWEEN ${opts.from}::date AND ${opts.to}::date` : sql``;
  return db.query<MemberDb>(sql`
    SELECT cm.id, cm.person_id, ${NAME('p')} AS person_name, ${ORG_OF('p')} AS organization_name,
           cm.joined_on::text AS joined_on, cm.left_on::text AS left_on, cm.left_reason,
           (SELECT count(*)::int FROM community_attendance a JOIN community_meetings mt ON mt.id = a.meeting_id
            WHERE mt.community_id = cm.community_id AND mt.status = 'held' AND a.person_id = cm.person_id ${period}) AS attended
    FROM community_members cm JOIN people p ON p.id = cm.person_id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY cm.left_on IS NOT NULL, p.last_name, p.first_name, cm.joined_on DESC`);
}

/** Inserts an open membership; null when the person already has one (the partial unique index). */
export async function insertMember(
  db: Db,
  m: { communityId: string; personId: string; joinedOn: string; userId: string },
): Promise<string | null> {
  const rows = await db.query<{ id: string }>(sql`
    INSERT INTO community_members (community_id, person_id, joined_on, added_by)
    VALUES (${m.communityId}, ${m.personId}, ${m.joinedOn}::date, ${m.userId}::uuid)
    ON CONFLICT (community_id, person_id) WHERE left_on IS NULL DO NOTHING
    RETURNING id`);
  return rows[0]?.id ?? null;
}

export async function findMember(
  db: Db,
  id: string,
): Promise<{
  id: string;
  community_id: string;
  person_id: string;
  joined_on: string;
  left_on: string | null;
} | null> {
  const rows = await db.query<{
    id: string;
    community_id: string;
    person_id: string;
    joined_on: string;
    left_on: string | null;
  }>(sql`SELECT id, community_id, person_id, joined_on::text AS joined_on, left_on::text AS left_on
         FROM community_members WHERE id = ${id}`);
  return rows[0] ?? null;
}

export async function endMember(db: Db, id: string, leftOn: string, reason: string | null): Promise<boolean> {
  const rows = await db.query(sql`
    UPDATE community_members SET left_on = ${leftOn}::date, left_reason = ${reason}
    WHERE id = ${id} AND left_on IS NULL RETURNING id`);
  return rows.length > 0;
}

export async function personNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; name: string }>(sql`
    SELECT p.id, ${NAME('p')} AS name FROM people p WHERE p.id = ANY(${sql.param(ids)}::uuid[])`);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * People of the territory matching the community's rule (the target rule of campaigns and events)
 * who are not members now; `q` narrows by name; `ruleOnly: false` drops the rule (any person of the territory).
 */
export async function suggestMembers(
  db: Db,
  c: Territory & { id: string; rule: Target },
  rules: DerivedRules,
  today: string,
  opts: { q?: string | undefined; ruleOnly: boolean; limit: number },
) {
  const where: SQL[] = [sql`e.end_date IS NULL`, inTerritorySql(c)];
  const t = opts.ruleOnly ? c.rule : {};
  if (t.organizationIds?.length) where.push(sql`o.id = ANY(${sql.param(t.organizationIds)}::uuid[])`);
  if (t.orgKinds?.length) where.push(sql`o.kind::text = ANY(${sql.param(t.orgKinds)}::text[])`);
  if (t.subjects?.length) where.push(sql`e.subjects && ${sql.param(t.subjects)}::text[]`);
  if (t.positions?.length) where.push(sql`e.position = ANY(${sql.param(t.positions)}::text[])`);
  if (t.youngOnly) where.push(youngSql(rules, 'p', today));
  if (opts.q) where.push(sql`${NAME('p')} ILIKE ${like(opts.q)}`);
  where.push(sql`NOT EXISTS (SELECT 1 FROM community_members cm WHERE cm.community_id = ${c.id}
                               AND cm.person_id = p.id AND cm.left_on IS NULL)`);
  return db.query<{
    person_id: string;
    person_name: string;
    organization_name: string;
    position: string;
    subjects: string[];
  }>(sql`
    SELECT DISTINCT ON (p.last_name, p.first_name, p.id) p.id AS person_id, ${NAME('p')} AS person_name,
           o.short_name AS organization_name, e.position, e.subjects
    FROM employments e JOIN organizations o ON o.id = e.organization_id JOIN people p ON p.id = e.person_id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY p.last_name, p.first_name, p.id, (e.kind = 'main') DESC
    LIMIT ${opts.limit}`);
}

// ---- plan ----

export interface PlanItemDb {
  id: string;
  community_id: string;
  school_year: number;
  starts_on: string;
  ends_on: string | null;
  title: string;
  responsible_person_id: string | null;
  responsible_name: string | null;
  event_id: string | null;
  event_title: string | null;
  done_on: string | null;
}

const PLAN_SELECT = sql`
  SELECT pi.id, pi.community_id, pi.school_year, pi.starts_on::text AS starts_on, pi.ends_on::text AS ends_on, pi.title,
         pi.responsible_person_id, CASE WHEN rp.id IS NULL THEN NULL ELSE ${NAME('rp')} END AS responsible_name,
         pi.event_id, ev.title AS event_title, pi.done_on::text AS done_on
  FROM community_plan_items pi
  LEFT JOIN people rp ON rp.id = pi.responsible_person_id
  LEFT JOIN events ev ON ev.id = pi.event_id`;

export async function listPlanItems(db: Db, communityId: string, schoolYear: number): Promise<PlanItemDb[]> {
  return db.query<PlanItemDb>(sql`${PLAN_SELECT}
    WHERE pi.community_id = ${communityId} AND pi.school_year = ${schoolYear} ORDER BY pi.starts_on, pi.title`);
}

export async function findPlanItem(db: Db, id: string): Promise<PlanItemDb | null> {
  const rows = await db.query<PlanItemDb>(sql`${PLAN_SELECT} WHERE pi.id = ${id}`);
  return rows[0] ?? null;
}

export interface PlanItemWrite {
  startsOn: string;
  endsOn: string | null;
  title: string;
  responsiblePersonId: string | null;
  eventId: string | null;
  doneOn: string | null;
}

export async function insertPlanItem(db: Db, communityId: string, schoolYear: number, p: PlanItemWrite) {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO community_plan_items (community_id, school_year, starts_on, ends_on, title, responsible_person_id, event_id, done_on)
    VALUES (${communityId}, ${schoolYear}, ${p.startsOn}::date, ${p.endsOn}::date, ${p.title}, ${p.responsiblePersonId}::uuid,
            ${p.eventId}::uuid, ${p.doneOn}::date)
    RETURNING id`);
  return row!.id;
}

export async function updatePlanItem(
  db: Db,
  id: string,
  schoolYear: number,
  p: PlanItemWrite,
): Promise<void> {
  await db.query(sql`
    UPDATE community_plan_items SET school_year = ${schoolYear}, starts_on = ${p.startsOn}::date, ends_on = ${p.endsOn}::date,
      title = ${p.title}, responsible_person_id = ${p.responsiblePersonId}::uuid, event_id = ${p.eventId}::uuid,
      done_on = ${p.doneOn}::date
    WHERE id = ${id}`);
}

export async function deletePlanItem(db: Db, id: string): Promise<void> {
  await db.query(sql`DELETE FROM community_plan_items WHERE id = ${id}`);
}

/** The event's plan territory, for linking a plan item to an event of the same territory. */
export async function eventTerritory(
  db: Db,
  eventId: string,
): Promise<{ municipality_id: string; region_id: string; organization_id: string | null } | null> {
  const rows = await db.query<{
    municipality_id: string;
    region_id: string;
    organization_id: string | null;
  }>(sql`
    SELECT pl.municipality_id, pl.region_id, pl.organization_id FROM events ev JOIN event_plans pl ON pl.id = ev.plan_id
    WHERE ev.id = ${eventId}`);
  return rows[0] ?? null;
}

// ---- meetings ----

export interface MeetingDb {
  id: string;
  community_id: string;
  school_year: number;
  held_on: string;
  title: string;
  agenda: string | null;
  status: MeetingStatus;
  minutes: string | null;
  plan_item_id: string | null;
  attended: number;
  decisions: number;
}

const MEETING_SELECT = sql`
  SELECT mt.id, mt.community_id, mt.school_year, mt.held_on::text AS held_on, mt.title, mt.agenda, mt.status, mt.minutes,
         mt.plan_item_id,
         (SELECT count(*)::int FROM community_attendance a WHERE a.meeting_id = mt.id) AS attended,
         (SELECT count(*)::int FROM community_decisions d WHERE d.meeting_id = mt.id) AS decisions
  FROM community_meetings mt`;

export async function listMeetings(db: Db, communityId: string, schoolYear: number): Promise<MeetingDb[]> {
  return db.query<MeetingDb>(sql`${MEETING_SELECT}
    WHERE mt.community_id = ${communityId} AND mt.school_year = ${schoolYear} ORDER BY mt.held_on, mt.created_at`);
}

export async function findMeeting(db: Db, id: string): Promise<MeetingDb | null> {
  const rows = await db.query<MeetingDb>(sql`${MEETING_SELECT} WHERE mt.id = ${id}`);
  return rows[0] ?? null;
}

export interface MeetingWrite {
  heldOn: string;
  title: string;
  agenda: string | null;
  status: MeetingStatus;
  minutes: string | null;
  planItemId: string | null;
}

export async function insertMeeting(db: Db, communityId: string, schoolYear: number, m: MeetingWrite) {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO community_meetings (community_id, school_year, held_on, title, agenda, status, minutes, plan_item_id)
    VALUES (${communityId}, ${schoolYear}, ${m.heldOn}::date, ${m.title}, ${m.agenda}, ${m.status}, ${m.minutes},
            ${m.planItemId}::uuid)
    RETURNING id`);
  return row!.id;
}

export async function updateMeeting(db: Db, id: string, schoolYear: number, m: MeetingWrite): Promise<void> {
  await db.query(sql`
    UPDATE community_meetings SET school_year = ${schoolYear}, held_on = ${m.heldOn}::date, title = ${m.title},
      agenda = ${m.agenda}, status = ${m.status}, minutes = ${m.minutes}, plan_item_id = ${m.planItemId}::uuid,
      updated_at = now()
    WHERE id = ${id}`);
}

export async function deleteMeeting(db: Db, id: string): Promise<void> {
  await db.query(sql`DELETE FROM community_meetings WHERE id = ${id}`);
}

/** Members on the meeting's day (their period covers it), and whether each attended. */
export async function meetingAttendance(db: Db, communityId: string, meetingId: string, on: string) {
  return db.query<{
    person_id: string;
    person_name: string;
    organization_name: string | null;
    attended: boolean;
  }>(sql`
    SELECT cm.person_id, ${NAME('p')} AS person_name, ${ORG_OF('p')} AS organization_name,
           EXISTS (SELECT 1 FROM community_attendance a WHERE a.meeting_id = ${meetingId} AND a.person_id = cm.person_id) AS attended
    FROM (SELECT DISTINCT person_id FROM community_members
          WHERE community_id = ${communityId} AND joined_on <= ${on}::date AND (left_on IS NULL OR left_on >= ${on}::date)) cm
    JOIN people p ON p.id = cm.person_id
    ORDER BY p.last_name, p.first_name`);
}

export async function setAttendance(db: Db, meetingId: string, personIds: string[]): Promise<void> {
  await db.query(sql`DELETE FROM community_attendance WHERE meeting_id = ${meetingId}`);
  if (personIds.length === 0) return;
  await db.query(sql`
    INSERT INTO community_attendance (meeting_id, person_id)
    SELECT ${meetingId}, x FROM unnest(${sql.param(personIds)}::uuid[]) AS x ON CONFLICT DO NOTHING`);
}

export interface DecisionWrite {
  text: string;
  responsiblePersonId: string | null;
  dueOn: string | null;
  doneOn: string | null;
}

export async function listDecisions(db: Db, meetingId: string) {
  return db.query<{
    id: string;
    text: string;
    responsible_person_id: string | null;
    responsible_name: string | null;
    due_on: string | null;
    done_on: string | null;
  }>(sql`
    SELECT d.id, d.text, d.responsible_person_id, CASE WHEN rp.id IS NULL THEN NULL ELSE ${NAME('rp')} END AS responsible_name,
           d.due_on::text AS due_on, d.done_on::text AS done_on
    FROM community_decisions d LEFT JOIN people rp ON rp.id = d.responsible_person_id
    WHERE d.meeting_id = ${meetingId} ORDER BY d.position`);
}

export async function replaceDecisions(db: Db, meetingId: string, list: DecisionWrite[]): Promise<void> {
  await db.query(sql`DELETE FROM community_decisions WHERE meeting_id = ${meetingId}`);
  if (list.length === 0) return;
  await db.query(sql`
    INSERT INTO community_decisions (meeting_id, position, text, responsible_person_id, due_on, done_on)
    SELECT ${meetingId}, x.position, x.text, x.responsible_person_id, x.due_on, x.done_on
    FROM jsonb_to_recordset(${JSON.stringify(
      list.map((d, i) => ({
        position: i + 1,
        text: d.text,
        responsible_person_id: d.responsiblePersonId,
        due_on: d.dueOn,
        done_on: d.doneOn,
      })),
    )}::jsonb) AS x(position int, text text, responsible_person_id uuid, due_on date, done_on date)`);
}

/** The year's figures: meetings held and planned, members over the year, members who attended a held meeting. */
export async function yearFigures(db: Db, communityId: string, schoolYear: number, from: string, to: string) {
  const [row] = await db.query<{
    meetings_held: number;
    meetings_planned: number;
    meetings_cancelled: number;
    plan_items: number;
    plan_items_done: number;
    members: number;
    members_active: number;
    decisions: number;
    decisions_done: number;
  }>(sql`
    SELECT
      (SELECT count(*)::int FROM community_meetings WHERE community_id = ${communityId} AND school_year = ${schoolYear} AND status = 'held') AS meetings_held,
      (SELECT count(*)::int FROM community_meetings WHERE community_id = ${communityId} AND school_year = ${schoolYear} AND status <> 'cancelled') AS meetings_planned,
      (SELECT count(*)::int FROM community_meetings WHERE community_id = ${communityId} AND school_year = ${schoolYear} AND status = 'cancelled') AS meetings_cancelled,
      (SELECT count(*)::int FROM community_plan_items WHERE community_id = ${communityId} AND school_year = ${schoolYear}) AS plan_items,
      (SELECT count(*)::int FROM community_plan_items WHERE community_id = ${communityId} AND school_year = ${schoolYear} AND done_on IS NOT NULL) AS plan_items_done,
      (SELECT count(DISTINCT person_id)::int FROM community_members WHERE community_id = ${communityId}
         AND joined_on <= ${to}::date AND (left_on IS NULL OR left_on >= ${from}::date)) AS members,
      (SELECT count(DISTINCT a.person_id)::int FROM community_attendance a JOIN community_meetings mt ON mt.id = a.meeting_id
         WHERE mt.community_id = ${communityId} AND mt.school_year = ${schoolYear} AND mt.status = 'held') AS members_active,
      (SELECT count(*)::int FROM community_decisions d JOIN community_meetings mt ON mt.id = d.meeting_id
         WHERE mt.community_id = ${communityId} AND mt.school_year = ${schoolYear}) AS decisions,
      (SELECT count(*)::int FROM community_decisions d JOIN community_meetings mt ON mt.id = d.meeting_id
         WHERE mt.community_id = ${communityId} AND mt.school_year = ${schoolYear} AND d.done_on IS NOT NULL) AS decisions_done`);
  return row!;
}
