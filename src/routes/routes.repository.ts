import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../platform/auth/actor.ts';
import { personScope } from '../platform/auth/scope.ts';
import { cachedCount } from '../platform/db/count-cache.ts';
import type { Db } from '../platform/db/database.ts';
import {
  type CursorValue,
  decodeCursor,
  encodeCursor,
  keysetAfter,
  keysetOrder,
  keysetValues,
  type SortKey,
} from '../platform/db/keyset.ts';
import { naturalKey } from '../platform/db/natural-order.ts';

/**
 * Data access of learning routes. A route is visible when its person is in the caller's person
 * scope, or when the caller is the route's curator (a mentor may be outside the school's scope).
 */
export function routeVisibility(actor: Actor, r = 'r', p = 'p'): SQL {
  return sql`(${personScope(actor, p)} OR ${sql.raw(r)}.curator_user_id = ${actor.userId})`;
}

export type RouteStatus = 'draft' | 'agreed' | 'in_progress' | 'completed' | 'cancelled';
export type ItemStatus = 'planned' | 'in_progress' | 'done' | 'dropped';

export interface RouteSummaryDb {
  id: string;
  person_id: string;
  full_name: string;
  organization_id: string | null;
  organization: string | null;
  status: RouteStatus;
  title: string;
  curator_user_id: string | null;
  curator_name: string | null;
  period_start: string;
  period_end: string;
  items_total: number;
  items_done: number;
  items_awaiting: number;
  items_closed: number;
  hours_planned: number;
  agreed_by_teacher_at: string | null;
  agreed_by_curator_at: string | null;
  updated_at: string;
  framework_id: string | null;
  campaign_id: string | null;
  baseline_on: string | null;
  cancelled_reason: string | null;
  completed_at: string | null;
  /** The person is in the caller's person scope (not only seen as the curator). */
  in_scope: boolean;
}

/** One row per route with its person, main current organization, curator and item counts. */
function summaryFrom(actor: Actor): SQL {
  return sql`
    SELECT r.id, r.person_id, concat_ws(' ', p.last_name, p.first_name, p.patronymic) AS full_name,
           org.id AS organization_id, org.name AS organization, r.status, r.title,
           r.curator_user_id, cu.full_name AS curator_name, r.period_start, r.period_end,
           st.items_total, st.items_done, st.items_awaiting, st.items_closed, st.hours_planned,
           r.agreed_by_teacher_at, r.agreed_by_curator_at, r.updated_at, r.framework_id, r.campaign_id,
           r.baseline_on, r.cancelled_reason, r.completed_at, (${personScope(actor, 'p')}) AS in_scope,
           p.last_name AS sort_last, p.first_name AS sort_first, p.patronymic AS sort_patronymic
    FROM learning_routes r
    JOIN people p ON p.id = r.person_id
    LEFT JOIN users cu ON cu.id = r.curator_user_id
    LEFT JOIN LATERAL (
      SELECT o.id, COALESCE(NULLIF(o.short_name, ''), o.full_name) AS name
      FROM employments e JOIN organizations o ON o.id = e.organization_id
      WHERE e.person_id = p.id AND e.end_date IS NULL
      ORDER BY (e.kind = 'main') DESC, e.start_date NULLS LAST, o.id LIMIT 1) org ON true
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS items_total,
             count(*) FILTER (WHERE i.status = 'done')::int AS items_done,
             count(*) FILTER (WHERE i.status = 'done' AND i.confirmed_at IS NULL)::int AS items_awaiting,
             count(*) FILTER (WHERE i.status = 'dropped' OR (i.status = 'done' AND i.confirmed_at IS NOT NULL))::int
               AS items_closed,
             COALESCE(sum(i.hours) FILTER (WHERE i.status <> 'dropped'), 0)::int AS hours_planned
      FROM learning_route_items i WHERE i.route_id = r.id) st ON true`;
}

