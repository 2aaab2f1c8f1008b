import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../tests/helpers/test-app.ts';
import { createTestDb } from '../../tests/helpers/test-db.ts';
import { progressByOrganization } from '../assessment/campaigns/campaigns.repository.ts';
import { myAssessments } from '../assessment/campaigns/taking.service.ts';
import { deficitHeatmap } from '../assessment/deficits/deficits.service.ts';
import { importResults } from '../assessment/results/results.import.ts';
import { listFor as listCommunities } from '../communities/communities.service.ts';
import { summary as mentoringSummary } from '../mentoring/mentoring-warnings.service.ts';
import { notifyDeadlines } from '../notifications/delivery.service.ts';
import { findUserByEmail, toActor } from '../platform/auth/auth.repository.ts';
import { verifyPassword } from '../platform/auth/password.ts';
import { type Db, sql } from '../platform/db/database.ts';
import * as clock from '../platform/time/today.ts';
import { addMonths } from '../routes/generation/planner.ts';
import { myConfirmations, myCuratedRoutes, myRoutes, readRouteCard } from '../routes/routes.service.ts';
import { CLOSED_ASSESSED_ON, CLOSED_CAMPAIGN_NAME, OPEN_CAMPAIGN_NAME } from './assessment.demo.ts';
import { loadDataset } from './dataset.loader.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, loadDemoIfEmpty } from './demo.service.ts';
import { PREVIOUS_ASSESSED_ON, PREVIOUS_CAMPAIGN_NAME } from './effect.demo.ts';
import { DEMO_EVENTS, schoolYearOf } from './events.demo.ts';
import {
  MONITORING_FORM_NAME,
  MONITORING_PERIOD,
  MONITORING_RETURN_COMMENT,
  TOWN_SHARES_ORG,
} from './monitoring.demo.ts';
import { DEMO_PRACTICES } from './practices.demo.ts';
import { regionDatasetStream } from './region.dataset.ts';
import {
  SAMPLE_CODES,
  SAMPLE_DATE,
  SAMPLE_NAME,
  SAMPLE_PROCEDURE,
  sampleFile,
  sampleRows,
} from './samples.ts';

let db: Db;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await createTestDb());
});
afterAll(async () => drop());

const count = async (query: ReturnType<typeof sql>, on: Db = db) =>
  (await on.query<{ n: number }>(query))[0]!.n;
const actor = async (email: string) => toActor((await findUserByEmail(db, email))!);

/**
 * The tests below read the demo as loaded; a test that writes does it in a transaction rolled
 * back at its end (all its queries through `tx`), so no test sees another's changes.
 */
const ROLLBACK = Symbol('rollback');
async function rolledBack(fn: (tx: Db) => Promise<void>): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await fn(tx);
      throw ROLLBACK;
    });
  } catch (err) {
    if (err !== ROLLBACK) throw err;
  }
}

