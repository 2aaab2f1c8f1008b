/**
 * The hot queries of the registry, recorded from the code that runs them (recording-db.ts), for
 * the checked-in plans (`npm run bench -- --suite plans`, bench/plans.ts) and for the guard test
 * that no index is missing (src/directory/staff/staff.plans.int.test.ts).
 */
import { loadDerivedRules } from '../src/directory/derived/derived-rules.repository.ts';
import { getPersonCard } from '../src/directory/people/people.service.ts';
import { ZStaffListQuery } from '../src/directory/staff/staff.filters.ts';
import { listStaff } from '../src/directory/staff/staff.repository.ts';
import type { Actor } from '../src/platform/auth/actor.ts';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import type { Db } from '../src/platform/db/database.ts';
import { listRoutes } from '../src/routes/routes.repository.ts';
import { search } from '../src/search/search.service.ts';
import { recordingDb } from './recording-db.ts';

/** A fixed date: the plans and the guard do not depend on today. */
export const PLANS_AS_OF = '2026-09-01';

/** Tables a hot query must never read whole at region scale. */
export const GUARDED_TABLES = ['people', 'employments', 'competency_results'];

export interface HotQuery {
  /** File name stem, e.g. `staff.list` → staff.list.plan.md beside `dir`. */
  name: string;
  /** The folder of the code that runs it. */
  dir: string;
  title: string;
  statements: { text: string; params: unknown[] }[];
}

export interface PlanContext {
  region: Actor;
  municipality: Actor;
  /** A person of the municipality, for the card. */
  personId: string;
  /** A part of a common last name, for the name searches. */
  namePart: string;
}

/**
 * Routes for a quarter of the people, three items each, so the routes list has rows to page
 * (the region's generator makes none). Deterministic: chosen by a hash of the person's id.
 */
export async function addSyntheticRoutes(db: Db): Promise<void> {
  await db.queryText(`
    INSERT INTO learning_routes (person_id, title, period_start, period_end, status)
    SELECT id, 'Маршрут профессионального развития', DATE '2026-01-01', DATE '2026-12-31',
           (ARRAY['draft', 'agreed', 'in_progress', 'completed'])[1 + (abs(hashtext(id::text)) % 4)]::route_status
    FROM people WHERE abs(hashtext(id::text)) % 4 = 0`);
  await db.queryText(`
    INSERT INTO learning_route_items (route_id, activity_kind, title, form, hours, position, status)
    SELECT r.id, 'self_education', 'Самообразование ' || g, 'self_education', 12, g,
           (CASE WHEN g = 1 THEN 'done' ELSE 'planned' END)::route_item_status
    FROM learning_routes r, generate_series(1, 3) g`);
}

/** Users of the two scopes the plans are read for: the region's operator and a methodist. */
export async function planContext(db: Db): Promise<PlanContext> {
  // the second largest municipality (the largest is often the region's capital)
  const ms = await db.queryText<{ region_id: string; municipality_id: string }>(`
    SELECT o.region_id, o.municipality_id FROM organizations o
    JOIN employments e ON e.organization_id = o.id
    GROUP BY 1, 2 ORDER BY count(*) DESC, 2 LIMIT 2`);
  const m = ms[1] ?? ms[0];
  const user = async (role: Actor['role'], municipalityId: string | null) => {
    const [u] = await db.queryText<{ id: string }>(
      `INSERT INTO users (email, full_name, password_hash, role, region_id, municipality_id)
       VALUES ($1, $2, 'x', $3, $4, $5) RETURNING id`,
      [`plans-${role}@bench.local`, role, role, m!.region_id, municipalityId],
    );
    return {
      ...SYSTEM_ACTOR,
      userId: u!.id,
      role,
      regionId: m!.region_id,
      municipalityId,
    } as Actor;
  };
  const region = await user('region_admin', null);
  const municipality = await user('municipal_methodist', m!.municipality_id);
  const [p] = await db.queryText<{ id: string; last_name: string }>(
    `SELECT p.id, p.last_name FROM people p JOIN employments e ON e.person_id = p.id
     JOIN organizations o ON o.id = e.organization_id
     WHERE o.municipality_id = $1 AND e.end_date IS NULL ORDER BY p.last_name, p.id LIMIT 1`,
    [m!.municipality_id],
  );
  const [common] = await db.queryText<{ last_name: string }>(
    'SELECT last_name FROM people GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1',
  );
  return { region, municipality, personId: p!.id, namePart: common!.last_name.slice(1, 5).toLowerCase() };
}