export interface RouteFilters {
  status?: RouteStatus | undefined;
  organizationId?: string | undefined;
  curatorUserId?: string | undefined;
  /** Only open routes that have no curator (the methodist's work of the day). */
  withoutCurator?: 'true' | undefined;
  campaignId?: string | undefined;
  competencyId?: string | undefined;
  frameworkId?: string | undefined;
  q?: string | undefined;
  /** Only routes of this person (the teacher's own list). */
  personId?: string | undefined;
}

function filterWhere(actor: Actor, f: RouteFilters): SQL {
  const parts: SQL[] = [routeVisibility(actor)];
  if (f.status) parts.push(sql`r.status = ${f.status}`);
  if (f.organizationId) {
    parts.push(sql`EXISTS (SELECT 1 FROM employments fe WHERE fe.person_id = r.person_id
                           AND fe.end_date IS NULL AND fe.organization_id = ${f.organizationId})`);
  }
  if (f.curatorUserId) parts.push(sql`r.curator_user_id = ${f.curatorUserId}`);
  if (f.withoutCurator === 'true') {
    parts.push(sql`r.curator_user_id IS NULL AND r.status IN ('draft', 'agreed', 'in_progress')`);
  }
  if (f.campaignId) parts.push(sql`r.campaign_id = ${f.campaignId}`);
  if (f.frameworkId) parts.push(sql`r.framework_id = ${f.frameworkId}`);
  if (f.personId) parts.push(sql`r.person_id = ${f.personId}`);
  if (f.competencyId) {
    parts.push(sql`EXISTS (SELECT 1 FROM learning_route_items fi WHERE fi.route_id = r.id
                           AND (fi.competency_id = ${f.competencyId} OR ${f.competencyId}::uuid = ANY(fi.competency_ids)))`);
  }
  if (f.q?.trim()) {
    const like = `%${f.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(
      sql`(concat_ws(' ', p.last_name, p.first_name, p.patronymic) ILIKE ${like} OR r.title ILIKE ${like})`,
    );
  }
  return sql.join(parts, sql` AND `);
}

/** The columns the routes list sorts by (the table's headers). */
export const ROUTE_SORTS = [
  'fullName',
  'organization',
  'status',
  'curator',
  'progress',
  'items',
  'awaiting',
  'hours',
  'period',
] as const;
export type RouteSort = (typeof ROUTE_SORTS)[number];

/** The lifecycle's order, for sorting by status. */
const statusOrder = (col: SQL) =>
  sql`array_position(ARRAY['draft', 'agreed', 'in_progress', 'completed', 'cancelled']::text[], ${col}::text)`;

/** A column of the list, written once for the summary `s` and once, where it can be, for `r`/`p` alone. */
interface Col {
  s: SQL;
  base?: SQL;
}
/** The name as its parts, the order of people_name_order_idx (the same as of the joined name). */
const NAME: Col[] = [
  { s: sql`s.sort_last`, base: sql`p.last_name` },
  { s: sql`s.sort_first`, base: sql`p.first_name` },
  { s: sql`s.sort_patronymic`, base: sql`p.patronymic` },
];
const PERIOD: Col = { s: sql`s.period_start`, base: sql`r.period_start` };
const ID: Col = { s: sql`s.id`, base: sql`r.id` };

/**
 * Each column's sort key, one or more expressions; names in natural order («№ 2» before «№ 10»).
 * Empty values sort last either way: they are replaced by a value past every real one in the
 * chosen direction, so that every key is NOT NULL, as keyset paging needs (keyset.ts).
 */
type KeyDef = Col & { type: SortKey['type']; nullable?: 'text' | 'float8' };
const SORT_KEYS: Record<RouteSort, KeyDef[]> = {
  fullName: NAME.map((c) => ({ ...c, type: 'text' as const })),
  organization: [
    { s: naturalKey('s.organization'), type: 'text', nullable: 'text' },
    { s: sql`s.organization`, type: 'text', nullable: 'text' },
  ],
  status: [{ s: statusOrder(sql`s.status`), base: statusOrder(sql`r.status`), type: 'int4' }],
  curator: [{ s: sql`s.curator_name`, type: 'text', nullable: 'text' }],
  progress: [
    { s: sql`(s.items_closed::float / NULLIF(s.items_total, 0))`, type: 'float8', nullable: 'float8' },
  ],
  items: [{ s: sql`s.items_total`, type: 'int4' }],
  awaiting: [{ s: sql`s.items_awaiting`, type: 'int4' }],
  hours: [{ s: sql`s.hours_planned`, type: 'int4' }],
  period: [{ ...PERIOD, type: 'date' }],
};

/** Past every real value: the highest code point for names, a huge number for shares. */
function lastly(e: SQL, nullable: KeyDef['nullable'], desc: boolean): SQL {
  if (!nullable) return e;
  if (nullable === 'text') return desc ? sql`coalesce(${e}, '')` : sql`coalesce(${e}, chr(1114111))`;
  return desc ? sql`coalesce(${e}, -1e300::float8)` : sql`coalesce(${e}, 1e300::float8)`;
}

/**
 * The list's keys: the chosen column (empty values last either way), then name and period, then
 * the id. `on` = 'base' writes them over learning_routes r and people p alone, for a page chosen
 * before the summary is computed; null when a key needs the summary.
 */
export function routeSortKeys(
  sort: RouteSort,
  order: 'asc' | 'desc',
  on: 's' | 'base' = 's',
): SortKey[] | null {
  const desc = order === 'desc';
  const defs: (KeyDef & { desc?: boolean })[] = [
    ...SORT_KEYS[sort].map((k) => ({ ...k, desc })),
    ...NAME.map((c) => ({ ...c, type: 'text' as const })),
    { ...PERIOD, type: 'date', desc: true },
    { ...ID, type: 'uuid' },
  ];
  const keys: SortKey[] = [];
  for (const d of defs) {
    const e = on === 's' ? d.s : d.base;
    if (!e) return null;
    keys.push({
      expr: lastly(e, d.nullable, Boolean(d.desc)),
      type: d.type,
      ...(d.desc ? { desc: true } : {}),
    });
  }
  return keys;
}

/** ORDER BY of the list (over the summary `s`). */
export function routeOrder(sort: RouteSort, order: 'asc' | 'desc'): SQL {
  return keysetOrder(routeSortKeys(sort, order)!);
}

export interface RoutePage {
  limit: number;
  offset: number;
  sort?: RouteSort;
  order?: 'asc' | 'desc';
  /** A `nextCursor` of the previous page: the page after it by keyset; `offset` is then unused. */
  after?: string | undefined;
}

/**
 * A page of the list and the count of all it shows. By name, status or period the page is chosen
 * from routes and people alone and only its rows are summarised; by a summary column (progress,
 * organization…) every visible route is summarised first. The count is cached per scope and
 * filter (count-cache.ts).
 */
export async function listRoutes(
  db: Db,
  actor: Actor,
  f: RouteFilters,
  page: RoutePage,
): Promise<{ rows: RouteSummaryDb[]; total: number; nextCursor: string | null }> {
  const where = filterWhere(actor, f);
  const sort = page.sort ?? 'fullName';
  const order = page.order ?? 'asc';
  const keys = routeSortKeys(sort, order)!;
  const cursorName = `${sort}:${order}`;
  const values = page.after ? decodeCursor(page.after, cursorName, keys) : null;
  const base = routeSortKeys(sort, order, 'base');
  const window = values ? sql`LIMIT ${page.limit + 1}` : sql`LIMIT ${page.limit + 1} OFFSET ${page.offset}`;
  const rows = await db.query<
    RouteSummaryDb & {
      sort_key: CursorValue[];
      sort_last: string;
      sort_first: string;
      sort_patronymic: string;
    }
  >(
    base
      ? sql`
    WITH page AS (
      SELECT r.id FROM learning_routes r JOIN people p ON p.id = r.person_id
      WHERE ${where} ${values ? sql`AND ${keysetAfter(base, values)}` : sql``}
      ORDER BY ${keysetOrder(base)} ${window}
    )
    SELECT s.*, ${keysetValues(keys)} AS sort_key
    FROM (${summaryFrom(actor)} WHERE r.id IN (SELECT id FROM page)) s
    ORDER BY ${keysetOrder(keys)}`
      : sql`
    SELECT s.*, ${keysetValues(keys)} AS sort_key FROM (${summaryFrom(actor)} WHERE ${where}) s
    ${values ? sql`WHERE ${keysetAfter(keys, values)}` : sql``}
    ORDER BY ${keysetOrder(keys)} ${window}`,
  );
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  const last = shown.at(-1);
  const total = await cachedCount(db, 'routes', where, async () => {
    const [count] = await db.query<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM learning_routes r JOIN people p ON p.id = r.person_id WHERE ${where}`);
    return count?.n ?? 0;
  });
  return {
    rows: shown.map(({ sort_key: _, sort_last: _l, sort_first: _f, sort_patronymic: _p, ...r }) => r),
    total,
    nextCursor: more && last ? encodeCursor(cursorName, last.sort_key) : null,
  };
}

