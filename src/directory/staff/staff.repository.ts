import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { employmentScope } from '../../platform/auth/scope.ts';
import { cachedCount } from '../../platform/db/count-cache.ts';
import type { Db } from '../../platform/db/database.ts';
import {
  type CursorValue,
  decodeCursor,
  encodeCursor,
  keysetAfter,
  keysetOrder,
  keysetValues,
  type SortKey,
} from '../../platform/db/keyset.ts';
import { naturalKey, naturalOrder } from '../../platform/db/natural-order.ts';
import {
  AGE_BANDS,
  ageSql,
  type DerivedRules,
  experienceSql,
  pensionAgeSql,
  youngSql,
} from '../derived/derived-rules.ts';
import type { StaffFilters, StaffListQuery } from './staff.filters.ts';

export interface StaffRowDb {
  employment_id: string;
  person_id: string;
  last_name: string;
  first_name: string;
  patronymic: string;
  birth_date: string;
  sex: 'm' | 'f';
  snils: string | null;
  email: string | null;
  organization_id: string;
  organization_name: string;
  organization_code: string;
  org_kind: string;
  position: string;
  staff_category: 'pedagogical' | 'managerial';
  employment_kind: 'main' | 'internal' | 'external';
  subjects: string[];
  load_hours: number;
  rate: number;
  start_date: string | null;
  outside_profile: boolean;
  category: 'highest' | 'first' | 'szd' | 'none';
  category_date: string | null;
  education: string | null;
  ped_experience_years: number | null;
  age: number;
  experience: number | null;
  young: boolean;
  pension_age: boolean;
  person_load: number;
  person_rates: number;
}

/** Active at the as-of date: started on or before it, not ended by it. */
/**
 * The full name contains `text`, case aside, ё read as е: the expression of the trigram index
 * people_full_name_trgm_idx (migration 0012), so a part of a name is found without reading
 * everyone. The search (src/search) matches each word with the same expression.
 */
export function personNameText(p = 'p'): SQL {
  const t = sql.raw(p);
  return sql`translate(${t}.last_name || ' ' || ${t}.first_name || ' ' || ${t}.patronymic, 'ёЁ', 'еЕ')`;
}

function matchesName(p: string, text: string): SQL {
  return sql`${personNameText(p)} ILIKE ${`%${text.replace(/[%_\\]/g, '\\$&')}%`}`;
}

export function activeAt(e: string, asOf: string): SQL {
  const t = sql.raw(e);
  return sql`(${t}.start_date IS NULL OR ${t}.start_date <= ${asOf}::date) AND (${t}.end_date IS NULL OR ${t}.end_date > ${asOf}::date)`;
}

const personTotals = (asOf: string) => sql`
  LEFT JOIN LATERAL (
    SELECT coalesce(sum(e2.load_hours), 0)::numeric AS load, coalesce(sum(e2.rate), 0)::numeric AS rates
    FROM employments e2 WHERE e2.person_id = p.id AND ${activeAt('e2', asOf)}
  ) pt ON true`;

function whereClause(actor: Actor, rules: DerivedRules, f: StaffFilters, asOf: string): SQL {
  const parts: SQL[] = [activeAt('e', asOf), employmentScope(actor, 'e', 'o')];
  if (f.municipalityId) parts.push(sql`o.municipality_id = ${f.municipalityId}`);
  if (f.organizationId) parts.push(sql`e.organization_id = ${f.organizationId}`);
  if (f.orgKind) parts.push(sql`o.kind = ${f.orgKind}`);
  if (f.staffCategory) parts.push(sql`e.staff_category = ${f.staffCategory}`);
  if (f.subject) parts.push(sql`${f.subject} = ANY(e.subjects)`);
  if (f.category) parts.push(sql`p.category = ${f.category}`);
  if (f.ageBand) {
    const band = AGE_BANDS[f.ageBand];
    parts.push(sql`${ageSql('p', asOf)} BETWEEN ${band.min} AND ${band.max}`);
  }
  if (f.young !== undefined)
    parts.push(f.young ? youngSql(rules, 'p', asOf) : sql`NOT ${youngSql(rules, 'p', asOf)}`);
  if (f.pensionAge !== undefined)
    parts.push(f.pensionAge ? pensionAgeSql(rules, 'p', asOf) : sql`NOT ${pensionAgeSql(rules, 'p', asOf)}`);
  if (f.loadOver30 !== undefined)
    parts.push(
      f.loadOver30 ? sql`pt.load > ${rules.loadThresholdHours}` : sql`pt.load <= ${rules.loadThresholdHours}`,
    );
  if (f.partTime !== undefined) parts.push(f.partTime ? sql`e.kind <> 'main'` : sql`e.kind = 'main'`);
  if (f.outsideProfile !== undefined) parts.push(sql`e.outside_profile = ${f.outsideProfile}`);
  if (f.q) {
    const digits = f.q.replace(/[\s-]/g, '');
    parts.push(
      /^\d{3,11}$/.test(digits)
        ? sql`p.snils LIKE ${`%${digits}%`}`
        : matchesName('p', f.q.replace(/ё/g, 'е').replace(/Ё/g, 'Е')),
    );
  }
  return sql.join(parts, sql` AND `);
}