/** Runs each hot query once through its own code and returns the statements it sent. */
export async function recordHotQueries(db: Db, ctx: PlanContext): Promise<HotQuery[]> {
  const rules = await loadDerivedRules(db);
  const out: HotQuery[] = [];
  const rec = async (
    name: string,
    dir: string,
    title: string,
    run: (db: Db) => Promise<unknown>,
  ): Promise<void> => {
    const r = recordingDb(db);
    await run(r.db);
    // Reads only: the audit entries and the data version are not the query's plan.
    const statements = r.statements.filter(
      (s) => /^\s*(SELECT|WITH)\b/i.test(s.text) && !s.text.includes('engine_data_writes'),
    );
    out.push({ name, dir, title, statements });
  };
  const staff = (actor: Actor, q: Record<string, string>) => (d: Db) =>
    listStaff(d, actor, rules, { ...ZStaffListQuery.parse(q), asOf: PLANS_AS_OF });
  const staffDir = 'src/directory/staff';
  await rec('staff.list', staffDir, 'Реестр, первая страница, региональный оператор', staff(ctx.region, {}));
  await rec(
    'staff.list-municipality',
    staffDir,
    'Реестр, первая страница, методист муниципалитета',
    staff(ctx.municipality, {}),
  );
  await rec(
    'staff.list-name-search',
    staffDir,
    `Реестр, поиск по ФИО «${ctx.namePart}», региональный оператор`,
    staff(ctx.region, { q: ctx.namePart }),
  );
  await rec(
    'staff.list-filters',
    staffDir,
    'Реестр, фильтры (высшая категория, молодые), региональный оператор',
    staff(ctx.region, { category: 'highest', young: 'true' }),
  );
  // the keyset page after the first: the cursor of page 1
  const first = await listStaff(db, ctx.region, rules, { ...ZStaffListQuery.parse({}), asOf: PLANS_AS_OF });
  await rec(
    'staff.list-next-page',
    staffDir,
    'Реестр, следующая страница по курсору, региональный оператор',
    staff(ctx.region, first.nextCursor ? { after: first.nextCursor } : {}),
  );
  const routes = (actor: Actor, f: Record<string, string>) => (d: Db) =>
    listRoutes(d, actor, f, { limit: 50, offset: 0 });
  await rec(
    'routes.list',
    'src/routes',
    'Маршруты, первая страница, региональный оператор',
    routes(ctx.region, {}),
  );
  await rec(
    'routes.list-municipality',
    'src/routes',
    'Маршруты, первая страница, методист муниципалитета',
    routes(ctx.municipality, {}),
  );
  await rec('people.card', 'src/directory/people', 'Карточка сотрудника, методист муниципалитета', (d) =>
    getPersonCard({ db: d }, ctx.municipality, ctx.personId),
  );
  await rec('search', 'src/search', `Поиск в шапке «${ctx.namePart}», региональный оператор`, (d) =>
    search(d, ctx.region, { q: ctx.namePart }),
  );
  return out;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** The tables of GUARDED_TABLES that a plan (EXPLAIN FORMAT JSON) reads by Seq Scan. */
export function seqScans(plan: unknown): string[] {
  const found: string[] = [];
  const walk = (n: PlanNode) => {
    if (n['Node Type'] === 'Seq Scan' && n['Relation Name'] && GUARDED_TABLES.includes(n['Relation Name']))
      found.push(n['Relation Name']);
    for (const c of n.Plans ?? []) walk(c);
  };
  const parsed = typeof plan === 'string' ? (JSON.parse(plan) as unknown) : plan;
  const root = (Array.isArray(parsed) ? parsed[0] : parsed) as { Plan: PlanNode };
  walk(root.Plan);
  return found;
}

/** Statements as text with the parameters inlined, for EXPLAIN and for the plan files. */
export function inline(s: { text: string; params: unknown[] }): string {
  return s.text.replace(/\$(\d+)\b/g, (_, i: string) => {
    const v = s.params[Number(i) - 1];
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    const text = Array.isArray(v) ? `{${v.map((x) => `"${String(x)}"`).join(',')}}` : String(v);
    return `'${text.replaceAll("'", "''")}'`;
  });
}