describe('loadDemoIfEmpty', () => {
  let demo: Awaited<ReturnType<typeof loadDemoIfEmpty>>;
  beforeAll(async () => {
    // The region may already exist (an administrator made it): the demo joins it.
    await db.query(sql`INSERT INTO regions (code, name) VALUES ('38', 'Иркутская область')`);
    const started = performance.now();
    demo = await loadDemoIfEmpty(db);
    console.info(`demo loaded on ${db.kind} in ${Math.round(performance.now() - started)} ms`, demo?.content);
  });

  it('loads the town and one account per role into an empty database', async () => {
    expect(demo?.logins).toEqual(DEMO_LOGINS);
    expect(demo?.content.formSubmissions).toEqual({ accepted: 12, submitted: 2, returned: 1, pending: 2 });
    expect(demo?.content.practices).toEqual({ materials: DEMO_PRACTICES.length, published: 26 });

    expect(await count(sql`SELECT count(*)::int AS n FROM regions`)).toBe(1);
    expect(await count(sql`SELECT count(*)::int AS n FROM organizations`)).toBe(19);
    expect(await count(sql`SELECT count(*)::int AS n FROM people`)).toBe(534);
    expect(await count(sql`SELECT count(*)::int AS n FROM vacancies`)).toBe(8);
    expect(await count(sql`SELECT count(*)::int AS n FROM staffing`)).toBe(38);
    const staff = await db.query<{ kind: string; ped: number; adm: number; part: number }>(sql`
      SELECT o.kind,
             count(*) FILTER (WHERE e.kind = 'main' AND e.staff_category = 'pedagogical')::int AS ped,
             count(*) FILTER (WHERE e.kind = 'main' AND e.staff_category = 'managerial')::int AS adm,
             count(*) FILTER (WHERE e.kind <> 'main')::int AS part
      FROM employments e JOIN organizations o ON o.id = e.organization_id
      GROUP BY o.kind ORDER BY o.kind`);
    expect(Object.fromEntries(staff.map((r) => [r.kind, { ped: r.ped, adm: r.adm }]))).toEqual({
      school: { ped: 263, adm: 28 },
      preschool: { ped: 188, adm: 20 },
      additional: { ped: 25, adm: 8 },
    });
    expect(staff.reduce((a, r) => a + r.part, 0)).toBe(15);

    const users = await db.query<{ role: string; n: number }>(
      sql`SELECT role::text, count(*)::int AS n FROM users GROUP BY role ORDER BY role`,
    );
    expect(Object.fromEntries(users.map((u) => [u.role, u.n]))).toEqual({
      admin: 1,
      region_admin: 1,
      municipal_methodist: 3,
      municipal_head: 1,
      org_head: 2,
      teacher: 1,
      curator: 3,
      expert: 1,
    });
  });

  it('scopes the accounts: heads of two schools, a teacher of СОШ № 1, a curator of ten', async () => {
    const heads = await db.query<{ email: string; short_name: string; position: string }>(sql`
      SELECT u.email, o.short_name, e.position
      FROM users u JOIN organizations o ON o.id = u.organization_id
      JOIN employments e ON e.person_id = u.person_id AND e.organization_id = o.id
      WHERE u.role = 'org_head' AND e.kind = 'main' ORDER BY u.email`);
    expect(heads).toEqual([
      { email: 'licey@zima.demo', short_name: 'МБОУ «Зиминский лицей»', position: 'Директор' },
      { email: 'sosh1@zima.demo', short_name: 'МБОУ «СОШ № 1»', position: 'Директор' },
    ]);
    const [teacher] = await db.query<{
      short_name: string;
      kind: string;
      full_name: string;
      person: string;
    }>(sql`
      SELECT o.short_name, e.kind::text, u.full_name, p.last_name || ' ' || p.first_name || ' ' || p.patronymic AS person
      FROM users u JOIN people p ON p.id = u.person_id
      JOIN employments e ON e.person_id = p.id JOIN organizations o ON o.id = e.organization_id
      WHERE u.email = 'pedagog@zima.demo' AND e.kind = 'main'`);
    expect(teacher).toMatchObject({ short_name: 'МБОУ «СОШ № 1»', kind: 'main' });
    expect(teacher!.full_name).toBe(teacher!.person);
    // Ten young teachers of the demo, and more people the route generation gave this curator.
    expect(
      await count(sql`SELECT count(*)::int AS n FROM curator_assignments ca JOIN users u ON u.id = ca.curator_user_id
                      WHERE u.email = 'kurator@zima.demo'`),
    ).toBeGreaterThanOrEqual(10);
    expect(
      await count(sql`SELECT count(*)::int AS n FROM curator_assignments ca JOIN users u ON u.person_id = ca.person_id
                      WHERE u.email = 'pedagog@zima.demo'`),
    ).toBe(1);
    const [territory] = await db.query<{ region: string; muni: string }>(sql`
      SELECT r.name AS region, m.name AS muni FROM users u
      JOIN regions r ON r.id = u.region_id JOIN municipalities m ON m.id = u.municipality_id
      WHERE u.email = 'metodist@zima.demo'`);
    expect(territory).toEqual({
      region: 'Иркутская область',
      muni: 'Зиминское городское муниципальное образование',
    });
  });

  it('stores argon2id hashes of the one demo password and audits every account', async () => {
    const rows = await db.query<{ password_hash: string }>(sql`SELECT password_hash FROM users`);
    for (const r of rows) expect(r.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(rows.length); // own salt each
    expect(await verifyPassword(rows[0]!.password_hash, DEMO_PASSWORD)).toBe(true);
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'user' AND action = 'create' AND actor_user_id IS NULL`,
      ),
    ).toBe(DEMO_LOGINS.length);
  });

  it('has the preset frameworks and instruments, the region catalog and past certificates', async () => {
    const frameworks = await db.query<{ code: string; owner_level: string }>(
      sql`SELECT code, owner_level::text FROM competency_frameworks ORDER BY code`,
    );
    expect(frameworks).toEqual([
      { code: 'manager-544n', owner_level: 'system' },
      { code: 'teacher-544n', owner_level: 'system' },
    ]);
    expect(await count(sql`SELECT count(*)::int AS n FROM instruments WHERE owner_level = 'system'`)).toBe(3);

    expect(await count(sql`SELECT count(*)::int AS n FROM programs WHERE region_id IS NOT NULL`)).toBe(20);
    expect(
      await count(sql`SELECT count(*)::int AS n FROM programs WHERE kind = 'retraining' AND hours >= 250`),
    ).toBe(2);
    const registry = await count(sql`SELECT count(*)::int AS n FROM programs WHERE federal_registry`);
    expect(registry).toBeGreaterThanOrEqual(8);
    expect(registry).toBeLessThanOrEqual(12);
    for (const d of [
      'quality_assessment',
      'low_results',
      'talents',
      'career_guidance',
      'upbringing',
      'preschool_quality',
    ])
      expect(
        await count(sql`SELECT count(*)::int AS n FROM programs WHERE ${d} = ANY(priority_directions)`),
        d,
      ).toBeGreaterThan(0);
    // Every teacher competency but two is addressed by a program.
    const uncovered = await db.query<{ code: string }>(sql`
      SELECT c.code FROM competencies c JOIN competency_frameworks f ON f.id = c.framework_id
      WHERE f.code = 'teacher-544n'
        AND NOT EXISTS (SELECT 1 FROM program_competencies pc WHERE pc.competency_id = c.id)
      ORDER BY c.code`);
    expect(uncovered.map((r) => r.code)).toEqual(['T-COMM-01', 'T-MGMT-01']);
    const [cohorts] = await db.query<{
      programs: number;
      min_seats: number;
      max_seats: number;
      first: string;
      last: string;
    }>(sql`
      SELECT count(DISTINCT program_id)::int AS programs, min(seats) AS min_seats, max(seats) AS max_seats,
             min(starts_on) AS first, max(starts_on) AS last FROM program_cohorts WHERE starts_on > '2026-07-01'`);
    expect(cohorts!.programs).toBe(20);
    expect(cohorts!.min_seats).toBeGreaterThanOrEqual(20);
    expect(cohorts!.max_seats).toBeLessThanOrEqual(30);
    const today = new Date().toISOString().slice(0, 10);
    expect(cohorts!.first > today).toBe(true);
    // Past cohorts are those the previous cycle's completed routes went to, and only those.
    const [past] = await db.query<{ n: number; unused: number; last_end: string }>(sql`
      SELECT count(*)::int AS n, max(ends_on) AS last_end,
             count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM learning_route_items i JOIN learning_routes r ON r.id = i.route_id
                                                WHERE i.activity_id = k.id AND r.status = 'completed'))::int AS unused
      FROM program_cohorts k WHERE k.starts_on <= '2026-07-01'`);
    expect(past!.n).toBeGreaterThan(5);
    expect(past!.unused).toBe(0);
    expect(past!.last_end < '2026-06-01').toBe(true);

    const [t] = await db.query<{
      people: number;
      docs: number;
      numbers: number;
      first: string;
      last: string;
      catalog: number;
    }>(sql`
      SELECT count(DISTINCT person_id)::int AS people, count(*)::int AS docs,
             count(DISTINCT document_number)::int AS numbers, min(issued_on) AS first, max(issued_on) AS last,
             count(program_id)::int AS catalog
      FROM trainings`);
    const staff = await count(sql`SELECT count(DISTINCT person_id)::int AS n FROM employments
                                  WHERE kind = 'main' AND staff_category = 'pedagogical'`);
    expect(t!.people / staff).toBeGreaterThan(0.5);
    expect(t!.people / staff).toBeLessThan(0.75);
    expect(t!.numbers).toBe(t!.docs);
    expect(t!.first >= '2022-01-01').toBe(true);
    expect(t!.last <= today).toBe(true);
    expect(t!.catalog).toBeGreaterThan(0);
  });

  it('has the closed September campaign of the schools with results, a third with a deficit', async () => {
    const [closed] = await db.query<{
      id: string;
      status: string;
      owner_level: string;
      participants: number;
    }>(sql`
      SELECT c.id, c.status::text, c.owner_level::text,
             (SELECT count(*)::int FROM campaign_participants cp WHERE cp.campaign_id = c.id) AS participants
      FROM assessment_campaigns c WHERE c.name = ${CLOSED_CAMPAIGN_NAME}`);
    expect(closed).toMatchObject({ status: 'closed', owner_level: 'municipality' });
    // The schools' pedagogical staff (a few part-timers of other organisations teach there too).
    expect(closed!.participants).toBeGreaterThanOrEqual(263);
    expect(closed!.participants).toBeLessThan(280);
    const notSchool = await count(sql`
      SELECT count(*)::int AS n FROM campaign_participants cp JOIN organizations o ON o.id = cp.organization_id
      WHERE cp.campaign_id = ${closed!.id} AND o.kind <> 'school'`);
    expect(notSchool).toBe(0);
    const [r] = await db.query<{
      results: number;
      people: number;
      with_deficit: number;
      dates: string[];
    }>(sql`
      SELECT count(*)::int AS results, count(DISTINCT person_id)::int AS people,
             count(DISTINCT person_id) FILTER (WHERE percent < 50)::int AS with_deficit,
             array_agg(DISTINCT assessed_on::text) AS dates
      FROM competency_results WHERE campaign_id = ${closed!.id}`);
    expect(r!.people).toBe(closed!.participants);
    expect(r!.results).toBe(closed!.participants * 17);
    expect(r!.dates).toEqual([CLOSED_ASSESSED_ON]);
    expect(r!.with_deficit / r!.people).toBeGreaterThan(0.28);
    expect(r!.with_deficit / r!.people).toBeLessThan(0.45);
    // The demo teacher has deficits to build a route on.
    expect(
      await count(sql`SELECT count(*)::int AS n FROM competency_results cr JOIN users u ON u.person_id = cr.person_id
                      WHERE u.email = 'pedagog@zima.demo' AND cr.percent < 50`),
    ).toBeGreaterThanOrEqual(2);

    const methodist = await actor('metodist@zima.demo');
    // Its results were loaded from a file, not taken online: the progress says everyone has results.
    const progress = await progressByOrganization(db, methodist, closed!.id);
    const sum = (k: 'invited' | 'submitted' | 'imported' | 'submitted_online') =>
      progress.reduce((a, row) => a + row[k], 0);
    expect(sum('invited')).toBe(closed!.participants);
    expect(sum('submitted')).toBe(closed!.participants);
    expect(sum('imported')).toBe(closed!.participants);
    expect(sum('submitted_online')).toBe(0);
    const [f] = await db.query<{ id: string }>(
      sql`SELECT id FROM competency_frameworks WHERE code = 'teacher-544n'`,
    );
    const heat = await deficitHeatmap(db, methodist, { frameworkId: f!.id, by: 'organization' });
    expect(heat.competencies).toHaveLength(17);
    expect(heat.rows.length).toBeGreaterThanOrEqual(8);
    expect(heat.rows.flatMap((row) => row.cells).some((c) => c.deficit > 0)).toBe(true);
  });

  it("shows the open campaign of СОШ № 1 in the demo teacher's cabinet, not yet taken", async () => {
    const mine = await myAssessments(db, await actor('pedagog@zima.demo'));
    const open = mine.find((c) => c.name === OPEN_CAMPAIGN_NAME);
    expect(open).toMatchObject({ status: 'open', inWindow: true });
    expect(open!.instruments.map((i) => [i.kind, i.status])).toEqual([
      ['test', 'not_started'],
      ['self_assessment', 'not_started'],
    ]);
    expect(mine.find((c) => c.name === CLOSED_CAMPAIGN_NAME)).toMatchObject({
      status: 'closed',
      inWindow: false,
      imported: { results: 17, assessedOn: CLOSED_ASSESSED_ON },
    });
    expect(await count(sql`SELECT count(*)::int AS n FROM assessment_attempts`)).toBe(0);
    // A teacher of another school is not invited to it.
    const others = await count(sql`
      SELECT count(*)::int AS n FROM campaign_participants cp JOIN assessment_campaigns c ON c.id = cp.campaign_id
      JOIN organizations o ON o.id = cp.organization_id
      WHERE c.name = ${OPEN_CAMPAIGN_NAME} AND o.short_name <> 'МБОУ «СОШ № 1»'`);
    expect(others).toBe(0);
  });

  it('gives each route a curator of its school or one of the town methodists, none more than 25', async () => {
    const curators = await db.query<{
      email: string;
      role: string;
      school: string | null;
      routes: number;
      seeded: boolean;
    }>(sql`
      SELECT u.email, u.role::text, o.short_name AS school,
             (SELECT count(*)::int FROM learning_routes r WHERE r.curator_user_id = u.id
                AND r.status IN ('draft', 'agreed', 'in_progress')) AS routes,
             -- the demo's own mentees stay with their curator after generation
             (SELECT count(*)::int FROM curator_assignments ca WHERE ca.curator_user_id = u.id) >= 4 AS seeded
      FROM users u LEFT JOIN organizations o ON o.id = u.organization_id
      WHERE u.role IN ('curator', 'municipal_methodist') ORDER BY u.email`);
    expect(curators.map((c) => [c.email, c.school])).toEqual([
      ['kurator2@zima.demo', 'МБОУ «СОШ № 5»'],
      ['kurator3@zima.demo', 'МБОУ «СОШ № 7»'],
      ['kurator@zima.demo', 'МБОУ «СОШ № 1»'],
      ['metodist2@zima.demo', null],
      ['metodist3@zima.demo', null],
      ['metodist@zima.demo', null],
    ]);
    for (const c of curators) {
      expect(c.routes).toBeGreaterThan(0);
      expect(c.routes).toBeLessThanOrEqual(25);
    }
    expect(curators.filter((c) => c.role === 'curator').every((c) => c.seeded)).toBe(true);
    // A school's curator curates people of that school only; the methodists the schools without one.
    const [wrong] = await db.query<{ n: number; school_curated: number; by_methodists: number }>(sql`
      SELECT count(*) FILTER (WHERE NOT ((u.role = 'curator' AND u.organization_id = w.organization_id)
                                          OR (u.role = 'municipal_methodist' AND NOT EXISTS (
                                                SELECT 1 FROM users c WHERE c.role = 'curator'
                                                  AND c.organization_id = w.organization_id)))
                         )::int AS n,
             count(*) FILTER (WHERE u.role = 'curator')::int AS school_curated,
             count(*) FILTER (WHERE u.role = 'municipal_methodist')::int AS by_methodists
      FROM learning_routes r JOIN users u ON u.id = r.curator_user_id
      JOIN LATERAL (SELECT e.organization_id FROM employments e WHERE e.person_id = r.person_id
                    AND e.end_date IS NULL ORDER BY (e.kind = 'main') DESC, e.start_date LIMIT 1) w ON true
      WHERE r.status IN ('draft', 'agreed', 'in_progress')`);
    expect(wrong).toMatchObject({ n: 0 });
    expect(wrong!.school_curated).toBeGreaterThan(20);
    expect(wrong!.by_methodists).toBeGreaterThan(40);
  });

  it('plans varied items over the year: no month over 12 h of informal learning, concrete topics', async () => {
    const items = await db.query<{
      route_id: string;
      kind: string;
      title: string;
      planned_start: string;
      planned_end: string;
      hours: number;
    }>(sql`
      SELECT i.route_id, i.activity_kind::text AS kind, i.title, i.planned_start::text, i.planned_end::text, i.hours
      FROM learning_route_items i JOIN learning_routes r ON r.id = i.route_id
      -- as the generator planned them (a curator's own addition has no generated reason)
      WHERE r.status IN ('draft', 'agreed', 'in_progress') AND coalesce(i.reason, '') <> ''`);
    const kinds = new Set(items.map((i) => i.kind));
    // The town's upcoming events (events.demo.ts) come into routes where no program fits a deficit.
    expect([...kinds].sort()).toEqual(['event', 'mentoring', 'program', 'self_education']);
    const byRoute = new Map<string, typeof items>();
    for (const i of items) byRoute.set(i.route_id, [...(byRoute.get(i.route_id) ?? []), i]);
    const months = new Set<string>();
    for (const list of byRoute.values()) {
      // Never the same self-education twice in a route, never four in one month.
      const self = list.filter((i) => i.kind === 'self_education');
      expect(new Set(self.map((i) => i.title)).size).toBe(self.length);
      for (const i of self) expect(i.title).not.toMatch(/по компетенции/);
      const informal = new Map<string, number>();
      for (const i of list.filter((x) => x.kind !== 'program')) {
        const first = i.planned_start.slice(0, 7);
        const last = i.planned_end.slice(0, 7);
        const span: string[] = [];
        for (let m = first; m <= last; m = addMonths(`${m}-01`, 1).slice(0, 7)) span.push(m);
        for (const m of span) {
          informal.set(m, (informal.get(m) ?? 0) + i.hours / span.length);
          months.add(m);
        }
      }
      for (const h of informal.values()) expect(h).toBeLessThanOrEqual(12 + 1e-6);
    }
    // Spread over the year, not crammed into the first month.
    expect(months.size).toBeGreaterThanOrEqual(8);
    // Each route ends with its last item.
    const [ends] = await db.query<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM learning_routes r
      WHERE r.status IN ('draft', 'agreed', 'in_progress')
        AND r.period_end <> (SELECT max(i.planned_end) FROM learning_route_items i WHERE i.route_id = r.id)`);
    expect(ends!.n).toBe(0);
  });

  it("has draft routes for the people with a deficit, two of kurator@ in progress (the demo teacher's with items done), one agreed", async () => {
    const byStatus = await db.query<{ status: string; n: number }>(
      sql`SELECT status::text, count(*)::int AS n FROM learning_routes GROUP BY status ORDER BY status`,
    );
    const withDeficit = await count(sql`
      SELECT count(DISTINCT cr.person_id)::int AS n FROM competency_results cr
      JOIN assessment_campaigns c ON c.id = cr.campaign_id WHERE c.name = ${CLOSED_CAMPAIGN_NAME} AND cr.percent < 50`);
    const completed = await count(sql`
      SELECT count(*)::int AS n FROM learning_routes r JOIN assessment_campaigns c ON c.id = r.campaign_id
      WHERE c.name = ${PREVIOUS_CAMPAIGN_NAME}`);
    expect(Object.fromEntries(byStatus.map((r) => [r.status, r.n]))).toEqual({
      agreed: 1,
      completed,
      draft: withDeficit - 3,
      in_progress: 2,
    });
    expect(
      await count(sql`SELECT count(*)::int AS n FROM learning_routes WHERE curator_user_id IS NULL`),
    ).toBe(0);
    const [agreed] = await db.query<{ email: string }>(sql`
      SELECT u.email FROM learning_routes r JOIN users u ON u.id = r.curator_user_id WHERE r.status = 'agreed'`);
    expect(agreed?.email).toBe('kurator2@zima.demo');

    const teacher = await actor('pedagog@zima.demo');
    const [own] = await myRoutes(db, teacher).then((r) => r.items);
    expect(own).toMatchObject({ status: 'in_progress', itemsDone: 2, itemsAwaitingConfirmation: 1 });
    const card = await readRouteCard(db, teacher, own!.id);
    const done = card.items.filter((i) => i.status === 'done');
    // The opening meeting with the curator confirmed, the month's item (self-education or a program,
    // by what the plan puts in the demo's current month) done with a link and awaiting her.
    const confirmed = done.filter((i) => i.confirmedAt !== null);
    const awaiting = done.filter((i) => i.confirmedAt === null);
    expect(confirmed.map((i) => [i.activityKind, i.evidence?.kind])).toEqual([['mentoring', 'link']]);
    expect(awaiting.map((i) => i.evidence?.kind)).toEqual(['link']);
    const curator = await actor('kurator@zima.demo');
    expect(card.curator?.userId).toBe(curator.userId);
    const waiting = await myConfirmations(db, curator);
    expect(waiting.items.map((w) => w.routeId)).toEqual([own!.id]);
    const curated = await myCuratedRoutes(db, curator);
    expect(curated.items.filter((r) => r.status === 'in_progress')).toHaveLength(2);
    expect(curated.awaitingConfirmation).toBe(1);
  });

  it('has the previous cycle: the September 2025 diagnosis of pilot schools, a completed route for each deficit', async () => {
    const [prev] = await db.query<{
      id: string;
      status: string;
      owner_level: string;
      participants: number;
      framework: string;
    }>(sql`
      SELECT c.id, c.status::text, c.owner_level::text, f.code AS framework,
             (SELECT count(*)::int FROM campaign_participants cp WHERE cp.campaign_id = c.id) AS participants
      FROM assessment_campaigns c JOIN competency_frameworks f ON f.id = c.framework_id
      WHERE c.name = ${PREVIOUS_CAMPAIGN_NAME}`);
    expect(prev).toMatchObject({ status: 'closed', owner_level: 'municipality', framework: 'teacher-544n' });
    const [r] = await db.query<{
      people: number;
      results: number;
      with_deficit: number;
      dates: string[];
      gone: number;
    }>(sql`
      SELECT count(DISTINCT person_id)::int AS people, count(*)::int AS results,
             count(DISTINCT person_id) FILTER (WHERE percent < 50)::int AS with_deficit,
             array_agg(DISTINCT assessed_on::text) AS dates,
             -- every one of them still works in the town
             count(DISTINCT person_id) FILTER (WHERE NOT EXISTS (
               SELECT 1 FROM employments e WHERE e.person_id = cr.person_id AND e.end_date IS NULL))::int AS gone
      FROM competency_results cr WHERE campaign_id = ${prev!.id}`);
    expect(r).toMatchObject({ people: prev!.participants, results: prev!.participants * 17, gone: 0 });
    expect(r!.dates).toEqual([PREVIOUS_ASSESSED_ON]);
    expect(r!.with_deficit).toBeGreaterThanOrEqual(40);
    expect(r!.with_deficit).toBeLessThanOrEqual(60);

    const routes = await db.query<{
      id: string;
      email: string;
      baseline_on: string;
      period_start: string;
      period_end: string;
      agreed: boolean;
      completed_on: string;
      deficits: number;
      addressed: number;
      open_items: number;
      dropped_without_reason: number;
      bad_events: number;
    }>(sql`
      SELECT r.id, u.email, r.baseline_on, r.period_start, r.period_end,
             r.agreed_by_teacher_at < r.agreed_by_curator_at AS agreed, r.completed_at::date::text AS completed_on,
             (SELECT count(*)::int FROM competency_results cr WHERE cr.person_id = r.person_id
                AND cr.campaign_id = r.campaign_id AND cr.percent < 50) AS deficits,
             (SELECT count(DISTINCT x)::int FROM learning_route_items i CROSS JOIN LATERAL unnest(i.competency_ids) x
               WHERE i.route_id = r.id) AS addressed,
             (SELECT count(*)::int FROM learning_route_items i WHERE i.route_id = r.id AND NOT (
                (i.status = 'done' AND i.evidence->>'kind' = 'link' AND i.confirmed_by = r.curator_user_id
                 AND i.confirmed_at BETWEEN r.agreed_by_curator_at AND r.completed_at)
                OR i.status = 'dropped')) AS open_items,
             (SELECT count(*)::int FROM learning_route_items i WHERE i.route_id = r.id AND i.status = 'dropped'
                AND coalesce(i.dropped_reason, '') = '') AS dropped_without_reason,
             (SELECT count(*)::int FROM learning_route_events ev WHERE ev.route_id = r.id
                AND (ev.at < r.created_at OR ev.at > r.completed_at)) AS bad_events
      FROM learning_routes r JOIN users u ON u.id = r.curator_user_id
      WHERE r.campaign_id = ${prev!.id} ORDER BY r.id`);
    expect(routes).toHaveLength(r!.with_deficit);
    for (const route of routes) {
      expect(route).toMatchObject({
        baseline_on: PREVIOUS_ASSESSED_ON,
        period_start: '2025-10-01',
        period_end: '2026-06-30',
        agreed: true,
        open_items: 0,
        dropped_without_reason: 0,
        bad_events: 0,
      });
      expect(route.completed_on.slice(0, 7)).toBe('2026-06');
      // Each 2025 deficit is addressed by an item, nothing else is.
      expect(route.addressed).toBe(route.deficits);
    }
    // Curated by the pilot school's own curator, or by a town methodist where the school has none.
    const [curated] = await db.query<{ wrong: number; methodists: number }>(sql`
      SELECT count(*) FILTER (WHERE NOT (u.role = 'municipal_methodist' OR u.organization_id IN (
               SELECT e.organization_id FROM employments e WHERE e.person_id = r.person_id AND e.kind = 'main')))::int AS wrong,
             count(DISTINCT u.id) FILTER (WHERE u.role = 'municipal_methodist')::int AS methodists
      FROM learning_routes r JOIN users u ON u.id = r.curator_user_id WHERE r.campaign_id = ${prev!.id}`);
    expect(curated).toEqual({ wrong: 0, methodists: 3 });
    const kinds = await db.query<{ kind: string; n: number }>(sql`
      SELECT i.activity_kind::text AS kind, count(*)::int AS n FROM learning_route_items i
      JOIN learning_routes r ON r.id = i.route_id WHERE r.campaign_id = ${prev!.id} GROUP BY 1 ORDER BY 1`);
    expect(kinds.map((k) => k.kind)).toEqual(['mentoring', 'program', 'self_education']);
    const events = await db.query<{ kind: string; n: number }>(sql`
      SELECT ev.kind, count(*)::int AS n FROM learning_route_events ev
      JOIN learning_routes r ON r.id = ev.route_id WHERE r.campaign_id = ${prev!.id} GROUP BY 1 ORDER BY 1`);
    const byKind = Object.fromEntries(events.map((e) => [e.kind, e.n]));
    expect(byKind).toMatchObject({ created: routes.length, agreed: routes.length * 2 });
    expect(byKind.status).toBe(routes.length * 3); // agreed, started, completed
    expect(
      await count(sql`SELECT count(*)::int AS n FROM audit_log a JOIN learning_routes r ON r.id::text = a.entity_id::text
                      WHERE a.entity = 'learning_route' AND a.action = 'create' AND r.campaign_id = ${prev!.id}`),
    ).toBe(routes.length);
    // A certificate for every program done, issued on its cohort's last day.
    const [certs] = await db.query<{ done: number; certified: number }>(sql`
      SELECT count(*)::int AS done,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM trainings t WHERE t.person_id = r.person_id
               AND t.program_id = k.program_id AND t.issued_on = k.ends_on))::int AS certified
      FROM learning_route_items i JOIN learning_routes r ON r.id = i.route_id
      JOIN program_cohorts k ON k.id = i.activity_id
      WHERE r.campaign_id = ${prev!.id} AND i.status = 'done'`);
    expect(certs!.done).toBeGreaterThan(20);
    expect(certs!.certified).toBe(certs!.done);
  });

  it('imports the sample regional results file: matched rows land on their people, strangers are reported', async () => {
    const methodist = await actor('metodist@zima.demo');
    const [f] = await db.query<{ id: string }>(
      sql`SELECT id FROM competency_frameworks WHERE code = 'teacher-544n'`,
    );
    await rolledBack(async (tx) => {
      const input = {
        actor: methodist,
        frameworkId: f!.id,
        campaignId: null,
        fileName: `${SAMPLE_NAME}.xlsx`,
        data: await sampleFile('xlsx'),
        dryRun: false,
      };
      const refused = await importResults(tx, { ...input, mode: 'all' });
      expect(refused.committed).toBe(false);
      expect(
        await count(
          sql`SELECT count(*)::int AS n FROM competency_results WHERE procedure = ${SAMPLE_PROCEDURE}`,
          tx,
        ),
      ).toBe(0);

      const report = await importResults(tx, { ...input, mode: 'valid' });
      expect(report).toMatchObject({ totalRows: 27, validRows: 25, created: 25, committed: true });
      expect(report.results).toBe(25 * SAMPLE_CODES.length);
      expect(report.errors.map((e) => [e.row, e.column, e.message])).toEqual([
        [27, 'СНИЛС', 'Педагог с таким СНИЛС не найден в реестре вашей области доступа'],
        [28, 'Фамилия', 'Педагог с такими ФИО и датой рождения не найден в реестре вашей области доступа'],
      ]);
      const stored = await tx.query<{
        person_id: string;
        code: string;
        percent: number;
        assessed_on: string;
      }>(sql`
        SELECT cr.person_id, c.code, cr.percent, cr.assessed_on FROM competency_results cr
        JOIN competencies c ON c.id = cr.competency_id WHERE cr.procedure = ${SAMPLE_PROCEDURE}`);
      const got = new Map(stored.map((r) => [`${r.person_id}|${r.code}`, r.percent]));
      for (const row of sampleRows().filter((r) => r.personId))
        for (const [code, percent] of Object.entries(row.percents))
          expect(got.get(`${row.personId}|${code}`), `${row.lastName} ${code}`).toBe(percent);
      expect(new Set(stored.map((r) => r.assessed_on))).toEqual(new Set([SAMPLE_DATE]));
    });
  });

  it('fills the bank of practices: 30 materials, the council, self-education pointing at them', async () => {
    expect(DEMO_PRACTICES).toHaveLength(30);
    const byStatus = await db.query<{ status: string; n: number }>(sql`
      SELECT status::text, count(*)::int AS n FROM practice_materials GROUP BY status ORDER BY status`);
    expect(Object.fromEntries(byStatus.map((r) => [r.status, r.n]))).toEqual({
      draft: 1,
      on_moderation: 2,
      published: 26,
      returned: 1,
    });
    expect(
      await count(sql`SELECT count(*)::int AS n FROM practice_materials m
      WHERE NOT EXISTS (SELECT 1 FROM practice_material_authors a WHERE a.material_id = m.id)`),
    ).toBe(0);
    expect(
      await count(sql`SELECT count(*)::int AS n FROM communities WHERE kind = 'methodical_council'`),
    ).toBe(1);
    // The teacher sees the published ones and her own two; the council member may moderate.
    const teacher = await actor('pedagog@zima.demo');
    const { listFor } = await import('../practices/practices.service.ts');
    const bank = await listFor({ db }, teacher, {});
    expect(bank.total).toBe(26);
    // The demo's materials have no creator: the flags are still plain booleans.
    expect(bank.items.every((m) => m.canEdit === false && m.canModerate === false)).toBe(true);
    expect((await listFor({ db }, teacher, { mine: 'true' })).total).toBe(2);
    const curator = await listFor({ db }, await actor('kurator@zima.demo'), { status: 'on_moderation' });
    expect(curator).toMatchObject({ canModerate: true, total: 2 });
    // Self-education items point at published materials of the bank.
    // (A material is used once per route, and a subject's material only for who teaches the subject:
    // the rest get a topic instead.)
    const [self] = await db.query<{ all: number; bank: number; titled: number }>(sql`
      SELECT count(*)::int AS all, count(pm.id)::int AS bank,
             count(*) FILTER (WHERE i.title = 'Самообразование: «' || pm.title || '» (банк практик)')::int AS titled
      FROM learning_route_items i
      LEFT JOIN practice_materials pm ON pm.id = i.activity_id AND pm.status = 'published'
      WHERE i.activity_kind = 'self_education' AND coalesce(i.reason, '') <> ''`);
    expect(self!.bank).toBeGreaterThan(self!.all * 0.5);
    expect(self!.titled).toBe(self!.bank);
    expect(
      await count(sql`SELECT count(*)::int AS n FROM learning_route_items i
      JOIN learning_routes r ON r.id = i.route_id JOIN practice_materials pm ON pm.id = i.activity_id
      WHERE i.activity_kind = 'self_education' AND cardinality(pm.subjects) > 0
        AND NOT EXISTS (SELECT 1 FROM employments e, unnest(e.subjects) es, unnest(pm.subjects) ms
                        WHERE e.person_id = r.person_id AND e.end_date IS NULL AND lower(es) = lower(ms))`),
    ).toBe(0);
  });

  it("loads the town's approved plan of events: past ones attended with certificates, upcoming ones open", async () => {
    const day = clock.today();
    const [plan] = await db.query<{ status: string; school_year: number; approver: string; n: number }>(sql`
      SELECT pl.status::text, pl.school_year, u.email AS approver,
             (SELECT count(*)::int FROM events e WHERE e.plan_id = pl.id) AS n
      FROM event_plans pl JOIN users u ON u.id = pl.approved_by`);
    expect(plan).toEqual({
      status: 'approved',
      school_year: schoolYearOf(day),
      approver: 'komitet@zima.demo',
      n: DEMO_EVENTS.length,
    });
    expect(demo?.content.events.events).toBe(DEMO_EVENTS.length);

    // Every attended registration of a past event has exactly one valid certificate; absent ones none.
    const past = await db.query<{ attended: boolean; certs: number }>(sql`
      SELECT r.attended, (SELECT count(*)::int FROM event_certificates c
                          WHERE c.registration_id = r.id AND c.status = 'valid' AND c.kind <> 'diploma') AS certs
      FROM event_registrations r JOIN events e ON e.id = r.event_id WHERE e.ends_on < ${day}::date`);
    expect(past.filter((r) => r.attended).length).toBe(demo?.content.events.attended);
    expect(past.filter((r) => r.attended === false).length).toBeGreaterThan(0);
    for (const r of past) expect(r.certs).toBe(r.attended ? 1 : 0);
    expect(await count(sql`SELECT count(*)::int AS n FROM event_certificates`)).toBe(
      demo!.content.events.certificates + demo!.content.events.diplomas,
    );

    // The contest «Новая смена»: published results, an entry from each young teacher who came,
    // three jurors' full sheets, one winner per nomination, and a diploma for each place — not for everyone.
    const [contest] = await db.query<{
      published: boolean;
      entries: number;
      came: number;
      jurors: number;
      sheets: number;
      winners: number;
      diplomas: number;
      placed: number;
    }>(sql`
      SELECT c.published_at IS NOT NULL AS published,
             (SELECT count(*)::int FROM contest_entries x WHERE x.event_id = e.id) AS entries,
             (SELECT count(*)::int FROM event_registrations r WHERE r.event_id = e.id AND r.role = 'participant' AND r.attended) AS came,
             (SELECT count(*)::int FROM event_registrations r WHERE r.event_id = e.id AND r.role = 'jury') AS jurors,
             (SELECT count(*)::int FROM contest_scores s JOIN contest_entries x ON x.id = s.entry_id WHERE x.event_id = e.id) AS sheets,
             (SELECT count(*)::int FROM contest_entries x WHERE x.event_id = e.id AND x.outcome = 'winner') AS winners,
             (SELECT count(*)::int FROM event_certificates d JOIN event_registrations r ON r.id = d.registration_id
               WHERE r.event_id = e.id AND d.kind = 'diploma' AND d.status = 'valid') AS diplomas,
             (SELECT count(*)::int FROM contest_entries x WHERE x.event_id = e.id AND x.outcome <> 'participant') AS placed
      FROM events e JOIN contests c ON c.event_id = e.id WHERE e.number = '3.2.'`);
    expect(contest).toMatchObject({ published: true, jurors: 3, winners: 2 });
    expect(contest!.entries).toBe(contest!.came);
    expect(contest!.entries).toBe(demo?.content.events.contestEntries);
    expect(contest!.sheets).toBe(contest!.entries * 3 * 3);
    expect(contest!.diplomas).toBe(contest!.placed);
    expect(contest!.placed).toBeLessThan(contest!.entries);
    expect(contest!.diplomas).toBe(demo?.content.events.diplomas);

    // The demo teacher: a participant certificate and a presenter's gratitude, one upcoming registration.
    const teacher = await actor('pedagog@zima.demo');
    const mine = await db.query<{ kind: string; role: string }>(sql`
      SELECT kind::text, role::text FROM event_certificates WHERE person_id = ${teacher.personId} ORDER BY kind`);
    expect(mine).toEqual([
      { kind: 'gratitude', role: 'presenter' },
      { kind: 'participant', role: 'participant' },
    ]);
    const upcoming = await db.query<{ status: string }>(sql`
      SELECT r.status::text FROM event_registrations r JOIN events e ON e.id = r.event_id
      WHERE r.person_id = ${teacher.personId} AND e.starts_on > ${day}::date`);
    expect(upcoming).toEqual([{ status: 'confirmed' }]);

    // The full seminar holds its capacity and keeps a waiting list; the lyceum's platform awaits approval.
    const seats = await db.query<{
      number: string;
      capacity: number;
      held: number;
      waiting: number;
      pending: number;
    }>(
      sql`SELECT e.number, e.capacity,
             count(*) FILTER (WHERE r.status IN ('confirmed', 'pending'))::int AS held,
             count(*) FILTER (WHERE r.status = 'waitlisted')::int AS waiting,
             count(*) FILTER (WHERE r.status = 'pending')::int AS pending
           FROM events e JOIN event_registrations r ON r.event_id = e.id
           WHERE e.number IN ('6.5.', '2.1.') GROUP BY e.number, e.capacity ORDER BY e.number`,
    );
    expect(seats).toEqual([
      { number: '2.1.', capacity: 20, held: 4, waiting: 0, pending: 4 },
      { number: '6.5.', capacity: 15, held: 15, waiting: 3, pending: 0 },
    ]);
    // Upcoming events are open for registration today and address competencies the routes can use.
    const open = await db.query<{ n: number; with_comps: number }>(sql`
      SELECT count(*)::int AS n,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM event_competencies ec WHERE ec.event_id = e.id))::int AS with_comps
      FROM events e WHERE e.starts_on > ${day}::date
        AND e.registration_opens_on <= ${day}::date AND e.registration_closes_on >= ${day}::date`);
    expect(open).toEqual([{ n: 6, with_comps: 6 }]);
    // The route generator, run after the plan, proposed them in routes (a deficit, a seat, the target group).
    const inRoutes = await db.query<{ n: number; over: number }>(sql`
      SELECT count(*)::int AS n,
             count(*) FILTER (WHERE e.capacity IS NOT NULL AND e.capacity < (
               SELECT count(*) FROM learning_route_items j WHERE j.activity_id = e.id))::int AS over
      FROM learning_route_items i JOIN events e ON e.id = i.activity_id
      WHERE i.activity_kind = 'event' AND e.starts_on > ${day}::date`);
    expect(inRoutes[0]!.n).toBeGreaterThan(0);
    expect(inRoutes[0]!.over).toBe(0);
  });

  it('has the town’s communities of 001: 33 ГМО, the councils, the reserve school, mentoring', async () => {
    const methodist = await actor('metodist@zima.demo');
    const deps = { db };
    const c = demo!.content.communities;
    // 001 §7.1: 33 city associations, each led, each with members and the meetings held so far.
    const gmo = await listCommunities(deps, methodist, { kind: 'gmo' });
    expect(gmo.total).toBe(33);
    expect(c.associations).toBe(33);
    expect(gmo.items.filter((g) => g.name.startsWith('ГМО учителей') && g.subject).length).toBe(16);
    expect(gmo.items.every((g) => g.leader !== null && g.membersCount > 0)).toBe(true);
    expect(gmo.items.every((g) => g.planItems === 4 && g.meetingsPlanned === 4)).toBe(true);
    const held = gmo.items.reduce((s, g) => s + g.meetingsHeld, 0);
    const day = clock.today();
    const heldDates = ['09-16', '11-18', '02-10', '05-19'].filter((md) => {
      const y = schoolYearOf(day);
      return `${md < '09' ? y + 1 : y}-${md}` <= day;
    }).length;
    expect(held).toBe(33 * heldDates);
    // The councils of 1.1 and the young teachers' council, the club and the school of the young.
    const all = await listCommunities(deps, methodist, {});
    const kinds = all.items.map((x) => x.kind).filter((k) => k !== 'gmo');
    expect(kinds.sort()).toEqual(
      [
        'coordination_council',
        'council',
        'methodical_council',
        'mentors_club',
        'young_teacher_school',
        'young_teachers_council',
      ].sort(),
    );
    // Every held meeting has its attendance and minutes with decisions.
    const [minutes] = await db.query<{ held: number; without: number }>(sql`
      SELECT count(*)::int AS held,
             count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM community_attendance a WHERE a.meeting_id = m.id)
                              OR m.minutes IS NULL)::int AS without
      FROM community_meetings m WHERE m.status = 'held'`);
    expect(minutes).toEqual({ held: c.meetingsHeld, without: 0 });
    // 1.3: fifteen active reservists, each with a four-step training plan; 5.4: ten in the region's bank.
    const reserve = await db.query<{ kind: string; n: number; items: number }>(sql`
      SELECT m.kind::text, count(*)::int AS n,
             min((SELECT count(*) FROM membership_training_items t WHERE t.membership_id = m.id))::int AS items
      FROM memberships m WHERE m.status = 'active' AND m.kind IN ('manager_reserve', 'regional_reserve_bank')
      GROUP BY m.kind ORDER BY m.kind`);
    expect(reserve).toEqual([
      { kind: 'manager_reserve', n: 15, items: 4 },
      { kind: 'regional_reserve_bank', n: 10, items: 0 },
    ]);
    // Mentoring: programs with an order where a regulation is, most young specialists with a mentor.
    const m = (await mentoringSummary(deps, methodist)).totals;
    expect(m).toMatchObject({ programs: c.mentoringPrograms, mentors: c.mentors, openPairs: c.pairs });
    expect(m.young).toBe(c.youngSpecialists);
    expect(m.youngWithMentor).toBe(c.pairs);
    // About two thirds: short of 001's 70 %, so the dashboard and the warnings have work to show.
    expect(m.youngWithMentor / m.young).toBeGreaterThan(0.6);
    expect(m.youngWithMentor / m.young).toBeLessThan(0.7);
    // The club «Мы вместе» gathers exactly the mentors.
    const club = all.items.find((x) => x.kind === 'mentors_club')!;
    expect(club.membersCount).toBe(c.mentors);
  });

  it('fills no bell and no outbox: the demo produces no notifications of its own doing', async () => {
    // The demo writes in one transaction through the services, never through the HTTP routes that
    // emit events (emit refuses to run inside a transaction), so nothing is told to anyone.
    expect(await count(sql`SELECT count(*)::int AS n FROM notifications`)).toBe(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM mail_outbox`)).toBe(0);
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name LIKE 'notifications%' OR name = 'mail-send'`,
      ),
    ).toBe(0);
    // The first daily pass tells only of real deadlines: the forms overdue within the week, the
    // items of agreed or running routes due in three days — what a user would expect that morning.
    await rolledBack(async (tx) => {
      const day = clock.today();
      await notifyDeadlines(tx, day);
      const told = await tx.query<{ kind: string; due: boolean }>(sql`
        SELECT n.kind::text,
               (n.kind = 'form_overdue' OR EXISTS (
                  SELECT 1 FROM learning_route_items i JOIN learning_routes r ON r.id = i.route_id
                  JOIN users u ON u.person_id = r.person_id
                  WHERE u.id = n.recipient_user_id AND i.planned_end = ${day}::date + 3
                    AND i.status IN ('planned', 'in_progress') AND r.status IN ('agreed', 'in_progress'))
                OR EXISTS (SELECT 1 FROM form_submissions s JOIN form_assignments a ON a.id = s.assignment_id
                           WHERE a.due_on = ${day}::date + 3)) AS due
        FROM notifications n`);
      for (const n of told) expect(n).toMatchObject({ due: true });
      expect(told.every((n) => n.kind === 'deadline_soon' || n.kind === 'form_overdue')).toBe(true);
    });
  });

  it('does nothing the second time', async () => {
    expect(await loadDemoIfEmpty(db)).toBeNull();
    expect(await count(sql`SELECT count(*)::int AS n FROM organizations`)).toBe(19);
  });
});