/** Ties of every sort: the name, then the person, then the employment (unique). */
const TIE: SortKey[] = [
  { expr: sql`p.last_name`, type: 'text' },
  { expr: sql`p.first_name`, type: 'text' },
  { expr: sql`p.patronymic`, type: 'text' },
  { expr: sql`p.id`, type: 'uuid' },
  { expr: sql`e.id`, type: 'uuid' },
];

const PRIMARY: Record<Exclude<StaffListQuery['sort'], 'fullName'>, SortKey[]> = {
  age: [{ expr: sql`p.birth_date`, type: 'date' }],
  organization: [
    { expr: naturalKey('o.short_name'), type: 'text' },
    { expr: sql`o.short_name`, type: 'text' },
  ],
  position: [{ expr: sql`e.position`, type: 'text' }],
  category: [{ expr: sql`p.category`, type: 'qualification_category' }],
  load: [{ expr: sql`pt.load`, type: 'numeric' }],
  // no date sorts last going up and first going down, as PostgreSQL sorts NULL
  startDate: [{ expr: sql`coalesce(e.start_date, '9999-12-31'::date)`, type: 'date' }],
};

/**
 * Up to this many hits are found first and sorted, rather than found by walking an index in the
 * list's order: sorting a few thousand rows takes milliseconds, while the walk, for a selective
 * filter, reads the whole scope (408 ms for «высшая категория + молодые» at region scale, where
 * the planner expected 2 463 hits and met one).
 */
export const SORT_HITS_MAX = 5_000;

/**
 * The list's order as keyset keys: the chosen column in the chosen direction, then the name
 * going up. By name it is the name in either direction, read from people_name_order_idx — unless
 * `sortHits`: then the first key is hidden from the indexes (`|| ''`, `+ 0`), so the planner finds
 * the hits by the filter's own indexes and sorts them.
 */
export function staffSortKeys(
  sort: StaffListQuery['sort'],
  order: 'asc' | 'desc',
  sortHits = false,
): SortKey[] {
  const desc = order === 'desc';
  const keys =
    sort === 'fullName'
      ? TIE.map((k) => ({ ...k, desc }))
      : [...PRIMARY[sort].map((k) => ({ ...k, desc })), ...TIE];
  const first = keys[0]!;
  if (sortHits && first.type === 'text') keys[0] = { ...first, expr: sql`(${first.expr} || '')` };
  if (sortHits && first.type === 'date') keys[0] = { ...first, expr: sql`(${first.expr} + 0)` };
  return keys;
}

function selectList(rules: DerivedRules, asOf: string): SQL {
  return sql`
    e.id AS employment_id, p.id AS person_id, p.last_name, p.first_name, p.patronymic, p.birth_date, p.sex, p.snils, p.email,
    o.id AS organization_id, o.short_name AS organization_name, o.code AS organization_code, o.kind AS org_kind,
    e.position, e.staff_category, e.kind AS employment_kind, e.subjects, e.load_hours, e.rate, e.start_date,
    e.outside_profile, p.category, p.category_date, p.education, p.ped_experience_years,
    ${ageSql('p', asOf)} AS age, ${experienceSql('p', asOf)} AS experience,
    ${youngSql(rules, 'p', asOf)} AS young, ${pensionAgeSql(rules, 'p', asOf)} AS pension_age,
    pt.load AS person_load, pt.rates AS person_rates`;
}

export interface StaffPage {
  rows: StaffRowDb[];
  total: number;
  people: number;
  /** The cursor of the page after this one; null on the last page. */
  nextCursor: string | null;
}