/** A visible route, or null (the caller gets 404 either way: missing or out of scope). */
export async function findRoute(db: Db, actor: Actor, id: string): Promise<RouteSummaryDb | null> {
  const rows = await db.query<RouteSummaryDb>(
    sql`${summaryFrom(actor)} WHERE r.id = ${id} AND ${routeVisibility(actor)}`,
  );
  return rows[0] ?? null;
}

export interface RouteItemDb {
  id: string;
  route_id: string;
  position: number;
  competency_id: string | null;
  competency_code: string | null;
  competency_name: string | null;
  competencies: { id: string; code: string; name: string }[];
  activity_kind: 'program' | 'event' | 'mentoring' | 'self_education' | 'internship';
  activity_id: string | null;
  title: string;
  form: 'formal' | 'informal' | 'self_education';
  planned_start: string | null;
  planned_end: string | null;
  hours: number;
  expected_result: string;
  reason: string;
  baseline_percent: number | null;
  status: ItemStatus;
  evidence: Record<string, unknown> | null;
  confirmed_at: string | null;
  confirmed_by: string | null;
  confirmed_by_name: string | null;
  dropped_reason: string | null;
  mentor_person_id: string | null;
  mentor_name: string | null;
  mentorship_id: string | null;
  mentorship_started_on: string | null;
  mentorship_finished_on: string | null;
  /** Self-education pointing at a material of the bank of practices (src/practices). */
  material_title: string | null;
  material_url: string | null;
}