describe('the effect of the previous cycle, by API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await loadDemoIfEmpty(t.db);
  });
  afterAll(async () => t.close());

  it('shows the methodist closed deficits, completed routes, a route with its effect and the 6.x measures', async () => {
    const methodist = await t.login({ email: 'metodist@zima.demo', password: DEMO_PASSWORD });
    const [f] = await t.db.query<{ id: string }>(
      sql`SELECT id FROM competency_frameworks WHERE code = 'teacher-544n'`,
    );
    const summary = await methodist.get(`/api/routes/effect-summary?frameworkId=${f!.id}`);
    expect(summary.status).toBe(200);
    const [completed] = await t.db.query<{ n: number; id: string }>(sql`
      SELECT count(*)::int AS n, min(r.id::text) AS id FROM learning_routes r
      JOIN assessment_campaigns c ON c.id = r.campaign_id
      WHERE c.name = ${PREVIOUS_CAMPAIGN_NAME} AND r.status = 'completed'`);
    expect(completed!.n).toBeGreaterThanOrEqual(40);
    expect(summary.body.routes.completed).toBe(completed!.n);
    const comps = summary.body.competencies as {
      code: string;
      reassessed: number;
      closed: number;
      stillDeficit: number;
    }[];
    const closedSomewhere = comps.filter((c) => c.reassessed > 0 && c.closed > 0);
    expect(closedSomewhere.length).toBeGreaterThanOrEqual(5);
    const total = comps.reduce(
      (a, c) => ({ closed: a.closed + c.closed, reassessed: a.reassessed + c.reassessed }),
      {
        closed: 0,
        reassessed: 0,
      },
    );
    // Most, not all, of the 2025 deficits are closed a year later.
    expect(total.closed / total.reassessed).toBeGreaterThan(0.6);
    expect(total.closed / total.reassessed).toBeLessThan(0.9);
    expect(comps.some((c) => c.stillDeficit > 0)).toBe(true);

    const effect = await methodist.get(`/api/routes/${completed!.id}/effect`);
    expect(effect.status).toBe(200);
    expect(effect.body.baselineOn).toBe(PREVIOUS_ASSESSED_ON);
    for (const c of effect.body.competencies) {
      expect(c.beforeLevel).toBe('deficit');
      expect(c.afterOn).toBe(CLOSED_ASSESSED_ON);
      expect(c.closed).toBe(c.after >= 75);
    }
    // Some completed route lists closed competencies.
    const [closedRoute] = await t.db.query<{ id: string }>(sql`
      SELECT r.id FROM learning_routes r JOIN learning_route_items i ON i.route_id = r.id
      JOIN competency_results cr ON cr.person_id = r.person_id AND cr.competency_id = i.competency_id
      WHERE r.status = 'completed' AND cr.assessed_on = ${CLOSED_ASSESSED_ON} AND cr.percent >= 75
      ORDER BY r.id LIMIT 1`);
    const closedEffect = await methodist.get(`/api/routes/${closedRoute!.id}/effect`);
    expect(
      closedEffect.body.competencies.filter((c: { closed: boolean }) => c.closed).length,
    ).toBeGreaterThan(0);

    // 6.1–6.6 from the engine over the pilot cycle (routes made in autumn 2025, completed in June 2026)
    const measures = await methodist.get('/api/routes/measures?year=2026');
    expect(measures.status).toBe(200);
    const topics = (
      measures.body.indicators as { code: string; numerator: number | null; denominator: number | null }[]
    ).filter((x) => x.code.startsWith('6.'));
    expect(topics).toHaveLength(6);
    for (const x of topics) expect(x.numerator ?? 0).toBeLessThanOrEqual(x.denominator ?? 0);

    // A director of a school sees only the effect of her own school's routes.
    const head = await t.login({ email: 'licey@zima.demo', password: DEMO_PASSWORD });
    const own = await head.get(`/api/routes/effect-summary?frameworkId=${f!.id}`);
    expect(own.status).toBe(200);
    expect(own.body.routes.total).toBeLessThan(summary.body.routes.total);
    const [foreign] = await t.db.query<{ id: string }>(sql`
      SELECT r.id FROM learning_routes r JOIN users u ON u.email = 'licey@zima.demo'
      WHERE r.status = 'completed' AND NOT EXISTS (SELECT 1 FROM employments e WHERE e.person_id = r.person_id
        AND e.organization_id = u.organization_id) ORDER BY r.id LIMIT 1`);
    expect((await head.get(`/api/routes/${foreign!.id}/effect`)).status).toBe(404);
  });
});