/**
 * One page of the registry and the count of the whole result. The page is found by keyset when
 * `after` (a cursor of the previous page) is given, by OFFSET otherwise (page numbers); the count
 * is cached per scope and filter (count-cache.ts), so paging does not recount the scope.
 */
export async function listStaff(
  db: Db,
  actor: Actor,
  rules: DerivedRules,
  q: StaffListQuery & { asOf: string },
): Promise<StaffPage> {
  const where = whereClause(actor, rules, q, q.asOf);
  // The count first (cached per scope and filter): it tells whether the hits are few enough to
  // sort. A name search always is: its hits come from the trigram index.
  const count = await cachedCount(db, 'staff', where, async () => {
    const [c] = await db.query<{ total: number; people: number }>(sql`
      SELECT count(*)::int AS total, count(DISTINCT e.person_id)::int AS people
      FROM employments e
      JOIN people p ON p.id = e.person_id
      JOIN organizations o ON o.id = e.organization_id
      ${q.loadOver30 !== undefined ? personTotals(q.asOf) : sql``}
      WHERE ${where}`);
    return { total: c?.total ?? 0, people: c?.people ?? 0 };
  });
  const searching = Boolean(q.q && !/^\d{3,11}$/.test(q.q.replace(/[\s-]/g, '')));
  const keys = staffSortKeys(q.sort, q.order, searching || count.total <= SORT_HITS_MAX);
  const order = keysetOrder(keys);
  // The cursor is bound to the sort, not to the key expressions: hidden or not, they order alike.
  const after = q.after ? keysetAfter(keys, decodeCursor(q.after, `${q.sort}:${q.order}`, keys)) : null;
  // A person's totals over all their jobs are needed for every row only when a filter or the sort
  // uses them; otherwise the page is chosen first and the totals are computed for its rows alone.
  const totalsForAll = q.loadOver30 !== undefined || q.sort === 'load';
  const rows = await db.query<StaffRowDb & { sort_key: CursorValue[] }>(sql`
    WITH page AS (
      SELECT e.id, ${keysetValues(keys)} AS sort_key
      FROM employments e
      JOIN people p ON p.id = e.person_id
      JOIN organizations o ON o.id = e.organization_id
      ${totalsForAll ? personTotals(q.asOf) : sql``}
      WHERE ${where} ${after ? sql`AND ${after}` : sql``}
      ORDER BY ${order}
      LIMIT ${q.limit + 1} ${after ? sql`` : sql`OFFSET ${q.offset}`}
    )
    SELECT ${selectList(rules, q.asOf)}, page.sort_key
    FROM page
    JOIN employments e ON e.id = page.id
    JOIN people p ON p.id = e.person_id
    JOIN organizations o ON o.id = e.organization_id
    ${personTotals(q.asOf)}
    ORDER BY ${order}`);
  const more = rows.length > q.limit;
  const pageRows = more ? rows.slice(0, q.limit) : rows;
  const last = pageRows.at(-1);
  return {
    rows: pageRows.map(({ sort_key: _, ...r }) => r),
    total: count.total,
    people: count.people,
    nextCursor: more && last ? encodeCursor(`${q.sort}:${q.order}`, last.sort_key) : null,
  };
}

/** Every row matching the filters, for export; capped so one request cannot exhaust memory. */
export async function listStaffForExport(
  db: Db,
  actor: Actor,
  rules: DerivedRules,
  f: StaffFilters & { asOf: string },
  cap: number,
): Promise<StaffRowDb[]> {
  return db.query<StaffRowDb>(sql`
    SELECT ${selectList(rules, f.asOf)}
    FROM employments e
    JOIN people p ON p.id = e.person_id
    JOIN organizations o ON o.id = e.organization_id
    ${personTotals(f.asOf)}
    WHERE ${whereClause(actor, rules, f, f.asOf)}
    ORDER BY ${naturalOrder('o.short_name')}, p.last_name, p.first_name, p.patronymic, e.id
    LIMIT ${cap}`);
}

export async function listSubjects(db: Db, actor: Actor): Promise<string[]> {
  const rows = await db.query<{ subject: string }>(sql`
    SELECT DISTINCT unnest(e.subjects) AS subject
    FROM employments e JOIN organizations o ON o.id = e.organization_id
    WHERE e.end_date IS NULL AND ${employmentScope(actor, 'e', 'o')}
    ORDER BY 1`);
  return rows.map((r) => r.subject);
}