const itemSelect = sql`
  SELECT i.id, i.route_id, i.position, i.competency_id, c.code AS competency_code, c.name AS competency_name,
         COALESCE((SELECT json_agg(json_build_object('id', cc.id, 'code', cc.code, 'name', cc.name)
                                   ORDER BY cc.position, cc.code)
                   FROM competencies cc WHERE cc.id = ANY(i.competency_ids)), '[]'::json) AS competencies,
         i.activity_kind, i.activity_id, i.title, i.form, i.planned_start, i.planned_end, i.hours,
         i.expected_result, i.reason, i.baseline_percent, i.status, i.evidence, i.confirmed_at,
         i.confirmed_by, cb.full_name AS confirmed_by_name, i.dropped_reason,
         i.mentor_person_id, concat_ws(' ', mp.last_name, mp.first_name, NULLIF(mp.patronymic, '')) AS mentor_name,
         i.mentorship_id, ms.started_on::text AS mentorship_started_on, ms.finished_on::text AS mentorship_finished_on,
         pm.title AS material_title, pm.url AS material_url
  FROM learning_route_items i
  LEFT JOIN competencies c ON c.id = i.competency_id
  LEFT JOIN users cb ON cb.id = i.confirmed_by
  LEFT JOIN people mp ON mp.id = i.mentor_person_id
  LEFT JOIN mentorships ms ON ms.id = i.mentorship_id
  LEFT JOIN practice_materials pm ON i.activity_kind = 'self_education' AND pm.id = i.activity_id AND pm.status = 'published'`;