describe('monitoring: the town form and the 003 preset, by API', () => {
  let t: TestApp;
  const q = `asOf=${MONITORING_PERIOD.end}&periodStart=${MONITORING_PERIOD.start}&periodEnd=${MONITORING_PERIOD.end}`;
  beforeAll(async () => {
    t = await startTestApp();
    await loadDemoIfEmpty(t.db);
  });
  afterAll(async () => t.close());

  it('has the form assigned to the schools and kindergartens: most accepted, two submitted, one returned, two pending', async () => {
    const methodist = await t.login({ email: 'metodist@zima.demo', password: DEMO_PASSWORD });
    const forms = await methodist.get('/api/forms');
    expect(forms.status).toBe(200);
    const form = forms.body.items.find((f: any) => f.name === MONITORING_FORM_NAME);
    expect(form).toMatchObject({ ownerLevel: 'municipality', canEdit: true, assignmentCount: 1 });
    const measured = form.fields.filter((f: any) => f.measureCode).map((f: any) => f.measureCode);
    for (const code of ['zemsky_vacancies_closed_share', 'orgs_using_platform_share', 'fr_trained_iro'])
      expect(measured).toContain(code);
    expect(form.fields.find((f: any) => f.code === 'management_team')).toMatchObject({ min: 0, max: 1 });

    const list = await methodist.get(`/api/form-assignments?formId=${form.id}`);
    const [a] = list.body.items;
    expect(a).toMatchObject({ periodStart: MONITORING_PERIOD.start, periodEnd: MONITORING_PERIOD.end });
    expect(a.dueOn < new Date().toISOString().slice(0, 10)).toBe(true);
    const [{ n: kinds }] = (await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM organizations WHERE kind IN ('school', 'preschool')`,
    )) as [{ n: number }];
    expect(a.counts).toMatchObject({
      total: kinds,
      submitted: 2,
      returned: 1,
      pending: 2,
      reminded: 1,
      draft: 0,
    });
    expect(a.counts.accepted).toBe(kinds - 5);

    // The head of СОШ № 1 sees the returned answer with the methodist's comment.
    const head = await t.login({ email: 'sosh1@zima.demo', password: DEMO_PASSWORD });
    const mine = await head.get('/api/my/form-submissions');
    expect(mine.status).toBe(200);
    expect(JSON.stringify(mine.body)).toContain(MONITORING_RETURN_COMMENT);
    // Another school's answer stays hidden from her.
    const [lyceum] = await t.db.query<{ id: string }>(sql`
      SELECT s.id FROM form_submissions s JOIN organizations o ON o.id = s.organization_id
      WHERE o.short_name = ${TOWN_SHARES_ORG}`);
    expect((await head.get(`/api/form-submissions/${lyceum!.id}`)).status).toBe(404);
  });

  it('loading 003 in one action shows manual indicators fed by the accepted forms and derived ones computed', async () => {
    const methodist = await t.login({ email: 'metodist@zima.demo', password: DEMO_PASSWORD });
    const loaded = await methodist.post('/api/indicator-presets/p003/load', {});
    expect(loaded.status).toBe(201);
    const setId = loaded.body.setId;
    const res = await methodist.get(`/api/indicator-sets/${setId}/values?${q}`);
    expect(res.status).toBe(200);
    const values = new Map<string, any>(res.body.indicators.map((v: any) => [v.code, v]));
    expect(values.size).toBe(27);
    // Manual ones: the town-wide shares from the lyceum's accepted answer, not «manual_missing».
    const manual = {
      '4.2': 50,
      '4.6': 0,
      '5.1': 62.5,
      '7.2': 100,
      '7.4': 100,
      '9.1': 100,
      '10.1': 75,
    };
    for (const [code, value] of Object.entries(manual))
      expect(values.get(code), code).toMatchObject({ derived: false, status: 'ok', value });
    // Derived ones compute from the demo's staff, assessments, routes and trainings. The demo has no
    // managers' diagnosis (1.2 has no data, 2.2 has nobody to divide by) and no kindergarten routes (6.6).
    // 7.1 and 7.3 count mentoring programs and pairs, which the demo does not record: a real 0.
    const noData = ['1.2', '2.2', '6.6'];
    const derived = [...values.values()].filter((v) => v.derived);
    expect(derived).toHaveLength(20);
    expect(values.get('7.3')).toMatchObject({ status: 'ok', value: 0, numerator: 0 });
    for (const v of derived.filter((d) => !noData.includes(d.code)))
      expect(v, v.code).toMatchObject({ status: 'ok', value: expect.any(Number) });
    expect(derived.filter((v) => !noData.includes(v.code) && v.value > 0).length).toBeGreaterThanOrEqual(15);
    expect(values.get('1.2')).toMatchObject({ status: 'no_data', value: null, numerator: 0 });
    expect(values.get('2.2')?.status).toBe('empty_denominator');
    expect(values.get('6.6')?.status).toBe('empty_denominator');
    // Every indicator carries its 2022–2025 targets as the document gives them.
    const set = await methodist.get(`/api/indicator-sets/${setId}`);
    const years = (set.body.indicators as any[]).flatMap((i) => i.targets.map((x: any) => x.year));
    expect(new Set(years)).toEqual(new Set([2022, 2023, 2024, 2025]));

    // A monitoring over the school year, closed: frozen figures drill down to names.
    const created = await methodist.post('/api/monitorings', {
      setId,
      name: 'Мониторинг системы профессионального развития 2025/2026',
      periodStart: MONITORING_PERIOD.start,
      periodEnd: MONITORING_PERIOD.end,
      asOf: MONITORING_PERIOD.end,
      targetYear: 2025,
      schedule: 'ежегодно, сентябрь',
      responsible: 'Информационно-методический сектор',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const closed = await methodist.post(`/api/monitorings/${id}/close`);
    expect(closed.body.status).toBe('closed');
    const frozen = await methodist.get(`/api/monitorings/${id}`);
    const young = frozen.body.values.indicators.find((i: any) => i.code === '4.1');
    expect(young).toMatchObject({ numerator: values.get('4.1').numerator, value: values.get('4.1').value });
    const drill = await methodist.get(
      `/api/monitorings/${id}/drilldown?indicatorId=${young.indicatorId}&part=numerator`,
    );
    expect(drill.status).toBe(200);
    expect(drill.body).toMatchObject({ frozen: true, memberKind: 'person' });
    expect(drill.body.items).toHaveLength(values.get('4.1').numerator);
    for (const item of drill.body.items) expect(item.name).toMatch(/^\S+ \S+/);
    // A manual figure is frozen as entered; it has no list of people behind it.
    const zemsky = frozen.body.values.indicators.find((i: any) => i.code === '4.2');
    expect(zemsky).toMatchObject({ value: 50, status: 'ok' });
  });

  it('loading 001 (Зима) shows its form-fed indicators with the schools’ counts', async () => {
    const methodist = await t.login({ email: 'metodist@zima.demo', password: DEMO_PASSWORD });
    const loaded = await methodist.post('/api/indicator-presets/p001/load', {});
    expect(loaded.status).toBe(201);
    const res = await methodist.get(`/api/indicator-sets/${loaded.body.setId}/values?${q}`);
    const values = new Map<string, any>(res.body.indicators.map((v: any) => [v.code, v]));
    // Counts the organizations answered, divided by what the platform derives; all plausible shares.
    const fed = ['5', '7.1', '7.2'];
    for (const code of fed) {
      const v = values.get(code);
      expect(v, code).toMatchObject({ derived: false, status: 'ok' });
      expect(v.numerator, code).toBeGreaterThan(0);
      expect(v.value, code).toBeLessThanOrEqual(100);
    }
    // The methodical sector's own figures are the methodist's to enter for the town, not the schools'.
    expect(values.get('2')?.status).toBe('manual_missing');
    // Associations and support of young teachers come from the communities and mentoring modules now.
    for (const code of ['6', 'М6.3', 'М7.11'])
      expect(values.get(code), code).toMatchObject({ derived: true, status: 'ok' });
    // Table 2's forecasts come from the plan of events now: none in 2025/2026 (the demo's events lie
    // around today), so zero there, and counted over the last 60 days.
    const fromEvents = ['3', '4', 'М6.2', 'М6.4', 'М6.6', 'М7.7', 'М8.2'];
    for (const code of fromEvents) {
      expect(values.get(code), code).toMatchObject({ derived: true, status: 'ok', numerator: 0 });
    }
    const day = clock.today();
    const now = await methodist.get(
      `/api/indicator-sets/${loaded.body.setId}/values?asOf=${day}&periodStart=${clock.addDays(day, -60)}&periodEnd=${day}`,
    );
    const current = new Map<string, any>(now.body.indicators.map((v: any) => [v.code, v]));
    expect(fromEvents.some((code) => current.get(code)?.numerator > 0)).toBe(true);
  });
});

describe('loadDataset', () => {
  it('streams a region in chunks, set-wise, next to the demo', async () => {
    const stream = regionDatasetStream({ organizations: 120, staff: 3_000, seed: 3 });
    await rolledBack(async (tx) => {
      const result = await loadDataset(tx, stream, { chunkSize: 700 });
      console.info(`region of 120 organisations / 3 000 staff loaded on ${db.kind} in ${result.ms} ms`);
      expect(result).toMatchObject({ organizations: 120, people: 3_000 });
      const [r] = await tx.query<{ orgs: number; people: number; emps: number }>(sql`
      SELECT (SELECT count(*)::int FROM organizations WHERE region_id = ${result.regionId}) AS orgs,
             (SELECT count(*)::int FROM people WHERE region_id = ${result.regionId}) AS people,
             (SELECT count(*)::int FROM employments e JOIN organizations o ON o.id = e.organization_id
               WHERE o.region_id = ${result.regionId}) AS emps`);
      expect(r).toEqual({ orgs: 120, people: 3_000, emps: result.employments });
    });
  });
});