export async function listItems(db: Db, routeIds: string[]): Promise<RouteItemDb[]> {
  if (routeIds.length === 0) return [];
  return db.query<RouteItemDb>(sql`
    ${itemSelect} WHERE i.route_id = ANY(${sql.param(routeIds)}::uuid[])
    ORDER BY i.route_id, i.position, i.planned_start NULLS LAST, i.id`);
}

export async function findItem(db: Db, routeId: string, itemId: string): Promise<RouteItemDb | null> {
  const rows = await db.query<RouteItemDb>(
    sql`${itemSelect} WHERE i.route_id = ${routeId} AND i.id = ${itemId}`,
  );
  return rows[0] ?? null;
}

export interface RouteEventDb {
  id: number;
  at: string;
  author_user_id: string | null;
  author_name: string | null;
  kind: EventKind;
  item_id: string | null;
  text: string;
  data: Record<string, unknown>;
}

export async function listEvents(db: Db, routeId: string): Promise<RouteEventDb[]> {
  return db.query<RouteEventDb>(sql`
    SELECT ev.id, ev.at, ev.author_user_id, u.full_name AS author_name, ev.kind, ev.item_id, ev.text, ev.data
    FROM learning_route_events ev LEFT JOIN users u ON u.id = ev.author_user_id
    WHERE ev.route_id = ${routeId} ORDER BY ev.at, ev.id`);
}

export type EventKind =
  | 'created'
  | 'status'
  | 'agreed'
  | 'item_status'
  | 'evidence'
  | 'confirmed'
  | 'returned'
  | 'comment'
  | 'curator'
  | 'edited'
  | 'mentor';

export async function insertEvent(
  db: Db,
  e: {
    routeId: string;
    itemId?: string | null;
    authorUserId: string | null;
    kind: EventKind;
    text?: string;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  await db.query(sql`
    INSERT INTO learning_route_events (route_id, item_id, author_user_id, kind, text, data)
    VALUES (${e.routeId}, ${e.itemId ?? null}, ${e.authorUserId}, ${e.kind}, ${e.text ?? ''},
            ${JSON.stringify(e.data ?? {})}::jsonb)`);
}

/** Locks the route row for the rest of the transaction: one change of a route at a time. */
export async function lockRoute(
  tx: Db,
  id: string,
): Promise<{
  status: RouteStatus;
  agreed_by_teacher_at: string | null;
  agreed_by_curator_at: string | null;
}> {
  const [row] = await tx.query<{
    status: RouteStatus;
    agreed_by_teacher_at: string | null;
    agreed_by_curator_at: string | null;
  }>(
    sql`SELECT status, agreed_by_teacher_at, agreed_by_curator_at FROM learning_routes WHERE id = ${id} FOR UPDATE`,
  );
  if (!row) throw new Error(`route ${id} vanished`);
  return row;
}

export interface ItemEventDb {
  id: string;
  title: string;
  starts_on: string | null;
  ends_on: string | null;
  /** The person's latest registration for the event (a live one first); null — none. */
  registration_id: string | null;
  registration_status: 'pending' | 'confirmed' | 'waitlisted' | 'cancelled' | 'rejected' | null;
  attended: boolean | null;
}

/** The events items point at, with the route person's registration for each: one statement. */
export async function itemEvents(db: Db, personId: string, eventIds: string[]): Promise<ItemEventDb[]> {
  if (eventIds.length === 0) return [];
  return db.query<ItemEventDb>(sql`
    SELECT ev.id, ev.title, ev.starts_on::text AS starts_on, ev.ends_on::text AS ends_on,
           reg.id AS registration_id, reg.status AS registration_status, reg.attended
    FROM events ev
    LEFT JOIN LATERAL (
      SELECT r.id, r.status, r.attended FROM event_registrations r
      WHERE r.event_id = ev.id AND r.person_id = ${personId}
      ORDER BY (r.status IN ('pending', 'confirmed', 'waitlisted')) DESC, r.created_at DESC, r.id LIMIT 1
    ) reg ON true
    WHERE ev.id = ANY(${sql.param(eventIds)}::uuid[])`);
}
